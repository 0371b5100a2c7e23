package dataset

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/source/objstore"
	"github.com/saglig/saglig/lint/source/objstore/objstoretest"
)

type hiveRow struct {
	ID     int64  `parquet:"id"`
	Name   string `parquet:"name"`
	Amount int32  `parquet:"amount"`
}

// writeHive writes a Hive-partitioned directory with a hidden file, a
// _SUCCESS marker and a file without an extension.
func writeHive(t *testing.T) string {
	dir := t.TempDir()
	rows := []hiveRow{{1, "a", 10}, {2, "b", 20}}
	for _, p := range []string{"year=2023/m=01/part-0.parquet", "year=2023/m=02/part-0.parquet", "year=2024/m=01/part-0.parquet", "year=2024/m=01/noext"} {
		writeParquet(t, filepath.Join(dir, filepath.FromSlash(p)), rows)
	}
	writeFile(t, filepath.Join(dir, "_SUCCESS"), nil)
	writeFile(t, filepath.Join(dir, "year=2024", ".hidden.parquet"), []byte("not parquet"))
	writeFile(t, filepath.Join(dir, "year=2024", "notes.txt"), []byte("not data"))
	return dir
}

// shape is what a dataset is, without where its files are.
func shape(t *testing.T, d *Dataset, root string) string {
	t.Helper()
	type file struct {
		Rel        string
		Rows, Size int64
		Partitions map[string]string
		Columns    []Column
	}
	s := struct {
		Rows    int64
		Format  Format
		Columns []Column
		Notes   []i18n.Msg
		Files   []file
	}{d.Rows, d.Format, d.Columns, d.Notes, nil}
	for _, f := range d.Files {
		rel := strings.TrimPrefix(strings.TrimPrefix(filepath.ToSlash(f.Path), filepath.ToSlash(root)), "/")
		s.Files = append(s.Files, file{rel, f.Rows, f.Size, f.Partitions, f.Columns})
	}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestRemoteLikeLocal opens the same files locally and from an object
// store: the datasets are the same (files, partitions, columns, notes).
func TestRemoteLikeLocal(t *testing.T) {
	dir := writeHive(t)
	url := objstoretest.Upload(t, dir, "likelocal", "hive/")
	for _, tt := range []struct{ local, remote string }{
		{dir, url},
		{dir, strings.TrimSuffix(url, "/")},
		{filepath.Join(dir, "year=2023", "m=01", "part-0.parquet"), url + "year=2023/m=01/part-0.parquet"},
	} {
		l, err := Open(tt.local, Options{})
		if err != nil {
			t.Fatal(err)
		}
		r, err := Open(tt.remote, Options{})
		if err != nil {
			t.Fatalf("%s: %v", tt.remote, err)
		}
		if r.Open == nil {
			t.Errorf("%s: no opener for the scan", tt.remote)
		}
		if ls, rs := shape(t, l, dir), shape(t, r, url); ls != rs {
			t.Errorf("%s:\n%s\nlocal %s:\n%s", tt.remote, rs, tt.local, ls)
		}
	}
	if d, err := Open(url, Options{}); err != nil || len(d.Files) != 4 || len(d.Columns) != 5 {
		t.Errorf("remote directory: %v, %+v", err, d)
	}
}

func TestRemoteExpand(t *testing.T) {
	dir := writeHive(t)
	url := objstoretest.Upload(t, dir, "expand", "hive/")
	tests := []struct {
		arg    string
		want   []string
		errHas string
	}{
		{arg: url + "year=*", want: []string{url + "year=2023", url + "year=2024"}},
		{arg: url + "year=2023/m=0[12]/*.parquet", want: []string{url + "year=2023/m=01/part-0.parquet", url + "year=2023/m=02/part-0.parquet"}},
		{arg: url + "*", want: []string{url + "year=2023", url + "year=2024"}}, // _SUCCESS is hidden
		{arg: url + "_*", want: []string{url + "_SUCCESS"}},
		{arg: url + "year=2024/*", want: []string{url + "year=2024/m=01", url + "year=2024/notes.txt"}},
		{arg: url + "year=2025/*", errHas: "the pattern matches nothing"},
		{arg: url + "missing.parquet", errHas: "no such object"},
		{arg: url + "missing/", errHas: "no object under the prefix"},
		{arg: url, want: []string{url}},
		{arg: url + "[", errHas: "bad glob pattern"},
	}
	for _, tt := range tests {
		got, err := Expand([]string{tt.arg})
		if tt.errHas != "" {
			if err == nil || !strings.Contains(err.Error(), tt.errHas) {
				t.Errorf("Expand(%s): %v, want an error containing %q", tt.arg, err, tt.errHas)
			}
			if tt.errHas != "bad glob pattern" && !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("Expand(%s): %v is not fs.ErrNotExist", tt.arg, err)
			}
			continue
		}
		if err != nil || strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("Expand(%s) = %v, %v; want %v", tt.arg, got, err, tt.want)
		}
	}
}

// TestRemoteRequests counts the requests to open many objects' footers
// (what --schema-only reads): the listing, and a head and a tail per
// file, fetched at once.
func TestRemoteRequests(t *testing.T) {
	dir := t.TempDir()
	const n = 200
	for i := range n {
		writeParquet(t, filepath.Join(dir, "part-"+strings.Repeat("0", 4-len(itoa(i)))+itoa(i)+".parquet"), []hiveRow{{int64(i), "x", 1}})
	}
	url := objstoretest.Upload(t, dir, "requests", "many/")
	before := objstore.Counters()
	d, err := Open(url, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := objstore.Counters()
	req := got.Requests() - before.Requests()
	if len(d.Files) != n || d.Rows != n {
		t.Fatalf("%d files, %d rows", len(d.Files), d.Rows)
	}
	// Stat of the prefix (an attribute lookup and a one-key listing),
	// the listing, and one request per small file.
	if max := int64(n + 3); req > max {
		t.Errorf("%d requests for %d files, more than %d", req, n, max)
	}
	t.Logf("%d files: %d requests (%d listings, %d lookups, %d reads, %d bytes)", n, req,
		got.Lists-before.Lists, got.Stats-before.Stats, got.Gets-before.Gets, got.Bytes-before.Bytes)
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}

func TestRemoteErrors(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "bad.parquet"), []byte("PAR1 this is not a parquet file at all PAR1"))
	writeParquet(t, filepath.Join(dir, "good.parquet"), []hiveRow{{1, "a", 1}})
	url := objstoretest.Upload(t, dir, "errors", "mixed/")
	ds, errs := OpenEach([]string{url}, Options{})
	if len(ds) != 1 || len(ds[0].Files) != 1 || len(errs) != 1 {
		t.Fatalf("datasets %d, errors %v", len(ds), errs)
	}
	if msg := errs[0].Error(); !strings.HasPrefix(msg, url+"bad.parquet: ") || strings.Contains(msg, "\n") {
		t.Errorf("error %q does not name the object on one line", msg)
	}
	if _, err := Open("mem://errors/none/", Options{}); err == nil || !strings.Contains(err.Error(), "no object under the prefix") {
		t.Errorf("a missing prefix: %v", err)
	}
	// Limits apply to objects as to files.
	if _, err := Open(url+"good.parquet", Options{Limits: Limits{MaxFooterSize: 10}}); err == nil || !strings.Contains(err.Error(), "--max-footer-size") {
		t.Errorf("footer limit: %v", err)
	}
	os.RemoveAll(dir)
}
