package stats

import (
	"cmp"
	"math"
	"slices"
)

// ROC is the area under the ROC curve of scores for a binary outcome.
type ROC struct {
	// AUC is the probability that a random positive scores above a random
	// negative, ties counting one half (the Mann–Whitney U over n1·n0).
	AUC float64
	// Var is DeLong's estimate of its variance (DeLong, DeLong &
	// Clarke-Pearson, "Comparing the areas under two or more correlated
	// receiver operating characteristic curves", Biometrics 44, 1988):
	// S10/n1 + S01/n0, the variances of the positives' and negatives'
	// placement values over their counts.
	Var float64
	// Pos and Neg count the positives and negatives.
	Pos, Neg int
}

// AUC computes the area under the ROC curve and DeLong's variance, from
// one sort of the scores in O(n log n) (the placement values of Sun & Xu,
// "Fast implementation of DeLong's algorithm", IEEE Signal Processing
// Letters 21(11), 2014). With no positive or no negative the AUC is NaN.
func AUC(scores []float64, positive []bool) ROC {
	n := len(scores)
	var res ROC
	for _, p := range positive[:n] {
		if p {
			res.Pos++
		}
	}
	res.Neg = n - res.Pos
	if res.Pos == 0 || res.Neg == 0 {
		res.AUC, res.Var = math.NaN(), math.NaN()
		return res
	}
	idx := make([]int32, n)
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortFunc(idx, func(a, b int32) int {
		if c := cmp.Compare(scores[a], scores[b]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	// Walk the blocks of tied scores. A positive's placement is the share
	// of negatives below it, ties counting ½; a negative's the share of
	// positives above it, ties counting ½.
	n1, n0 := float64(res.Pos), float64(res.Neg)
	var negBelow, posBelow float64
	var v10, v01 Moments
	var sum float64
	for i := 0; i < n; {
		j := i
		var pos, neg float64
		for ; j < n && scores[idx[j]] == scores[idx[i]]; j++ {
			if positive[idx[j]] {
				pos++
			} else {
				neg++
			}
		}
		if pos > 0 {
			v := (negBelow + neg/2) / n0
			sum += pos * v
			v10.addN(v, pos)
		}
		if neg > 0 {
			v01.addN((n1-posBelow-pos)/n1+pos/2/n1, neg)
		}
		negBelow += neg
		posBelow += pos
		i = j
	}
	res.AUC = sum / n1
	res.Var = v10.sampleVar()/n1 + v01.sampleVar()/n0
	return res
}

// NullVar is the variance of the AUC of an uninformative score (no ties)
// with these counts: that of the Mann–Whitney U over n1·n0,
// (n1+n0+1)/(12·n1·n0).
func (r ROC) NullVar() float64 {
	n1, n0 := float64(r.Pos), float64(r.Neg)
	return (n1 + n0 + 1) / (12 * n1 * n0)
}

// addN adds c copies of x.
func (m *Moments) addN(x, c float64) {
	m.Merge(Moments{N: int64(c), Mean: x})
}

// sampleVar is the sample variance (n−1 in the denominator).
func (m Moments) sampleVar() float64 {
	if m.N < 2 {
		return 0
	}
	return m.M2 / float64(m.N-1)
}

// LogitInterval is the two-sided interval of a proportion-like estimate in
// (0, 1) with variance v at normal quantile z, computed on the logit scale
// and transformed back (so it stays inside (0, 1) and is asymmetric near
// the ends, as an AUC's sampling distribution is): logit(a) ± z·√v/(a(1−a)).
func LogitInterval(a, v, z float64) (lo, hi float64) {
	if math.IsNaN(a) || math.IsNaN(v) {
		return math.NaN(), math.NaN()
	}
	a = min(max(a, 1e-9), 1-1e-9)
	l := math.Log(a / (1 - a))
	h := z * math.Sqrt(max(0, v)) / (a * (1 - a))
	inv := func(x float64) float64 { return 1 / (1 + math.Exp(-x)) }
	return inv(l - h), inv(l + h)
}
