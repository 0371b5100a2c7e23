package stats

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// The expected values are computed by hand (or with Python's math module
// from the textbook formulas, as noted).

func TestWilson(t *testing.T) {
	tests := []struct {
		x, n   int64
		lo, hi float64
	}{
		{5, 10, 0.236593090512564, 0.7634069094874361},
		{0, 10, 0, 0.2775327998628892}, // upper = (z²/n)/(1+z²/n)
		{10, 10, 1 - 0.2775327998628892, 1},
		{0, 0, 0, 1},
	}
	for _, tt := range tests {
		lo, hi := Wilson(tt.x, tt.n, Z95)
		near(t, "lo", lo, tt.lo, 1e-12)
		near(t, "hi", hi, tt.hi, 1e-12)
	}
}

func TestBinomialUpperTail(t *testing.T) {
	tests := []struct {
		x, n int64
		p    float64
		want float64
	}{
		{8, 10, 0.5, 56.0 / 1024},            // (C(10,8)+C(10,9)+C(10,10))/2¹⁰
		{3, 3, 0.9, 0.729},                   // 0.9³
		{19, 20, 0.9, 0.3917469981251679},    // Σ_{k≥19} C(20,k) 0.9^k 0.1^(20−k)
		{0, 20, 0.9, 1},                      // P(X ≥ 0)
		{21, 20, 0.9, 0},                     // impossible
		{13192, 13193, 0.99, 1.4e-56},        // "Husband": 13,192 men of 13,193, far above 99%
		{100, 1000, 0.1, 0.5154177095659203}, // exact sum with Python fractions: a little over half at the mean
	}
	for _, tt := range tests {
		got := BinomialUpperTail(tt.x, tt.n, tt.p)
		if tt.want < 1e-10 {
			if got > 1e-50 {
				t.Errorf("BinomialUpperTail(%d, %d, %g) = %g, want < 1e-50", tt.x, tt.n, tt.p, got)
			}
			continue
		}
		near(t, "tail", got, tt.want, 1e-9)
	}
}

func TestBenjaminiHochberg(t *testing.T) {
	// Sorted: 0.005·4/1 = 0.02, 0.01·4/2 = 0.02, 0.03·4/3 = 0.04,
	// 0.04·4/4 = 0.04; running minimum from the top.
	got := BenjaminiHochberg([]float64{0.01, 0.04, 0.03, 0.005})
	want := []float64{0.02, 0.04, 0.04, 0.02}
	for i := range want {
		near(t, "q", got[i], want[i], 1e-12)
	}
	// A p-value above its successor's adjusted value takes the smaller one;
	// NaN counts as 1; nothing exceeds 1.
	got = BenjaminiHochberg([]float64{0.9, 0.2, math.NaN()})
	want = []float64{0.9 * 3 / 2, 0.2 * 3, 1}
	want[0] = min(want[0], 1)
	for i := range want {
		near(t, "q", got[i], min(1, want[i]), 1e-12)
	}
	if len(BenjaminiHochberg(nil)) != 0 {
		t.Error("empty family")
	}
}

// TestBenjaminiHochbergControlsFDR draws families of null and false-null
// tests and checks that the share of false discoveries among the
// rejections stays at or under α on average.
func TestBenjaminiHochbergControlsFDR(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const alpha, families, m, alt = 0.05, 400, 50, 10
	var fdr float64
	for range families {
		p := make([]float64, m)
		for i := range p {
			if i < alt {
				p[i] = rng.Float64() * 1e-4
			} else {
				p[i] = rng.Float64()
			}
		}
		q := BenjaminiHochberg(p)
		var rej, falseRej int
		for i, x := range q {
			if x <= alpha {
				rej++
				if i >= alt {
					falseRej++
				}
			}
		}
		if rej > 0 {
			fdr += float64(falseRej) / float64(rej)
		}
	}
	if got := fdr / families; got > alpha {
		t.Errorf("false discovery rate %.4f, want ≤ %g", got, alpha)
	}
}

