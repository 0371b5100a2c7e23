package stats

import (
	"iter"
	"sync/atomic"
)

// Map64 is a hash map from uint64 keys to values of type V for the scan's
// hot paths: open addressing with linear probing in a power-of-two table at
// most 3/4 full, the slot chosen by multiplicative hashing (the key times an
// odd multiplier, top bits), so both hashes and small exact integers spread
// well. A lookup takes about half the time of a Go map's on these keys. Key
// 0 marks an empty slot, so the value of key 0 is kept aside.
//
// Every table draws its own multiplier: copying one table into another in
// slot order (a merge) with a shared multiplier would fill the smaller
// table's slots in order and build long probe runs — quadratic time.
//
// The zero Map64 is empty and ready to use. Pointers returned by Ptr and
// Upsert are valid until the next Upsert, Put, Retain or Clear.
type Map64[V any] struct {
	keys    []uint64
	vals    []V
	n       int // keys held in the table (not counting key 0)
	shift   uint
	mult    uint64
	hasZero bool
	zero    V
}

// tables counts the tables made, to give each its own multiplier.
var tables atomic.Uint64

// Len is the number of keys.
func (m *Map64[V]) Len() int {
	if m.hasZero {
		return m.n + 1
	}
	return m.n
}

func (m *Map64[V]) slot(k uint64) uint64 { return (k * m.mult) >> m.shift }

// Ptr returns a pointer to the value of k, or nil if k is absent.
func (m *Map64[V]) Ptr(k uint64) *V {
	if k == 0 {
		if m.hasZero {
			return &m.zero
		}
		return nil
	}
	if m.n == 0 {
		return nil
	}
	mask := uint64(len(m.keys) - 1)
	for i := m.slot(k); ; i = (i + 1) & mask {
		switch m.keys[i] {
		case k:
			return &m.vals[i]
		case 0:
			return nil
		}
	}
}

// Get returns the value of k and whether k is present.
func (m *Map64[V]) Get(k uint64) (V, bool) {
	if p := m.Ptr(k); p != nil {
		return *p, true
	}
	var zero V
	return zero, false
}

// Upsert returns a pointer to the value of k, adding k with the zero value
// if it is absent; found reports whether it was present.
func (m *Map64[V]) Upsert(k uint64) (p *V, found bool) {
	if k == 0 {
		found = m.hasZero
		if !found {
			var zero V
			m.zero, m.hasZero = zero, true
		}
		return &m.zero, found
	}
	if 4*(m.n+1) > 3*len(m.keys) {
		m.grow()
	}
	mask := uint64(len(m.keys) - 1)
	for i := m.slot(k); ; i = (i + 1) & mask {
		switch m.keys[i] {
		case k:
			return &m.vals[i], true
		case 0:
			m.keys[i] = k
			m.n++
			return &m.vals[i], false
		}
	}
}

// Put sets the value of k.
func (m *Map64[V]) Put(k uint64, v V) {
	p, _ := m.Upsert(k)
	*p = v
}

func (m *Map64[V]) grow() {
	size := max(16, 2*len(m.keys))
	m.rehash(size)
}

// rehash moves the entries into a table of size slots (a power of two).
func (m *Map64[V]) rehash(size int) {
	oldKeys, oldVals := m.keys, m.vals
	m.keys, m.vals = make([]uint64, size), make([]V, size)
	m.shift = uint(64 - log2(size))
	m.mult = HashUint64(tables.Add(1)) | 1
	mask := uint64(size - 1)
	for j, k := range oldKeys {
		if k == 0 {
			continue
		}
		i := m.slot(k)
		for m.keys[i] != 0 {
			i = (i + 1) & mask
		}
		m.keys[i], m.vals[i] = k, oldVals[j]
	}
}

func log2(size int) int {
	n := 0
	for 1<<n < size {
		n++
	}
	return n
}

// Retain keeps the keys for which keep returns true and drops the others.
func (m *Map64[V]) Retain(keep func(k uint64, v V) bool) {
	if m.hasZero && !keep(0, m.zero) {
		var zero V
		m.zero, m.hasZero = zero, false
	}
	dropped := 0
	for i, k := range m.keys {
		if k != 0 && !keep(k, m.vals[i]) {
			m.keys[i] = 0
			var zero V
			m.vals[i] = zero
			dropped++
		}
	}
	if dropped == 0 {
		return
	}
	m.n -= dropped
	// Linear probing cannot leave holes in a probe sequence: reinsert.
	size := len(m.keys)
	for size > 16 && 4*m.n <= size {
		size /= 2
	}
	m.rehash(size)
}

// Clear removes every key and keeps the table's memory.
func (m *Map64[V]) Clear() {
	clear(m.keys)
	clear(m.vals)
	m.n = 0
	var zero V
	m.zero, m.hasZero = zero, false
}

// All yields every key and value, in no particular order.
func (m *Map64[V]) All() iter.Seq2[uint64, V] {
	return func(yield func(uint64, V) bool) {
		if m.hasZero && !yield(0, m.zero) {
			return
		}
		for i, k := range m.keys {
			if k != 0 && !yield(k, m.vals[i]) {
				return
			}
		}
	}
}
