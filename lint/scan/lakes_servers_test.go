//go:build lakes

package scan

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/saglig/saglig/lint/dataset"
	"github.com/saglig/saglig/lint/source/objstore"
	"github.com/saglig/saglig/lint/source/objstore/objstoretest"
)

// TestServersMemoryBound scans TestMemoryBound's file (~50 MB) from each
// server .ci/lakes starts with a 16 MiB budget: the column chunks fetched
// ahead count in the budget, and the heap stays within it.
func TestServersMemoryBound(t *testing.T) {
	dir := t.TempDir()
	const n = 750_000
	writeCitizensFile(t, filepath.Join(dir, "citizens.parquet"), 5, n, 64<<10)
	for _, srv := range objstoretest.Servers(t) {
		t.Run(srv.Name, func(t *testing.T) {
			url := objstoretest.UploadTo(t, srv.URL, dir, "memory/")
			ds, err := dataset.Open(url+"citizens.parquet", dataset.Options{})
			if err != nil {
				t.Fatal(err)
			}
			before := objstore.Counters()
			scanWithin(t, ds, n, 16<<20)
			after := objstore.Counters()
			t.Logf("%d requests, %.1f MiB fetched", after.Gets-before.Gets, float64(after.Bytes-before.Bytes)/(1<<20))
		})
	}
}

// BenchmarkRemoteScan scans BenchmarkScanParquet's file (1M rows, 30
// columns, 75 MB) from the local disk and from each server .ci/lakes
// starts, with the unit's column chunks fetched ahead and merged (the
// default), fetched ahead one request per chunk (no merging), and not
// fetched ahead (1 MiB blocks as the decoder asks). It reports requests
// per scan. docs/performance.md records the figures:
//
//	bash .ci/lakes go test -tags lakes -run '^$' -bench RemoteScan -benchtime 3x ./lint/scan
func BenchmarkRemoteScan(b *testing.B) {
	dir := b.TempDir()
	f := writeCitizensFile(b, filepath.Join(dir, "citizens.parquet"), 1, 1_000_000, 128<<10)
	local := parquetDataset(dir, citizenColumns, f)
	run := func(b *testing.B, ds *dataset.Dataset) {
		req := citizenRequest()
		b.SetBytes(f.Size)
		before := objstore.Counters()
		for b.Loop() {
			res, err := New().Profile(context.Background(), ds, req)
			if err != nil {
				b.Fatal(err)
			}
			if res.Rows != 1_000_000 {
				b.Fatalf("rows = %d", res.Rows)
			}
		}
		after := objstore.Counters()
		b.ReportMetric(float64(after.Gets-before.Gets)/float64(b.N), "requests/op")
		b.ReportMetric(float64(after.Bytes-before.Bytes)/float64(b.N)/(1<<20), "MiB-fetched/op")
	}
	b.Run("local", func(b *testing.B) { run(b, local) })
	for _, srv := range objstoretest.Servers(b) {
		url := objstoretest.UploadTo(b, srv.URL, dir, "bench/")
		ds, err := dataset.Open(url+"citizens.parquet", dataset.Options{})
		if err != nil {
			b.Fatal(err)
		}
		for _, mode := range []struct {
			name string
			gap  int64
			off  bool
		}{{"merged", objstore.MaxGap, false}, {"per-chunk", -1, false}, {"blocks", 0, true}} {
			b.Run(fmt.Sprintf("%s/%s", srv.Name, mode.name), func(b *testing.B) {
				defer func(gap int64) { objstore.MaxGap, objstore.PrefetchOff = gap, false }(objstore.MaxGap)
				objstore.MaxGap, objstore.PrefetchOff = mode.gap, mode.off
				run(b, ds)
			})
		}
	}
}