func TestValueGroups(t *testing.T) {
	// Rows: values; columns: groups (men, women). Value 0 is "Husband":
	// 99 men of 100. Value 1 is mixed, 50/50 of 200. Value 2 is 30 women.
	// n = 330; men 99+100 = 199 (base 0.6030), women 1+100+30 = 131.
	m := [][]int64{{99, 1}, {100, 100}, {0, 30}}
	got := ValueGroups(m)
	if len(got) != 3 {
		t.Fatalf("got %d values, want 3", len(got))
	}
	byRow := map[int]ValueGroup{}
	for _, v := range got {
		byRow[v.Row] = v
	}
	h := byRow[0]
	if h.Col != 0 || h.Count != 100 || h.Hits != 99 {
		t.Errorf("husband: %+v, want group 0 with 99 of 100", h)
	}
	near(t, "purity", h.Purity, 0.99, 1e-12)
	near(t, "base", h.Base, 199.0/330, 1e-12)
	near(t, "share", h.Share, 100.0/330, 1e-12)
	lo, hi := Wilson(99, 100, Z95)
	near(t, "lo", h.Lo, lo, 1e-12)
	near(t, "hi", h.Hi, hi, 1e-12)
	// Info: share · Σ p ln(p/base) = (100/330)·(0.99 ln(0.99/(199/330)) + 0.01 ln(0.01/(131/330))).
	wantInfo := 100.0 / 330 * (0.99*math.Log(0.99*330/199) + 0.01*math.Log(0.01*330/131))
	near(t, "info", h.Info, wantInfo, 1e-12)
	if w := byRow[2]; w.Col != 1 || w.Purity != 1 {
		t.Errorf("all-women value: %+v, want group 1 at purity 1", w)
	}
	// The information parts add up to the plug-in mutual information.
	var sum float64
	for _, v := range got {
		sum += v.Info
	}
	near(t, "ΣInfo", sum, MutualInformation(m).Plugin, 1e-12)
	// Sorted by information: the mixed value carries the least.
	if got[len(got)-1].Row != 1 {
		t.Errorf("order %v, want the mixed value last", got)
	}
}

// TestValueGroupsMinority checks that the group whose lower bound is
// furthest above its base rate is chosen, not the majority: a value that
// is 40% of a 10% minority says more about the minority than about the
// 60% majority it mostly holds.
func TestValueGroupsMinority(t *testing.T) {
	// Value 0: 600 majority, 400 minority. Value 1: 8,400 majority, 600 minority.
	// Base: majority 0.9, minority 0.1.
	got := ValueGroups([][]int64{{600, 400}, {8400, 600}})
	for _, v := range got {
		if v.Row == 0 && v.Col != 1 {
			t.Errorf("value 0 → group %d, want the minority (1)", v.Col)
		}
	}
}

func TestPurityTests(t *testing.T) {
	// Groups: 0 has base 0.95 (≥ tau, not tested), 1 and 2 the rest.
	m := [][]int64{{900, 50, 50}, {8, 1, 1}, {8600, 200, 190}}
	got := PurityTests(m, 10, 0.9)
	// Row 1 has 10 rows (= minCount): tested; group 0's base
	// (9508/10000) is above tau: never tested.
	var rows []int
	for _, pt := range got {
		if pt.Col == 0 {
			t.Errorf("group 0 tested: %+v", pt)
		}
		rows = append(rows, pt.Row)
	}
	if !slices.Equal(rows, []int{0, 0, 1, 1, 2, 2}) {
		t.Errorf("rows tested %v", rows)
	}
	if got[0].P != BinomialUpperTail(50, 1000, 0.9) {
		t.Errorf("p = %g", got[0].P)
	}
	if len(PurityTests(m, 20, 0.9)) != 4 {
		t.Error("minCount 20 should drop row 1")
	}
}

