package pushdown

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
)

// Pass 2, the tables: one GROUP BY GROUPING SETS statement over every
// input × protected pair, each paired column's keys, each column's value
// sample and the joint sample of rows (joint.go), with window functions
// that number the samples and sum each scalar input's deviations per
// protected level.

// threshold is the largest hash kept by a sample of frac of the hash
// range: ⌊−2^63 + frac·2^64⌋.
func threshold(frac float64) string {
	f := new(big.Float).SetFloat64(frac)
	f.Mul(f, new(big.Float).SetFloat64(math.Ldexp(1, 64)))
	f.Sub(f, new(big.Float).SetFloat64(math.Ldexp(1, 63)))
	i, _ := f.Int(nil)
	return i.String()
}

// keys of a paired column in pass 2: the primary key (h: hash, f: folded
// hash bucket, b: bin) and, for an exactly keyed scalar column, its bin.
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

// sampled reports whether a column has a value sample.
func (c *column) sampled() bool { return c.kind != kNone }

// tablesQuery is pass 2.
func (p *plan) tablesQuery() Query {
	var base, sets []string
	var flags, protKeys []string
	var pairCols []*column
	for _, c := range p.cols {
		if c.paired {
			pairCols = append(pairCols, c)
		}
	}
	for _, c := range pairCols {
		prim, _ := p.keys(c)
		if c.exact {
			base = append(base, p.hash(c)+" AS "+aliasOf("h", c, ""))
		} else if !c.kind.scalar() {
			base = append(base, p.d.mod(p.hash(c), c.bound)+" AS "+aliasOf("f", c, ""))
		}
		if c.kind.scalar() {
			base = append(base, p.bin(c)+" AS "+aliasOf("b", c, ""))
		}
		flags = append(flags, aliasOf("g", c, ""))
		if c.protected {
			protKeys = append(protKeys, "g."+prim)
		}
	}
	var scalarIns []*column
	for _, c := range pairCols {
		if c.input && c.kind.scalar() {
			scalarIns = append(scalarIns, c)
			base = append(base, fmt.Sprintf("%s - %s AS %s", p.number(c), num(c.mean), aliasOf("d", c, "")))
		}
	}
	if p.joint != nil {
		base = append(base, p.jointBase()...)
	}
	var samples []*column
	for _, c := range p.cols {
		if !c.sampled() {
			continue
		}
		samples = append(samples, c)
		v := p.value(c)
		if c.frac < 1 {
			v = "CASE WHEN " + p.hash(c) + " <= " + threshold(c.frac) + " THEN " + v + " END"
		}
		base = append(base, v+" AS "+aliasOf("s", c, ""))
	}
	for _, pr := range p.pairs {
		_, a := p.keys(pr[0])
		_, b := p.keys(pr[1])
		sets = append(sets, "("+strings.Join(append(append([]string{}, a...), b...), ", ")+")")
	}
	for _, c := range pairCols {
		if _, ks := p.keys(c); c.exact || c.kind.scalar() {
			sets = append(sets, "("+strings.Join(ks, ", ")+")")
		}
	}
	for _, c := range samples {
		sets = append(sets, "("+aliasOf("s", c, "")+")")
	}
	var jkeys []jointKey
	if p.joint != nil {
		jkeys = p.jointKeys()
		js := []string{"jr"}
		for _, k := range jkeys {
			js = append(js, k.alias)
		}
		sets = append(sets, "("+strings.Join(js, ", ")+")")
	}

	// The grouped statement.
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
	var outKeys []string
	for _, c := range pairCols {
		prim, ks := p.keys(c)
		sel = append(sel, fmt.Sprintf("GROUPING(%s) AS %s", prim, aliasOf("g", c, "")))
		outKeys = append(outKeys, ks...)
	}
	sel = append(sel, outKeys...)
	for _, c := range samples {
		sel = append(sel, aliasOf("s", c, ""))
	}
	if p.joint != nil {
		sel = append(sel, "jr")
		for _, k := range jkeys {
			sel = append(sel, k.alias)
		}
	}
	sel = append(sel, p.d.count+"(*) AS n")
	for _, c := range scalarIns {
		d := aliasOf("d", c, "")
		sel = append(sel, fmt.Sprintf("SUM(%s) AS %s, SUM(%s * %s) AS %s", d, aliasOf("sd", c, ""), d, d, aliasOf("sq", c, "")))
	}
	from := "SELECT\n      " + strings.Join(base, ",\n      ") + "\n      FROM " + p.d.table(p.table)
	if p.joint != nil {
		from = p.jointGate(from)
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
		protNotNull := protKeys[0] + " IS NOT NULL"
		if len(protKeys) > 1 {
			protNotNull = "COALESCE(" + strings.Join(protKeys, ", ") + ") IS NOT NULL"
		}
		var part []string
		for _, f := range flags {
			part = append(part, "g."+f)
		}
		part = append(part, protKeys...)
		over := " OVER (PARTITION BY " + strings.Join(part, ", ") + ")"
		for _, c := range scalarIns {
			prim, _ := p.keys(c)
			valid := fmt.Sprintf("g.%s = 0 AND g.%s IS NOT NULL AND %s", aliasOf("g", c, ""), prim, protNotNull)
			win = append(win,
				fmt.Sprintf("SUM(CASE WHEN %s THEN g.%s END)%s AS %s", valid, aliasOf("sd", c, ""), over, aliasOf("ls", c, "")),
				fmt.Sprintf("SUM(CASE WHEN %s THEN g.%s END)%s AS %s", valid, aliasOf("sq", c, ""), over, aliasOf("lq", c, "")))
		}
	}
	// The final select names its outputs: never the per-cell sums.
	out := []string{"w.sid"}
	for _, c := range pairCols {
		out = append(out, "w."+aliasOf("g", c, ""))
	}
	for _, k := range outKeys {
		out = append(out, "w."+k)
	}
	for _, c := range samples {
		out = append(out, "w."+aliasOf("s", c, ""))
	}
	for _, k := range jkeys {
		out = append(out, "w."+k.alias)
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
	what := "input × protected tables, level keys, value samples"
	if p.joint != nil {
		what += ", the joint sample of rows"
	}
	return Query{Pass: 2, What: what, SQL: sql}
}
