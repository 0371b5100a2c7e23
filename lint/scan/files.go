package scan

import (
	"context"
	"io"
	"math"
	"sync"
	"time"

	"github.com/apache/arrow-go/v18/arrow/ipc"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/dataset"
	"github.com/saglig/saglig/lint/source/objstore"
)

// fileInfo is one file of the dataset, opened for its metadata, and its
// state while the scan reads it.
type fileInfo struct {
	idx    int
	path   string
	format dataset.Format
	size   int64
	// open opens the file for a reader (dataset.Dataset.Opener).
	open dataset.Opener
	// cols[c] says where column c is in this file.
	cols []source
	// pq is a Parquet file's footer, as Recheck read it.
	pq *dataset.ParquetFooter
	// arrow file: number of record batches.
	batches int
	// lim are the request's limits, defaults filled in.
	lim dataset.Limits
	// remote is true for a file read by ranged requests (an object in a
	// store): a unit fetches its column chunks ahead, and the memory plan
	// counts them.
	remote bool

	// The file's deadline: FileTimeout after its first unit began, by
	// clock.
	clock     clock
	startOnce sync.Once
	deadline  time.Time

	// The first error met reading the file: that of the unit with the
	// lowest seq (failSeq, math.MaxInt while none).
	failMu  sync.Mutex
	failSeq int
	err     *dataset.Error

	// Page checks of the column chunks of shared columns, by row group and
	// leaf column.
	checkMu sync.Mutex
	checks  map[[2]int]*chunkCheck
}

// source is where a column's values come from in one file.
type source struct {
	kind sourceKind
	// Parquet: the leaf column (its index: its column chunk in every
	// row group) and how its pages decode, how its values become
	// canonical, and whether it is repeated (a list or map: levels carry
	// the rows).
	leaf     int
	pqLeaf   dataset.ParquetLeaf
	conv     pqConv
	repeated bool
	// Arrow: the field index path from the schema to the column.
	fields []int
	// partition: the value, canonical.
	part partValue
}

type sourceKind uint8

const (
	srcAbsent sourceKind = iota
	srcParquet
	srcArrow
	srcPartition
)

// chunkCheck is the page check of one column chunk, run once.
type chunkCheck struct {
	once sync.Once
	err  error
}

// fail records err, met in unit seq, as the file's error unless an error
// of an earlier unit is recorded.
func (fi *fileInfo) fail(p *plan, seq int, err *dataset.Error) {
	fi.failMu.Lock()
	defer fi.failMu.Unlock()
	if seq < fi.failSeq {
		fi.failSeq, fi.err = seq, err
	}
	p.failed.Store(true)
}

// failedBefore reports whether a unit before seq failed: unit seq, whose
// error could not be the file's, is not read.
func (fi *fileInfo) failedBefore(seq int) bool {
	fi.failMu.Lock()
	defer fi.failMu.Unlock()
	return fi.failSeq < seq
}

// fileErr returns the file's error, or nil.
func (fi *fileInfo) fileErr() *dataset.Error {
	fi.failMu.Lock()
	defer fi.failMu.Unlock()
	return fi.err
}

// withDeadline returns ctx bounded by the file's deadline, which starts
// with its first unit (FileTimeout, dataset.Limits): when the file's clock
// passes it, the context is cancelled with the cause
// context.DeadlineExceeded.
func (fi *fileInfo) withDeadline(ctx context.Context) (context.Context, context.CancelFunc) {
	fi.startOnce.Do(func() { fi.deadline = fi.clock.Now().Add(fi.lim.FileTimeout) })
	dctx, cancel := context.WithCancelCause(ctx)
	left := fi.deadline.Sub(fi.clock.Now())
	if left <= 0 {
		cancel(context.DeadlineExceeded)
		return dctx, func() {}
	}
	stop := fi.clock.AfterFunc(left, func() { cancel(context.DeadlineExceeded) })
	return dctx, func() {
		stop()
		cancel(context.Canceled)
	}
}

