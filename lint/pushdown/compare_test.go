//go:build pushdown || duckdb

package pushdown_test

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/saglig/saglig/lint"
	"github.com/saglig/saglig/lint/dataset"
	"github.com/saglig/saglig/lint/pushdown"
	"github.com/saglig/saglig/lint/rules"
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
	// tolBound: a range's bound next to a value that is not in the value
	// sample, read as the centre of its 1% logarithmic bin.
	tolBound = 0.01
	// tolContributor: an input whose permutation lowers the joint model's
	// AUC by this much is a contributor on both sides.
	tolContributor = 0.02
	// tolJointShare: a group's share of two joint samples of a table
	// larger than the sample (other rows).
	tolJointShare = 0.02
)

func sep(u string) string {
	if strings.Contains(u, "?") {
		return "&"
	}
	return "?"
}

// compare checks findings and figures.
func compare(t *testing.T, local, remote *lint.Result, exact bool) {
	t.Helper()
	key := func(r *lint.Result) []string {
		var out []string
		for _, f := range r.Findings {
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
			msg := f.Message
			if f.Rule == "SAG107" {
				// The joint model's figures agree within tolJoint
				// (sameJoint); the words and the names must be the same.
				msg = digits.ReplaceAllString(msg, "#")
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
	for i, la := range l.Associations {
		sameEvidence(t, la, r.Associations[i], tolAssoc)
	}
	sameJoint(t, local, remote)
	sameReidentification(t, l.Reidentification, r.Reidentification)
	samePeriod(t, l.Period, r.Period)
}

// samePeriod: the observation period is exact both ways.
func samePeriod(t *testing.T, lp, rp *scan.Period) {
	t.Helper()
	if (lp == nil) != (rp == nil) {
		t.Fatalf("period: %v local, %v pushdown", lp, rp)
	}
	if lp == nil {
		return
	}
	if lp.Subjects != rp.Subjects || lp.MultiObs != rp.MultiObs || lp.SampledShare != rp.SampledShare {
		t.Errorf("period: %+v local, %+v pushdown", lp, rp)
	}
	for k, v := range lp.SpanDays {
		if math.Abs(v-rp.SpanDays[k]) > 1e-9 {
			t.Errorf("period %s: %v local, %v pushdown", k, v, rp.SpanDays[k])
		}
	}
}

// compareSubjects measures the bundled example's subjects pass in each of
// its shapes — the period and the classes by subject (the lint of the
// example), the classes by subject alone (no timestamp), by rows alone
// (no id), the period alone (no quasi-identifiers) — in the scan of its
// Parquet file and through the table at tableURL: the same period and
// classes.
func compareSubjects(t *testing.T, parquetPath, tableURL string) {
	t.Helper()
	ctx := context.Background()
	ds, err := dataset.Open(parquetPath, dataset.Options{})
	if err != nil {
		t.Fatal(err)
	}
	src, err := pushdown.Open(ctx, tableURL)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	qis := []string{"alder", "koen", "postnr"}
	for _, req := range []scan.Request{
		{ID: "borger_cpr", QuasiIDs: qis},
		{QuasiIDs: qis},
		{ID: "borger_cpr", Timestamp: "observation_dato"},
		{ID: "borger_cpr", Timestamp: "observation_dato", QuasiIDs: qis},
	} {
		l, err := scan.New().Profile(ctx, ds, req)
		if err != nil {
			t.Fatal(err)
		}
		r, err := src.Profile(ctx, src.Dataset(), req)
		if err != nil {
			t.Fatal(err)
		}
		if l.Reidentification == nil && len(req.QuasiIDs) > 0 || l.Period == nil && req.Timestamp != "" {
			t.Fatalf("%+v: the scan measured no classes or no period", req)
		}
		sameReidentification(t, l.Reidentification, r.Reidentification)
		samePeriod(t, l.Period, r.Period)
	}
}

// sameEvidence: the binned mutual information within tol, and the value
// tables the same — level by level, counts, names and range bounds — but
// where the engine folded text by its own hash (the association's
// Estimator says so), whose buckets hold other values, and where a value
// is not in the engine's value sample (unsampled: its text never left the
// engine).
func sameEvidence(t *testing.T, la, ra scan.Association, tol float64) {
	t.Helper()
	name := la.Input + " × " + la.Protected
	if (la.Binned == nil) != (ra.Binned == nil) {
		t.Errorf("%s: binned mutual information %+v local, %+v pushdown", name, la.Binned, ra.Binned)
	} else if la.Binned != nil {
		lb, rb := la.Binned, ra.Binned
		if math.Abs(lb.Correlation-rb.Correlation) > tol || math.Abs(lb.MI-rb.MI) > tol {
			t.Errorf("%s: binned mutual information %+v local, %+v pushdown", name, *lb, *rb)
		}
		if ra.Estimator == "" && (lb.InputBins != rb.InputBins || lb.ProtectedBins != rb.ProtectedBins || lb.DF != rb.DF) {
			t.Errorf("%s: bins %+v local, %+v pushdown", name, *lb, *rb)
		}
	}
	if (la.Table == nil) != (ra.Table == nil) {
		t.Fatalf("%s: value table %v local, %v pushdown", name, la.Table != nil, ra.Table != nil)
	}
	if la.Table == nil || ra.Estimator != "" {
		return
	}
	lt, rt := la.Table, ra.Table
	if len(lt.Inputs) != len(rt.Inputs) || len(lt.Groups) != len(rt.Groups) {
		t.Errorf("%s: value table %d×%d local, %d×%d pushdown", name, len(lt.Inputs), len(lt.Groups), len(rt.Inputs), len(rt.Groups))
		return
	}
	sameLevel := func(what string, i int, l, r scan.Level) {
		if r.Kind == scan.LevelUnsampled && (l.Kind == scan.LevelValue || l.Kind == scan.LevelUnnamed) {
			l.Kind, l.Value = r.Kind, r.Value
		}
		// A bound next to a value outside the sample is the midpoint to
		// the centre of that value's logarithmic bin: within 1%.
		if l.Kind == scan.LevelRange && r.Kind == scan.LevelRange && within(l.From, r.From, tolBound) && within(l.To, r.To, tolBound) {
			l.From, l.To = r.From, r.To
		}
		if l != r {
			// Levels print their kind only: values never reach test output.
			t.Errorf("%s: %s %d: kind %d count %d local, kind %d count %d pushdown (names or bounds differ: %v)", name, what, i,
				l.Kind, l.Count, r.Kind, r.Count, l.Value != r.Value || l.From != r.From || l.To != r.To)
		}
	}
	// Levels with equal counts may come in another order (ties are broken
	// by key, a hash of another function): compare them as sets.
	sorted := func(ls []scan.Level) []scan.Level {
		out := slices.Clone(ls)
		slices.SortFunc(out, func(a, b scan.Level) int {
			return cmpLevel(a, b)
		})
		return out
	}
	li, ri := sorted(lt.Inputs), sorted(rt.Inputs)
	for i := range li {
		sameLevel("input level", i, li[i], ri[i])
	}
	lg, rg := sorted(lt.Groups), sorted(rt.Groups)
	for i := range lg {
		sameLevel("group", i, lg[i], rg[i])
	}
	var lc, rc []int64
	for _, row := range lt.Counts {
		lc = append(lc, row...)
	}
	for _, row := range rt.Counts {
		rc = append(rc, row...)
	}
	slices.Sort(lc)
	slices.Sort(rc)
	if !slices.Equal(lc, rc) {
		t.Errorf("%s: the value tables' cells differ", name)
	}
}

// within reports whether two bounds of ranges are equal, or numbers within
// rel of each other.
func within(a, b string, rel float64) bool {
	if a == b {
		return true
	}
	x, err1 := strconv.ParseFloat(a, 64)
	y, err2 := strconv.ParseFloat(b, 64)
	return err1 == nil && err2 == nil && math.Abs(x-y) <= rel*math.Max(math.Abs(x), math.Abs(y))
}

func cmpLevel(a, b scan.Level) int {
	switch {
	case a.Count != b.Count:
		return int(a.Count - b.Count)
	case a.Kind != b.Kind:
		return int(a.Kind) - int(b.Kind)
	case a.Value != b.Value:
		return strings.Compare(a.Value, b.Value)
	case a.From != b.From:
		return strings.Compare(a.From, b.From)
	}
	return strings.Compare(a.To, b.To)
}

// digits are the figures of a message.
var digits = regexp.MustCompile(`[0-9]+`)

// sameJoint: SAG107's joint models, read from its findings' evidence,
// agree. When the scan's sample is every row, the pushdown's is too: the
// same rows and groups with the same shares, each group's AUC within the
// half-width of the scan's 95% interval (the folds are drawn by the
// engine's hash of the subject id, not the scan's: another partition of the
// same rows). When the table is larger than the sample, the two samples are
// other rows (the scan's by place, the engine's by content): the groups'
// shares within tolJointShare and the AUCs' 95% intervals overlap. Every
// input whose permutation lowers the AUC by tolContributor or more on one
// side is among the contributors on the other.
func sameJoint(t *testing.T, l, r *lint.Result) {
	t.Helper()
	evidence := func(res *lint.Result) map[string]*rules.JointProxyEvidence {
		out := map[string]*rules.JointProxyEvidence{}
		for _, f := range res.Findings {
			if ev, ok := f.Evidence.(*rules.JointProxyEvidence); ok && f.Rule == "SAG107" {
				out[f.Column] = ev
			}
		}
		return out
	}
	le, re := evidence(l), evidence(r)
	if len(le) != len(re) {
		t.Errorf("SAG107: %d joint models local, %d pushdown", len(le), len(re))
	}
	for col, lj := range le {
		rj := re[col]
		if rj == nil {
			t.Errorf("SAG107 %s: no joint model through pushdown", col)
			continue
		}
		sameRows := lj.SampledShare == 1
		t.Logf("SAG107 %s: %d rows (share %v) local, %d (share %v) pushdown", col, lj.SampledRows, lj.SampledShare, rj.SampledRows, rj.SampledShare)
		for k := range min(len(lj.Classes), len(rj.Classes)) {
			lc, rc := lj.Classes[k], rj.Classes[k]
			t.Logf("  group %d: share %v/%v AUC %v [%v %v] / %v [%v %v] %v / %v", k, lc.Share, rc.Share, lc.AUC, lc.Lo, lc.Hi, rc.AUC, rc.Lo, rc.Hi, lc.Contributors, rc.Contributors)
		}
		if sameRows && (lj.SampledRows != rj.SampledRows || lj.SampledShare != rj.SampledShare) || lj.Inputs != rj.Inputs || len(lj.Classes) != len(rj.Classes) {
			t.Errorf("SAG107 %s: %d rows (share %v), %d inputs, %d groups local; %d rows (share %v), %d inputs, %d groups pushdown", col,
				lj.SampledRows, lj.SampledShare, lj.Inputs, len(lj.Classes), rj.SampledRows, rj.SampledShare, rj.Inputs, len(rj.Classes))
			continue
		}
		for k, lc := range lj.Classes {
			rc := rj.Classes[k]
			ok := lc.Share == rc.Share && math.Abs(lc.AUC-rc.AUC) <= (lc.Hi-lc.Lo)/2
			if !sameRows {
				// Other rows: the groups' shares within tolJointShare and
				// the AUCs' 95% intervals overlapping.
				ok = math.Abs(lc.Share-rc.Share) <= tolJointShare && math.Abs(lc.AUC-rc.AUC) <= (lc.Hi-lc.Lo)/2+(rc.Hi-rc.Lo)/2
			}
			if !ok || lc.GroupKind != rc.GroupKind {
				t.Errorf("SAG107 %s group %d: share %v AUC %v [%v, %v] local, share %v AUC %v pushdown", col, k, lc.Share, lc.AUC, lc.Lo, lc.Hi, rc.Share, rc.AUC)
			}
			among := func(a, b []rules.Contribution) {
				for _, x := range a {
					if x.Drop >= tolContributor && !slices.ContainsFunc(b, func(y rules.Contribution) bool { return y.Input == x.Input }) {
						t.Errorf("SAG107 %s group %d: %s lowers the AUC by %v on one side and is no contributor on the other (%v / %v)", col, k, x.Input, x.Drop, lc.Contributors, rc.Contributors)
					}
				}
			}
			among(lc.Contributors, rc.Contributors)
			among(rc.Contributors, lc.Contributors)
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
