package rules

import (
	"fmt"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/lint/finding"
)

func init() {
	register(&Rule{
		ID:       "SAG013",
		Name:     "unassessed-reuse",
		Severity: finding.Error,
		Summary:  "`reused_from` without `reuse_assessment`",
		Legal:    []Citation{bek1stk5},
		Doc: `BEK § 1, stk. 5 allows personal data processed with AI to be reused for a new
AI processing, but the reuse must meet the requirements of a new processing and
of § 2: it must be reassessed for the new purpose. A column that says where it
was reused from must also say where that reassessment is.

The rule fires when a feature has reused_from but no reuse_assessment (absent,
empty or TODO).

Fix: reassess the reuse for this purpose (lawfulness, relevance, DPIA) and cite
the memo or DPIA id in reuse_assessment.`,
		Bad: `features:
  antal_ledighedsforloeb:
    reused_from: visitation model 2023 (model register id M-17)`,
		Good: `features:
  antal_ledighedsforloeb:
    reused_from: visitation model 2023 (model register id M-17)
    reuse_assessment: DPIA 2025-03, section 4, reassessed for early support`,
		Scope: ScopeMap,
		Check: checkUnassessedReuse,
	})
}

func checkUnassessedReuse(p *Pass) {
	p.features(func(f *featuremap.Feature) {
		if featuremap.Missing(f.ReusedFrom) || !featuremap.Missing(f.ReuseAssessment) {
			return
		}
		p.Report(Report{
			Column:  f.Key,
			Pos:     f.At("reused_from"),
			Message: fmt.Sprintf("column %q is reused from %q without a documented reassessment for this purpose", f.Key, f.ReusedFrom),
			Fix:     "add reuse_assessment citing the memo or DPIA that reassessed the reuse",
		})
	})
}
