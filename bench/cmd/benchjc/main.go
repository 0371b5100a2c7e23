// Command benchjc benchmarks saglig lint against DuckDB on a generated
// job-centre dataset. See bench/README.md and docs/performance.md.
//
//	benchjc [flags]                 generate, compare, time --schema-only, check linearity
//	benchjc gen -rows N -dir DIR    only write the dataset and its map
//	benchjc genbig -size N FILE     only write the --schema-only file
//
// DuckDB's side is bench/cmd/benchduck, built and run as a child process.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/saglig/saglig/bench/internal/jc"
	"github.com/saglig/saglig/bench/internal/measure"
)

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "benchjc: "+format+"\n", args...)
}

func main() {
	if err := run(context.Background(), os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "benchjc:", err)
		os.Exit(2)
	}
}

type options struct {
	measure.Options
	linear     []int64
	schemaSize int64
	quick      bool
	skipDuck   bool
	separate   bool
}

func run(ctx context.Context, args []string) error {
	if len(args) > 0 && args[0] == "genbig" {
		fs := flag.NewFlagSet("genbig", flag.ContinueOnError)
		size := fs.Int64("size", 10<<30, "bytes")
		seed := fs.Uint64("seed", measure.DefaultSeed, "generator seed")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		if fs.NArg() != 1 {
			return errors.New("usage: benchjc genbig [-size BYTES] [-seed N] FILE")
		}
		_, err := jc.WriteBigDataset(fs.Arg(0), *size, *seed)
		return err
	}
	gen := len(args) > 0 && args[0] == "gen"
	if gen {
		args = args[1:]
	}
	var o options
	fs := flag.NewFlagSet("benchjc", flag.ContinueOnError)
	o.Register(fs, measure.Usage{Rows: 10_000_000, RowsUsage: "rows of the compared dataset",
		Repo: "the saglig repository (its cmd/saglig is built)", Workers: "saglig --workers and DuckDB threads (0: every core)"})
	linear := fs.String("linear", "1000000,2500000,5000000", "extra row counts for the linearity table (with -rows); empty to skip")
	schema := fs.String("schema-size", "10GiB", "size of the file --schema-only is timed on; 0 to skip")
	fs.BoolVar(&o.quick, "quick", false, "smoke run: 1 repeat, linearity at rows/4 and rows/2, a 64 MiB schema-only file")
	fs.BoolVar(&o.skipDuck, "skip-duckdb", false, "do not run DuckDB")
	fs.BoolVar(&o.separate, "duckdb-separate", false, "DuckDB: one GROUP BY query per pair instead of GROUPING SETS")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if o.Rows < 1 {
		return errors.New("-rows must be positive")
	}
	var err error
	if o.schemaSize, err = measure.ParseSize(*schema); err != nil {
		return fmt.Errorf("-schema-size: %w", err)
	}
	for f := range strings.SplitSeq(*linear, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		n, err := strconv.ParseInt(f, 10, 64)
		if err != nil || n < 1 {
			return fmt.Errorf("-linear: bad row count %q", f)
		}
		o.linear = append(o.linear, n)
	}
	if o.quick {
		o.Repeat = 1
		o.linear = []int64{o.Rows / 4, o.Rows / 2}
		if o.schemaSize > 0 {
			o.schemaSize = 64 << 20
		}
	}
	if gen && o.Dir == "" {
		return errors.New("gen needs -dir")
	}
	cleanup, err := o.Prepare("benchjc-")
	if err != nil {
		return err
	}
	defer cleanup()
	if gen {
		return jc.Gen(o.Dir, o.Rows, o.Seed)
	}
	return benchmark(ctx, &o)
}

// measurement is a child's measure.Measurement, and DuckDB's own timings
// when the child was benchduck.
type measurement struct {
	measure.Measurement
	duck jc.DuckResult
}

// median is measure.Median over measurements.
func median(ms []measurement) measurement {
	plain := make([]measure.Measurement, len(ms))
	for i, m := range ms {
		plain[i] = m.Measurement
	}
	med := measure.Median(plain)
	for _, m := range ms {
		if m.Wall == med.Wall {
			return measurement{med, m.duck}
		}
	}
	return measurement{Measurement: med}
}

type bench struct {
	o      *options
	saglig string // the built binary
	duck   string // the built benchduck
	self   string // this binary, for the gen subcommands
	report bytes.Buffer
}

