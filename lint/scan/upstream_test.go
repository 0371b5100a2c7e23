package scan

import (
	"io"
	"os"
	"strconv"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/saglig/saglig/internal/testfiles"
)

// TestUpstreamLZ4Raw reads the interoperability matrix's incompressible
// LZ4_RAW cells with parquet-go's own reader, not the scan's page reader:
// parquet-go v0.32.0 read back wrong values or failed on them
// (parquet-go/parquet-go#608, docs/upstream.md), which saglig worked around
// by replacing parquet-go's codec through go:linkname. v0.32.1 decodes
// into the page buffer it is given and reads them right; the scan no
// longer reads pages through parquet-go at all, so this only records that
// the upstream bug is fixed in the version go.mod requires.
func TestUpstreamLZ4Raw(t *testing.T) {
	cells, err := testfiles.WriteInterop(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range cells {
		if c.Name() != c.Writer+"/codec_lz4_raw_incompressible" && c.Feature != "codec lz4_raw incompressible" || c.Writer == testfiles.ArrowIPC {
			continue
		}
		n++
		t.Run(c.Name(), func(t *testing.T) {
			f, err := os.Open(c.Path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			st, _ := f.Stat()
			pf, err := parquet.OpenFile(f, st.Size())
			if err != nil {
				t.Fatal(err)
			}
			leaf, ok := pf.Schema().Lookup("n")
			if !ok {
				t.Fatal("no column n")
			}
			got := map[string]int64{}
			rd := parquet.NewReader(pf)
			defer rd.Close()
			buf := make([]parquet.Row, 64)
			var rows int64
			for {
				k, err := rd.ReadRows(buf)
				for _, row := range buf[:k] {
					rows++
					for _, v := range row {
						if v.Column() == leaf.ColumnIndex {
							got[strconv.FormatInt(v.Int64(), 10)]++
						}
					}
				}
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("parquet-go: %v", err)
				}
			}
			if rows != c.Rows {
				t.Fatalf("%d rows, want %d", rows, c.Rows)
			}
			for _, col := range c.Columns {
				if col.Path != "n" {
					continue
				}
				for v, k := range col.Values {
					if got[v] != k {
						t.Fatalf("value %s read %d times, written %d", v, got[v], k)
					}
				}
			}
		})
	}
	if n != 2 {
		t.Fatalf("%d incompressible LZ4_RAW Parquet cells, want 2", n)
	}
}
