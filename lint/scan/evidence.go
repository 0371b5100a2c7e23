package scan

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/saglig/saglig/lint/stats"
)

// Proxy evidence beyond one coefficient per pair: which values of an input
// give a protected group away (the value table), a non-linear relation η
// does not see (mutual information over equal-frequency bins), and what the
// inputs reveal together (the joint sample, rowsample.go, and lint/joint).

// LevelKind says what a level of a value table stands for.
type LevelKind int

// The kinds of level.
const (
	// LevelValue is one value (Value).
	LevelValue LevelKind = iota
	// LevelFolded is a hash bucket of a column with more distinct text
	// values than its level bound: several values that cannot be named.
	LevelFolded
	// LevelUnnamed is one value that was not among the column's heavy
	// hitters, so its text was not kept.
	LevelUnnamed
	// LevelRange is the numbers from From (inclusive) to To (exclusive);
	// an empty bound is open.
	LevelRange
	// LevelUnsampled is one value of a table measured in a SQL engine
	// (lint/pushdown) whose text did not come back: only the bounded value
	// sample leaves the engine, and the value was not in it.
	LevelUnsampled
)

// Level is one row or column of a value table. Value, From and To are raw
// data: the rules show them only under k-anonymity; never serialised.
type Level struct {
	Kind     LevelKind
	Value    string `json:"-"`
	From, To string `json:"-"`
	// Count is the rows of the level in the table.
	Count int64
}

// ValueTable is the table value-level evidence is read from: the input's
// values (a numeric input's equal-frequency bins, at most ValueBins) by the
// protected column's groups (a numeric column's quartiles), counts of rows
// where both are non-null.
type ValueTable struct {
	Inputs, Groups []Level
	Counts         [][]int64
}

// Bins of the value tables: a numeric input falls into at most ValueBins
// equal-frequency bins, a numeric protected column into GroupBins.
const (
	ValueBins = 10
	GroupBins = 4
)

// BinnedMI is the mutual information of a pair with a numeric side over
// equal-frequency bins of that side (stats.MutualInformation).
type BinnedMI struct {
	// MI is in nats, Miller–Madow corrected; Correlation is Linfoot's
	// informational correlation sqrt(1 − e^(−2·MI)), on the scale of η.
	MI          float64 `json:"mi"`
	Correlation float64 `json:"correlation"`
	// PValue is the G-test's, DF its degrees of freedom.
	PValue float64 `json:"p_value"`
	DF     int     `json:"df"`
	// InputBins and ProtectedBins are the non-empty bins (or levels of a
	// categorical side).
	InputBins     int `json:"input_bins"`
	ProtectedBins int `json:"protected_bins"`
}

// Classical is the measure a pair would have had without the binned mutual
// information, kept when the latter became the verdict.
type Classical struct {
	Measure string  `json:"measure"`
	Value   float64 `json:"value"`
	PValue  float64 `json:"p_value"`
}

// numeric reports whether column c is read as a number in an association:
// a scalar column that is not a code.
func (g *global) numeric(c int, profileOf func(int) *Profile) bool {
	cs := g.p.cols[c]
	return cs.vt.scalar() && !IsCode(cs.path, profileOf(c))
}

// levelNumber is the number an exact or folded level key of a scalar column
// stands for: the value, or the geometric centre of its logarithmic bin.
func levelNumber(s *levelSpec, key uint64, tr transform) float64 {
	if !tr.folded {
		if s.vt.cls == clsFloat {
			return math.Float64frombits(key)
		}
		return s.vt.intNumber(int64(key))
	}
	sign := key &^ binMask
	if sign == binZero {
		return 0
	}
	i := float64(int64(key&binMask) - binOffset)
	w := math.Ldexp(1, int(tr.level))
	x := math.Exp(binGammaLn * (i + 0.5) * w)
	if sign == binNegative {
		return -x
	}
	return x
}

// namer names a column's levels.
type namer struct {
	spec  *levelSpec
	tr    transform
	texts map[uint64]string // heavy hitters by hash, text columns
}

