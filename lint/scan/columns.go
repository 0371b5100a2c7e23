package scan

import (
	"slices"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/dataset"
)

// colSpec is one column of the scan.
type colSpec struct {
	idx  int
	path string
	typ  string // the dataset's type, for display
	kind dataset.Kind
	vt   valueType
	// Roles in the request.
	profile, input, protected, id, ts, qi bool
	// window is true when the column must be read row-aligned with others:
	// an input or protected column of a pair, the id or timestamp, or a
	// quasi-identifier.
	window bool
	// nested is true when the column is a list, map, variant or union:
	// it is profiled over its elements and cannot be aligned.
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

// valueTypeOf is the canonical form in which the scan holds the values of
// a column of type t.
func valueTypeOf(t dataset.ColumnType) valueType {
	switch t.Kind {
	case dataset.KindBool:
		return valueType{cls: clsInt, disp: dispBool}
	case dataset.KindInt, dataset.KindDuration:
		return valueType{cls: clsInt}
	case dataset.KindUint:
		if t.Bits == 64 {
			return valueType{cls: clsInt, disp: dispUint}
		}
		return valueType{cls: clsInt}
	case dataset.KindFloat:
		return valueType{cls: clsFloat}
	case dataset.KindDecimal:
		return valueType{cls: clsFloat, disp: dispDecimal, scale: t.Scale}
	case dataset.KindDate:
		return valueType{cls: clsInt, disp: dispDate}
	case dataset.KindTime:
		return valueType{cls: clsInt, disp: dispTime}
	case dataset.KindTimestamp:
		return valueType{cls: clsInt, disp: dispTimestamp}
	case dataset.KindUUID:
		return valueType{cls: clsBytes, disp: dispUUID}
	case dataset.KindBinary, dataset.KindInterval:
		return valueType{cls: clsBytes, disp: dispBinary}
	}
	return valueType{cls: clsBytes}
}

// resolve makes a colSpec of every dataset column and marks the roles the
// request gives them.
func (p *plan) resolve() (inputs, prots []*colSpec, err error) {
	ds, req := p.ds, p.req
	for _, c := range ds.Columns {
		if _, dup := p.byPath[c.Path]; dup {
			continue
		}
		cs := &colSpec{idx: len(p.cols), path: c.Path, typ: c.Type, kind: c.Kind, vt: valueTypeOf(c.ColumnType), nested: c.Shape.Nested()}
		p.cols = append(p.cols, cs)
		p.byPath[c.Path] = cs
	}
	lookup := func(what, path string) (*colSpec, error) {
		cs := p.byPath[path]
		if cs == nil {
			return nil, i18n.Errorf("%s: %s column %q is not in the dataset", ds.Path, i18n.M(what), path)
		}
		return cs, nil
	}
	if req.Columns == nil {
		for _, cs := range p.cols {
			cs.profile = true
		}
	}
	for _, path := range req.Columns {
		cs, err := lookup(i18n.N("requested"), path)
		if err != nil {
			return nil, nil, err
		}
		cs.profile = true
	}
	for _, path := range req.Inputs {
		cs, err := lookup("input", path)
		if err != nil {
			return nil, nil, err
		}
		if !cs.input {
			cs.input = true
			inputs = append(inputs, cs)
		}
	}
	for _, path := range req.Protected {
		cs, err := lookup("protected", path)
		if err != nil {
			return nil, nil, err
		}
		if !cs.protected {
			cs.protected = true
			prots = append(prots, cs)
		}
	}
	for _, path := range req.QuasiIDs {
		cs, err := lookup(i18n.N("quasi-identifier"), path)
		if err != nil {
			return nil, nil, err
		}
		if !cs.qi {
			cs.qi = true
			p.qis = append(p.qis, cs.idx)
		}
	}
	slices.Sort(p.qis)
	// The id serves the observation period (with the timestamp) and the
	// classes of quasi-identifiers (their distinct subjects).
	if req.ID != "" && (req.Timestamp != "" || len(p.qis) > 0) {
		id, err := lookup("id", req.ID)
		if err != nil {
			return nil, nil, err
		}
		id.id, p.id = true, id.idx
	}
	if req.ID != "" && req.Timestamp != "" {
		ts, err := lookup("timestamp", req.Timestamp)
		if err != nil {
			return nil, nil, err
		}
		ts.ts, p.ts = true, ts.idx
	}
	return inputs, prots, nil
}

// pair decides the input × protected pairs and the observation period,
// which need row-aligned columns.
func (p *plan) pair(inputs, prots []*colSpec) {
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
	if p.ts >= 0 && (p.cols[p.id].nested || p.cols[p.ts].nested) {
		p.note("observation period not measured: %q or %q is a list, map or variant column", p.req.ID, p.req.Timestamp)
		p.cols[p.ts].ts, p.ts = false, -1
	}
	qis := p.qis[:0]
	for _, q := range p.qis {
		switch {
		case p.cols[q].nested:
			p.note("%q is not combined with the other quasi-identifiers: a list, map or variant column has no single value per row", p.cols[q].path)
			p.cols[q].qi = false
		case q == p.id:
			p.note("%q is the id column, not a quasi-identifier", p.cols[q].path)
			p.cols[q].qi = false
		default:
			qis = append(qis, q)
		}
	}
	p.qis = qis
	if p.id >= 0 && p.cols[p.id].nested && len(p.qis) > 0 {
		p.note("classes of quasi-identifiers sized by rows, not subjects: %q is a list, map or variant column", p.req.ID)
	}
	if p.id >= 0 && (p.cols[p.id].nested || (p.ts < 0 && len(p.qis) == 0)) {
		p.cols[p.id].id, p.id = false, -1
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
		p.cols[p.id].window = true
	}
	if p.ts >= 0 {
		p.cols[p.ts].window = true
	}
	for _, q := range p.qis {
		p.cols[q].window = true
	}
}
