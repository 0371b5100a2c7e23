package scan

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress"

	"github.com/saglig/saglig/lint/dataset"
)

// scanFailures scans ds and returns the files that failed, failing the
// test on any other outcome.
func scanFailures(t *testing.T, ds *dataset.Dataset, req Request) FileErrors {
	t.Helper()
	return scanFailuresWith(t, native{}, ds, req)
}

// scanFailuresWith is scanFailures with the scanner s.
func scanFailuresWith(t *testing.T, s native, ds *dataset.Dataset, req Request) FileErrors {
	t.Helper()
	res, err := s.Profile(context.Background(), ds, req)
	var fe FileErrors
	if !errors.As(err, &fe) {
		t.Fatalf("error %v (%T), result %v; want FileErrors", err, err, res)
	}
	for _, e := range fe {
		if msg := e.Error(); !strings.HasPrefix(msg, e.Path+": ") || strings.ContainsAny(msg, "\r\n") {
			t.Errorf("not one line naming the file: %q", msg)
		}
	}
	return fe
}

// corruptChunkEnd flips bytes near the end of column col's chunk in row
// group rg of a Parquet file, inside its last page's data, whose checksum
// then fails.
func corruptChunkEnd(t *testing.T, path string, rg, col int) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := parquet.OpenFile(bytesReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	md := f.Metadata().RowGroups[rg].Columns[col].MetaData
	end := md.DataPageOffset + md.TotalCompressedSize
	if md.DictionaryPageOffset != 0 {
		end = md.DictionaryPageOffset + md.TotalCompressedSize
	}
	for i := end - 6; i < end-2; i++ {
		data[i] ^= 0x5a
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

type bytesReader []byte

func (b bytesReader) ReadAt(p []byte, off int64) (int, error) {
	if off >= int64(len(b)) {
		return 0, errors.New("EOF")
	}
	n := copy(p, b[off:])
	if n < len(p) {
		return n, errors.New("short read")
	}
	return n, nil
}

// TestKeepGoing scans four files of which the second is corrupt and a
// decoder panics in the third: the scan reads on, reports both files —
// and only them — and, without them, measures the other two exactly as a
// dataset of those two alone.
func TestKeepGoing(t *testing.T) {
	dir := t.TempDir()
	a := writeParquet(t, filepath.Join(dir, "a.parquet"), genProxy(1, 3000, 0.8), 1000)
	b := writeParquet(t, filepath.Join(dir, "b.parquet"), genProxy(2, 3000, 0.8), 1000)
	c := writeParquet(t, filepath.Join(dir, "c.parquet"), genProxy(3, 3000, 0.8), 1000)
	d := writeParquet(t, filepath.Join(dir, "d.parquet"), genProxy(4, 3000, 0.8), 1000)
	corruptChunkEnd(t, b.Path, 1, 0)
	hook := func(u *unit) {
		if u.file.path == c.Path && u.part == 2 {
			var page []int
			_ = page[u.part] // index out of range, as in a decoder
		}
	}
	for _, workers := range []int{1, 3} {
		req := Request{Inputs: []string{"postnr", "income"}, Protected: []string{"origin"}, Workers: workers}
		ds := parquetDataset(dir, proxyColumns, a, b, c, d)
		fe := scanFailuresWith(t, native{beforeUnit: hook}, ds, req)
		if len(fe) != 2 || fe[0].Path != b.Path || fe[1].Path != c.Path {
			t.Fatalf("workers=%d: failed %v, want %s and %s", workers, fe, b.Path, c.Path)
		}
		if msg := fe[0].Error(); !strings.Contains(msg, "row group 1, column \"postnr\": ") {
			t.Errorf("b: %q", msg)
		}
		if msg := fe[1].Error(); !strings.HasPrefix(msg, c.Path+": row group 2: decoder failed: ") || !strings.Contains(msg, "index out of range") {
			t.Errorf("c: %q", msg)
		}
		rest, err := ds.Without(b.Path)
		if err == nil {
			rest, err = rest.Without(c.Path)
		}
		if err != nil {
			t.Fatal(err)
		}
		got := profile(t, rest, req)
		want := profile(t, parquetDataset(dir, proxyColumns, a, d), req)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("workers=%d: the rest measures differently from a dataset of a and d", workers)
		}
	}
}

// TestFailedFileSkipped fails the first row group of a file of 20: the
// scan skips its other units (but for those already under way), reads the
// next file's ten — more than the units in flight, which wait for every
// unit before them to be merged — and ends.
func TestFailedFileSkipped(t *testing.T) {
	dir := t.TempDir()
	bad := writeParquet(t, filepath.Join(dir, "bad.parquet"), genProxy(1, 20_000, 0.8), 1000)
	good := writeParquet(t, filepath.Join(dir, "good.parquet"), genProxy(2, 10_000, 0.8), 1000)
	corruptChunkEnd(t, bad.Path, 0, 0)
	var read atomic.Int64
	hook := func(u *unit) {
		if u.file.path == bad.Path {
			read.Add(1)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := native{beforeUnit: hook}.Profile(ctx, parquetDataset(dir, proxyColumns, bad, good), Request{Columns: []string{"postnr"}, Workers: 1})
	var fe FileErrors
	if !errors.As(err, &fe) || len(fe) != 1 || fe[0].Path != bad.Path {
		t.Fatalf("error %v, want the bad file's alone", err)
	}
	if n := read.Load(); n >= 20 {
		t.Errorf("%d units of the failed file read; the later ones should be skipped", n)
	}
}

// TestFileErrorDeterministic damages two row groups of one file: the error
// reported is always the first row group's, whatever the workers.
func TestFileErrorDeterministic(t *testing.T) {
	dir := t.TempDir()
	f := writeParquet(t, filepath.Join(dir, "f.parquet"), genProxy(5, 6000, 0.8), 1000)
	corruptChunkEnd(t, f.Path, 4, 3)
	corruptChunkEnd(t, f.Path, 1, 0)
	ds := parquetDataset(dir, proxyColumns, f)
	var first string
	for i, workers := range []int{1, 2, 4, 4, 2} {
		fe := scanFailures(t, ds, Request{Inputs: []string{"postnr", "income"}, Protected: []string{"origin"}, Workers: workers})
		if len(fe) != 1 {
			t.Fatalf("failed %v", fe)
		}
		msg := fe[0].Error()
		if i == 0 {
			first = msg
			if !strings.Contains(msg, "row group 1, ") {
				t.Errorf("error %q, want row group 1's", msg)
			}
		} else if msg != first {
			t.Errorf("workers=%d: %q, before %q", workers, msg, first)
		}
	}
}

// TestFileTimeout moves the scan's clock past FileTimeout while one file
// is read: that file fails with the timeout, naming the flag; the other is
// read. The clock is the test's, so nothing depends on how fast the
// machine is; one worker reads the files one after the other. The timeout
// is a nanosecond so that any deadline measured by the wall clock instead
// (the metadata's recheck when the file is opened once did) fails the
// scan that should succeed every time, not only on a loaded machine.
func TestFileTimeout(t *testing.T) {
	dir := t.TempDir()
	a := writeParquet(t, filepath.Join(dir, "a.parquet"), genProxy(1, 2000, 0.8), 1000)
	b := writeParquet(t, filepath.Join(dir, "b.parquet"), genProxy(2, 2000, 0.8), 1000)
	batches := mixedBatches(t, 100)
	s := writeArrow(t, filepath.Join(dir, "s.arrows"), batches, true)
	for _, rec := range batches {
		rec.Release()
	}
	lim := dataset.Limits{FileTimeout: time.Nanosecond}
	tests := []struct {
		name string
		ds   *dataset.Dataset
		req  Request
		slow string
	}{
		{"parquet", parquetDataset(dir, proxyColumns, a, b), Request{Columns: []string{"postnr"}, Limits: lim, Workers: 1}, b.Path},
		{"arrow stream", handDataset(s.Path, dataset.ArrowStream, mixedColumns, s),
			Request{Limits: lim, Workers: 1}, s.Path},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clk := newManualClock()
			hook := func(u *unit) {
				if u.file.path == tt.slow {
					clk.advance(lim.FileTimeout) // the deadline passes while the unit reads
				}
			}
			fe := scanFailuresWith(t, native{beforeUnit: hook, clock: clk}, tt.ds, tt.req)
			want := tt.slow + ": reading took longer than 1ns (raise it with --file-timeout)"
			if len(fe) != 1 || fe[0].Error() != want {
				t.Fatalf("failed %v, want %q", fe, want)
			}
			// Without the clock moving, the same scan reads every file.
			if _, err := (native{clock: newManualClock()}).Profile(context.Background(), tt.ds, tt.req); err != nil {
				t.Errorf("within the timeout: %v", err)
			}
		})
	}
}

// TestDeadline: a file's deadline starts with its first unit and is not
// moved by later ones; the context of a unit begun after it is cancelled
// at once, with the cause context.DeadlineExceeded.
func TestDeadline(t *testing.T) {
	clk := newManualClock()
	fi := &fileInfo{clock: clk, lim: dataset.Limits{FileTimeout: time.Second}}
	ctx1, cancel1 := fi.withDeadline(context.Background())
	defer cancel1()
	clk.advance(600 * time.Millisecond)
	ctx2, cancel2 := fi.withDeadline(context.Background())
	defer cancel2()
	if ctx1.Err() != nil || ctx2.Err() != nil {
		t.Fatal("cancelled before the deadline")
	}
	clk.advance(400 * time.Millisecond)
	for i, ctx := range []context.Context{ctx1, ctx2} {
		if !errors.Is(context.Cause(ctx), context.DeadlineExceeded) {
			t.Errorf("unit %d at the deadline: cause %v", i+1, context.Cause(ctx))
		}
	}
	ctx3, cancel3 := fi.withDeadline(context.Background())
	defer cancel3()
	if !errors.Is(context.Cause(ctx3), context.DeadlineExceeded) {
		t.Errorf("after the deadline: cause %v", context.Cause(ctx3))
	}
	// A unit that ends in time stops its timer: the clock moving later
	// does not cancel a context already done with.
	fi = &fileInfo{clock: clk, lim: dataset.Limits{FileTimeout: time.Second}}
	ctx4, cancel4 := fi.withDeadline(context.Background())
	cancel4()
	clk.advance(time.Hour)
	if !errors.Is(context.Cause(ctx4), context.Canceled) {
		t.Errorf("ended in time: cause %v", context.Cause(ctx4))
	}
}

// manualClock is a clock that moves only by advance, which calls the
// functions that fall due before it returns.
type manualClock struct {
	mu     sync.Mutex
	now    time.Time
	timers map[int]manualTimer
	next   int
}

type manualTimer struct {
	at time.Time
	f  func()
}

func newManualClock() *manualClock {
	return &manualClock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), timers: map[int]manualTimer{}}
}

