package rules

import (
	"fmt"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/lint/finding"
)

func init() {
	register(&Rule{
		ID:       "SAG103",
		Name:     "special-category",
		Severity: finding.Error,
		Summary:  "an input is GDPR art. 9/10 data without `lawful_basis`",
		Legal:    []Citation{gdpr9, gdpr10},
		Doc: `Special categories of personal data — ethnic origin, political opinions,
religion, trade-union membership, genetic and biometric data, health, sex life
and sexual orientation (GDPR art. 9(1)) — may be processed only under one of
the exceptions of art. 9(2); data on criminal convictions and offences only
under art. 10. A model input of such data needs its exception on record.

The rule fires for an input whose category (declared or inferred; the policy
says which categories are special) is art. 9 or art. 10 data and whose entry
has no lawful_basis.

Fix: name the exception and the national provision in lawful_basis (for
example "GDPR art. 9(2)(b); lov om en aktiv beskæftigelsesindsats § …"), or
remove the input.`,
		Bad: `features:
  sygedage_12m:
    source: Jobcenterets sagssystem
    context: health
    category: health`,
		Good: `features:
  sygedage_12m:
    source: Jobcenterets sagssystem
    context: employment
    category: health
    lawful_basis: GDPR art. 9(2)(b); databeskyttelseslovens § 7, stk. 2
    relevance: Sickness absence decides the offer type (memo 2025-11)`,
		Scope: ScopeDataset,
		Check: checkSpecialCategory,
	})
}

func checkSpecialCategory(p *Pass) {
	if p.Policy == nil {
		return
	}
	for _, c := range p.inputs() {
		cat, _ := c.Category()
		pc := p.Policy.Lookup(cat)
		if pc == nil || pc.Special == "" || !featuremap.Missing(c.Feature.LawfulBasis) {
			continue
		}
		article := "art. 9"
		if pc.Special == "art10" {
			article = "art. 10"
		}
		p.Report(Report{
			Column:   c.Path,
			Pos:      c.Pos(),
			Message:  fmt.Sprintf("input %q is %s, special-category data under GDPR %s, and names no lawful_basis", c.Path, c.describeCategory(), article),
			Fix:      fmt.Sprintf("name the GDPR %s exception and the national provision in lawful_basis, or remove the input", article),
			Evidence: map[string]any{"category": cat, "special": pc.Special},
		})
	}
}
