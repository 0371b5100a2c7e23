package pushdown

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
)

// Pass 2, the tables: one GROUP BY GROUPING SETS statement over every
// input × protected pair, each column's value sample and the joint sample
// of rows (joint.go), with window functions that number the samples and
// sum each scalar input's deviations per protected level.
//
// The statement is written for what makes an engine fast (PostgreSQL's
// plans are in docs/performance.md):
//
//   - Every expression of a row is computed once, in the base (b0), and the
//     gates of the samples over its outputs (b1): the dialect's fence keeps
//     an engine from folding them into the grouping, where PostgreSQL
//     computed the row's hash once per column of the joint sample.
//   - A column keyed exactly is grouped by its value, which the engine
//     knows the distinct values of; its hash, bin and number are computed
//     on the grouped rows only.
//   - No set is there only for a column's keys: they are the keys of its
//     pairs' tables (the level of a row without the other column too).
//   - Aggregates are computed for every grouping set: only COUNT(*), and
//     the deviation sums of the inputs folded into bins, whose values the
//     grouped rows do not hold; an input keyed exactly has its sums from
//     its values and counts, by window functions over the grouped rows.
//   - The joint sample's row is one packed value (its keys as text), so
//     the engine sees a set of two columns, as small as it is, not one of
//     every paired column, which PostgreSQL could only sort.

// threshold is the largest hash kept by a sample of frac of the hash
// range: ⌊−2^63 + frac·2^64⌋.
func threshold(frac float64) string {
	f := new(big.Float).SetFloat64(frac)
	f.Mul(f, new(big.Float).SetFloat64(math.Ldexp(1, 64)))
	f.Sub(f, new(big.Float).SetFloat64(math.Ldexp(1, 63)))
	i, _ := f.Int(nil)
	return i.String()
}

// keys of a paired column in pass 2's output: the primary key (h: hash,
// f: folded hash bucket, b: bin) and, for an exactly keyed scalar column,
// its bin.
func (p *plan) keys(c *column) (primary string, cols []string) {
	switch {
	case c.exact && c.kind.scalar():
		return aliasOf("h", c, ""), []string{aliasOf("h", c, ""), aliasOf("b", c, "")}
	case c.exact:
		return aliasOf("h", c, ""), []string{aliasOf("h", c, "")}
	case c.kind.scalar():
		return aliasOf("b", c, ""), []string{aliasOf("b", c, "")}
	}
	return aliasOf("f", c, ""), []string{aliasOf("f", c, "")}
}

// groupKey is a paired column's grouping key: its value (v) when it is
// keyed exactly, else its bin (b) or hash bucket (f).
func (p *plan) groupKey(c *column) string {
	switch {
	case c.exact:
		return aliasOf("v", c, "")
	case c.kind.scalar():
		return aliasOf("b", c, "")
	}
	return aliasOf("f", c, "")
}

// sampled reports whether a column has a value sample.
func (c *column) sampled() bool { return c.kind != kNone }

// foldedInput is a scalar input folded into bins: its deviations are
// summed by aggregates.
func (c *column) foldedInput() bool { return c.input && c.paired && c.kind.scalar() && !c.exact }

