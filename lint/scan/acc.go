package scan

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"math"
	"slices"

	"github.com/saglig/saglig/lint/dataset"
	"github.com/saglig/saglig/lint/stats"
)

// colAcc accumulates one column's profile.
//
// While the column has at most TopCapacity distinct values the heavy-hitter
// sketch holds every value with its exact count, and the other sketches are
// not fed (lazy): they are filled from it, value by value with its count,
// the moment it is about to evict — which leaves them exactly as if every
// value had been added one by one. A column with few distinct values then
// costs one map lookup per value.
type colAcc struct {
	vt          valueType
	rows, nulls int64
	sampleSize  int
	// lazy is true while distinct, sample and quant are not allocated.
	lazy       bool
	distinct   *stats.Distinct
	top        *stats.TopK
	sample     *stats.Sample
	quant      *stats.Quantiles // numeric columns only
	has        bool             // min and max are set
	minI, maxI int64
	minF, maxF float64
}

func newColAcc(vt valueType, sampleSize int) *colAcc {
	return &colAcc{vt: vt, sampleSize: sampleSize, lazy: true, top: stats.NewTopK(TopCapacity)}
}

// accBytes is the approximate memory of a colAcc with its sketches full.
func accBytes(sampleSize int) int64 {
	return 16<<10 + TopCapacity*120 + int64(sampleSize)*80 + 2*2048*8 + 512
}

// materialize allocates the lazy sketches and feeds them from the exact
// heavy hitters.
func (a *colAcc) materialize() {
	if !a.lazy {
		return
	}
	a.lazy = false
	a.distinct = stats.NewDistinct()
	a.sample = stats.NewSample(a.sampleSize)
	if a.vt.numeric() {
		a.quant = stats.NewQuantiles()
	}
	a.feed(a.top)
}

// feed adds an exact heavy-hitter sketch's values to the other sketches.
func (a *colAcc) feed(t *stats.TopK) {
	for _, it := range t.Items(0) {
		a.distinct.InsertHash(it.Hash)
		if a.sample.Accepts(it.Hash) {
			a.sample.Offer(it.Hash, it.Value)
		}
		if a.quant != nil {
			a.quant.Add(a.number(it.Value), it.Count)
		}
	}
}

// counted handles a value while lazy; it reports false when the value must
// go through every sketch.
func (a *colAcc) counted(h uint64, raw []byte, n int64) bool {
	if !a.lazy {
		return false
	}
	if a.top.Incr(h, n) {
		return true
	}
	if !a.top.Full() {
		a.top.Add(h, raw, n)
		return true
	}
	a.materialize()
	return false
}

// addBytes counts n occurrences of the text or binary value b with hash h.
func (a *colAcc) addBytes(h uint64, b []byte, n int64) {
	if a.counted(h, b, n) {
		return
	}
	a.distinct.InsertHash(h)
	a.top.Add(h, b, n)
	if a.sample.Accepts(h) {
		a.sample.Offer(h, b)
	}
}

// addInt counts n occurrences of the canonical integer v with hash h.
func (a *colAcc) addInt(h uint64, v int64, n int64) {
	switch {
	case !a.has:
		a.minI, a.maxI, a.has = v, v, true
	case a.vt.disp == dispUint:
		if uint64(v) < uint64(a.minI) {
			a.minI = v
		}
		if uint64(v) > uint64(a.maxI) {
			a.maxI = v
		}
	default:
		a.minI = min(a.minI, v)
		a.maxI = max(a.maxI, v)
	}
	var buf [8]byte
	raw := encodeInt(&buf, v)
	if a.counted(h, raw, n) {
		return
	}
	a.distinct.InsertHash(h)
	a.top.Add(h, raw, n)
	if a.sample.Accepts(h) {
		a.sample.Offer(h, raw)
	}
	if a.quant != nil {
		a.quant.Add(a.vt.intNumber(v), n)
	}
}

// addFloat counts n occurrences of the canonical float v (not NaN) with
// hash h.
func (a *colAcc) addFloat(h uint64, v float64, n int64) {
	if !a.has {
		a.minF, a.maxF, a.has = v, v, true
	} else {
		a.minF = min(a.minF, v)
		a.maxF = max(a.maxF, v)
	}
	var buf [8]byte
	raw := encodeFloat(&buf, v)
	if a.counted(h, raw, n) {
		return
	}
	a.distinct.InsertHash(h)
	a.top.Add(h, raw, n)
	if a.sample.Accepts(h) {
		a.sample.Offer(h, raw)
	}
	if a.quant != nil {
		a.quant.Add(v, n)
	}
}

