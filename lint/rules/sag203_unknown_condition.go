package rules

import (
	"fmt"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/legal"
)

func init() {
	register(&Rule{
		ID:       "SAG203",
		Name:     "unknown-condition",
		Severity: finding.Error,
		Summary:  i18n.N("a condition of art. 5(1)(c) is unknown from the data and the map, for want of what the map must declare"),
		Legal:    []*Citation{legal.Art5, legal.GuideCausal, legal.GuideCond3, legal.GuideCase3OneOff},
		Doc: `Some of what the ban on social scoring turns on is not in the data: whether a
person's output is produced once or updated or monitored over time (condition
3: the guidance does not count a one-off assessment from information not
updated afterwards), the score's role in the final decision (condition 5: the
score must be a direct or substantial cause of the treatment, also when a
person decides with it) and what a favourable and an unfavourable score lead to
(condition 5: detrimental or unfavourable treatment). Where the map does not
say, the assessment marks the condition unknown rather than guessing.

The rule fires, once per dataset, when a condition is unknown, naming what the
map would have to say to settle it: what the model's output is (purpose.output),
how often a person is reassessed (purpose.reassessed), the score's role in the
final decision (purpose.decision_role), what a favourable and an unfavourable
score lead to (purpose.favourable_consequence, purpose.unfavourable_consequence)
or the category of the inputs saglig could not classify. It is an error while no
condition is "not indicated" — the unknown conditions may be what completes a
prohibited practice — and a warning once one is.

Fix: declare in the purpose what the law asks and the data cannot show.`,
		Bad: `purpose:
  output: score`,
		Good: `purpose:
  output: score
  reassessed: periodically
  decision_role: one-of-several
  favourable_consequence: The citizen is offered early support (mentor, course or internship).
  unfavourable_consequence: No early offer; the ordinary follow-up after six months.`,
		Scope: ScopeAssessment,
		Check: checkUnknownCondition,
	})
}

func checkUnknownCondition(p *Pass) {
	a := p.Assessment
	if a == nil || a.Unknown == 0 {
		return
	}
	var conds, asks []string
	someNot := false
	for _, c := range a.Conditions {
		switch c.Status {
		case Unknown:
			conds = append(conds, fmt.Sprint(c.Number))
			for _, k := range c.Asks {
				asks = appendUnique(asks, k)
			}
		case NotIndicated:
			someNot = true
		}
	}
	sev := finding.Error
	if someNot {
		sev = finding.Warning
	}
	msg := p.Sprintf("condition %s of AI Act art. 5(1)(c) is unknown from the data and the map, with indications on %d of %d conditions: declare %s",
		conds[0], a.Indicated, len(a.Conditions), p.tr().List(AskWords(p.tr(), asks)))
	if len(conds) > 1 {
		msg = p.Sprintf("conditions %s of AI Act art. 5(1)(c) are unknown from the data and the map, with indications on %d of %d conditions: declare %s",
			p.tr().List(conds), a.Indicated, len(a.Conditions), p.tr().List(AskWords(p.tr(), asks)))
	}
	pos := p.Map.Purpose.Pos
	if !pos.IsValid() {
		pos = featuremap.Pos{File: p.Map.File, Line: 1, Col: 1}
	}
	p.Report(Report{
		Pos:      pos,
		Severity: sev,
		Message:  msg,
		Fix:      p.Sprintf("declare in the map %s", p.tr().List(askFix(p, asks))),
		Evidence: &AssessmentEvidence{Unknown: conds, Asks: asks},
	})
}

// askFix says what the map must declare in words, each with the key its
// author writes: "the score's role in the final decision
// (purpose.decision_role)".
func askFix(p *Pass, asks []string) []string {
	words := AskWords(p.tr(), asks)
	for i, k := range asks {
		if _, ok := askWords[k]; ok {
			words[i] = fmt.Sprintf("%s (%s)", words[i], k)
		}
	}
	return words
}
