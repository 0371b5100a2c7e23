package iceberg

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/saglig/saglig/internal/testfiles"
)

type fileWant struct {
	rel      string
	rows     int64
	identity string
}

func files(t *testing.T, tb *Table) []fileWant {
	t.Helper()
	var out []fileWant
	for _, f := range tb.Files {
		rel, err := filepath.Rel(tb.Root, f.Path)
		if err != nil {
			t.Fatal(err)
		}
		var kv []string
		for k, v := range f.Identity {
			kv = append(kv, k+"="+v)
		}
		slices.Sort(kv)
		out = append(out, fileWant{filepath.ToSlash(rel), f.Rows, strings.Join(kv, ",")})
		// The sizes the manifests record are not checked: this table's data
		// files were rewritten after them (saglig takes a file's size from
		// the store).
		if _, err := os.Stat(f.Path); err != nil {
			t.Error(err)
		}
	}
	return out
}

// editMetadata rewrites a table's metadata file through fn.
func editMetadata(t *testing.T, file string, fn func(m map[string]any)) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	if err := d.Decode(&m); err != nil {
		t.Fatal(err)
	}
	fn(m)
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, out, 0o644); err != nil {
		t.Fatal(err)
	}
}

// withOlderSchema adds an older schema (id 7) with the given fields.
func withOlderSchema(fields ...map[string]any) func(m map[string]any) {
	return func(m map[string]any) {
		fs := make([]any, len(fields))
		for i, f := range fields {
			fs[i] = f
		}
		m["schemas"] = append(m["schemas"].([]any), map[string]any{"type": "struct", "schema-id": 7, "fields": fs})
	}
}

func field(id int, name, typ string) map[string]any {
	return map[string]any{"id": id, "name": name, "required": false, "type": typ}
}

