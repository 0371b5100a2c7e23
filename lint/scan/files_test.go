package scan

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/saglig/saglig/internal/testfiles"
	"github.com/saglig/saglig/lint/dataset"
)

// readLog records the byte ranges read through the readers an Opener
// gives.
type readLog struct {
	mu     sync.Mutex
	ranges [][2]int64
}

func (l *readLog) opener(open dataset.Opener) dataset.Opener {
	return func(path string) (dataset.Reader, error) {
		r, err := open(path)
		if err != nil {
			return nil, err
		}
		return loggedReader{r, l}, nil
	}
}

type loggedReader struct {
	dataset.Reader
	log *readLog
}

func (r loggedReader) ReadAt(p []byte, off int64) (int, error) {
	r.log.mu.Lock()
	r.log.ranges = append(r.log.ranges, [2]int64{off, off + int64(len(p))})
	r.log.mu.Unlock()
	return r.Reader.ReadAt(p, off)
}

// TestFooterReadOnce scans Parquet files through a reader that records
// what it reads: each file's footer is read once by the scan (the footer
// the scan checks again is the footer it reads the file by), in one read,
// which for an object in a store is one request at most.
func TestFooterReadOnce(t *testing.T) {
	dir := t.TempDir()
	var footers [][2]int64 // each file's footer, by file
	for i := range 3 {
		f := writeCitizensFile(t, filepath.Join(dir, "part-"+string(rune('a'+i))+".parquet"), uint64(i), 3000, 1000)
		data, err := os.ReadFile(f.Path)
		if err != nil {
			t.Fatal(err)
		}
		n := int64(binary.LittleEndian.Uint32(data[len(data)-8:]))
		footers = append(footers, [2]int64{f.Size - 8 - n, f.Size - 8})
	}
	ds, err := dataset.Open(dir, dataset.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Files) != len(footers) {
		t.Fatalf("%d files, want %d", len(ds.Files), len(footers))
	}
	logs := map[string]*readLog{}
	ds.Open = func(path string) (dataset.Reader, error) {
		l := logs[path]
		if l == nil {
			t.Errorf("the scan opened %s, not a file of the dataset", path)
			return dataset.OpenLocal(path)
		}
		return l.opener(dataset.OpenLocal)(path)
	}
	for _, f := range ds.Files {
		logs[f.Path] = new(readLog)
	}
	if _, err := New().Profile(context.Background(), ds, citizenRequest()); err != nil {
		t.Fatal(err)
	}
	for i, f := range ds.Files {
		footer := footers[i]
		if f.Size != footer[1]+8 {
			t.Fatalf("%s: files out of order", f.Path)
		}
		var reads int
		var bytes int64
		for _, r := range logs[f.Path].ranges {
			if lo, hi := max(r[0], footer[0]), min(r[1], footer[1]); lo < hi {
				reads++
				bytes += hi - lo
			}
		}
		if reads != 1 || bytes != footer[1]-footer[0] {
			t.Errorf("%s: the footer (%d bytes) was read %d times, %d bytes in all; want once", f.Path, footer[1]-footer[0], reads, bytes)
		}
	}
}

// TestValuelessKeyValue scans a Parquet file whose key-value metadata has
// keys without a value, which parquet-go's decoder refuses
// (docs/upstream.md): its rows are read as those of the file without them.
func TestValuelessKeyValue(t *testing.T) {
	dir := t.TempDir()
	plain := writeCitizensFile(t, filepath.Join(dir, "plain.parquet"), 1, 2500, 1000)
	data, err := os.ReadFile(plain.Path)
	if err != nil {
		t.Fatal(err)
	}
	data, err = testfiles.WithValuelessKeys(data, "file-key", "chunk-key")
	if err != nil {
		t.Fatal(err)
	}
	made := filepath.Join(dir, "made", "valueless.parquet")
	if err := os.MkdirAll(filepath.Dir(made), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(made, data, 0o644); err != nil {
		t.Fatal(err)
	}
	scan := func(path string) []byte {
		ds, err := dataset.Open(path, dataset.Options{})
		if err != nil {
			t.Fatal(err)
		}
		res, err := New().Profile(context.Background(), ds, citizenRequest())
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(res)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	if want, got := scan(plain.Path), scan(made); string(got) != string(want) {
		t.Errorf("the file with valueless keys scans otherwise than the file without:\n%s\n%s", got, want)
	}
}
