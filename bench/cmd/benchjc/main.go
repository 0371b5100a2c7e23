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
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/saglig/saglig/bench/internal/jc"
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
	rows       int64
	dir        string
	repo       string
	seed       uint64
	repeat     int
	workers    int
	memory     string
	linear     []int64
	schemaSize int64
	keep       bool
	quick      bool
	skipDuck   bool
	separate   bool
	out        string
}

func run(ctx context.Context, args []string) error {
	if len(args) > 0 && args[0] == "genbig" {
		fs := flag.NewFlagSet("genbig", flag.ContinueOnError)
		size := fs.Int64("size", 10<<30, "bytes")
		seed := fs.Uint64("seed", 20251129, "generator seed")
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
	fs.Int64Var(&o.rows, "rows", 10_000_000, "rows of the compared dataset")
	fs.StringVar(&o.dir, "dir", "", "directory for the datasets (default: a temporary directory, removed afterwards)")
	fs.StringVar(&o.repo, "repo", "..", "the saglig repository (its cmd/saglig is built)")
	fs.Uint64Var(&o.seed, "seed", 20251129, "generator seed")
	fs.IntVar(&o.repeat, "repeat", 3, "runs of each measurement; the median is reported")
	fs.IntVar(&o.workers, "workers", 0, "saglig --workers and DuckDB threads (0: every core)")
	fs.StringVar(&o.memory, "memory", "256MiB", "saglig --memory")
	linear := fs.String("linear", "1000000,2500000,5000000", "extra row counts for the linearity table (with -rows); empty to skip")
	schema := fs.String("schema-size", "10GiB", "size of the file --schema-only is timed on; 0 to skip")
	fs.BoolVar(&o.keep, "keep", false, "keep the generated files")
	fs.BoolVar(&o.quick, "quick", false, "smoke run: 1 repeat, linearity at rows/4 and rows/2, a 64 MiB schema-only file")
	fs.BoolVar(&o.skipDuck, "skip-duckdb", false, "do not run DuckDB")
	fs.BoolVar(&o.separate, "duckdb-separate", false, "DuckDB: one GROUP BY query per pair instead of GROUPING SETS")
	fs.StringVar(&o.out, "o", "", "also write the Markdown report to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if o.rows < 1 {
		return errors.New("-rows must be positive")
	}
	var err error
	if o.schemaSize, err = parseSize(*schema); err != nil {
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
		o.repeat = 1
		o.linear = []int64{o.rows / 4, o.rows / 2}
		if o.schemaSize > 0 {
			o.schemaSize = 64 << 20
		}
	}
	if o.repeat < 1 {
		o.repeat = 1
	}
	if gen && o.dir == "" {
		return errors.New("gen needs -dir")
	}
	if o.dir == "" {
		if o.dir, err = os.MkdirTemp("", "benchjc-"); err != nil {
			return err
		}
		if !o.keep {
			defer os.RemoveAll(o.dir)
		}
	} else if err := os.MkdirAll(o.dir, 0o755); err != nil {
		return err
	}
	if gen {
		data, mapPath, err := jc.EnsureDataset(o.dir, o.rows, o.seed)
		if err != nil {
			return err
		}
		fmt.Println(data)
		fmt.Println(mapPath)
		return nil
	}
	return benchmark(ctx, &o)
}

func parseSize(s string) (int64, error) {
	s = strings.TrimSpace(s)
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		m      int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"GB", 1e9}, {"MB", 1e6}} {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSuffix(s, u.suffix), u.m
			break
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 {
		return 0, fmt.Errorf("bad size %q", s)
	}
	return int64(f * float64(mult)), nil
}

// measurement is one child process's wall time and peak RSS.
type measurement struct {
	wall   time.Duration
	cpu    time.Duration // user + system
	maxRSS int64         // bytes
	stdout []byte
	duck   jc.DuckResult // DuckDB's own timings
}

