package scan

import (
	"cmp"
	"container/heap"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"

	"github.com/saglig/saglig/lint/dataset"
)

// colSpec is one column of the scan.
type colSpec struct {
	idx  int
	path string
	typ  string // the dataset's type name
	vt   valueType
	// vtFrom is the file the value type was taken from ("" before).
	vtFrom string
	// Roles in the request.
	profile, input, protected, id, ts bool
	// window is true when the column must be read row-aligned with others:
	// an input or protected column of a pair, or the id or timestamp.
	window bool
	// nested is true when some file holds the column as a list, map or
	// variant: it is profiled over its elements and cannot be aligned.
	nested bool
	// levels bound the column's levels in tables (inputs and protected).
	levels *levelSpec
	// cost is the column's compressed size in the first Parquet file, for
	// balancing column groups.
	cost int64
	// shared is true when more than one column group reads the column: its
	// Parquet column chunks are then checked once for all (fileInfo.check).
	shared bool
}

// pairSpec is one input × protected pair.
type pairSpec struct{ in, prot int }

// plan is everything decided before reading data.
type plan struct {
	ds     *dataset.Dataset
	req    Request
	cols   []*colSpec
	byPath map[string]*colSpec
	pairs  []pairSpec
	// id and ts are column indices, −1 without a period.
	id, ts int
	files  []*fileInfo
	// groups are the column groups of Parquet row groups, column indices.
	groups [][]int
	// owner[c] is the group whose units profile column c.
	owner []int
	// window is the number of rows aligned at a time.
	window int
	// spanCap bounds the subjects sampled for the observation period.
	spanCap int
	// inflight bounds the units being read or waiting to be merged.
	inflight   int
	workers    int
	totalBytes int64
	notes      []string
	// failed is set when a file fails; nothing is merged after.
	failed atomic.Bool
}

