package scan

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/dataset"
)

func TestErrors(t *testing.T) {
	dir := t.TempDir()
	good := writeParquet(t, filepath.Join(dir, "good.parquet"), genProxy(1, 5000, 0.8), 2000)
	orig, err := os.ReadFile(good.Path)
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, b []byte) dataset.File {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return withColumns(dataset.File{Path: p, Format: dataset.Parquet, Size: int64(len(b))})
	}
	// Bytes 101–108 lie in the first data page of column postnr.
	corrupt := append([]byte(nil), orig...)
	for i := 101; i < 109; i++ {
		corrupt[i] ^= 0xa5
	}
	type textRow struct {
		Postnr string `parquet:"postnr"`
	}
	text := writeParquet(t, filepath.Join(dir, "text.parquet"), []textRow{{"2100"}}, 10)
	req := Request{Inputs: []string{"postnr", "income"}, Protected: []string{"origin"}}
	tests := []struct {
		name  string
		ds    *dataset.Dataset
		req   Request
		wants []string
		// da is what the error says in Danish, where the scan wrote it.
		da []string
	}{
		{"missing file", parquetDataset(dir, proxyColumns, dataset.File{Path: filepath.Join(dir, "gone.parquet"), Format: dataset.Parquet}),
			req, []string{"gone.parquet: no such file"}, nil},
		{"not Parquet", parquetDataset(dir, proxyColumns, write("junk.parquet", []byte("this is not a parquet file at all"))),
			req, []string{"junk.parquet: ", "magic"}, nil},
		{"truncated", parquetDataset(dir, proxyColumns, write("short.parquet", orig[:len(orig)/2])),
			req, []string{"short.parquet: "}, nil},
		{"corrupt page", parquetDataset(dir, proxyColumns, write("corrupt.parquet", corrupt)),
			req, []string{"corrupt.parquet: row group 0, column \"postnr\": ", "checksum"},
			[]string{"corrupt.parquet: rækkegruppe 0, kolonnen \"postnr\": "}},
		{"not Arrow", &dataset.Dataset{Path: dir, Columns: proxyColumns, Files: []dataset.File{{Path: write("junk.arrow", []byte("ARROW1 but not really")).Path, Format: dataset.ArrowFile}}},
			req, []string{"junk.arrow: "}, nil},
		{"unknown column", parquetDataset(dir, proxyColumns, good),
			Request{Inputs: []string{"postnr", "nope"}}, []string{`input column "nope" is not in the dataset`}, nil},
		{"types disagree", parquetDataset(dir, proxyColumns, good, text),
			req, []string{"text.parquet: column \"postnr\": holds text values here but integer in the dataset"},
			[]string{"text.parquet: kolonnen \"postnr\": har værdier af typen tekst her, men heltal i datasættet"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := New().Profile(context.Background(), tt.ds, tt.req)
			if err == nil {
				t.Fatalf("no error; result %+v", res)
			}
			for _, w := range tt.wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			da := i18n.Localize(i18n.For(i18n.Danish), err)
			for _, w := range tt.da {
				if !strings.Contains(da, w) {
					t.Errorf("Danish error %q does not contain %q", da, w)
				}
			}
			if !strings.HasPrefix(err.Error(), dir) {
				t.Errorf("error %q does not start with the file or dataset path", err)
			}
		})
	}
}

// TestPanicRecovered makes a unit of the second file panic, as a decoder
// might on a malformed file: the scan returns that file's error.
func TestPanicRecovered(t *testing.T) {
	dir := t.TempDir()
	a := writeParquet(t, filepath.Join(dir, "a.parquet"), genProxy(1, 4000, 0.8), 1000)
	b := writeParquet(t, filepath.Join(dir, "b.parquet"), genProxy(2, 4000, 0.8), 1000)
	hook := func(u *unit) {
		if u.file.path == b.Path && u.part == 2 {
			var page []int
			_ = page[u.part] // index out of range, as in a decoder
		}
	}
	_, err := native{beforeUnit: hook}.Profile(context.Background(), parquetDataset(dir, proxyColumns, a, b),
		Request{Inputs: []string{"postnr"}, Protected: []string{"origin"}, Workers: 2})
	if err == nil || !strings.HasPrefix(err.Error(), b.Path+": row group 2: decoder failed: ") || !strings.Contains(err.Error(), "index out of range") {
		t.Fatalf("error = %v", err)
	}
}

func TestCancel(t *testing.T) {
	dir := t.TempDir()
	ds := writeCitizens(t, dir, 1, 50_000, 2, 5000)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := New().Profile(ctx, ds, citizenRequest()); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled before: error %v", err)
	}
	// Cancelled while the third unit is read: no unit after it is merged,
	// and the scan stops with the context's error.
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	var once sync.Once
	hook := func(u *unit) {
		if u.seq == 2 {
			once.Do(cancel)
		}
	}
	if _, err := (native{beforeUnit: hook}).Profile(ctx, ds, citizenRequest()); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled during: error %v", err)
	}
}

func TestProgress(t *testing.T) {
	dir := t.TempDir()
	ds := writeCitizens(t, dir, 1, 100_000, 2, 20_000)
	var calls [][2]int64
	req := citizenRequest()
	req.Progress = func(done, total int64) { calls = append(calls, [2]int64{done, total}) }
	profile(t, ds, req)
	if len(calls) == 0 {
		t.Fatal("Progress never called")
	}
	total := calls[0][1]
	var size int64
	for _, f := range ds.Files {
		size += f.Size
	}
	// The scan reads every column chunk of both files once (more for the
	// protected columns, read with each column group).
	if total < size/2 {
		t.Errorf("total %d bytes for files of %d", total, size)
	}
	for i, c := range calls {
		if c[1] != total || c[0] > total || (i > 0 && c[0] < calls[i-1][0]) {
			t.Fatalf("call %d: %v after %v", i, c, calls[max(0, i-1)])
		}
	}
	if last := calls[len(calls)-1]; last[0] != total {
		t.Errorf("last call %v, want done = total", last)
	}
}
