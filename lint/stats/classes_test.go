package stats

import (
	"math"
	"slices"
	"testing"
)

// sizes returns the sampled classes' (subjects, rows), sorted.
func sizes(c *Classes) [][2]int64 {
	var out [][2]int64
	for _, s := range c.Sizes() {
		out = append(out, [2]int64{s.Subjects, s.Rows})
	}
	slices.SortFunc(out, func(a, b [2]int64) int {
		if a[0] != b[0] {
			return int(a[0] - b[0])
		}
		return int(a[1] - b[1])
	})
	return out
}

func TestClasses(t *testing.T) {
	type row struct{ class, subject uint64 }
	// Class 1: one subject seen three times. Class 2: three subjects, one
	// of them twice. Class 3: one row.
	rows := []row{{1, 10}, {1, 10}, {1, 10}, {2, 20}, {2, 21}, {2, 22}, {2, 22}, {3, 30}}
	tests := []struct {
		name      string
		bySubject bool
		want      [][2]int64
	}{
		{"by subject: a person seen often is one subject", true, [][2]int64{{1, 1}, {1, 3}, {3, 4}}},
		{"by row: every row is a subject", false, [][2]int64{{1, 1}, {3, 3}, {4, 4}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewClasses(100, tt.bySubject)
			for _, r := range rows {
				c.Add(HashUint64(r.class), HashUint64(r.subject))
			}
			if got := sizes(c); !slices.Equal(got, tt.want) || c.Share() != 1 {
				t.Errorf("sizes %v share %g, want %v share 1", got, c.Share(), tt.want)
			}
		})
	}
}

// TestClassesMergeIsSplitIndependent: any split of the rows, merged in any
// order, gives the state of one pass, also when the sample shrinks.
func TestClassesMergeIsSplitIndependent(t *testing.T) {
	add := func(c *Classes, from, to int) {
		for i := from; i < to; i++ {
			c.Add(HashUint64(uint64(i%700)), HashUint64(uint64(i%1300)))
		}
	}
	for _, capacity := range []int{10_000, 300} {
		one := NewClasses(capacity, true)
		add(one, 0, 5000)
		a, b, c := NewClasses(capacity, true), NewClasses(capacity, true), NewClasses(capacity, true)
		add(a, 0, 1234)
		add(b, 1234, 4000)
		add(c, 4000, 5000)
		c.Merge(a)
		c.Merge(b)
		if got, want := sizes(c), sizes(one); !slices.Equal(got, want) || c.Share() != one.Share() {
			t.Errorf("capacity %d: merged %v (share %g), one pass %v (share %g)", capacity, got, c.Share(), want, one.Share())
		}
		if capacity == 300 {
			if one.Share() >= 1 || one.m.Len() > 300 {
				t.Errorf("over capacity: share %g, %d entries", one.Share(), one.m.Len())
			}
			// 700 classes, sampled at the share: about 700·share kept.
			exp := 700 * one.Share()
			if n := float64(len(one.Sizes())); math.Abs(n-exp) > 4*math.Sqrt(exp) {
				t.Errorf("kept %g classes, expected about %.0f", n, exp)
			}
		}
	}
}
