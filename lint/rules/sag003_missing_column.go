package rules

import (
	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/legal"
)

func init() {
	register(&Rule{
		ID:       "SAG003",
		Name:     "missing-column",
		Severity: finding.Warning,
		Summary:  i18n.N("the map declares a column the dataset lacks"),
		Legal:    []*Citation{legal.Order2Stk1, legal.GDPR24},
		Doc: `The map documents the data the model is trained on (GDPR art. 24(1)). An entry
for a column that is not in the dataset means the documentation and the data
have drifted apart: the column was renamed, dropped, or the map describes
another dataset. Documentation that does not match the data documents nothing.

The rule fires, once per dataset, for each exact key that names no column and
each glob that matches none. When an undeclared column's name is close to the
key (hours-per-week for hours_per_week), the finding suggests it as the
column's new name; SAG001 reports that column.

Fix: rename the entry to the column's current name, or remove the entry.`,
		OrderDoc: `The documentation is what BEK § 2, stk. 1 requires: how the technology was
used and from which information source the personal data were obtained.`,
		Bad: `# dataset has: uddannelsesniveau
features:
  uddannelse: {source: Uddannelsesregistret, context: education}`,
		Good: `features:
  uddannelsesniveau: {source: Uddannelsesregistret, context: education}`,
		Scope: ScopeDataset,
		Check: checkMissingColumn,
	})
}

func checkMissingColumn(p *Pass) {
	used := make(map[*featuremap.Feature]bool, len(p.Columns))
	for _, c := range p.Columns {
		if c.Feature != nil {
			used[c.Feature] = true
		}
	}
	p.features(func(f *featuremap.Feature) {
		if used[f] {
			return
		}
		msg := p.Sprintf("the map declares column %q but the dataset has no such column", f.Key)
		if f.Glob {
			// A glob may lose every match to an exact key or a longer glob.
			for _, c := range p.Columns {
				if featuremap.GlobMatch(f.Key, c.Path) {
					return
				}
			}
			msg = p.Sprintf("the map declares pattern %q but no dataset column matches it", f.Key)
		}
		fix := p.Sprintf("rename the entry to the column's current name, or remove it")
		if !f.Glob {
			if c := p.renamedColumn(f.Key); c != "" {
				msg += p.Sprintf(" (did you mean %q? the dataset has that column and the map does not declare it)", c)
				fix = p.Sprintf("rename the entry to %q if that is the column's current name, or remove it", c)
			}
		}
		p.Report(Report{
			Column:  f.Key,
			Pos:     f.Pos,
			Message: msg,
			Fix:     fix,
		})
	})
}
