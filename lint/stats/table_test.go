package stats

import (
	"math"
	"math/rand/v2"
	"testing"
)

func near(t *testing.T, name string, got, want, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol {
		t.Errorf("%s = %.9g, want %.9g (±%g)", name, got, want, tol)
	}
}

// The expected values below are computed by hand from the textbook
// formulas (the sources are cited in table.go):
//
//	E_ij = r_i c_j / n, χ² = Σ (O−E)²/E, φ² = χ²/n,
//	naive V = sqrt(φ²/min(k−1, r−1)),
//	Bergsma: φ²₊ = max(0, φ² − (k−1)(r−1)/(n−1)), k̃ = k − (k−1)²/(n−1),
//	NMI = MI / sqrt(H(X)H(Y)).
func TestTableMeasures(t *testing.T) {
	tests := []struct {
		name             string
		m                [][]int64
		chi              float64
		df               int
		p                float64
		naive, corrected float64
		nmi              float64
	}{
		{
			// n=80, every E=20: χ² = 4·(10²/20) = 20; φ² = 0.25; naive V 0.5.
			// φ²₊ = 0.25 − 1/79 = 0.2373418; k̃ = r̃ = 2 − 1/79;
			// Ṽ = sqrt(0.2373418/0.9873418) = 0.4902903.
			// P(χ²₁ > 20) = erfc(sqrt(20/2)) = 7.7442e-6.
			// MI = 0.75 ln 1.5 + 0.25 ln 0.5 = 0.1308120; H = ln 2.
			name: "2x2 associated", m: [][]int64{{30, 10}, {10, 30}},
			chi: 20, df: 1, p: math.Erfc(math.Sqrt(10)),
			naive: 0.5, corrected: 0.4902903, nmi: 0.1308120 / math.Ln2,
		},
		{
			// rows 30, 70; cols 40, 60; E = 12, 18, 28, 42.
			// χ² = 4/12 + 4/18 + 4/28 + 4/42 = 0.7936508; naive V = sqrt(0.007936508) = 0.0890871.
			// φ² − 1/99 < 0, so Ṽ = 0.
			// MI = Σ p ln(p/(p_i p_j)) = 0.1 ln(0.1/0.12) + 0.2 ln(0.2/0.18)
			//    + 0.3 ln(0.3/0.28) + 0.4 ln(0.4/0.42)
			//    = −0.0182322 + 0.0210721 + 0.0206979 − 0.0195161 = 0.0040217;
			// H(rows) = −0.3 ln 0.3 − 0.7 ln 0.7 = 0.6108643,
			// H(cols) = −0.4 ln 0.4 − 0.6 ln 0.6 = 0.6730117.
			name: "2x2 weak", m: [][]int64{{10, 20}, {30, 40}},
			chi: 0.7936508, df: 1, p: math.Erfc(math.Sqrt(0.7936508 / 2)),
			naive: 0.0890871, corrected: 0,
			nmi: 0.0040217 / math.Sqrt(0.6108643*0.6730117),
		},
		{
			// 3x2, n=60, rows 20 each, cols 30 each, E = 10.
			// χ² = [(20−10)² + (0−10)² + 0 + 0 + (0−10)² + (20−10)²]/10 = 40.
			// φ² = 2/3; naive V = sqrt(2/3 / 1) = 0.8164966.
			// φ²₊ = 2/3 − 2/59 = 0.6327684; k̃ = 3 − 4/59 = 2.9322034, r̃ = 2 − 1/59 = 1.9830508;
			// Ṽ = sqrt(0.6327684 / 0.9830508) = sqrt(0.6436783) = 0.8022956.
			// P(χ²₂ > 40) = exp(−40/2) (the χ²₂ survival function is e^(−x/2)).
			// MI: cells 1/3 (p_ij/(p_i p_j) = 2), 0, 1/6 (1), 1/6 (1), 0, 1/3 (2):
			// MI = (2/3) ln 2; H(rows) = ln 3, H(cols) = ln 2.
			name: "3x2 degenerate cells", m: [][]int64{{20, 0}, {10, 10}, {0, 20}},
			chi: 40, df: 2, p: math.Exp(-20),
			naive: 0.8164966, corrected: 0.8022956,
			nmi: (2.0 / 3 * math.Ln2) / math.Sqrt(math.Log(3)*math.Ln2),
		},
		{
			name: "one column level", m: [][]int64{{5}, {7}},
			chi: 0, df: 0, p: 1,
		},
		{
			// Empty levels are left out: this is the 2x2 associated table.
			name: "zero row and column", m: [][]int64{{30, 0, 10}, {0, 0, 0}, {10, 0, 30}},
			chi: 20, df: 1, p: math.Erfc(math.Sqrt(10)),
			naive: 0.5, corrected: 0.4902903, nmi: 0.1308120 / math.Ln2,
		},
		{name: "empty", m: nil, chi: 0, df: 0, p: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs := ChiSquareTest(tt.m)
			near(t, "chi2", cs.Stat, tt.chi, 1e-6)
			if cs.DF != tt.df {
				t.Errorf("df = %d, want %d", cs.DF, tt.df)
			}
			near(t, "p", cs.P, tt.p, 1e-9+1e-6*tt.p)
			corrected, naive := CramersV(tt.m)
			near(t, "naive V", naive, tt.naive, 1e-6)
			near(t, "corrected V", corrected, tt.corrected, 1e-6)
			near(t, "NMI", NMI(tt.m), tt.nmi, 1e-6)
		})
	}
}

