package pushdown

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/scan"
	"github.com/saglig/saglig/lint/stats"
)

// Reading the passes' rows back into the scan's Result.

// pass1 is the profile pass's figures by column index.
type pass1 struct {
	rows      int64
	nonNull   map[int]int64
	distinct  map[int]float64
	lo, hi    map[int]any
	quantiles map[int]map[string]float64
	mean      map[int]float64
}

func (p *plan) readProfile(r *Rows) (*pass1, error) {
	if len(r.Values) != 1 {
		return nil, i18n.Errorf("the profile returned %d rows, not 1", len(r.Values))
	}
	row := r.Values[0]
	get := func(name string) any {
		if i := r.col(name); i >= 0 {
			return row[i]
		}
		return nil
	}
	out := &pass1{nonNull: map[int]int64{}, distinct: map[int]float64{}, lo: map[int]any{}, hi: map[int]any{},
		quantiles: map[int]map[string]float64{}, mean: map[int]float64{}}
	var err error
	if out.rows, err = toInt(get("n_rows")); err != nil {
		return nil, i18n.Errorf("row count: %v", err)
	}
	names, _ := scan.QuantileNames()
	for _, c := range p.cols {
		if c.kind == kNone {
			continue
		}
		if out.nonNull[c.idx], err = toInt(get(aliasOf("c", c, "_n"))); err != nil {
			return nil, i18n.Errorf("column %q: count: %v", c.col.Path, err)
		}
		d, _, err := toFloat(get(aliasOf("c", c, "_d")))
		if err != nil {
			return nil, i18n.Errorf("column %q: distinct: %v", c.col.Path, err)
		}
		out.distinct[c.idx] = d
		out.lo[c.idx], out.hi[c.idx] = get(aliasOf("c", c, "_lo")), get(aliasOf("c", c, "_hi"))
		if c.kind == kNumber {
			qs := map[string]float64{}
			for _, n := range names {
				if v, ok, err := toFloat(get(aliasOf("c", c, "_"+n))); err == nil && ok {
					qs[n] = v
				}
			}
			out.quantiles[c.idx] = qs
		}
		if v, ok, _ := toFloat(get(aliasOf("c", c, "_avg"))); ok {
			out.mean[c.idx] = v
		}
	}
	return out, nil
}

// cell is one cell of a pair's table, with its keys as the engine gave
// them, and the input's deviation sums over the cell's protected level.
type cell struct {
	in, prot       keyPair
	n              int64
	levelS, levelQ float64
}

// keyPair is a column's key in a row: the primary key (hash, bucket or
// bin) and, for an exactly keyed scalar column, its bin.
type keyPair struct {
	key, bin int64
}

// pass2 is what the tables pass returned.
type pass2 struct {
	// keys are each paired column's distinct keys (its levels before they
	// are bounded), in the order they came.
	keys map[int][]keyPair
	// cells by pair index.
	cells map[int][]cell
	// samples by column index, in hash order, with the number of values
	// that passed the hash threshold.
	samples map[int][]scan.DriverValue
	passed  map[int]int64
	// hashes are the samples' values' hashes (the engine's, as the level
	// keys of an exactly keyed column), in the same order.
	hashes map[int][]int64
	// joint are the joint sample's row groups (joint.go).
	joint []jointRow
}

func (p *plan) colAt(i int) *column {
	if i < 0 || i >= len(p.cols) {
		return nil
	}
	return p.cols[i]
}

// levels is a paired column's levels over the whole column, as the scan
// bounds them.
type levels struct {
	folded bool
	of     func(keyPair) uint64
	// nl are a numeric column's folded levels (nil otherwise).
	nl *scan.NumericLevels
	// exact is the column's exact distinct count when it was keyed
	// exactly, else −1.
	exact int64
}

func (p *plan) levelsOf(c *column, keys []keyPair) levels {
	switch {
	case c.exact && len(keys) <= c.bound:
		return levels{of: func(k keyPair) uint64 { return uint64(k.key) }, exact: int64(len(keys))}
	case !c.kind.scalar():
		b := int64(c.bound)
		l := levels{folded: true, exact: -1, of: func(k keyPair) uint64 { return uint64(((k.key % b) + b) % b) }}
		if c.exact {
			l.exact = int64(len(keys))
		} else {
			l.of = func(k keyPair) uint64 { return uint64(k.key) }
		}
		return l
	}
	seen := map[int64]bool{}
	var bins []uint64
	for _, k := range keys {
		if !seen[k.bin] {
			seen[k.bin] = true
			bins = append(bins, binKey(k.bin))
		}
	}
	nl := scan.FitBins(bins, c.bound)
	l := levels{folded: true, exact: -1, nl: nl, of: func(k keyPair) uint64 { return nl.KeyOfBin(binKey(k.bin)) }}
	if c.exact {
		l.exact = int64(len(keys))
	}
	return l
}

