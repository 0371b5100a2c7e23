package rules

import (
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/legal"
)

func init() {
	register(&Rule{
		ID:       "SAG103",
		Name:     "special-category",
		Severity: finding.Error,
		Summary:  i18n.N("an input is GDPR art. 9/10 data without a declared lawful basis"),
		Legal:    []*Citation{legal.GDPR9, legal.GDPR10, legal.DBL8Stk1, legal.DBL8Stk3},
		Doc: `Special categories of personal data — racial or ethnic origin, political
opinions, religion, trade-union membership, genetic and biometric data, health,
sex life and sexual orientation (GDPR art. 9(1)) — may be processed only under
one of the exceptions of art. 9(2); data on criminal convictions and offences
only under art. 10, which in Denmark databeskyttelsesloven § 8 fills in: for
public authorities stk. 1 (only when necessary for the authority's tasks), for
private controllers stk. 3 (explicit consent or a clearly overriding legitimate
interest). A model input of such data needs its basis on record. A finding cites
art. 9(1) or art. 10 as the category requires, and § 8, stk. 1 or stk. 3 as the
kind of controller (purpose.controller) says.

The rule fires for an input whose category (declared or inferred; the policy
says which categories are special) is art. 9 or art. 10 data and whose entry
documents no lawful basis (lawful_basis).

Fix: name the exception and the national provision as the column's lawful basis
(lawful_basis), for example "GDPR art. 9(2)(b); databeskyttelseslovens § 7,
stk. 2", or for criminal-offence data "databeskyttelseslovens § 8, stk. 1"; or
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
		if pc == nil || pc.Special == "" || !c.Feature.LawfulBasis.Missing() {
			continue
		}
		article, cite := "art. 9", []*Citation{legal.GDPR9}
		if pc.Special == "art10" {
			article, cite = "art. 10", []*Citation{legal.GDPR10, legal.DBL8Stk1, legal.DBL8Stk3}
		}
		p.Report(Report{
			Cite:     cite,
			Column:   c.Path,
			Pos:      c.Pos(),
			Message:  p.Sprintf("input %q is %s, special-category data under GDPR %s, and the map names no lawful basis for it", c.Path, p.describeCategory(c), article),
			Fix:      p.Sprintf("name the GDPR %s exception and the national provision as the column's lawful basis (lawful_basis), or remove the input", article),
			Evidence: &SpecialEvidence{Category: cat, Special: pc.Special},
		})
	}
}
