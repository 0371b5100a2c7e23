package dataset

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestDetectFormat(t *testing.T) {
	dir := t.TempDir()
	pq := filepath.Join(dir, "src.parquet")
	writeParquet(t, pq, make([]personRow, 2))
	parquetData, err := os.ReadFile(pq)
	if err != nil {
		t.Fatal(err)
	}
	batch := testBatch(t, 2)
	defer batch.Release()
	writeArrowFile(t, filepath.Join(dir, "src.arrow"), testSchema(), batch)
	arrowData, err := os.ReadFile(filepath.Join(dir, "src.arrow"))
	if err != nil {
		t.Fatal(err)
	}
	writeArrowStream(t, filepath.Join(dir, "src.arrows"), testSchema(), batch)
	streamData, err := os.ReadFile(filepath.Join(dir, "src.arrows"))
	if err != nil {
		t.Fatal(err)
	}
	// A stream as written before Arrow 0.15: no continuation marker before
	// the first message's length.
	legacy := streamData[4:]

	tests := []struct {
		file string
		data []byte
		want Format
		err  string
	}{
		{"a.parquet", parquetData, Parquet, ""},
		{"a.bin", parquetData, Parquet, ""},
		{"a.arrow", parquetData, Parquet, ""},
		{"a.bin", arrowData, ArrowFile, ""},
		{"a.parquet", arrowData, ArrowFile, ""},
		{"a.bin", streamData, ArrowStream, ""},
		{"a.arrow", streamData, ArrowStream, ""},
		{"a.bin", legacy, ArrowStream, ""},
		{"tail.bin", append([]byte("XXXX"), parquetData[4:]...), Parquet, ""},
		// Unrecognised content falls back to the extension.
		{"a.parquet", []byte("garbage"), Parquet, ""},
		{"a.PQ", []byte("garbage"), Parquet, ""},
		{"a.parq", nil, Parquet, ""},
		{"a.feather", []byte("garbage"), ArrowFile, ""},
		{"a.ipc", []byte("garbage"), ArrowFile, ""},
		{"a.arrows", []byte("garbage"), ArrowStream, ""},
		{"notes.txt", []byte("id,name\n1,x\n"), "", "unknown format: not a Parquet or Arrow IPC file (by content or extension)"},
		{"empty", nil, "", "unknown format: not a Parquet or Arrow IPC file (by content or extension)"},
		{"old.feather", []byte("FEA1...."), "", "unsupported Feather v1 file: rewrite it as Feather v2 (Arrow IPC)"},
	}
	for i, tt := range tests {
		t.Run(tt.file+"/"+string(tt.want), func(t *testing.T) {
			path := filepath.Join(dir, "t"+string(rune('a'+i)), tt.file)
			writeFile(t, path, tt.data)
			got, err := DetectFormat(path)
			if tt.err != "" {
				assertError(t, err, path+": "+tt.err)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("DetectFormat = %q, want %q", got, tt.want)
			}
		})
	}

	// The legacy stream opens too.
	path := filepath.Join(dir, "legacy.bin")
	writeFile(t, path, legacy)
	d, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Format != ArrowStream || d.Rows != 2 {
		t.Errorf("legacy stream: format %s rows %d, want arrows 2", d.Format, d.Rows)
	}

	_, err = DetectFormat(dir)
	assertError(t, err, dir+": is a directory, not a file")
	_, err = DetectFormat(filepath.Join(dir, "nope.parquet"))
	assertError(t, err, filepath.Join(dir, "nope.parquet")+": no such file")
}

// TestDetectCSV: a CSV file is refused with the DuckDB command that
// converts it, and still counts as an unknown format (skipped in a
// directory).
func TestDetectCSV(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct{ file, from, to string }{
		{"a.csv", "a.csv", "a.parquet"},
		{"B.CSV", "B.CSV", "B.parquet"},
		{"c.tsv", "c.tsv", "c.parquet"},
		{"d.csv.gz", "d.csv.gz", "d.parquet"},
		{"it's.csv", "it''s.csv", "it''s.parquet"},
	} {
		path := filepath.Join(dir, tt.file)
		writeFile(t, path, []byte("id,name\n1,x\n"))
		_, err := DetectFormat(path)
		sql := func(s string) string { return "'" + filepath.ToSlash(filepath.Join(dir, s)) + "'" }
		assertError(t, err, path+`: CSV is not read (saglig reads Parquet and Arrow IPC): convert it to Parquet first, e.g. duckdb -c "COPY (SELECT * FROM `+sql(tt.from)+`) TO `+sql(tt.to)+`"`)
		if !errors.Is(err, errUnknownFormat) {
			t.Errorf("%s: %v is not errUnknownFormat", tt.file, err)
		}
	}
}
