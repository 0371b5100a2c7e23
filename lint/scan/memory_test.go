package scan

import (
	"context"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/saglig/saglig/lint/dataset"
)

// heapInUse is the heap's in-use spans, as MemStats.HeapInuse, and the
// heap marked live by the last GC, read from runtime/metrics without
// stopping the world.
func heapInUse() (inUse, live int64) {
	s := []metrics.Sample{
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/memory/classes/heap/unused:bytes"},
		{Name: "/gc/heap/live:bytes"},
	}
	metrics.Read(s)
	return int64(s[0].Value.Uint64() + s[1].Value.Uint64()), int64(s[2].Value.Uint64())
}

// peakHeap runs f while sampling the heap every millisecond and returns
// the highest heap in use and live heap above what they were before f.
func peakHeap(f func()) (peak, peakLive, base int64) {
	// Twice: sync.Pool keeps what it held (the Parquet writer's buffers)
	// through one collection.
	runtime.GC()
	runtime.GC()
	base, baseLive := heapInUse()
	var mu sync.Mutex
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				h, l := heapInUse()
				mu.Lock()
				peak = max(peak, h-base)
				peakLive = max(peakLive, l-baseLive)
				mu.Unlock()
			}
		}
	})
	f()
	close(done)
	wg.Wait()
	return peak, peakLive, base
}

// checkMemoryBound writes a file of n generated rows, scans it with the
// given budget and fails if the heap grows past it.
func checkMemoryBound(t *testing.T, n int, rowGroup int64, budget int64) {
	dir := t.TempDir()
	f := writeCitizensFile(t, filepath.Join(dir, "citizens.parquet"), 5, n, rowGroup)
	scanWithin(t, parquetDataset(dir, citizenColumns, f), n, budget)
}

// scanWithin scans a dataset of n rows with the given budget and fails if
// the scan holds more than the budget, or its heap in use grows past the
// budget by more than collection lag allows.
//
// What the scan holds is the live heap the collector marks, sampled above
// its level before the scan: a scan that keeps more than its budget
// exceeds it whatever the machine's load. (What is allocated while a
// collection marks counts as live until the next one; the soft limit's
// last eighth, gcMargin, is for that. Measured: 13.4 MiB unloaded, up to
// 14.8 MiB at load average 13; 17 MiB for a plan that spends twice the
// budget, which fails.) The heap in use also counts
// garbage not yet collected. The soft memory limit (memlimit.go) lets it
// grow by seven eighths of the budget, but the limit is best effort: a
// collection that falls behind is given 10% past its goal by the runtime's
// pacer, and when the collector would take more than half the CPU (as when
// its workers wait for a loaded machine's cores) the runtime lets the heap
// pass the limit rather than starve the program. Garbage that outlives its
// collection that way is what the scan allocates while the collection
// lags: measured, up to 0.8 MiB past a 16 MiB budget at load average 20 on
// 2 cores, 13–15 MiB in use unloaded. lagAllowance (a quarter of the
// budget) covers several times that, and still fails a scan whose garbage
// is not bounded by the limit at all: without it the collector's default
// pacing (GOGC=100) lets the heap in use reach twice the live heap.
func scanWithin(t *testing.T, ds *dataset.Dataset, n int, budget int64) {
	var size int64
	for _, f := range ds.Files {
		size += f.Size
	}
	req := citizenRequest()
	req.Memory = budget
	var res *Result
	var err error
	peak, live, base := peakHeap(func() {
		res, err = New().Profile(context.Background(), ds, req)
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Rows != int64(n) {
		t.Fatalf("rows = %d, want %d", res.Rows, n)
	}
	t.Logf("file %.1f MB, budget %.1f MiB: peak heap in use %.1f MiB (live after GC %.1f MiB) above a base of %.1f MiB",
		float64(size)/1e6, float64(budget)/(1<<20), float64(peak)/(1<<20), float64(live)/(1<<20), float64(base)/(1<<20))
	if live > budget {
		t.Errorf("the scan holds %d bytes (peak live heap), more than the %d-byte budget", live, budget)
	}
	if allowed := budget + lagAllowance(budget); peak > allowed {
		t.Errorf("peak heap in use %d bytes exceeds the %d-byte budget by more than collection lag allows (%d bytes)", peak, budget, allowed)
	}
	if size < 3*budget {
		t.Errorf("file of %d bytes is too small to test a %d-byte budget", size, budget)
	}
}

// lagAllowance is how far the heap in use may pass a scan's budget while
// a collection lags behind the scan's allocations (see scanWithin).
func lagAllowance(budget int64) int64 { return budget / 4 }

// TestMemoryBound scans a ~50 MB file with a 16 MiB budget.
func TestMemoryBound(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 50 MB file")
	}
	checkMemoryBound(t, 750_000, 64<<10, 16<<20)
}

// TestMemoryLimitRestored checks that the soft memory limit a scan sets
// (memlimit.go) holds only while it runs: a process that embeds the scan
// gets its own limit back after a scan that succeeds, one that fails and
// one that is cancelled, and concurrent scans restore it only when the
// last ends.
func TestMemoryLimitRestored(t *testing.T) {
	const own = 6 << 30
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(own))
	ds := writeCitizens(t, t.TempDir(), 3, 2000, 2, 500)
	req := Request{Inputs: []string{"alder", "postnr"}, Protected: []string{"koen"}, Memory: 32 << 20}
	var during atomic.Int64
	during.Store(math.MaxInt64)
	record := func(*unit) {
		l := debug.SetMemoryLimit(-1)
		for {
			old := during.Load()
			if l >= old || during.CompareAndSwap(old, l) {
				return
			}
		}
	}
	failing := func(u *unit) {
		record(u)
		if u.seq == 1 {
			panic("a decoder fails")
		}
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancelling := func(u *unit) {
		record(u)
		cancel()
	}
	tests := []struct {
		name string
		scan func() error
	}{
		{"success", func() error {
			_, err := native{beforeUnit: record}.Profile(context.Background(), ds, req)
			return err
		}},
		{"file error", func() error {
			_, err := native{beforeUnit: failing}.Profile(context.Background(), ds, req)
			if !errors.As(err, new(FileErrors)) {
				return fmt.Errorf("error %v, want FileErrors", err)
			}
			return nil
		}},
		{"cancelled", func() error {
			_, err := native{beforeUnit: cancelling}.Profile(cancelled, ds, req)
			if !errors.Is(err, context.Canceled) {
				return fmt.Errorf("error %v, want context.Canceled", err)
			}
			return nil
		}},
		{"concurrent", func() error {
			var wg sync.WaitGroup
			errs := make([]error, 3)
			for i := range errs {
				wg.Go(func() {
					_, errs[i] = native{beforeUnit: record}.Profile(context.Background(), ds, req)
				})
			}
			wg.Wait()
			return errors.Join(errs...)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			during.Store(math.MaxInt64)
			if err := tt.scan(); err != nil {
				t.Fatal(err)
			}
			if got := during.Load(); got >= own {
				t.Errorf("limit while scanning %d, want below the process's %d", got, int64(own))
			}
			if got := debug.SetMemoryLimit(-1); got != own {
				t.Errorf("limit after the scan %d, want the process's %d back", got, int64(own))
			}
		})
	}
}
