package joint

import (
	"cmp"
	"math"
	"slices"

	"github.com/saglig/saglig/lint/stats"
)

// design is the one-hot design matrix of the inputs: every row has exactly
// one active feature per input (a level, "other", "missing" or a bin), so
// it is stored as the active feature of each input, row by row.
type design struct {
	rows, inputs int
	// active[r*inputs+j] is the feature of input j on row r.
	active []int32
	// features is the number of features; first[j] the first feature of
	// input j (its features are first[j] … first[j+1]−1).
	features int
	first    []int32
}

func (d *design) row(r int) []int32 { return d.active[r*d.inputs : (r+1)*d.inputs] }

// encode builds the design matrix, from the values alone (never the
// target): a categorical input's levels seen on at least minLevelRows rows,
// the maxLevels most frequent, each a feature, the rest one "other"
// feature; a numeric input's equal-frequency bins (at most bins); each
// input a "missing" feature when it has nulls.
func encode(inputs []Column, rows, maxLevels, bins int) *design {
	d := &design{rows: rows, inputs: len(inputs), active: make([]int32, rows*len(inputs)), first: make([]int32, len(inputs)+1)}
	next := int32(0)
	for j, c := range inputs {
		d.first[j] = next
		var feat []int32
		var n int32
		if c.Kind == Numeric {
			feat, n = encodeNumeric(c, rows, bins)
		} else {
			feat, n = encodeCategorical(c, rows, maxLevels)
		}
		for r := range rows {
			d.active[r*d.inputs+j] = next + feat[r]
		}
		next += n
	}
	d.first[len(inputs)] = next
	d.features = int(next)
	return d
}

// minLevelRows is the fewest sampled rows a level needs to be a feature of
// its own; rarer levels share "other".
const minLevelRows = 5

// encodeCategorical returns each row's feature among the input's own and
// how many it has.
func encodeCategorical(c Column, rows, maxLevels int) ([]int32, int32) {
	counts := map[uint64]int{}
	hasMissing := false
	for r := range rows {
		if c.Missing[r] {
			hasMissing = true
			continue
		}
		counts[c.Keys[r]]++
	}
	type lv struct {
		key uint64
		n   int
	}
	var levels []lv
	for k, n := range counts {
		if n >= minLevelRows {
			levels = append(levels, lv{k, n})
		}
	}
	slices.SortFunc(levels, func(a, b lv) int {
		if a.n != b.n {
			return cmp.Compare(b.n, a.n)
		}
		return cmp.Compare(a.key, b.key)
	})
	if len(levels) > maxLevels {
		levels = levels[:maxLevels]
	}
	index := make(map[uint64]int32, len(levels))
	for i, l := range levels {
		index[l.key] = int32(i)
	}
	other := int32(len(levels))
	missing := other + 1
	feat := make([]int32, rows)
	for r := range rows {
		switch f, ok := index[c.Keys[r]]; {
		case c.Missing[r]:
			feat[r] = missing
		case ok:
			feat[r] = f
		default:
			feat[r] = other
		}
	}
	n := missing
	if hasMissing {
		n++
	}
	return feat, n
}

// encodeNumeric returns each row's bin (or "missing") and how many
// features the input has.
func encodeNumeric(c Column, rows, bins int) ([]int32, int32) {
	vals := make([]float64, 0, rows)
	hasMissing := false
	for r := range rows {
		if c.Missing[r] || math.IsNaN(c.Nums[r]) {
			hasMissing = true
			continue
		}
		vals = append(vals, c.Nums[r])
	}
	slices.Sort(vals)
	// Distinct values with their counts, binned by equal frequency.
	var uniq []float64
	var totals []int64
	for i, v := range vals {
		if i == 0 || v != vals[i-1] {
			uniq = append(uniq, v)
			totals = append(totals, 0)
		}
		totals[len(totals)-1]++
	}
	bin, k := stats.EqualFrequencyBins(totals, bins)
	missing := int32(k)
	feat := make([]int32, rows)
	for r := range rows {
		if c.Missing[r] || math.IsNaN(c.Nums[r]) {
			feat[r] = missing
			continue
		}
		i, _ := slices.BinarySearch(uniq, c.Nums[r])
		feat[r] = int32(bin[i])
	}
	n := missing
	if hasMissing {
		n++
	}
	return feat, n
}
