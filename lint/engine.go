// Package lint is saglig's engine: it opens the datasets a map describes,
// classifies and measures their columns, runs the rules, applies waivers and
// returns a Result that the report writers print.
package lint

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/baseline"
	"github.com/saglig/saglig/lint/classify"
	"github.com/saglig/saglig/lint/dataset"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/policy"
	"github.com/saglig/saglig/lint/pushdown"
	"github.com/saglig/saglig/lint/rules"
	"github.com/saglig/saglig/lint/scan"
	"github.com/saglig/saglig/lint/source"
)

// Options configures a run.
type Options struct {
	// Lang is the language of the findings' messages and the assessment's
	// words; empty is English.
	Lang i18n.Lang
	Map  *featuremap.Map
	// Paths are the datasets to lint; when empty, the map's datasets: list
	// (relative to the map's directory) is used.
	Paths []string
	// Policy is the relevance policy; nil means the built-in default.
	Policy *policy.Policy
	// SchemaOnly reads schemas (Parquet footers) only: nothing is measured,
	// classification uses column names alone, and the rules that need
	// measurements are skipped.
	SchemaOnly bool
	// Today is the run's date: waivers expire against it and the classifier
	// judges birth years by it; zero means now.
	Today   time.Time
	Dataset dataset.Options
	// Profiler measures the data; nil means the native streaming scanner.
	Profiler scan.Profiler
	// Memory and Workers bound the scan (0: the scanner's defaults).
	Memory  int64
	Workers int
	// Progress, when set, is told how far the scan of each dataset has
	// got, from one goroutine at a time.
	Progress func(Progress)
	// Baseline, when set, accepts the findings it records (BaselinePath
	// names it in the result), except those of rules that cannot be
	// baselined.
	Baseline     *baseline.File
	BaselinePath string
	// Disable turns rules off for the run, on top of the map's disable:
	// list; Enable turns rules the map disables back on.
	Disable, Enable []string
}

// Run lints the datasets against the map. A file that cannot be read is
// left out of its dataset (a dataset left with no file is left out) and
// reported in Result.Errors; the rest is linted. The error is for runs
// that could not be done at all (no map, a cancelled context); findings
// are in the Result.
func Run(ctx context.Context, opt Options) (*Result, error) {
	if opt.Map == nil {
		return nil, fmt.Errorf("no feature map")
	}
	if opt.Today.IsZero() {
		opt.Today = time.Now()
	}
	if opt.Policy == nil {
		opt.Policy = policy.Default()
	}
	if opt.Profiler == nil {
		opt.Profiler = scan.New()
	}
	paths, err := datasetPaths(opt)
	if err != nil {
		return nil, err
	}
	disabled, err := disabledRules(opt.Map, opt.Disable, opt.Enable)
	if err != nil {
		return nil, err
	}
	// Empty is English, for the map's texts too.
	opt.Lang = i18n.For(opt.Lang).Lang()
	post := &chain{m: opt.Map, mapFile: opt.Map.File, today: opt.Today, heur: opt.Policy.Heuristics, lang: opt.Lang,
		base: opt.Baseline, disabled: map[string]bool{}, refused: map[string]int{}}
	for _, d := range disabled {
		post.disabled[d.Rule] = true
	}
	var errs []FileError
	sets, profilers, closeAll := openAll(ctx, paths, opt, &errs)
	defer closeAll()
	res := &Result{
		Tool:     Tool{Name: "saglig", Version: Version()},
		Map:      opt.Map.File,
		Purpose:  NewPurpose(opt.Map, opt.Lang),
		Policy:   opt.Policy.Source,
		Baseline: opt.BaselinePath,
		Disabled: disabled,
		Datasets: make([]DatasetSummary, 0, len(sets)),
	}
	base := &rules.Pass{Map: opt.Map, Today: opt.Today, Policy: opt.Policy, Lang: opt.Lang}
	mapFindings := runScope(base, rules.ScopeMap, opt.SchemaOnly)
	post.accept(mapFindings)
	all := append([]finding.Finding(nil), mapFindings...)
	for i, ds := range sets {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		dsOpt := opt
		dsOpt.Profiler = profilers[i]
		ds, cols, measured, err := measureEach(ctx, dsOpt, opt.Map, ds, &errs)
		if err != nil {
			return nil, err
		}
		if ds == nil {
			continue
		}
		classifyColumns(cols, ds, opt.Today)
		p := *base
		p.Dataset, p.Columns, p.Scan = ds, cols, measured
		found := runScope(&p, rules.ScopeDataset, opt.SchemaOnly)
		post.accept(found)
		p.Prior = append(append([]finding.Finding(nil), mapFindings...), found...)
		p.Assessment = rules.Assess(&p)
		late := runScope(&p, rules.ScopeAssessment, opt.SchemaOnly)
		post.accept(late)
		all = append(append(all, found...), late...)
		res.Datasets = append(res.Datasets, summarise(ds, cols, measured, p.Assessment, opt.Lang))
	}
	// Run-scope rules see every finding of the run, waivers applied.
	p := *base
	p.Prior, p.Incomplete, p.Skipped = all, len(errs) > 0, skippedRules(opt.SchemaOnly)
	last := runScope(&p, rules.ScopeRun, opt.SchemaOnly)
	post.accept(last)
	res.Findings = post.finish(append(all, last...))
	res.setNotBaselined(post.refused)
	res.Recount()
	sortErrors(errs)
	res.Errors = errs
	return res, nil
}

