//go:build pushdown || duckdb

package pushdown_test

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/saglig/saglig/lint"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/scan"
)

// example is the bundled example.
const example = "../../examples/jobcenter"

// Tolerances of figures measured by an engine against the scan's.
const (
	// tolAssoc: V, η and NMI of unfolded tables are the same computation
	// on the same table (floating-point rounding only).
	tolAssoc = 1e-9
	// tolDistinct: an HLL estimate against the scan's exact count or HLL.
	tolDistinct = 0.03
	// tolQuantile: percentile_disc's rank against the scan's (one rank
	// apart), or a t-digest, relative to the column's spread.
	tolQuantile = 0.02
)

func sep(u string) string {
	if strings.Contains(u, "?") {
		return "&"
	}
	return "?"
}

// binnedOnly names the inputs whose local association is the mutual
// information over bins (of a numeric or many-valued column), which the SQL
// passes do not measure yet (docs/warehouses.md, "What is refused or not
// measured"): their SAG104 findings and association figures are left out
// of the comparison, as SAG107 and value-level evidence are.
func binnedOnly(local *lint.Result) map[string]bool {
	out := map[string]bool{}
	for _, d := range local.Datasets {
		for _, a := range d.Associations {
			if a.Measure == "mutual_information" {
				out[a.Input] = true
			}
		}
	}
	return out
}

// notInSQL says whether a finding rests on a measure the SQL passes do not
// make yet.
func notInSQL(f *finding.Finding, binned map[string]bool) bool {
	return f.Rule == "SAG107" || f.Rule == "SAG106" || f.Rule == "SAG104" && binned[f.Column]
}

// proxyClaim is SAG104's message without its value-level evidence (the
// part after the claim, which the SQL passes do not measure yet).
func proxyClaim(msg string) string {
	const claim = ": it can act as a proxy for it"
	if i := strings.Index(msg, claim); i >= 0 {
		return msg[:i+len(claim)]
	}
	return msg
}

