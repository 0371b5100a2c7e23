package rules

import (
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/legal"
)

func init() {
	register(&Rule{
		ID:       "SAG011",
		Name:     "solely-automated",
		Severity: finding.Error,
		Summary:  i18n.N("the purpose declares automated decisions, or names no human review"),
		Legal:    []*Citation{legal.Order1Stk6, legal.GDPR22},
		Doc: `GDPR art. 22(1): a person has the right not to be subject to a decision based
solely on automated processing, including profiling, which produces legal
effects concerning them or similarly significantly affects them (art. 22(2)
lists the exceptions). A model may rank, score or flag, but a person decides.

The rule fires when the map says the decision is automated (purpose.automated:
true) or does not say whether it is (purpose.automated), or when its description
of the human decision (purpose.human_review) is absent, empty or TODO: the map
must say who decides and how the model's output is weighed.

Fix: say that decisions are not automated (purpose.automated: false) and
describe the human decision (purpose.human_review) — who decides, and that they
may depart from the model. If decisions really are automated, they need an
exception under GDPR art. 22(2).`,
		OrderDoc: `BEK § 1, stk. 6: under the order, municipalities cannot make decisions "der
alene er baseret på automatisk behandling, herunder profilering" — the order
gives no basis for them.`,
		Bad: `purpose:
  automated: true`,
		Good: `purpose:
  automated: false
  human_review: A caseworker decides every offer after a meeting; the score is advisory.`,
		Scope: ScopeMap,
		Check: checkSolelyAutomated,
	})
}

func checkSolelyAutomated(p *Pass) {
	pu := &p.Map.Purpose
	switch {
	case pu.Automated != nil && *pu.Automated:
		p.Report(Report{
			Pos:     pu.At("automated"),
			Message: p.Sprintf("the purpose declares decisions based solely on automated processing, including profiling"),
			Fix:     p.Sprintf("put a person in charge of every decision, say that the decision is not automated (purpose.automated: false) and describe the human decision (purpose.human_review)"),
		})
	case pu.Automated == nil:
		p.Report(Report{
			Pos:     p.purposePos(),
			Message: p.Sprintf("the purpose does not say whether decisions are automated"),
			Fix:     p.Sprintf("say that the decision is not automated (purpose.automated: false) and describe the human decision (purpose.human_review)"),
		})
	case pu.HumanReview.Missing():
		p.Report(Report{
			Pos:     missingAt(pu.HumanReview, pu.At("human_review")),
			Message: p.Sprintf("the purpose names no human review: a person must make the decision the model supports"),
			Fix:     p.Sprintf("describe who decides and how the model's output is weighed (purpose.human_review)"),
		})
	}
}
