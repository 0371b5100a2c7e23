package rules

import (
	"fmt"

	"github.com/saglig/saglig/lint/finding"
)

func init() {
	register(&Rule{
		ID:       "SAG001",
		Name:     "undeclared-column",
		Severity: finding.Error,
		Summary:  "a dataset column has no entry in the map",
		Legal:    []Citation{bek2stk1, bek1stk4},
		Doc: `Every column of a training or feature dataset is personal data processed to
train a model (BEK § 1, stk. 4), and the municipality must document from which
source each piece of personal data came (BEK § 2, stk. 1). A column the map does
not mention has no declared source, context, role or relevance: nobody has
decided that it belongs in the model.

The rule fires once per dataset column that no key under features: matches —
neither its exact dotted path (address.postcode) nor a glob (emb_*). Hive
partition columns (year=2024/) count as columns. When the map has an entry
that matches no column and whose key is close to the column's name
(hours_per_week for hours-per-week), the finding suggests it: the column was
probably renamed, and SAG003 reports the entry.

Fix: declare the column under features: with its role and, for inputs, its
source, context and relevance; or drop it from the dataset. Columns that are
not model inputs can be declared with role: metadata.`,
		Bad: `# dataset columns: alder, koen, antal_adresseskift_5aar
features:
  alder: {source: CPR, context: civil-registration, relevance: memo 2025-14}`,
		Good: `features:
  alder: {source: CPR, context: civil-registration, relevance: memo 2025-14}
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
		what := "column"
		if c.Partition {
			what = "partition column"
		}
		r := Report{
			Column:  c.Path,
			Message: fmt.Sprintf("%s %q (%s) is not declared in the map, so its source, context and relevance are undocumented", what, c.Path, c.Type),
			Fix:     fmt.Sprintf("add %q under features: with its role, source, context and relevance, or remove it from the dataset", c.Path),
		}
		if f := p.renamedEntry(c.Path); f != nil {
			r.Message += fmt.Sprintf(" (did you mean %q? the map declares it at %s and the dataset has no such column)", f.Key, f.Pos)
			r.Fix = fmt.Sprintf("if it is the same column, rename the map's entry %q to %q; otherwise ", f.Key, c.Path) + r.Fix
		}
		p.Report(r)
	}
}
