package rules

import (
	"cmp"
	"math"
	"slices"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/legal"
	"github.com/saglig/saglig/lint/scan"
	"github.com/saglig/saglig/lint/stats"
)

func init() {
	register(&Rule{
		ID:       "SAG106",
		Name:     "value-proxy",
		Severity: finding.Warning,
		Summary:  i18n.N("a value of an input gives a protected group away, although the column as a whole is not a proxy"),
		Legal:    []*Citation{legal.Art5Cond5ii, legal.GuideCase5Postcodes},
		Doc: `One value can reveal a protected characteristic while the column it sits in
does not: a postcode whose residents are almost all of one origin, in a
column of a hundred postcodes that are mixed; "Husband" in a household
column, which is a man in all but one of thirteen thousand rows. A model
that learns the value treats that group by its origin or sex, and a
pairwise coefficient over the whole column (SAG104) stays under its
threshold.

From the same contingency tables as SAG104 (folded levels included), saglig
tests every value that at least a minimum share of the rows carry (proxy.value_share), and at least as many rows as the k-anonymity threshold (proxy.k_anonymity), against every protected group that is not already almost everyone (its share of all rows below the purity threshold, proxy.value_purity): the exact one-sided binomial test of "at most the purity threshold of the value's rows are
in the group". A numeric input is read as ten equal-frequency bins, a
numeric protected column as four. The tests of a dataset are one family:
a value is reported when its Benjamini–Hochberg q-value is at most the false discovery rate (proxy.fdr),
so that at most that share of the reported values is expected to be
chance. The defaults (policy proxy: value_share 0.01, value_purity 0.9,
k_anonymity 10, fdr 0.05) are explained in docs/scan.md.

When the rows are too few, a value can be as pure as the purity threshold (proxy.value_purity) and still
not be told from chance after the correction: the rule then says, at info
severity, that whether the value gives the group away is unknown (unless
SAG104 already speaks of the pair).

A pair SAG104 reports is not reported again: SAG104 names its most
revealing values. A value is shown only when at least as many rows as the k-anonymity threshold (proxy.k_anonymity)
carry it and the column is neither an identifier nor free text; otherwise
the report says a value was found and withholds it.

Fix: coarsen the input so the value no longer singles out a group (merge
postcodes into areas, household roles into "partner"), or remove it; if it must
stay, document why (relevance:) and waive SAG106 on the column.`,
		Bad: `features:
  relationship: {source: census, context: family}
  sex: {role: protected, source: census}
# measured: the value 'Husband' (40% of rows) is 99.99% 'Male'`,
		Good: `features:
  relationship: {role: metadata}   # dropped from the inputs
  sex: {role: protected, source: census}`,
		Measures: true,
		Scope:    ScopeDataset,
		Check:    checkValueProxy,
	})
}

// maxValuesListed bounds the values a SAG106 finding lists.
const maxValuesListed = 5

