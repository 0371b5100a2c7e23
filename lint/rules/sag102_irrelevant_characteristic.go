package rules

import (
	"fmt"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/policy"
)

func init() {
	register(&Rule{
		ID:       "SAG102",
		Name:     "irrelevant-characteristic",
		Severity: finding.Error,
		Summary:  "an input is a characteristic the policy deems irrelevant for the purpose's context (or needing a `relevance` it lacks)",
		Legal:    []Citation{art5cond5ii, bek1stk4, bek1stk5, guidanceJobcenter},
		Doc: `AI Act art. 5(1)(c), condition 5(ii): a social score is prohibited when the
treatment it leads to is "uberettiget eller uforholdsmæssig" — unjustified or
disproportionate. The Danish guidance's own example is this linter's core case:
a job centre mixing relevant data on work experience and education with
irrelevant data on the number of address changes or gender to decide whether a
citizen is offered support. The executive order allows training only for
case processing in the employment effort (BEK § 1, stk. 4), and reuse only as a
new, reassessed processing (stk. 5).

The rule takes each input's category — declared in the map, or inferred from
its name and values — and asks the relevance policy (saglig policy; replace or
extend it with --policy) for the verdict in the purpose's context:

- irrelevant: the rule fires whatever the map says; the characteristic has no
  place in this decision.
- needs-relevance: the rule fires unless the entry documents its relevance.
- relevant: nothing to report.

Fix: remove the input (keep it with role: protected if it is needed to audit
the model for bias); for a needs-relevance category, document in relevance:
why it is relevant and proportionate, citing the study or memo.`,
		Bad: `purpose:
  context: employment
features:
  koen: {source: CPR, context: civil-registration}
  antal_adresseskift_5aar: {source: CPR, context: civil-registration}`,
		Good: `features:
  koen: {role: protected, source: CPR}          # audited for proxies, not an input
  antal_adresseskift_5aar: {role: metadata}       # or dropped from the dataset`,
		Scope: ScopeDataset,
		Check: checkIrrelevantCharacteristic,
	})
}

func checkIrrelevantCharacteristic(p *Pass) {
	ctx := p.Map.Purpose.Context
	if p.Policy == nil || featuremap.Missing(ctx) {
		return
	}
	for _, c := range p.inputs() {
		cat, _ := c.Category()
		if cat == "" {
			continue
		}
		verdict := p.Policy.Verdict(cat, ctx)
		example := ""
		if ctx == "employment" && (cat == "sex" || cat == "residence-moves") {
			example = `; the guidance's own example is a job centre mixing "antal adresseskift eller køn" into the decision to offer support`
		}
		switch {
		case verdict == policy.Irrelevant:
			p.Report(Report{
				Column:   c.Path,
				Pos:      c.Pos(),
				Message:  fmt.Sprintf("input %q is %s, which the relevance policy deems irrelevant to %s decisions%s", c.Path, c.describeCategory(), ctx, example),
				Fix:      "remove the input; keep it with role: protected only if it is needed to audit the model for bias",
				Evidence: categoryEvidence(c, verdict),
			})
		case verdict == policy.NeedsRelevance && featuremap.Missing(c.Feature.Relevance):
			p.Report(Report{
				Column:   c.Path,
				Pos:      c.Pos(),
				Message:  fmt.Sprintf("input %q is %s, which needs a documented relevance for %s decisions, and has none", c.Path, c.describeCategory(), ctx),
				Fix:      "document in relevance: why it is relevant and proportionate to the decision (cite the study or memo), or remove the input",
				Evidence: categoryEvidence(c, verdict),
			})
		}
	}
}

// categoryEvidence records how a column's category was established.
func categoryEvidence(c *Column, verdict policy.Verdict) map[string]any {
	cat, declared := c.Category()
	ev := map[string]any{"category": cat, "declared": declared, "verdict": string(verdict)}
	if !declared {
		ev["confidence"] = round3(c.Class.Confidence)
		ev["explanation"] = c.Class.Explanation
	}
	return ev
}
