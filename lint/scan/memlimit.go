package scan

import (
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// Soft memory limit. While scans run, the Go runtime's soft memory limit
// is lowered so that garbage is collected before the process outgrows the
// budget: the collector runs concurrently with the scan and may finish a
// cycle after the heap passed its goal, and the last eighth of the budget
// is that margin.
//
// The limit counts the whole process where the system tells its resident
// size (Linux): the program's own code and read-only data mapped from its
// file (about 60 MiB with the object-store and warehouse drivers) and the
// Go memory in use before the scan are part of the budget, so the heap may
// grow by the budget less the margin less what the process already holds.
// When that is less than the plan's own estimate of what the scan holds
// (plan.need, an upper bound), the heap may grow by the estimate, up to
// seven eighths of the budget: a limit below what the scan holds would make
// the collector run without pause and slow the scan for nothing, and a
// budget too small for the program and the scan together cannot be met.
const gcMargin = 8

var memLimit struct {
	sync.Mutex
	active int
	prev   int64
	// base is the Go runtime's memory in use when the first scan began,
	// held the process's resident size then (at least base).
	base, held int64
	// growth is what the heap may grow by, the largest of the scans'.
	growth int64
}

// heapGrowth is what the Go heap may grow by during a scan with the given
// budget, whose plan estimates it holds need bytes, in a process that held
// held bytes when the scans began.
func heapGrowth(budget, need, held int64) int64 {
	most := budget - budget/gcMargin
	return min(most, max(most-held, need))
}

func limitMemory(budget, need int64) (restore func()) {
	memLimit.Lock()
	defer memLimit.Unlock()
	if memLimit.active == 0 {
		memLimit.prev = debug.SetMemoryLimit(-1)
		memLimit.base = memoryInUse()
		memLimit.held = max(memLimit.base, residentSize())
		memLimit.growth = 0
	}
	memLimit.active++
	memLimit.growth = max(memLimit.growth, heapGrowth(budget, need, memLimit.held))
	if limit := memLimit.base + memLimit.growth; limit < memLimit.prev {
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
