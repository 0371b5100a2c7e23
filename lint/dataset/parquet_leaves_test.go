package dataset

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/encoding/thrift"
	"github.com/parquet-go/parquet-go/format"

	"github.com/saglig/saglig/internal/testfiles"
)

// TestParquetLeaves checks the leaves of the footer Recheck returns, which
// the scan decodes pages by: each leaf's physical type and its highest
// definition and repetition levels.
func TestParquetLeaves(t *testing.T) {
	flba := func(name string, n int32, valid bool) format.SchemaElement {
		el := leaf(name, format.FixedLenByteArray, format.Optional)
		el.TypeLength = thrift.Null[int32]{V: n, Valid: valid}
		return el
	}
	type want struct {
		kind           parquet.Kind // -1: no type, an error
		maxDef, maxRep int
	}
	for _, tt := range []struct {
		name   string
		schema []format.SchemaElement
		want   []want
	}{
		{"flat", []format.SchemaElement{root(3),
			leaf("a", format.Int32, format.Required),
			leaf("b", format.ByteArray, format.Optional),
			leaf("c", format.Boolean, format.Repeated)},
			[]want{{parquet.Int32, 0, 0}, {parquet.ByteArray, 1, 0}, {parquet.Boolean, 1, 1}}},
		{"nested", []format.SchemaElement{root(2),
			group("list", format.Optional, 1),
			group("list", format.Repeated, 1),
			leaf("element", format.Int64, format.Optional),
			group("s", format.Required, 2),
			leaf("x", format.Double, format.Required),
			group("empty", format.Optional, 0)},
			[]want{{parquet.Int64, 3, 1}, {parquet.Double, 0, 0}}},
		{"fixed length", []format.SchemaElement{root(3),
			flba("uuid", 16, true), flba("none", 0, false), flba("zero", 0, true)},
			[]want{{parquet.FixedLenByteArray, 1, 0}, {-1, 1, 0}, {-1, 1, 0}}},
		{"unknown type", []format.SchemaElement{root(2),
			leaf("x", format.Type(-7), format.Optional), leaf("i96", format.Int96, format.Required)},
			[]want{{-1, 1, 0}, {parquet.Int96, 0, 0}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data := parquetFooter(t, testfiles.CraftedMeta(0, tt.schema...), nil)
			_, pf, err := Recheck(bytes.NewReader(data), int64(len(data)), Parquet, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(pf.Leaves) != len(tt.want) {
				t.Fatalf("%d leaves, want %d", len(pf.Leaves), len(tt.want))
			}
			for i, w := range tt.want {
				l := pf.Leaves[i]
				if l.MaxDef != w.maxDef || l.MaxRep != w.maxRep {
					t.Errorf("leaf %d: levels %d, %d; want %d, %d", i, l.MaxDef, l.MaxRep, w.maxDef, w.maxRep)
				}
				switch {
				case w.kind < 0 && (l.Type != nil || l.Err == nil):
					t.Errorf("leaf %d: type %v, error %v; want no type and an error", i, l.Type, l.Err)
				case w.kind >= 0 && (l.Type == nil || l.Type.Kind() != w.kind || l.Err != nil):
					t.Errorf("leaf %d: type %v, error %v; want %s", i, l.Type, l.Err, w.kind)
				}
			}
		})
	}
}

// TestParquetLeavesCorpus checks the leaves Recheck gives every Parquet
// file of the conformance corpus against parquet-go's columns of the same
// file, where parquet-go opens it: the same levels, and the physical kind
// of parquet-go's type (which it has for every leaf but those of the NULL
// logical type; docs/upstream.md).
func TestParquetLeavesCorpus(t *testing.T) {
	dir := filepath.Join("..", "..", "internal", "testfiles", "corpus", "parquet-testing")
	compared := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".parquet") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		_, pf, err := Recheck(bytes.NewReader(data), int64(len(data)), Parquet, Options{})
		if err != nil {
			return nil // refused: TestCorpus in lint/scan says why
		}
		theirs := parquetGoLeaves(data)
		if theirs == nil {
			return nil
		}
		compared++
		if len(theirs) != len(pf.Leaves) {
			t.Errorf("%s: %d leaves, parquet-go %d", path, len(pf.Leaves), len(theirs))
			return nil
		}
		for i, c := range theirs {
			l := pf.Leaves[i]
			if l.MaxDef != c.MaxDefinitionLevel() || l.MaxRep != c.MaxRepetitionLevel() {
				t.Errorf("%s: leaf %d: levels %d, %d; parquet-go %d, %d", path, i, l.MaxDef, l.MaxRep, c.MaxDefinitionLevel(), c.MaxRepetitionLevel())
			}
			if k := c.Type().Kind(); k >= 0 && (l.Type == nil || l.Type.Kind() != k) {
				t.Errorf("%s: leaf %d: type %v (%v), parquet-go %s", path, i, l.Type, l.Err, k)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d files compared with parquet-go", compared)
	if compared < 30 {
		t.Errorf("compared %d files with parquet-go, want most of the corpus", compared)
	}
}

// parquetGoLeaves is parquet-go's leaf columns of a file in schema order,
// or nil where it does not open the file.
func parquetGoLeaves(data []byte) (leaves []*parquet.Column) {
	defer func() {
		if recover() != nil {
			leaves = nil
		}
	}()
	f, err := parquet.OpenFile(bytes.NewReader(data), int64(len(data)), parquet.SkipPageIndex(true), parquet.SkipBloomFilters(true))
	if err != nil {
		return nil
	}
	var walk func(c *parquet.Column)
	walk = func(c *parquet.Column) {
		if c.Leaf() {
			leaves = append(leaves, c)
			return
		}
		for _, k := range c.Columns() {
			walk(k)
		}
	}
	walk(f.Root())
	return leaves
}
