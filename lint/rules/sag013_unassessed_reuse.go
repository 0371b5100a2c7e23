package rules

import (
	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/legal"
)

func init() {
	register(&Rule{
		ID:       "SAG013",
		Name:     "unassessed-reuse",
		Severity: finding.Error,
		Summary:  i18n.N("a column reused from an earlier model or purpose has no documented reassessment"),
		Legal:    []*Citation{legal.Order1Stk5, legal.GDPR5b},
		Doc: `Personal data collected for one purpose may not be further processed in a way
incompatible with it (GDPR art. 5(1)(b), purpose limitation): reusing a column
for a new model needs an assessment of the new use. A column that says where it
was reused from must also say where that reassessment is.

The rule fires when a column says where it was reused from (reused_from) but not
where its reuse was reassessed (reuse_assessment): that is absent, empty or
TODO.

Fix: reassess the reuse for this purpose (lawfulness, relevance, DPIA) and cite
the memo or DPIA id as the column's assessment of the reuse (reuse_assessment).`,
		OrderDoc: `For data a municipality processed under the order's § 1, stk. 1–4 (with AI or
similar digital solutions in the employment effort), BEK § 1, stk. 5 allows
reuse for a new AI processing only with the measures a new processing requires
and the requirements of § 2. It is cited only on a column that declares its data
processed under the order (reused_under_order: true): the provision covers only
data processed under stk. 1–4.`,
		Bad: `features:
  antal_ledighedsforloeb:
    reused_from: visitation model 2023 (model register id M-17)
    reused_under_order: true`,
		Good: `features:
  antal_ledighedsforloeb:
    reused_from: visitation model 2023 (model register id M-17)
    reused_under_order: true
    reuse_assessment: DPIA 2025-03, section 4, reassessed for early support`,
		Scope: ScopeMap,
		Check: checkUnassessedReuse,
	})
}

func checkUnassessedReuse(p *Pass) {
	p.features(func(f *featuremap.Feature) {
		// Reuse written in any language is reuse; its reassessment must
		// be written in every language the map gives it in.
		if !f.ReusedFrom.Given() || !f.ReuseAssessment.Missing() {
			return
		}
		p.Report(Report{
			Column:  f.Key,
			Pos:     f.At("reused_from"),
			Message: p.Sprintf("column %q is reused from %q without a documented reassessment for this purpose", f.Key, p.text(f.ReusedFrom)),
			Fix:     p.Sprintf("cite the memo or DPIA that reassessed the reuse for this purpose (reuse_assessment)"),
		})
	})
}
