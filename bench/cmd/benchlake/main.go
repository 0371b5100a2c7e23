// Command benchlake measures saglig on data in lakes and warehouses: the
// scan of a Parquet object from an S3 server (or Azurite, or a Cloud
// Storage emulator) against the same file on local disk, with the column
// chunks fetched ahead and merged (saglig's reading), one request per
// chunk, or not fetched ahead; the requests each makes, counted by saglig
// and by a counting proxy in front of the S3 server; --schema-only on
// 1,000 objects; and the lint of a 10 M-row table in PostgreSQL through
// SQL pushdown against the local scan of the same rows. See
// bench/README.md and docs/performance.md ("Object storage", "SQL
// pushdown").
//
// It needs the servers running: .ci/lakes starts the object stores and
// .ci/postgres PostgreSQL, both on 127.0.0.1, and stop them afterwards:
//
//	bash .ci/lakes sh -c 'cd bench && go run ./cmd/benchlake -pg-rows 0'
//	bash .ci/postgres sh -c 'cd bench && go run ./cmd/benchlake -stores "" -files 0'
//	bash .ci/lakes bash .ci/postgres sh -c 'cd bench && go run ./cmd/benchlake'
//
//	benchlake run -map MAP [-mode M] PATH   one in-process lint (the harness's child)
//	benchlake gen -rows N -dir DIR          only write a dataset and its map
//	benchlake pgload -rows N -dir DIR       only load it into PostgreSQL (for profiling)
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/saglig/saglig/bench/internal/jc"
	"github.com/saglig/saglig/bench/internal/measure"
)

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "benchlake: "+format+"\n", args...)
}

func main() {
	ctx := context.Background()
	var err error
	switch {
	case len(os.Args) > 1 && os.Args[1] == "run":
		err = runChild(ctx, os.Args[2:])
	case len(os.Args) > 1 && os.Args[1] == "gen":
		err = gen(os.Args[2:])
	case len(os.Args) > 1 && os.Args[1] == "pgload":
		err = pgload(ctx, os.Args[2:])
	default:
		err = run(ctx, os.Args[1:])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchlake:", err)
		os.Exit(2)
	}
}

type options struct {
	measure.Options
	memBytes int64
	stores   []string
	modes    []string
	files    int
	fileRows int64
	pgRows   int64
	pgSet    []string
}

// pgName is a PostgreSQL setting's name.
var pgName = regexp.MustCompile(`^[a-z_][a-z0-9_.]*$`)

// storeEnv names the environment variables .ci/lakes sets for each store:
// the bucket's URL and the server's process id.
var storeEnv = map[string]string{"s3": "SAGLIG_TEST_S3", "azblob": "SAGLIG_TEST_AZBLOB", "gs": "SAGLIG_TEST_GCS"}

func run(ctx context.Context, args []string) error {
	var o options
	fs := flag.NewFlagSet("benchlake", flag.ContinueOnError)
	o.Register(fs, measure.Usage{Rows: 2_000_000, RowsUsage: "rows of the file scanned from the stores and from local disk",
		Repo: "the saglig repository (its cmd/saglig is built for the pushdown runs)", Workers: "saglig --workers (0: every core)"})
	stores := fs.String("stores", "s3", "object stores to scan from, of s3, azblob, gs (as .ci/lakes starts them); empty to skip")
	modes := fs.String("modes", strings.Join([]string{modeMerged, modePerChunk, modeBlocks}, ","), "reading modes of the remote scan")
	fs.IntVar(&o.files, "files", 1000, "objects --schema-only reads from the S3 server; 0 to skip")
	fs.Int64Var(&o.fileRows, "file-rows", 30_000, "rows of each of those objects")
	fs.Int64Var(&o.pgRows, "pg-rows", 10_000_000, "rows of the PostgreSQL table linted through pushdown (SAGLIG_TEST_POSTGRES, as .ci/postgres sets it); 0 to skip")
	pgSet := fs.String("pg-set", "", "PostgreSQL settings for the pushdown runs, NAME=VALUE,… (e.g. jit=off), set on the database and reset afterwards")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	var err error
	if o.memBytes, err = measure.ParseSize(o.Memory); err != nil {
		return fmt.Errorf("-memory: %w", err)
	}
	for s := range strings.SplitSeq(*stores, ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		if storeEnv[s] == "" {
			return fmt.Errorf("-stores: unknown store %q (s3, azblob, gs)", s)
		}
		if os.Getenv(storeEnv[s]+"_URL") == "" {
			return fmt.Errorf("-stores %s: %s_URL is not set: run benchlake through .ci/lakes", s, storeEnv[s])
		}
		o.stores = append(o.stores, s)
	}
	for m := range strings.SplitSeq(*modes, ",") {
		switch m = strings.TrimSpace(m); m {
		case modeMerged, modePerChunk, modeBlocks:
			o.modes = append(o.modes, m)
		case "":
		default:
			return fmt.Errorf("-modes: unknown mode %q", m)
		}
	}
	for kv := range strings.SplitSeq(*pgSet, ",") {
		if kv = strings.TrimSpace(kv); kv == "" {
			continue
		}
		if k, _, ok := strings.Cut(kv, "="); !ok || !pgName.MatchString(k) {
			return fmt.Errorf("-pg-set: %q is not NAME=VALUE", kv)
		}
		o.pgSet = append(o.pgSet, kv)
	}
	if o.pgRows > 0 && os.Getenv("SAGLIG_TEST_POSTGRES") == "" {
		return errors.New("-pg-rows: SAGLIG_TEST_POSTGRES is not set: run benchlake through .ci/postgres, or give -pg-rows 0")
	}
	if o.files > 0 && !slices.Contains(o.stores, "s3") {
		return errors.New("-files needs the s3 store (-stores s3): the requests are counted by a proxy in front of it; give -files 0")
	}
	cleanup, err := o.Prepare("benchlake-")
	if err != nil {
		return err
	}
	defer cleanup()
	b := &bench{o: &o}
	if b.self, err = os.Executable(); err != nil {
		return err
	}
	b.header(ctx)
	if len(o.stores) > 0 && o.Rows > 0 {
		if err := b.remoteScan(ctx); err != nil {
			return err
		}
	}
	if o.files > 0 {
		if err := b.schemaOnly(ctx); err != nil {
			return err
		}
	}
	if o.pgRows > 0 {
		if err := b.pushdown(ctx); err != nil {
			return err
		}
	}
	self := measure.SelfMaxRSS()
	b.printf("The harness's own peak RSS was %s", measure.MiB(self))
	if self < measure.MinChildRSS() {
		b.printf(", below every child's figure above (a child started by os/exec is charged its parent's peak until it execs).\n")
	} else {
		b.printf(": figures at or below it are the harness's, not the child's.\n")
	}
	return o.WriteReport(b.report.Bytes())
}

