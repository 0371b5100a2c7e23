package scan

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/ipc"

	"github.com/saglig/saglig/lint/dataset"
	"github.com/saglig/saglig/lint/stats"
)

// native is the file scanner.
type native struct {
	// beforeUnit, when set (by a test), runs at the start of every unit,
	// inside its panic recovery.
	beforeUnit func(*unit)
	// clock, when set (by a test), measures the files' deadlines instead
	// of the wall clock.
	clock clock
}

// unit is one piece of work: a Parquet row group × column group, or an
// Arrow record batch with every column. Units are numbered (seq) in file,
// piece, group order and merged in that order.
type unit struct {
	seq    int
	file   *fileInfo
	part   int // row group or batch index
	group  int // column group; −1 for every column (Arrow)
	batch  arrow.RecordBatch
	window int
	// prefetch bounds what the unit fetches ahead from a file in a store.
	prefetch int64
	cols     []*colState
	pairs    []*pairUnit
	idc      *colState
	tsc      *colState
	spans    *stats.Spans
	// sample is the unit's part of the joint sample: its columns sampled.
	sample  *rowSample
	sampled []sampledCol
	// qic are the quasi-identifiers, classes their classes.
	qic     []*colState
	classes *stats.Classes
	rows    int64
	// countRows is true for the unit that counts its piece's rows.
	countRows bool
	colName   string // the column being read, for errors
	done      *progressCounter
	err       error
	// beforeUnit is native.beforeUnit.
	beforeUnit func(*unit)
}

// progressCounter counts bytes read.
type progressCounter struct{ n atomic.Int64 }

func (p *progressCounter) add(n int64) {
	if p != nil {
		p.n.Add(n)
	}
}

// Profile scans ds.
func (n native) Profile(ctx context.Context, ds *dataset.Dataset, req Request) (*Result, error) {
	if ds == nil {
		return nil, errors.New("scan: no dataset")
	}
	p, err := newPlan(ds, req, n)
	if err != nil {
		return nil, err
	}
	defer limitMemory(p.req.Memory)()
	g := newGlobal(p)
	if err := p.run(ctx, g); err != nil {
		return nil, err
	}
	return g.result(), nil
}

// Soft memory limit. While scans run, the Go runtime's soft memory limit
// is lowered to the memory in use when the first began plus seven eighths of
// the largest budget, so that garbage is collected before the heap outgrows
// the budget: the collector runs concurrently with the scan and may finish a
// cycle after the heap passed its goal, and the last eighth is that margin.
const gcMargin = 8

var memLimit struct {
	sync.Mutex
	active int
	prev   int64
	budget int64
	base   int64
}

func limitMemory(budget int64) (restore func()) {
	memLimit.Lock()
	defer memLimit.Unlock()
	if memLimit.active == 0 {
		memLimit.prev = debug.SetMemoryLimit(-1)
		memLimit.base = memoryInUse()
		memLimit.budget = 0
	}
	memLimit.active++
	memLimit.budget = max(memLimit.budget, budget)
	if limit := memLimit.base + memLimit.budget - memLimit.budget/gcMargin; limit < memLimit.prev {
		debug.SetMemoryLimit(limit)
	}
	return func() {
		memLimit.Lock()
		defer memLimit.Unlock()
		memLimit.active--
		if memLimit.active == 0 {
			debug.SetMemoryLimit(memLimit.prev)
		}
	}
}

