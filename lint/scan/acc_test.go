package scan

import (
	"testing"

	"github.com/saglig/saglig/lint/dataset"
	"github.com/saglig/saglig/lint/stats"
)

// TestDistinctAtMostValues: the distinct count of a column never exceeds
// its non-null values, though the HyperLogLog estimate of a column of
// unique values overshoots about half the time.
func TestDistinctAtMostValues(t *testing.T) {
	vt := valueType{cls: clsInt, disp: dispPlain}
	over := 0
	for n := TopCapacity + 1; n <= 40_000; n += 1_999 {
		a := newColAcc(vt, DefaultSampleSize)
		for i := range n {
			a.rows++
			a.addInt(stats.HashUint64(uint64(i)), int64(i), 1)
		}
		a.rows += 7
		a.nulls += 7
		if a.distinct.Estimate() > int64(n) {
			over++
		}
		p := a.profile("id", "int64", dataset.KindInt)
		if p.Distinct > p.Rows-p.Nulls || p.Distinct < int64(0.97*float64(n)) {
			t.Errorf("%d unique values: distinct %d (rows %d, nulls %d)", n, p.Distinct, p.Rows, p.Nulls)
		}
	}
	if over == 0 {
		t.Error("no estimate overshot: the bound was not exercised")
	}
}
