package dataset

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/encoding/thrift"
	"github.com/parquet-go/parquet-go/format"

	"github.com/saglig/saglig/internal/testfiles"
)

// wideFile writes a Parquet file of cols string columns in rowGroups row
// groups, with statistics: a large, real footer.
func wideFile(t *testing.T, cols, rowGroups int) []byte {
	t.Helper()
	g := parquet.Group{}
	for i := range cols {
		g[fmt.Sprintf("column_with_a_long_name_%04d", i)] = parquet.Optional(parquet.String())
	}
	schema := parquet.NewSchema("wide", g)
	var buf bytes.Buffer
	w := parquet.NewWriter(&buf, schema, parquet.PageBufferSize(1024), parquet.MaxRowsPerRowGroup(2))
	row := map[string]any{}
	for k := range g {
		row[k] = "a value of some length"
	}
	for range rowGroups * 2 {
		if err := w.Write(row); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestFooterEstimate checks the memory estimate of a Parquet footer made
// before decoding it: it is at least what decoding allocates, and real
// footers stay well under the amplification that marks a hostile one.
func TestFooterEstimate(t *testing.T) {
	files := map[string][]byte{"wide": wideFile(t, 300, 20)}
	cells, err := testfiles.WriteInterop(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cells {
		if filepath.Ext(c.Path) == ".parquet" {
			data, err := os.ReadFile(c.Path)
			if err != nil {
				t.Fatal(err)
			}
			files[c.Name()] = data
		}
	}
	for name, data := range files {
		footer := data[footerStart(t, data) : len(data)-8]
		scan, err := thriftScan(footer, thriftFooter, structFileMetaData, nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		// Once to fill the decoder's caches, once to measure.
		var warm format.FileMetaData
		if err := thrift.Unmarshal(new(thrift.CompactProtocol), footer, &warm); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		var md format.FileMetaData
		if err := thrift.Unmarshal(new(thrift.CompactProtocol), footer, &md); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		runtime.ReadMemStats(&after)
		alloc := int64(after.TotalAlloc - before.TotalAlloc)
		// Unmarshal copies the footer first; the rest is the decoded
		// metadata.
		decoded := alloc - int64(len(footer))
		amp := float64(scan.mem) / float64(len(footer))
		t.Logf("%s: footer %d bytes, estimate %d, decoded %d, amplification %.1f", name, len(footer), scan.mem, decoded, amp)
		// A little slack for allocations the runtime makes meanwhile.
		if scan.mem+16<<10 < decoded {
			t.Errorf("%s: estimate %d below the %d bytes decoded", name, scan.mem, decoded)
		}
		if amp > maxFooterAmplification/2 {
			t.Errorf("%s: a real footer's amplification %.1f is too close to the bound %d", name, amp, maxFooterAmplification)
		}
	}
}
