package scan

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/parquet-go/parquet-go"

	"github.com/saglig/saglig/internal/testfiles"
	"github.com/saglig/saglig/lint/dataset"
)

// TestInterop scans every file of the interoperability matrix — each
// Parquet logical type, encoding, codec, page version and nesting as
// parquet-go and pqarrow write them, Arrow IPC files and streams — and
// checks the rows and the nulls of every column.
func TestInterop(t *testing.T) {
	cells, err := testfiles.WriteInterop(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cells {
		t.Run(c.Name(), func(t *testing.T) {
			ds := cellDataset(c)
			// Every column an input, and against the first column.
			var inputs []string
			for _, col := range c.Columns[1:] {
				inputs = append(inputs, col.Path)
			}
			res, err := New().Profile(context.Background(), ds, Request{Inputs: inputs, Protected: []string{c.Columns[0].Path}})
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
				if p.Rows != c.Rows || p.Nulls != col.Nulls {
					t.Errorf("%s (%s): rows %d nulls %d, want %d %d", col.Path, col.Type, p.Rows, p.Nulls, c.Rows, col.Nulls)
				}
				if p.Rows > p.Nulls && p.Distinct == 0 {
					t.Errorf("%s (%s): no distinct value", col.Path, col.Type)
				}
			}
		})
	}
}

func cellDataset(c testfiles.Interop) *dataset.Dataset {
	format := dataset.Parquet
	switch {
	case strings.HasSuffix(c.Path, ".arrows"):
		format = dataset.ArrowStream
	case strings.HasSuffix(c.Path, ".arrow"), strings.HasSuffix(c.Path, ".feather"):
		format = dataset.ArrowFile
	}
	ds := &dataset.Dataset{Path: c.Path, Format: format}
	for _, col := range c.Columns {
		ds.Columns = append(ds.Columns, dataset.Column{Path: col.Path, Type: col.Type, Nullable: col.Nullable})
	}
	ds.Files = []dataset.File{{Path: c.Path, Format: format, Columns: ds.Columns}}
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

// corruptDataset builds a dataset of one damaged file (with sound
// metadata) and its top-level columns.
func corruptDataset(path string) *dataset.Dataset {
	format := dataset.Parquet
	switch {
	case strings.HasSuffix(path, ".arrows"):
		format = dataset.ArrowStream
	case strings.HasSuffix(path, ".arrow"):
		format = dataset.ArrowFile
	}
	var cols []dataset.Column
	if f, err := os.Open(path); err == nil {
		defer f.Close()
		st, _ := f.Stat()
		func() {
			switch format {
			case dataset.Parquet:
				if pf, err := parquet.OpenFile(f, st.Size()); err == nil {
					for _, c := range pf.Root().Columns() {
						cols = append(cols, dataset.Column{Path: c.Name(), Type: "?"})
					}
				}
			case dataset.ArrowFile:
				if r, err := ipc.NewFileReader(f); err == nil {
					for _, fd := range r.Schema().Fields() {
						cols = append(cols, dataset.Column{Path: fd.Name, Type: "?"})
					}
					r.Close()
				}
			default:
				if r, err := ipc.NewReader(f); err == nil {
					for _, fd := range r.Schema().Fields() {
						cols = append(cols, dataset.Column{Path: fd.Name, Type: "?"})
					}
					r.Release()
				}
			}
		}()
	}
	return &dataset.Dataset{Path: path, Format: format, Columns: cols,
		Files: []dataset.File{{Path: path, Format: format, Columns: cols}}}
}
