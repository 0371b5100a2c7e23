// Package pushdown measures a table where it lives — PostgreSQL, SQL
// Server, Trino, Databricks SQL warehouses, DuckDB — by pushing the scan's
// statistics down to the engine as SQL: one query builder, a dialect per
// engine, at most three statements (one scan of the table each), and the results
// turned into the scan's own Result by the scan's own code, so that the
// rules see the same figures as for the same data in Parquet.
//
// Raw values never leave the engine except the bounded, deterministic
// value sample the classifier needs (per column the SampleSize values with
// the smallest hashes, numbered in the engine) and the joint model's
// sample of rows (at most scan.JointSampleCap rows by the hash of their
// content, each as level keys, numbers and the subject id's hash: no text);
// group keys come back as hashes or bins, and an input's moments as sums
// per protected level. The proxy evidence (value tables, binned mutual
// information, the joint model) is computed from them by the scan's code.
// docs/warehouses.md describes the URL forms, the credentials, what is pushed
// down and what leaves the engine.
package pushdown

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/dataset"
	"github.com/saglig/saglig/lint/scan"
)

// Source is an open table in a SQL engine.
type Source struct {
	Target *Target
	d      *dialect
	f      features
	conn   Conn
	cols   []dataset.Column
}

// Open parses a table URL, connects, prepares the session (statement
// timeout, UTC) and reads the table's columns from the catalogue. Nothing
// of the table's data is read.
func Open(ctx context.Context, rawURL string) (*Source, error) {
	t, err := Parse(rawURL)
	if err != nil {
		return nil, err
	}
	conn, err := connect(ctx, t)
	if err != nil {
		var te *Error
		if errors.As(err, &te) {
			return nil, te
		}
		return nil, &Error{Table: t.Display, Err: clean(err)}
	}
	s, err := open(ctx, t, conn)
	if err != nil {
		conn.Close()
		return nil, err
	}
	return s, nil
}

// open prepares a source on an open connection.
func open(ctx context.Context, t *Target, conn Conn) (*Source, error) {
	s := &Source{Target: t, d: dialectOf(t.Engine), conn: conn, f: features{Exact: t.Exact}}
	for _, st := range s.d.setup(t.Timeout) {
		if _, err := s.query(ctx, st); err != nil {
			return nil, &Error{Table: t.Display, Err: err}
		}
	}
	if t.Engine == Postgres {
		r, err := s.query(ctx, "SELECT extname FROM pg_extension WHERE extname IN ('hll', 'tdigest')")
		if err != nil {
			return nil, &Error{Table: t.Display, Err: err}
		}
		for _, row := range r.Values {
			switch fmt.Sprint(row[0]) {
			case "hll":
				s.f.HLL = true
			case "tdigest":
				s.f.TDigest = true
			}
		}
	}
	r, err := s.query(ctx, s.d.catalogue(t.Table))
	if err != nil {
		return nil, tableErr(t.Display, "reading the catalogue: %v", err)
	}
	for _, row := range r.Values {
		if len(row) < 4 {
			return nil, tableErr(t.Display, "the catalogue returned %d columns, not 4", len(row))
		}
		prec, _ := toInt(row[2])
		scale, _ := toInt(row[3])
		ct, display := s.d.columnType(fmt.Sprint(row[1]), prec, scale)
		s.cols = append(s.cols, dataset.Column{Path: fmt.Sprint(row[0]), Type: display, ColumnType: ct, Nullable: true,
			Loc: dataset.Location{Leaf: -1}})
	}
	if len(s.cols) == 0 {
		return nil, tableErr(t.Display, "no table or view %s (or it has no columns you may read)", t.Table)
	}
	return s, nil
}

// Close closes the connection.
func (s *Source) Close() error { return s.conn.Close() }

// Dataset is the table as a dataset: its columns, no files. Its Rows are
// known once it is measured (Profile sets them).
func (s *Source) Dataset() *dataset.Dataset {
	return &dataset.Dataset{Path: s.Target.Display, Format: dataset.Format(s.Target.Engine), Columns: append([]dataset.Column(nil), s.cols...)}
}

