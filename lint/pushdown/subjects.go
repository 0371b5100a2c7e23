package pushdown

import (
	"fmt"
	"strings"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/scan"
)

// Pass 3, the subjects: the observation period (per subject its first and
// last observation) and the classes of the quasi-identifiers (per
// combination of their values its subjects), in one statement — one scan
// of the table, grouped by both sets at once:
//
//  1. GROUP BY GROUPING SETS ((i), (k0, …, i)): per subject its rows with a
//     time, first and last time; per combination and subject its rows (a
//     combination's rows without an id make one group, one unknown
//     subject, as the scan counts them). Without an id the classes are
//     grouped by the combination alone and sized by their rows.
//  2. Per subject (the period's rows) and per combination (a class: its
//     subjects and rows), each given a bucket: −1 for a subject, else the
//     class's size, sizes above scan.MaxClassSize together.
//  3. Per bucket: the subjects, those seen twice or more and the quantiles
//     of their spans (bucket −1), or the classes and their rows.
//
// Only these aggregates leave the engine: no id, no time, no combination.

// subjectsQuery is pass 3; ok is false without an id and a timestamp and
// without quasi-identifiers.
func (p *plan) subjectsQuery() (Query, bool) {
	period, reid := p.id != nil, len(p.qis) > 0
	if !period && !reid {
		return Query{}, false
	}
	subj := p.id
	if subj == nil {
		subj = p.subj
	}
	// The base: the subject id, the time and the quasi-identifiers.
	var base []string
	if subj != nil {
		base = append(base, p.value(subj)+" AS i")
	}
	if period {
		base = append(base, p.micros(p.ts)+" AS u")
	}
	var keys []string
	for j, c := range p.qis {
		base = append(base, fmt.Sprintf("%s AS k%d", p.value(c), j))
		keys = append(keys, fmt.Sprintf("k%d", j))
	}
	prefixed := func(alias string, names []string) []string {
		out := make([]string, len(names))
		for j, n := range names {
			out[j] = alias + "." + n
		}
		return out
	}
	classKeys := prefixed("b", keys)
	if p.subj != nil {
		classKeys = append(classKeys, "b.i")
	}

	// 1. Per subject, and per combination and subject.
	// gk tells a subject's row (1) from a class's (0) when there are both.
	var sel []string
	group := "GROUP BY b.i"
	switch {
	case period && reid:
		sel = append(sel, "GROUPING(b.k0) AS gk")
		group = "GROUP BY GROUPING SETS ((b.i), (" + strings.Join(classKeys, ", ") + "))"
	case reid:
		group = "GROUP BY " + strings.Join(classKeys, ", ")
	}
	if subj != nil {
		sel = append(sel, "b.i")
	}
	sel = append(sel, prefixed("b", keys)...)
	sel = append(sel, p.d.count+"(*) AS n")
	if period {
		sel = append(sel, p.d.count+"(b.u) AS nu", "MIN(b.u) AS lo", "MAX(b.u) AS hi")
	}
	grouped := "SELECT " + strings.Join(sel, ", ") + "\n    FROM (SELECT " + strings.Join(base, ", ") + " FROM " + p.d.table(p.table) + ") b\n    " + group

	// 2. Per subject and per class, with its bucket. The grouped rows are
	// a subject's or a class's already, but for classes sized by their
	// subjects: those are summed over the class's subjects.
	sum, count := func(e string) string { return e }, "1"
	bySubject := reid && p.subj != nil
	if bySubject {
		sum, count = func(e string) string { return "SUM(" + e + ")" }, p.d.count+"(*)"
	}
	size := sum("c.n")
	if bySubject {
		size = count
	}
	bucket := fmt.Sprintf("WHEN %s > %d THEN %d ELSE %s END", size, scan.MaxClassSize, scan.MaxClassSize+1, size)
	switch {
	case period && reid:
		bucket = "CASE WHEN c.gk = 1 THEN -1 " + bucket
	case period:
		bucket = "-1"
	default:
		bucket = "CASE " + bucket
	}
	sel = []string{bucket + " AS sz", sum("c.n") + " AS r"}
	var where, groupBy string
	if period {
		// A subject is a non-null id with a time.
		span := "c.hi - c.lo"
		if bySubject {
			span = "MAX(c.hi) - MIN(c.lo)"
		}
		sel = append(sel, sum("c.nu")+" AS obs", span+" AS span")
		where = "\n  WHERE c.i IS NOT NULL AND c.nu > 0"
		if reid {
			where = "\n  WHERE c.gk = 0 OR (c.i IS NOT NULL AND c.nu > 0)"
		}
	}
	if bySubject {
		keys := prefixed("c", keys)
		if period {
			keys = append([]string{"c.gk"}, keys...)
			keys = append(keys, "CASE WHEN c.gk = 1 THEN c.i END")
		}
		groupBy = "\n  GROUP BY " + strings.Join(keys, ", ")
	}
	perClass := "SELECT " + strings.Join(sel, ", ") + "\n  FROM (\n    " + grouped + "\n  ) c" + where + groupBy

	// 3. Per bucket.
	agg := func(e string) string { return e }
	if p.d.windowedSpans {
		agg = func(e string) string { return e + " OVER (PARTITION BY s.sz)" }
	}
	out := []string{"s.sz AS size", agg(p.d.count+"(*)") + " AS cnt"}
	if reid {
		out = append(out, agg("SUM(s.r)")+" AS nrows")
	}
	if period {
		out = append(out, agg("SUM(CASE WHEN s.obs >= 2 THEN CAST(1 AS BIGINT) ELSE 0 END)")+" AS multi")
		qs, _ := p.d.spanQuantiles("s.span", spanPs, p.f)
		for j, q := range qs {
			out = append(out, fmt.Sprintf("%s AS q%d", agg(q), j))
		}
	}
	var sql string
	if p.d.windowedSpans {
		names := make([]string, len(out))
		for j, o := range out {
			names[j] = "w." + o[strings.LastIndex(o, " AS ")+len(" AS "):]
		}
		out = append(out, "ROW_NUMBER() OVER (PARTITION BY s.sz ORDER BY s.sz) AS rn")
		sql = "SELECT " + strings.Join(names, ", ") + "\nFROM (\n  SELECT " + strings.Join(out, ",\n    ") + "\n  FROM (\n  " + perClass + "\n  ) s\n) w\nWHERE w.rn = 1"
	} else {
		sql = "SELECT " + strings.Join(out, ",\n  ") + "\nFROM (\n  " + perClass + "\n) s\nGROUP BY s.sz"
	}
	var what []string
	if period {
		what = append(what, "observation period: first and last observation per subject")
	}
	if reid {
		what = append(what, "re-identification: rows and subjects per combination of quasi-identifiers")
	}
	return Query{Pass: 3, What: strings.Join(what, "; "), SQL: sql}, true
}