// clock measures the files' deadlines: the wall clock (wallClock), or a
// test's, which moves only when the test moves it.
type clock interface {
	Now() time.Time
	// AfterFunc calls f, in its own goroutine, once d has passed; stop
	// keeps it from being called.
	AfterFunc(d time.Duration, f func()) (stop func() bool)
}

type wallClock struct{}

func (wallClock) Now() time.Time { return time.Now() }

func (wallClock) AfterFunc(d time.Duration, f func()) func() bool {
	return time.AfterFunc(d, f).Stop
}

// timeout is the error of a file read for longer than FileTimeout.
func (fi *fileInfo) timeout() *dataset.Error {
	return &dataset.Error{Path: fi.path, Err: fi.lim.TimeoutError()}
}

// check runs the page check of column chunk col of row group rg
// (dataset.Limits.CheckParquetPages) before a decoder reads it, once for
// all units when the column is shared.
func (fi *fileInfo) check(ctx context.Context, r io.ReaderAt, rg, col int, shared bool) error {
	run := func() error {
		return fi.lim.CheckParquetPages(ctx, r, fi.size, &fi.pq.Meta.RowGroups[rg].Columns[col])
	}
	if !shared {
		return run()
	}
	fi.checkMu.Lock()
	c := fi.checks[[2]int{rg, col}]
	if c == nil {
		if fi.checks == nil {
			fi.checks = make(map[[2]int]*chunkCheck)
		}
		c = new(chunkCheck)
		fi.checks[[2]int{rg, col}] = c
	}
	fi.checkMu.Unlock()
	c.once.Do(func() { c.err = run() })
	return c.err
}

// prefetcher is a file read by ranged requests that fetches announced
// ranges ahead of reading them (lint/source/objstore.File).
type prefetcher interface {
	// PrefetchEnds fetches the file's head and tail, where its metadata is.
	PrefetchEnds()
	// Prefetch fetches the ranges, merged and concurrently, up to budget
	// bytes, and keeps them until release is called.
	Prefetch(ranges []objstore.Range, budget int64) (release func())
}

