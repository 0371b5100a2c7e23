package pushdown

import (
	"fmt"
	"slices"
	"strings"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/dataset"
	"github.com/saglig/saglig/lint/scan"
)

// The query builder. At most three statements measure a table, each one
// scan of it (the third needs an id and a timestamp, or
// quasi-identifiers):
//
//  1. the profile: rows, and per column non-null count, distinct count,
//     minimum and maximum, quantiles, and the mean of each scalar input;
//  2. the tables: one GROUP BY GROUPING SETS over every input × protected
//     pair (by level key), each pair column alone (its keys, for the
//     levels), and each column's value sample (the SampleSize values with
//     the smallest hashes, with their counts), with window functions that
//     sum each scalar input's deviations per protected level and number the
//     sample, so that only level sums and the bounded sample leave;
//  3. the subjects (subjects.go): the observation period — per subject
//     the first and last observation, aggregated to the distribution of
//     spans — and re-identification — per combination of the
//     quasi-identifiers' values its rows and distinct subjects, aggregated
//     to the rows per class size — grouped in one GROUPING SETS.
//
// The second depends on the first: a column's key is exact (a 64-bit hash
// of the value, with the value's logarithmic bin for numbers) when the
// profile's distinct count is at most 1.25 × its level bound, else folded
// in the engine by the same function of the value the scan folds with
// (numbers into logarithmic bins; text into buckets, by the engine's hash),
// and the sample's hash threshold keeps about 4 × SampleSize values.

// kind is how a column is measured.
type kind uint8

const (
	kNone      kind = iota // nested or unknown: rows counted only
	kText                  // text, bytes, UUIDs: keyed by hash
	kBool                  // booleans: keyed by hash, min and max as 0/1
	kNumber                // integers, floats, decimals
	kDate                  // days since 1970-01-01
	kTime                  // µs since midnight
	kTimestamp             // µs since the epoch
)

func kindOf(t dataset.ColumnType) kind {
	if t.Shape.Nested() {
		return kNone
	}
	switch t.Kind {
	case dataset.KindString, dataset.KindBinary, dataset.KindUUID:
		return kText
	case dataset.KindBool:
		return kBool
	case dataset.KindInt, dataset.KindUint, dataset.KindFloat, dataset.KindDecimal:
		return kNumber
	case dataset.KindDate:
		return kDate
	case dataset.KindTime:
		return kTime
	case dataset.KindTimestamp:
		return kTimestamp
	}
	return kNone
}

// scalar: numbers, dates and times — an input's η needs its moments.
func (k kind) scalar() bool { return k >= kNumber }

// column is a table column as the passes see it.
type column struct {
	idx  int
	col  dataset.Column
	kind kind
	// Roles from the request.
	input, protected bool
	// Pass 2: whether the column is keyed exactly, its bound, and the
	// sample's hash threshold (frac of the hash range; 1 = every value).
	paired bool
	exact  bool
	bound  int
	frac   float64
	// mean centres a scalar input's deviations (pass 1's mean).
	mean float64
}

// plan is one table's passes.
type plan struct {
	d      *dialect
	f      features
	table  TableRef
	cols   []*column
	byPath map[string]*column
	pairs  [][2]*column
	id, ts *column
	// qis are the quasi-identifiers; subj the id whose distinct values
	// size their classes (nil: rows).
	qis        []*column
	subj       *column
	sampleSize int
	// joint is the joint sample's plan (nil without pairs; joint.go), and
	// workers fit its model.
	joint   *jointSpec
	workers int
	notes   []i18n.Msg
}

// request is what to measure, as scan.Request names it.
type request struct {
	Inputs, Protected []string
	ID, Timestamp     string
	QuasiIDs          []string
	SampleSize        int
	// Memory is the scan's budget, which bounds the joint sample; Workers
	// fit the joint model's folds.
	Memory  int64
	Workers int
}

