package dataset

import (
	"strings"
	"testing"

	"github.com/saglig/saglig/internal/testfiles"
)

// TestColumnTypes checks, for every column of every cell of the
// interoperability matrix, that its typed type says what its displayed
// name says, and that its location is where the file has it: Parquet
// leaves in schema order, Arrow field paths that lead to it.
func TestColumnTypes(t *testing.T) {
	cells, err := testfiles.WriteInterop(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	// The kind each displayed type name starts with.
	kinds := []struct {
		prefix string
		kind   Kind
	}{
		{"bool", KindBool}, {"int96", KindTimestamp}, {"int", KindInt}, {"uint", KindUint},
		{"float", KindFloat}, {"decimal", KindDecimal}, {"string", KindString}, {"enum", KindString},
		{"json", KindString}, {"binary", KindBinary}, {"fixed_size_binary", KindBinary}, {"uuid", KindUUID},
		{"date", KindDate}, {"timestamp", KindTimestamp}, {"time", KindTime},
	}
	for _, c := range cells {
		t.Run(c.Name(), func(t *testing.T) {
			d, err := Open(c.Path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			f := d.Files[0]
			leaf := 0
			for _, col := range f.Columns {
				name, shape := col.Type, Scalar
				switch {
				case strings.HasPrefix(name, "list<"):
					name, shape = strings.TrimPrefix(name, "list<"), List
				case strings.HasPrefix(name, "map<"):
					name, shape = strings.TrimPrefix(name, "map<"), Map
				}
				name = strings.TrimPrefix(name, "struct<")
				if i := strings.IndexByte(name, ':'); i >= 0 && shape == List {
					name = name[i+1:] // a list of structs: its first field
				}
				want := Kind(255)
				for _, k := range kinds {
					if strings.HasPrefix(name, k.prefix) {
						want = k.kind
						break
					}
				}
				if col.Kind != want || col.Shape != shape {
					t.Errorf("%s (%s): kind %s, shape %s; want %s, %s", col.Path, col.Type, col.Kind, col.Shape, want, shape)
				}
				if strings.HasPrefix(col.Type, "timestamp[") {
					unit := strings.TrimPrefix(strings.SplitN(col.Type, ",", 2)[0], "timestamp[")
					unit = strings.TrimSuffix(unit, "]")
					if col.Unit.String() != unit || col.UTC != strings.Contains(col.Type, "UTC") {
						t.Errorf("%s (%s): unit %s, UTC %v", col.Path, col.Type, col.Unit, col.UTC)
					}
				}
				switch f.Format {
				case Parquet:
					if col.Loc.Leaf != leaf || col.Loc.Fields != nil {
						t.Errorf("%s: location %+v, want leaf %d", col.Path, col.Loc, leaf)
					}
					leaf++
					if shape == Map || strings.Contains(col.Type, "struct<") {
						leaf += strings.Count(col.Type, ",") // the other leaves of a map or a list of structs
					}
				default:
					if col.Loc.Leaf != -1 || len(col.Loc.Fields) != strings.Count(col.Path, ".")+1 {
						t.Errorf("%s: location %+v", col.Path, col.Loc)
					}
				}
			}
			for _, col := range d.Columns {
				if col.Loc.Leaf != -1 || col.Loc.Fields != nil {
					t.Errorf("dataset column %s has a location %+v", col.Path, col.Loc)
				}
			}
		})
	}
}
