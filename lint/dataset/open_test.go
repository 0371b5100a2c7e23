package dataset

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/saglig/saglig/internal/i18n"
)

type personRow struct {
	ID   int64  `parquet:"id"`
	Name string `parquet:"name"`
}

type personExtraRow struct {
	ID    int64   `parquet:"id"`
	Name  string  `parquet:"name"`
	Extra *string `parquet:"extra,optional"`
}

type ageIntRow struct {
	Age int64 `parquet:"age"`
}

type ageStringRow struct {
	Age string `parquet:"age"`
}

func TestOpenDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	people := func(n int) []personRow { return make([]personRow, n) }
	writeParquet(t, filepath.Join(dir, "year=2024", "month=01", "part-0.parquet"), people(3))
	// A data file without an extension is recognised by its content.
	writeParquet(t, filepath.Join(dir, "year=2024", "month=02", "part-0"), make([]personExtraRow, 2))
	writeParquet(t, filepath.Join(dir, "year=2025", "part-0.parquet"), people(1))
	writeParquet(t, filepath.Join(dir, "year=__HIVE_DEFAULT_PARTITION__", "part-0.parquet"), people(4))
	// Skipped: hidden and underscore entries, and files of other formats.
	writeFile(t, filepath.Join(dir, "_SUCCESS"), nil)
	writeFile(t, filepath.Join(dir, ".part-0.parquet.crc"), []byte("crc garbage"))
	writeFile(t, filepath.Join(dir, "_temporary", "0", "x.parquet"), []byte("half-written"))
	writeFile(t, filepath.Join(dir, "year=2025", ".hidden.parquet"), []byte("not parquet"))
	writeFile(t, filepath.Join(dir, "README.md"), []byte("# data\n"))

	d, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, f := range d.Files {
		rel, _ := filepath.Rel(dir, f.Path)
		files = append(files, filepath.ToSlash(rel))
	}
	wantFiles := []string{
		"year=2024/month=01/part-0.parquet",
		"year=2024/month=02/part-0",
		"year=2025/part-0.parquet",
		"year=__HIVE_DEFAULT_PARTITION__/part-0.parquet",
	}
	if !reflect.DeepEqual(files, wantFiles) {
		t.Errorf("files %q, want %q", files, wantFiles)
	}
	if d.Path != dir || d.Format != Parquet || d.Rows != 10 {
		t.Errorf("path %s format %s rows %d, want %s parquet 10", d.Path, d.Format, d.Rows, dir)
	}
	assertColumns(t, d.Columns, []string{
		"id int64", "name string", "extra string nullable",
		"year string nullable partition", "month string nullable partition",
	})
	wantNotes := []string{`column "extra" only in 1 of 4 files`, `column "month" only in 2 of 4 files`}
	if fmt.Sprintf("%q", d.Notes) != fmt.Sprintf("%q", wantNotes) {
		t.Errorf("notes %q, want %q", d.Notes, wantNotes)
	}
	// The notes are messages: a Danish report writes them in Danish.
	if len(d.Notes) > 0 {
		if got, want := d.Notes[0].In(i18n.For(i18n.Danish)), `kolonnen "extra" findes kun i 1 af 4 filer`; got != want {
			t.Errorf("Danish note %q, want %q", got, want)
		}
	}
	assertColumns(t, d.Files[0].Columns, []string{"id int64", "name string", "year string partition", "month string partition"})
	if want := map[string]string{"year": "2024", "month": "01"}; !reflect.DeepEqual(d.Files[0].Partitions, want) {
		t.Errorf("partitions %v, want %v", d.Files[0].Partitions, want)
	}
	assertColumns(t, d.Files[3].Columns, []string{"id int64", "name string", "year string nullable partition"})

	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"notes":["column \"extra\" only in 1 of 4 files"`, `"partition":true`, `"partitions":{"month":"01","year":"2024"}`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("JSON lacks %s: %s", want, b)
		}
	}
}

type eventRow struct {
	ID   int64     `parquet:"id"`
	Name string    `parquet:"name"`
	Seen time.Time `parquet:"seen,timestamp(millisecond)"`
}

// TestOpenMixedDirectory checks that Parquet and Arrow columns of the same
// logical types get the same type names, so the files agree.
func TestOpenMixedDirectory(t *testing.T) {
	dir := t.TempDir()
	writeParquet(t, filepath.Join(dir, "a.parquet"), make([]eventRow, 2))
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "id", Type: arrow.PrimitiveTypes.Int64},
		{Name: "name", Type: arrow.BinaryTypes.String},
		{Name: "seen", Type: &arrow.TimestampType{Unit: arrow.Millisecond, TimeZone: "UTC"}},
	}, nil)
	batch := arrowBatch(t, schema, func(b *array.RecordBuilder) {
		b.Field(0).(*array.Int64Builder).AppendValues([]int64{1, 2, 3}, nil)
		b.Field(1).(*array.StringBuilder).AppendValues([]string{"a", "b", "c"}, nil)
		b.Field(2).(*array.TimestampBuilder).AppendValues([]arrow.Timestamp{1, 2, 3}, nil)
	})
	defer batch.Release()
	writeArrowFile(t, filepath.Join(dir, "b.arrow"), schema, batch)
	writeArrowStream(t, filepath.Join(dir, "c.arrows"), schema, batch, batch)

	d, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Format != Mixed || d.Rows != 2+3+6 || len(d.Notes) != 0 {
		t.Errorf("format %s rows %d notes %q, want mixed, 11, none", d.Format, d.Rows, d.Notes)
	}
	assertColumns(t, d.Columns, []string{"id int64", "name string", "seen timestamp[ms, UTC]"})
	formats := []Format{d.Files[0].Format, d.Files[1].Format, d.Files[2].Format}
	if want := []Format{Parquet, ArrowFile, ArrowStream}; !reflect.DeepEqual(formats, want) {
		t.Errorf("formats %v, want %v", formats, want)
	}
}

func TestOpenDirectoryErrors(t *testing.T) {
	base := t.TempDir()
	sep := string(filepath.Separator)
	tests := []struct {
		name  string
		setup func(dir string)
		want  func(dir string) string
	}{
		{
			name: "schema differs",
			setup: func(dir string) {
				writeParquet(t, filepath.Join(dir, "a.parquet"), make([]ageIntRow, 1))
				writeParquet(t, filepath.Join(dir, "b.parquet"), make([]ageStringRow, 1))
			},
			want: func(dir string) string {
				return filepath.Join(dir, "b.parquet") + ": left out of " + dir + sep + `: column "age" is string here but int64 in ` + filepath.Join(dir, "a.parquet") + ", and the two do not widen into one type"
			},
		},
		{
			name: "partition key and file column",
			setup: func(dir string) {
				writeParquet(t, filepath.Join(dir, "age=30", "a.parquet"), make([]personRow, 1))
				writeParquet(t, filepath.Join(dir, "b.parquet"), make([]ageStringRow, 1))
			},
			want: func(dir string) string {
				return filepath.Join(dir, "b.parquet") + ": left out of " + dir + sep + `: column "age" is a file column here but a partition key in ` + filepath.Join(dir, "age=30", "a.parquet")
			},
		},
		{
			name: "partition key is a column of the file",
			setup: func(dir string) {
				writeParquet(t, filepath.Join(dir, "age=30", "a.parquet"), make([]ageIntRow, 1))
			},
			want: func(dir string) string {
				return filepath.Join(dir, "age=30", "a.parquet") + `: partition key "age" is also a column of the file`
			},
		},
		{
			name: "partition key twice",
			setup: func(dir string) {
				writeParquet(t, filepath.Join(dir, "y=1", "y=2", "a.parquet"), make([]personRow, 1))
			},
			want: func(dir string) string {
				return filepath.Join(dir, "y=1", "y=2", "a.parquet") + `: partition key "y" appears twice in the path`
			},
		},
		{
			name:  "no data files",
			setup: func(dir string) { writeFile(t, filepath.Join(dir, "_SUCCESS"), nil) },
			want:  func(dir string) string { return dir + sep + ": no Parquet or Arrow IPC files in the directory" },
		},
		{
			name: "only CSV",
			setup: func(dir string) {
				writeFile(t, filepath.Join(dir, "a.csv"), []byte("x\n1\n"))
				writeFile(t, filepath.Join(dir, "b.csv"), []byte("x\n1\n"))
				writeFile(t, filepath.Join(dir, "_SUCCESS"), nil)
			},
			want: func(dir string) string {
				return dir + sep + `: no Parquet or Arrow IPC files in the directory; it holds 2 CSV files, which saglig does not read: convert them to Parquet first, e.g. duckdb -c "COPY (SELECT * FROM '` +
					filepath.ToSlash(filepath.Join(dir, "*.csv")) + `') TO '` + filepath.ToSlash(dir) + `.parquet'"`
			},
		},
		{
			name: "only CSV, partitioned",
			setup: func(dir string) {
				writeFile(t, filepath.Join(dir, "y=1", "a.csv"), []byte("x\n1\n"))
			},
			want: func(dir string) string {
				return dir + sep + `: no Parquet or Arrow IPC files in the directory; it holds 1 CSV file, which saglig does not read: convert it to Parquet first, e.g. duckdb -c "COPY (SELECT * FROM '` +
					filepath.ToSlash(filepath.Join(dir, "**", "*.csv")) + `') TO '` + filepath.ToSlash(dir) + `.parquet'"`
			},
		},
		{
			name: "bad file",
			setup: func(dir string) {
				writeParquet(t, filepath.Join(dir, "a.parquet"), make([]personRow, 1))
				writeFile(t, filepath.Join(dir, "b.parquet"), []byte("not parquet!"))
			},
			want: func(dir string) string { return filepath.Join(dir, "b.parquet") + ": not a Parquet file (bad magic)" },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(base, strings.ReplaceAll(tt.name, " ", "_"))
			mkdir(t, dir)
			tt.setup(dir)
			// The directory's name in errors ends in a separator, given
			// with or without one.
			for _, arg := range []string{dir, dir + sep} {
				_, err := Open(arg, Options{})
				assertError(t, err, tt.want(dir))
			}
		})
	}
}

