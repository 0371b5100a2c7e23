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
// the heap grows past it.
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
	if peak > budget {
		t.Errorf("peak heap %d bytes exceeds the %d-byte budget", peak, budget)
	}
	if size < 3*budget {
		t.Errorf("file of %d bytes is too small to test a %d-byte budget", size, budget)
	}
}

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
