package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/saglig/saglig/bench/internal/jc"
	"github.com/saglig/saglig/bench/internal/measure"
	"github.com/saglig/saglig/internal/testfiles"
)

// pushdown loads the o.pgRows-row dataset into PostgreSQL (unless a table
// of that many rows is there already) and times saglig lint on the table
// through SQL pushdown against saglig lint on the Parquet file, both the
// built binary, alternating.
func (b *bench) pushdown(ctx context.Context) error {
	o := b.o
	bin := filepath.Join(o.Dir, "bin")
	b.saglig = filepath.Join(bin, "saglig")
	if err := measure.BuildSaglig(ctx, o.Repo, b.saglig); err != nil {
		return err
	}
	defer os.RemoveAll(bin)
	data, mapPath, err := jc.Generate(ctx, b.self, o.Dir, o.pgRows, o.Seed)
	if err != nil {
		return err
	}
	if !o.Keep {
		defer os.Remove(data)
	}
	base := os.Getenv("SAGLIG_TEST_POSTGRES")
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		return err
	}
	table := fmt.Sprintf("jobcenter_%d", o.pgRows)
	loadTime, err := loadTable(ctx, conn, data, table, o.pgRows)
	if err != nil {
		return err
	}
	var version, tableSize string
	var backend int
	if err := conn.QueryRow(ctx, "SELECT current_setting('server_version'), pg_size_pretty(pg_total_relation_size($1::regclass)), pg_backend_pid()",
		table).Scan(&version, &tableSize, &backend); err != nil {
		return err
	}
	var exts []string
	rows, err := conn.Query(ctx, "SELECT extname FROM pg_extension WHERE extname IN ('hll', 'tdigest') ORDER BY 1")
	if err == nil {
		for rows.Next() {
			var e string
			if rows.Scan(&e) == nil {
				exts = append(exts, e)
			}
		}
		rows.Close()
	}
	postmaster, err := measure.ParentPID(backend)
	if err != nil {
		return fmt.Errorf("the PostgreSQL backend's process: %w (the server must run on this machine)", err)
	}
	// -pg-set: settings for every session of the runs, on the database.
	for _, kv := range o.pgSet {
		k, v, _ := strings.Cut(kv, "=")
		set := fmt.Sprintf("ALTER DATABASE %s SET %s = %s", pgx.Identifier{conn.Config().Database}.Sanitize(), k, quoteLiteral(v))
		reset := fmt.Sprintf("ALTER DATABASE %s RESET %s", pgx.Identifier{conn.Config().Database}.Sanitize(), k)
		if _, err := conn.Exec(ctx, set); err != nil {
			return fmt.Errorf("-pg-set %s: %w", kv, err)
		}
		defer func() {
			if c, err := pgx.Connect(context.Background(), base); err == nil {
				c.Exec(context.Background(), reset)
				c.Close(context.Background())
			}
		}()
	}
	conn.Close(ctx)
	tableURL := tableURL(base, table)
	if err := measure.Warm(data); err != nil {
		return err
	}
	load := measure.LoadAverage()
	start := time.Now()
	local := &series{name: "saglig lint FILE.parquet (local scan)"}
	remote := &series{name: "saglig lint postgres://…?table=… (pushdown)", store: "postgres"}
	for i := range o.Repeat {
		m, err := b.lintBinary(ctx, mapPath, data, o.pgRows)
		if err != nil {
			return err
		}
		logf("run %d: local scan %s (CPU %s)", i+1, measure.Secs(m.Wall), measure.Secs(m.CPU))
		local.runs = append(local.runs, runResult{m: m})
		// The backends' CPU time reaches the postmaster's children's
		// time when they exit, once the run's connection is closed.
		before, err := measure.ProcessCPU(postmaster, true)
		if err != nil {
			return err
		}
		m, err = b.lintBinary(ctx, mapPath, tableURL, o.pgRows)
		if err != nil {
			return err
		}
		time.Sleep(500 * time.Millisecond)
		after, err := measure.ProcessCPU(postmaster, true)
		if err != nil {
			return err
		}
		logf("run %d: pushdown %s (CPU %s, PostgreSQL %s)", i+1, measure.Secs(m.Wall), measure.Secs(m.CPU), measure.Secs(after-before))
		remote.runs = append(remote.runs, runResult{m: m, server: after - before})
	}
	settings := "the server's defaults"
	if len(o.pgSet) > 0 {
		settings = "`" + strings.Join(o.pgSet, "`, `") + "` on the database, otherwise the server's defaults"
	}
	extText := "none"
	if len(exts) > 0 {
		extText = strings.Join(exts, ", ")
	}
	b.printf("### SQL pushdown to PostgreSQL against the local scan\n\n")
	b.printf("%d rows × %d columns: the Parquet file (%s) on local disk, and the same rows in PostgreSQL %s (table %s with its statistics, extensions: %s; loaded with COPY in %s; settings: %s); `saglig lint --format json` (the built binary); load average %s at the start, %s at the end (%s).\n\n",
		o.pgRows, len(jc.ColumnNames(false)), measure.MiB(measure.FileSize(data)), version, tableSize, extText, loadTime, settings, load, measure.LoadAverage(), since(start))
	b.printf("| | wall | CPU saglig | CPU PostgreSQL (backends) | peak RSS saglig |\n| --- | --- | --- | --- | --- |\n")
	l, r := local.median(), remote.median()
	b.printf("| %s | %s | %s | – | %s |\n", local.name, measure.Secs(l.m.Wall), measure.Secs(l.m.CPU), measure.MiB(l.m.MaxRSS))
	b.printf("| %s | %s | %s | %s | %s |\n", remote.name, measure.Secs(r.m.Wall), measure.Secs(r.m.CPU), measure.Secs(r.server), measure.MiB(r.m.MaxRSS))
	b.printf("| ratio pushdown / local | %.2f× | | %.2f× (saglig + PostgreSQL) | |\n\n", r.m.Wall.Seconds()/l.m.Wall.Seconds(),
		(r.m.CPU+r.server).Seconds()/l.m.CPU.Seconds())
	b.printf("Runs: local %s; pushdown %s (wall).\n\n", walls(local), walls(remote))
	return nil
}

