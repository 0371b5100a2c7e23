package rules

import (
	"math"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/legal"
	"github.com/saglig/saglig/lint/scan"
	"github.com/saglig/saglig/lint/stats"
)

func init() {
	register(&Rule{
		ID:       "SAG104",
		Name:     "proxy",
		Severity: finding.Warning,
		Summary:  i18n.N("an input is strongly associated, in the data, with a protected column"),
		Legal:    []*Citation{legal.Art5Cond5ii, legal.GuideCase5Postcodes},
		Doc: `Removing sex or origin from the inputs is not enough when another input carries
the same information: a model can treat people by a protected characteristic
through its proxy. The association is saglig's own measured evidence for
outcome (ii) of condition 5 — treatment "uberettiget eller uforholdsmæssig i
forhold til deres sociale adfærd eller betydningen heraf" — a warning to
assess, not proof of unjustified or disproportionate treatment: that depends on
what the score leads to. When the proxy is a postcode or residential area, the
finding also cites the guidance's landlord case, where persons from certain
postcodes are excluded from housing, "et uforholdsmæssigt og uberettiget
udfald"; the guidance says nothing of other proxies.

For every input against every protected column (role: protected), saglig
measures the association on the whole data in one streaming pass:

- categorical × categorical: bias-corrected Cramér's V (Bergsma 2013), which
  does not inflate on sparse tables the way naive V does;
- numeric × categorical: the correlation ratio η;
- a numeric side (input or protected column): also the mutual information
  over equal-frequency bins, as an informational correlation on the same
  scale, which sees relations η misses (one group at both ends of the
  input); the stronger of the two is the verdict;
- all: normalised mutual information, the sample size and a p-value.

The finding names the values that give the group away: "the value '8220'
(1.8% of rows) is 98.1% 'indvandrer fra ikke-vestligt land' (95% interval
93.4%–99.48%), against 17% of all rows" — a value only when at least as many rows carry it as the policy's k-anonymity threshold (proxy.k_anonymity) and the column is neither an identifier nor free
text (SAG106 reports such values in columns that are not proxies as a
whole).

Integer columns that are really codes (postcodes, municipality codes) are
treated as categorical. High-cardinality columns are bounded so memory stays
in budget: past 2,048 distinct values (128 for a protected column) text is
folded into hash buckets and numbers into logarithmic bins. Unlike "heavy
hitters plus other", folding depends on the value alone, so the table and V
are the same however the rows are split over files, row groups and workers
(docs/scan.md). The rule warns from 0.3 and is an error from 0.5 (the
thresholds are in the policy: proxy.warning, proxy.error), for pairs whose
Benjamini–Hochberg q-value over all the dataset's pairs is at most the policy's false discovery rate (proxy.fdr, 0.05), so that chance does not decide on small data. A pair at or
above the warning threshold whose q-value is above that rate is reported at info
severity as unknown: on that many rows the association cannot be told from
chance, and the report says so rather than that there is no proxy.

Fix: remove the input or coarsen it until the association is weak; if it must
stay, document why (relevance:) and waive SAG104 on the column with the
assessment that accepted the risk; the waiver names the one protected column
whose proxy it accepts (protected:), and without it accepts the column's proxy
findings against every protected column.`,
		Bad: `features:
  postnr: {source: CPR, context: civil-registration, relevance: local office}
  herkomst: {role: protected, source: Danmarks Statistik}
# measured: postnr ~ herkomst, Cramér's V 0.71`,
		Good: `features:
  postnr: {role: metadata}    # dropped from the inputs
  herkomst: {role: protected, source: Danmarks Statistik}`,
		Measures: true,
		Scope:    ScopeDataset,
		Check:    checkProxy,
	})
}

// proxyDecision is what SAG104 makes of one association.
type proxyDecision int

const (
	proxyNone      proxyDecision = iota
	proxyFires                   // at or above the threshold, among the discoveries
	proxyUndecided               // at or above the threshold, but not told from chance
)