func newPlan(d *dialect, f features, table TableRef, cols []dataset.Column, req request) (*plan, error) {
	p := &plan{d: d, f: f, table: table, byPath: map[string]*column{}, sampleSize: req.SampleSize, workers: req.Workers}
	if p.sampleSize <= 0 {
		p.sampleSize = scan.DefaultSampleSize
	}
	for i, c := range cols {
		cc := &column{idx: i, col: c, kind: kindOf(c.ColumnType), frac: 1}
		p.cols = append(p.cols, cc)
		p.byPath[c.Path] = cc
		if cc.kind == kNone {
			p.note("%q (%s) not measured: saglig reads only scalar columns through SQL", c.Path, c.Type)
		}
	}
	lookup := func(what, path string) (*column, error) {
		c := p.byPath[path]
		if c == nil {
			return nil, i18n.Errorf("%s column %q is not in table %s", i18n.M(what), path, table)
		}
		return c, nil
	}
	var ins, prots []*column
	for _, path := range req.Inputs {
		c, err := lookup("input", path)
		if err != nil {
			return nil, err
		}
		if !c.input {
			c.input = true
			ins = append(ins, c)
		}
	}
	for _, path := range req.Protected {
		c, err := lookup("protected", path)
		if err != nil {
			return nil, err
		}
		if !c.protected {
			c.protected = true
			prots = append(prots, c)
		}
	}
	for _, in := range ins {
		for _, pr := range prots {
			switch {
			case in == pr:
				p.note("%q is both an input and protected; it is not associated with itself", in.col.Path)
			case in.kind == kNone || pr.kind == kNone:
				p.note("%q × %q not measured: a list, map or unknown column has no single value per row", in.col.Path, pr.col.Path)
			default:
				p.pairs = append(p.pairs, [2]*column{in, pr})
				in.paired, pr.paired = true, true
			}
		}
	}
	for _, pr := range p.pairs {
		pr[0].bound = scan.MaxInputLevels
		pr[1].bound = scan.MaxProtectedLevels
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
		switch {
		case id.kind == kNone:
			p.note("observation period not measured: %q is a list, map or unknown column", id.col.Path)
		case p.micros(ts) == "":
			p.note("observation period not measured: %s cannot read %q (%s) as a point in time", d.engine, ts.col.Path, ts.col.Type)
		default:
			p.id, p.ts = id, ts
		}
	}
	for _, path := range req.QuasiIDs {
		c, err := lookup("quasi-identifier", path)
		if err != nil {
			return nil, err
		}
		if c.kind == kNone {
			p.note("%q is not combined with the other quasi-identifiers: a list, map or unknown column has no single value per row", path)
			continue
		}
		p.qis = append(p.qis, c)
	}
	slices.SortFunc(p.qis, func(a, b *column) int { return a.idx - b.idx })
	if len(p.qis) > 0 && req.ID != "" {
		id, err := lookup("id", req.ID)
		if err != nil {
			return nil, err
		}
		if id.kind == kNone {
			p.note("classes of quasi-identifiers sized by rows, not subjects: %q is a list, map or unknown column", req.ID)
		} else {
			p.subj = id
		}
	}
	p.planJoint(req)
	return p, nil
}

func (p *plan) note(format string, args ...any) {
	p.notes = append(p.notes, i18n.M(format, args...))
}

// Expressions.

// value is the column's value, NULL for NaN.
func (p *plan) value(c *column) string {
	e := p.d.quote(c.col.Path)
	if p.d.notNaN != nil && (c.col.Kind == dataset.KindFloat || (c.col.Kind == dataset.KindDecimal && p.d.engine == Postgres)) {
		return "CASE WHEN " + p.d.notNaN(e) + " THEN " + e + " END"
	}
	return e
}

// number is a scalar column's value as a double: numbers, days, µs.
func (p *plan) number(c *column) string { return p.numberOf(p.value(c), c) }

// numberOf is the value v of column c (its value, or an output that holds
// it) as a double.
func (p *plan) numberOf(v string, c *column) string {
	switch c.kind {
	case kDate:
		return "CAST(" + p.d.days(v) + " AS " + p.d.double + ")"
	case kTime:
		return p.d.timeMicros(v)
	case kTimestamp:
		return p.d.micros(v, c.col.ColumnType)
	}
	return "CAST(" + v + " AS " + p.d.double + ")"
}

// ordered is what MIN and MAX take.
func (p *plan) ordered(c *column) string {
	if c.kind == kBool {
		return p.d.boolInt(p.value(c))
	}
	return p.value(c)
}

// hash is the 64-bit hash of the column's value (NULL for NULL).
func (p *plan) hash(c *column) string { return p.hashOf(p.value(c), c) }

// hashOf is NULL for NULL: DuckDB's hash and Spark's xxhash64 hash NULL
// to a number.
func (p *plan) hashOf(e string, c *column) string {
	return "CASE WHEN " + e + " IS NOT NULL THEN " + p.d.hash(p.d.text(e, c.col.ColumnType)) + " END"
}

// binOffset keeps a bin index positive, so that its sign is the value's.
const binOffset = 1 << 20

