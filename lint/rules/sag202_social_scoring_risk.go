package rules

import (
	"strings"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/legal"
)

func init() {
	register(&Rule{
		ID:       "SAG202",
		Name:     "social-scoring-risk",
		Severity: finding.Error,
		Summary:  i18n.N("the data and map indicate all five conditions of art. 5(1)(c)"),
		Legal:    []*Citation{legal.Art5, legal.GuideCausal},
		Doc: `AI Act art. 5(1)(c) prohibits social scoring when five conditions all hold:
(1) an AI system is placed on the market, put into service or used; (2) it
evaluates or classifies natural persons or groups of persons; (3) over a
certain period of time; (4) on the basis of their social behaviour or known,
inferred or predicted personal or personality characteristics; (5) the social
score leads to detrimental or unfavourable treatment (i) in social contexts
unrelated to the contexts in which the data were originally generated or
collected, and/or (ii) that is unjustified or disproportionate to their
social behaviour or its gravity. The score must be a direct or substantial
cause of the treatment, also when a person decides with it, as long as it
plays a substantial role in the final decision. The guidance stresses that
one unmet condition is enough for the system to be lawful under this article.

Whether a practice is prohibited is a legal assessment made by people; saglig
finds indications in the data and the map.

saglig says of each condition what the data and the map show — indicated, not
indicated, or unknown from the data and the map — with its evidence: (1) from
the purpose's description; (2) from what the model's output is (purpose.output;
information gathered for a later human assessment is not an evaluation); (3)
from the input windows, the observation span measured per subject (against
saglig's own heuristic, 30 days by default) and how often a person is reassessed
(purpose.reassessed; a one-off assessment is not over a period); (4) from the
classified inputs; (5) from the SAG101, SAG102, strong SAG104 and SAG107
findings — accepted ones included, marked accepted; inputs whose relevance is
documented are listed, not counted — together with what the data cannot show and
the map must declare: the score's role in the final decision
(purpose.decision_role) and what a favourable and an unfavourable score lead to
(purpose.favourable_consequence, unfavourable_consequence). Without these
condition 5 is unknown, whatever the inputs. The rule fires when all five are
indicated; SAG203 asks for what is unknown. The assessment is printed in every
report.

A baseline cannot accept this finding and the rule cannot be disabled. When
the legal assessment has been made, record it as a waiver on the purpose
(purpose.waivers, rule SAG202, with its conclusion and where it is filed): the
finding and the assessment stay in every report, marked accepted.

Fix: break a condition — usually the fifth: remove the out-of-context and
irrelevant inputs and their proxies, so the decision rests on a relevant,
proportionate basis (sagligt grundlag).`,
		Bad: `purpose:
  context: employment
  output: score
  decision_role: substantial
  favourable_consequence: An offer of early support.
  unfavourable_consequence: No offer until the six-month follow-up.
features:
  koen: {source: CPR, context: civil-registration}             # cond. 4, 5(i)
  antal_adresseskift_5aar: {source: CPR, context: civil-registration}  # cond. 3, 4, 5(i)`,
		Good: `purpose: {context: employment, output: score}
features:
  uddannelsesniveau: {source: Uddannelsesregistret, context: education, relevance: Education predicts re-employment (memo 2025-14).}
  koen: {role: protected, source: CPR}`,
		Scope: ScopeAssessment,
		Lock:  NoBaseline,
		Check: checkSocialScoringRisk,
	})
}

func checkSocialScoringRisk(p *Pass) {
	a := p.Assessment
	if a == nil || !a.AllIndicated {
		return
	}
	var inputs []string
	for i := range p.Prior {
		if treatmentIndication(&p.Prior[i]) {
			inputs = appendUnique(inputs, p.Prior[i].Column)
		}
	}
	p.Report(Report{
		Message: p.Sprintf("the map and the data give indications on all five conditions of AI Act art. 5(1)(c) — an evaluation of persons over a period, on their social behaviour or personal characteristics, whose score is a cause of the treatment, with detrimental or unfavourable treatment indicated through %s: a legal assessment is required",
			strings.Join(inputs, ", ")),
		Fix:      p.Sprintf("break a condition: remove the out-of-context and irrelevant inputs and their proxies (see the SAG101, SAG102 and SAG104 findings)"),
		Evidence: &AssessmentEvidence{Assessment: a.Conditions},
	})
}
