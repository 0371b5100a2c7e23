package stats

import (
	"math"
	"slices"

	"github.com/DataDog/sketches-go/ddsketch"
)

// QuantileAccuracy is the relative accuracy of Quantiles: a reported
// quantile is within 1% of a value of the right rank.
const QuantileAccuracy = 0.01

// quantileBins bounds each of the sketch's two stores (positive and negative
// values); with 1% accuracy 2048 bins span a ratio of about 10^17 between the
// smallest and largest magnitude before the lowest bins are collapsed.
const quantileBins = 2048

// Quantiles is a DDSketch (Masson, Rim, Lee, "DDSketch: a fast and
// fully-mergeable quantile sketch with relative-error guarantees", VLDB
// 2019; DataDog/sketches-go) with logarithmic bins and bounded dense stores.
// Its state is a count per bin, so the merged sketch is the same whatever the
// split and merge order. NaN and infinite values are ignored.
type Quantiles struct {
	sk *ddsketch.DDSketch
}

// NewQuantiles returns an empty quantile sketch.
func NewQuantiles() *Quantiles {
	sk, err := ddsketch.LogCollapsingLowestDenseDDSketch(QuantileAccuracy, quantileBins)
	if err != nil {
		panic(err) // constant, valid parameters
	}
	return &Quantiles{sk: sk}
}

// Add counts count occurrences of x.
func (q *Quantiles) Add(x float64, count int64) {
	if count <= 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		return
	}
	// Values beyond the mapping's range (|x| > ~1e307) are rejected by the
	// sketch; they cannot move a quantile by more than their rank anyway.
	_ = q.sk.AddWithCount(x, float64(count))
}

// Merge adds o to q.
func (q *Quantiles) Merge(o *Quantiles) {
	if o == nil {
		return
	}
	if err := q.sk.MergeWith(o.sk); err != nil {
		panic(err) // same mapping on both sides
	}
}

// Count is the number of values added.
func (q *Quantiles) Count() int64 { return int64(q.sk.GetCount()) }

// Quantile returns the value at quantile p in [0, 1]: the value of the
// lowest rank r with r > p·(n−1), within QuantileAccuracy. It returns NaN
// when the sketch is empty.
func (q *Quantiles) Quantile(p float64) float64 {
	v, err := q.sk.GetValueAtQuantile(p)
	if err != nil {
		return math.NaN()
	}
	return v
}

// ExactQuantile returns the value at quantile p of a frequency table with
// the same rank convention as Quantiles: the smallest value whose cumulative
// count exceeds p·(n−1). values and counts are parallel; values need not be
// sorted. It returns NaN for an empty table.
func ExactQuantile(values []float64, counts []int64, p float64) float64 {
	idx := make([]int, 0, len(values))
	var n int64
	for i := range values {
		if counts[i] > 0 && !math.IsNaN(values[i]) {
			idx = append(idx, i)
			n += counts[i]
		}
	}
	if n == 0 {
		return math.NaN()
	}
	slices.SortFunc(idx, func(a, b int) int {
		switch {
		case values[a] < values[b]:
			return -1
		case values[a] > values[b]:
			return 1
		}
		return 0
	})
	rank := p * float64(n-1)
	var cum int64
	for _, i := range idx {
		cum += counts[i]
		if float64(cum) > rank {
			return values[i]
		}
	}
	return values[idx[len(idx)-1]]
}