// openFile reads one file's metadata again, on the handle its decoders
// will read, and finds each column of the scan in it by the location the
// metadata gives. Its errors are *dataset.Error naming the file.
func (p *plan) openFile(i int, f dataset.File) (fi *fileInfo, err error) {
	fi = &fileInfo{idx: i, path: f.Path, format: f.Format, size: f.Size, open: p.ds.Opener(),
		cols: make([]source, len(p.cols)), lim: p.req.Limits.WithDefaults(), clock: p.clock, failSeq: math.MaxInt}
	fail := func(err error) (*fileInfo, error) {
		return nil, &dataset.Error{Path: f.Path, Err: err}
	}
	defer func() {
		if r := recover(); r != nil {
			fi, err = fail(i18n.Errorf("cannot read the file's metadata: %v", r))
		}
	}()
	r, err := fi.open(f.Path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	fi.size = r.Size()
	if pf, ok := r.(prefetcher); ok {
		fi.remote = true
		pf.PrefetchEnds()
	}
	// The file's metadata passed the limits when the dataset was opened;
	// they are checked again on this handle, which the decoders read, so
	// that a file replaced since is not trusted on the strength of that,
	// and the columns are found where the metadata read now puts them.
	// A Parquet footer is read and decoded here once: the scan reads the
	// file by it.
	rf, pf, err := dataset.Recheck(r, fi.size, f.Format, dataset.Options{Limits: fi.lim, Now: fi.clock.Now})
	if err != nil {
		return fail(err)
	}
	if rf.Encrypted {
		return fail(i18n.Errorf("%v: its columns are encrypted (its schema alone can be read, with --schema-only)", dataset.ErrEncryptedParquet))
	}
	cols := rf.Columns
	switch f.Format {
	case dataset.Parquet:
		err = p.openParquet(fi, pf, cols)
	case dataset.ArrowFile:
		err = p.openArrowFile(fi, r, cols)
	case dataset.ArrowStream:
		err = p.openArrowStream(fi, r, cols)
	default:
		err = i18n.Errorf("unsupported format %q", f.Format)
	}
	if err != nil {
		return fail(err)
	}
	// Hive partition columns: constant per file.
	for _, c := range p.ds.Columns {
		cs := p.byPath[c.Path]
		if cs == nil || !c.Partition || fi.cols[cs.idx].kind != srcAbsent {
			continue
		}
		raw, ok := f.Partitions[c.Path]
		if !ok {
			continue
		}
		pv, err := parsePartition(cs.vt, raw)
		if err != nil {
			return fail(i18n.Errorf("partition %s=%s: %v", c.Path, raw, err))
		}
		fi.cols[cs.idx] = source{kind: srcPartition, part: pv}
	}
	return fi, nil
}

func (p *plan) openParquet(fi *fileInfo, pf *dataset.ParquetFooter, cols []dataset.Column) error {
	fi.pq = pf
	first := true
	for _, other := range p.files {
		if other.pq != nil {
			first = false
		}
	}
	for _, c := range cols {
		cs := p.byPath[c.Path]
		if cs == nil || c.Loc.Leaf < 0 {
			continue // not scanned, or an empty group: nulls
		}
		if c.Loc.Leaf >= len(pf.Leaves) {
			return i18n.Errorf("column %q: leaf %d of %d", c.Path, c.Loc.Leaf, len(pf.Leaves))
		}
		leaf := pf.Leaves[c.Loc.Leaf]
		conv, err := parquetConv(leaf, c.ColumnType, cs.vt)
		if err != nil {
			return i18n.Errorf("column %q: %v", c.Path, err)
		}
		fi.cols[cs.idx] = source{kind: srcParquet, leaf: c.Loc.Leaf, pqLeaf: leaf, conv: conv, repeated: leaf.MaxRep > 0}
		if first && len(pf.Meta.RowGroups) > 0 {
			cs.cost = pf.Meta.RowGroups[0].Columns[c.Loc.Leaf].MetaData.TotalCompressedSize
		}
	}
	return nil
}

// ipcOptions bound what arrow-go allocates for one message of a file:
// metadata within the file and MaxFooterSize, body within the file.
func (fi *fileInfo) ipcOptions() []ipc.Option {
	return dataset.IPCOptions(fi.size, fi.lim)
}

func (p *plan) openArrowFile(fi *fileInfo, r io.ReaderAt, cols []dataset.Column) error {
	rd, err := ipc.NewFileReader(io.NewSectionReader(r, 0, fi.size), fi.ipcOptions()...)
	if err != nil {
		return err
	}
	defer rd.Close()
	fi.batches = rd.NumRecords()
	return p.arrowColumns(fi, cols)
}

func (p *plan) openArrowStream(fi *fileInfo, r io.ReaderAt, cols []dataset.Column) error {
	rd, err := ipc.NewReader(io.NewSectionReader(r, 0, fi.size), fi.ipcOptions()...)
	if err != nil {
		return err
	}
	defer rd.Release()
	return p.arrowColumns(fi, cols)
}

// arrowColumns finds the scan's columns in an Arrow file by their field
// index paths.
func (p *plan) arrowColumns(fi *fileInfo, cols []dataset.Column) error {
	for _, c := range cols {
		cs := p.byPath[c.Path]
		if cs == nil {
			continue
		}
		if err := compatible(c, cs); err != nil {
			return err
		}
		fi.cols[cs.idx] = source{kind: srcArrow, fields: c.Loc.Fields, repeated: c.Shape.Nested()}
	}
	return nil
}

// compatible checks that a file's column can be read as the dataset's:
// its values of the same canonical class, or integers of a column widened
// to floating point.
func compatible(c dataset.Column, cs *colSpec) error {
	vt := valueTypeOf(c.ColumnType)
	if vt.cls == cs.vt.cls || vt.cls == clsInt && cs.vt.cls == clsFloat {
		return nil
	}
	return i18n.Errorf("column %q holds %s values here but %s in the dataset", c.Path, vt, cs.vt)
}