// compare checks findings and figures.
func compare(t *testing.T, local, remote *lint.Result, exact bool) {
	t.Helper()
	binned := binnedOnly(local)
	remoteNoted := false
	for _, d := range remote.Datasets {
		for _, n := range d.Notes {
			remoteNoted = remoteNoted || strings.HasPrefix(n, "not measured through SQL")
		}
	}
	if len(binned) > 0 && !remoteNoted {
		t.Error("the pushdown does not say which proxy measures it does not make")
	}
	key := func(r *lint.Result) []string {
		var out []string
		for _, f := range r.Findings {
			if notInSQL(&f, binned) {
				continue
			}
			out = append(out, fmt.Sprintf("%s %s %s waived=%v", f.Rule, f.Column, f.Severity, f.Waived))
		}
		sort.Strings(out)
		return out
	}
	a, b := key(local), key(remote)
	if strings.Join(a, "\n") != strings.Join(b, "\n") {
		t.Errorf("findings differ:\nlocal:\n  %s\npushdown:\n  %s", strings.Join(a, "\n  "), strings.Join(b, "\n  "))
	}
	// The messages name the same figures (V and η to two decimals, n).
	msgs := func(r *lint.Result) map[string]string {
		out := map[string]string{}
		for _, f := range r.Findings {
			if notInSQL(&f, binned) {
				continue
			}
			msg := f.Message
			if f.Rule == "SAG104" {
				msg = proxyClaim(msg)
			}
			out[f.Rule+" "+f.Column] = msg
		}
		return out
	}
	ma, mb := msgs(local), msgs(remote)
	for k, v := range ma {
		if mb[k] != v {
			t.Errorf("%s: message differs:\nlocal:    %s\npushdown: %s", k, v, mb[k])
		}
	}
	if len(local.Datasets) != 1 || len(remote.Datasets) != 1 {
		t.Fatalf("datasets: %d local, %d pushdown", len(local.Datasets), len(remote.Datasets))
	}
	l, r := local.Datasets[0], remote.Datasets[0]
	if l.Rows != r.Rows {
		t.Errorf("rows: %d local, %d pushdown", l.Rows, r.Rows)
	}
	for i, lc := range l.Columns {
		rc := r.Columns[i]
		if lc.Path != rc.Path || lc.Inferred != rc.Inferred || lc.Category != rc.Category {
			t.Errorf("column %d: local %s %q, pushdown %s %q", i, lc.Path, lc.Inferred, rc.Path, rc.Inferred)
		}
		if lc.Rows != rc.Rows || lc.Nulls != rc.Nulls {
			t.Errorf("%s: rows/nulls %d/%d local, %d/%d pushdown", lc.Path, lc.Rows, lc.Nulls, rc.Rows, rc.Nulls)
		}
		if rel(float64(lc.Distinct), float64(rc.Distinct)) > tolDistinct {
			t.Errorf("%s: distinct %d local, %d pushdown", lc.Path, lc.Distinct, rc.Distinct)
		}
		if exact && lc.Distinct <= scan.TopCapacity && lc.Distinct != rc.Distinct {
			t.Errorf("%s: distinct %d local, %d pushdown (both exact)", lc.Path, lc.Distinct, rc.Distinct)
		}
		if len(lc.Quantiles) != len(rc.Quantiles) {
			t.Errorf("%s: quantiles %v local, %v pushdown", lc.Path, lc.Quantiles, rc.Quantiles)
			continue
		}
		spread := math.Abs(lc.Quantiles["p95"]-lc.Quantiles["p05"]) + 1
		for k, v := range lc.Quantiles {
			if math.Abs(v-rc.Quantiles[k])/spread > tolQuantile {
				t.Errorf("%s: %s %v local, %v pushdown", lc.Path, k, v, rc.Quantiles[k])
			}
		}
	}
	if len(l.Associations) != len(r.Associations) {
		t.Fatalf("associations: %d local, %d pushdown", len(l.Associations), len(r.Associations))
	}
	for i, la := range l.Associations {
		ra := r.Associations[i]
		if la.Measure == "mutual_information" {
			// Not measured through SQL yet: the rest of the pair must agree.
			if la.Input != ra.Input || la.Protected != ra.Protected || la.N != ra.N || la.InputLevels != ra.InputLevels ||
				la.ProtectedLevels != ra.ProtectedLevels || math.Abs(la.NMI-ra.NMI) > tolAssoc*math.Max(1, la.NMI) {
				t.Errorf("association %d:\nlocal    %+v\npushdown %+v", i, la, ra)
			}
			continue
		}
		if la.Input != ra.Input || la.Protected != ra.Protected || la.Measure != ra.Measure || la.N != ra.N ||
			la.InputLevels != ra.InputLevels || la.ProtectedLevels != ra.ProtectedLevels || la.DF != ra.DF || la.Bounded != ra.Bounded {
			t.Errorf("association %d:\nlocal    %+v\npushdown %+v", i, la, ra)
			continue
		}
		for _, f := range []struct {
			name string
			a, b float64
		}{{"value", la.Value, ra.Value}, {"naive_v", la.NaiveV, ra.NaiveV}, {"nmi", la.NMI, ra.NMI}, {"p", la.PValue, ra.PValue}} {
			if math.Abs(f.a-f.b) > tolAssoc*math.Max(1, math.Abs(f.a)) {
				t.Errorf("%s × %s: %s %v local, %v pushdown", la.Input, la.Protected, f.name, f.a, f.b)
			}
		}
	}
	sameReidentification(t, l.Reidentification, r.Reidentification)
	if (l.Period == nil) != (r.Period == nil) {
		t.Fatalf("period: %v local, %v pushdown", l.Period, r.Period)
	}
	if l.Period != nil {
		lp, rp := l.Period, r.Period
		if lp.Subjects != rp.Subjects || lp.MultiObs != rp.MultiObs || lp.SampledShare != rp.SampledShare {
			t.Errorf("period: %+v local, %+v pushdown", lp, rp)
		}
		for k, v := range lp.SpanDays {
			if math.Abs(v-rp.SpanDays[k]) > 1e-9 {
				t.Errorf("period %s: %v local, %v pushdown", k, v, rp.SpanDays[k])
			}
		}
	}
}

// sameReidentification: the classes of the quasi-identifiers are exact
// both ways (GROUP BY in the engine, every class kept by the scan).
func sameReidentification(t *testing.T, l, r *scan.Reidentification) {
	t.Helper()
	if (l == nil) != (r == nil) {
		t.Fatalf("re-identification: %v local, %v pushdown", l, r)
	}
	if l == nil {
		return
	}
	if strings.Join(l.Columns, ",") != strings.Join(r.Columns, ",") || l.BySubject != r.BySubject || l.Rows != r.Rows ||
		l.Classes != r.Classes || !slices.Equal(l.RowsBySize, r.RowsBySize) {
		t.Errorf("re-identification:\nlocal    %+v\npushdown %+v", l, r)
	}
}

func rel(a, b float64) float64 {
	if a == b {
		return 0
	}
	return math.Abs(a-b) / math.Max(math.Abs(a), 1)
}
