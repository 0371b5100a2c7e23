package objstore

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"math/rand/v2"
	"net/url"
	"slices"
	"sync"
	"testing"

	gcblob "gocloud.dev/blob"
	"gocloud.dev/blob/memblob"
)

// memBuckets are the in-memory buckets of the "mem" scheme, by name.
var (
	memMu      sync.Mutex
	memBuckets = map[string]*gcblob.Bucket{}
)

func init() {
	Register("mem", func(_ context.Context, name string, _ url.Values) (*gcblob.Bucket, error) {
		return memBucket(name), nil
	})
}

func memBucket(name string) *gcblob.Bucket {
	memMu.Lock()
	defer memMu.Unlock()
	if b := memBuckets[name]; b != nil {
		return b
	}
	b := memblob.OpenBucket(nil)
	memBuckets[name] = b
	return b
}

func put(t *testing.T, bucket, key string, data []byte) {
	t.Helper()
	if err := memBucket(bucket).WriteAll(context.Background(), key, data, nil); err != nil {
		t.Fatal(err)
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		in                    string
		scheme, bucket, key   string
		params, shown, errHas string
	}{
		{in: "s3://b/data/x.parquet", scheme: "s3", bucket: "b", key: "data/x.parquet", shown: "s3://b/data/x.parquet"},
		{in: "S3://b/data/", scheme: "s3", bucket: "b", key: "data/", shown: "s3://b/data/"},
		{in: "gs://b", scheme: "gs", bucket: "b", key: "", shown: "gs://b/"},
		{in: "azblob://c/a//b/./c/", scheme: "azblob", bucket: "c", key: "a/b/c/", shown: "azblob://c/a/b/c/"},
		{in: "s3://b/p?endpoint=http://127.0.0.1:7070&use_path_style=true", scheme: "s3", bucket: "b", key: "p",
			params: "endpoint=http%3A%2F%2F127.0.0.1%3A7070&use_path_style=true", shown: "s3://b/p"},
		{in: "s3://b/a%20b/x.parquet", scheme: "s3", bucket: "b", key: "a b/x.parquet", shown: "s3://b/a b/x.parquet"},
		{in: "s3:///x", errHas: "no bucket"},
		{in: "ftp://b/x", errHas: "unknown URL scheme"},
		{in: "s3://key:secret@b/x", errHas: "credentials in the URL"},
		{in: "s3://b/../x", errHas: "may not leave the bucket"},
		{in: "s3://b/x#frag", errHas: "fragment"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			l, err := Parse(tt.in)
			if tt.errHas != "" {
				if err == nil || !bytes.Contains([]byte(err.Error()), []byte(tt.errHas)) {
					t.Fatalf("Parse(%q) error %v, want %q", tt.in, err, tt.errHas)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if l.Scheme != tt.scheme || l.Bucket != tt.bucket || l.Key != tt.key || l.Params.Encode() != tt.params || l.String() != tt.shown {
				t.Errorf("Parse(%q) = %+v (%s), want %s %s %q %q %s", tt.in, l, l, tt.scheme, tt.bucket, tt.key, tt.params, tt.shown)
			}
		})
	}
}

func TestDisplay(t *testing.T) {
	for in, want := range map[string]string{
		"s3://key:secret@b/x?endpoint=http://h": "s3://…@b/x",
		"azblob://c/p?sv=2020&sig=SECRET":       "azblob://c/p",
		"s3:///x":                               "s3:///x",
		"gs://b":                                "gs://b",
		"gs://b/":                               "gs://b/",
		"s3://b/a b/%zz#frag":                   "s3://b/a b/%zz",
	} {
		if got := Display(in); got != want {
			t.Errorf("Display(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIsURL(t *testing.T) {
	for s, want := range map[string]bool{
		"s3://b/x": true, "gs://b": true, "azblob://c/p": true, "AZBLOB://c": true,
		"data/x.parquet": false, "/abs/x": false, "http://h/x": false, "file:///x": false, "s3:/b": false,
	} {
		if got := IsURL(s); got != want {
			t.Errorf("IsURL(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestCoalesce(t *testing.T) {
	tests := []struct {
		name       string
		in         []Range
		size       int64
		gap, piece int64
		want       []Range
	}{
		{"empty", nil, 100, 10, 50, nil},
		{"merge within gap", []Range{{0, 10}, {15, 10}, {40, 5}}, 100, 5, 100, []Range{{0, 25}, {40, 5}}},
		{"unsorted and overlapping", []Range{{50, 10}, {0, 30}, {20, 20}}, 100, 0, 100, []Range{{0, 40}, {50, 10}}},
		{"adjacent merge with no gap", []Range{{0, 10}, {10, 10}}, 100, 0, 100, []Range{{0, 20}}},
		{"split evenly", []Range{{0, 100}}, 100, 0, 30, []Range{{0, 25}, {25, 25}, {50, 25}, {75, 25}}},
		{"clipped to the object", []Range{{-5, 10}, {90, 50}, {200, 5}}, 100, 0, 100, []Range{{0, 5}, {90, 10}}},
		{"zero lengths dropped", []Range{{10, 0}, {20, 5}}, 100, 100, 100, []Range{{20, 5}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Coalesce(tt.in, tt.size, tt.gap, tt.piece)
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("got %v, want %v", got, tt.want)
				}
			}
		})
	}
}

func openMem(t *testing.T, bucket string) *Store {
	t.Helper()
	s, err := Open(context.Background(), Location{Scheme: "mem", Bucket: bucket})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func data(n int) []byte {
	b := make([]byte, n)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// gets counts the GET requests fn makes, once they are done.
func gets(f *File, fn func()) int64 {
	before := Counters().Gets
	fn()
	f.mu.Lock()
	segs := append([]*segment(nil), f.segs...)
	f.mu.Unlock()
	for _, g := range segs {
		<-g.done
	}
	return Counters().Gets - before
}

func TestFileReads(t *testing.T) {
	ctx := context.Background()
	const size = 5<<20 + 123
	want := data(size)
	put(t, "reads", "obj", want)
	s := openMem(t, "reads")

	t.Run("ends", func(t *testing.T) {
		f := s.OpenFile(ctx, "obj", size, "")
		defer f.Close()
		if n := gets(f, f.PrefetchEnds); n != 2 {
			t.Errorf("PrefetchEnds made %d requests, want 2 (head and tail)", n)
		}
		// The magic, the footer length and a footer within the tail are
		// read without another request.
		n := gets(f, func() {
			for _, r := range []Range{{0, 4}, {size - 8, 8}, {size - 40000, 39992}} {
				buf := make([]byte, r.Len)
				if _, err := f.ReadAt(buf, r.Off); err != nil || !bytes.Equal(buf, want[r.Off:r.Off+r.Len]) {
					t.Fatalf("ReadAt(%d, %d): %v", r.Off, r.Len, err)
				}
			}
		})
		if n != 0 {
			t.Errorf("reads within the head and tail made %d requests", n)
		}
		// A footer larger than the tail takes one more request, for the
		// part before the tail only.
		before := Counters().Bytes
		n = gets(f, func() {
			buf := make([]byte, 100000)
			if _, err := f.ReadAt(buf, size-8-100000); err != nil || !bytes.Equal(buf, want[size-8-100000:size-8]) {
				t.Fatalf("large footer: %v", err)
			}
		})
		if got := Counters().Bytes - before; n != 1 || got != 100000+8-TailSize {
			t.Errorf("a footer past the tail took %d requests and %d bytes, want 1 and %d", n, got, 100000+8-TailSize)
		}
	})

	t.Run("small object whole", func(t *testing.T) {
		put(t, "reads", "small", want[:1000])
		f := s.OpenFile(ctx, "small", 1000, "")
		defer f.Close()
		if n := gets(f, f.PrefetchEnds); n != 1 {
			t.Errorf("PrefetchEnds on a small object made %d requests, want 1", n)
		}
		buf := make([]byte, 1000)
		if n := gets(f, func() { _, _ = f.ReadAt(buf, 0) }); n != 0 || !bytes.Equal(buf, want[:1000]) {
			t.Errorf("read of a prefetched small object: %d requests", n)
		}
	})

	t.Run("prefetch", func(t *testing.T) {
		f := s.OpenFile(ctx, "obj", size, "")
		defer f.Close()
		// Three column chunks, two of them 100 KiB apart, one 2 MiB away.
		chunks := []Range{{1000, 300000}, {300000 + 1000 + 100<<10, 200000}, {3 << 20, 500000}}
		var release func()
		if n := gets(f, func() { release = f.Prefetch(chunks, 64<<20) }); n != 2 {
			t.Errorf("Prefetch made %d requests, want 2 (the first two merged)", n)
		}
		n := gets(f, func() {
			for _, c := range chunks {
				// parquet-go reads a chunk in 64 KiB pieces.
				for off := c.Off; off < c.Off+c.Len; off += 64 << 10 {
					l := min(64<<10, c.Off+c.Len-off)
					buf := make([]byte, l)
					if _, err := f.ReadAt(buf, off); err != nil || !bytes.Equal(buf, want[off:off+l]) {
						t.Fatalf("ReadAt(%d): %v", off, err)
					}
				}
			}
		})
		if n != 0 {
			t.Errorf("reading prefetched chunks made %d requests", n)
		}
		release()
		if len(f.segs) != 0 {
			t.Errorf("%d segments kept after release", len(f.segs))
		}
	})

	t.Run("budget", func(t *testing.T) {
		f := s.OpenFile(ctx, "obj", size, "")
		defer f.Close()
		release := f.Prefetch([]Range{{0, 3 << 20}, {4 << 20, 1 << 20}}, 2<<20)
		defer release()
		var held int64
		for _, g := range f.segs {
			held += g.n
		}
		if held > 2<<20 {
			t.Errorf("prefetched %d bytes over a budget of %d", held, 2<<20)
		}
	})

	t.Run("sequential blocks", func(t *testing.T) {
		f := s.OpenFile(ctx, "obj", size, "")
		defer f.Close()
		got := make([]byte, 0, size)
		n := gets(f, func() {
			buf := make([]byte, 32<<10)
			for off := int64(0); off < size; {
				m, err := f.ReadAt(buf, off)
				got = append(got, buf[:m]...)
				off += int64(m)
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
			}
		})
		if !bytes.Equal(got, want) {
			t.Fatal("sequential read differs")
		}
		if blocks := int64((size + BlockSize - 1) / BlockSize); n != blocks {
			t.Errorf("sequential read made %d requests, want %d (one per block)", n, blocks)
		}
		if len(f.segs) > cachedBlocks {
			t.Errorf("%d blocks kept, more than %d", len(f.segs), cachedBlocks)
		}
	})

	t.Run("random", func(t *testing.T) {
		f := s.OpenFile(ctx, "obj", size, "")
		defer f.Close()
		r := rand.New(rand.NewPCG(3, 4))
		var wg sync.WaitGroup
		for w := 0; w < 4; w++ {
			wg.Go(func() {
				for range 50 {
					mu.Lock()
					off := r.Int64N(size)
					l := r.Int64N(3 << 20)
					mu.Unlock()
					buf := make([]byte, l)
					m, err := f.ReadAt(buf, off)
					end := min(off+l, size)
					if int64(m) != end-off || (err != nil && !(err == io.EOF && off+l > size)) || !bytes.Equal(buf[:m], want[off:end]) {
						t.Errorf("ReadAt(%d, %d) = %d, %v", off, l, m, err)
					}
				}
			})
		}
		wg.Wait()
	})

	t.Run("past the end", func(t *testing.T) {
		f := s.OpenFile(ctx, "obj", size, "")
		if _, err := f.ReadAt(make([]byte, 1), size); err != io.EOF {
			t.Errorf("ReadAt at the end: %v, want EOF", err)
		}
		if _, err := f.ReadAt(make([]byte, 1), -1); err == nil {
			t.Error("ReadAt at -1: no error")
		}
	})

	t.Run("shorter than listed", func(t *testing.T) {
		f := s.OpenFile(ctx, "obj", size+10, "")
		_, err := f.ReadAt(make([]byte, 10), size)
		if !errors.Is(err, ErrChanged) {
			t.Errorf("read of an object shorter than listed: %v, want ErrChanged", err)
		}
	})
}

var mu sync.Mutex

func TestListStat(t *testing.T) {
	ctx := context.Background()
	for _, k := range []string{"t/a.parquet", "t/year=2024/b.parquet", "t/_delta_log/0.json", "t/dir/", "u.parquet", "tx/c"} {
		put(t, "list", k, []byte("x"))
	}
	s := openMem(t, "list")
	objs, err := s.List(ctx, "t/")
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, o := range objs {
		keys = append(keys, o.Key)
	}
	if want := []string{"t/_delta_log/0.json", "t/a.parquet", "t/year=2024/b.parquet"}; !slices.Equal(keys, want) {
		t.Errorf("List = %v, want %v", keys, want)
	}
	for key, want := range map[string]struct {
		dir bool
		err error
	}{
		"u.parquet": {false, nil}, "t": {true, nil}, "t/": {true, nil}, "": {true, nil},
		"t/year=2024": {true, nil}, "nothing": {false, fs.ErrNotExist}, "nothing/": {false, fs.ErrNotExist}, "t/a": {false, fs.ErrNotExist},
	} {
		_, dir, err := s.Stat(ctx, key)
		if dir != want.dir || !errors.Is(err, want.err) || (want.err == nil && err != nil) {
			t.Errorf("Stat(%q) = dir %v, %v; want dir %v, %v", key, dir, err, want.dir, want.err)
		}
	}
}

func TestOpenParams(t *testing.T) {
	ctx := context.Background()
	if _, err := Open(ctx, Location{Scheme: "mem", Bucket: "p", Params: url.Values{"a": {"1"}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ctx, Location{Scheme: "mem", Bucket: "p"}); err != nil {
		t.Errorf("reopening without parameters: %v", err)
	}
	if _, err := Open(ctx, Location{Scheme: "mem", Bucket: "p", Params: url.Values{"a": {"2"}}}); err == nil {
		t.Error("reopening with other parameters: no error")
	}
	// A URL of the open bucket is written with the parameters it was
	// opened with; others as they are.
	for in, want := range map[string]string{
		"mem://p/x/":          "mem://p/x/?a=1",
		"mem://p/x/?b=2":      "mem://p/x/?b=2",
		"mem://unopened/x/":   "mem://unopened/x/",
		"s3://user:pw@bucket": "s3://user:pw@bucket",
	} {
		if got := Configured(in); got != want {
			t.Errorf("Configured(%s) = %s, want %s", in, got, want)
		}
	}
}
