package dataset

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/encoding/thrift"
	"github.com/parquet-go/parquet-go/format"

	"github.com/saglig/saglig/internal/testfiles"
)

// writeParquet writes rows to a new Parquet file at path with parquet-go's
// generic writer, creating its directory.
func writeParquet[T any](t *testing.T, path string, rows []T, opts ...parquet.WriterOption) {
	t.Helper()
	if err := testfiles.WriteParquet(path, rows, opts...); err != nil {
		t.Fatal(err)
	}
}

// parquetFooter is testfiles.ParquetFooter in a test.
func parquetFooter(t *testing.T, md *format.FileMetaData, filler []byte) []byte {
	t.Helper()
	b, err := testfiles.ParquetFooter(md, filler)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// root is the root element of a crafted schema with n children.
func root(n int) format.SchemaElement {
	return format.SchemaElement{Name: "schema", NumChildren: thrift.New(int32(n))}
}

// leaf is a leaf element of a crafted schema.
func leaf(name string, typ format.Type, rep format.FieldRepetitionType) format.SchemaElement {
	return format.SchemaElement{Name: name, Type: thrift.New(typ), RepetitionType: thrift.New(rep)}
}

// group is a group element of a crafted schema.
func group(name string, rep format.FieldRepetitionType, n int) format.SchemaElement {
	return format.SchemaElement{Name: name, RepetitionType: thrift.New(rep), NumChildren: thrift.New(int32(n))}
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	mkdir(t, filepath.Dir(path))
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func mkdir(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
}

// arrowBatch builds a record batch of schema; fill appends the values of
// each column through the record builder.
func arrowBatch(t *testing.T, schema *arrow.Schema, fill func(b *array.RecordBuilder)) arrow.RecordBatch {
	t.Helper()
	b := array.NewRecordBuilder(memory.NewGoAllocator(), schema)
	defer b.Release()
	fill(b)
	return b.NewRecordBatch()
}

// writeArrowFile writes batches to a new Arrow IPC file at path.
func writeArrowFile(t *testing.T, path string, schema *arrow.Schema, batches ...arrow.RecordBatch) {
	t.Helper()
	mkdir(t, filepath.Dir(path))
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w, err := ipc.NewFileWriter(f, ipc.WithSchema(schema))
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range batches {
		if err := w.Write(b); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// writeArrowStream writes batches to a new Arrow IPC stream at path.
func writeArrowStream(t *testing.T, path string, schema *arrow.Schema, batches ...arrow.RecordBatch) {
	t.Helper()
	mkdir(t, filepath.Dir(path))
	var buf bytes.Buffer
	w := ipc.NewWriter(&buf, ipc.WithSchema(schema))
	for _, b := range batches {
		if err := w.Write(b); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	writeFile(t, path, buf.Bytes())
}

// columnsOf renders columns as "path type [nullable] [partition]" lines,
// which read well in a failing test.
func columnsOf(cols []Column) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		s := c.Path + " " + c.Type
		if c.Nullable {
			s += " nullable"
		}
		if c.Partition {
			s += " partition"
		}
		out[i] = s
	}
	return out
}

func assertColumns(t *testing.T, got []Column, want []string) {
	t.Helper()
	g := columnsOf(got)
	if !reflect.DeepEqual(g, want) {
		t.Errorf("columns:\n got  %s\n want %s", strings.Join(g, "\n      "), strings.Join(want, "\n      "))
	}
}

// assertError checks that err is an *Error with exactly the message want,
// on one line.
func assertError(t *testing.T, err error, want string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %q", want)
	}
	if _, ok := err.(*Error); !ok {
		t.Errorf("error %T, want *Error", err)
	}
	if got := err.Error(); got != want {
		t.Errorf("error\n got  %q\n want %q", got, want)
	}
	if strings.ContainsAny(err.Error(), "\r\n") {
		t.Errorf("error spans several lines: %q", err.Error())
	}
}
