package rules

import (
	"math"

	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/legal"
)

func init() {
	register(&Rule{
		ID:       "SAG104",
		Name:     "proxy",
		Severity: finding.Warning,
		Summary:  "an input is strongly associated, in the data, with a protected column",
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

For every input against every column with role: protected, saglig measures the
association on the whole data in one streaming pass:

- categorical × categorical: bias-corrected Cramér's V (Bergsma 2013), which
  does not inflate on sparse tables the way naive V does;
- numeric × categorical: the correlation ratio η;
- both: normalised mutual information, the sample size and a p-value.

Integer columns that are really codes (postcodes, municipality codes) are
treated as categorical. High-cardinality columns are bounded so memory stays
in budget: past 2,048 distinct values (128 for a protected column) text is
folded into hash buckets and numbers into logarithmic bins. Unlike "heavy
hitters plus other", folding depends on the value alone, so the table and V
are the same however the rows are split over files, row groups and workers
(docs/scan.md). The rule warns from 0.3 and is an error from 0.5 (the
thresholds are in the policy: proxy.warning, proxy.error).

Fix: remove the input or coarsen it until the association is weak; if it must
stay, document why in relevance: and waive SAG104 on the column with the
assessment that accepted the risk; the waiver's protected: key names the one
protected column whose proxy it accepts (without it, it accepts the column's
proxy findings against every protected column).`,
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

func checkProxy(p *Pass) {
	if p.Scan == nil || p.Policy == nil {
		return
	}
	warn, strong := p.Policy.Proxy.ProxyWarning, p.Policy.Proxy.ProxyError
	for _, a := range p.Scan.Associations {
		if math.IsNaN(a.Value) || a.Value < warn {
			continue
		}
		c := p.column(a.Input)
		if c == nil {
			continue
		}
		sev := finding.Warning
		measured := p.Sprintf("%s %.2f, %s, %s", MeasureName(p.tr(), a.Measure), a.Value, p.Sprintf("%d rows", a.N), PValue(p.tr(), a.PValue))
		msg := p.Sprintf("input %q is moderately associated with protected column %q (%s): it can act as a proxy for it", a.Input, a.Protected, measured)
		if a.Value >= strong {
			sev = finding.Error
			msg = p.Sprintf("input %q is strongly associated with protected column %q (%s): it can act as a proxy for it", a.Input, a.Protected, measured)
		}
		cite := []*Citation{legal.Art5Cond5ii}
		if cat, _ := c.Category(); cat == "residential-area" {
			cite = append(cite, legal.GuideCase5Postcodes)
		}
		p.Report(Report{
			Column:    a.Input,
			Pos:       c.Pos(),
			Severity:  sev,
			Cite:      cite,
			Message:   msg,
			Fix:       p.Sprintf("remove or coarsen the input until the association is weak, or document its relevance and waive SAG104 (naming the protected column) with the assessment that accepted the risk"),
			Evidence:  associationEvidence(a),
			Protected: a.Protected,
		})
	}
}

func round3(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return math.Round(x*1000) / 1000
}