// Profile measures the table in up to three statements and returns what the
// native scan would: it is a scan.Profiler. ds is the source's Dataset;
// its Rows are set to the rows counted.
func (s *Source) Profile(ctx context.Context, ds *dataset.Dataset, req scan.Request) (*scan.Result, error) {
	p, err := s.plan(req)
	if err != nil {
		return nil, &Error{Table: s.Target.Display, Err: err}
	}
	q1 := p.profileQuery()
	r1, err := s.query(ctx, q1.SQL)
	if err != nil {
		return nil, s.passErr(q1, err)
	}
	one, err := p.readProfile(r1)
	if err != nil {
		return nil, s.passErr(q1, err)
	}
	p.plan2(profileFigures{rows: one.rows, distinct: one.distinct, mean: one.mean})
	q2 := p.tablesQuery()
	t := p.newTablesReader(req.Memory)
	if err := s.run(ctx, q2.SQL, t); err != nil {
		return nil, s.passErr(q2, err)
	}
	two := t.result()
	res, err := p.assemble(one, two)
	if err != nil {
		return nil, &Error{Table: s.Target.Display, Err: err}
	}
	if q3, ok := p.subjectsQuery(); ok {
		r3, err := s.query(ctx, q3.SQL)
		if err != nil {
			return nil, s.passErr(q3, err)
		}
		if res.Period, res.Reidentification, err = p.readSubjects(r3); err != nil {
			return nil, s.passErr(q3, err)
		}
	}
	if ds != nil {
		ds.Rows = res.Rows
	}
	if req.Progress != nil {
		req.Progress(1, 1)
	}
	return res, nil
}

func (s *Source) plan(req scan.Request) (*plan, error) {
	return newPlan(s.d, s.f, s.Target.Table, s.cols, request{Inputs: req.Inputs, Protected: req.Protected,
		ID: req.ID, Timestamp: req.Timestamp, QuasiIDs: req.QuasiIDs, SampleSize: req.SampleSize, Memory: req.Memory,
		Workers: req.Workers})
}

// query runs one statement of a small result (the session, the
// catalogue, the profile) within the statement timeout and returns it
// whole.
func (s *Source) query(ctx context.Context, sql string) (*Rows, error) {
	r := &Rows{}
	if err := s.run(ctx, sql, r); err != nil {
		return nil, err
	}
	return r, nil
}

// run runs one statement within the statement timeout, its rows read by
// sink as they come.
func (s *Source) run(ctx context.Context, sql string, sink Sink) error {
	ctx, cancel := context.WithTimeout(ctx, s.Target.Timeout)
	defer cancel()
	g := &guarded{Sink: sink, stop: cancel}
	err := s.conn.Query(ctx, sql, g)
	switch {
	case err == nil:
		return nil
	case g.err != nil:
		// The reader's own error, which quotes nothing of the engine's.
		return g.err
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return i18n.Errorf("the statement ran longer than %s (raise it with timeout= in the URL)", s.Target.Timeout)
	}
	return clean(err)
}

// guarded keeps a sink's error apart from the engine's and the driver's,
// and cancels the statement on it: the rest of a refused result is not
// read.
type guarded struct {
	Sink
	stop func()
	err  error
}

func (g *guarded) Start(names []string) error {
	return g.check(g.Sink.Start(names))
}

func (g *guarded) Row(vals []any) error {
	return g.check(g.Sink.Row(vals))
}

func (g *guarded) check(err error) error {
	if err != nil {
		g.err = err
		g.stop()
	}
	return err
}

func (s *Source) passErr(q Query, err error) error {
	return tableErr(s.Target.Display, "pass %d (%s): %v", q.Pass, q.What, err)
}

// DryRun writes the statements Profile would run, with the session's
// setup, without running any: the second pass as it is planned for columns
// whose distinct counts are within their level bounds (after the first
// pass, a column above 1.25 × its bound is folded in the engine and its
// sample thresholded by hash).
func (s *Source) DryRun(w io.Writer, req scan.Request) error {
	p, err := s.plan(req)
	if err != nil {
		return &Error{Table: s.Target.Display, Err: err}
	}
	fmt.Fprintf(w, "-- saglig: %s (%s)\n", s.Target.Display, s.Target.Engine)
	_, ps := scan.QuantileNames()
	_, dist := s.d.distinct("x", s.f)
	_, quant := s.d.quantiles("x", ps, s.f)
	fmt.Fprintf(w, "-- distinct counts: %s; quantiles: %s\n", dist, quant)
	for _, n := range p.notes {
		fmt.Fprintf(w, "-- note: %s\n", n)
	}
	if st := s.d.setup(s.Target.Timeout); len(st) > 0 {
		fmt.Fprintln(w, "-- session")
		for _, q := range st {
			fmt.Fprintf(w, "%s;\n", q)
		}
	}
	writeQuery(w, p.profileQuery())
	p.plan2(profileFigures{})
	fmt.Fprintln(w, "-- (pass 2 as planned for columns within their level bounds; pass 1's distinct counts decide each column's key and sample threshold)")
	writeQuery(w, p.tablesQuery())
	if q, ok := p.subjectsQuery(); ok {
		writeQuery(w, q)
	}
	return nil
}

func writeQuery(w io.Writer, q Query) {
	fmt.Fprintf(w, "-- pass %d: %s\n%s;\n", q.Pass, q.What, q.SQL)
}
