package rules

import (
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/legal"
)

func init() {
	register(&Rule{
		ID:       "SAG012",
		Name:     "no-transparency",
		Severity: finding.Error,
		Summary:  i18n.N("the purpose does not say how people are told that artificial intelligence is used, or says it too thinly"),
		Legal:    []*Citation{legal.Order2Stk4, legal.GDPR5a},
		Doc: `Personal data must be processed "på en gennemsigtig måde i forhold til den
registrerede" — transparently in relation to the person (GDPR art. 5(1)(a)).
The map records how people are told that artificial intelligence or a similar
digital solution is used in their case: the letter, the meeting script, the
self-service page.

The rule fires, as an error, when the map's statement of how the people
concerned are told (purpose.transparency) is absent, empty or TODO, or is not a
sentence of at least 5 words and 30 characters (saglig's heuristic for a record,
policy heuristics.record_min_words and record_min_chars): "yes" does not say how
anyone is told. saglig checks that the map says how people are told, not that
they were.

Fix: write how and when the person concerned is told that artificial
intelligence or a similar digital solution is used in their case.`,
		OrderDoc: `BEK § 2, stk. 4: the municipality "skal endvidere sikre, at det tydeligt
fremgår" — must ensure that it is clear — to the person whose personal data are
processed when artificial intelligence or similar digital solutions are used.`,
		Bad: `purpose:
  name: early-support`,
		Good: `purpose:
  name: early-support
  transparency: The meeting letter tells the citizen that a model ranked the case.`,
		Scope: ScopeMap,
		Check: checkNoTransparency,
	})
}

func checkNoTransparency(p *Pass) {
	text := p.Map.Purpose.Transparency
	msg := p.Sprintf("the purpose does not say how the people concerned are told that artificial intelligence or a similar digital solution is used in their case")
	pos := missingAt(text, p.Map.Purpose.At("transparency"))
	if !text.Missing() {
		problem, at := TextProblem(p.tr(), text, p.heuristics())
		if problem == "" {
			return
		}
		msg = p.Sprintf("the purpose's text on transparency has %s: it does not say how and when the people concerned are told that artificial intelligence or a similar digital solution is used in their case", problem)
		pos = at
	}
	if !pos.IsValid() {
		pos = p.purposePos()
	}
	p.Report(Report{
		Pos:     pos,
		Message: msg,
		Fix:     p.Sprintf("write in a sentence how and when the person concerned is told (purpose.transparency)"),
	})
}