// memoryInUse is the memory the Go runtime uses: all it has mapped, less
// the heap it has returned to the operating system or holds free.
func memoryInUse() int64 {
	s := []metrics.Sample{
		{Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
		{Name: "/memory/classes/heap/free:bytes"},
	}
	metrics.Read(s)
	for _, x := range s {
		if x.Value.Kind() != metrics.KindUint64 {
			return 0
		}
	}
	return int64(s[0].Value.Uint64() - s[1].Value.Uint64() - s[2].Value.Uint64())
}

// newUnit prepares the column states of a unit.
func (p *plan) newUnit(seq int, fi *fileInfo, part, group int, done *progressCounter) *unit {
	u := &unit{seq: seq, file: fi, part: part, group: group, window: p.window, prefetch: p.prefetch, done: done, beforeUnit: p.beforeUnit}
	var cols []int
	if group >= 0 {
		cols = p.groups[group]
		u.countRows = group == 0
	} else {
		u.countRows = true
		for _, cs := range p.cols {
			if cs.profile || cs.window {
				cols = append(cols, cs.idx)
			}
		}
	}
	byIdx := make(map[int]*colState, len(cols))
	for _, c := range cols {
		spec := p.cols[c]
		cs := &colState{spec: spec, vt: spec.vt}
		if spec.profile && (group < 0 || p.owner[c] == group) {
			cs.acc = newColAcc(spec.vt, p.req.SampleSize)
		}
		byIdx[c] = cs
		u.cols = append(u.cols, cs)
	}
	for i, pr := range p.pairs {
		in, prot := byIdx[pr.in], byIdx[pr.prot]
		if in == nil || prot == nil {
			continue
		}
		for _, cs := range []*colState{in, prot} {
			if cs.coder == nil {
				cs.coder = newCoder(cs.spec.levels)
			}
		}
		pu := &pairUnit{global: i, in: in, prot: prot}
		if in.vt.scalar() {
			in.wantNum = true
			pu.moments = []stats.Moments{}
		}
		in.pairsIn = append(in.pairsIn, pu)
		prot.pairsProt = append(prot.pairsProt, pu)
		u.pairs = append(u.pairs, pu)
	}
	if p.ts >= 0 && byIdx[p.id] != nil && byIdx[p.ts] != nil {
		u.idc, u.tsc = byIdx[p.id], byIdx[p.ts]
		u.idc.wantID, u.tsc.wantTS = true, true
		u.spans = stats.NewSpans(p.spanCap)
	}
	// The quasi-identifiers are all in group 0 (a protected one also joins
	// other groups).
	if len(p.qis) > 0 && group <= 0 {
		for _, q := range p.qis {
			cs := byIdx[q]
			cs.wantID = true
			u.qic = append(u.qic, cs)
		}
		if p.id >= 0 {
			u.idc = byIdx[p.id]
			u.idc.wantID = true
		}
		u.classes = stats.NewClasses(p.classCap, p.id >= 0)
	}
	p.startSample(u)
	return u
}

// classSeed starts a row's class hash; nullValue stands for a null
// quasi-identifier, a value of its own.
const (
	classSeed = 0x636c_6173_7365_7331
	nullValue = 0x6e75_6c6c_7661_6c31
)

// classOf is the hash of row r's combination of quasi-identifier values.
func classOf(qic []*colState, r int) uint64 {
	h := uint64(classSeed)
	for _, c := range qic {
		v := uint64(nullValue)
		if c.idOK[r] {
			v = c.ids[r]
		}
		h = stats.HashUint64(h*0x9e37_79b9_7f4a_7c15 + v)
	}
	return h
}

// constant records n rows of a column that has one value in the whole file
// (a Hive partition) or is absent from it (null), into window rows w0… or,
// with w0 < 0, the profile only.
func (u *unit) constant(cs *colState, src source, n int64, w0 int) {
	null := src.kind != srcPartition || src.part.null
	if cs.acc != nil && n > 0 {
		cs.acc.rows += n
		switch {
		case null:
			cs.acc.nulls += n
		case cs.vt.cls == clsInt:
			cs.acc.addInt(stats.HashUint64(uint64(src.part.i)), src.part.i, n)
		case cs.vt.cls == clsFloat:
			cs.acc.addFloat(stats.HashUint64(math.Float64bits(src.part.f)), src.part.f, n)
		default:
			cs.acc.addBytes(stats.HashBytes(src.part.b), src.part.b, n)
		}
	}
	if w0 < 0 {
		return
	}
	acc := cs.acc
	cs.acc = nil // counted above
	defer func() { cs.acc = acc }()
	for w := w0; w < w0+int(n); w++ {
		switch {
		case null:
			cs.putNull(w)
		case cs.vt.cls == clsInt:
			cs.putInt(src.part.i, w)
		case cs.vt.cls == clsFloat:
			cs.putFloat(src.part.f, w)
		default:
			cs.putBytes(src.part.b, w)
		}
	}
}

// window1 cross-tabulates one filled window of n rows, the first of which
// is row first of the unit's piece.
func (u *unit) window1(first int64, n int) {
	for _, p := range u.pairs {
		p.add(n)
	}
	if u.sample != nil {
		u.sampleRows(first, n)
	}
	if u.spans != nil {
		ids, ok, times := u.idc.ids[:n], u.idc.idOK[:n], u.tsc.times[:n]
		for r, h := range ids {
			if ok[r] && times[r] != nullTime {
				u.spans.Add(h, times[r])
			}
		}
	}
	if u.classes != nil {
		for r := range n {
			// A row without an id counts as one unknown subject.
			var subject uint64
			if u.idc != nil && u.idc.idOK[r] {
				subject = u.idc.ids[r]
			}
			u.classes.Add(classOf(u.qic, r), subject)
		}
	}
}

// process reads the unit, within its file's deadline, turning a panic in
// a decoder into an error. An error is a *dataset.Error naming the file,
// or the error of parent, cancelled.
func (u *unit) process(parent context.Context) (err error) {
	ctx, cancel := u.file.withDeadline(parent)
	defer cancel()
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("decoder failed: %v", r)
		}
		for _, cs := range u.cols {
			cs.codes, cs.nums, cs.ids, cs.idOK, cs.times, cs.dict = nil, nil, nil, nil, nil, nil
		}
		switch {
		case err == nil:
		case parent.Err() != nil:
			err = parent.Err()
		case ctx.Err() != nil:
			err = u.file.timeout()
		default:
			err = u.wrap(err)
		}
	}()
	if u.beforeUnit != nil {
		u.beforeUnit(u)
	}
	if u.file.pq != nil {
		return u.runParquet(ctx)
	}
	return u.runArrow(ctx)
}