func (c *manualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *manualClock) AfterFunc(d time.Duration, f func()) func() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	id := c.next
	c.next++
	c.timers[id] = manualTimer{at: c.now.Add(d), f: f}
	return func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		_, pending := c.timers[id]
		delete(c.timers, id)
		return pending
	}
}

func (c *manualClock) advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	var due []func()
	for id, tm := range c.timers {
		if !tm.at.After(c.now) {
			due = append(due, tm.f)
			delete(c.timers, id)
		}
	}
	c.mu.Unlock()
	for _, f := range due {
		f()
	}
}

// TestScanLimits scans a sound file under limits too low for it: the
// metadata is checked again before the scan reads it, and every column
// chunk's pages before a decoder sees them; the error names the file, the
// row group and column, and the flag that raises the limit.
func TestScanLimits(t *testing.T) {
	dir := t.TempDir()
	f := writeParquet(t, filepath.Join(dir, "f.parquet"), genProxy(1, 20_000, 0.8), 10_000)
	ds := parquetDataset(dir, proxyColumns, f)
	req := func(l dataset.Limits) Request {
		return Request{Inputs: []string{"postnr", "income"}, Protected: []string{"origin"}, Limits: l}
	}
	tests := []struct {
		name  string
		lim   dataset.Limits
		wants []string
	}{
		{"page size", dataset.Limits{MaxPageSize: 4 << 10}, []string{f.Path + ": row group 0, column ", "(raise it with --max-page-size)"}},
		{"columns", dataset.Limits{MaxColumns: 3}, []string{f.Path + ": the schema has 6 fields", "(raise it with --max-columns)"}},
		{"footer", dataset.Limits{MaxFooterSize: 64}, []string{f.Path + ": ", "(raise it with --max-footer-size)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fe := scanFailures(t, ds, req(tt.lim))
			if len(fe) != 1 {
				t.Fatalf("failed %v", fe)
			}
			for _, w := range tt.wants {
				if !strings.Contains(fe[0].Error(), w) {
					t.Errorf("%q does not contain %q", fe[0].Error(), w)
				}
			}
		})
	}
	if _, err := New().Profile(context.Background(), ds, req(dataset.Limits{})); err != nil {
		t.Errorf("default limits: %v", err)
	}
}