func (a *colAcc) merge(o *colAcc) {
	a.rows += o.rows
	a.nulls += o.nulls
	switch {
	case a.lazy && o.lazy && a.top.Len()+o.top.Len() <= a.top.Capacity():
		// Both exact and the union fits: it stays exact.
	case o.lazy:
		a.materialize()
		a.feed(o.top)
	default:
		a.materialize()
		a.distinct.Merge(o.distinct)
		a.sample.Merge(o.sample)
		if a.quant != nil {
			a.quant.Merge(o.quant)
		}
	}
	a.top.Merge(o.top)
	if !o.has {
		return
	}
	if !a.has {
		a.has, a.minI, a.maxI, a.minF, a.maxF = true, o.minI, o.maxI, o.minF, o.maxF
		return
	}
	if a.vt.disp == dispUint {
		if uint64(o.minI) < uint64(a.minI) {
			a.minI = o.minI
		}
		if uint64(o.maxI) > uint64(a.maxI) {
			a.maxI = o.maxI
		}
	} else {
		a.minI, a.maxI = min(a.minI, o.minI), max(a.maxI, o.maxI)
	}
	a.minF, a.maxF = min(a.minF, o.minF), max(a.maxF, o.maxF)
}

// quantileNames are the quantiles a numeric Profile reports.
var quantileNames = []struct {
	name string
	p    float64
}{{"p05", 0.05}, {"p25", 0.25}, {"p50", 0.5}, {"p75", 0.75}, {"p95", 0.95}}

// profile writes the accumulated profile.
func (a *colAcc) profile(column, typ string, kind dataset.Kind) *Profile {
	p := &Profile{
		Column:  column,
		Type:    typ,
		Kind:    kind,
		Rows:    a.rows,
		Nulls:   a.nulls,
		Numeric: a.vt.numeric(),
	}
	a.materialize() // the sample
	if a.top.Exact() {
		p.Distinct = int64(a.top.Len())
	} else {
		// The estimate may overshoot (a column of unique ids): there are
		// never more distinct values than values.
		p.Distinct = min(a.distinct.Estimate(), a.rows-a.nulls)
	}
	// The most frequent first; ties in value order.
	items := a.top.Items(0)
	slices.SortStableFunc(items, func(x, y stats.TopItem) int {
		if x.Count != y.Count {
			return cmp.Compare(y.Count, x.Count)
		}
		if a.vt.cls == clsBytes {
			return bytes.Compare(x.Value, y.Value)
		}
		return cmp.Compare(a.number(x.Value), a.number(y.Value))
	})
	for _, it := range items[:min(len(items), TopSize)] {
		p.Top = append(p.Top, ValueCount{Value: a.vt.text(it.Value), Count: it.Count})
	}
	for _, v := range a.sample.Values() {
		p.Sample = append(p.Sample, a.vt.text(v))
	}
	if !a.has || !a.vt.ordered() || a.identifierShaped() {
		return p
	}
	if a.vt.cls == clsInt {
		p.Min, p.Max = a.vt.intText(a.minI), a.vt.intText(a.maxI)
	} else {
		p.Min, p.Max = a.vt.floatText(a.minF), a.vt.floatText(a.maxF)
	}
	if a.quant == nil {
		return p
	}
	p.Quantiles = make(map[string]float64, len(quantileNames))
	if a.top.Exact() {
		items := a.top.Items(0)
		vals := make([]float64, len(items))
		counts := make([]int64, len(items))
		for i, it := range items {
			vals[i] = a.number(it.Value)
			counts[i] = it.Count
		}
		for _, q := range quantileNames {
			p.Quantiles[q.name] = stats.ExactQuantile(vals, counts, q.p)
		}
	} else {
		for _, q := range quantileNames {
			p.Quantiles[q.name] = a.quant.Quantile(q.p)
		}
	}
	for k, v := range p.Quantiles {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			delete(p.Quantiles, k)
		}
	}
	return p
}

// number decodes a numeric value kept by the sketches.
func (a *colAcc) number(raw []byte) float64 {
	u := binary.LittleEndian.Uint64(raw)
	if a.vt.cls == clsFloat {
		return math.Float64frombits(u)
	}
	return a.vt.intNumber(int64(u))
}

// identifierShaped reports whether an integer column's values all have 8 to
// 10 digits, the shape of Danish phone numbers and of CPR numbers stored
// as integers: its minimum, maximum and quantiles would be someone's
// number, so the profile leaves them out.
func (a *colAcc) identifierShaped() bool {
	if a.vt.cls != clsInt || (a.vt.disp != dispPlain && a.vt.disp != dispUint) {
		return false
	}
	in := func(v int64) bool {
		if v < 0 {
			v = -v
		}
		return v >= 10_000_000 && v < 10_000_000_000
	}
	return in(a.minI) && in(a.maxI)
}

