package stats

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// zipf returns n values from a Zipf distribution over imax+1 values.
func zipf(seed uint64, n int, imax uint64) []uint64 {
	r := rand.New(rand.NewPCG(seed, seed))
	z := rand.NewZipf(r, 1.2, 1, imax)
	out := make([]uint64, n)
	for i := range out {
		out[i] = z.Uint64()
	}
	return out
}

func valueBytes(v uint64) []byte { return binary.LittleEndian.AppendUint64(nil, v) }

// splits returns the cut points of xs into parts of random sizes.
func splits(seed uint64, n, parts int) [][2]int {
	r := rand.New(rand.NewPCG(seed, 7))
	cuts := []int{0, n}
	for range parts - 1 {
		cuts = append(cuts, r.IntN(n+1))
	}
	slices.Sort(cuts)
	out := make([][2]int, 0, parts)
	for i := 1; i < len(cuts); i++ {
		out = append(out, [2]int{cuts[i-1], cuts[i]})
	}
	return out
}

// mergedParts builds one sketch per part with build, then merges them into
// the first in the order given.
func mergedParts[S any](xs []uint64, parts [][2]int, order []int, build func([]uint64) S, merge func(a, b S)) S {
	sk := make([]S, len(parts))
	for i, p := range parts {
		sk[i] = build(xs[p[0]:p[1]])
	}
	out := build(nil)
	for _, i := range order {
		merge(out, sk[i])
	}
	return out
}

// TestMergeEquivalence checks, sketch by sketch, that splitting the data,
// building a partial per piece and merging the partials in any order gives
// the same state as one pass over all the data.
func TestMergeEquivalence(t *testing.T) {
	// Each item packs a value (high bits) and its position in the whole
	// data (low 16 bits), so that pieces carry the same (value, position)
	// pairs however the data are split.
	xs := zipf(42, 50_000, 20_000)
	for i := range xs {
		xs[i] = xs[i]<<16 | uint64(i)
	}
	val := func(item uint64) uint64 { return item >> 16 }
	pos := func(item uint64) int64 { return int64(item & 0xffff) }
	for _, parts := range []int{2, 5, 17} {
		ps := splits(uint64(parts), len(xs), parts)
		fwd := make([]int, parts)
		for i := range fwd {
			fwd[i] = i
		}
		rev := slices.Clone(fwd)
		slices.Reverse(rev)
		for _, order := range [][]int{fwd, rev} {
			name := fmt.Sprintf("%d parts, order %v", parts, order[0])
			t.Run(name, func(t *testing.T) {
				// Distinct: identical estimate.
				buildD := func(xs []uint64) *Distinct {
					d := NewDistinct()
					for _, x := range xs {
						d.InsertHash(HashUint64(val(x)))
					}
					return d
				}
				if got, want := mergedParts(xs, ps, order, buildD, (*Distinct).Merge).Estimate(), buildD(xs).Estimate(); got != want {
					t.Errorf("Distinct: merged %d, whole %d", got, want)
				}
				// Quantiles: identical at every quantile.
				buildQ := func(xs []uint64) *Quantiles {
					q := NewQuantiles()
					for _, x := range xs {
						q.Add(float64(val(x))-1000, 1) // negative and positive values
					}
					return q
				}
				mq, wq := mergedParts(xs, ps, order, buildQ, (*Quantiles).Merge), buildQ(xs)
				for p := 0.0; p <= 1; p += 0.01 {
					if a, b := mq.Quantile(p), wq.Quantile(p); a != b {
						t.Errorf("Quantiles at %.2f: merged %g, whole %g", p, a, b)
					}
				}
				// Sample: identical values.
				buildS := func(xs []uint64) *Sample {
					s := NewSample(100)
					for _, x := range xs {
						s.Offer(HashUint64(val(x)), valueBytes(val(x)))
					}
					return s
				}
				if a, b := mergedParts(xs, ps, order, buildS, (*Sample).Merge).Values(), buildS(xs).Values(); !slices.EqualFunc(a, b, slices.Equal) {
					t.Errorf("Sample differs after merge")
				}
				// Table: identical counts.
				buildT := func(xs []uint64) *Table {
					tb := NewTable()
					for _, x := range xs {
						tb.Add(val(x)%97, uint64(pos(x)%3), 1)
					}
					return tb
				}
				if a, b := mergedParts(xs, ps, order, buildT, (*Table).Merge).Dense(), buildT(xs).Dense(); !equalMatrix(a, b) {
					t.Errorf("Table differs after merge")
				}
				// Spans: identical sample and spans.
				buildP := func(xs []uint64) *Spans {
					s := NewSpans(500)
					for _, x := range xs {
						s.Add(HashUint64(val(x)), pos(x))
					}
					return s
				}
				ms, ws := mergedParts(xs, ps, order, buildP, (*Spans).Merge), buildP(xs)
				qs := []float64{0, 0.25, 0.5, 0.75, 0.9, 1}
				if ms.Subjects() != ws.Subjects() || ms.Share() != ws.Share() || ms.MultiObs() != ws.MultiObs() ||
					!slices.Equal(ms.SpanQuantiles(qs), ws.SpanQuantiles(qs)) {
					t.Errorf("Spans: merged %d subjects share %g, whole %d share %g", ms.Subjects(), ms.Share(), ws.Subjects(), ws.Share())
				}
				// TopK with room for every value: exact, identical.
				buildK := func(xs []uint64) *TopK {
					k := NewTopK(25_000)
					for _, x := range xs {
						k.Add(HashUint64(val(x)), valueBytes(val(x)), 1)
					}
					return k
				}
				mk, wk := mergedParts(xs, ps, order, buildK, (*TopK).Merge), buildK(xs)
				if !mk.Exact() || !wk.Exact() {
					t.Fatalf("TopK with capacity above the distinct count is not exact")
				}
				if a, b := mk.Items(0), wk.Items(0); !slices.EqualFunc(a, b, func(x, y TopItem) bool {
					return x.Hash == y.Hash && x.Count == y.Count && x.Err == y.Err
				}) {
					t.Errorf("exact TopK differs after merge")
				}
				// Moments: equal up to rounding.
				buildM := func(xs []uint64) *Moments {
					var m Moments
					for _, x := range xs {
						m.Add(float64(val(x)))
					}
					return &m
				}
				mm, wm := mergedParts(xs, ps, order, buildM, func(a, b *Moments) { a.Merge(*b) }), buildM(xs)
				if mm.N != wm.N || math.Abs(mm.Mean-wm.Mean) > 1e-9*math.Abs(wm.Mean) || math.Abs(mm.M2-wm.M2) > 1e-9*wm.M2 {
					t.Errorf("Moments: merged %+v, whole %+v", *mm, *wm)
				}
			})
		}
	}
}