// BenchmarkPageCheck measures what the page check (CheckParquetPages, run
// on every column chunk before it is decoded) costs next to the scan it
// guards, per codec, on 500,000 job-centre-like rows with one worker:
// compare check/ with scan/ (docs/scan.md quotes the figures).
func BenchmarkPageCheck(b *testing.B) {
	for _, c := range []struct {
		name  string
		codec compress.Codec
	}{{"snappy", &parquet.Snappy}, {"zstd", &parquet.Zstd}, {"gzip", &parquet.Gzip}, {"uncompressed", &parquet.Uncompressed}} {
		path := filepath.Join(b.TempDir(), "citizens.parquet")
		f := writeCitizensCodec(b, path, 500_000, 128<<10, c.codec)
		ds := parquetDataset(filepath.Dir(path), citizenColumns, f)
		req := citizenRequest()
		req.Workers = 1
		b.Run(c.name+"/scan", func(b *testing.B) {
			b.SetBytes(f.Size)
			for b.Loop() {
				if _, err := New().Profile(context.Background(), ds, req); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(c.name+"/check", func(b *testing.B) {
			osf, err := os.Open(f.Path)
			if err != nil {
				b.Fatal(err)
			}
			defer osf.Close()
			pf, err := parquet.OpenFile(osf, f.Size)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(f.Size)
			for b.Loop() {
				for _, rg := range pf.Metadata().RowGroups {
					for i := range rg.Columns {
						if err := (dataset.Limits{}).CheckParquetPages(context.Background(), osf, f.Size, &rg.Columns[i]); err != nil {
							b.Fatal(err)
						}
					}
				}
			}
		})
	}
}

// writeCitizensCodec writes n generated rows compressed with codec.
func writeCitizensCodec(t testing.TB, path string, n int, rowGroup int64, codec compress.Codec) dataset.File {
	t.Helper()
	return writeCitizensWith(t, path, 1, n, rowGroup, codec)
}