func (g *global) namer(c int) *namer {
	ls := g.levels[c]
	n := &namer{spec: ls.spec, tr: ls.tr}
	if acc := g.cols[c]; acc != nil && ls.spec.vt.cls == clsBytes && !ls.tr.folded {
		n.texts = map[uint64]string{}
		for _, it := range acc.top.Items(0) {
			n.texts[it.Hash] = ls.spec.vt.text(it.Value)
		}
	}
	return n
}

// level names one level key.
func (n *namer) level(key uint64) Level {
	vt := n.spec.vt
	switch {
	case vt.cls == clsBytes && n.tr.folded:
		return Level{Kind: LevelFolded}
	case vt.cls == clsBytes:
		if t, ok := n.texts[key]; ok {
			return Level{Kind: LevelValue, Value: t}
		}
		return Level{Kind: LevelUnnamed}
	case n.tr.folded:
		return Level{Kind: LevelFolded} // a logarithmic bin of numbers
	case vt.cls == clsFloat:
		return Level{Kind: LevelValue, Value: vt.floatText(math.Float64frombits(key))}
	}
	return Level{Kind: LevelValue, Value: vt.intText(int64(key))}
}

// numberText writes a bin boundary for a reader: a date, time or
// timestamp as such, a number rounded to three significant digits and
// written without an exponent (a boundary lies between two values of the
// data, so the rounding only moves it within that gap or close to it).
func numberText(vt valueType, x float64) string {
	switch {
	case math.IsInf(x, 0) || math.IsNaN(x):
		return ""
	case vt.cls == clsInt && vt.disp != dispPlain && vt.disp != dispUint:
		return vt.intText(int64(math.Round(x)))
	case x == 0:
		return "0"
	}
	digits := 2 - int(math.Floor(math.Log10(math.Abs(x))))
	p := math.Pow10(digits)
	t := strconv.FormatFloat(math.Round(x*p)/p, 'f', max(0, digits), 64)
	if strings.Contains(t, ".") {
		t = strings.TrimRight(strings.TrimRight(t, "0"), ".")
	}
	return t
}

// side is one side of a pair's table: its keys in the table's order, and
// how to read them.
type side struct {
	keys    []uint64
	numeric bool
	vt      valueType
	// folded is true when the levels are folded (hash buckets, bins).
	folded bool
	// name names a level by its key.
	name func(key uint64) Level
	// order sorts the side's levels by number (numeric sides).
	order []int
	nums  []float64
}

// newSide makes a side of the table's keys; number gives a numeric side's
// level keys their numbers, by which its levels are ordered.
func newSide(keys []uint64, numeric bool, vt valueType, folded bool, name func(uint64) Level, number func(uint64) float64) *side {
	s := &side{keys: keys, numeric: numeric, vt: vt, folded: folded, name: name}
	if numeric {
		s.nums = make([]float64, len(keys))
		s.order = make([]int, len(keys))
		for i, k := range keys {
			s.nums[i] = number(k)
			s.order[i] = i
		}
		slices.SortStableFunc(s.order, func(a, b int) int { return cmp.Compare(s.nums[a], s.nums[b]) })
	}
	return s
}

func (g *global) side(c int, keys []uint64, numeric bool) *side {
	nm := g.namer(c)
	return newSide(keys, numeric, nm.spec.vt, nm.tr.folded, nm.level,
		func(k uint64) float64 { return levelNumber(nm.spec, k, nm.tr) })
}

// bins assigns the side's levels (table order) to at most k
// equal-frequency bins by their totals, in numeric order.
func (s *side) bins(totals []int64, k int) (bin []int, nb int) {
	sorted := make([]int64, len(s.order))
	for i, j := range s.order {
		sorted[i] = totals[j]
	}
	b, nb := stats.EqualFrequencyBins(sorted, k)
	bin = make([]int, len(totals))
	for i, j := range s.order {
		bin[j] = b[i]
	}
	return bin, nb
}