func checkProxy(p *Pass) {
	if p.Scan == nil || p.Policy == nil {
		return
	}
	t := p.Policy.Proxy
	tr := p.tr()
	decided, q := proxyPairs(p)
	for i, a := range p.Scan.Associations {
		if decided[i] == proxyNone {
			continue
		}
		c := p.column(a.Input)
		if c == nil {
			continue
		}
		ev := associationEvidence(a)
		ev.QValue, ev.FDR = round4(q[i]), t.FDR
		if decided[i] == proxyUndecided {
			ev.Undecided = true
			p.Report(Report{Column: a.Input, Pos: c.Pos(), Severity: finding.Info, Evidence: ev, Protected: a.Protected, Cite: proxyCitations(c),
				Message: tr.Sprintf("whether input %q is a proxy for protected column %q is unknown: %s on %s cannot be told from chance (q-value %.2f over the dataset's %d pairs, above the false discovery rate %s the rule keeps)",
					a.Input, a.Protected, describeMeasure(tr, a), tr.Sprintf("%d rows", a.N), q[i], len(q), pct(tr, t.FDR)),
				Fix: tr.Sprintf("measure the association on more rows; until then, treat the input as a possible proxy")})
			continue
		}
		measured := tr.Sprintf("%s, %s, %s", describeMeasure(tr, a), tr.Sprintf("%d rows", a.N), PValue(tr, a.PValue))
		msg := tr.Sprintf("input %q is moderately associated with protected column %q (%s): it can act as a proxy for it", a.Input, a.Protected, measured)
		if a.Value >= t.ProxyError {
			msg = tr.Sprintf("input %q is strongly associated with protected column %q (%s): it can act as a proxy for it", a.Input, a.Protected, measured)
		}
		sev := finding.Warning
		if a.Value >= t.ProxyError {
			sev = finding.Error
		}
		ev.Values, ev.ValuesBelowK = topValues(a, c, p.column(a.Protected), t.KAnonymity, 3)
		for i := range ev.Values[:min(len(ev.Values), 2)] {
			msg += "; " + ev.Values[i].Sentence(tr)
		}
		if len(ev.Values) > 2 {
			msg += tr.Sprintf(" (%d more in the evidence)", len(ev.Values)-2)
		}
		p.Report(Report{Column: a.Input, Pos: c.Pos(), Severity: sev, Message: msg, Evidence: ev, Protected: a.Protected, Cite: proxyCitations(c),
			Fix: tr.Sprintf("remove or coarsen the input until the association is weak, or document its relevance and waive SAG104 (naming the protected column) with the assessment that accepted the risk")})
	}
}

// proxyCitations are what a proxy finding on input c cites: condition
// 5(ii), and the guidance's postcode case only for a residential area.
func proxyCitations(c *Column) []*Citation {
	cite := []*Citation{legal.Art5Cond5ii}
	if cat, _ := c.Category(); cat == "residential-area" {
		cite = append(cite, legal.GuideCase5Postcodes)
	}
	return cite
}

// proxyPairs decides, for each association of the scan, what SAG104 makes
// of it: a pair at or above the policy's warning threshold fires when it is
// among the discoveries with the false discovery rate over all the
// dataset's pairs kept at the policy's fdr (Benjamini–Hochberg), and is
// undecided otherwise. It returns the q-values too.
func proxyPairs(p *Pass) ([]proxyDecision, []float64) {
	as := p.Scan.Associations
	ps := make([]float64, len(as))
	for i, a := range as {
		ps[i] = a.PValue
	}
	q := stats.BenjaminiHochberg(ps)
	out := make([]proxyDecision, len(as))
	for i, a := range as {
		switch {
		case math.IsNaN(a.Value) || a.Value < p.Policy.Proxy.ProxyWarning:
		case q[i] <= p.Policy.Proxy.FDR:
			out[i] = proxyFires
		default:
			out[i] = proxyUndecided
		}
	}
	return out, q
}

// describeMeasure names an association's verdict with its value.
func describeMeasure(tr *i18n.Printer, a scan.Association) string {
	if a.Measure == "mutual_information" && a.Binned != nil {
		bins := max(a.Binned.InputBins, a.Binned.ProtectedBins)
		if c := a.Classical; c != nil {
			return tr.Sprintf("informational correlation %.2f from the mutual information over %d equal-frequency bins; %s %.2f alone",
				a.Value, bins, MeasureName(tr, c.Measure), c.Value)
		}
		return tr.Sprintf("informational correlation %.2f from the mutual information over %d equal-frequency bins", a.Value, bins)
	}
	return tr.Sprintf("%s %.2f", MeasureName(tr, a.Measure), a.Value)
}

func round3(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return math.Round(x*1000) / 1000
}
