package main

import (
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"slices"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint"
	"github.com/saglig/saglig/lint/baseline"
	"github.com/saglig/saglig/lint/dataset"
	"github.com/saglig/saglig/lint/policy"
	"github.com/saglig/saglig/lint/pushdown"
	"github.com/saglig/saglig/lint/report"
	"github.com/saglig/saglig/lint/rules"
	"github.com/spf13/cobra"
)

type lintFlags struct {
	mapFile    string
	policy     string
	formats    []string
	output     string
	failOn     string
	baseline   string
	writeBase  string
	schemaOnly bool
	disable    []string
	enable     []string
	dryRun     bool
	memory     string
	workers    int
	limits     limitFlags
	// statistics and maxPerRule shape the reports for people.
	statistics bool
	maxPerRule int
}

func (a *app) lintCommand() *cobra.Command {
	var fl lintFlags
	cmd := &cobra.Command{
		Use:   "lint [PATH...]",
		Short: i18n.N("Lint datasets against the feature-purpose map"),
		Long: i18n.N(`Lint datasets against the feature-purpose map.

PATH is a Parquet file, an Arrow IPC file (.arrow, .feather) or stream
(.arrows), a directory (read recursively as one dataset; Hive partitions
key=value/ become columns), a Delta or Iceberg table's directory, or a glob;
any of these in object storage as s3://BUCKET/KEY, gs://BUCKET/KEY or
azblob://CONTAINER/KEY, with the cloud's own credentials (docs/lakes.md);
or a table in a SQL engine, measured
where it lives by SQL pushed down to the engine (docs/warehouses.md):
postgres://host/db?table=schema.name, sqlserver://host?database=db&table=…,
trino://host:8080?catalog=c&schema=s&table=…,
databricks://host/WAREHOUSE-ID?catalog=c&schema=s&table=…,
duckdb:///file.duckdb?table=… (builds with -tags duckdb), with the password or
token in PGPASSWORD, SQLSERVER_PASSWORD, TRINO_PASSWORD or DATABRICKS_TOKEN,
never in the URL. --dry-run prints the SQL for each table and runs none.
Without PATH, the map's datasets: list is used. A single directory that holds
a saglig.yaml listing datasets is a project: its map and its datasets are
linted.

Exit codes: 0 no finding at or above --fail-on; 1 such findings; 2 the run
could not be done; 130 interrupted (Ctrl-C). A file or table that cannot be
read is named on stderr, one line each, and left out; the rest is linted and
reported, and the exit code is 2.

The --max-* flags and --file-timeout bound what one file may make saglig
read, decode and decompress, and for how long; a file beyond a limit is
refused with an error naming the flag that raises it.

-o FILE writes the report to FILE in the format its extension says (.json,
.sarif, .xml for JUnit, .md, .html, .txt) unless --format says otherwise; a
contradiction is refused. --format FORMAT:FILE writes a report to FILE, and can
be repeated, so that one scan writes every report CI needs. After writing to a
file, one line on stderr says what was written and the summary; a run that
fails without a report on the terminal says why on stderr.

--write-baseline FILE records the current open findings (by rule, dataset
path relative to the map and column) so that later runs with --baseline FILE
fail only on new findings; findings in the baseline are reported as baselined.
SAG202 and SAG301 cannot be baselined: their findings are not recorded, and a
baseline that lists them does not accept them.

--disable SAG012 turns a rule off for the run (as the map's disable: list
does); --enable turns one the map disables back on. Every report records the
rules turned off. SAG202 and SAG301 cannot be disabled.`),
		Example: `  saglig lint examples/jobcenter
  saglig lint --map saglig.yaml data/train.parquet
  saglig lint --format json -o findings.json data/
  saglig lint -o saglig.sarif examples/jobcenter
  saglig lint --format github --format sarif:saglig.sarif --format junit:saglig.xml examples/jobcenter
  saglig lint --write-baseline saglig-baseline.json examples/jobcenter
  saglig lint --baseline saglig-baseline.json examples/jobcenter
  saglig lint --map saglig.yaml s3://features/jobcenter/train/
  PGPASSWORD=… saglig lint --map saglig.yaml 'postgres://analyst@db.example/jobs?table=public.forloeb'
  saglig lint --dry-run --map saglig.yaml 'postgres://analyst@db.example/jobs?table=public.forloeb'`,
		RunE: func(cmd *cobra.Command, args []string) error { return a.lint(cmd.Context(), fl, args) },
	}
	f := cmd.Flags()
	f.StringVar(&fl.mapFile, "map", "", i18n.N("feature-purpose map (default: saglig.yaml beside the first PATH, else in the working directory)"))
	f.StringVar(&fl.policy, "policy", "", i18n.N("relevance policy file replacing or extending the built-in one"))
	f.StringArrayVar(&fl.formats, "format", nil, i18n.N("output format: text, json, sarif, junit, github, markdown, html; FORMAT:FILE writes it to FILE (repeat for several reports; default: text, or what -o's extension says)"))
	f.StringVarP(&fl.output, "output", "o", "", i18n.N("write the report to FILE (atomically) instead of stdout; its extension gives the format when --format does not (.json .sarif .xml .md .html .txt)"))
	f.StringVar(&fl.failOn, "fail-on", "error", i18n.N("exit 1 on an open finding (not accepted on the record) at or above: error, warning, info, none"))
	f.StringVar(&fl.baseline, "baseline", "", i18n.N("fail only on findings not recorded in this baseline FILE (the others are reported as baselined)"))
	f.StringVar(&fl.writeBase, "write-baseline", "", i18n.N("record the open findings in this baseline FILE (then treat them as baselined); SAG202 and SAG301 are never recorded"))
	f.BoolVar(&fl.schemaOnly, "schema-only", false, i18n.N("read schemas only (Parquet footers); skip the rules that measure data"))
	f.StringSliceVar(&fl.disable, "disable", nil, i18n.N("turn rules off for this run, e.g. SAG012 (repeat or separate by commas); the reports record it"))
	f.StringSliceVar(&fl.enable, "enable", nil, i18n.N("turn back on rules the map's disable: list turns off"))
	f.BoolVar(&fl.dryRun, "dry-run", false, i18n.N("print the SQL that would measure each table URL (postgres://, sqlserver://, trino://, databricks://, duckdb://) and run none of it"))
	f.StringVar(&fl.memory, "memory", "256MiB", i18n.N("memory budget of the data scan, at least 16MiB (e.g. 512MiB, 2GiB)"))
	f.IntVar(&fl.workers, "workers", 0, i18n.N("parallel scan workers, 1 to 1024 (default: one per core)"))
	f.BoolVar(&fl.statistics, "statistics", false, i18n.N("text report: count the findings per rule instead of listing them"))
	f.IntVar(&fl.maxPerRule, "max-per-rule", report.DefaultMaxPerRule, i18n.N("text, GitHub and Markdown reports: show at most N findings of a rule and say how many more there are (0: all)"))
	addLimitFlags(f, &fl.limits)
	return cmd
}

