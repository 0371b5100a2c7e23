package stats

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/mathext"
)

// Z95 is the standard normal quantile of a two-sided 95% interval.
const Z95 = 1.959963984540054

// Wilson returns the Wilson score interval of a proportion, x successes in
// n trials, at the two-sided confidence of the normal quantile z (Wilson,
// "Probable inference, the law of succession, and statistical inference",
// JASA 22, 1927):
//
//	centre = (p̂ + z²/2n) / (1 + z²/n),
//	half   = z·sqrt(p̂(1−p̂)/n + z²/4n²) / (1 + z²/n).
//
// Unlike the normal (Wald) interval it stays inside [0, 1] and keeps its
// coverage near 0 and 1, where a proxy's purity lives. With n = 0 it is
// [0, 1].
func Wilson(x, n int64, z float64) (lo, hi float64) {
	if n <= 0 {
		return 0, 1
	}
	p := float64(x) / float64(n)
	nf := float64(n)
	z2 := z * z
	d := 1 + z2/nf
	centre := (p + z2/(2*nf)) / d
	half := z * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf)) / d
	return max(0, centre-half), min(1, centre+half)
}

// BinomialUpperTail is P(X ≥ x) for X ~ Binomial(n, p): the p-value of the
// one-sided exact test of H0 "the proportion is at most p" after x
// successes in n trials. It is the regularised incomplete beta function
// I_p(x, n−x+1) (Abramowitz & Stegun 26.5.24), from gonum's mathext.
func BinomialUpperTail(x, n int64, p float64) float64 {
	switch {
	case x <= 0:
		return 1
	case x > n:
		return 0
	case p <= 0:
		return 0
	case p >= 1:
		return 1
	}
	return min(1, max(0, mathext.RegIncBeta(float64(x), float64(n-x+1), p)))
}

// BenjaminiHochberg returns the Benjamini–Hochberg adjusted p-values
// (q-values) of a family of tests, in the order given (Benjamini &
// Hochberg, "Controlling the false discovery rate", JRSS B 57(1), 1995):
// with the p-values sorted, p₍₁₎ ≤ … ≤ p₍ₘ₎,
//
//	q₍ᵢ₎ = min over j ≥ i of min(1, m·p₍ⱼ₎/j).
//
// Rejecting every test with q ≤ α keeps the expected share of false
// discoveries among the rejections at most α when the tests are
// independent or positively dependent (Benjamini & Yekutieli 2001), as
// tests on overlapping tables of the same data are.
func BenjaminiHochberg(p []float64) []float64 {
	m := len(p)
	q := make([]float64, m)
	if m == 0 {
		return q
	}
	order := make([]int, m)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		pa, pb := nanOne(p[a]), nanOne(p[b])
		switch {
		case pa < pb:
			return -1
		case pa > pb:
			return 1
		}
		return 0
	})
	running := 1.0
	for r := m - 1; r >= 0; r-- {
		i := order[r]
		running = min(running, float64(m)*nanOne(p[i])/float64(r+1))
		q[i] = min(1, max(0, running))
	}
	return q
}

// nanOne treats a p-value that could not be computed as 1.
func nanOne(p float64) float64 {
	if math.IsNaN(p) {
		return 1
	}
	return p
}