func benchmark(ctx context.Context, o *options) error {
	b := &bench{o: o}
	var err error
	if b.self, err = os.Executable(); err != nil {
		return err
	}
	bin := filepath.Join(o.Dir, "bin")
	if err := os.MkdirAll(bin, 0o755); err != nil {
		return err
	}
	b.saglig = filepath.Join(bin, "saglig")
	if err := measure.BuildSaglig(ctx, o.Repo, b.saglig); err != nil {
		return err
	}
	defer os.RemoveAll(bin)
	b.duck = filepath.Join(bin, "benchduck")
	if !o.skipDuck {
		build := exec.CommandContext(ctx, "go", "build", "-o", b.duck, "./cmd/benchduck")
		build.Dir = filepath.Join(o.Repo, "bench")
		build.Stderr = os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("building benchduck: %w", err)
		}
	}
	b.header(ctx)

	data, mapPath, err := jc.Generate(ctx, b.self, b.o.Dir, o.Rows, b.o.Seed)
	if err != nil {
		return err
	}
	main, err := b.compare(ctx, data, mapPath)
	if err != nil {
		return err
	}
	if len(o.linear) > 0 {
		if err := b.linearity(ctx, main); err != nil {
			return err
		}
	}
	if o.schemaSize > 0 {
		if err := b.schemaOnly(ctx); err != nil {
			return err
		}
	}
	if !o.Keep {
		os.Remove(data)
	}
	self := measure.SelfMaxRSS()
	b.printf("Peak RSS is each child's `ru_maxrss`. A child started by os/exec (vfork) is charged its parent's peak until it execs; ")
	if self < measure.MinChildRSS() {
		b.printf("the harness's own peak was %s, below every figure above, so they are the children's own.\n", measure.MiB(self))
	} else {
		b.printf("the harness's own peak was %s, so figures at or below it are the harness's, not the child's.\n", measure.MiB(self))
	}
	return o.WriteReport(b.report.Bytes())
}

func (b *bench) printf(format string, args ...any) { fmt.Fprintf(&b.report, format, args...) }

func (b *bench) header(ctx context.Context) {
	b.printf("## benchjc results\n\n")
	b.printf("- machine: %s\n", measure.Machine(ctx))
	b.printf("- saglig: `saglig lint --format json --memory %s --workers %s` (built from %s)\n", b.o.Memory, measure.Workers(b.o.Workers), b.o.Repo)
	b.printf("- runs: median of %d; peak RSS is the largest of the runs\n\n", b.o.Repeat)
}

// lintOnce runs saglig lint on data once and checks that it measured every
// row and every input × protected pair.
func (b *bench) lintOnce(ctx context.Context, data, mapPath string, rows int64, extra ...string) (measurement, error) {
	mm, d, err := measure.Lint(ctx, b.saglig, mapPath, data, b.o.Memory, b.o.Workers, extra...)
	m := measurement{Measurement: mm}
	if err != nil {
		return m, err
	}
	if rows >= 0 {
		want := len(jc.InputCols(false)) * len(jc.ProtectedCols)
		if d.Rows != rows || d.Associations != want {
			return m, fmt.Errorf("saglig measured %d rows and %d associations, want %d and %d", d.Rows, d.Associations, rows, want)
		}
	}
	return m, nil
}

func (b *bench) duckOnce(ctx context.Context, data string, rows int64) (measurement, jc.DuckResult, error) {
	args := []string{"-threads", strconv.Itoa(b.o.Workers), data}
	if b.o.separate {
		args = append([]string{"-separate"}, args...)
	}
	mm, err := measure.Run(exec.CommandContext(ctx, b.duck, args...), 0)
	m := measurement{Measurement: mm}
	if err != nil {
		return m, jc.DuckResult{}, err
	}
	var res jc.DuckResult
	if err := json.Unmarshal(m.Stdout, &res); err != nil {
		return m, res, fmt.Errorf("duckdb's result: %w", err)
	}
	if res.Rows != rows {
		return m, res, fmt.Errorf("duckdb counted %d rows, want %d", res.Rows, rows)
	}
	return m, res, nil
}