// TestCramersVBias shows the bias of the naive V on sparse tables: two
// independent variables, one with many levels for the number of rows, give a
// large naive V and a corrected V near 0; a real association survives the
// correction.
func TestCramersVBias(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	const n, levels = 1000, 300
	indep := NewTable()
	dep := NewTable()
	for range n {
		x := uint64(r.IntN(levels))
		indep.Add(x, uint64(r.IntN(2)), 1)
		// The protected side follows x's parity 90% of the time.
		y := x % 2
		if r.Float64() < 0.1 {
			y = 1 - y
		}
		dep.Add(x, y, 1)
	}
	corrected, naive := CramersV(indep.Dense())
	if naive < 0.4 {
		t.Errorf("independent sparse table: naive V = %.3f, expected the upward bias to show (> 0.4)", naive)
	}
	if corrected > 0.1 {
		t.Errorf("independent sparse table: corrected V = %.3f, want < 0.1", corrected)
	}
	dc, dn := CramersV(dep.Dense())
	if dc < 0.6 {
		t.Errorf("associated sparse table: corrected V = %.3f (naive %.3f), want > 0.6", dc, dn)
	}
	t.Logf("independent: naive %.3f corrected %.3f; associated: naive %.3f corrected %.3f", naive, corrected, dn, dc)
}

func TestTableRekeyAndMerge(t *testing.T) {
	a := NewTable()
	a.Add(1, 10, 2)
	a.Add(2, 10, 3)
	a.Add(3, 11, 4)
	b := NewTable()
	b.Add(3, 11, 1)
	b.Add(4, 10, 5)
	a.Merge(b)
	if a.N() != 15 {
		t.Fatalf("N = %d, want 15", a.N())
	}
	want := [][]int64{{2, 0}, {3, 0}, {0, 5}, {5, 0}}
	if got := a.Dense(); !equalMatrix(got, want) {
		t.Fatalf("Dense = %v, want %v", got, want)
	}
	// Fold rows by parity: odd rows 1 and 3 → 1, even rows 2 and 4 → 0.
	a.RekeyRows(func(k uint64) uint64 { return k % 2 })
	want = [][]int64{{8, 0}, {2, 5}}
	if got := a.Dense(); !equalMatrix(got, want) {
		t.Fatalf("after RekeyRows: %v, want %v", got, want)
	}
	a.RekeyCols(func(uint64) uint64 { return 7 })
	want = [][]int64{{8}, {7}}
	if got := a.Dense(); !equalMatrix(got, want) {
		t.Fatalf("after RekeyCols: %v, want %v", got, want)
	}
}

func equalMatrix(a, b [][]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if len(a[i]) != len(b[i]) {
			return false
		}
		for j := range a[i] {
			if a[i][j] != b[i][j] {
				return false
			}
		}
	}
	return true
}
