package scan

import (
	"context"
	"math"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/dataset"
	"github.com/saglig/saglig/lint/stats"
)

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
			err = i18n.Errorf("decoder failed: %v", r)
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
	var where i18n.Msg
	switch {
	case u.file.pq != nil:
		where = i18n.M("row group %d", u.part)
	case u.file.format == dataset.ArrowFile:
		where = i18n.M("record batch %d", u.part)
	default:
		where = i18n.M("message %d", u.part)
	}
	if u.colName != "" {
		return &dataset.Error{Path: u.file.path, Err: i18n.Errorf("%s, column %q: %v", where, u.colName, err)}
	}
	return &dataset.Error{Path: u.file.path, Err: i18n.Errorf("%s: %v", where, err)}
}

// errSkipped marks a unit not read because its file had failed.
var errSkipped = i18n.Errorf("skipped: the file failed")
