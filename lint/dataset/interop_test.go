package dataset

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go/format"

	"github.com/saglig/saglig/internal/testfiles"
)

// TestInteropSchemas reads the schema of every cell of the
// interoperability matrix (docs/formats.md): the columns with their types
// and nullability, the row count and, for Parquet, the encoding and codec
// each column chunk must use for the cell to test what it says.
func TestInteropSchemas(t *testing.T) {
	cells, err := testfiles.WriteInterop(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cells {
		t.Run(c.Name(), func(t *testing.T) {
			d, err := Open(c.Path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if d.Rows != c.Rows {
				t.Errorf("rows %d, want %d", d.Rows, c.Rows)
			}
			want := make([]string, len(c.Columns))
			for i, col := range c.Columns {
				want[i] = columnsOf([]Column{{Path: col.Path, Type: col.Type, Nullable: col.Nullable}})[0]
			}
			assertColumns(t, d.Columns, want)
			if d.Format == Parquet {
				checkChunks(t, c)
			}
		})
	}
}

// checkChunks checks the codecs of a Parquet cell's column chunks and the
// encodings and versions of their data pages, as the page headers say, in
// every row group, and the number of row groups and pages.
func checkChunks(t *testing.T, c testfiles.Interop) {
	t.Helper()
	data, err := os.ReadFile(c.Path)
	if err != nil {
		t.Fatal(err)
	}
	md, err := decodeFooter(data[footerStart(t, data):len(data)-8], Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if c.RowGroups > 0 && len(md.RowGroups) != c.RowGroups {
		t.Errorf("%d row groups, want %d", len(md.RowGroups), c.RowGroups)
	}
	for rg := range md.RowGroups {
		byPath := map[string]*format.ColumnChunk{}
		for i := range md.RowGroups[rg].Columns {
			cc := &md.RowGroups[rg].Columns[i]
			byPath[strings.Join(cc.MetaData.PathInSchema, ".")] = cc
			if _, dup := byPath[cc.MetaData.PathInSchema[0]]; !dup {
				byPath[cc.MetaData.PathInSchema[0]] = cc // a list or map by its group
			}
		}
		for _, col := range c.Columns {
			cc := byPath[col.Path]
			if cc == nil {
				t.Errorf("row group %d, %s: no column chunk", rg, col.Path)
				continue
			}
			cm := &cc.MetaData
			if col.Codec != "" && cm.Codec.String() != col.Codec {
				t.Errorf("row group %d, %s: codec %s, want %s", rg, col.Path, cm.Codec, col.Codec)
			}
			pages, err := testfiles.Pages(data, cc)
			if err != nil {
				t.Fatal(err)
			}
			var encs []string // of the data pages
			for _, p := range pages {
				h := p.Header
				if col.MaxRatio > 0 && float64(h.UncompressedPageSize) > col.MaxRatio*float64(h.CompressedPageSize) {
					t.Errorf("row group %d, %s: a %s page of %d bytes compressed to %d, more than %g times", rg, col.Path,
						h.Type, h.UncompressedPageSize, h.CompressedPageSize, col.MaxRatio)
				}
				version := 0
				switch p.Header.Type {
				case format.DataPage:
					encs = append(encs, p.Header.DataPageHeader.V.Encoding.String())
					version = 1
				case format.DataPageV2:
					encs = append(encs, p.Header.DataPageHeaderV2.V.Encoding.String())
					version = 2
				}
				if version != 0 && c.DataPageVersion != 0 && version != c.DataPageVersion {
					t.Errorf("row group %d, %s: a data page v%d, want v%d", rg, col.Path, version, c.DataPageVersion)
				}
			}
			for _, want := range col.Encodings {
				if !slices.Contains(encs, want) {
					t.Errorf("row group %d, %s: data pages encoded %v, want %s among them", rg, col.Path, encs, want)
				}
			}
			if len(encs) < c.MinPages {
				t.Errorf("row group %d, %s: %d data pages, want at least %d", rg, col.Path, len(encs), c.MinPages)
			}
		}
	}
}