// fileArgs are the arguments that are not table URLs.
func fileArgs(args []string) []string {
	var out []string
	for _, a := range args {
		if !pushdown.IsURL(a) {
			out = append(out, a)
		}
	}
	return out
}

func (a *app) lint(ctx context.Context, fl lintFlags, args []string) error {
	if ctx == nil {
		ctx = context.Background()
	}
	failOn, err := parseFailOn(fl.failOn)
	if err != nil {
		return err
	}
	outs, err := planOutputs(fl.formats, fl.output, fl.writeBase)
	if err != nil {
		return err
	}
	// Read the baseline before the scan, so a bad file fails fast.
	var base *baseline.File
	if fl.baseline != "" {
		if base, err = baseline.Load(fl.baseline); err != nil {
			return err
		}
	}
	memory, err := parseMemory(fl.memory)
	if err != nil {
		return err
	}
	if err := checkWorkers(fl.workers); err != nil {
		return err
	}
	limits, err := fl.limits.limits()
	if err != nil {
		return err
	}
	var pol *policy.Policy
	if fl.policy != "" {
		if pol, err = policy.Load(fl.policy); err != nil {
			return err
		}
	}
	files := fileArgs(args)
	if len(files) > 0 {
		// Name a PATH that matches nothing before looking for its map.
		if _, err := dataset.Expand(files); err != nil {
			return err
		}
	}
	mapPath, err := featuremap.Find(fl.mapFile, files)
	if err != nil {
		return err
	}
	m, err := featuremap.Load(mapPath)
	if err != nil {
		return err
	}
	a.useMapLang(m.Purpose.Language)
	// A lone directory holding the map that lists datasets is a project.
	paths := args
	if len(args) == 1 && len(files) == 1 && fl.mapFile == "" && len(m.Datasets) > 0 &&
		filepath.Clean(filepath.Dir(mapPath)) == filepath.Clean(args[0]) {
		paths = nil
	}
	a.log.Debug().Str("map", mapPath).Strs("paths", paths).Msg("linting")
	opt := lint.Options{Lang: a.lang, Map: m, Paths: paths, Policy: pol, SchemaOnly: fl.schemaOnly, Memory: memory, Workers: fl.workers,
		Dataset: dataset.Options{Limits: limits}, Baseline: base, BaselinePath: fl.baseline, Disable: fl.disable, Enable: fl.enable}
	if fl.dryRun {
		return lint.DryRun(ctx, opt, a.stdout)
	}
	bar := newProgress(ctx, a.stderr, a.log, a.tr())
	opt.Progress = bar.update
	res, err := lint.Run(ctx, opt)
	if err := interrupted(ctx, bar); err != nil {
		return err
	}
	bar.done()
	if err != nil {
		return err
	}
	if len(res.Errors) > 0 && len(res.Datasets) == 0 {
		// Nothing could be read: no report.
		printFileErrors(a.stderr, a.tr(), res.Errors)
		return errReported
	}
	// Never written over: the map, the policy, the arguments and every
	// dataset read (report.IsInput); the report not over the baseline
	// read either, which --write-baseline may rewrite.
	inputs := append([]string{mapPath, fl.policy}, files...)
	for _, d := range res.Datasets {
		if d.Files > 0 {
			inputs = append(inputs, d.Path)
		}
	}
	if base != nil {
		a.log.Info().Str("file", fl.baseline).Int("baselined", res.Summary.Baselined).Int("entries", len(base.Entries)).Msg(a.tr().Sprintf("baseline applied"))
		if line := notBaselinedLine(a.tr(), res); line != "" {
			fmt.Fprintln(a.stderr, line)
		}
	}
	if fl.writeBase != "" && len(res.Errors) == 0 {
		if err := a.writeBaseline(res, fl.writeBase, inputs); err != nil {
			return err
		}
	}
	ropt := report.Options{Lang: a.lang, MaxPerRule: fl.maxPerRule, Statistics: fl.statistics}
	written, toReader, err := a.writeOutputs(outs, res, append(inputs, fl.baseline), ropt)
	if len(written) > 0 {
		fmt.Fprintln(a.stderr, wroteLine(a.tr(), written, res))
	}
	if err != nil {
		return err
	}
	if len(res.Errors) > 0 {
		// The report covers what could be read; the run failed.
		printFileErrors(a.stderr, a.tr(), res.Errors)
		if fl.writeBase != "" {
			a.tr().Fprintf(a.stderr, "saglig: %s not written: some files could not be read\n", fl.writeBase)
		}
		return errReported
	}
	if res.Fails(failOn) {
		if !toReader {
			// The report went to a file or a program: say why the run fails.
			fmt.Fprintln(a.stderr, failLine(a.tr(), res, failOn, written))
		}
		return errFindings
	}
	return nil
}

