package iceberg

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/twmb/avro"
	"github.com/twmb/avro/ocf"
)

// The manifests of these tests are written here with the specification's
// schemas (the fields saglig reads, with their field ids), so that what the
// test tables of testdata do not have is covered: date and timestamp
// partition values, deleted entries, other file formats, equality deletes
// and inconsistent format versions or contents.

const manifestListSchema = `{"type": "record", "name": "manifest_file", "fields": [
	{"name": "manifest_path", "type": "string", "field-id": 500},
	{"name": "manifest_length", "type": "long", "field-id": 501},
	{"name": "partition_spec_id", "type": "int", "field-id": 502},
	{"name": "content", "type": "int", "field-id": 517},
	{"name": "sequence_number", "type": "long", "field-id": 515}]}`

const manifestSchema = `{"type": "record", "name": "manifest_entry", "fields": [
	{"name": "status", "type": "int", "field-id": 0},
	{"name": "snapshot_id", "type": ["null", "long"], "field-id": 1},
	{"name": "data_file", "field-id": 2, "type": {"type": "record", "name": "r2", "fields": [
		{"name": "content", "type": "int", "field-id": 134},
		{"name": "file_path", "type": "string", "field-id": 100},
		{"name": "file_format", "type": "string", "field-id": 101},
		{"name": "partition", "field-id": 102, "type": {"type": "record", "name": "r102", "fields": [
			{"name": "day", "type": ["null", {"type": "int", "logicalType": "date"}], "field-id": 1000},
			{"name": "region", "type": ["null", "string"], "field-id": 1001},
			{"name": "at", "type": ["null", {"type": "long", "logicalType": "timestamp-micros"}], "field-id": 1002},
			{"name": "n", "type": ["null", "long"], "field-id": 1003}]}},
		{"name": "record_count", "type": "long", "field-id": 103},
		{"name": "file_size_in_bytes", "type": "long", "field-id": 104}]}}]}`

func writeOCF(t *testing.T, schema string, meta map[string]string, recs ...map[string]any) []byte {
	t.Helper()
	s, err := avro.Parse(schema)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string][]byte{}
	for k, v := range meta {
		m[k] = []byte(v)
	}
	var b bytes.Buffer
	w, err := ocf.NewWriter(&b, s, ocf.WithMetadata(m))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if err := w.Encode(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func entry(status int32, content int32, path, format string, partition map[string]any) map[string]any {
	p := map[string]any{"day": nil, "region": nil, "at": nil, "n": nil}
	for k, v := range partition {
		p[k] = v
	}
	return map[string]any{"status": status, "snapshot_id": int64(7), "data_file": map[string]any{
		"content": content, "file_path": path, "file_format": format, "partition": p,
		"record_count": int64(10), "file_size_in_bytes": int64(1000)}}
}

func TestReadManifestList(t *testing.T) {
	data := writeOCF(t, manifestListSchema, map[string]string{"format-version": "2"},
		map[string]any{"manifest_path": "s3://b/t/metadata/a-m0.avro", "manifest_length": int64(10), "partition_spec_id": int32(1), "content": int32(0), "sequence_number": int64(1)},
		map[string]any{"manifest_path": "s3://b/t/metadata/b-m0.avro", "manifest_length": int64(10), "partition_spec_id": int32(0), "content": int32(1), "sequence_number": int64(2)})
	got, err := readManifestList(data)
	if err != nil {
		t.Fatal(err)
	}
	want := []manifestFile{{path: "s3://b/t/metadata/a-m0.avro", specID: 1, version: 2}, {path: "s3://b/t/metadata/b-m0.avro", deletes: true, version: 2}}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("got %+v, want %+v", got, want)
	}
	// A list whose fields are version 2's may not say it is version 1.
	if _, err := readManifestList(writeOCF(t, manifestListSchema, map[string]string{"format-version": "1"})); err == nil || !strings.Contains(err.Error(), "lower than its fields'") {
		t.Errorf("format-version 1 with version 2 fields: %v", err)
	}
	if _, err := readManifestList(writeOCF(t, manifestListSchema, map[string]string{"format-version": "4"})); err == nil || !strings.Contains(err.Error(), "unsupported format version 4") {
		t.Errorf("format-version 4: %v", err)
	}
	// Without format-version the fields say 2.
	got, err = readManifestList(writeOCF(t, manifestListSchema, nil))
	if err != nil || len(got) != 0 {
		t.Errorf("no format-version: %v, %v", got, err)
	}
	if _, err := readManifestList([]byte("not avro")); err == nil {
		t.Error("not an Avro file: no error")
	}
}

