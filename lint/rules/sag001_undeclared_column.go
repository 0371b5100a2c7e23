package rules

import (
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/legal"
)

func init() {
	register(&Rule{
		ID:       "SAG001",
		Name:     "undeclared-column",
		Severity: finding.Error,
		Summary:  i18n.N("a dataset column has no entry in the map"),
		Legal:    []*Citation{legal.Order2Stk1, legal.Order1Stk4, legal.GDPR24, legal.GDPR5c},
		Doc: `Every column of a training or feature dataset is data processed to train a
model. The controller must be able to demonstrate that the processing complies
with the GDPR (art. 24(1)), and personal data must be relevant and limited to
what is necessary for the purpose (art. 5(1)(c)). A column the map does not
mention has no declared source, context, role or relevance; nobody has decided
that it belongs in the model.

The rule fires once per dataset column that no key among the map's columns
(features:) matches — neither its exact dotted path (address.postcode) nor a
glob (emb_*). Hive partition columns (year=2024/) count as columns. When the map
has an entry that matches no column and whose key is close to the column's name
(hours_per_week for hours-per-week), the finding suggests it: the column was
probably renamed, and SAG003 reports the entry.

Fix: declare the column among the map's columns (features:) with its role and,
for inputs, its source, context and relevance; or drop it from the dataset.
Columns that are not model inputs can be declared as metadata (role: metadata).`,
		OrderDoc: `Training a model is processing under BEK § 1, stk. 4, and the municipality
must document from which information source the personal data were obtained
(BEK § 2, stk. 1).`,
		Bad: `# dataset columns: alder, koen, antal_adresseskift_5aar
features:
  alder: {source: CPR, context: civil-registration, relevance: Age decides which youth rules apply (memo 2025-14).}`,
		Good: `features:
  alder: {source: CPR, context: civil-registration, relevance: Age decides which youth rules apply (memo 2025-14).}
  koen: {role: protected, source: CPR}
  antal_adresseskift_5aar: {role: metadata}`,
		Scope: ScopeDataset,
		Check: checkUndeclaredColumn,
	})
}

func checkUndeclaredColumn(p *Pass) {
	for _, c := range p.Columns {
		if c.Feature != nil {
			continue
		}
		msg := p.Sprintf("column %q (%s) is not declared in the map, so its source, context and relevance are undocumented", c.Path, c.Type)
		if c.Partition {
			msg = p.Sprintf("partition column %q (%s) is not declared in the map, so its source, context and relevance are undocumented", c.Path, c.Type)
		}
		r := Report{
			Column:  c.Path,
			Message: msg,
			Fix:     p.Sprintf("declare %q among the map's columns (features:) with its role, source, context and relevance, or remove it from the dataset", c.Path),
		}
		if f := p.renamedEntry(c.Path); f != nil {
			r.Message += p.Sprintf(" (did you mean %q? the map declares it at %s and the dataset has no such column)", f.Key, f.Pos)
			r.Fix = p.Sprintf("if it is the same column, rename the map's entry %q to %q; otherwise ", f.Key, c.Path) + r.Fix
		}
		p.Report(r)
	}
}