// wrap names the file, the piece and the column in an error.
func (u *unit) wrap(err error) *dataset.Error {
	var where string
	switch {
	case u.file.pq != nil:
		where = fmt.Sprintf("row group %d", u.part)
	case u.file.format == dataset.ArrowFile:
		where = fmt.Sprintf("record batch %d", u.part)
	default:
		where = fmt.Sprintf("message %d", u.part)
	}
	if u.colName != "" {
		where += fmt.Sprintf(", column %q", u.colName)
	}
	return &dataset.Error{Path: u.file.path, Err: fmt.Errorf("%s: %w", where, err)}
}

// errSkipped marks a unit not read because its file had failed.
var errSkipped = errors.New("skipped: the file failed")

// run reads every unit with the plan's workers and merges the results into
// g in unit order. A file that fails does not stop the others from being
// read, so that every file that fails is known at the end (FileErrors);
// nothing is merged once one has failed.
func (p *plan) run(parent context.Context, g *global) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	done := &progressCounter{}
	stopProgress := p.reportProgress(done)
	defer stopProgress()

	work := make(chan *unit)
	finished := make(chan *unit, p.inflight)
	slots := make(chan struct{}, p.inflight)

	// The dispatcher emits units in order, holding a slot for each until
	// it is merged; Arrow streams are read here, batch by batch.
	var dispatchErr error
	go func() {
		defer close(work)
		dispatchErr = p.dispatch(ctx, work, slots, done)
	}()
	var wg sync.WaitGroup
	for range p.workers {
		wg.Go(func() {
			for u := range work {
				switch {
				case ctx.Err() != nil:
					u.err = ctx.Err()
				case u.file.failedBefore(u.seq):
					u.err = errSkipped
				default:
					u.err = u.process(ctx)
					var de *dataset.Error
					if errors.As(u.err, &de) {
						u.file.fail(p, u.seq, de)
					}
				}
				if u.batch != nil {
					u.batch.Release()
					u.batch = nil
				}
				finished <- u
			}
		})
	}
	go func() {
		wg.Wait()
		close(finished)
	}()

	// Merge in seq order, until a file fails.
	pending := map[int]*unit{}
	next := 0
	for u := range finished {
		pending[u.seq] = u
		for {
			v, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			if v.err == nil && !p.failed.Load() && ctx.Err() == nil {
				g.merge(v)
			}
			next++
			<-slots
		}
	}
	if err := parent.Err(); err != nil {
		return err
	}
	var failed FileErrors
	for _, fi := range p.files {
		if err := fi.fileErr(); err != nil {
			failed = append(failed, err)
		}
	}
	switch {
	case len(failed) > 0:
		return failed
	case dispatchErr != nil:
		return dispatchErr
	}
	return nil
}

