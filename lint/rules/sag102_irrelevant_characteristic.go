package rules

import (
	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/legal"
	"github.com/saglig/saglig/lint/policy"
)

func init() {
	register(&Rule{
		ID:       "SAG102",
		Name:     "irrelevant-characteristic",
		Severity: finding.Error,
		Summary:  i18n.N("an input is a characteristic the policy deems irrelevant for the purpose's context (or needing a documented relevance it lacks)"),
		Legal: []*Citation{legal.Art5Cond5i, legal.GuideAd1Jobcenter, legal.Art5Cond5ii, legal.GuideAd2Basis,
			legal.GuideAd2Library, legal.GuideAd2Documentation, legal.GDPR5c},
		Doc: `Personal data must be relevant and limited to what is necessary for the purpose
(GDPR art. 5(1)(c)). Under AI Act art. 5(1)(c) an irrelevant characteristic
in a social score is an indication for condition 5 — the score leading to
"skadelig eller ugunstig behandling" (detrimental or unfavourable treatment) —
under either outcome, as the guidance files its examples:

- outcome (i), "Ad 1) Behandlingen sker i en anden social kontekst": a job
  centre mixing relevant information on work experience and education with
  irrelevant information on the number of address changes or sex to decide
  whether a citizen is offered support — this linter's core case;
- outcome (ii), "Ad 2) Behandlingen er ubegrundet eller ude af proportioner
  med den sociale adfærd": treatment "uberettiget eller uforholdsmæssig i
  forhold til deres sociale adfærd eller betydningen heraf", or with no
  objective basis at all ("slet ikke er noget sagligt eller legitimt grundlag") —
  a municipality withdrawing benefits over late library returns or a late bill.

It is the treatment that must be unjustified or disproportionate, not the
data; whether it is depends on the consequences of the score, which the
assessment asks for. The operators must document that only relevant and
lawfully collected data are used (the guidance, ad 2).

The rule takes each input's category — declared in the map, or inferred from its
name and values — and asks the relevance policy (saglig policy; replace or
extend it with --policy) for its verdict on the category in the context of this
decision:

- irrelevant: the rule fires whatever the map says; the characteristic has no
  place in this decision. A finding for sex or address changes in an
  employment decision cites the job-centre example under outcome (i); for
  leisure activity, the library example under outcome (ii); otherwise the
  absence of an objective basis under outcome (ii).
- needs-relevance: the rule fires, citing the guidance's documentation duty
  under outcome (ii); when the entry documents its relevance (a sentence of at
  least 5 words and 30 characters), the finding is accepted on the record with
  that relevance as its reason — it stays in the report and the assessment,
  and does not fail the run. A thinner relevance accepts nothing.
- relevant: nothing to report.

Fix: remove the input, or keep it only as a protected column (role: protected)
if it is needed to audit the model for bias; for a needs-relevance category,
document why it is relevant and proportionate, citing the study or memo
(relevance:).`,
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

// irrelevantGround says which outcome and example of the guidance an
// irrelevant characteristic is an indication for, and how to say so.
func irrelevantGround(p *Pass, category, context string) (cite []*Citation, example string) {
	switch {
	case context == "employment" && (category == "sex" || category == "residence-moves"):
		return []*Citation{legal.Art5Cond5i, legal.GuideAd1Jobcenter, legal.GDPR5c},
			p.Sprintf(`; the guidance's example under outcome (i) of condition 5 is a job centre mixing "antal adresseskift eller køn" into the decision to offer support`)
	case category == "leisure-activity":
		return []*Citation{legal.Art5Cond5ii, legal.GuideAd2Library, legal.GDPR5c},
			p.Sprintf("; the guidance's example under outcome (ii) of condition 5 is a municipality withdrawing benefits over late library returns")
	}
	return []*Citation{legal.Art5Cond5ii, legal.GuideAd2Basis, legal.GDPR5c},
		p.Sprintf(": it indicates treatment without an objective basis (outcome (ii) of condition 5)")
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
		switch {
		case verdict == policy.Irrelevant:
			cite, example := irrelevantGround(p, cat, ctx)
			p.Report(Report{
				Column:   c.Path,
				Pos:      c.Pos(),
				Message:  p.Sprintf("input %q is %s, which the relevance policy deems irrelevant to %s decisions%s", c.Path, p.describeCategory(c), featuremap.ContextWord(ctx), example),
				Fix:      p.Sprintf("remove the input; keep it as a protected column (role: protected) only if it is needed to audit the model for bias"),
				Evidence: categoryEvidence(c, verdict),
				Cite:     cite,
			})
		case verdict == policy.NeedsRelevance:
			accept, note := p.documented(c.Feature)
			if note == "" {
				note = p.Sprintf(", and has none")
			}
			msg := p.Sprintf("input %q is %s, which needs a documented relevance for %s decisions%s", c.Path, p.describeCategory(c), featuremap.ContextWord(ctx), note)
			p.Report(Report{
				Column:   c.Path,
				Pos:      c.Pos(),
				Message:  msg,
				Fix:      p.Sprintf("document why it is relevant and proportionate to the decision, citing the study or memo (relevance:), or remove the input"),
				Evidence: categoryEvidence(c, verdict),
				Cite:     []*Citation{legal.Art5Cond5ii, legal.GuideAd2Documentation, legal.GDPR5c},
				Accept:   accept,
			})
		}
	}
}