func TestTables(t *testing.T) {
	ctx := context.Background()
	partitioned := []fileWant{
		{"data/partition_col=1337/00000-2-1d10e455-d07e-4124-8f4b-52bd010a806d-00002.parquet", 1, "partition_col=1337"},
		{"data/partition_col=42/00000-2-1d10e455-d07e-4124-8f4b-52bd010a806d-00001.parquet", 1, "partition_col=42"},
	}
	v1 := []fileWant{
		{"data/category=alpha/00000-3-f0ac2992-4f01-4ee2-b833-f46763b728bd-0-00001.parquet", 2, "category=alpha"},
		{"data/category=beta/00000-3-f0ac2992-4f01-4ee2-b833-f46763b728bd-0-00002.parquet", 1, "category=beta"},
	}
	const pmeta = "metadata/v2.metadata.json"
	tests := []struct {
		name, table string
		// arg is the path given, relative to the copy; "" for the table.
		arg     string
		prepare func(t *testing.T, dir string)
		version int
		schema  string
		want    []fileWant
		errHas  string
	}{
		{name: "v2 partitioned", table: "partition_integer", version: 2, schema: "partition_col:int,user_id:long,event_type:string", want: partitioned},
		{name: "metadata file named", table: "partition_integer", arg: pmeta, version: 2, want: partitioned},
		{name: "no version hint: highest version", table: "partition_integer", version: 2, want: partitioned,
			prepare: func(t *testing.T, dir string) { rm(t, dir, "metadata/version-hint.text") }},
		{name: "version hint names an older version", table: "partition_integer", version: 2,
			prepare: func(t *testing.T, dir string) { write(t, dir, "metadata/version-hint.text", "1") }},
		{name: "gzip metadata", table: "partition_integer", version: 2, want: partitioned, prepare: func(t *testing.T, dir string) {
			b, err := os.ReadFile(filepath.Join(dir, pmeta))
			if err != nil {
				t.Fatal(err)
			}
			var z bytes.Buffer
			zw := gzip.NewWriter(&z)
			zw.Write(b)
			zw.Close()
			write(t, dir, "metadata/v3.gz.metadata.json", z.String())
			rm(t, dir, "metadata/version-hint.text")
		}},
		{name: "v1 with inline manifests", table: "legacy_v1", version: 1, schema: "id:int,category:string,amount:int", want: v1},
		{name: "no current snapshot", table: "partition_integer", version: 2, prepare: func(t *testing.T, dir string) {
			editMetadata(t, filepath.Join(dir, pmeta), func(m map[string]any) { m["current-snapshot-id"] = -1 })
		}},
		{name: "compatible older schema", table: "partition_integer", version: 2, want: partitioned, prepare: func(t *testing.T, dir string) {
			editMetadata(t, filepath.Join(dir, pmeta), withOlderSchema(field(1, "partition_col", "int"), field(2, "user_id", "long"), field(9, "dropped", "string")))
		}},

		{name: "deletion vectors", table: "deletion_vector", errHas: "the table has deletion vectors (legacy-bare-deletion-vector.puffin)"},
		{name: "initial default", table: "add_columns_with_defaults", errHas: `column "col_boolean" has an initial default`},
		{name: "renamed column", table: "partition_integer", errHas: `column "user_id" was renamed from "uid"`, prepare: func(t *testing.T, dir string) {
			editMetadata(t, filepath.Join(dir, pmeta), withOlderSchema(field(1, "partition_col", "int"), field(2, "uid", "long")))
		}},
		{name: "name re-used", table: "partition_integer", errHas: `column "event_type" was dropped and added again (ids 5 and 3)`, prepare: func(t *testing.T, dir string) {
			editMetadata(t, filepath.Join(dir, pmeta), withOlderSchema(field(1, "partition_col", "int"), field(5, "event_type", "int")))
		}},
		{name: "format version 4", table: "partition_integer", errHas: "format version 4 is not supported", prepare: func(t *testing.T, dir string) {
			editMetadata(t, filepath.Join(dir, pmeta), func(m map[string]any) { m["format-version"] = 4 })
		}},
		{name: "path outside the location", table: "partition_integer", errHas: "is outside the table's location", prepare: func(t *testing.T, dir string) {
			editMetadata(t, filepath.Join(dir, pmeta), func(m map[string]any) { m["location"] = "elsewhere/t" })
		}},
		{name: "ambiguous metadata", table: "partition_integer", errHas: "cannot tell which metadata file", prepare: func(t *testing.T, dir string) {
			rm(t, dir, "metadata/version-hint.text")
			rm(t, dir, "metadata/v1.metadata.json")
			b, _ := os.ReadFile(filepath.Join(dir, pmeta))
			rm(t, dir, pmeta)
			write(t, dir, "metadata/final.metadata.json", string(b))
			write(t, dir, "metadata/other.metadata.json", string(b))
		}},
		{name: "no metadata", table: "partition_integer", errHas: "holds no metadata file", prepare: func(t *testing.T, dir string) {
			for _, f := range []string{"metadata/version-hint.text", "metadata/v1.metadata.json", pmeta} {
				rm(t, dir, f)
			}
		}},
		{name: "invalid JSON", table: "partition_integer", errHas: "invalid JSON", prepare: func(t *testing.T, dir string) {
			write(t, dir, pmeta, `{"format-version": 2,`)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := testfiles.CopyDir(t, filepath.Join("testdata", tt.table))
			if tt.prepare != nil {
				tt.prepare(t, dir)
			}
			arg := dir
			if tt.arg != "" {
				arg = filepath.Join(dir, tt.arg)
			}
			tb, err := Open(ctx, arg, Options{})
			if tt.errHas != "" {
				if err == nil || !strings.Contains(err.Error(), tt.errHas) {
					t.Fatalf("Open: %v, want an error containing %q", err, tt.errHas)
				}
				if strings.Contains(tt.errHas, "table has") {
					var ie *Error
					if !errors.As(err, &ie) {
						t.Errorf("the refusal is a %T, not an *iceberg.Error", err)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tb.Root != dir || tb.FormatVersion != tt.version {
				t.Errorf("root %s, version %d; want %s, %d", tb.Root, tb.FormatVersion, dir, tt.version)
			}
			if tt.schema != "" {
				var s []string
				for _, f := range tb.Schema {
					s = append(s, f.Name+":"+f.Type)
				}
				if got := strings.Join(s, ","); got != tt.schema {
					t.Errorf("schema %s, want %s", got, tt.schema)
				}
			}
			if got := files(t, tb); !slices.Equal(got, tt.want) {
				t.Errorf("files\n%v\nwant\n%v", got, tt.want)
			}
		})
	}
}

func rm(t *testing.T, dir, rel string) {
	t.Helper()
	if err := os.Remove(filepath.Join(dir, rel)); err != nil {
		t.Fatal(err)
	}
}

func write(t *testing.T, dir, rel, data string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, rel), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestIsTable(t *testing.T) {
	ctx := context.Background()
	if ok, err := IsTable(ctx, filepath.Join("testdata", "partition_integer")); !ok || err != nil {
		t.Errorf("IsTable(partition_integer) = %v, %v", ok, err)
	}
	for _, dir := range []string{t.TempDir(), filepath.Join("testdata", "partition_integer", "data"), filepath.Join("testdata", "missing")} {
		if ok, err := IsTable(ctx, dir); ok || err != nil {
			t.Errorf("IsTable(%s) = %v, %v", dir, ok, err)
		}
	}
}

func TestMetadataVersion(t *testing.T) {
	for name, want := range map[string]int64{
		"v3.metadata.json": 3, "v12.gz.metadata.json": 12, "00005-0b8c-4e7a.metadata.json": 5,
		"00005-0b8c-4e7a.gz.metadata.json": 5, "00002-x.metadata.json.gz": 2, "vfinal.metadata.json": -1,
	} {
		if v, ok := metadataVersion(name); !ok || v != want {
			t.Errorf("metadataVersion(%q) = %d, %v; want %d", name, v, ok, want)
		}
	}
	for _, name := range []string{"snap-1.avro", "version-hint.text", ".v1.metadata.json.crc", "metadata.json"} {
		if _, ok := metadataVersion(name); ok {
			t.Errorf("metadataVersion(%q) accepted", name)
		}
	}
}
