package dataset

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saglig/saglig/internal/testfiles"
)

var update = flag.Bool("update", false, "rewrite the fuzz seed corpora in testdata/fuzz/")

// The seed corpora in testdata/fuzz/<target>/ are small valid files of the
// interoperability matrix (TestFuzzSeeds writes them with -update). The
// targets write the fuzzed bytes to a file and open it as saglig does: the
// result must be a dataset or a one-line *Error naming the file; a
// Parquet file that opens also goes through the page check.

func FuzzOpenParquet(f *testing.F) { fuzzOpen(f, ".parquet") }

func FuzzOpenArrowFile(f *testing.F) { fuzzOpen(f, ".arrow") }

func FuzzOpenArrowStream(f *testing.F) { fuzzOpen(f, ".arrows") }

func fuzzOpen(f *testing.F, ext string) {
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "fuzz"+ext)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		d, err := Open(path, Options{})
		if err != nil {
			msg := err.Error()
			if _, ok := err.(*Error); !ok || !strings.HasPrefix(msg, path+": ") || strings.ContainsAny(msg, "\r\n") {
				t.Fatalf("not a one-line *Error naming the file: %T %q", err, msg)
			}
			return
		}
		if len(d.Files) != 1 || d.Rows < 0 {
			t.Fatalf("%d files, %d rows", len(d.Files), d.Rows)
		}
		if ext == ".parquet" {
			// The footer is sound: it opened. Every page is checked, and
			// the check must end with an answer whatever the pages hold.
			md, err := decodeFooter(data[footerStart(t, data):len(data)-8], Limits{})
			if err != nil {
				t.Fatalf("opened, but the footer does not decode: %v", err)
			}
			for _, rg := range md.RowGroups {
				for i := range rg.Columns {
					if err := (Limits{}).CheckParquetPages(context.Background(), bytesReaderAt(data), int64(len(data)), &rg.Columns[i]); err != nil {
						if strings.ContainsAny(err.Error(), "\r\n") {
							t.Fatalf("page check error on several lines: %q", err)
						}
						return
					}
				}
			}
		}
	})
}

type bytesReaderAt []byte

func (b bytesReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 || off > int64(len(b)) {
		return 0, fmt.Errorf("offset %d out of range", off)
	}
	n := copy(p, b[off:])
	if n < len(p) {
		return n, fmt.Errorf("short read at %d", off)
	}
	return n, nil
}

// fuzzSeeds are the matrix cells whose files seed each target, and files
// of the conformance corpus (internal/testfiles/corpus) named by their path
// there.
var fuzzSeeds = map[string][]string{
	"FuzzOpenParquet": {"parquet-go/codec zstd", "parquet-go/dictionary encoding", "parquet-go/list",
		"parquet-go/struct", "pqarrow/codec snappy", "pqarrow/map", "pqarrow/data page v2",
		"parquet-testing/data/column_chunk_key_value_metadata.parquet"},
	"FuzzOpenArrowFile":   {"arrow-ipc/file types", "arrow-ipc/file dictionary", "arrow-ipc/file types zstd", "arrow-ipc/file struct"},
	"FuzzOpenArrowStream": {"arrow-ipc/stream types", "arrow-ipc/stream dictionary", "arrow-ipc/stream types lz4", "arrow-ipc/stream list"},
}

// TestFuzzSeeds checks that every seed of the fuzz corpora is a valid
// file, and rewrites the corpora from the matrix with -update.
func TestFuzzSeeds(t *testing.T) {
	if *update {
		cells, err := testfiles.WriteInterop(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		byName := map[string]string{}
		for _, c := range cells {
			byName[c.Name()] = c.Path
		}
		for target, names := range fuzzSeeds {
			// Seeds are rewritten; other files (a fuzzer's finds, kept as
			// regression tests) stay.
			dir := filepath.Join("testdata", "fuzz", target)
			mkdir(t, dir)
			for _, n := range names {
				path, ok := byName[n]
				if !ok {
					path = filepath.Join("..", "..", "internal", "testfiles", "corpus", filepath.FromSlash(n))
				}
				data, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%s: %v", n, err)
				}
				seed := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", data)
				name := strings.NewReplacer("/", "-", " ", "-").Replace(n)
				writeFile(t, filepath.Join(dir, name), []byte(seed))
			}
		}
	}
	for target, names := range fuzzSeeds {
		ext := map[string]string{"FuzzOpenParquet": ".parquet", "FuzzOpenArrowFile": ".arrow", "FuzzOpenArrowStream": ".arrows"}[target]
		for _, n := range names {
			name := strings.NewReplacer("/", "-", " ", "-").Replace(n)
			seed, err := os.ReadFile(filepath.Join("testdata", "fuzz", target, name))
			if err != nil {
				t.Fatalf("%v (run go test -run TestFuzzSeeds -update)", err)
			}
			data, err := testfiles.DecodeSeed(seed)
			if err != nil {
				t.Fatalf("%s/%s: %v", target, name, err)
			}
			path := filepath.Join(t.TempDir(), "seed"+ext)
			writeFile(t, path, data)
			if _, err := Open(path, Options{}); err != nil {
				t.Errorf("%s/%s: the seed is not a valid file: %v", target, name, err)
			}
		}
	}
}
