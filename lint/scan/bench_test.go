package scan

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"testing"
)

// BenchmarkScanParquet scans a generated 1M-row, 30-column job-centre-like
// file (row groups of 128k rows) with every input against three protected
// columns and the observation period, and reports MB/s and rows/s.
func BenchmarkScanParquet(b *testing.B) {
	dir := b.TempDir()
	f := writeCitizensFile(b, filepath.Join(dir, "citizens.parquet"), 1, 1_000_000, 128<<10)
	ds := parquetDataset(dir, citizenColumns, f)
	for _, workers := range []int{1, runtime.GOMAXPROCS(0)} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			req := citizenRequest()
			req.Workers = workers
			b.SetBytes(ds.Files[0].Size)
			for b.Loop() {
				res, err := New().Profile(context.Background(), ds, req)
				if err != nil {
					b.Fatal(err)
				}
				if res.Rows != 1_000_000 {
					b.Fatalf("rows = %d", res.Rows)
				}
			}
			b.ReportMetric(float64(b.N)*1_000_000/b.Elapsed().Seconds(), "rows/s")
		})
	}
}
