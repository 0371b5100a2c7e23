package rules

import (
	"slices"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/legal"
)

func init() {
	register(&Rule{
		ID:       "SAG101",
		Name:     "out-of-context",
		Severity: finding.Error,
		Summary:  i18n.N("an input's context is outside the decision's allowed contexts and its relevance is not documented"),
		Legal:    []*Citation{legal.Art5Cond5i, legal.GuideAd1Context, legal.GuideAd1Tax, legal.GDPR5b},
		Doc: `AI Act art. 5(1)(c), outcome (i) of condition 5: the social score leads to
"skadelig eller ugunstig behandling" — detrimental or unfavourable treatment —
of persons or groups of persons "i sociale sammenhænge, som ikke har noget at
gøre med de sammenhænge, i hvilke dataene oprindeligt blev genereret eller
indsamlet". The guidance files under this outcome ("Ad 1) Behandlingen sker i
en anden social kontekst") a tax authority selecting citizens for control from
their shopping and holiday habits, and a job centre mixing the number of
address changes or sex into the decision to offer support. Independently of
the AI Act, data collected for one purpose may not be further processed in a
way incompatible with it (GDPR art. 5(1)(b)).

An input from an unrelated context is an indication for outcome (i), not a
finding that the treatment is detrimental: that depends on the consequences of
the score, which the assessment asks for (purpose.unfavourable_consequence).

Each input declares the context it was collected in (context:); the purpose
declares the contexts its decision may draw on (allowed_contexts:, default
[context]). The rule fires for an input whose context is outside them, or which
declares no context. When the entry documents why it is relevant to this
decision (relevance:, a sentence of at least 5 words and 30 characters), the
finding is accepted on the record with that relevance as its reason; it stays in
the report and in the assessment, and does not fail the run. A thinner relevance
accepts nothing. A documented relevance does not make irrelevant data relevant
(SAG102 judges the category).

Fix: remove the input; or, if the link to the decision is real, document it,
citing the study or memo (relevance:), and add the context to the purpose's
allowed contexts (purpose.allowed_contexts).`,
		Bad: `purpose:
  context: employment
  allowed_contexts: [employment, education]
features:
  bibliotek_forsinkede_afleveringer:
    source: Bibliotekssystemet
    context: leisure`,
		Good: `features:
  bibliotek_forsinkede_afleveringer:
    role: metadata   # kept out of the model`,
		Scope: ScopeMap,
		Check: checkOutOfContext,
	})
}

func checkOutOfContext(p *Pass) {
	allowed := p.Map.Purpose.Allowed()
	p.features(func(f *featuremap.Feature) {
		if f.EffectiveRole() != featuremap.RoleInput {
			return
		}
		var msg, fix string
		switch {
		case featuremap.Missing(f.Context):
			msg = p.Sprintf("input %q declares no context, so nothing shows it was collected in a context related to the decision (%s)", f.Key, featuremap.ContextWords(allowed))
			fix = p.Sprintf("say where the data were collected (context:) and, if that context is not among the purpose's allowed contexts (purpose.allowed_contexts), why it matters to this decision (relevance:)")
		case !slices.Contains(allowed, f.Context):
			msg = p.Sprintf("input %q was collected in context %s, outside the decision's allowed contexts (%s)", f.Key, featuremap.ContextWord(f.Context), featuremap.ContextWords(allowed))
			fix = p.Sprintf("remove the input, or document why data from this context is related to the decision (relevance:) and add the context to the purpose's allowed contexts (purpose.allowed_contexts)")
		default:
			return
		}
		accept, note := p.documented(f)
		if note == "" {
			note = p.Sprintf(", and no relevance is documented")
		}
		msg += note
		p.Report(Report{Column: f.Key, Pos: f.At("context"), Message: msg, Fix: fix, Accept: accept})
	})
}