// TestTopKBounds checks the Misra–Gries guarantees when the sketch is full:
// every value more frequent than 2n/capacity is held, and every count is an
// upper bound within its error — for one pass and for merged partials.
func TestTopKBounds(t *testing.T) {
	xs := zipf(7, 100_000, 50_000)
	truth := map[uint64]int64{}
	for _, x := range xs {
		truth[x]++
	}
	const capacity = 200
	build := func(xs []uint64) *TopK {
		k := NewTopK(capacity)
		for _, x := range xs {
			k.Add(HashUint64(x), valueBytes(x), 1)
		}
		return k
	}
	whole := build(xs)
	merged := build(nil)
	for _, p := range splits(3, len(xs), 8) {
		merged.Merge(build(xs[p[0]:p[1]]))
	}
	for name, k := range map[string]*TopK{"whole": whole, "merged": merged} {
		if k.Exact() {
			t.Fatalf("%s: exact with %d distinct values and capacity %d", name, len(truth), capacity)
		}
		if k.N() != int64(len(xs)) {
			t.Errorf("%s: N = %d, want %d", name, k.N(), len(xs))
		}
		held := map[uint64]TopItem{}
		for _, it := range k.Items(0) {
			v := binary.LittleEndian.Uint64(it.Value)
			held[v] = it
			if tr := truth[v]; it.Count < tr || it.Count-it.Err > tr {
				t.Errorf("%s: value %d count %d err %d, true count %d", name, v, it.Count, it.Err, tr)
			}
			if it.Err > 2*int64(len(xs))/capacity {
				t.Errorf("%s: error %d above 2n/capacity", name, it.Err)
			}
		}
		for v, c := range truth {
			if c > 2*int64(len(xs))/capacity {
				if _, ok := held[v]; !ok {
					t.Errorf("%s: heavy value %d (count %d) missing", name, v, c)
				}
			}
		}
		top := k.Items(3)
		if len(top) != 3 || binary.LittleEndian.Uint64(top[0].Value) != 0 || binary.LittleEndian.Uint64(top[1].Value) != 1 {
			t.Errorf("%s: the most frequent Zipf values are 0 and 1, got %v", name, top)
		}
	}
}

