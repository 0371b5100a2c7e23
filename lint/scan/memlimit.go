package scan

import (
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// Soft memory limit. While scans run, the Go runtime's soft memory limit
// is lowered to the memory in use when the first began plus seven eighths of
// the largest budget, so that garbage is collected before the heap outgrows
// the budget: the collector runs concurrently with the scan and may finish a
// cycle after the heap passed its goal, and the last eighth is that margin.
const gcMargin = 8

var memLimit struct {
	sync.Mutex
	active int
	prev   int64
	budget int64
	base   int64
}

func limitMemory(budget int64) (restore func()) {
	memLimit.Lock()
	defer memLimit.Unlock()
	if memLimit.active == 0 {
		memLimit.prev = debug.SetMemoryLimit(-1)
		memLimit.base = memoryInUse()
		memLimit.budget = 0
	}
	memLimit.active++
	memLimit.budget = max(memLimit.budget, budget)
	if limit := memLimit.base + memLimit.budget - memLimit.budget/gcMargin; limit < memLimit.prev {
		debug.SetMemoryLimit(limit)
	}
	return func() {
		memLimit.Lock()
		defer memLimit.Unlock()
		memLimit.active--
		if memLimit.active == 0 {
			debug.SetMemoryLimit(memLimit.prev)
		}
	}
}

// memoryInUse is the memory the Go runtime uses: all it has mapped, less
// the heap it has returned to the operating system or holds free.
func memoryInUse() int64 {
	s := []metrics.Sample{
		{Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
		{Name: "/memory/classes/heap/free:bytes"},
	}
	metrics.Read(s)
	for _, x := range s {
		if x.Value.Kind() != metrics.KindUint64 {
			return 0
		}
	}
	return int64(s[0].Value.Uint64() - s[1].Value.Uint64() - s[2].Value.Uint64())
}
