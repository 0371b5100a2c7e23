package pushdown

import (
	"fmt"
	"strings"

	"github.com/saglig/saglig/lint/scan"
)

// The observation period (pass 3) and the classes of the quasi-identifiers
// (pass 4): their statements and how their rows are read.

// reidQuery is pass 4; ok is false without quasi-identifiers. Each
// combination of their values (NULL a value of its own, as GROUP BY and the
// scan have it) is a class, sized by its distinct subjects — a row without
// an id one unknown subject, as the scan counts it — or by its rows
// without an id; the classes are summed to the rows and classes per size,
// sizes above scan.MaxClassSize together.
func (p *plan) reidQuery() (Query, bool) {
	if len(p.qis) == 0 {
		return Query{}, false
	}
	var keys, group []string
	for i, c := range p.qis {
		keys = append(keys, fmt.Sprintf("%s AS k%d", p.value(c), i))
		group = append(group, fmt.Sprintf("b.k%d", i))
	}
	size := p.d.count + "(*)"
	if p.subj != nil {
		keys = append(keys, p.value(p.subj)+" AS i")
		size = p.d.count + "(DISTINCT b.i) + MAX(CASE WHEN b.i IS NULL THEN 1 ELSE 0 END)"
	}
	inner := "SELECT " + size + " AS s, " + p.d.count + "(*) AS n\n  FROM (SELECT " + strings.Join(keys, ", ") + " FROM " + p.d.table(p.table) +
		") b\n  GROUP BY " + strings.Join(group, ", ")
	bucket := fmt.Sprintf("CASE WHEN c.s > %d THEN %d ELSE c.s END", scan.MaxClassSize, scan.MaxClassSize+1)
	sql := "SELECT " + bucket + " AS size, SUM(c.n) AS nrows, " + p.d.count + "(*) AS classes\nFROM (\n  " + inner + "\n) c\nGROUP BY " + bucket
	return Query{Pass: 4, What: "re-identification: rows and distinct subjects per combination of quasi-identifiers", SQL: sql}, true
}

// periodQuery is pass 3; ok is false without an id and a timestamp.
func (p *plan) periodQuery() (Query, bool) {
	if p.id == nil {
		return Query{}, false
	}
	ps := []float64{0, 0.25, 0.5, 0.75, 0.9, 1}
	qs, _ := p.d.spanQuantiles("s.span", ps, p.f)
	inner := "SELECT MAX(b.u) - MIN(b.u) AS span, " + p.d.count + "(*) AS obs\n  FROM (SELECT " + p.value(p.id) + " AS i, " + p.micros(p.ts) +
		" AS u FROM " + p.d.table(p.table) + ") b\n  WHERE b.i IS NOT NULL AND b.u IS NOT NULL\n  GROUP BY b.i"
	var sel []string
	if p.d.windowedSpans {
		sel = append(sel, p.d.count+"(*) OVER () AS subjects", "SUM(CASE WHEN s.obs >= 2 THEN CAST(1 AS BIGINT) ELSE 0 END) OVER () AS multi")
	} else {
		sel = append(sel, p.d.count+"(*) AS subjects", "SUM(CASE WHEN s.obs >= 2 THEN 1 ELSE 0 END) AS multi")
	}
	for i, q := range qs {
		sel = append(sel, fmt.Sprintf("%s AS q%d", q, i))
	}
	head := "SELECT "
	if p.d.windowedSpans {
		head = "SELECT TOP (1) "
	}
	sql := head + strings.Join(sel, ",\n  ") + "\nFROM (\n  " + inner + "\n) s"
	return Query{Pass: 3, What: "observation period: first and last observation per subject", SQL: sql}, true
}

// readReid reads pass 4.
func (p *plan) readReid(r *Rows) (*scan.Reidentification, error) {
	re := &scan.Reidentification{BySubject: p.subj != nil, SampledShare: 1, RowsBySize: make([]int64, scan.MaxClassSize)}
	for _, c := range p.qis {
		re.Columns = append(re.Columns, c.col.Path)
	}
	is, in, ic := r.col("size"), r.col("nrows"), r.col("classes")
	if is < 0 || in < 0 || ic < 0 {
		return nil, fmt.Errorf("re-identification: want size, nrows and classes, got %v", r.Columns)
	}
	for _, row := range r.Values {
		size, err := toInt(row[is])
		if err != nil {
			return nil, fmt.Errorf("class size: %w", err)
		}
		n, err := toInt(row[in])
		if err != nil {
			return nil, fmt.Errorf("rows: %w", err)
		}
		k, err := toInt(row[ic])
		if err != nil {
			return nil, fmt.Errorf("classes: %w", err)
		}
		re.Rows += n
		re.Classes += k
		if size >= 1 && size <= scan.MaxClassSize {
			re.RowsBySize[size-1] += n
		}
	}
	re.Trim()
	return re, nil
}

// readPeriod reads pass 3.
func (p *plan) readPeriod(r *Rows) (*scan.Period, error) {
	_, est := p.d.spanQuantiles("x", []float64{0}, p.f)
	per := &scan.Period{SampledShare: 1, SpanDays: map[string]float64{}, Estimator: est}
	if len(r.Values) == 0 {
		return per, nil
	}
	row := r.Values[0]
	get := func(name string) any {
		if i := r.col(name); i >= 0 {
			return row[i]
		}
		return nil
	}
	var err error
	if per.Subjects, err = toInt(get("subjects")); err != nil {
		return nil, fmt.Errorf("subjects: %w", err)
	}
	if per.Subjects == 0 {
		return per, nil
	}
	multi, err := toInt(get("multi"))
	if err != nil {
		return nil, fmt.Errorf("subjects observed twice: %w", err)
	}
	per.MultiObs = float64(multi) / float64(per.Subjects)
	for i, name := range []string{"min", "p25", "p50", "p75", "p90", "max"} {
		v, ok, err := toFloat(get(fmt.Sprintf("q%d", i)))
		if err != nil {
			return nil, fmt.Errorf("span %s: %w", name, err)
		}
		if ok {
			per.SpanDays[name] = v / scan.MicrosPerDay
		}
	}
	return per, nil
}
