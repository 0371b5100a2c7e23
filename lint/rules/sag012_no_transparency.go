package rules

import (
	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/lint/finding"
)

func init() {
	register(&Rule{
		ID:       "SAG012",
		Name:     "no-transparency",
		Severity: finding.Warning,
		Summary:  "the purpose has no `transparency`",
		Legal:    []Citation{bek2stk4},
		Doc: `BEK § 2, stk. 4: it must be clear to the person whose data are processed when
AI is used ("det tydeligt fremgår for den, hvis personoplysninger behandles").
The map records how citizens are told: the letter, the meeting script, the
self-service page.

The rule fires when purpose.transparency is absent, empty or TODO.

Fix: write how and when the person concerned is told that a model is used.`,
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
		pos = purposePos(p)
	}
	p.Report(Report{
		Pos:     pos,
		Message: "the purpose does not say how citizens are told that AI is used in their case",
		Fix:     "add purpose.transparency: how and when the person concerned is told",
	})
}