// fileInfo is one file of the dataset, opened for its metadata.
type fileInfo struct {
	idx    int
	path   string
	format dataset.Format
	size   int64
	// cols[c] says where column c is in this file.
	cols []source
	pq   *parquet.File
	// arrow file: number of record batches.
	batches int
	// lim are the request's limits, defaults filled in.
	lim dataset.Limits

	// The file's deadline: FileTimeout after its first unit began.
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
// with its first unit (FileTimeout, dataset.Limits).
func (fi *fileInfo) withDeadline(ctx context.Context) (context.Context, context.CancelFunc) {
	fi.startOnce.Do(func() { fi.deadline = time.Now().Add(fi.lim.FileTimeout) })
	return context.WithDeadline(ctx, fi.deadline)
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
		return fi.lim.CheckParquetPages(ctx, r, fi.size, &fi.pq.Metadata().RowGroups[rg].Columns[col])
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

// source is where a column's values come from in one file.
type source struct {
	kind sourceKind
	// Parquet: the leaf column; float16 when the schema annotates it
	// FLOAT16 (float16Leaves).
	leaf              *parquet.Column
	repeated, float16 bool
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

// partValue is a Hive partition value, canonical.
type partValue struct {
	null bool
	i    int64
	f    float64
	b    []byte
}

// normalise fills a request's defaults.
func normalise(req Request) Request {
	if req.SampleSize <= 0 {
		req.SampleSize = DefaultSampleSize
	}
	if req.Memory <= 0 {
		req.Memory = DefaultMemory
	}
	if req.Workers <= 0 {
		req.Workers = runtime.GOMAXPROCS(0)
	}
	return req
}

// newPlan resolves the request against the dataset and reads every file's
// metadata.
func newPlan(ds *dataset.Dataset, req Request) (*plan, error) {
	req = normalise(req)
	p := &plan{ds: ds, req: req, byPath: map[string]*colSpec{}, id: -1, ts: -1}
	for _, c := range ds.Columns {
		if _, dup := p.byPath[c.Path]; dup {
			continue
		}
		cs := &colSpec{idx: len(p.cols), path: c.Path, typ: c.Type}
		p.cols = append(p.cols, cs)
		p.byPath[c.Path] = cs
	}
	lookup := func(what, path string) (*colSpec, error) {
		cs := p.byPath[path]
		if cs == nil {
			return nil, fmt.Errorf("%s: %s column %q is not in the dataset", ds.Path, what, path)
		}
		return cs, nil
	}
	if req.Columns == nil {
		for _, cs := range p.cols {
			cs.profile = true
		}
	}
	for _, path := range req.Columns {
		cs, err := lookup("requested", path)
		if err != nil {
			return nil, err
		}
		cs.profile = true
	}
	var inputs, prots []*colSpec
	for _, path := range req.Inputs {
		cs, err := lookup("input", path)
		if err != nil {
			return nil, err
		}
		if !cs.input {
			cs.input = true
			inputs = append(inputs, cs)
		}
	}
	for _, path := range req.Protected {
		cs, err := lookup("protected", path)
		if err != nil {
			return nil, err
		}
		if !cs.protected {
			cs.protected = true
			prots = append(prots, cs)
		}
	}
	if req.ID != "" && req.Timestamp != "" {
		id, err := lookup("id", req.ID)
		if err != nil {
			return nil, err
		}
		ts, err := lookup("timestamp", req.Timestamp)
		if err != nil {
			return nil, err
		}
		id.id, ts.ts = true, true
		p.id, p.ts = id.idx, ts.idx
	}
	// Every file is opened, so that all that cannot be are reported at once.
	var failed FileErrors
	for i, f := range ds.Files {
		fi, err := p.openFile(i, f)
		if err != nil {
			var de *dataset.Error
			if errors.As(err, &de) && de.Path == f.Path {
				failed = append(failed, de)
				continue
			}
			return nil, err
		}
		p.files = append(p.files, fi)
	}
	if len(failed) > 0 {
		return nil, failed
	}
	for _, cs := range p.cols {
		if cs.vtFrom == "" { // in no file: a column of nulls
			cs.vt = valueType{cls: clsBytes}
		}
	}
	// Pairs and the period need row-aligned columns.
	for _, in := range inputs {
		for _, pr := range prots {
			switch {
			case in == pr:
				p.note("%q is both an input and protected; it is not associated with itself", in.path)
			case in.nested || pr.nested:
				p.note("%q × %q not measured: a list, map or variant column has no single value per row", in.path, pr.path)
			default:
				p.pairs = append(p.pairs, pairSpec{in: in.idx, prot: pr.idx})
			}
		}
	}
	if p.id >= 0 && (p.cols[p.id].nested || p.cols[p.ts].nested) {
		p.note("observation period not measured: %q or %q is a list, map or variant column", req.ID, req.Timestamp)
		p.cols[p.id].id, p.cols[p.ts].ts = false, false
		p.id, p.ts = -1, -1
	}
	for _, pr := range p.pairs {
		in, prot := p.cols[pr.in], p.cols[pr.prot]
		in.window, prot.window = true, true
		if in.levels == nil {
			in.levels = newLevelSpec(in.vt, MaxInputLevels)
		}
		if prot.levels == nil {
			prot.levels = newLevelSpec(prot.vt, MaxProtectedLevels)
		}
	}
	if p.id >= 0 {
		p.cols[p.id].window, p.cols[p.ts].window = true, true
	}
	p.budget()
	return p, nil
}

func (p *plan) note(format string, args ...any) {
	p.notes = append(p.notes, fmt.Sprintf(format, args...))
}

// openFile reads one file's metadata and finds each column in it. Its
// errors are *dataset.Error naming the file.
func (p *plan) openFile(i int, f dataset.File) (fi *fileInfo, err error) {
	fi = &fileInfo{idx: i, path: f.Path, format: f.Format, size: f.Size, cols: make([]source, len(p.cols)),
		lim: p.req.Limits.WithDefaults(), failSeq: math.MaxInt}
	defer func() {
		if r := recover(); r != nil {
			err = &dataset.Error{Path: f.Path, Err: fmt.Errorf("cannot read the file's metadata: %v", r)}
		}
	}()
	osf, err := os.Open(f.Path)
	if err != nil {
		return nil, &dataset.Error{Path: f.Path, Err: unwrapPath(err)}
	}
	defer osf.Close()
	if st, err := osf.Stat(); err == nil {
		fi.size = st.Size()
	}
	// The file's metadata passed the limits when the dataset was opened;
	// they are checked again on this handle, which the decoders read, so
	// that a file replaced since is not trusted on the strength of that.
	if err := dataset.Recheck(osf, fi.size, f.Format, fi.lim); err != nil {
		return nil, &dataset.Error{Path: f.Path, Err: err}
	}
	if _, err := osf.Seek(0, io.SeekStart); err != nil {
		return nil, &dataset.Error{Path: f.Path, Err: err}
	}
	switch f.Format {
	case dataset.Parquet:
		err = p.openParquet(fi, osf)
	case dataset.ArrowFile:
		err = p.openArrowFile(fi, osf)
	case dataset.ArrowStream:
		err = p.openArrowStream(fi, osf)
	default:
		err = fmt.Errorf("unsupported format %q", f.Format)
	}
	if err != nil {
		return nil, &dataset.Error{Path: f.Path, Err: err}
	}
	// Hive partition columns: constant per file.
	for _, c := range p.ds.Columns {
		cs := p.byPath[c.Path]
		if cs == nil || fi.cols[cs.idx].kind != srcAbsent {
			continue
		}
		raw, ok := f.Partitions[c.Path]
		if !ok || !c.Partition {
			continue
		}
		vt := partitionType(c.Type)
		pv, err := parsePartition(vt, raw)
		if err != nil {
			return nil, &dataset.Error{Path: f.Path, Err: fmt.Errorf("partition %s=%s: %w", c.Path, raw, err)}
		}
		if err := p.setType(cs, vt, f.Path); err != nil {
			return nil, &dataset.Error{Path: f.Path, Err: err}
		}
		fi.cols[cs.idx] = source{kind: srcPartition, part: pv}
	}
	return fi, nil
}

// unwrapPath drops the *PathError wrapper, whose path the caller repeats.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// setType records a column's value type, checking that every file agrees;
// the caller names the file in an error.
func (p *plan) setType(cs *colSpec, vt valueType, file string) error {
	switch {
	case cs.vtFrom == "":
		cs.vt, cs.vtFrom = vt, file
	case cs.vt.cls != vt.cls:
		return fmt.Errorf("column %q holds %s values here but %s in %s", cs.path, vt, cs.vt, cs.vtFrom)
	}
	return nil
}

// parquetOptions are the options every Parquet file is opened with: the
// footer only, no page index or bloom filter (the scan reads every page).
func parquetOptions() []parquet.FileOption {
	return []parquet.FileOption{
		parquet.SkipPageIndex(true),
		parquet.SkipBloomFilters(true),
		parquet.ReadBufferSize(64 << 10),
	}
}

func (p *plan) openParquet(fi *fileInfo, osf *os.File) error {
	pf, err := parquet.OpenFile(osf, fi.size, parquetOptions()...)
	if err != nil {
		return err
	}
	fi.pq = pf
	first := true
	for _, other := range p.files {
		if other.pq != nil {
			first = false
		}
	}
	f16 := float16Leaves(pf.Metadata())
	var walk func(n *parquet.Column, prefix string)
	walk = func(n *parquet.Column, prefix string) {
		for _, c := range n.Columns() {
			path := c.Name()
			if prefix != "" {
				path = prefix + "." + c.Name()
			}
			if !c.Leaf() && !c.Repeated() && !isContainer(c) {
				walk(c, path)
				continue
			}
			cs := p.byPath[path]
			if cs == nil {
				continue
			}
			leaf := firstLeaf(c)
			if leaf == nil {
				continue
			}
			fi.cols[cs.idx] = source{kind: srcParquet, leaf: leaf, repeated: leaf.MaxRepetitionLevel() > 0, float16: f16[leaf.Index()]}
			if leaf.MaxRepetitionLevel() > 0 {
				cs.nested = true
			}
			if err == nil {
				err = p.setType(cs, parquetValueType(leaf, f16[leaf.Index()]), fi.path)
			}
			if first && len(pf.Metadata().RowGroups) > 0 {
				cs.cost = pf.Metadata().RowGroups[0].Columns[leaf.Index()].MetaData.TotalCompressedSize
			}
		}
	}
	walk(pf.Root(), "")
	return err
}

// isContainer reports whether a group is a LIST, MAP or variant: one
// column in saglig, as dataset.Open names it.
func isContainer(c *parquet.Column) bool {
	lt := c.Type().LogicalType()
	if lt == nil {
		return false
	}
	switch lt.Value.(type) {
	case *format.ListType, *format.MapType, *format.VariantType:
		return true
	}
	return false
}

// firstLeaf is the first leaf under c, depth first.
func firstLeaf(c *parquet.Column) *parquet.Column {
	for !c.Leaf() {
		kids := c.Columns()
		if len(kids) == 0 {
			return nil
		}
		c = kids[0]
	}
	return c
}

// ipcOptions bound what arrow-go allocates for one message of a file:
// metadata within the file and MaxFooterSize, body within the file.
func (fi *fileInfo) ipcOptions() []ipc.Option {
	return dataset.IPCOptions(fi.size, fi.lim)
}

func (p *plan) openArrowFile(fi *fileInfo, osf *os.File) error {
	r, err := ipc.NewFileReader(osf, fi.ipcOptions()...)
	if err != nil {
		return err
	}
	defer r.Close()
	fi.batches = r.NumRecords()
	return p.arrowColumns(fi, r.Schema())
}

func (p *plan) openArrowStream(fi *fileInfo, osf *os.File) error {
	r, err := ipc.NewReader(osf, fi.ipcOptions()...)
	if err != nil {
		return err
	}
	defer r.Release()
	return p.arrowColumns(fi, r.Schema())
}

// arrowColumns finds the dataset's columns in an Arrow schema: structs are
// walked into (dotted paths), any other field is one column.
func (p *plan) arrowColumns(fi *fileInfo, s *arrow.Schema) error {
	var err error
	var walk func(fields []arrow.Field, prefix string, idx []int)
	walk = func(fields []arrow.Field, prefix string, idx []int) {
		for i, f := range fields {
			path := f.Name
			if prefix != "" {
				path = prefix + "." + f.Name
			}
			at := append(slices.Clone(idx), i)
			if st, ok := f.Type.(*arrow.StructType); ok {
				walk(st.Fields(), path, at)
				continue
			}
			cs := p.byPath[path]
			if cs == nil {
				continue
			}
			vt, nested := arrowValueType(f.Type)
			fi.cols[cs.idx] = source{kind: srcArrow, fields: at, repeated: nested}
			if nested {
				cs.nested = true
			}
			if err == nil {
				err = p.setType(cs, vt, fi.path)
			}
		}
	}
	walk(s.Fields(), "", nil)
	return err
}

// partitionType reads a partition column's type name.
func partitionType(typ string) valueType {
	t := strings.ToLower(typ)
	switch {
	case strings.HasPrefix(t, "int"):
		return valueType{cls: clsInt}
	case strings.HasPrefix(t, "uint"):
		return valueType{cls: clsInt, disp: dispUint}
	case strings.HasPrefix(t, "float"), strings.HasPrefix(t, "double"), strings.HasPrefix(t, "decimal"):
		return valueType{cls: clsFloat}
	case t == "bool" || t == "boolean":
		return valueType{cls: clsInt, disp: dispBool}
	case t == "date":
		return valueType{cls: clsInt, disp: dispDate}
	}
	return valueType{cls: clsBytes}
}

// hiveNull is how Hive writes a null partition value.
const hiveNull = "__HIVE_DEFAULT_PARTITION__"

func parsePartition(vt valueType, raw string) (partValue, error) {
	if raw == hiveNull {
		return partValue{null: true}, nil
	}
	var err error
	var pv partValue
	switch vt.cls {
	case clsInt:
		switch vt.disp {
		case dispBool:
			var b bool
			b, err = strconv.ParseBool(raw)
			if b {
				pv.i = 1
			}
		case dispDate:
			var t time.Time
			t, err = time.Parse(time.DateOnly, raw)
			pv.i = t.Unix() / 86400
		case dispUint:
			var u uint64
			u, err = strconv.ParseUint(raw, 10, 64)
			pv.i = int64(u)
		default:
			pv.i, err = strconv.ParseInt(raw, 10, 64)
		}
	case clsFloat:
		pv.f, err = strconv.ParseFloat(raw, 64)
		pv.f = canonFloat(pv.f)
	default:
		pv.b = []byte(raw)
	}
	if err != nil {
		return pv, fmt.Errorf("not a %s", vt)
	}
	return pv, nil
}

// Memory planning. The estimates are deliberately rough upper bounds; the
// scan also sets the Go runtime's soft memory limit to the budget (see
// run.go), so garbage never accumulates past it.

const (
	// maxPageEstimate is what a page is assumed to take when its column
	// chunk is larger: Parquet writers cut pages at 256 KiB to 1 MiB.
	maxPageEstimate = 1 << 20
	// windowRowBytes is the per-row, per-column size of the window
	// buffers: a code, a number, an id hash and a time.
	windowRowBytes = 4 + 8 + 8 + 8
	defaultWindow  = 16 << 10
	minWindow      = 1 << 10
)

// pageBytes estimates the memory to read column c of row group rg: the
// compressed and the decoded page, and the dictionary with its caches.
func (fi *fileInfo) pageBytes(rg, c int) int64 {
	md := &fi.pq.Metadata().RowGroups[rg].Columns[c].MetaData
	page := min(md.TotalUncompressedSize, maxPageEstimate)
	var dict int64
	if md.DictionaryPageOffset > 0 && md.DataPageOffset > md.DictionaryPageOffset {
		comp := md.DataPageOffset - md.DictionaryPageOffset
		ratio := float64(md.TotalUncompressedSize) / float64(max(1, md.TotalCompressedSize))
		// The decoded dictionary, and per entry a hash, a code, a count,
		// a number and a time.
		dict = int64(float64(comp)*ratio) + 36*int64(float64(comp)*ratio/4)
	}
	return 2*page + dict
}

// budget decides the window size, the column groups, the number of units
// in flight and the subjects sampled, from Request.Memory.
func (p *plan) budget() {
	mem := p.req.Memory
	acc := accBytes(p.req.SampleSize)
	var windowCols, profiled int
	for _, cs := range p.cols {
		if cs.window {
			windowCols++
		}
		if cs.profile {
			profiled++
		}
	}
	// Subjects of the observation period: a sixteenth of the budget for
	// the merged sample.
	p.spanCap = int(min(max(mem/16/64, 1024), 1<<20))
	pairBytes := int64(len(p.pairs)) * MaxInputLevels * 8 * 8
	global := int64(profiled)*acc + pairBytes + int64(p.spanCap)*64
	// What is left is shared by the units in flight.
	avail := max(mem-global-mem/8, mem/4)

	// The window depends on the budget only, not on the workers: the
	// moments are summed a window at a time, and the answer must not
	// depend on the number of workers.
	p.window = defaultWindow
	for p.window > minWindow && int64(p.window)*windowRowBytes*int64(windowCols)*4 > avail/4 {
		p.window /= 2
	}

	// Column groups for Parquet: enough units to keep every worker busy,
	// small enough units to fit. A column's cost is its accumulator, its
	// largest page and dictionary, and its window buffers.
	var parts int
	cost := make([]int64, len(p.cols))
	for _, fi := range p.files {
		if fi.pq == nil {
			continue
		}
		parts += len(fi.pq.Metadata().RowGroups)
		for rg := range fi.pq.Metadata().RowGroups {
			for c, src := range fi.cols {
				if src.kind == srcParquet {
					cost[c] = max(cost[c], fi.pageBytes(rg, src.leaf.Index()))
				}
			}
		}
	}
	var movable int
	var spread, shared int64
	for _, cs := range p.cols {
		c := cost[cs.idx] + acc + int64(p.window)*windowRowBytes
		switch {
		case cs.protected || cs.id || cs.ts:
			shared += c
		case (cs.input && cs.window) || cs.profile:
			movable++
			spread += c
		}
	}
	g := 1
	if parts > 0 && movable > 1 {
		perUnit := max(avail/int64(p.req.Workers)-shared, avail/int64(4*p.req.Workers), 1)
		g = max(ceilDiv(2*p.req.Workers, parts), int(min(int64(movable), ceilDiv64(spread, perUnit))))
		g = min(g, movable)
	}
	p.assignGroups(g)
	unit := p.unitBytes(acc)
	p.inflight = int(min(max(1, avail/max(1, unit)), int64(p.req.Workers)+2))
	p.workers = min(p.req.Workers, p.inflight)
	// Progress counts the bytes of the column chunks each unit reads, and
	// whole Arrow files.
	for _, fi := range p.files {
		switch {
		case fi.pq != nil:
			for rg := range fi.pq.Metadata().RowGroups {
				for _, grp := range p.groups {
					for _, c := range grp {
						if src := fi.cols[c]; src.kind == srcParquet {
							p.totalBytes += fi.pq.Metadata().RowGroups[rg].Columns[src.leaf.Index()].MetaData.TotalCompressedSize
						}
					}
				}
			}
		default:
			p.totalBytes += fi.size
		}
	}
}

// assignGroups splits the columns into g groups: profile-only columns and
// inputs are spread by cost (largest first onto the lightest group); the
// protected columns join every group with an input; the id and timestamp
// go to group 0. A column is profiled by the first group holding it.
func (p *plan) assignGroups(g int) {
	groups := make([][]int, g)
	loads := &groupLoads{load: make([]int64, g)}
	var movable []*colSpec
	for _, cs := range p.cols {
		switch {
		case cs.id || cs.ts:
			groups[0] = append(groups[0], cs.idx)
			loads.load[0] += cs.cost
		case (cs.input && cs.window) || (cs.profile && !cs.protected):
			movable = append(movable, cs)
		}
	}
	slices.SortStableFunc(movable, func(a, b *colSpec) int { return cmp.Compare(b.cost, a.cost) })
	for i := range g {
		loads.idx = append(loads.idx, i)
	}
	heap.Init(loads)
	hasInput := make([]bool, g)
	for _, cs := range movable {
		i := loads.idx[0]
		groups[i] = append(groups[i], cs.idx)
		loads.load[i] += max(cs.cost, 1)
		heap.Fix(loads, 0)
		if cs.input && cs.window {
			hasInput[i] = true
		}
	}
	var prots []int
	for _, cs := range p.cols {
		if cs.protected {
			prots = append(prots, cs.idx)
		}
	}
	for i := range groups {
		for _, c := range prots {
			if hasInput[i] || (i == 0 && p.cols[c].profile) {
				groups[i] = append(groups[i], c)
			}
		}
		slices.Sort(groups[i])
		groups[i] = slices.Compact(groups[i])
	}
	// Drop empty groups.
	groups = slices.DeleteFunc(groups, func(g []int) bool { return len(g) == 0 })
	if len(groups) == 0 {
		groups = [][]int{nil}
	}
	p.owner = make([]int, len(p.cols))
	for i := range p.owner {
		p.owner[i] = -1
	}
	for gi, grp := range groups {
		for _, c := range grp {
			if p.owner[c] < 0 {
				p.owner[c] = gi
			} else {
				p.cols[c].shared = true
			}
		}
	}
	p.groups = groups
}

// groupLoads is a min-heap of groups by load, ties by index.
type groupLoads struct {
	load []int64
	idx  []int
}

func (h *groupLoads) Len() int { return len(h.idx) }
func (h *groupLoads) Less(i, j int) bool {
	a, b := h.idx[i], h.idx[j]
	if h.load[a] != h.load[b] {
		return h.load[a] < h.load[b]
	}
	return a < b
}
func (h *groupLoads) Swap(i, j int) { h.idx[i], h.idx[j] = h.idx[j], h.idx[i] }
func (h *groupLoads) Push(x any)    { h.idx = append(h.idx, x.(int)) }
func (h *groupLoads) Pop() any {
	x := h.idx[len(h.idx)-1]
	h.idx = h.idx[:len(h.idx)-1]
	return x
}

func ceilDiv(a, b int) int { return (a + b - 1) / max(b, 1) }

func ceilDiv64(a, b int64) int64 { return (a + b - 1) / max(b, 1) }

// unitBytes estimates the memory of the largest unit: its accumulators,
// pages, window buffers, tables and subjects.
func (p *plan) unitBytes(acc int64) int64 {
	var worst int64
	for _, fi := range p.files {
		switch {
		case fi.pq != nil:
			for rg, md := range fi.pq.Metadata().RowGroups {
				for _, grp := range p.groups {
					u := int64(p.window) * windowRowBytes
					for _, c := range grp {
						u += acc
						if src := fi.cols[c]; src.kind == srcParquet {
							u += fi.pageBytes(rg, src.leaf.Index())
						}
						if p.cols[c].window {
							u += int64(p.window) * windowRowBytes
						}
					}
					u += int64(len(p.pairs)) * min(md.NumRows, MaxInputLevels) * 8 * 8
					if p.id >= 0 && slices.Contains(grp, p.id) {
						u += min(md.NumRows, int64(p.spanCap)) * 64
					}
					worst = max(worst, u)
				}
			}
		default:
			// A whole record batch is in memory, decoded.
			batch := 2 * fi.size / int64(max(1, fi.batches))
			u := batch + int64(len(p.cols))*acc + int64(len(p.pairs))*MaxInputLevels*8*8
			worst = max(worst, u)
		}
	}
	return worst
}