func TestEqualFrequencyBins(t *testing.T) {
	tests := []struct {
		name   string
		totals []int64
		bins   int
		want   []int
		k      int
	}{
		{"even", []int64{10, 10, 10, 10}, 2, []int{0, 0, 1, 1}, 2},
		// The middle level holds 90%: its bin is 2 of 0..3; bin 1 stays
		// empty and the numbers close up.
		{"heavy level", []int64{5, 90, 5}, 4, []int{0, 1, 2}, 3},
		{"zero totals", []int64{0, 10, 0, 10}, 2, []int{0, 0, 0, 1}, 2},
		{"more bins than levels", []int64{3, 3}, 8, []int{0, 1}, 2},
		{"one level", []int64{7}, 4, []int{0}, 1},
	}
	for _, tt := range tests {
		got, k := EqualFrequencyBins(tt.totals, tt.bins)
		if !slices.Equal(got, tt.want) || k != tt.k {
			t.Errorf("%s: got %v (%d bins), want %v (%d)", tt.name, got, k, tt.want, tt.k)
		}
	}
	// Many levels: each bin gets close to n/bins.
	totals := make([]int64, 1000)
	for i := range totals {
		totals[i] = int64(1 + i%7)
	}
	bin, k := EqualFrequencyBins(totals, 10)
	if k != 10 {
		t.Fatalf("k = %d", k)
	}
	sums := make([]int64, k)
	var n int64
	for i, b := range bin {
		sums[b] += totals[i]
		n += totals[i]
		if i > 0 && b < bin[i-1] {
			t.Fatal("bins not monotone")
		}
	}
	for _, s := range sums {
		if math.Abs(float64(s)-float64(n)/10) > 8 {
			t.Errorf("bin sums %v, want about %d each", sums, n/10)
			break
		}
	}
}

func TestBinCount(t *testing.T) {
	for _, tt := range []struct {
		n    int64
		want int
	}{{0, 2}, {1, 2}, {1000, 10}, {3000, 14}, {1_000_000, 64}, {10_000_000, 64}} {
		if got := BinCount(tt.n); got != tt.want {
			t.Errorf("BinCount(%d) = %d, want %d", tt.n, got, tt.want)
		}
	}
}

func TestCollapse(t *testing.T) {
	m := [][]int64{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}
	got := Collapse(m, []int{0, 0, 1}, 2, []int{0, 1, 1}, 2)
	want := [][]int64{{1 + 4, 2 + 3 + 5 + 6}, {7, 8 + 9}}
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("row %d: %v, want %v", i, got[i], want[i])
		}
	}
	same := Collapse(m, nil, 0, nil, 0)
	for i := range m {
		if !slices.Equal(same[i], m[i]) {
			t.Error("nil assignments must keep the table")
		}
	}
}

func TestMutualInformation(t *testing.T) {
	// [[30,10],[10,30]]: plug-in MI = 0.75 ln 1.5 + 0.25 ln 0.5; n = 80,
	// 2 rows, 2 columns, 4 cells: correction (2+2−4−1)/160.
	got := MutualInformation([][]int64{{30, 10}, {10, 30}})
	near(t, "plugin", got.Plugin, 0.13081203594113697, 1e-12)
	near(t, "mi", got.MI, 0.12456203594113696, 1e-12)
	near(t, "r", got.Correlation, 0.4695921044586111, 1e-12)
	near(t, "G", got.G, 20.929925750581916, 1e-9)
	near(t, "p", got.P, 4.763938479565467e-06, 1e-12)
	if got.DF != 1 || got.N != 80 {
		t.Errorf("df %d n %d", got.DF, got.N)
	}
	// Independent: no information left after the correction.
	ind := MutualInformation([][]int64{{10, 20}, {20, 40}})
	if ind.MI != 0 || ind.Correlation != 0 || ind.P < 0.999 {
		t.Errorf("independent table: %+v", ind)
	}
	// A single column: nothing to measure.
	if one := MutualInformation([][]int64{{5}, {6}}); one.P != 1 || one.MI != 0 {
		t.Errorf("one column: %+v", one)
	}
}