// tablesQuery is pass 2.
func (p *plan) tablesQuery() Query {
	var pairCols, samples, scalarIns []*column
	for _, c := range p.cols {
		if c.paired {
			pairCols = append(pairCols, c)
			if c.input && c.kind.scalar() {
				scalarIns = append(scalarIns, c)
			}
		}
		if c.sampled() {
			samples = append(samples, c)
		}
	}

	// b0: each row's expressions, once.
	var base []string
	for _, c := range pairCols {
		switch {
		case c.exact:
			base = append(base, p.value(c)+" AS "+aliasOf("v", c, ""))
		case c.kind.scalar():
			base = append(base, p.number(c)+" AS "+aliasOf("x", c, ""))
		default:
			base = append(base, p.d.mod(p.hash(c), c.bound)+" AS "+aliasOf("f", c, ""))
		}
	}
	for _, c := range samples {
		v := p.value(c)
		if c.frac < 1 {
			v = "CASE WHEN " + p.hash(c) + " <= " + threshold(c.frac) + " THEN " + v + " END"
		}
		base = append(base, v+" AS "+aliasOf("s", c, ""))
	}
	if p.joint != nil {
		base = append(base, p.jointBase()...)
	}
	// b1: the bins and deviations of folded numbers, and the joint
	// sample's gate, over b0's outputs.
	gate := []string{"b0.*"}
	for _, c := range pairCols {
		if !c.exact && c.kind.scalar() {
			x := "b0." + aliasOf("x", c, "")
			gate = append(gate, p.binOf(x)+" AS "+aliasOf("b", c, ""))
			if c.foldedInput() {
				gate = append(gate, fmt.Sprintf("%s - %s AS %s", x, num(c.mean), aliasOf("d", c, "")))
			}
		}
	}
	if p.joint != nil {
		gate = append(gate, p.jointGate()...)
	}
	from := "SELECT " + strings.Join(gate, ",\n      ") + "\n      FROM (SELECT\n        " + strings.Join(base, ",\n        ") +
		"\n        FROM " + p.d.table(p.table) + p.d.fence + ") b0" + p.d.fence

	// The grouping sets: each pair, each sample, the joint sample.
	var sets []string
	for _, pr := range p.pairs {
		sets = append(sets, "("+p.groupKey(pr[0])+", "+p.groupKey(pr[1])+")")
	}
	for _, c := range samples {
		sets = append(sets, "("+aliasOf("s", c, "")+")")
	}
	if p.joint != nil {
		sets = append(sets, "(jr, jp)")
	}
	var sel []string
	if len(samples) > 0 || p.joint != nil {
		var whens []string
		if p.joint != nil {
			whens = append(whens, "WHEN GROUPING(jr) = 0 THEN -1")
		}
		for _, c := range samples {
			whens = append(whens, fmt.Sprintf("WHEN GROUPING(%s) = 0 THEN %d", aliasOf("s", c, ""), c.idx+1))
		}
		sel = append(sel, "CASE "+strings.Join(whens, " ")+" ELSE 0 END AS sid")
	} else {
		sel = append(sel, "0 AS sid")
	}
	var groupKeys []string
	for _, c := range pairCols {
		k := p.groupKey(c)
		sel = append(sel, fmt.Sprintf("GROUPING(%s) AS %s", k, aliasOf("g", c, "")))
		groupKeys = append(groupKeys, k)
	}
	sel = append(sel, groupKeys...)
	for _, c := range samples {
		sel = append(sel, aliasOf("s", c, ""))
	}
	if p.joint != nil {
		sel = append(sel, "jr", "jp")
	}
	sel = append(sel, p.d.count+"(*) AS n")
	for _, c := range scalarIns {
		if c.foldedInput() {
			d := aliasOf("d", c, "")
			sel = append(sel, fmt.Sprintf("SUM(%s) AS %s, SUM(%s * %s) AS %s", d, aliasOf("sd", c, ""), d, d, aliasOf("sq", c, "")))
		}
	}
	grouped := "SELECT " + strings.Join(sel, ", ") + "\n    FROM (" + from + ") b\n    GROUP BY GROUPING SETS (\n      " + strings.Join(sets, ",\n      ") + ")"

	// Windows over the grouped rows: the sample's numbering and size, and
	// each scalar input's deviation sums per protected level.
	var win, where []string
	where = append(where, "g.sid = 0")
	if len(samples) > 0 || p.joint != nil {
		var byHash []string
		if p.joint != nil {
			byHash = append(byHash, "WHEN -1 THEN g.jr")
			where = append(where, "(g.sid = -1 AND g.jr IS NOT NULL)")
		}
		for _, c := range samples {
			s := "g." + aliasOf("s", c, "")
			byHash = append(byHash, fmt.Sprintf("WHEN %d THEN %s", c.idx+1, p.hashOf(s, c)))
			where = append(where, fmt.Sprintf("(g.sid = %d AND %s IS NOT NULL)", c.idx+1, s))
		}
		byHashCase := "CASE g.sid " + strings.Join(byHash, " ") + " END"
		win = append(win, "ROW_NUMBER() OVER (PARTITION BY g.sid ORDER BY "+byHashCase+") AS rn",
			p.d.count+"(*) OVER (PARTITION BY g.sid) AS nd", byHashCase+" AS sh")
	} else {
		win = append(win, "1 AS rn", "0 AS nd", "CAST(NULL AS BIGINT) AS sh")
	}
	if len(scalarIns) > 0 {
		var protKeys, part []string
		for _, c := range pairCols {
			part = append(part, "g."+aliasOf("g", c, ""))
			if c.protected {
				protKeys = append(protKeys, "g."+p.groupKey(c))
			}
		}
		part = append(part, protKeys...)
		// Keys of several types (values, bins, buckets): no COALESCE.
		var notNull []string
		for _, k := range protKeys {
			notNull = append(notNull, k+" IS NOT NULL")
		}
		protNotNull := notNull[0]
		if len(notNull) > 1 {
			protNotNull = "(" + strings.Join(notNull, " OR ") + ")"
		}
		over := " OVER (PARTITION BY " + strings.Join(part, ", ") + ")"
		for _, c := range scalarIns {
			k := "g." + p.groupKey(c)
			valid := fmt.Sprintf("g.%s = 0 AND %s IS NOT NULL AND %s", aliasOf("g", c, ""), k, protNotNull)
			s, q := "g."+aliasOf("sd", c, ""), "g."+aliasOf("sq", c, "")
			if !c.foldedInput() {
				// Keyed exactly: each row a value, its deviation times
				// its count.
				d := "(" + p.numberOf(k, c) + " - " + num(c.mean) + ")"
				s, q = "g.n * "+d, "g.n * "+d+" * "+d
			}
			win = append(win,
				fmt.Sprintf("SUM(CASE WHEN %s THEN %s END)%s AS %s", valid, s, over, aliasOf("ls", c, "")),
				fmt.Sprintf("SUM(CASE WHEN %s THEN %s END)%s AS %s", valid, q, over, aliasOf("lq", c, "")))
		}
	}
	// The final select names its outputs — never the per-cell sums, never a
	// value of a pair's column: a column keyed exactly by its hash and bin.
	out := []string{"w.sid"}
	for _, c := range pairCols {
		out = append(out, "w."+aliasOf("g", c, ""))
	}
	for _, c := range pairCols {
		if !c.exact {
			out = append(out, "w."+p.groupKey(c))
			continue
		}
		v := "w." + aliasOf("v", c, "")
		out = append(out, p.hashOf(v, c)+" AS "+aliasOf("h", c, ""))
		if c.kind.scalar() {
			out = append(out, p.binOf(p.numberOf(v, c))+" AS "+aliasOf("b", c, ""))
		}
	}
	for _, c := range samples {
		out = append(out, "w."+aliasOf("s", c, ""))
	}
	if p.joint != nil {
		out = append(out, "w.jp")
	}
	out = append(out, "w.n", "w.rn", "w.nd", "w.sh")
	for _, c := range scalarIns {
		out = append(out, "w."+aliasOf("ls", c, ""), "w."+aliasOf("lq", c, ""))
	}
	sql := "SELECT " + strings.Join(out, ", ") + "\nFROM (\n  SELECT g.*,\n    " + strings.Join(win, ",\n    ") +
		"\n  FROM (\n    " + grouped + "\n  ) g\n  WHERE " + strings.Join(where, "\n     OR ") +
		"\n) w\nWHERE w.sid = 0 OR (w.sid > 0 AND w.rn <= " + strconv.Itoa(p.sampleSize) + ")"
	if p.joint != nil {
		sql += " OR (w.sid = -1 AND w.rn <= " + strconv.Itoa(p.joint.cap) + ")"
	}
	what := "input × protected tables, value samples"
	if p.joint != nil {
		what += ", the joint sample of rows"
	}
	return Query{Pass: 2, What: what, SQL: sql}
}
