package scan

import (
	"math"
	"math/bits"

	"github.com/saglig/saglig/lint/stats"
)

// Bounded levels of a column in a contingency table.
//
// A column's level key is its value's exact key (the value's hash for text,
// the value itself for numbers) while the column has at most max distinct
// values. Beyond that the column is folded: text by the top log2(max) bits
// of the hash (max buckets), numbers into logarithmic bins coarsened until
// at most max remain (see binKey). The transforms form a chain — exact,
// then folded at level 0, 1, 2 … — and a column ends at the least transform
// under which its values have at most max keys. A partial never goes
// further up the chain than the whole data would, so merging partials
// (taking the higher transform, then climbing while the union is too large)
// ends at the same transform as one pass: the levels, and the tables over
// them, do not depend on how the data were split.

type transform struct {
	folded bool
	level  uint
}

// less orders transforms along the chain.
func (a transform) less(b transform) bool {
	switch {
	case a.folded != b.folded:
		return !a.folded
	}
	return a.level < b.level
}

func join(a, b transform) transform {
	if a.less(b) {
		return b
	}
	return a
}

// levelSpec says how a column's keys fold: exact up to max keys, then at
// most foldMax (text: foldMax hash buckets; numbers: bins).
type levelSpec struct {
	vt      valueType
	max     int
	foldMax int
	bits    uint // log2(foldMax), text only
}

// newLevelSpec bounds a column at max exact levels. Text folds into max
// buckets; numbers, whose bins keep their order, into at most
// MaxNumericBins.
func newLevelSpec(vt valueType, max int) *levelSpec {
	fold := max
	if vt.cls != clsBytes {
		fold = min(max, MaxNumericBins)
	}
	return &levelSpec{vt: vt, max: max, foldMax: fold, bits: uint(bits.Len(uint(fold)) - 1)}
}

// bound is the most keys allowed under transform tr.
func (s *levelSpec) bound(tr transform) int {
	if tr.folded {
		return s.foldMax
	}
	return s.max
}

// apply maps an exact key to its key under tr.
func (s *levelSpec) apply(key uint64, tr transform) uint64 {
	if !tr.folded {
		return key
	}
	switch s.vt.cls {
	case clsInt:
		return binKey(s.vt.intNumber(int64(key)), tr.level)
	case clsFloat:
		return binKey(math.Float64frombits(key), tr.level)
	}
	return key >> (64 - s.bits)
}

// convert maps a key under from to its key under to, to ⊒ from.
func (s *levelSpec) convert(key uint64, from, to transform) uint64 {
	switch {
	case from == to:
		return key
	case !from.folded:
		return s.apply(key, to)
	case s.vt.cls == clsBytes:
		return key
	}
	return coarsenBin(key, to.level-from.level)
}

// fit returns the least transform ⊒ tr under which keys (under tr) have at
// most max distinct keys.
func (s *levelSpec) fit(keys []uint64, tr transform) transform {
	seen := make(map[uint64]struct{}, len(keys))
	count := func(to transform) int {
		clear(seen)
		for _, k := range keys {
			seen[s.convert(k, tr, to)] = struct{}{}
		}
		return len(seen)
	}
	to := tr
	for {
		if count(to) <= s.bound(to) {
			return to
		}
		switch {
		case !to.folded:
			to = transform{folded: true}
		case s.vt.cls == clsBytes || to.level >= 64:
			return to // text folds to max buckets at once; bins end at three keys
		default:
			to.level++
		}
	}
}

// coder gives a column's values dense codes within one piece of the data,
// under the piece's current transform.
type coder struct {
	spec *levelSpec
	tr   transform
	idx  stats.Map64[int32]
	keys []uint64 // by code, under tr
}

func newCoder(spec *levelSpec) *coder {
	return &coder{spec: spec}
}

func (c *coder) len() int { return len(c.keys) }

// code returns the code of the value with exact key key. When the new value
// takes the coder past its bound, it folds and also returns remap, the new
// code of every old code.
func (c *coder) code(key uint64) (code int32, remap []int32) {
	k := c.spec.apply(key, c.tr)
	p, found := c.idx.Upsert(k)
	if found {
		return *p, nil
	}
	code = int32(len(c.keys))
	*p = code
	c.keys = append(c.keys, k)
	if len(c.keys) <= c.spec.bound(c.tr) {
		return code, nil
	}
	to := c.spec.fit(c.keys, c.tr)
	remap = make([]int32, len(c.keys))
	old := c.keys
	c.keys = make([]uint64, 0, c.spec.bound(to))
	c.idx.Clear()
	for i, k := range old {
		nk := c.spec.convert(k, c.tr, to)
		p, found := c.idx.Upsert(nk)
		if !found {
			*p = int32(len(c.keys))
			c.keys = append(c.keys, nk)
		}
		remap[i] = *p
	}
	c.tr = to
	return remap[code], remap
}

// levelState is a column's levels over the merged data.
type levelState struct {
	spec *levelSpec
	tr   transform
	keys map[uint64]struct{}
}

func newLevelState(spec *levelSpec) *levelState {
	return &levelState{spec: spec, keys: map[uint64]struct{}{}}
}

// absorb adds a piece's keys (under utr) and returns the transform the
// merged data were under before, so the caller can convert the tables kept
// so far (from old to s.tr) and the piece's (from utr to s.tr).
func (s *levelState) absorb(keys []uint64, utr transform) (old transform) {
	old = s.tr
	to := join(s.tr, utr)
	all := make([]uint64, 0, len(s.keys)+len(keys))
	seen := make(map[uint64]struct{}, len(s.keys)+len(keys))
	add := func(k uint64) {
		if _, ok := seen[k]; !ok {
			seen[k] = struct{}{}
			all = append(all, k)
		}
	}
	for k := range s.keys {
		add(s.spec.convert(k, s.tr, to))
	}
	for _, k := range keys {
		add(s.spec.convert(k, utr, to))
	}
	final := s.spec.fit(all, to)
	clear(s.keys)
	for _, k := range all {
		s.keys[s.spec.convert(k, to, final)] = struct{}{}
	}
	s.tr = final
	return old
}