// TestMutualInformationNonLinear is the case η misses: one group sits at
// both ends of a numeric variable, the other in the middle, with equal
// means. Equal-frequency bins and MI find it; η does not.
func TestMutualInformationNonLinear(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const n = 4000
	type obs struct {
		x float64
		g int
	}
	var data []obs
	var groups [2]Moments
	for i := range n {
		g := i % 2
		var x float64
		if g == 0 {
			x = rng.NormFloat64() * 0.5 // the middle
		} else {
			x = 2.5 + rng.NormFloat64()*0.5 // both ends
			if rng.IntN(2) == 0 {
				x = -x
			}
		}
		data = append(data, obs{x, g})
		groups[g].Add(x)
	}
	if eta := CorrelationRatio(groups[:]); eta.Eta > 0.1 {
		t.Fatalf("η = %.3f; the planted relation should be invisible to η", eta.Eta)
	}
	// Levels: every value its own level, in ascending order.
	slices.SortFunc(data, func(a, b obs) int {
		switch {
		case a.x < b.x:
			return -1
		case a.x > b.x:
			return 1
		}
		return 0
	})
	m := make([][]int64, len(data))
	totals := make([]int64, len(data))
	for i, o := range data {
		m[i] = make([]int64, 2)
		m[i][o.g] = 1
		totals[i] = 1
	}
	bin, k := EqualFrequencyBins(totals, BinCount(n))
	mi := MutualInformation(Collapse(m, bin, k, nil, 0))
	if mi.Correlation < 0.6 || mi.P > 1e-10 {
		t.Errorf("binned MI: %+v, want informational correlation ≥ 0.6", mi)
	}
}

func TestAUC(t *testing.T) {
	// Positives 0.35 and 0.8, negatives 0.1 and 0.4: 3 of 4 pairs ordered.
	// Placements: positives 0.5 and 1 (variance 0.125), negatives 1 and
	// 0.5 (variance 0.125): Var = 0.125/2 + 0.125/2.
	r := AUC([]float64{0.1, 0.4, 0.35, 0.8}, []bool{false, false, true, true})
	near(t, "auc", r.AUC, 0.75, 1e-12)
	near(t, "var", r.Var, 0.125, 1e-12)
	if r.Pos != 2 || r.Neg != 2 {
		t.Errorf("counts %+v", r)
	}
	near(t, "null var", r.NullVar(), 5.0/48, 1e-12)
	// Ties count one half.
	near(t, "ties", AUC([]float64{1, 1}, []bool{true, false}).AUC, 0.5, 1e-12)
	// Perfect separation.
	near(t, "perfect", AUC([]float64{0, 1, 2, 3}, []bool{false, false, true, true}).AUC, 1, 1e-12)
	if !math.IsNaN(AUC([]float64{1, 2}, []bool{true, true}).AUC) {
		t.Error("one class: want NaN")
	}
}

// TestAUCMatchesPairs checks the rank formula against counting pairs.
func TestAUCMatchesPairs(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	s := make([]float64, 300)
	y := make([]bool, 300)
	for i := range s {
		y[i] = rng.IntN(3) == 0
		s[i] = float64(rng.IntN(20))
		if y[i] {
			s[i] += 3
		}
	}
	var wins float64
	var pairs int
	for i := range s {
		for j := range s {
			if y[i] && !y[j] {
				pairs++
				switch {
				case s[i] > s[j]:
					wins++
				case s[i] == s[j]:
					wins += 0.5
				}
			}
		}
	}
	near(t, "auc", AUC(s, y).AUC, wins/float64(pairs), 1e-12)
}

func TestLogitInterval(t *testing.T) {
	lo, hi := LogitInterval(0.8, 0.0004, Z95)
	// logit(0.8) = ln 4; half-width 1.96·0.02/0.16 = 0.245.
	l := math.Log(4)
	near(t, "lo", lo, 1/(1+math.Exp(-(l-0.245))), 1e-4)
	near(t, "hi", hi, 1/(1+math.Exp(-(l+0.245))), 1e-4)
	if lo >= 0.8 || hi <= 0.8 || hi >= 1 {
		t.Errorf("interval [%g, %g]", lo, hi)
	}
}