// gen is the subcommand gen: write the dataset and its map (in a child
// process, so the harness's peak RSS stays small).
func gen(args []string) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	rows, dir, seed := measure.DatasetFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *rows < 1 || *dir == "" {
		return errors.New("usage: benchlake gen -rows N -dir DIR [-seed N]")
	}
	return jc.Gen(*dir, *rows, *seed)
}

type bench struct {
	o      *options
	self   string
	saglig string // the built binary, for the pushdown runs
	report bytes.Buffer
}

func (b *bench) printf(format string, args ...any) { fmt.Fprintf(&b.report, format, args...) }

func (b *bench) header(ctx context.Context) {
	b.printf("## benchlake results\n\n")
	b.printf("- machine: %s; load average at the start %s\n", measure.Machine(ctx), measure.LoadAverage())
	b.printf("- saglig: `--memory %s --workers %s`; runs: median of %d, alternating; peak RSS the largest of the runs\n\n",
		b.o.Memory, measure.Workers(b.o.Workers), b.o.Repeat)
}

// child runs benchlake run on path and checks what the lint read.
func (b *bench) child(ctx context.Context, mode, mapPath, path string, schemaOnly bool, rows int64, files int) (measure.Measurement, lintResult, error) {
	args := []string{"run", "-mode", mode, "-map", mapPath, "-memory", strconv.FormatInt(b.o.memBytes, 10),
		"-workers", strconv.Itoa(b.o.Workers)}
	if schemaOnly {
		args = append(args, "-schema-only")
	}
	m, err := measure.Run(exec.CommandContext(ctx, b.self, append(args, path)...))
	if err != nil {
		return m, lintResult{}, err
	}
	var res lintResult
	if err := json.Unmarshal(m.Stdout, &res); err != nil {
		return m, res, fmt.Errorf("the child's result: %w", err)
	}
	if res.Files != files || (!schemaOnly && res.Rows != rows) {
		return m, res, fmt.Errorf("%s: read %d rows in %d files, want %d in %d", path, res.Rows, res.Files, rows, files)
	}
	if want := len(jc.InputCols(false)) * len(jc.ProtectedCols); !schemaOnly && res.Associations != want {
		return m, res, fmt.Errorf("%s: %d associations, want %d", path, res.Associations, want)
	}
	return m, res, nil
}

// objectURL is the URL of key in the bucket at bucketURL, with the
// bucket's parameters (a child process opens the store anew).
func objectURL(bucketURL, key string) string {
	u, err := url.Parse(bucketURL)
	if err != nil {
		return bucketURL
	}
	u.Path = "/" + key
	return u.String()
}

// serverPID is the process id .ci/lakes exported for the store's server,
// or 0.
func serverPID(store string) int {
	pid, _ := strconv.Atoi(os.Getenv(storeEnv[store] + "_PID"))
	return pid
}

// rowGroups is the number of row groups of the Parquet file at path.
func rowGroups(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	pf, err := parquet.OpenFile(f, st.Size(), parquet.SkipPageIndex(true), parquet.SkipBloomFilters(true))
	if err != nil {
		return 0, err
	}
	return len(pf.RowGroups()), nil
}

func since(start time.Time) string { return time.Since(start).Round(time.Second).String() }