func TestOpenNotRegular(t *testing.T) {
	const dev = "/dev/null"
	if st, err := os.Stat(dev); err != nil || st.Mode().IsRegular() {
		t.Skip("no /dev/null device here")
	}
	_, err := Open(dev, Options{})
	assertError(t, err, dev+": not a regular file")
	_, err = DetectFormat(dev)
	assertError(t, err, dev+": not a regular file")
}

func TestPartitions(t *testing.T) {
	root := filepath.Join("data", "x")
	tests := []struct {
		rel  string
		want map[string]string
		keys []string
	}{
		{"a.parquet", nil, nil},
		{"year=2024/a.parquet", map[string]string{"year": "2024"}, []string{"year"}},
		{"year=2024/plain/month=1/a.parquet", map[string]string{"year": "2024", "month": "1"}, []string{"year", "month"}},
		{"city=K%C3%B8ge/a.parquet", map[string]string{"city": "Køge"}, []string{"city"}},
		{"bad=%zz/a.parquet", map[string]string{"bad": "%zz"}, []string{"bad"}},
		{"=x/a.parquet", nil, nil},
		{"empty=/a.parquet", map[string]string{"empty": ""}, []string{"empty"}},
	}
	for _, tt := range tests {
		t.Run(tt.rel, func(t *testing.T) {
			got, keys, err := partitions(root, filepath.Join(root, filepath.FromSlash(tt.rel)))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) || !reflect.DeepEqual(keys, tt.keys) {
				t.Errorf("got %v %q, want %v %q", got, keys, tt.want, tt.keys)
			}
		})
	}
}

