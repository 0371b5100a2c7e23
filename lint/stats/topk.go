package stats

import (
	"bytes"
	"slices"
)

// TopK finds heavy hitters with the Misra–Gries frequent-items summary
// (Misra & Gries, "Finding repeated elements", 1982) in the form Apache
// DataSketches' frequent-items sketch uses: up to Capacity counters; when an
// unseen value finds them all taken, the median count is subtracted from
// every counter (a "reverse purge"), counters that reach zero are dropped,
// and the subtracted amount is added to an offset that bounds the error.
// Each update is amortised O(1). Every reported count c satisfies
// c − Err ≤ true count ≤ c, Err ≤ 2n/Capacity, so a value whose true count
// exceeds 2n/Capacity is always held.
//
// Values are opaque bytes identified by their 64-bit hash; TopK copies them.
// The state depends on the values only — a purge treats equal counts alike —
// and while no purge has happened (Exact) the counts are exact and the
// sketch holds every value seen, so its state then does not depend on the
// order of the values or on how they were split.
type TopK struct {
	capacity int
	index    Map64[int32] // hash → slot
	slots    []TopItem    // Count is the lower bound; Err unused here
	offset   int64        // total subtracted by purges
	purged   bool
	n        int64
	scratch  []int64
}

// TopItem is one heavy hitter.
type TopItem struct {
	Hash  uint64
	Value []byte
	// Count overestimates the true count by at most Err.
	Count, Err int64
}

// NewTopK returns a frequent-items sketch with the given number of
// counters.
func NewTopK(capacity int) *TopK {
	if capacity < 2 {
		capacity = 2
	}
	return &TopK{capacity: capacity}
}

// Capacity is the number of counters.
func (t *TopK) Capacity() int { return t.capacity }

// Len is the number of values held.
func (t *TopK) Len() int { return len(t.slots) }

// N is the total count added.
func (t *TopK) N() int64 { return t.n }

// Exact reports whether every value seen is held with its exact count.
func (t *TopK) Exact() bool { return !t.purged }

// Full reports whether an unseen value would cause a purge.
func (t *TopK) Full() bool { return len(t.slots) >= t.capacity }

// Incr counts count more occurrences of the value with hash h if it is
// held, and reports whether it was.
func (t *TopK) Incr(h uint64, count int64) bool {
	i, ok := t.index.Get(h)
	if ok && count > 0 {
		t.slots[i].Count += count
		t.n += count
	}
	return ok
}

// Add counts count occurrences of the value v with hash h.
func (t *TopK) Add(h uint64, v []byte, count int64) {
	if count <= 0 {
		return
	}
	if t.Incr(h, count) {
		return
	}
	t.n += count
	if len(t.slots) >= t.capacity {
		t.purge()
	}
	t.insert(h, v, count)
}

func (t *TopK) insert(h uint64, v []byte, count int64) {
	i := int32(len(t.slots))
	if cap(t.slots) > len(t.slots) {
		// Reuse a dropped slot's value buffer.
		t.slots = t.slots[:i+1]
		s := &t.slots[i]
		s.Hash, s.Value, s.Count, s.Err = h, append(s.Value[:0], v...), count, 0
	} else {
		t.slots = append(t.slots, TopItem{Hash: h, Value: slices.Clone(v), Count: count})
	}
	t.index.Put(h, i)
}

// purge subtracts the median count from every counter and drops those that
// reach zero (at least half of them).
func (t *TopK) purge() {
	t.purged = true
	t.scratch = t.scratch[:0]
	for _, s := range t.slots {
		t.scratch = append(t.scratch, s.Count)
	}
	slices.Sort(t.scratch)
	m := t.scratch[(len(t.scratch)-1)/2]
	t.offset += m
	// Partition by swapping, so that every value buffer keeps one owner;
	// the dropped slots' buffers stay beyond len for reuse.
	j := 0
	for i := range t.slots {
		if t.slots[i].Count -= m; t.slots[i].Count > 0 {
			t.slots[i], t.slots[j] = t.slots[j], t.slots[i]
			j++
		}
	}
	t.slots = t.slots[:j]
	t.index.Clear()
	for i, s := range t.slots {
		t.index.Put(s.Hash, int32(i))
	}
}

// Merge adds o to t, following the merge of Misra–Gries summaries in
// Agarwal et al., "Mergeable summaries" (PODS 2012): counts of the union
// add up (a value missing from a sketch counts 0 there), offsets add up,
// and purges bring the counters back within capacity. Exact sketches whose
// union fits merge exactly.
func (t *TopK) Merge(o *TopK) {
	if o == nil || o.n == 0 {
		return
	}
	t.n += o.n
	t.offset += o.offset
	t.purged = t.purged || o.purged
	for _, s := range o.slots {
		if i, ok := t.index.Get(s.Hash); ok {
			t.slots[i].Count += s.Count
			continue
		}
		t.insert(s.Hash, s.Value, s.Count)
	}
	for len(t.slots) > t.capacity {
		t.purge()
	}
}

// Items returns up to n heavy hitters (all when n ≤ 0), largest count first,
// ties by value then hash. The values are t's own; do not modify them.
func (t *TopK) Items(n int) []TopItem {
	items := slices.Clone(t.slots)
	for i := range items {
		items[i].Count += t.offset
		items[i].Err = t.offset
	}
	slices.SortFunc(items, func(a, b TopItem) int {
		if a.Count != b.Count {
			if a.Count > b.Count {
				return -1
			}
			return 1
		}
		if c := bytes.Compare(a.Value, b.Value); c != 0 {
			return c
		}
		switch {
		case a.Hash < b.Hash:
			return -1
		case a.Hash > b.Hash:
			return 1
		}
		return 0
	})
	if n > 0 && len(items) > n {
		items = items[:n]
	}
	return items
}