func checkValueProxy(p *Pass) {
	if p.Scan == nil || p.Policy == nil {
		return
	}
	t := p.Policy.Proxy
	tr := p.tr()
	type candidate struct {
		assoc int
		test  stats.PurityTest
	}
	var cands []candidate
	var ps []float64
	for i, a := range p.Scan.Associations {
		if a.Table == nil || a.N == 0 {
			continue
		}
		minCount := max(int64(t.KAnonymity), int64(math.Ceil(t.ValueShare*float64(a.N))))
		for _, pt := range stats.PurityTests(a.Table.Counts, minCount, t.ValuePurity) {
			cands = append(cands, candidate{i, pt})
			ps = append(ps, pt.P)
		}
	}
	q := stats.BenjaminiHochberg(ps)
	byPair := map[int][]ProxyValue{}
	// undecided are the values as pure as value_purity that chance could
	// have made so on this many rows: per pair, the most rows first.
	undecided := map[int][]ProxyValue{}
	var order, undecidedOrder []int
	for j, c := range cands {
		undecidedValue := q[j] > t.FDR && c.test.Purity >= t.ValuePurity
		if q[j] > t.FDR && !undecidedValue {
			continue
		}
		a := p.Scan.Associations[c.assoc]
		lo, hi := stats.Wilson(c.test.Hits, c.test.Count, stats.Z95)
		g := stats.ValueGroup{Row: c.test.Row, Col: c.test.Col, Count: c.test.Count, Hits: c.test.Hits,
			Share: float64(c.test.Count) / float64(a.N), Purity: c.test.Purity, Lo: lo, Hi: hi,
			Base: c.test.Base, Lift: c.test.Purity / c.test.Base}
		v := describeValue(a.Table, g, p.column(a.Input), p.column(a.Protected), a.Protected, t.KAnonymity)
		v.QValue = round4(q[j])
		if undecidedValue {
			if _, ok := undecided[c.assoc]; !ok {
				undecidedOrder = append(undecidedOrder, c.assoc)
			}
			undecided[c.assoc] = append(undecided[c.assoc], v)
			continue
		}
		if _, ok := byPair[c.assoc]; !ok {
			order = append(order, c.assoc)
		}
		byPair[c.assoc] = append(byPair[c.assoc], v)
	}
	decided, _ := proxyPairs(p)
	evidence := func(a scan.Association, vs []ProxyValue) *ValueProxyEvidence {
		return &ValueProxyEvidence{Protected: a.Protected, N: a.N, Values: vs[:min(len(vs), maxValuesListed)], ValuesFound: len(vs),
			ValueShare: t.ValueShare, ValuePurity: t.ValuePurity, KAnonymity: t.KAnonymity, FDR: t.FDR,
			Association: round3(a.Value), Measure: a.Measure}
	}
	for _, i := range order {
		if decided[i] == proxyFires {
			continue // SAG104 reports the pair and names its values
		}
		a := p.Scan.Associations[i]
		c := p.column(a.Input)
		if c == nil {
			continue
		}
		vs := byPair[i]
		// The values covering the most rows first.
		slices.SortStableFunc(vs, func(x, y ProxyValue) int { return cmp.Compare(y.Rows, x.Rows) })
		var msg string
		if len(vs) == 1 {
			msg = tr.Sprintf("input %q has a value giving protected column %q away, although the column as a whole is not a proxy for it (%s): %s",
				a.Input, a.Protected, describeMeasure(tr, a), vs[0].Sentence(tr))
		} else {
			msg = tr.Sprintf("input %q has %d values giving protected column %q away, although the column as a whole is not a proxy for it (%s): %s (and %d more)",
				a.Input, len(vs), a.Protected, describeMeasure(tr, a), vs[0].Sentence(tr), len(vs)-1)
		}
		p.Report(Report{Column: a.Input, Pos: c.Pos(), Message: msg, Protected: a.Protected, Cite: proxyCitations(c),
			Fix:      tr.Sprintf("coarsen the input so that no value singles out a protected group, or remove it; if it must stay, document its relevance and waive SAG106 with the assessment that accepted the risk"),
			Evidence: evidence(a, vs)})
	}
	// A pair with no value found but some as pure as value_purity on too
	// few rows to tell is unknown, unless SAG104 already speaks of it.
	for _, i := range undecidedOrder {
		a := p.Scan.Associations[i]
		c := p.column(a.Input)
		if _, found := byPair[i]; found || decided[i] != proxyNone || c == nil {
			continue
		}
		vs := undecided[i]
		slices.SortStableFunc(vs, func(x, y ProxyValue) int { return cmp.Compare(y.Rows, x.Rows) })
		ev := evidence(a, vs)
		ev.Undecided = true
		p.Report(Report{Column: a.Input, Pos: c.Pos(), Severity: finding.Info, Protected: a.Protected, Evidence: ev, Cite: proxyCitations(c),
			Message: tr.Sprintf("whether values of input %q give protected column %q away is unknown: %s, but on this many rows that cannot be told from a purity of %s by chance (q-value %.2f over the dataset's %d value tests, above the false discovery rate %s the rule keeps)",
				a.Input, a.Protected, vs[0].Sentence(tr), pct(tr, t.ValuePurity), vs[0].QValue, len(q), pct(tr, t.FDR)),
			Fix: tr.Sprintf("measure on more rows; until then, treat the value as possibly singling out the group")})
	}
}
