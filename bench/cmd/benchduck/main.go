// Command benchduck runs DuckDB's side of the saglig benchmark on a Parquet
// file of the job-centre dataset (bench/internal/jc) and prints the timings
// as JSON. benchjc builds and runs it in a process of its own, so that
// DuckDB's memory is measured apart and the harness, without DuckDB's
// library, stays small.
//
//	benchduck [-threads N] [-separate] FILE
package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"

	_ "github.com/duckdb/duckdb-go/v2" // registers the "duckdb" driver

	"github.com/saglig/saglig/bench/internal/jc"
)

func main() {
	threads := flag.Int("threads", 0, "DuckDB threads (0: every core)")
	separate := flag.Bool("separate", false, "one GROUP BY query per input × protected pair instead of GROUPING SETS")
	flag.Parse()
	err := errors.New("usage: benchduck [-threads N] [-separate] FILE")
	if flag.NArg() == 1 {
		err = runDuck(context.Background(), flag.Arg(0), *threads, *separate)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchduck:", err)
		os.Exit(2)
	}
}

// foldedCols are the inputs with more distinct values than saglig keeps as
// exact levels (2,048): saglig folds them, numbers into logarithmic bins
// and text into hash buckets, and so does DuckDB's contingency query.
var foldedCols = map[string]string{
	"indkomst_sidste_aar": "num",
	"ydelse_beloeb_md":    "num",
	"tidligere_score":     "num",
	"sag_oprettet":        "time",
	"sagsnotat":           "text",
}

// numericInputs are the inputs saglig treats as numbers (not codes), whose
// η it computes from per-level moments.
var numericInputs = []string{
	"uddannelsesniveau", "erhvervserfaring_aar", "antal_ledighedsforloeb", "antal_adresseskift_5aar",
	"sygedage_12m", "bibliotek_forsinkede_afleveringer", "indkomst_sidste_aar", "ydelse_beloeb_md",
	"antal_boern", "samtaler_12m", "jobsoegninger_4uger", "tidligere_score",
}

// duckQuery is one statement of DuckDB's side of the comparison.
type duckQuery struct {
	Name string
	SQL  string
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

func quoteLit(s string) string { return `'` + strings.ReplaceAll(s, `'`, `''`) + `'` }

// levelExpr is the contingency-table level of an input in SQL: the value,
// or its fold.
func levelExpr(c string) string {
	q := quoteIdent(c)
	switch foldedCols[c] {
	case "num":
		return fmt.Sprintf("CAST(sign(%[1]s) * floor(ln(abs(%[1]s) + 1) / ln(1.01)) AS BIGINT)", q)
	case "time":
		return fmt.Sprintf("CAST(floor(ln(epoch_ms(%s) + 1) / ln(1.01)) AS BIGINT)", q)
	case "text":
		return fmt.Sprintf("hash(%s) >> 53", q)
	}
	return q
}

// duckQueries are the statements DuckDB runs on file: the per-column
// profile (count, nulls, approximate distinct, min, max), the input ×
// protected contingency tables as one GROUPING SETS aggregation, and the
// per-level moments (count, mean, variance) of the numeric inputs.
//
// With separate, the contingency tables are one GROUP BY query per pair
// instead (compared in docs/performance.md; GROUPING SETS is faster).
func duckQueries(file string, columns, inputs []string, separate bool) []duckQuery {
	src := "read_parquet(" + quoteLit(file) + ")"
	var prof []string
	prof = append(prof, "count(*)")
	for _, c := range columns {
		q := quoteIdent(c)
		prof = append(prof, fmt.Sprintf("count(*) - count(%[1]s), approx_count_distinct(%[1]s), min(%[1]s), max(%[1]s)", q))
	}
	var sets, sel []string
	for i, in := range inputs {
		sel = append(sel, levelExpr(in)+" AS l"+fmt.Sprint(i))
		for _, p := range jc.ProtectedCols {
			sets = append(sets, fmt.Sprintf("(l%d, %s)", i, quoteIdent(p)))
		}
	}
	for _, p := range jc.ProtectedCols {
		sel = append(sel, quoteIdent(p))
	}
	var mom []string
	for _, c := range numericInputs {
		q := quoteIdent(c)
		mom = append(mom, fmt.Sprintf("count(%[1]s), avg(%[1]s), var_pop(%[1]s)", q))
	}
	var psets []string
	for _, p := range jc.ProtectedCols {
		psets = append(psets, "("+quoteIdent(p)+")")
	}
	qs := []duckQuery{{"profile", "SELECT " + strings.Join(prof, ", ") + " FROM " + src}}
	if separate {
		for _, in := range inputs {
			for _, p := range jc.ProtectedCols {
				qs = append(qs, duckQuery{"contingency", fmt.Sprintf("SELECT %[1]s, %[2]s, count(*) FROM %[3]s GROUP BY %[1]s, %[2]s",
					levelExpr(in), quoteIdent(p), src)})
			}
		}
	} else {
		qs = append(qs, duckQuery{"contingency", "SELECT *, count(*) FROM (SELECT " + strings.Join(sel, ", ") + " FROM " + src +
			") GROUP BY GROUPING SETS (" + strings.Join(sets, ", ") + ")"})
	}
	return append(qs, duckQuery{"moments", "SELECT " + strings.Join(quoteAll(jc.ProtectedCols), ", ") + ", " + strings.Join(mom, ", ") +
		" FROM " + src + " GROUP BY GROUPING SETS (" + strings.Join(psets, ", ") + ")"})
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = quoteIdent(s)
	}
	return out
}

// runDuck runs duckQueries on file in this
// process, reads every result row, and prints a jc.DuckResult.
func runDuck(ctx context.Context, file string, threads int, separate bool) error {
	if threads <= 0 {
		threads = runtime.NumCPU()
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	res := jc.DuckResult{Threads: threads, Seconds: map[string]float64{}}
	if _, err := db.ExecContext(ctx, fmt.Sprintf("SET threads = %d", threads)); err != nil {
		return err
	}
	if err := db.QueryRowContext(ctx, "SELECT version()").Scan(&res.Version); err != nil {
		return err
	}
	cols := jc.ColumnNames(false)
	for _, q := range duckQueries(file, cols, jc.InputCols(false), separate) {
		start := time.Now()
		rows, err := db.QueryContext(ctx, q.SQL)
		if err != nil {
			return fmt.Errorf("%s: %w", q.Name, err)
		}
		ct, err := rows.ColumnTypes()
		if err != nil {
			return err
		}
		vals := make([]any, len(ct))
		ptrs := make([]any, len(ct))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		var n int64
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				return fmt.Errorf("%s: %w", q.Name, err)
			}
			n++
			if q.Name == "profile" {
				c, ok := vals[0].(int64)
				if !ok {
					return fmt.Errorf("profile: count(*) is %T", vals[0])
				}
				res.Rows = c
			}
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("%s: %w", q.Name, err)
		}
		rows.Close()
		if q.Name == "contingency" {
			res.Groups += n
		}
		res.Seconds[q.Name] += time.Since(start).Seconds()
	}
	return json.NewEncoder(os.Stdout).Encode(res)
}
