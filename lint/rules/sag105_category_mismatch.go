package rules

import (
	"fmt"

	"github.com/saglig/saglig/lint/classify"
	"github.com/saglig/saglig/lint/finding"
)

func init() {
	register(&Rule{
		ID:       "SAG105",
		Name:     "category-mismatch",
		Severity: finding.Warning,
		Summary:  "the column's name or values indicate a sensitive category other than the declared one",
		Legal:    []Citation{bek2stk1},
		Doc: `A declared category always wins over what saglig infers — it is what the
relevance policy judges. That makes a wrong declaration dangerous: a column of
Danish gender words declared as "education" would pass SAG102 unseen. The
documentation BEK § 2, stk. 1 asks for must describe the data as they are.

The rule fires when the column's name or sampled values strongly indicate a
sensitive category other than the declared one (weak or ambiguous evidence
never fires, nor does a declared category that covers the evidence, such as
contact for e-mail addresses). The message gives the evidence, with values
masked.

Fix: correct category:, or fix the column if it holds the wrong data.`,
		Bad: `features:
  c7:
    category: education   # values: mand, kvinde, kvinde, mand …`,
		Good: `features:
  c7:
    role: protected
    category: sex`,
		Scope: ScopeDataset,
		Check: checkCategoryMismatch,
	})
}

func checkCategoryMismatch(p *Pass) {
	for _, c := range p.Columns {
		if c.Feature == nil || c.Feature.Category == "" {
			continue
		}
		bad, reason := classify.Contradicts(c.Feature.Category, c.Class)
		if !bad {
			continue
		}
		p.Report(Report{
			Column:  c.Path,
			Pos:     c.Feature.At("category"),
			Message: fmt.Sprintf("column %q is declared as %s but %s", c.Path, c.Feature.Category, reason),
			Fix:     "correct category: to what the column holds, or fix the column",
			Evidence: map[string]any{
				"declared":    c.Feature.Category,
				"inferred":    c.Class.Category,
				"confidence":  round3(c.Class.Confidence),
				"explanation": c.Class.Explanation,
			},
		})
	}
}
