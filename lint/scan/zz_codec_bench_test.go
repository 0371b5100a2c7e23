package scan

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress"

	"github.com/saglig/saglig/lint/dataset"
)

func writeCitizensCodec(t testing.TB, path string, n int, rowGroup int64, codec compress.Codec) dataset.File {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := parquet.NewGenericWriter[citizen](f, parquet.MaxRowsPerRowGroup(rowGroup), parquet.Compression(codec))
	g := newCitizenGen(1, n)
	batch := make([]citizen, 10_000)
	for done := 0; done < n; {
		k := min(len(batch), n-done)
		g.fill(batch[:k])
		if _, err := w.Write(batch[:k]); err != nil {
			t.Fatal(err)
		}
		done += k
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	st, _ := os.Stat(path)
	return dataset.File{Path: path, Format: dataset.Parquet, Size: st.Size()}
}

func BenchmarkScanCodecTmp(b *testing.B) {
	for _, c := range []struct {
		name  string
		codec compress.Codec
	}{{"snappy", &parquet.Snappy}, {"zstd", &parquet.Zstd}, {"gzip", &parquet.Gzip}, {"lz4", &parquet.Lz4Raw}} {
		b.Run(c.name, func(b *testing.B) {
			dir := b.TempDir()
			f := writeCitizensCodec(b, filepath.Join(dir, "c.parquet"), 500_000, 128<<10, c.codec)
			ds := parquetDataset(dir, citizenColumns, f)
			req := citizenRequest()
			b.SetBytes(f.Size)
			b.ResetTimer()
			for b.Loop() {
				if _, err := New().Profile(context.Background(), ds, req); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkCheckVsScanTmp(b *testing.B) {
	for _, c := range []struct {
		name  string
		codec compress.Codec
	}{{"snappy", &parquet.Snappy}, {"zstd", &parquet.Zstd}, {"gzip", &parquet.Gzip}} {
		dir := b.TempDir()
		f := writeCitizensCodec(b, filepath.Join(dir, "c.parquet"), 500_000, 128<<10, c.codec)
		ds := parquetDataset(dir, citizenColumns, f)
		req := citizenRequest()
		req.Workers = 1
		b.Run(c.name+"/scan", func(b *testing.B) {
			for b.Loop() {
				if _, err := New().Profile(context.Background(), ds, req); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(c.name+"/check", func(b *testing.B) {
			osf, _ := os.Open(f.Path)
			defer osf.Close()
			pf, err := parquet.OpenFile(osf, f.Size)
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				for _, rg := range pf.Metadata().RowGroups {
					for i := range rg.Columns {
						if err := (dataset.Limits{}).CheckParquetPages(context.Background(), osf, f.Size, &rg.Columns[i]); err != nil {
							b.Fatal(err)
						}
					}
				}
			}
		})
	}
}