// spanPs are the span quantiles the period reports, named by spanNames.
var (
	spanPs    = []float64{0, 0.25, 0.5, 0.75, 0.9, 1}
	spanNames = []string{"min", "p25", "p50", "p75", "p90", "max"}
)

// readSubjects reads pass 3: the period (nil without an id and a
// timestamp) and the classes (nil without quasi-identifiers).
func (p *plan) readSubjects(r *Rows) (*scan.Period, *scan.Reidentification, error) {
	var per *scan.Period
	if p.id != nil {
		_, est := p.d.spanQuantiles("x", spanPs[:1], p.f)
		per = &scan.Period{SampledShare: 1, SpanDays: map[string]float64{}, Estimator: est}
	}
	var re *scan.Reidentification
	if len(p.qis) > 0 {
		re = &scan.Reidentification{BySubject: p.subj != nil, SampledShare: 1, RowsBySize: make([]int64, scan.MaxClassSize)}
		for _, c := range p.qis {
			re.Columns = append(re.Columns, c.col.Path)
		}
	}
	if r == nil {
		return per, re, nil
	}
	is, ic := r.col("size"), r.col("cnt")
	if is < 0 || ic < 0 {
		return nil, nil, i18n.Errorf("subjects: want size and cnt, got %v", r.Columns)
	}
	for _, row := range r.Values {
		get := func(name string) any {
			if i := r.col(name); i >= 0 {
				return row[i]
			}
			return nil
		}
		size, err := toInt(row[is])
		if err != nil {
			return nil, nil, i18n.Errorf("class size: %v", err)
		}
		cnt, err := toInt(row[ic])
		if err != nil {
			return nil, nil, i18n.Errorf("count: %v", err)
		}
		switch {
		case size == -1 && per != nil:
			if err := readPeriod(per, cnt, get); err != nil {
				return nil, nil, err
			}
		case size >= 1 && re != nil:
			n, err := toInt(get("nrows"))
			if err != nil {
				return nil, nil, i18n.Errorf("rows: %v", err)
			}
			re.Rows += n
			re.Classes += cnt
			if size <= scan.MaxClassSize {
				re.RowsBySize[size-1] += n
			}
		default:
			return nil, nil, i18n.Errorf("subjects: a row of bucket %d", size)
		}
	}
	if re != nil {
		re.Trim()
	}
	return per, re, nil
}

// readPeriod reads the period's row: its subjects, those seen twice or
// more, and the spans' quantiles.
func readPeriod(per *scan.Period, subjects int64, get func(string) any) error {
	per.Subjects = subjects
	if subjects == 0 {
		return nil
	}
	multi, err := toInt(get("multi"))
	if err != nil {
		return i18n.Errorf("subjects observed twice: %v", err)
	}
	per.MultiObs = float64(multi) / float64(subjects)
	for i, name := range spanNames {
		v, ok, err := toFloat(get(fmt.Sprintf("q%d", i)))
		if err != nil {
			return i18n.Errorf("span %s: %v", name, err)
		}
		if ok {
			per.SpanDays[name] = v / scan.MicrosPerDay
		}
	}
	return nil
}
