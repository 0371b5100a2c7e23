package rules

import (
	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/legal"
)

func init() {
	register(&Rule{
		ID:       "SAG201",
		Name:     "longitudinal-behaviour",
		Severity: finding.Warning,
		Summary:  i18n.N("social-behaviour inputs observed over a period"),
		Legal:    []*Citation{legal.Art5Cond3, legal.GuideCond3, legal.Art5Cond4, legal.GuideSocialBehaviour},
		Doc: `Conditions 3 and 4 of art. 5(1)(c): the evaluation or classification happens
"over en given periode" (over a certain period of time) "på grundlag af deres
sociale adfærd" (on the basis of their social behaviour). The guidance reads
condition 3 as more than a snapshot ("øjebliksbillede"), judged from an
overall picture ("helhedsbillede"), and social behaviour broadly: actions,
behaviour and habits people display in society — payment history, use of
services, dealings with public or private authorities. A citizen's behaviour
tracked over months or years is the raw material of a social score. On its
own this is not prohibited, but it is an indication for two conditions, and
calls for a documented reason.

The rule fires for each input whose category is social behaviour (the policy
marks which) when the data observe it over a period: the column's name carries
a window (_5y, _12m, antal_…_sidste_3_aar), or the dataset's id and timestamp
columns show subjects observed over a period: a median or upper-quartile
observation span (measured on a deterministic hash sample of subjects) of at
least 30 days. The 30 days are saglig's own heuristic, not the law's — the
guidance asks for an overall picture and sets no number — and the policy
changes it (heuristics.period_days). When the entry documents why the history matters (relevance:, a
sentence of at least 5 words and 30 characters), the finding is accepted on
the record with that relevance as its reason.

Fix: use the current situation rather than its history, shorten the window to
what the decision needs, or document why the history matters (relevance:).`,
		Bad: `features:
  sene_betalinger_3aar: {source: Opkrævningssystemet, context: social-benefits, category: payment-behaviour}`,
		Good: `features:
  sene_betalinger_3aar: {role: metadata}   # not an input`,
		Scope: ScopeDataset,
		Check: checkLongitudinalBehaviour,
	})
}

func checkLongitudinalBehaviour(p *Pass) {
	if p.Policy == nil {
		return
	}
	span, long, _ := measuredPeriod(p)
	for _, c := range p.inputs() {
		cat, _ := c.Category()
		pc := p.Policy.Lookup(cat)
		if pc == nil || !pc.SocialBehaviour {
			continue
		}
		var how string
		switch {
		case c.Class.Window != "":
			how = p.Sprintf("its name aggregates over %s", WindowWords(p.tr(), c.Class.Window))
		case long:
			how = p.Sprintf("the dataset observes each subject over a period (%s; saglig's heuristic: from %d days)", span, p.heuristics().PeriodDays)
		default:
			continue
		}
		accept, note := p.documented(c.Feature)
		msg := p.Sprintf("input %q is social behaviour (%s) and %s: an indication for conditions 3 and 4 of art. 5(1)(c)%s", c.Path, featuremap.CategoryWord(cat), how, note)
		p.Report(Report{
			Accept:   accept,
			Column:   c.Path,
			Pos:      c.Pos(),
			Message:  msg,
			Fix:      p.Sprintf("use the current situation rather than its history, shorten the window, or document why the history matters (relevance:)"),
			Evidence: longitudinalEvidence(p, cat, c.Class.Window),
		})
	}
}