// binOf is the logarithmic bin at level 0 (the scan's binKey) of the
// double x: 0 for zero, else sign × (⌊ln|x| / ln 1.01⌋ + 2^20).
func (p *plan) binOf(x string) string {
	clamp := func(e string) string {
		if p.d.clamp != nil {
			return p.d.clamp(e)
		}
		return e
	}
	idx := func(e string) string {
		return fmt.Sprintf("CAST(FLOOR(%s(%s) / %s) AS BIGINT) + %d", p.d.ln, clamp(e), num(scan.BinGammaLn), binOffset)
	}
	return fmt.Sprintf("CASE WHEN %s = 0 THEN 0 WHEN %s > 0 THEN %s ELSE -(%s) END", x, x, idx(x), idx("-("+x+")"))
}

// micros is the timestamp column's value as µs since the epoch, or ""
// when the engine cannot read it so.
func (p *plan) micros(c *column) string {
	v := p.value(c)
	switch c.kind {
	case kDate:
		return "CAST(" + p.d.days(v) + " AS " + p.d.double + ") * 86400000000.0"
	case kTimestamp:
		return p.d.micros(v, c.col.ColumnType)
	case kText:
		if c.col.Kind != dataset.KindString || p.d.textMicros == nil {
			return ""
		}
		return p.d.textMicros(v)
	case kNumber:
		// An epoch whose unit is guessed from its magnitude (s, ms, µs,
		// ns), as the scan guesses it; an integer in yyyymmdd form first.
		x := "CAST(" + v + " AS " + p.d.double + ")"
		beyond := "NULL"
		if c.col.Kind == dataset.KindInt || c.col.Kind == dataset.KindUint {
			beyond = x + " / 1000.0"
		}
		mag := "CASE WHEN ABS(" + x + ") < 100000000000.0 THEN " + x + " * 1000000.0 WHEN ABS(" + x + ") < 100000000000000.0 THEN " + x +
			" * 1000.0 WHEN ABS(" + x + ") < 100000000000000000.0 THEN " + x + " ELSE " + beyond + " END"
		if c.col.Kind == dataset.KindInt || c.col.Kind == dataset.KindUint {
			return "COALESCE(" + p.d.ymdMicros(v) + ", " + mag + ")"
		}
		return mag
	}
	return ""
}

// Statements.

// Query is one statement of a pass.
type Query struct {
	Pass int
	// What says what it measures, for --dry-run.
	What string
	SQL  string
}

// alias names of the outputs.
func aliasOf(prefix string, c *column, suffix string) string {
	return fmt.Sprintf("%s%d%s", prefix, c.idx, suffix)
}

// profileQuery is pass 1.
func (p *plan) profileQuery() Query {
	names, ps := scan.QuantileNames()
	sel := []string{p.d.count + "(*) AS n_rows"}
	for _, c := range p.cols {
		if c.kind == kNone {
			continue
		}
		v := p.value(c)
		sel = append(sel, fmt.Sprintf("%s(%s) AS %s", p.d.count, v, aliasOf("c", c, "_n")))
		dexpr, _ := p.d.distinct(v, p.f)
		sel = append(sel, dexpr+" AS "+aliasOf("c", c, "_d"))
		if c.kind != kText {
			o := p.ordered(c)
			sel = append(sel, "MIN("+o+") AS "+aliasOf("c", c, "_lo"), "MAX("+o+") AS "+aliasOf("c", c, "_hi"))
		}
		if c.kind == kNumber {
			qs, _ := p.d.quantiles(p.number(c), ps, p.f)
			for i, q := range qs {
				sel = append(sel, q+" AS "+aliasOf("c", c, "_"+names[i]))
			}
		}
		if c.input && c.paired && c.kind.scalar() {
			sel = append(sel, "AVG("+p.number(c)+") AS "+aliasOf("c", c, "_avg"))
		}
	}
	return Query{Pass: 1, What: "profile: rows, nulls, distinct values, minimum and maximum, quantiles",
		SQL: "SELECT\n  " + strings.Join(sel, ",\n  ") + "\nFROM " + p.d.table(p.table)}
}

// profileFigures is what pass 2 needs from pass 1.
type profileFigures struct {
	rows     int64
	distinct map[int]float64 // by column index
	mean     map[int]float64
}

// plan2 decides each column's key and sample threshold from pass 1.
func (p *plan) plan2(fig profileFigures) {
	for _, c := range p.cols {
		if c.kind == kNone {
			continue
		}
		d := fig.distinct[c.idx]
		c.exact = c.kind == kBool || d <= 1.25*float64(c.bound)
		c.frac = 1
		if want := 4 * float64(p.sampleSize); d > want {
			c.frac = want / d
		}
		c.mean = fig.mean[c.idx]
	}
	if p.joint != nil {
		p.joint.planJointRows(fig.rows)
	}
}