func TestExpand(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"b.parquet", "a.parquet", "_tmp.parquet", ".x.parquet", "c.arrow", "odd[1].parquet", "sub/a.parquet", "sub2/a.parquet", "_sub/a.parquet"} {
		writeFile(t, filepath.Join(dir, filepath.FromSlash(name)), []byte("x"))
	}
	j := func(names ...string) []string {
		out := make([]string, len(names))
		for i, n := range names {
			out[i] = filepath.Join(dir, filepath.FromSlash(n))
		}
		return out
	}
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"file", j("b.parquet"), j("b.parquet")},
		{"directory", j("sub"), j("sub")},
		{"glob sorted, hidden skipped", j("*.parquet"), j("a.parquet", "b.parquet", "odd[1].parquet")},
		{"glob on hidden names", j("_*.parquet"), j("_tmp.parquet")},
		{"glob of directories", j("*/a.parquet"), j("sub/a.parquet", "sub2/a.parquet")},
		{"literal brackets", j("odd[1].parquet"), j("odd[1].parquet")},
		{"order kept, duplicates dropped", j("c.arrow", "*.parquet", "a.parquet", "c.arrow"), j("c.arrow", "a.parquet", "b.parquet", "odd[1].parquet")},
		{"question mark", j("?.arrow"), j("c.arrow")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Expand(tt.args)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Expand(%q)\n got  %q\n want %q", tt.args, got, tt.want)
			}
		})
	}
}

