package objstore

import (
	"cmp"
	"context"
	"errors"
	"io"
	"slices"
	"sync"

	gcblob "gocloud.dev/blob"
	"gocloud.dev/gcerrors"

	"github.com/saglig/saglig/internal/i18n"
)

// Reading parameters. A footer is fetched with the object's tail in one
// request; reads the caller did not announce fetch whole blocks, the next
// one ahead when reading runs on; announced ranges (Prefetch) are merged
// when the gap between them is small and fetched concurrently in pieces.
const (
	// TailSize is fetched from the end of an object when it is opened: a
	// Parquet footer and an Arrow IPC file footer are usually within it.
	TailSize = 64 << 10
	// HeadSize is fetched from the start when it is opened: the magic
	// bytes, and an Arrow IPC stream's schema.
	HeadSize = 8 << 10
	// BlockSize is the least a read that was not announced fetches.
	BlockSize = 1 << 20
	// MaxPiece is the largest single request: longer ranges are split into
	// pieces fetched concurrently.
	MaxPiece = 8 << 20
	// cachedBlocks bounds the unannounced blocks a file keeps.
	cachedBlocks = 4
)

// MaxGap is the largest gap between two announced ranges that are fetched
// in one request (the gap's bytes are fetched and dropped). A negative gap
// merges nothing, not even adjacent ranges (for benchmarks).
var MaxGap int64 = 1 << 20

// PrefetchOff makes Prefetch fetch nothing: announced ranges are then read
// as the decoder asks for them, in blocks (for benchmarks: the scan of an
// object without its column chunks fetched ahead).
var PrefetchOff bool

// MaxConcurrent bounds the requests in flight to all stores at once.
const MaxConcurrent = 16

var sem = make(chan struct{}, MaxConcurrent)

func acquire(ctx context.Context) error {
	select {
	case sem <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func release() { <-sem }

// Range is a byte range of an object: Len bytes from Off.
type Range struct{ Off, Len int64 }

// File reads one object through ranged requests. It is safe for
// concurrent use. Every request after the first is pinned to the version
// (ETag, generation) the first one saw, so that an object replaced while
// it is read fails with ErrChanged instead of mixing two versions.
type File struct {
	s    *Store
	key  string
	size int64
	ctx  context.Context

	mu      sync.Mutex
	version string
	segs    []*segment
	tick    uint64
	lastEnd int64 // end of the last unannounced block, for read-ahead
}

// segment is fetched bytes [off, off+len(data)) of the object.
type segment struct {
	off, n int64
	data   []byte
	done   chan struct{}
	err    error
	// pins counts the prefetch sets (and the opening) that keep it;
	// unpinned segments are blocks, kept while they are among the most
	// recently used.
	pins int
	used uint64
	// announced is true for a segment fetched by Prefetch or
	// PrefetchEnds: once unpinned it is dropped, not kept as a block.
	announced bool
}

func (g *segment) end() int64 { return g.off + g.n }

// OpenFile returns a reader of the object key of size bytes (as listed).
// With version (from an earlier File's Version) every read is pinned to
// it. Its requests stop when ctx is done. No request is made until the
// first read.
func (s *Store) OpenFile(ctx context.Context, key string, size int64, version string) *File {
	return &File{s: s, key: key, size: size, ctx: ctx, version: version, lastEnd: -1}
}

// Name is the object's location as saglig shows it.
func (f *File) Name() string { return f.s.loc.With(f.key).String() }

// Size is the object's size in bytes.
func (f *File) Size() int64 { return f.size }

// Version is the object's version as the reads so far saw it, or "".
func (f *File) Version() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.version
}

// Close drops what the file holds.
func (f *File) Close() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.segs = nil
	return nil
}