func TestQuantilesAccuracy(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	q := NewQuantiles()
	var xs []float64
	var counts []int64
	for range 20_000 {
		x := math.Exp(r.NormFloat64()*2) * 1000
		q.Add(x, 1)
		xs = append(xs, x)
		counts = append(counts, 1)
	}
	q.Add(math.NaN(), 1)
	q.Add(math.Inf(1), 1)
	if q.Count() != 20_000 {
		t.Fatalf("Count = %d, want 20000 (NaN and Inf ignored)", q.Count())
	}
	for _, p := range []float64{0, 0.05, 0.25, 0.5, 0.75, 0.95, 1} {
		want := ExactQuantile(xs, counts, p)
		if got := q.Quantile(p); math.Abs(got-want) > QuantileAccuracy*want*1.0001 {
			t.Errorf("p%.0f: sketch %g, exact %g", p*100, got, want)
		}
	}
	if !math.IsNaN(NewQuantiles().Quantile(0.5)) {
		t.Error("empty sketch: want NaN")
	}
	// ExactQuantile on a frequency table: values 1×3, 2×1, 10×6 (n=10):
	// p50 → rank 4.5 → cumulative 3, 4, 10 → 10; p25 → rank 2.25 → 1.
	vals, cnt := []float64{10, 1, 2}, []int64{6, 3, 1}
	if got := ExactQuantile(vals, cnt, 0.5); got != 10 {
		t.Errorf("ExactQuantile p50 = %g, want 10", got)
	}
	if got := ExactQuantile(vals, cnt, 0.25); got != 1 {
		t.Errorf("ExactQuantile p25 = %g, want 1", got)
	}
}

func TestDistinctAccuracy(t *testing.T) {
	for _, n := range []int{0, 1, 10, 1000, 200_000} {
		d := NewDistinct()
		for i := range n {
			d.InsertHash(HashBytes(fmt.Appendf(nil, "value-%d", i)))
			d.InsertHash(HashBytes(fmt.Appendf(nil, "value-%d", i))) // duplicates do not count
		}
		got := d.Estimate()
		if math.Abs(float64(got)-float64(n)) > 0.03*float64(n)+0.5 {
			t.Errorf("n=%d: estimate %d", n, got)
		}
	}
}

func TestSpansSampling(t *testing.T) {
	// 1000 subjects, subject i observed at days i%7 and i%7 + i%50.
	s := NewSpans(10_000)
	for i := range 1000 {
		h := HashUint64(uint64(i))
		s.Add(h, int64(i%7))
		if i%4 != 0 {
			s.Add(h, int64(i%7+i%50))
		}
	}
	if s.Subjects() != 1000 || s.Share() != 1 {
		t.Fatalf("under capacity: %d subjects, share %g", s.Subjects(), s.Share())
	}
	near(t, "MultiObs", s.MultiObs(), 0.75, 1e-12)
	q := s.SpanQuantiles([]float64{0, 1})
	if q[0] != 0 || q[1] != 49 {
		t.Errorf("span min/max = %v, want [0 49]", q)
	}
	// Over capacity: the sample shrinks to a power-of-two share.
	small := NewSpans(100)
	for i := range 1000 {
		small.Add(HashUint64(uint64(i)), 0)
	}
	if small.Subjects() > 100 || small.Share() >= 1 {
		t.Fatalf("over capacity: %d subjects, share %g", small.Subjects(), small.Share())
	}
	exp := 1000 * small.Share()
	if math.Abs(float64(small.Subjects())-exp) > 4*math.Sqrt(exp) {
		t.Errorf("kept %d subjects, expected about %.0f", small.Subjects(), exp)
	}
}
