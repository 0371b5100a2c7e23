package stats

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Adaptive binning and mutual information.
//
// The correlation ratio η sees a numeric variable only through its group
// means: an input whose spread, not its mean, differs between the groups
// (a U-shaped relation, one group at both ends) has η ≈ 0. Mutual
// information over equal-frequency bins sees any dependence.

// MaxBins bounds the equal-frequency bins of a numeric variable.
const MaxBins = 64

// BinCount is the number of equal-frequency bins for n observations:
// round(n^(1/3)), at least 2 and at most MaxBins. The cube root is the
// rate at which a histogram's bias and variance balance (Scott 1979,
// Freedman & Diaconis 1981) and keeps the expected count per cell of a
// table with a few groups in the hundreds for the sizes saglig reads.
func BinCount(n int64) int {
	if n <= 0 {
		return 2
	}
	return min(MaxBins, max(2, int(math.Round(math.Cbrt(float64(n))))))
}

// EqualFrequencyBins assigns ordered levels with the given totals (in
// ascending order of the variable) to at most bins bins of about equal
// total, without splitting a level: level i goes to bin
// ⌊(C_{i−1} + t_i/2)·bins / n⌋, where C is the cumulative total — the bin
// its middle falls into. Bins left empty (a level heavier than a bin) are
// dropped and the rest renumbered from 0, so the result has consecutive
// bin numbers in level order; levels with a zero total take the bin of
// their neighbour. It returns the bin of every level and the number of
// bins.
func EqualFrequencyBins(totals []int64, bins int) (bin []int, k int) {
	bin = make([]int, len(totals))
	var n int64
	for _, t := range totals {
		n += t
	}
	if n == 0 || bins < 1 {
		return bin, min(1, len(totals))
	}
	var cum int64
	last := -1
	for i, t := range totals {
		b := int((float64(cum) + float64(t)/2) * float64(bins) / float64(n))
		b = min(b, bins-1)
		if t == 0 && last >= 0 {
			b = last
		}
		cum += t
		if b != last {
			if last >= 0 {
				k++
			}
			last = b
		}
		bin[i] = k
	}
	return bin, k + 1
}

// Collapse adds up the rows (rowBin) and the columns (colBin) of a table
// into their bins; a nil assignment keeps that side as it is.
func Collapse(m [][]int64, rowBin []int, rowBins int, colBin []int, colBins int) [][]int64 {
	if len(m) == 0 {
		return nil
	}
	if rowBin == nil {
		rowBins = len(m)
	}
	if colBin == nil {
		colBins = len(m[0])
	}
	out := make([][]int64, rowBins)
	for i := range out {
		out[i] = make([]int64, colBins)
	}
	for i, row := range m {
		r := i
		if rowBin != nil {
			r = rowBin[i]
		}
		for j, x := range row {
			c := j
			if colBin != nil {
				c = colBin[j]
			}
			out[r][c] += x
		}
	}
	return out
}

// MutualInfo is the mutual information of a (binned) contingency table.
type MutualInfo struct {
	// Plugin is the maximum-likelihood estimate Σ p_ij ln(p_ij/(p_i p_j)),
	// in nats.
	Plugin float64
	// MI is Plugin with the Miller–Madow correction of the three entropies
	// it is made of (Miller 1955; each plug-in entropy is low by about
	// (cells−1)/2n): MI = Plugin + (R + C − RC − 1)/2n, where R, C and RC
	// count the non-empty rows, columns and cells; at least 0. Under
	// independence the plug-in MI is high by about (R−1)(C−1)/2n, which
	// this removes.
	MI float64
	// Correlation is the informational coefficient of correlation
	// sqrt(1 − e^(−2·MI)) (Linfoot, "An informational measure of
	// correlation", Information and Control 1, 1957), in [0, 1): for a
	// bivariate normal it equals |ρ|, which puts MI on the scale of η and
	// Cramér's V.
	Correlation float64
	// G is the G-test statistic 2n·Plugin, chi-square with DF = (R−1)(C−1)
	// degrees of freedom under independence; P its upper tail.
	G  float64
	DF int
	P  float64
	N  int64
	// Rows and Cols are the non-empty rows and columns (bins).
	Rows, Cols int
}

// MutualInformation computes the mutual information of a contingency
// table, its bias correction, the informational correlation and the G-test.
func MutualInformation(m [][]int64) MutualInfo {
	rows, cols, n := marginals(m)
	r, c := nonZero(rows), nonZero(cols)
	res := MutualInfo{N: int64(n), P: 1, Rows: r, Cols: c}
	if r < 2 || c < 2 {
		return res
	}
	cells := 0
	var mi float64
	for i, row := range m {
		for j, o := range row {
			if o > 0 {
				cells++
				x := float64(o)
				mi += x / n * math.Log(x*n/(rows[i]*cols[j]))
			}
		}
	}
	mi = max(0, mi)
	res.Plugin = mi
	res.MI = max(0, mi+float64(r+c-cells-1)/(2*n))
	res.Correlation = math.Sqrt(max(0, -math.Expm1(-2*res.MI)))
	res.G = 2 * n * mi
	res.DF = (r - 1) * (c - 1)
	res.P = distuv.ChiSquared{K: float64(res.DF)}.Survival(res.G)
	return res
}