// skippedRules returns the ids of the rules a run does not run: those that
// measure the data, with --schema-only.
func skippedRules(schemaOnly bool) map[string]bool {
	out := map[string]bool{}
	for _, r := range rules.All() {
		if r.Measures && schemaOnly {
			out[r.ID] = true
		}
	}
	return out
}

// runScope runs every rule of one scope on copies of the pass.
func runScope(base *rules.Pass, scope rules.Scope, schemaOnly bool) []finding.Finding {
	var out []finding.Finding
	for _, r := range rules.All() {
		if r.Scope != scope || (r.Measures && schemaOnly) {
			continue
		}
		p := *base
		p.Rule = r
		out = append(out, p.Run()...)
	}
	return out
}

// measure scans the dataset once: profiles of every column, each input
// against each protected column, and the observation period.
func measure(ctx context.Context, opt Options, ds *dataset.Dataset, cols []*rules.Column) (*scan.Result, error) {
	req := request(opt, cols)
	if opt.Progress != nil {
		at := Progress{Dataset: ds.Path, Files: len(ds.Files), Rows: ds.Rows}
		req.Progress = func(done, total int64) {
			p := at
			p.Done, p.Total = done, total
			opt.Progress(p)
		}
	}
	res, err := opt.Profiler.Profile(ctx, ds, req)
	if err != nil {
		return nil, err
	}
	for _, c := range cols {
		c.Profile = res.Profiles[c.Path]
	}
	return res, nil
}

// request is what the scan measures for the bound columns: every column's
// profile, each input against each protected column, the observation
// period of the first id and timestamp, and the classes of the
// quasi-identifiers (with the first id's distinct subjects).
func request(opt Options, cols []*rules.Column) scan.Request {
	req := scan.Request{Memory: opt.Memory, Workers: opt.Workers, Limits: opt.Dataset.Limits}
	for _, c := range cols {
		switch c.Role() {
		case featuremap.RoleInput:
			req.Inputs = append(req.Inputs, c.Path)
		case featuremap.RoleProtected:
			req.Protected = append(req.Protected, c.Path)
		case featuremap.RoleID:
			if req.ID == "" {
				req.ID = c.Path
			}
		case featuremap.RoleTimestamp:
			if req.Timestamp == "" {
				req.Timestamp = c.Path
			}
		}
	}
	req.QuasiIDs = quasiIdentifiers(cols, opt.Policy, opt.Today)
	return req
}

// quasiIdentifiers are the columns SAG302 combines: those whose category —
// declared in the map, or inferred from the names (the table's included)
// before the data are read — the policy marks as a quasi-identifier, whatever their role but id (a
// direct identifier is SAG301's). A column recognised only from its values
// is not among them; SAG302 says so. Without a policy (profile) there are
// none.
func quasiIdentifiers(cols []*rules.Column, pol *policy.Policy, today time.Time) []string {
	if pol == nil { // profile: no rule reads them
		return nil
	}
	in := make([]classify.Column, len(cols))
	for i, c := range cols {
		in[i] = classifyInput(c)
	}
	byName := classify.ClassifyTable(in, classify.Options{Today: today})
	var out []string
	for i, c := range cols {
		if c.Role() == featuremap.RoleID || c.Shape.Nested() {
			continue
		}
		cat, declared := c.Category()
		if !declared {
			cl := byName[i]
			if cl.Confidence < rules.MinConfidence {
				continue
			}
			cat = cl.Category
		}
		if pc := pol.Lookup(cat); pc != nil && pc.QuasiIdentifier {
			out = append(out, c.Path)
		}
	}
	return out
}