func walls(s *series) string {
	var out []string
	for _, r := range s.runs {
		out = append(out, measure.Secs(r.m.Wall))
	}
	return strings.Join(out, ", ")
}

// loadTable loads the Parquet file data of rows rows into table, unless
// the table has that many rows already, and says how long it took.
func loadTable(ctx context.Context, conn *pgx.Conn, data, table string, rows int64) (string, error) {
	var have int64
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM "+pgx.Identifier{table}.Sanitize()).Scan(&have); err == nil && have == rows {
		return "(loaded before)", nil
	}
	t := time.Now()
	logf("loading %d rows into PostgreSQL table %s", rows, table)
	n, err := testfiles.LoadParquet(ctx, conn, data, table)
	if err != nil {
		return "", fmt.Errorf("loading %s: %w", table, err)
	}
	if n != rows {
		return "", fmt.Errorf("loaded %d rows, want %d", n, rows)
	}
	// Hint bits set and statistics taken once, and no autovacuum during
	// the runs: each run reads the table as it is.
	id := pgx.Identifier{table}.Sanitize()
	for _, q := range []string{"VACUUM (FREEZE, ANALYZE) " + id, "ALTER TABLE " + id + " SET (autovacuum_enabled = false)"} {
		if _, err := conn.Exec(ctx, q); err != nil {
			return "", fmt.Errorf("%s: %w", q, err)
		}
	}
	logf("loaded in %s", since(t))
	return since(t), nil
}

// pgload is the subcommand pgload: generate the dataset of -rows rows in
// -dir and load it into the PostgreSQL of SAGLIG_TEST_POSTGRES as table
// jobcenter_ROWS, printing the table's URL and the map's path (to profile
// the pushdown's statements by hand: saglig lint --dry-run, EXPLAIN
// ANALYZE).
func pgload(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("pgload", flag.ContinueOnError)
	rows, dir, seed := measure.DatasetFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	base := os.Getenv("SAGLIG_TEST_POSTGRES")
	if *rows < 1 || *dir == "" || base == "" {
		return errors.New("usage: benchlake pgload -rows N -dir DIR (with SAGLIG_TEST_POSTGRES set, as .ci/postgres does)")
	}
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		return err
	}
	data, mapPath, err := jc.EnsureDataset(*dir, *rows, *seed)
	if err != nil {
		return err
	}
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	table := fmt.Sprintf("jobcenter_%d", *rows)
	if _, err := loadTable(ctx, conn, data, table, *rows); err != nil {
		return err
	}
	fmt.Println(tableURL(base, table))
	fmt.Println(mapPath)
	return nil
}

// tableURL is the PostgreSQL URL base with table= set.
func tableURL(base, table string) string {
	u, err := url.Parse(base)
	if err != nil {
		return base
	}
	q := u.Query()
	q.Set("table", table)
	u.RawQuery = q.Encode()
	return u.String()
}

// lintBinary runs the built saglig lint on path and checks the rows it
// measured.
func (b *bench) lintBinary(ctx context.Context, mapPath, path string, rows int64) (measure.Measurement, error) {
	m, d, err := measure.Lint(ctx, b.saglig, mapPath, path, b.o.Memory, b.o.Workers)
	if err != nil {
		return m, err
	}
	if d.Rows != rows {
		return m, fmt.Errorf("saglig lint %s: %d rows, want %d", path, d.Rows, rows)
	}
	return m, nil
}

// quoteLiteral quotes s as a PostgreSQL string literal.
func quoteLiteral(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