// writeBaseline records the result's open findings that a baseline may
// accept in a baseline file (atomically, never over an input) and marks
// them baselined; it says how many it left out because their rule cannot
// be baselined.
func (a *app) writeBaseline(res *lint.Result, path string, inputs []string) error {
	b, refused := baseline.New(res.Map, res.Findings, rules.Baselinable)
	if err := report.WriteFile(path, inputs, b.Write); err != nil {
		return err
	}
	res.ApplyBaseline(b, path)
	tr := a.tr()
	tr.Fprintf(a.stderr, "saglig: wrote baseline %s (%s)\n", path, tr.Sprintf("%d findings", len(b.Entries)))
	if n, ids := byRule(refused); n > 0 {
		tr.Fprintf(a.stderr, "saglig: %s of %s not recorded: they cannot be baselined, so the run still fails on them\n",
			tr.Sprintf("%d findings", n), tr.List(ids))
	}
	return nil
}

// notBaselinedLine says which findings the baseline lists but could not
// accept, or "" when there are none.
func notBaselinedLine(tr *i18n.Printer, res *lint.Result) string {
	n, ids := byRule(res.NotBaselined)
	if n == 0 {
		return ""
	}
	return tr.Sprintf("saglig: the baseline lists %s of %s, which cannot be baselined: they stay open and fail the run",
		tr.Sprintf("%d findings", n), tr.List(ids))
}

// byRule totals counts by rule and lists the rules.
func byRule(counts map[string]int) (int, []string) {
	n := 0
	ids := slices.Sorted(maps.Keys(counts))
	for _, id := range ids {
		n += counts[id]
	}
	return n, ids
}