// dispatch emits the units in order.
func (p *plan) dispatch(ctx context.Context, work chan<- *unit, slots chan struct{}, done *progressCounter) error {
	seq := 0
	emit := func(u *unit) bool {
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			if u.batch != nil {
				u.batch.Release()
			}
			return false
		}
		work <- u
		return true
	}
	// A unit of a file that already failed is emitted bare, to be
	// skipped: the merge waits for every seq in turn.
	unit := func(fi *fileInfo, part, group int) *unit {
		if fi.failedBefore(seq) {
			return &unit{seq: seq, file: fi, part: part, group: group}
		}
		return p.newUnit(seq, fi, part, group, done)
	}
	for _, fi := range p.files {
		switch {
		case fi.pq != nil:
			for rg := range fi.pq.RowGroups() {
				for gi := range p.groups {
					if !emit(unit(fi, rg, gi)) {
						return ctx.Err()
					}
					seq++
				}
			}
		case fi.format == dataset.ArrowFile:
			for b := range fi.batches {
				if !emit(unit(fi, b, -1)) {
					return ctx.Err()
				}
				seq++
			}
		default:
			n, err := p.dispatchStream(ctx, fi, &seq, emit, done)
			switch {
			case ctx.Err() != nil:
				return ctx.Err()
			case errors.Is(err, context.DeadlineExceeded):
				fi.fail(p, seq, fi.timeout())
			case err != nil:
				fi.fail(p, seq, &dataset.Error{Path: fi.path, Err: fmt.Errorf("message %d: %w", n, err)})
			}
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	return nil
}

// dispatchStream reads an Arrow stream's batches, within the file's
// deadline, and emits each as a unit. It stops at a batch after one that
// failed.
func (p *plan) dispatchStream(ctx context.Context, fi *fileInfo, seq *int, emit func(*unit) bool, done *progressCounter) (n int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("decoder failed: %v", r)
		}
	}()
	fctx, cancel := fi.withDeadline(ctx)
	defer cancel()
	f, err := fi.open(fi.path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	r, err := ipc.NewReader(io.NewSectionReader(&countingReaderAt{r: f, n: done}, 0, fi.size), fi.ipcOptions()...)
	if err != nil {
		return 0, err
	}
	defer r.Release()
	for ; ; n++ {
		if fctx.Err() != nil {
			return n, context.Cause(fctx)
		}
		if fi.failedBefore(*seq) {
			return n, nil
		}
		rec, err := r.Read()
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		rec.Retain()
		u := p.newUnit(*seq, fi, n, -1, done)
		u.batch = rec
		if !emit(u) {
			return n, ctx.Err()
		}
		*seq++
	}
}

// reportProgress calls Progress every 100 ms while bytes are read, and
// once at the end with everything done.
func (p *plan) reportProgress(done *progressCounter) (stop func()) {
	if p.req.Progress == nil {
		return func() {}
	}
	total := max(p.totalBytes, 1)
	var last int64 = -1
	var mu sync.Mutex
	report := func(d int64) {
		mu.Lock()
		defer mu.Unlock()
		d = min(d, total)
		if d > last {
			last = d
			p.req.Progress(d, total)
		}
	}
	quit := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-quit:
				return
			case <-t.C:
				report(done.n.Load())
			}
		}
	})
	return func() {
		close(quit)
		wg.Wait()
		report(total)
	}
}

// global is the merged state.
type global struct {
	p       *plan
	rows    int64
	cols    []*colAcc
	levels  []*levelState
	pairs   []*pairGlobal
	spans   *stats.Spans
	sample  *rowSample
	classes *stats.Classes
}

func newGlobal(p *plan) *global {
	g := &global{p: p, cols: make([]*colAcc, len(p.cols)), levels: make([]*levelState, len(p.cols))}
	for _, cs := range p.cols {
		if cs.profile {
			g.cols[cs.idx] = newColAcc(cs.vt, p.req.SampleSize)
		}
		if cs.levels != nil {
			g.levels[cs.idx] = newLevelState(cs.levels)
		}
	}
	for _, pr := range p.pairs {
		pg := &pairGlobal{in: pr.in, prot: pr.prot, table: stats.NewTable()}
		if p.cols[pr.in].vt.scalar() {
			pg.moments = stats.NewGrouped()
		}
		g.pairs = append(g.pairs, pg)
	}
	if p.ts >= 0 {
		g.spans = stats.NewSpans(p.spanCap)
	}
	if p.sampleCols > 0 {
		g.sample = newRowSample(p.sampleCols, p.sampleCap, p.sampleLevel)
	}
	if len(p.qis) > 0 {
		g.classes = stats.NewClasses(p.classCap, p.id >= 0)
	}
	return g
}