// measure runs cmd, a child process, and returns its wall time and peak
// resident set size (getrusage's ru_maxrss, KiB on Linux).
func measure(cmd *exec.Cmd, okCodes ...int) (measurement, error) {
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) || !slices.Contains(okCodes, ee.ExitCode()) {
			return measurement{}, fmt.Errorf("%s: %v: %s", strings.Join(cmd.Args, " "), err, firstLine(errb.String()))
		}
	}
	m := measurement{wall: wall, stdout: out.Bytes()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		m.maxRSS = ru.Maxrss << 10
		m.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		if minChildRSS == 0 || m.maxRSS < minChildRSS {
			minChildRSS = m.maxRSS
		}
	}
	return m, nil
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

// minChildRSS is the least peak RSS measured of a child.
var minChildRSS int64

// median returns the measurement of median wall time, and the largest
// peak RSS of all runs.
func median(ms []measurement) measurement {
	s := slices.Clone(ms)
	slices.SortFunc(s, func(a, b measurement) int { return int(a.wall - b.wall) })
	m := s[len(s)/2]
	for _, x := range ms {
		m.maxRSS = max(m.maxRSS, x.maxRSS)
	}
	return m
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
	bin := filepath.Join(o.dir, "bin")
	if err := os.MkdirAll(bin, 0o755); err != nil {
		return err
	}
	b.saglig = filepath.Join(bin, "saglig")
	build := exec.CommandContext(ctx, "go", "build", "-o", b.saglig, "./cmd/saglig")
	build.Dir = o.repo
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("building saglig in %s: %w", o.repo, err)
	}
	defer os.RemoveAll(bin)
	b.duck = filepath.Join(bin, "benchduck")
	if !o.skipDuck {
		build := exec.CommandContext(ctx, "go", "build", "-o", b.duck, "./cmd/benchduck")
		build.Dir = filepath.Join(o.repo, "bench")
		build.Stderr = os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("building benchduck: %w", err)
		}
	}
	b.header(ctx)

	data, mapPath, err := b.dataset(ctx, o.rows)
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
	if !o.keep {
		os.Remove(data)
	}
	self := selfMaxRSS()
	b.printf("Peak RSS is each child's `ru_maxrss`. A child started by os/exec (vfork) is charged its parent's peak until it execs; ")
	if self < minChildRSS {
		b.printf("the harness's own peak was %s, below every figure above, so they are the children's own.\n", mib(self))
	} else {
		b.printf("the harness's own peak was %s, so figures at or below it are the harness's, not the child's.\n", mib(self))
	}
	os.Stdout.Write(b.report.Bytes())
	if o.out != "" {
		return os.WriteFile(o.out, b.report.Bytes(), 0o644)
	}
	return nil
}

func (b *bench) printf(format string, args ...any) { fmt.Fprintf(&b.report, format, args...) }

func (b *bench) header(ctx context.Context) {
	goVersion, _ := exec.CommandContext(ctx, "go", "env", "GOVERSION").Output()
	b.printf("## benchjc results\n\n")
	b.printf("- machine: %s, %d cores, %s RAM; %s\n", cpuModel(), runtime.NumCPU(), memTotal(), strings.TrimSpace(string(goVersion)))
	b.printf("- saglig: `saglig lint --format json --memory %s --workers %s` (built from %s)\n", b.o.memory, workersText(b.o.workers), b.o.repo)
	b.printf("- runs: median of %d; peak RSS is the largest of the runs\n\n", b.o.repeat)
}

func workersText(n int) string {
	if n <= 0 {
		return strconv.Itoa(runtime.NumCPU())
	}
	return strconv.Itoa(n)
}

func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return runtime.GOARCH
}

func memTotal() string {
	b, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return "?"
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "MemTotal:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			if err == nil {
				return fmt.Sprintf("%.1f GiB", float64(kb)/(1<<20))
			}
		}
	}
	return "?"
}

// sagligJSON is the part of saglig's JSON report the harness checks.
type sagligJSON struct {
	Datasets []struct {
		Rows         int64             `json:"rows"`
		Associations []json.RawMessage `json:"associations"`
	} `json:"datasets"`
}