// PrefetchEnds fetches the object's head and tail (HeadSize, TailSize) in
// concurrent requests, or the whole object when it is small, and keeps
// them until Close: opening a Parquet or Arrow file then takes no other
// request unless its footer is larger than the tail.
func (f *File) PrefetchEnds() {
	if f.size <= 0 {
		return
	}
	var rs []Range
	if f.size <= HeadSize+TailSize+MaxGap {
		rs = []Range{{0, f.size}}
	} else {
		rs = []Range{{0, HeadSize}, {f.size - TailSize, TailSize}}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, r := range rs {
		f.start(r.Off, r.Len, 1).announced = true
	}
}

// Prefetch announces the ranges a reader is about to read: they are
// merged where less than MaxGap apart, split into pieces of at most
// MaxPiece, and fetched concurrently, up to budget bytes in all (the rest
// is read when asked for). What is fetched is kept until release is
// called. Ranges are clipped to the object.
func (f *File) Prefetch(ranges []Range, budget int64) (release func()) {
	if PrefetchOff {
		return func() {}
	}
	pieces := Coalesce(ranges, f.size, MaxGap, MaxPiece)
	f.mu.Lock()
	defer f.mu.Unlock()
	var mine []*segment
	var total int64
	for _, p := range pieces {
		if total+p.Len > budget {
			break
		}
		if g := f.covering(p.Off, p.Off+p.Len); g != nil {
			g.pins++
			mine = append(mine, g)
			continue
		}
		total += p.Len
		g := f.start(p.Off, p.Len, 1)
		g.announced = true
		mine = append(mine, g)
	}
	return func() {
		f.mu.Lock()
		defer f.mu.Unlock()
		for _, g := range mine {
			g.pins--
		}
		f.evict()
	}
}

// Coalesce sorts ranges, clips them to [0, size), merges those less than
// gap apart (or overlapping) and splits the result into pieces of at most
// piece bytes.
func Coalesce(ranges []Range, size, gap, piece int64) []Range {
	rs := make([]Range, 0, len(ranges))
	for _, r := range ranges {
		if r.Off < 0 {
			r.Len += r.Off
			r.Off = 0
		}
		r.Len = min(r.Len, size-r.Off)
		if r.Len > 0 {
			rs = append(rs, r)
		}
	}
	slices.SortFunc(rs, func(a, b Range) int { return cmp.Compare(a.Off, b.Off) })
	var merged []Range
	for _, r := range rs {
		if n := len(merged); n > 0 {
			last := &merged[n-1]
			if end := last.Off + last.Len; gap >= 0 && r.Off <= end+gap {
				last.Len = max(end, r.Off+r.Len) - last.Off
				continue
			}
		}
		merged = append(merged, r)
	}
	var out []Range
	for _, r := range merged {
		// Equal pieces, none over the limit.
		n := (r.Len + piece - 1) / piece
		each := (r.Len + n - 1) / n
		for off := r.Off; off < r.Off+r.Len; off += each {
			out = append(out, Range{off, min(each, r.Off+r.Len-off)})
		}
	}
	return out
}

// covering returns a segment holding [off, end), or nil. f.mu is held.
func (f *File) covering(off, end int64) *segment {
	for _, g := range f.segs {
		if g.off <= off && end <= g.end() && (!isDone(g) || g.err == nil) {
			return g
		}
	}
	return nil
}

func isDone(g *segment) bool {
	select {
	case <-g.done:
		return true
	default:
		return false
	}
}

// start begins fetching [off, off+n) as a segment. f.mu is held.
func (f *File) start(off, n int64, pins int) *segment {
	f.tick++
	g := &segment{off: off, n: n, done: make(chan struct{}), pins: pins, used: f.tick}
	f.segs = append(f.segs, g)
	go func() {
		g.data, g.err = f.get(off, n)
		close(g.done)
	}()
	return g
}

// evict drops unpinned segments that were announced, failed ones, and
// unannounced blocks past the most recent cachedBlocks. f.mu is held.
func (f *File) evict() {
	var blocks []*segment
	keep := f.segs[:0]
	for _, g := range f.segs {
		switch {
		case g.pins > 0:
			keep = append(keep, g)
		case isDone(g) && g.err != nil, g.announced:
		default:
			blocks = append(blocks, g)
		}
	}
	slices.SortFunc(blocks, func(a, b *segment) int { return int(b.used - a.used) })
	if len(blocks) > cachedBlocks {
		blocks = blocks[:cachedBlocks]
	}
	f.segs = append(keep, blocks...)
}

// ReadAt reads len(p) bytes at off, from what is fetched or by fetching it.
func (f *File) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, i18n.Errorf("read at negative offset %d", off)
	}
	if off >= f.size {
		if len(p) == 0 {
			return 0, nil
		}
		return 0, io.EOF
	}
	want := p[:min(int64(len(p)), f.size-off)]
	n := 0
	for n < len(want) {
		at := off + int64(n)
		f.mu.Lock()
		g := f.covering(at, at+1)
		if g == nil && int64(len(want)-n) >= BlockSize {
			f.mu.Unlock()
			// A large read goes straight into p.
			m, err := f.readInto(want[n:], at)
			n += m
			if err != nil {
				return n, err
			}
			continue
		}
		if g == nil {
			g = f.startBlock(at)
		}
		f.tick++
		g.used = f.tick
		f.mu.Unlock()
		<-g.done
		if g.err != nil {
			return n, g.err
		}
		n += copy(want[n:], g.data[at-g.off:])
	}
	if len(want) < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// startBlock fetches the block at off and, when reading runs on from the
