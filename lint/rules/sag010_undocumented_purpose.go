package rules

import (
	"fmt"
	"strings"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/lint/finding"
)

func init() {
	register(&Rule{
		ID:       "SAG010",
		Name:     "undocumented-purpose",
		Severity: finding.Error,
		Summary:  "the purpose lacks description, context or legal basis",
		Legal:    []Citation{bek2stk1},
		Doc: `BEK § 2, stk. 1 requires documentation of "hvordan teknologien er blevet
anvendt" — how the technology was used in case processing. Without a purpose
nothing else can be judged: relevance, context and proportionality are all
relative to the decision the model supports.

The rule fires for each of purpose.description (how the model's output is
used), purpose.context (the social context of the decision) and
purpose.legal_basis (the provision that allows the processing) that is absent,
empty or TODO.

Fix: describe the decision and how the output feeds it, name its context from
the vocabulary, and cite the legal basis (for the employment effort:
LBK nr. 254 af 1. marts 2024 § 52 a and the executive order's § 1).`,
		Bad: `purpose:
  name: early-support
  description: TODO
  automated: false`,
		Good: `purpose:
  name: early-support
  description: Ranks newly unemployed citizens for an early-support offer; a caseworker decides.
  context: employment
  legal_basis: LBK nr. 254 af 1. marts 2024 § 52 a; BEK § 1, stk. 1 og 4
  automated: false`,
		Scope: ScopeMap,
		Check: checkUndocumentedPurpose,
	})
}

func checkUndocumentedPurpose(p *Pass) {
	pu := &p.Map.Purpose
	var missing []string
	pos := featuremap.Pos{}
	for _, f := range []struct{ key, val string }{
		{"description", pu.Description},
		{"context", pu.Context},
		{"legal_basis", pu.LegalBasis},
	} {
		if featuremap.Missing(f.val) {
			missing = append(missing, f.key)
			if !pos.IsValid() {
				pos = pu.At(f.key)
			}
		}
	}
	if len(missing) == 0 {
		return
	}
	if !pos.IsValid() {
		pos = featuremap.Pos{File: p.Map.File, Line: 1, Col: 1}
	}
	p.Report(Report{
		Pos:     pos,
		Message: fmt.Sprintf("the purpose does not document its %s: how the model is used and on what basis must be on record", strings.Join(missing, ", ")),
		Fix:     "fill in purpose." + strings.Join(missing, ", purpose."),
	})
}