// lintOnce runs saglig lint on data once and checks that it measured every
// row and every input × protected pair.
func (b *bench) lintOnce(ctx context.Context, data, mapPath string, rows int64, extra ...string) (measurement, error) {
	args := append([]string{"lint", "--map", mapPath, "--format", "json", "--memory", b.o.memory}, extra...)
	if b.o.workers > 0 {
		args = append(args, "--workers", strconv.Itoa(b.o.workers))
	}
	args = append(args, data)
	m, err := measure(exec.CommandContext(ctx, b.saglig, args...), 0, 1)
	if err != nil {
		return m, err
	}
	var rep sagligJSON
	if err := json.Unmarshal(m.stdout, &rep); err != nil {
		return m, fmt.Errorf("saglig's JSON: %w", err)
	}
	if len(rep.Datasets) != 1 {
		return m, fmt.Errorf("saglig reported %d datasets, want 1", len(rep.Datasets))
	}
	if rows >= 0 {
		d := rep.Datasets[0]
		want := len(jc.InputCols(false)) * len(jc.ProtectedCols)
		if d.Rows != rows || len(d.Associations) != want {
			return m, fmt.Errorf("saglig measured %d rows and %d associations, want %d and %d", d.Rows, len(d.Associations), rows, want)
		}
	}
	return m, nil
}

func (b *bench) duckOnce(ctx context.Context, data string, rows int64) (measurement, jc.DuckResult, error) {
	args := []string{"-threads", strconv.Itoa(b.o.workers), data}
	if b.o.separate {
		args = append([]string{"-separate"}, args...)
	}
	m, err := measure(exec.CommandContext(ctx, b.duck, args...), 0)
	if err != nil {
		return m, jc.DuckResult{}, err
	}
	var res jc.DuckResult
	if err := json.Unmarshal(m.stdout, &res); err != nil {
		return m, res, fmt.Errorf("duckdb's result: %w", err)
	}
	if res.Rows != rows {
		return m, res, fmt.Errorf("duckdb counted %d rows, want %d", res.Rows, rows)
	}
	return m, res, nil
}

// warm reads the file once so that both tools find it in the page cache.
func warm(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(io.Discard, f)
	return err
}

func mib(n int64) string { return fmt.Sprintf("%.0f MiB", float64(n)/(1<<20)) }

func secs(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }

func fileSize(path string) int64 {
	st, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return st.Size()
}

// dataset writes the dataset of rows rows and its map unless they exist, in
// a child process: generating grows the generator's heap, and a child
// started by os/exec (vfork) has its parent's peak RSS counted in its own
// ru_maxrss, so the harness stays small.
func (b *bench) dataset(ctx context.Context, rows int64) (data, mapPath string, err error) {
	gen := exec.CommandContext(ctx, b.self, "gen", "-rows", strconv.FormatInt(rows, 10), "-dir", b.o.dir,
		"-seed", strconv.FormatUint(b.o.seed, 10))
	gen.Stderr = os.Stderr
	out, err := gen.Output()
	if err != nil {
		return "", "", fmt.Errorf("generating %d rows: %w", rows, err)
	}
	lines := strings.Fields(string(out))
	if len(lines) != 2 {
		return "", "", fmt.Errorf("benchjc gen printed %q", out)
	}
	return lines[0], lines[1], nil
}

// selfMaxRSS is the harness's own peak RSS: a floor under every child's
// figure (see dataset).
func selfMaxRSS() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Maxrss << 10
}