// previous block, the one after it. f.mu is held.
func (f *File) startBlock(off int64) *segment {
	ahead := off == f.lastEnd
	n := f.blockLen(off)
	g := f.start(off, n, 0)
	f.lastEnd = off + n
	if ahead && f.lastEnd < f.size && f.covering(f.lastEnd, f.lastEnd+1) == nil {
		m := f.blockLen(f.lastEnd)
		f.start(f.lastEnd, m, 0)
	}
	f.evict()
	return g
}

// blockLen is the length of the block at off: BlockSize, less where the
// object or an existing segment begins. f.mu is held.
func (f *File) blockLen(off int64) int64 {
	end := min(off+BlockSize, f.size)
	for _, g := range f.segs {
		if g.off > off && g.off < end {
			end = g.off
		}
	}
	return end - off
}

// readInto reads len(p) bytes at off straight into p, in concurrent
// pieces of at most MaxPiece.
func (f *File) readInto(p []byte, off int64) (int, error) {
	pieces := Coalesce([]Range{{off, int64(len(p))}}, f.size, 0, MaxPiece)
	errs := make([]error, len(pieces))
	var wg sync.WaitGroup
	for i, r := range pieces {
		wg.Go(func() {
			errs[i] = f.getInto(p[r.Off-off:r.Off-off+r.Len], r.Off)
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return int(pieces[i].Off - off), err
		}
	}
	return len(p), nil
}

// get fetches n bytes at off.
func (f *File) get(off, n int64) ([]byte, error) {
	buf := make([]byte, n)
	if err := f.getInto(buf, off); err != nil {
		return nil, err
	}
	return buf, nil
}

// getInto fetches len(p) bytes at off into p: one ranged request, pinned
// to the version seen first.
func (f *File) getInto(p []byte, off int64) error {
	ctx, cancel := context.WithTimeout(f.ctx, RequestTimeout)
	defer cancel()
	if err := acquire(ctx); err != nil {
		return err
	}
	defer release()
	f.mu.Lock()
	version := f.version
	f.mu.Unlock()
	var opts *gcblob.ReaderOptions
	if version != "" && f.s.drv.pin != nil {
		opts = &gcblob.ReaderOptions{BeforeRead: f.s.drv.pin(version)}
	}
	f.s.stats.Gets.Add(1)
	r, err := f.s.b.NewRangeReader(ctx, f.key, off, int64(len(p)), opts)
	if err != nil {
		if gcerrors.Code(err) == gcerrors.NotFound && version != "" {
			return ErrChanged
		}
		return f.s.describe(err, f.key)
	}
	defer r.Close()
	if f.s.drv.version != nil {
		if v := f.s.drv.version(r); v != "" {
			f.mu.Lock()
			switch {
			case f.version == "":
				f.version = v
			case f.version != v:
				f.mu.Unlock()
				return ErrChanged
			}
			f.mu.Unlock()
		}
	}
	if r.Size() != f.size {
		return ErrChanged
	}
	m, err := io.ReadFull(r, p)
	f.s.stats.Bytes.Add(int64(m))
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return i18n.Errorf("%v (%s at offset %d: got %d)", ErrChanged, i18n.M("%d bytes", len(p)), off, m)
		}
		if ctx.Err() != nil {
			return timedOut()
		}
		return f.s.describe(err, f.key)
	}
	return nil
}
