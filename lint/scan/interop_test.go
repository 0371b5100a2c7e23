package scan

import (
	"cmp"
	"context"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/saglig/saglig/internal/testfiles"
	"github.com/saglig/saglig/lint/dataset"
)

// TestInterop scans every file of the interoperability matrix — each
// Parquet logical type, encoding, codec, page version and nesting as
// parquet-go and pqarrow write them, Arrow IPC files and streams — and
// checks every column's profile against what the writer was given: rows,
// nulls, the distinct values with their counts, and the minimum and
// maximum. Each cell is scanned twice: every column profiled on its own,
// and every column an input of a pair, read row-aligned with the first.
func TestInterop(t *testing.T) {
	cells, err := testfiles.WriteInterop(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cells {
		t.Run(c.Name(), func(t *testing.T) {
			ds := cellDataset(c)
			var inputs []string
			for _, col := range c.Columns[1:] {
				inputs = append(inputs, col.Path)
			}
			for _, req := range []Request{{}, {Inputs: inputs, Protected: []string{c.Columns[0].Path}}} {
				res, err := New().Profile(context.Background(), ds, req)
				if err != nil {
					t.Fatal(err)
				}
				if res.Rows != c.Rows {
					t.Errorf("rows %d, want %d", res.Rows, c.Rows)
				}
				for _, col := range c.Columns {
					p := res.Profiles[col.Path]
					if p == nil {
						t.Errorf("%s: no profile", col.Path)
						continue
					}
					checkProfile(t, len(req.Inputs) > 0, c.Rows, col, p)
				}
			}
		})
	}
}

// checkProfile checks one column's profile against what was written.
func checkProfile(t *testing.T, paired bool, rows int64, col testfiles.Col, p *Profile) {
	t.Helper()
	name := fmt.Sprintf("%s (%s)", col.Path, col.Type)
	if paired {
		name += ", paired"
	}
	if p.Rows != rows || p.Nulls != col.Nulls {
		t.Errorf("%s: rows %d nulls %d, want %d %d", name, p.Rows, p.Nulls, rows, col.Nulls)
	}
	if col.Values == nil {
		t.Fatalf("%s: the cell gives no values to check", name)
	}
	want := int64(len(col.Values))
	if want <= TopCapacity {
		if p.Distinct != want {
			t.Errorf("%s: %d distinct values, want %d", name, p.Distinct, want)
		}
	} else if d := float64(p.Distinct-want) / float64(want); d < -0.03 || d > 0.03 {
		t.Errorf("%s: about %d distinct values, want %d within 3%%", name, p.Distinct, want)
	}
	// Top holds every value while there are at most TopSize, else the
	// most frequent, each with its exact count while there are at most
	// TopCapacity.
	if want <= TopCapacity {
		if len(p.Top) != min(int(want), TopSize) {
			t.Errorf("%s: %d top values, want %d", name, len(p.Top), min(int(want), TopSize))
		}
		for _, vc := range p.Top {
			if n, ok := col.Values[vc.Value]; !ok || n != vc.Count {
				t.Errorf("%s: value %q counted %d, written %d times", name, vc.Value, vc.Count, n)
			}
		}
	}
	lo, hi := extremes(col.Values)
	if !orderedType(col.Type) {
		lo, hi = "", ""
	}
	if p.Min != lo || p.Max != hi {
		t.Errorf("%s: min %q max %q, want %q %q", name, p.Min, p.Max, lo, hi)
	}
}

// orderedType reports whether a profile gives the minimum and maximum of a
// column of the type (of a list's elements, of a map's keys): numbers,
// booleans, dates and times, not text.
func orderedType(typ string) bool {
	for _, prefix := range []string{"list<", "map<"} {
		typ = strings.TrimPrefix(typ, prefix)
	}
	if strings.HasPrefix(typ, "struct<") {
		// A list of groups is profiled over its first field.
		_, typ, _ = strings.Cut(strings.TrimPrefix(typ, "struct<"), ":")
	}
	for _, prefix := range []string{"bool", "int", "uint", "float", "decimal", "date", "time"} {
		if strings.HasPrefix(typ, prefix) {
			return true
		}
	}
	return false
}

// extremes returns the least and the greatest of values in text form,
// compared as what they stand for.
func extremes(values map[string]int64) (lo, hi string) {
	first := true
	for v := range values {
		if first || compareText(v, lo) < 0 {
			lo = v
		}
		if first || compareText(v, hi) > 0 {
			hi = v
		}
		first = false
	}
	return lo, hi
}

// compareText compares two values in a profile's text form: as integers,
// as numbers, as instants, else as text (dates, times of day, booleans
// sort as text).
func compareText(a, b string) int {
	if x, err := strconv.ParseInt(a, 10, 64); err == nil {
		if y, err := strconv.ParseInt(b, 10, 64); err == nil {
			return cmp.Compare(x, y)
		}
	}
	if x, err := strconv.ParseUint(a, 10, 64); err == nil {
		if y, err := strconv.ParseUint(b, 10, 64); err == nil {
			return cmp.Compare(x, y)
		}
	}
	x, ok1 := new(big.Rat).SetString(a)
	y, ok2 := new(big.Rat).SetString(b)
	if ok1 && ok2 {
		return x.Cmp(y)
	}
	if x, err := time.Parse(time.RFC3339Nano, a); err == nil {
		if y, err := time.Parse(time.RFC3339Nano, b); err == nil {
			return x.Compare(y)
		}
	}
	return strings.Compare(a, b)
}

func cellDataset(c testfiles.Interop) *dataset.Dataset {
	ds, err := dataset.Open(c.Path, dataset.Options{})
	if err != nil {
		panic(err)
	}
	return ds
}

// TestCorrupt scans every file of the corrupt-file suite whose metadata is
// sound, so that only the data scan can see the damage (the others never
// reach the scan: lint/dataset refuses them when it opens them, with its
// own footer parser — arrow-go's would trust a damaged field count). Each
// is refused with one line naming the file, never a panic, unless the
// damage may leave a valid file. The files lint/dataset's page check
// refuses before any decoder runs (among them the compression bombs) are
// left out too.
func TestCorrupt(t *testing.T) {
	cases, err := testfiles.WriteCorrupt(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		if c.Stage != testfiles.Scan || c.PageCheck {
			continue
		}
		t.Run(c.Name, func(t *testing.T) {
			ds := corruptDataset(c.Path)
			var inputs []string
			for _, col := range ds.Columns[1:] {
				inputs = append(inputs, col.Path)
			}
			_, err := New().Profile(context.Background(), ds, Request{Inputs: inputs, Protected: []string{ds.Columns[0].Path}})
			switch {
			case err == nil && !c.MayRead:
				t.Fatalf("%s stage damage read without error", c.Stage)
			case err != nil:
				if msg := err.Error(); !strings.HasPrefix(msg, c.Path+": ") || strings.Contains(msg, "\n") {
					t.Errorf("error %q is not one line naming the file", msg)
				}
			}
		})
	}
}

// corruptDataset opens a dataset of one damaged file with sound metadata.
func corruptDataset(path string) *dataset.Dataset {
	ds, err := dataset.Open(path, dataset.Options{})
	if err != nil {
		panic(fmt.Sprintf("%s: metadata damaged: %v", path, err))
	}
	return ds
}
