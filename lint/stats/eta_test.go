package stats

import (
	"math"
	"testing"
)

func moments(xs ...float64) Moments {
	var m Moments
	for _, x := range xs {
		m.Add(x)
	}
	return m
}

func TestCorrelationRatio(t *testing.T) {
	tests := []struct {
		name     string
		groups   []Moments
		eta, f   float64
		df1, df2 int
		p        float64
	}{
		{
			// Groups {1,2,3} and {4,5,6}: mean 3.5, SS_total = 17.5,
			// SS_between = 3·1.5² + 3·1.5² = 13.5, SS_within = 4.
			// η = sqrt(13.5/17.5) = 0.8783101; F = 13.5 / (4/4) = 13.5 on (1, 4).
			// F(1,4) = t₄², and for 4 degrees of freedom the two-sided t
			// tail is 1 − (3u − u³)/2 with u = t/sqrt(4+t²)
			// (here u = 0.8783101): p = 0.0213130.
			name:   "two groups",
			groups: []Moments{moments(1, 2, 3), moments(4, 5, 6)},
			eta:    math.Sqrt(13.5 / 17.5), f: 13.5, df1: 1, df2: 4,
			p: 1 - (3*0.87831007-math.Pow(0.87831007, 3))/2,
		},
		{
			// Equal means: η = 0, F = 0, p = 1.
			name:   "no association",
			groups: []Moments{moments(1, 3), moments(0, 4), moments(2, 2)},
			eta:    0, f: 0, df1: 2, df2: 3, p: 1,
		},
		{
			// No variance within groups: η = 1, F infinite, p = 0.
			name:   "perfect",
			groups: []Moments{moments(1, 1), moments(5, 5)},
			eta:    1, f: math.Inf(1), df1: 1, df2: 2, p: 0,
		},
		{
			name:   "one group",
			groups: []Moments{moments(1, 2, 3), {}},
			eta:    0, f: 0, df1: 0, df2: 0, p: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := CorrelationRatio(tt.groups)
			near(t, "eta", e.Eta, tt.eta, 1e-6)
			if math.IsInf(tt.f, 1) {
				if !math.IsInf(e.F, 1) {
					t.Errorf("F = %g, want +Inf", e.F)
				}
			} else {
				near(t, "F", e.F, tt.f, 1e-6)
			}
			if e.DF1 != tt.df1 || e.DF2 != tt.df2 {
				t.Errorf("df = (%d, %d), want (%d, %d)", e.DF1, e.DF2, tt.df1, tt.df2)
			}
			near(t, "p", e.P, tt.p, 1e-6)
		})
	}
}

func TestMomentsMerge(t *testing.T) {
	xs := []float64{3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9}
	whole := moments(xs...)
	// Mean 5.1333333, population variance = Σ(x−mean)²/n = 100.66667/15... computed directly:
	var sum, sq float64
	for _, x := range xs {
		sum += x
	}
	mean := sum / float64(len(xs))
	for _, x := range xs {
		sq += (x - mean) * (x - mean)
	}
	for cut := range len(xs) + 1 {
		a, b := moments(xs[:cut]...), moments(xs[cut:]...)
		a.Merge(b)
		if a.N != whole.N {
			t.Fatalf("cut %d: N = %d", cut, a.N)
		}
		near(t, "mean", a.Mean, mean, 1e-12)
		near(t, "M2", a.M2, sq, 1e-9)
	}
	g := NewGrouped()
	g.Add(2, 10)
	g.Add(1, 1)
	g.Add(2, 20)
	g.Add(3, 5)
	g.Rekey(func(k uint64) uint64 { return k % 2 }) // 1,3 → 1; 2 → 0
	ms := g.Moments()
	if len(ms) != 2 || ms[0].N != 2 || ms[0].Mean != 15 || ms[1].N != 2 || ms[1].Mean != 3 {
		t.Fatalf("grouped after rekey = %+v", ms)
	}
}
