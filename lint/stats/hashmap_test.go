package stats

import (
	"maps"
	"math/rand/v2"
	"testing"
)

// TestMap64 runs random operations on a Map64 and a Go map side by side.
func TestMap64(t *testing.T) {
	tests := []struct {
		name string
		key  func(r *rand.Rand) uint64
		ops  int
	}{
		{"hashes", func(r *rand.Rand) uint64 { return r.Uint64() >> r.IntN(64) }, 20000},
		{"small integers with zero", func(r *rand.Rand) uint64 { return uint64(r.IntN(300)) }, 20000},
		{"sequential multiples", func(r *rand.Rand) uint64 { return uint64(r.IntN(5000)) << 20 }, 20000},
		{"hashes with top bits zero", func(r *rand.Rand) uint64 { return r.Uint64() >> 20 }, 20000},
		{"negative integers", func(r *rand.Rand) uint64 { return uint64(-int64(r.IntN(1000))) }, 5000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(1, 2))
			var m Map64[int]
			want := map[uint64]int{}
			for i := range tt.ops {
				k := tt.key(r)
				switch op := r.IntN(100); {
				case op < 40:
					m.Put(k, i)
					want[k] = i
				case op < 60:
					p, found := m.Upsert(k)
					if _, ok := want[k]; ok != found {
						t.Fatalf("op %d: Upsert(%d) found = %v, want %v", i, k, found, ok)
					}
					*p += 3
					want[k] += 3
				case op < 90:
					got, ok := m.Get(k)
					w, wok := want[k]
					if got != w || ok != wok {
						t.Fatalf("op %d: Get(%d) = %d, %v; want %d, %v", i, k, got, ok, w, wok)
					}
					if p := m.Ptr(k); (p != nil) != wok || (p != nil && *p != w) {
						t.Fatalf("op %d: Ptr(%d) disagrees with Get", i, k)
					}
				case op < 99:
					odd := func(k uint64, v int) bool { return (k^uint64(v))&1 == 1 || r.IntN(2) == 0 }
					kept := map[uint64]bool{}
					m.Retain(func(k uint64, v int) bool {
						keep := odd(k, v)
						kept[k] = keep
						return keep
					})
					if len(kept) != len(want) {
						t.Fatalf("op %d: Retain visited %d keys, want %d", i, len(kept), len(want))
					}
					maps.DeleteFunc(want, func(k uint64, _ int) bool { return !kept[k] })
				default:
					m.Clear()
					clear(want)
				}
				if m.Len() != len(want) {
					t.Fatalf("op %d: Len = %d, want %d", i, m.Len(), len(want))
				}
			}
			got := maps.Collect(m.All())
			if !maps.Equal(got, want) {
				t.Fatalf("All yields %d entries that differ from the %d expected", len(got), len(want))
			}
		})
	}
}

func TestMap64ZeroValue(t *testing.T) {
	var m Map64[string]
	if _, ok := m.Get(7); ok || m.Ptr(0) != nil || m.Len() != 0 {
		t.Fatal("the zero Map64 is not empty")
	}
	m.Retain(func(uint64, string) bool { return false })
	m.Clear()
	for range m.All() {
		t.Fatal("the zero Map64 yields an entry")
	}
}

func BenchmarkMap64(b *testing.B) {
	keys := make([]uint64, 512)
	r := rand.New(rand.NewPCG(3, 4))
	for i := range keys {
		keys[i] = HashUint64(uint64(r.IntN(1 << 30)))
	}
	b.Run("Map64", func(b *testing.B) {
		var m Map64[int32]
		for i, k := range keys {
			m.Put(k, int32(i))
		}
		var s int32
		for i := 0; b.Loop(); i++ {
			v, _ := m.Get(keys[i&511])
			s += v
		}
		_ = s
	})
	b.Run("map", func(b *testing.B) {
		m := map[uint64]int32{}
		for i, k := range keys {
			m[k] = int32(i)
		}
		var s int32
		for i := 0; b.Loop(); i++ {
			s += m[keys[i&511]]
		}
		_ = s
	})
}

// TestMap64MergeIsLinear copies a large table into a small one in slot
// order, the access pattern of Spans.Merge, which takes quadratic time when
// both tables place keys alike.
func TestMap64MergeIsLinear(t *testing.T) {
	var big, small Map64[int]
	r := rand.New(rand.NewPCG(5, 6))
	for i := range 1 << 18 {
		big.Put(r.Uint64()|1, i)
	}
	small.Put(1, 0)
	probes := 0
	for k, v := range big.All() {
		small.Put(k, v)
		probes += small.probeLen(k)
	}
	if avg := float64(probes) / float64(big.Len()); avg > 8 {
		t.Errorf("%.1f probes per key on average, want a few", avg)
	}
}

// probeLen is the number of slots a lookup of k inspects.
func (m *Map64[V]) probeLen(k uint64) int {
	mask := uint64(len(m.keys) - 1)
	n := 1
	for i := m.slot(k); m.keys[i] != k && m.keys[i] != 0; i = (i + 1) & mask {
		n++
	}
	return n
}