// compare times saglig and DuckDB on the same file, alternating runs.
func (b *bench) compare(ctx context.Context, data, mapPath string) (measurement, error) {
	if err := measure.Warm(data); err != nil {
		return measurement{}, err
	}
	var sg, dk []measurement
	for i := range b.o.Repeat {
		m, err := b.lintOnce(ctx, data, mapPath, b.o.Rows)
		if err != nil {
			return m, err
		}
		logf("run %d: saglig %s (CPU %s), peak RSS %s", i+1, measure.Secs(m.Wall), measure.Secs(m.CPU), measure.MiB(m.MaxRSS))
		sg = append(sg, m)
		if b.o.skipDuck {
			continue
		}
		d, res, err := b.duckOnce(ctx, data, b.o.Rows)
		if err != nil {
			return m, err
		}
		logf("run %d: duckdb %s (CPU %s), peak RSS %s, %v", i+1, measure.Secs(d.Wall), measure.Secs(d.CPU), measure.MiB(d.MaxRSS), res.Seconds)
		d.duck = res
		dk = append(dk, d)
	}
	s := median(sg)
	b.printf("### saglig lint vs DuckDB\n\n")
	b.printf("%d rows × %d columns, %s (Snappy, row groups of up to 1,000,000 rows); %d input × protected pairs.\n\n",
		b.o.Rows, len(jc.ColumnNames(false)), measure.MiB(measure.FileSize(data)), len(jc.InputCols(false))*len(jc.ProtectedCols))
	b.printf("| | wall | CPU (user+sys) | peak RSS |\n| --- | --- | --- | --- |\n")
	b.printf("| saglig lint | %s | %s | %s |\n", measure.Secs(s.Wall), measure.Secs(s.CPU), measure.MiB(s.MaxRSS))
	if len(dk) > 0 {
		d := median(dk)
		dres := d.duck
		b.printf("| DuckDB %s (%d threads) | %s | %s | %s |\n", dres.Version, dres.Threads, measure.Secs(d.Wall), measure.Secs(d.CPU), measure.MiB(d.MaxRSS))
		b.printf("| ratio saglig / DuckDB | %.2f× | %.2f× | |\n\n", s.Wall.Seconds()/d.Wall.Seconds(), s.CPU.Seconds()/d.CPU.Seconds())
		b.printf("DuckDB's queries in its median run: profile %.2f s, contingency %.2f s (%d groups), moments %.2f s.\n\n",
			dres.Seconds["profile"], dres.Seconds["contingency"], dres.Groups, dres.Seconds["moments"])
	} else {
		b.printf("\n")
	}
	return s, nil
}

// linearity times saglig at each row count of -linear and at -rows.
func (b *bench) linearity(ctx context.Context, main measurement) error {
	type point struct {
		rows int64
		m    measurement
	}
	var pts []point
	for _, n := range b.o.linear {
		if n == b.o.Rows {
			continue
		}
		data, mapPath, err := jc.Generate(ctx, b.self, b.o.Dir, n, b.o.Seed)
		if err != nil {
			return err
		}
		if err := measure.Warm(data); err != nil {
			return err
		}
		var ms []measurement
		for range b.o.Repeat {
			m, err := b.lintOnce(ctx, data, mapPath, n)
			if err != nil {
				return err
			}
			ms = append(ms, m)
		}
		m := median(ms)
		logf("linearity: %d rows: %s", n, measure.Secs(m.Wall))
		pts = append(pts, point{n, m})
		if !b.o.Keep {
			os.Remove(data)
		}
	}
	pts = append(pts, point{b.o.Rows, main})
	slices.SortFunc(pts, func(a, b point) int { return int(a.rows - b.rows) })
	b.printf("### Linearity\n\n| rows | saglig wall | wall per row | CPU per row | peak RSS |\n| --- | --- | --- | --- | --- |\n")
	for _, p := range pts {
		b.printf("| %d | %s | %.0f ns | %.0f ns | %s |\n", p.rows, measure.Secs(p.m.Wall), float64(p.m.Wall.Nanoseconds())/float64(p.rows),
			float64(p.m.CPU.Nanoseconds())/float64(p.rows), measure.MiB(p.m.MaxRSS))
	}
	b.printf("\n")
	return nil
}

// schemaOnly writes a file of -schema-size bytes and times saglig lint
// --schema-only on it.
func (b *bench) schemaOnly(ctx context.Context) error {
	path := filepath.Join(b.o.Dir, "jobcenter-big.parquet")
	mapPath := filepath.Join(b.o.Dir, "saglig-big.yaml")
	if err := jc.WriteMap(mapPath, filepath.Base(path), true); err != nil {
		return err
	}
	size := measure.FileSize(path)
	if size == 0 {
		start := time.Now()
		gen := exec.CommandContext(ctx, b.self, "genbig", "-size", strconv.FormatInt(b.o.schemaSize, 10),
			"-seed", strconv.FormatUint(b.o.Seed, 10), path)
		gen.Stderr = os.Stderr
		if err := gen.Run(); err != nil {
			return fmt.Errorf("generating %s: %w", path, err)
		}
		size = measure.FileSize(path)
		logf("generated %s (%s) in %v", path, measure.MiB(size), time.Since(start).Round(time.Millisecond))
	}
	if !b.o.Keep {
		defer os.Remove(path)
	}
	var ms []measurement
	for range max(5, b.o.Repeat) {
		m, err := b.lintOnce(ctx, path, mapPath, -1, "--schema-only")
		if err != nil {
			return err
		}
		ms = append(ms, m)
	}
	m := median(ms)
	b.printf("### --schema-only\n\n")
	b.printf("`saglig lint --schema-only` on a %.2f GB file (%s): %.1f ms wall (median of %d; the whole process), peak RSS %s.\n\n",
		float64(size)/1e9, bigDescription(), float64(m.Wall.Microseconds())/1000, len(ms), measure.MiB(m.MaxRSS))
	return nil
}

func bigDescription() string {
	return "the job-centre columns plus a 4,000-byte uncompressed random `bilag` column, row groups of 32,768 rows"
}