// levels names the side's levels, binned into at most k equal-frequency
// bins when it is numeric; it returns the levels and each table level's
// place among them (nil: one each).
func (s *side) levels(totals []int64, k int) ([]Level, []int) {
	if !s.numeric {
		out := make([]Level, len(s.keys))
		for i, key := range s.keys {
			out[i] = s.name(key)
			out[i].Count = totals[i]
		}
		return out, nil
	}
	bin, nb := s.bins(totals, k)
	out := make([]Level, nb)
	// Per bin, its first and last level in numeric order and how many.
	first := make([]int, nb)
	last := make([]int, nb)
	levels := make([]int, nb)
	for i := range first {
		first[i] = -1
	}
	for _, j := range s.order {
		b := bin[j]
		if first[b] < 0 {
			first[b] = j
		}
		last[b] = j
		levels[b]++
		out[b].Count += totals[j]
	}
	vt := s.vt
	for b := range out {
		if levels[b] == 1 && !s.folded {
			l := s.name(s.keys[first[b]])
			out[b].Kind, out[b].Value = l.Kind, l.Value
			continue
		}
		// A range between the midpoints to the neighbouring bins: its
		// bounds are not values of the data.
		out[b].Kind = LevelRange
		if b > 0 {
			out[b].From = numberText(vt, (s.nums[last[b-1]]+s.nums[first[b]])/2)
		}
		if b < nb-1 {
			out[b].To = numberText(vt, (s.nums[last[b]]+s.nums[first[b+1]])/2)
		}
	}
	return out, bin
}

// evidence adds to a the binned mutual information (when a side is
// numeric) and the value table, from the pair's table m with its row and
// column keys.
func (g *global) evidence(a *Association, pg *pairGlobal, rowKeys, colKeys []uint64, m [][]int64, inNumeric, protNumeric bool) {
	if len(m) == 0 {
		return
	}
	addEvidence(a, g.side(pg.in, rowKeys, inNumeric), g.side(pg.prot, colKeys, protNumeric), m)
}

// addEvidence adds to a the binned mutual information and the value table
// of the table m, whose rows are in's levels and columns prot's.
func addEvidence(a *Association, in, prot *side, m [][]int64) {
	if len(m) == 0 {
		return
	}
	rowTot := make([]int64, len(in.keys))
	colTot := make([]int64, len(prot.keys))
	for i, row := range m {
		for j, x := range row {
			rowTot[i] += x
			colTot[j] += x
		}
	}
	inNumeric, protNumeric := in.numeric, prot.numeric
	if inNumeric || protNumeric {
		k := stats.BinCount(a.N)
		var rb, cb []int
		var nr, nc int
		if inNumeric {
			rb, nr = in.bins(rowTot, k)
		}
		if protNumeric {
			cb, nc = prot.bins(colTot, k)
		}
		mi := stats.MutualInformation(stats.Collapse(m, rb, nr, cb, nc))
		a.Binned = &BinnedMI{MI: mi.MI, Correlation: mi.Correlation, PValue: mi.P, DF: mi.DF,
			InputBins: mi.Rows, ProtectedBins: mi.Cols}
		if mi.Correlation > a.Value {
			a.Classical = &Classical{Measure: a.Measure, Value: a.Value, PValue: a.PValue}
			a.Measure, a.Value, a.PValue, a.DF = "mutual_information", mi.Correlation, mi.P, mi.DF
		}
		// Two measures were looked at; the verdict's p-value is corrected
		// for the choice (Bonferroni).
		a.PValue = min(1, 2*a.PValue)
	}
	inLevels, rb := in.levels(rowTot, ValueBins)
	groups, cb := prot.levels(colTot, GroupBins)
	counts := m
	if rb != nil || cb != nil {
		counts = stats.Collapse(m, rb, len(inLevels), cb, len(groups))
	}
	a.Table = &ValueTable{Inputs: inLevels, Groups: groups, Counts: counts}
}