// pairUnit is one input × protected contingency table (and, for a scalar
// input, the input's moments per protected level) within one piece, over
// the piece's dense codes.
type pairUnit struct {
	global   int // index in the plan's pairs
	in, prot *colState
	stride   int // protected codes per input row
	rows     int // input codes held
	counts   []int64
	moments  []stats.Moments // by protected code; nil for a categorical input
	// Scratch for a window's moments.
	sums []float64
	cnt  []int64
}

// ensure makes room for nIn input and nProt protected codes.
func (p *pairUnit) ensure(nIn, nProt int) {
	if nProt > p.stride {
		stride := max(nProt, 2*p.stride, 2)
		counts := make([]int64, max(nIn, p.rows)*stride)
		for r := range p.rows {
			copy(counts[r*stride:], p.counts[r*p.stride:(r+1)*p.stride])
		}
		p.counts, p.stride = counts, stride
	}
	if nIn > p.rows {
		need := nIn * p.stride
		if need > len(p.counts) {
			grown := make([]int64, max(need, 2*len(p.counts)))
			copy(grown, p.counts)
			p.counts = grown
		}
		p.rows = nIn
	}
	if p.moments != nil && nProt > len(p.moments) {
		p.moments = append(p.moments, make([]stats.Moments, nProt-len(p.moments))...)
	}
}

// remapIn moves the counts to the input's new codes after it folded.
func (p *pairUnit) remapIn(remap []int32, n int) {
	counts := make([]int64, n*p.stride)
	for r := 0; r < p.rows && r < len(remap); r++ {
		dst := int(remap[r]) * p.stride
		for c, x := range p.counts[r*p.stride : (r+1)*p.stride] {
			counts[dst+c] += x
		}
	}
	p.counts, p.rows = counts, n
}

// remapProt moves the counts and moments to the protected column's new
// codes after it folded.
func (p *pairUnit) remapProt(remap []int32, n int) {
	stride := max(n, 2)
	counts := make([]int64, p.rows*stride)
	for r := range p.rows {
		for c, x := range p.counts[r*p.stride : (r+1)*p.stride] {
			if x != 0 {
				counts[r*stride+int(remap[c])] += x
			}
		}
	}
	p.counts, p.stride = counts, stride
	if p.moments != nil {
		ms := make([]stats.Moments, n)
		for c, m := range p.moments {
			if c < len(remap) {
				ms[remap[c]].Merge(m)
			}
		}
		p.moments = ms
	}
}

// add cross-tabulates one window of n rows.
func (p *pairUnit) add(n int) {
	p.ensure(p.in.coder.len(), p.prot.coder.len())
	a, b := p.in.codes[:n], p.prot.codes[:n]
	counts, stride := p.counts, p.stride
	if p.moments == nil {
		for r, x := range a {
			if y := b[r]; x >= 0 && y >= 0 {
				counts[int(x)*stride+int(y)]++
			}
		}
		return
	}
	// Moments per protected level: shifted sums over the window (the
	// shift is the level's first value in it), turned into a mean and
	// sum of squared deviations once and merged (Chan et al.) — no
	// division per row.
	nums := p.in.nums[:n]
	k := len(p.moments)
	if cap(p.sums) < 3*k {
		p.sums = make([]float64, 3*k)
	}
	shift, sum, sq := p.sums[:k], p.sums[k:2*k], p.sums[2*k:3*k]
	clear(sum)
	clear(sq)
	if cap(p.cnt) < k {
		p.cnt = make([]int64, k)
	}
	cnt := p.cnt[:k]
	clear(cnt)
	for r, x := range a {
		if y := b[r]; x >= 0 && y >= 0 {
			counts[int(x)*stride+int(y)]++
			v := nums[r]
			if cnt[y] == 0 {
				shift[y] = v
			}
			d := v - shift[y]
			cnt[y]++
			sum[y] += d
			sq[y] += d * d
		}
	}
	for y, c := range cnt {
		if c > 0 {
			m := sum[y] / float64(c)
			p.moments[y].Merge(stats.Moments{N: c, Mean: shift[y] + m, M2: max(0, sq[y]-sum[y]*m)})
		}
	}
}

// pairGlobal is one input × protected table over the merged data, keyed by
// the columns' level keys.
type pairGlobal struct {
	in, prot int // column indices
	table    *stats.Table
	moments  *stats.Grouped // by protected key; nil for a categorical input
}
