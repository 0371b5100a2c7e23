package rules

import (
	"strings"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/classify"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/legal"
)

func init() {
	register(&Rule{
		ID:       "SAG105",
		Name:     "category-mismatch",
		Severity: finding.Warning,
		Summary:  i18n.N("the column's name or values indicate a sensitive category other than the declared one"),
		Legal:    []*Citation{legal.Order2Stk1, legal.GDPR24},
		Doc: `A declared category always wins over what saglig infers — it is what the
relevance policy judges. That makes a wrong declaration dangerous: a column of
Danish gender words declared as "education" would pass SAG102 unseen. The
documentation that shows compliance (GDPR art. 24(1)) must describe the data
as they are.

The rule fires when the column's name or sampled values strongly indicate a
sensitive category other than the declared one (weak or ambiguous evidence
never fires, nor does a declared category that covers the evidence, such as
contact for e-mail addresses). When the name and the values disagree, the
values decide. A column of the map that declares no category fires too when
its evidence disagrees (the name suggests one sensitive category, the values
another), because saglig then infers none and the policy cannot judge it:
the user must decide. The message gives the evidence, with values masked.

Fix: correct the declared category (category:), or declare one, or fix the
column if it holds the wrong data.`,
		OrderDoc: `The documentation BEK § 2, stk. 1 asks for must likewise describe the data as
they are.`,
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
		if c.Feature == nil {
			continue
		}
		if c.Feature.Category == "" {
			reportUndecided(p, c)
			continue
		}
		bad, reason := classify.Contradicts(c.Feature.Category, c.Class)
		if !bad {
			continue
		}
		p.Report(Report{
			Column:  c.Path,
			Pos:     c.Feature.At("category"),
			Message: p.Sprintf("column %q is declared as %s but %s", c.Path, featuremap.CategoryWord(c.Feature.Category), reason),
			Fix:     p.Sprintf("correct the declared category to what the column holds (category:), or fix the column"),
			Evidence: &MismatchEvidence{Declared: c.Feature.Category, Inferred: c.Class.Category,
				Confidence: round3(c.Class.Confidence), Explanation: c.Class.Explanation},
		})
	}
}

// reportUndecided reports a column that declares no category while its
// evidence disagrees, so that none could be inferred.
func reportUndecided(p *Pass, c *Column) {
	if len(c.Class.Conflict) == 0 {
		return
	}
	p.Report(Report{
		Column:   c.Path,
		Pos:      c.Feature.Pos,
		Message:  p.Sprintf("column %q declares no category and its evidence disagrees (%s)", c.Path, c.Class.Explanation),
		Fix:      p.Sprintf("declare what the column holds as its category (category: %s, or other)", strings.Join(c.Class.Conflict, " or ")),
		Evidence: &MismatchEvidence{Candidates: c.Class.Conflict, Explanation: c.Class.Explanation},
	})
}