// classifyKind is the classifier's kind of a column's values.
func classifyKind(k dataset.Kind) classify.Kind {
	switch k {
	case dataset.KindBool:
		return classify.KindBool
	case dataset.KindInt, dataset.KindUint, dataset.KindDuration:
		return classify.KindInt
	case dataset.KindFloat, dataset.KindDecimal:
		return classify.KindFloat
	case dataset.KindDate, dataset.KindTimestamp:
		return classify.KindDate
	}
	return classify.KindText
}

// classifyColumns infers each column's category from its name and, when the
// data were measured, its value sample, and from the dataset as a whole.
func classifyColumns(cols []*rules.Column, ds *dataset.Dataset, today time.Time) {
	in := make([]classify.Column, len(cols))
	for i, c := range cols {
		in[i] = classifyInput(c)
		in[i].Rows = ds.Rows
		if c.Profile != nil {
			in[i].Rows, in[i].Nulls, in[i].Distinct, in[i].Sample = c.Profile.Rows, c.Profile.Nulls, c.Profile.Distinct, classifierSample(c.Profile)
		}
	}
	// The dataset is classified as one table: in a record of health care,
	// the columns of the episode of care are health data (classify's
	// ClassifyTable); a declared category is evidence and never changed.
	for i, r := range classify.ClassifyTable(in, classify.Options{Today: today}) {
		cols[i].Class = r
	}
}

// classifyInput is what the classifier knows of a column before its
// values are read: its name, type and kind, and the category the map
// declares ("" when it declares none).
func classifyInput(c *rules.Column) classify.Column {
	in := classify.Column{Name: c.Path, Type: c.Type, Kind: classifyKind(c.Kind)}
	if cat, declared := c.Category(); declared {
		in.Declared = cat
	}
	return in
}

// weightedSampleSize is the size of the frequency-weighted sample built for
// columns whose heavy hitters cover every value.
const weightedSampleSize = 500

// classifierSample is the value sample the classifier sees. The profile's
// Sample holds distinct values (a bottom-k hash sample), which represents a
// high-cardinality column well but makes a two-valued column look like two
// values; the classifier weighs values by frequency. When the heavy hitters
// cover every distinct value, they give the exact distribution, so each
// value is repeated in proportion to its count (at least once).
func classifierSample(p *scan.Profile) []string {
	nonNull := p.Rows - p.Nulls
	if len(p.Top) == 0 || nonNull <= 0 || p.Distinct > int64(len(p.Top)) {
		return p.Sample
	}
	out := make([]string, 0, weightedSampleSize+len(p.Top))
	for _, vc := range p.Top {
		k := int(float64(vc.Count) * weightedSampleSize / float64(nonNull))
		if k < 1 {
			k = 1
		}
		for range k {
			out = append(out, vc.Value)
		}
	}
	return out
}

// datasetPaths returns the PATH arguments, or the map's datasets: entries
// resolved against the map's directory.
func datasetPaths(opt Options) ([]string, error) {
	if len(opt.Paths) > 0 {
		return opt.Paths, nil
	}
	if len(opt.Map.Datasets) == 0 {
		return nil, i18n.Errorf("%s: no dataset given on the command line and the map lists none (add datasets: to the map, or name a PATH)", opt.Map.File)
	}
	out := make([]string, 0, len(opt.Map.Datasets))
	for _, d := range opt.Map.Datasets {
		if pushdown.IsURL(d) || source.IsRemote(d) {
			out = append(out, d)
			continue
		}
		if !filepath.IsAbs(d) {
			d = filepath.Join(opt.Map.Dir, d)
		}
		out = append(out, d)
	}
	return out, nil
}

// bind pairs each dataset column with the map entry that declares it.
func bind(m *featuremap.Map, ds *dataset.Dataset) []*rules.Column {
	cols := make([]*rules.Column, len(ds.Columns))
	for i, c := range ds.Columns {
		cols[i] = &rules.Column{Column: c, Feature: m.Lookup(c.Path)}
	}
	return cols
}
