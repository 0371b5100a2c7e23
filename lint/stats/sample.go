package stats

import (
	"container/heap"
	"slices"
)

// Sample keeps the k distinct values with the smallest hashes (a bottom-k
// sketch, Cohen & Kaplan, "Summarizing data using bottom-k sketches", PODC
// 2007): a uniform sample of the distinct values that is deterministic and
// whose merged state is the same whatever the split and merge order.
type Sample struct {
	k     int
	index map[uint64]struct{}
	heap  sampleHeap // max-heap by hash
}

type sampleItem struct {
	hash  uint64
	value []byte
}

// NewSample returns an empty sample of at most k values.
func NewSample(k int) *Sample {
	if k < 0 {
		k = 0
	}
	return &Sample{k: k, index: make(map[uint64]struct{}, k)}
}

// Accepts reports whether a value with hash h could enter the sample; a
// caller can skip preparing the value when it cannot.
func (s *Sample) Accepts(h uint64) bool {
	return s.k > 0 && (len(s.heap) < s.k || h < s.heap[0].hash)
}

// Offer adds the value v with hash h if its hash is among the k smallest
// seen. v is copied.
func (s *Sample) Offer(h uint64, v []byte) {
	if !s.Accepts(h) {
		return
	}
	if _, ok := s.index[h]; ok {
		return
	}
	if len(s.heap) < s.k {
		s.index[h] = struct{}{}
		heap.Push(&s.heap, sampleItem{hash: h, value: slices.Clone(v)})
		return
	}
	top := &s.heap[0]
	delete(s.index, top.hash)
	top.hash = h
	top.value = append(top.value[:0], v...)
	s.index[h] = struct{}{}
	heap.Fix(&s.heap, 0)
}

// Merge adds o's values to s.
func (s *Sample) Merge(o *Sample) {
	if o == nil {
		return
	}
	for _, it := range o.heap {
		s.Offer(it.hash, it.value)
	}
}

// Values returns the sampled values in hash order. They are s's own; do not
// modify them.
func (s *Sample) Values() [][]byte {
	items := slices.Clone([]sampleItem(s.heap))
	slices.SortFunc(items, func(a, b sampleItem) int {
		switch {
		case a.hash < b.hash:
			return -1
		case a.hash > b.hash:
			return 1
		}
		return 0
	})
	out := make([][]byte, len(items))
	for i, it := range items {
		out[i] = it.value
	}
	return out
}

type sampleHeap []sampleItem

func (h sampleHeap) Len() int           { return len(h) }
func (h sampleHeap) Less(i, j int) bool { return h[i].hash > h[j].hash }
func (h sampleHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *sampleHeap) Push(x any)        { *h = append(*h, x.(sampleItem)) }
func (h *sampleHeap) Pop() any {
	old := *h
	it := old[len(old)-1]
	*h = old[:len(old)-1]
	return it
}