// compare times saglig and DuckDB on the same file, alternating runs.
func (b *bench) compare(ctx context.Context, data, mapPath string) (measurement, error) {
	if err := warm(data); err != nil {
		return measurement{}, err
	}
	var sg, dk []measurement
	for i := range b.o.repeat {
		m, err := b.lintOnce(ctx, data, mapPath, b.o.rows)
		if err != nil {
			return m, err
		}
		logf("run %d: saglig %s (CPU %s), peak RSS %s", i+1, secs(m.wall), secs(m.cpu), mib(m.maxRSS))
		sg = append(sg, m)
		if b.o.skipDuck {
			continue
		}
		d, res, err := b.duckOnce(ctx, data, b.o.rows)
		if err != nil {
			return m, err
		}
		logf("run %d: duckdb %s (CPU %s), peak RSS %s, %v", i+1, secs(d.wall), secs(d.cpu), mib(d.maxRSS), res.Seconds)
		d.duck = res
		dk = append(dk, d)
	}
	s := median(sg)
	b.printf("### saglig lint vs DuckDB\n\n")
	b.printf("%d rows × %d columns, %s (Snappy, row groups of up to 1,000,000 rows); %d input × protected pairs.\n\n",
		b.o.rows, len(jc.ColumnNames(false)), mib(fileSize(data)), len(jc.InputCols(false))*len(jc.ProtectedCols))
	b.printf("| | wall | CPU (user+sys) | peak RSS |\n| --- | --- | --- | --- |\n")
	b.printf("| saglig lint | %s | %s | %s |\n", secs(s.wall), secs(s.cpu), mib(s.maxRSS))
	if len(dk) > 0 {
		d := median(dk)
		dres := d.duck
		b.printf("| DuckDB %s (%d threads) | %s | %s | %s |\n", dres.Version, dres.Threads, secs(d.wall), secs(d.cpu), mib(d.maxRSS))
		b.printf("| ratio saglig / DuckDB | %.2f× | %.2f× | |\n\n", s.wall.Seconds()/d.wall.Seconds(), s.cpu.Seconds()/d.cpu.Seconds())
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
		if n == b.o.rows {
			continue
		}
		data, mapPath, err := b.dataset(ctx, n)
		if err != nil {
			return err
		}
		if err := warm(data); err != nil {
			return err
		}
		var ms []measurement
		for range b.o.repeat {
			m, err := b.lintOnce(ctx, data, mapPath, n)
			if err != nil {
				return err
			}
			ms = append(ms, m)
		}
		m := median(ms)
		logf("linearity: %d rows: %s", n, secs(m.wall))
		pts = append(pts, point{n, m})
		if !b.o.keep {
			os.Remove(data)
		}
	}
	pts = append(pts, point{b.o.rows, main})
	slices.SortFunc(pts, func(a, b point) int { return int(a.rows - b.rows) })
	b.printf("### Linearity\n\n| rows | saglig wall | wall per row | CPU per row | peak RSS |\n| --- | --- | --- | --- | --- |\n")
	for _, p := range pts {
		b.printf("| %d | %s | %.0f ns | %.0f ns | %s |\n", p.rows, secs(p.m.wall), float64(p.m.wall.Nanoseconds())/float64(p.rows),
			float64(p.m.cpu.Nanoseconds())/float64(p.rows), mib(p.m.maxRSS))
	}
	b.printf("\n")
	return nil
}

// schemaOnly writes a file of -schema-size bytes and times saglig lint
// --schema-only on it.
func (b *bench) schemaOnly(ctx context.Context) error {
	path := filepath.Join(b.o.dir, "jobcenter-big.parquet")
	mapPath := filepath.Join(b.o.dir, "saglig-big.yaml")
	if err := jc.WriteMap(mapPath, filepath.Base(path), true); err != nil {
		return err
	}
	size := fileSize(path)
	if size == 0 {
		start := time.Now()
		gen := exec.CommandContext(ctx, b.self, "genbig", "-size", strconv.FormatInt(b.o.schemaSize, 10),
			"-seed", strconv.FormatUint(b.o.seed, 10), path)
		gen.Stderr = os.Stderr
		if err := gen.Run(); err != nil {
			return fmt.Errorf("generating %s: %w", path, err)
		}
		size = fileSize(path)
		logf("generated %s (%s) in %v", path, mib(size), time.Since(start).Round(time.Millisecond))
	}
	if !b.o.keep {
		defer os.Remove(path)
	}
	var ms []measurement
	for range max(5, b.o.repeat) {
		m, err := b.lintOnce(ctx, path, mapPath, -1, "--schema-only")
		if err != nil {
			return err
		}
		ms = append(ms, m)
	}
	m := median(ms)
	b.printf("### --schema-only\n\n")
	b.printf("`saglig lint --schema-only` on a %.2f GB file (%s): %.1f ms wall (median of %d; the whole process), peak RSS %s.\n\n",
		float64(size)/1e9, bigDescription(), float64(m.wall.Microseconds())/1000, len(ms), mib(m.maxRSS))
	return nil
}

func bigDescription() string {
	return "the job-centre columns plus a 4,000-byte uncompressed random `bilag` column, row groups of 32,768 rows"
}
