package rules

import (
	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/legal"
)

func init() {
	register(&Rule{
		ID:       "SAG012",
		Name:     "no-transparency",
		Severity: finding.Warning,
		Summary:  "the purpose has no `transparency`",
		Legal:    []*Citation{legal.Order2Stk4, legal.GDPR5a},
		Doc: `Personal data must be processed "på en gennemsigtig måde i forhold til den
registrerede" — transparently in relation to the person (GDPR art. 5(1)(a)).
The map records how people are told that artificial intelligence or a similar
digital solution is used in their case: the letter, the meeting script, the
self-service page.

The rule fires when purpose.transparency is absent, empty or TODO.

Fix: write how and when the person concerned is told that a model is used.`,
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
	if !featuremap.Missing(p.Map.Purpose.Transparency) {
		return
	}
	pos := p.Map.Purpose.At("transparency")
	if !pos.IsValid() {
		pos = p.purposePos()
	}
	p.Report(Report{
		Pos:     pos,
		Message: "the purpose does not say how the people concerned are told that AI or a similar digital solution is used in their case",
		Fix:     "add purpose.transparency: how and when the person concerned is told",
	})
}
