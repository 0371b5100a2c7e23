package scan

import (
	"github.com/saglig/saglig/lint/stats"
)

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