func TestReadManifest(t *testing.T) {
	day := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	meta := map[string]string{"format-version": "2", "content": "data"}
	data := writeOCF(t, manifestSchema, meta,
		entry(1, 0, "s3://b/t/data/a.parquet", "PARQUET", map[string]any{"day": day, "region": "nord", "at": day, "n": int64(42)}),
		entry(2, 0, "s3://b/t/data/gone.orc", "ORC", nil), // deleted: left out
		entry(0, 0, "s3://b/t/data/b.parquet", "PARQUET", nil))
	mf := manifestFile{path: "m.avro", version: 2}
	got, err := readManifest(mf, data)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].path != "s3://b/t/data/a.parquet" || got[1].path != "s3://b/t/data/b.parquet" || got[0].rows != 10 || got[0].size != 1000 {
		t.Fatalf("got %+v", got)
	}
	texts := map[int]string{}
	for id, v := range got[0].partition {
		s, ok := partitionText(v)
		if ok {
			texts[id] = s
		}
	}
	// The timestamp (1002) is not an identity value saglig writes as text.
	if len(texts) != 3 || texts[1000] != "2024-03-01" || texts[1001] != "nord" || texts[1003] != "42" {
		t.Errorf("partition values %v", texts)
	}
	if len(got[1].partition) != 0 {
		t.Errorf("nulls read as values: %v", got[1].partition)
	}

	for _, tt := range []struct {
		name   string
		mf     manifestFile
		meta   map[string]string
		errHas string
	}{
		{"newer than its list", manifestFile{version: 1}, meta, "newer than its manifest list's"},
		{"deletes listed as data", mf, map[string]string{"format-version": "2", "content": "deletes"}, `content metadata "deletes" is not its manifest list's`},
		{"no content in version 2", mf, map[string]string{"format-version": "2"}, "no content metadata"},
		{"invalid content", mf, map[string]string{"format-version": "2", "content": "both"}, `invalid content metadata "both"`},
	} {
		if _, err := readManifest(tt.mf, writeOCF(t, manifestSchema, tt.meta)); err == nil || !strings.Contains(err.Error(), tt.errHas) {
			t.Errorf("%s: %v, want an error with %q", tt.name, err, tt.errHas)
		}
	}
}

// TestSnapshotRefusals: a live file of another format, and delete files,
// refuse the table.
func TestSnapshotRefusals(t *testing.T) {
	for _, tt := range []struct {
		name   string
		e      map[string]any
		errHas string
	}{
		{"ORC", entry(1, 0, "data/a.orc", "ORC", nil), "data file data/a.orc is ORC: saglig reads Parquet data files"},
		{"equality deletes", entry(1, 2, "data/d.parquet", "PARQUET", nil), "the table has equality delete files (d.parquet)"},
		{"position deletes", entry(1, 1, "data/p.parquet", "PARQUET", nil), "the table has position delete files (p.parquet)"},
	} {
		dfs, err := readManifest(manifestFile{version: 2}, writeOCF(t, manifestSchema, map[string]string{"format-version": "2", "content": "data"}, tt.e))
		if err != nil || len(dfs) != 1 {
			t.Fatalf("%s: %v", tt.name, err)
		}
		err = checkDataFile(manifestFile{}, dfs[0])
		if err == nil || !strings.Contains(err.Error(), tt.errHas) {
			t.Errorf("%s: %v, want an error with %q", tt.name, err, tt.errHas)
		}
	}
}