func TestExpandErrors(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.parquet"), []byte("x"))
	tests := []struct {
		args     []string
		want     string
		notExist bool
	}{
		{[]string{"nope.parquet"}, "nope.parquet: no such file", true},
		{[]string{filepath.Join(dir, "a.parquet"), filepath.Join(dir, "*.csv")}, filepath.Join(dir, "*.csv") + ": no such file (the pattern matches nothing)", true},
		{[]string{filepath.Join(dir, "[")}, filepath.Join(dir, "[") + ": bad glob pattern", false},
		{[]string{""}, "empty path argument", false},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			_, err := Expand(tt.args)
			assertError(t, err, tt.want)
			if errors.Is(err, fs.ErrNotExist) != tt.notExist {
				t.Errorf("errors.Is(err, fs.ErrNotExist) = %v, want %v", !tt.notExist, tt.notExist)
			}
		})
	}
}

func TestOpenEachArguments(t *testing.T) {
	dir := t.TempDir()
	writeParquet(t, filepath.Join(dir, "b.parquet"), make([]personRow, 2))
	writeParquet(t, filepath.Join(dir, "a.parquet"), make([]personRow, 1))
	writeParquet(t, filepath.Join(dir, "part", "x=1", "c.parquet"), make([]personRow, 5))
	ds, errs := OpenEach([]string{filepath.Join(dir, "*.parquet"), filepath.Join(dir, "part")}, Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var got []string
	for _, d := range ds {
		rel, _ := filepath.Rel(dir, d.Path)
		got = append(got, filepath.ToSlash(rel)+" "+string(d.Format)+" "+strconv.FormatInt(d.Rows, 10))
	}
	if want := []string{"a.parquet parquet 1", "b.parquet parquet 2", "part parquet 5"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}

	writeFile(t, filepath.Join(dir, "c.parquet"), []byte("garbage file"))
	ds, errs = OpenEach([]string{filepath.Join(dir, "*.parquet")}, Options{})
	if len(errs) != 1 || len(ds) != 2 {
		t.Fatalf("%d datasets, errors %v; want a.parquet and b.parquet, and c.parquet's error", len(ds), errs)
	}
	assertError(t, errs[0], filepath.Join(dir, "c.parquet")+": not a Parquet file (bad magic)")

	ds, errs = OpenEach([]string{filepath.Join(dir, "nope")}, Options{})
	if len(errs) != 1 || len(ds) != 0 {
		t.Fatalf("%d datasets, errors %v; want one error", len(ds), errs)
	}
	assertError(t, errs[0], filepath.Join(dir, "nope")+": no such file")
}
