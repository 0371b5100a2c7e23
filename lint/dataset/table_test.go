package dataset

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/saglig/saglig/internal/testfiles"
	"github.com/saglig/saglig/lint/source/objstore/objstoretest"
)

// TestTables opens Delta and Iceberg tables (lint/source/delta and
// iceberg's test tables) locally and from an object store: the snapshot's
// files only, with the partition values the table records.
func TestTables(t *testing.T) {
	tests := []struct {
		table      string
		rows       int64
		files      int
		columns    string
		partitions []string // per file, sorted by path
		errHas     string
	}{
		{table: "delta/testdata/delta-2.2.0-partitioned-types", rows: 3, files: 3, columns: "c3 int32 nullable,c1 int32 partition,c2 string partition",
			partitions: []string{"c1=4 c2=c", "c1=5 c2=b", "c1=6 c2=a"}},
		{table: "delta/testdata/delta-0.8.0-null-partition", rows: 2, files: 2, columns: "v int64 nullable,k string nullable partition",
			partitions: []string{"k=A", "k=" + hiveDefaultPartition}},
		{table: "delta/testdata/checkpoint-v2-table", rows: 44, files: 8, columns: "id int64,name string,created_at int96"},
		{table: "delta/testdata/simple_table_with_checkpoint", rows: 11, files: 11, columns: "version int32 nullable"},
		// The data files of this table hold no partition column: its values
		// come from the manifests.
		{table: "iceberg/testdata/partition_integer", rows: 2, files: 2, columns: "user_id int64 nullable,event_type string nullable,partition_col int32 partition",
			partitions: []string{"partition_col=1337", "partition_col=42"}},
		{table: "iceberg/testdata/legacy_v1", rows: 3, files: 2, columns: "id int32,category string,amount int32 nullable"},
		{table: "delta/testdata/table-with-dv-small", errHas: "Delta table refused: file part-00000-fae5310a-a37d-4e51-827b-c3d5516560ca-c000.snappy.parquet has a deletion vector"},
		{table: "iceberg/testdata/deletion_vector", errHas: "Iceberg table refused: the table has deletion vectors"},
		{table: "iceberg/testdata/add_columns_with_defaults", errHas: "Iceberg table refused: column \"col_boolean\" has an initial default"},
	}
	for _, tt := range tests {
		t.Run(tt.table, func(t *testing.T) {
			local := testfiles.CopyDir(t, filepath.Join("..", "source", filepath.FromSlash(tt.table)))
			url := objstoretest.Upload(t, local, "tables", tt.table+"/")
			for _, p := range []string{local, url} {
				d, err := Open(p, Options{})
				if tt.errHas != "" {
					if err == nil || !strings.Contains(err.Error(), tt.errHas) || strings.Contains(err.Error(), "\n") {
						t.Fatalf("%s: %v, want one line containing %q", p, err, tt.errHas)
					}
					if !strings.HasPrefix(err.Error(), strings.TrimSuffix(p, "/")+"/: ") {
						t.Errorf("%s: the error does not name the table: %v", p, err)
					}
					continue
				}
				if err != nil {
					t.Fatalf("%s: %v", p, err)
				}
				if d.Rows != tt.rows || len(d.Files) != tt.files || strings.Join(columnsOf(d.Columns), ",") != tt.columns {
					t.Errorf("%s: %d rows, %d files, columns %s; want %d, %d, %s", p, d.Rows, len(d.Files), strings.Join(columnsOf(d.Columns), ","), tt.rows, tt.files, tt.columns)
				}
				if len(d.Notes) == 0 || !strings.Contains(d.Notes[0].String(), " table ") {
					t.Errorf("%s: notes %q do not say it is a table", p, d.Notes)
				}
				if tt.partitions != nil {
					var got []string
					for _, f := range d.Files {
						var kv []string
						for _, c := range d.Columns {
							if v, ok := f.Partitions[c.Path]; ok {
								kv = append(kv, c.Path+"="+v)
							}
						}
						got = append(got, strings.Join(kv, " "))
					}
					if strings.Join(got, "|") != strings.Join(tt.partitions, "|") {
						t.Errorf("%s: partitions %q, want %q", p, got, tt.partitions)
					}
				}
			}
		})
	}
}

// TestIcebergMetadataFile opens an Iceberg table by its metadata file.
func TestIcebergMetadataFile(t *testing.T) {
	local := testfiles.CopyDir(t, filepath.Join("..", "source", "iceberg", "testdata", "partition_integer"))
	d, err := Open(filepath.Join(local, "metadata", "v1.metadata.json"), Options{})
	if err == nil {
		// Version 1 has no snapshot yet.
		t.Errorf("v1.metadata.json: %d files, want the empty snapshot refused", len(d.Files))
	}
	d, err = Open(filepath.Join(local, "metadata", "v2.metadata.json"), Options{})
	if err != nil || len(d.Files) != 2 || d.Path != local {
		t.Errorf("v2.metadata.json: %v, %+v", err, d)
	}
}

func TestTablePartType(t *testing.T) {
	for in, want := range map[string]string{
		"integer": "int32", "int": "int32", "long": "int64", "short": "int16", "byte": "int8", "float": "float32",
		"double": "float64", "boolean": "bool", "date": "date", "decimal(10,2)": "decimal(10,2)", "decimal(38, 0)": "decimal(38,0)",
		"timestamp": "string", "timestamp_ntz": "string", "string": "string", "binary": "string", "decimal(x,2)": "string",
	} {
		if got := tablePartType(in); got.name != want {
			t.Errorf("tablePartType(%q) = %s, want %s", in, got.name, want)
		}
	}
	if pt := tablePartType("decimal(10,2)"); pt.typ.Kind != KindDecimal || pt.typ.Precision != 10 || pt.typ.Scale != 2 {
		t.Errorf("decimal(10,2) typed %+v", pt.typ)
	}
}