// merge adds a unit's partial results.
func (g *global) merge(u *unit) {
	if u.countRows {
		g.rows += u.rows
	}
	for _, cs := range u.cols {
		if cs.acc != nil {
			g.cols[cs.spec.idx].merge(cs.acc)
		}
	}
	// Levels first: the merged transform of each coded column, converting
	// the tables kept so far when it moves up.
	for _, cs := range u.cols {
		if cs.coder == nil {
			continue
		}
		ls := g.levels[cs.spec.idx]
		old := ls.absorb(cs.coder.keys, cs.coder.tr)
		if old == ls.tr {
			continue
		}
		conv := func(k uint64) uint64 { return ls.spec.convert(k, old, ls.tr) }
		for _, pg := range g.pairs {
			if pg.in == cs.spec.idx {
				pg.table.RekeyRows(conv)
			}
			if pg.prot == cs.spec.idx {
				pg.table.RekeyCols(conv)
				if pg.moments != nil {
					pg.moments.Rekey(conv)
				}
			}
		}
	}
	for _, pu := range u.pairs {
		pg := g.pairs[pu.global]
		in, prot := g.levels[pg.in], g.levels[pg.prot]
		inKeys := make([]uint64, pu.rows)
		for a := range inKeys {
			inKeys[a] = in.spec.convert(pu.in.coder.keys[a], pu.in.coder.tr, in.tr)
		}
		protKeys := make([]uint64, pu.prot.coder.len())
		for b := range protKeys {
			protKeys[b] = prot.spec.convert(pu.prot.coder.keys[b], pu.prot.coder.tr, prot.tr)
		}
		for a := range pu.rows {
			row := pu.counts[a*pu.stride : (a+1)*pu.stride]
			for b, n := range row {
				if n != 0 {
					pg.table.Add(inKeys[a], protKeys[b], n)
				}
			}
		}
		for b, m := range pu.moments {
			if m.N > 0 {
				pg.moments.Group(protKeys[b]).Merge(m)
			}
		}
	}
	if u.spans != nil {
		g.spans.Merge(u.spans)
	}
	if u.sample != nil {
		cols := make([]int, len(u.sampled))
		for j, sc := range u.sampled {
			cols[j] = sc.col
		}
		g.sample.merge(u.sample, cols)
	}
	if u.classes != nil {
		g.classes.Merge(u.classes)
	}
}

// result writes the merged state as a Result.
func (g *global) result() *Result {
	p := g.p
	res := &Result{Rows: g.rows, Profiles: map[string]*Profile{}, Notes: p.notes}
	for _, cs := range p.cols {
		if acc := g.cols[cs.idx]; acc != nil {
			res.Profiles[cs.path] = acc.profile(cs.path, cs.typ, cs.kind)
		}
	}
	// Profiles of pair columns that were not requested, for IsCode.
	profileOf := func(c int) *Profile {
		cs := p.cols[c]
		if pr := res.Profiles[cs.path]; pr != nil {
			return pr
		}
		// Without a profile a code is recognised by its name only.
		return &Profile{Column: cs.path, Type: cs.typ, Kind: cs.kind, Numeric: cs.vt.numeric(), Distinct: 1}
	}
	for _, pg := range g.pairs {
		in, prot := p.cols[pg.in], p.cols[pg.prot]
		var eta *stats.Eta
		if pg.moments != nil {
			e := stats.CorrelationRatio(pg.moments.Moments())
			eta = &e
		}
		bounded := g.levels[pg.in].tr.folded || g.levels[pg.prot].tr.folded
		a := Associate(in.path, prot.path, profileOf(pg.in), pg.table, eta, bounded)
		rowKeys, colKeys, m := pg.table.Keyed()
		g.evidence(&a, pg, rowKeys, colKeys, m, g.numeric(pg.in, profileOf), g.numeric(pg.prot, profileOf))
		res.Associations = append(res.Associations, a)
		pg.table, pg.moments = nil, nil // measured: let the collector have them
	}
	res.Joint = g.joint(profileOf)
	SortAssociations(res.Associations)
	if g.spans != nil {
		per := &Period{Subjects: g.spans.Subjects(), SampledShare: g.spans.Share(), MultiObs: g.spans.MultiObs(),
			SpanDays: map[string]float64{}}
		names := []string{"min", "p25", "p50", "p75", "p90", "max"}
		qs := g.spans.SpanQuantiles([]float64{0, 0.25, 0.5, 0.75, 0.9, 1})
		for i, q := range qs {
			per.SpanDays[names[i]] = q / microsPerDay
		}
		res.Period = per
	}
	if g.classes != nil {
		res.Reidentification = g.reidentification()
	}
	return res
}

// reidentification summarises the classes of the quasi-identifiers.
func (g *global) reidentification() *Reidentification {
	r := &Reidentification{BySubject: g.p.id >= 0, SampledShare: g.classes.Share(), RowsBySize: make([]int64, MaxClassSize)}
	for _, q := range g.p.qis {
		r.Columns = append(r.Columns, g.p.cols[q].path)
	}
	for _, c := range g.classes.Sizes() {
		r.Classes++
		r.Rows += c.Rows
		if c.Subjects <= MaxClassSize {
			r.RowsBySize[c.Subjects-1] += c.Rows
		}
	}
	r.Trim()
	return r
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
