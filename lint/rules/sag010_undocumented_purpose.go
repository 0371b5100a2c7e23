package rules

import (
	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/legal"
)

func init() {
	register(&Rule{
		ID:       "SAG010",
		Name:     "undocumented-purpose",
		Severity: finding.Error,
		Summary:  i18n.N("the purpose lacks description, controller, sector, context or legal basis"),
		Legal:    []*Citation{legal.Order2Stk1, legal.GDPR24},
		Doc: `Without a purpose nothing else can be judged: relevance, context and
proportionality are all relative to the decision the model supports, and which
law applies depends on who decides and under which regime. The controller must
be able to demonstrate that the processing complies with the GDPR (art. 24(1)).

The rule fires for each of these statements of the purpose that is absent, empty
or TODO: how the model's output is used (purpose.description), who the
controller is — a municipality, a region, the state, a private or another
controller (purpose.controller) —, the legal area (purpose.sector, e.g.
employment-effort), the social context of the decision (purpose.context) and the
provision that allows the processing (purpose.legal_basis). Until controller and
sector are declared, saglig cannot tell which national rules apply and cites
only the AI Act and the GDPR.

Fix: describe the decision and how the output feeds it, declare the controller
and the sector, name the context from the vocabulary, and cite the legal basis.`,
		OrderDoc: `BEK § 2, stk. 1 requires documentation of "hvordan teknologien er blevet
anvendt" — how the technology was used in case processing. The legal basis of a
job centre's model is the order's own § 1 (BEK § 1, stk. 1 and, for training,
stk. 4); the order is to be issued under § 52 a, stk. 2, in LBK nr. 254 af 1.
marts 2024, which empowers the minister to issue it and is not itself the basis
of the processing: give as the legal basis (legal_basis:): BEK § 1, stk. 1 og 4
(udstedt i medfør af § 52 a, stk. 2, i LBK nr. 254 af 1. marts 2024).`,
		Bad: `purpose:
  name: early-support
  description: TODO
  automated: false`,
		Good: `purpose:
  name: early-support
  description: Ranks newly unemployed citizens for an early-support offer; a caseworker decides.
  controller: municipality
  sector: employment-effort
  context: employment
  legal_basis: the provision that gives the municipality the task and allows the processing
  automated: false`,
		Scope: ScopeMap,
		Check: checkUndocumentedPurpose,
	})
}

func checkUndocumentedPurpose(p *Pass) {
	pu := &p.Map.Purpose
	var missing []string
	pos := featuremap.Pos{}
	for _, f := range []struct {
		key     string
		missing bool
		// at is where the finding points: the key, or the language of a
		// text whose text in it is missing.
		at featuremap.Pos
	}{
		{"description", pu.Description.Missing(), missingAt(pu.Description, pu.At("description"))},
		{"controller", featuremap.Missing(pu.Controller), pu.At("controller")},
		{"sector", featuremap.Missing(pu.Sector), pu.At("sector")},
		{"context", featuremap.Missing(pu.Context), pu.At("context")},
		{"legal_basis", pu.LegalBasis.Missing(), missingAt(pu.LegalBasis, pu.At("legal_basis"))},
	} {
		if f.missing {
			missing = append(missing, f.key)
			if !pos.IsValid() {
				pos = f.at
			}
		}
	}
	if len(missing) == 0 {
		return
	}
	keys := make([]string, len(missing))
	for i, k := range missing {
		keys[i] = "purpose." + k
	}
	if !pos.IsValid() {
		pos = p.purposePos()
	}
	what := p.tr().List(AskWords(p.tr(), keys))
	msg := p.Sprintf("the purpose does not document %s: how the model is used and on what basis must be on record", what)
	if featuremap.Missing(pu.Controller) || featuremap.Missing(pu.Sector) {
		msg = p.Sprintf("the purpose does not document %s: how the model is used and on what basis must be on record; without the controller and the sector saglig cannot tell which law applies", what)
	}
	p.Report(Report{
		Pos:     pos,
		Message: msg,
		Fix:     p.Sprintf("fill in %s", p.tr().List(askFix(p, keys))),
	})
}