// binKey is the scan's level-0 bin key of an engine's bin (sign ×
// (index + 2^20)).
func binKey(b int64) uint64 {
	switch {
	case b == 0:
		return scan.BinKey(0, 0)
	case b > 0:
		return scan.BinKey(1, b-binOffset)
	}
	return scan.BinKey(-1, -b-binOffset)
}

// assemble makes the scan's Result from the first two passes.
func (p *plan) assemble(one *pass1, two *pass2) (*scan.Result, error) {
	res := &scan.Result{Rows: one.rows, Profiles: map[string]*scan.Profile{}, Notes: append([]i18n.Msg(nil), p.notes...)}
	lv := map[int]levels{}
	for _, c := range p.cols {
		if c.paired {
			lv[c.idx] = p.levelsOf(c, two.keys[c.idx])
		}
	}
	_, ps := scan.QuantileNames()
	_, distinctEst := p.d.distinct("x", p.f)
	_, quantEst := p.d.quantiles("x", ps, p.f)
	for _, c := range p.cols {
		if c.kind == kNone {
			continue
		}
		vals := two.samples[c.idx]
		complete := c.frac == 1 && two.passed[c.idx] <= int64(p.sampleSize) && int64(len(vals)) == two.passed[c.idx]
		m := scan.Measured{Rows: one.rows, Nulls: one.rows - one.nonNull[c.idx], Min: one.lo[c.idx], Max: one.hi[c.idx],
			Quantiles: one.quantiles[c.idx], Values: vals, Complete: complete}
		est := map[string]string{}
		switch l, ok := lv[c.idx]; {
		case complete:
		case ok && l.exact >= 0:
			m.Distinct = l.exact
		case c.frac == 1:
			m.Distinct = two.passed[c.idx]
		default:
			m.Distinct = int64(math.Round(one.distinct[c.idx]))
			est["distinct"] = distinctEst
		}
		if one.nonNull[c.idx] == 0 {
			m.Distinct = 0
			delete(est, "distinct")
		}
		prof, err := scan.ExternalProfile(c.col, m)
		if err != nil {
			return nil, err
		}
		if len(prof.Quantiles) > 0 && !complete {
			est["quantiles"] = quantEst
		}
		if len(est) > 0 {
			prof.Estimators = est
		}
		res.Profiles[c.col.Path] = prof
	}
	sides := newSides(two)
	for i, pr := range p.pairs {
		in, prot := pr[0], pr[1]
		li, lp := lv[in.idx], lv[prot.idx]
		table := stats.NewTable()
		type level struct {
			n    int64
			s, q float64
		}
		fine := map[int64]*level{}
		final := map[int64]uint64{}
		for _, cl := range two.cells[i] {
			table.Add(li.of(cl.in), lp.of(cl.prot), cl.n)
			f := fine[cl.prot.key]
			if f == nil {
				f = &level{s: cl.levelS, q: cl.levelQ}
				fine[cl.prot.key] = f
				final[cl.prot.key] = lp.of(cl.prot)
			}
			f.n += cl.n
		}
		var eta *stats.Eta
		if in.kind.scalar() {
			grouped := map[uint64]*level{}
			var order []uint64
			for k, f := range fine {
				g := grouped[final[k]]
				if g == nil {
					g = &level{}
					grouped[final[k]] = g
					order = append(order, final[k])
				}
				g.n += f.n
				g.s += f.s
				g.q += f.q
			}
			sort.Slice(order, func(a, b int) bool { return order[a] < order[b] })
			ms := make([]stats.Moments, 0, len(order))
			for _, k := range order {
				g := grouped[k]
				if g.n == 0 {
					continue
				}
				mean := g.s / float64(g.n)
				ms = append(ms, stats.Moments{N: g.n, Mean: in.mean + mean, M2: max(0, g.q-g.s*mean)})
			}
			e := stats.CorrelationRatio(ms)
			eta = &e
		}
		a := scan.Associate(in.col.Path, prot.col.Path, res.Profiles[in.col.Path], table, eta, li.folded || lp.folded)
		scan.ExternalEvidence(&a, table, sides.of(in, li, res.Profiles[in.col.Path]), sides.of(prot, lp, res.Profiles[prot.col.Path]))
		var hashed []string
		for _, c := range []*column{in, prot} {
			if lv[c.idx].folded && !c.kind.scalar() {
				hashed = append(hashed, strconv.Quote(c.col.Path))
			}
		}
		if len(hashed) > 0 {
			a.Estimator = fmt.Sprintf("%s folded into hash buckets by the engine's hash (%s), not the scan's", strings.Join(hashed, " and "), p.d.hashName)
		}
		res.Associations = append(res.Associations, a)
	}
	scan.SortAssociations(res.Associations)
	if p.joint != nil {
		s, cols, share, err := p.jointSample(two.joint, lv, res.Profiles, one.rows)
		if err != nil {
			return nil, err
		}
		res.Joint = p.joints(s, cols, share, sides, lv, res.Profiles, p.workers)
	}
	return res, nil
}
