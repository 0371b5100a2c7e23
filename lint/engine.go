// Package lint is saglig's engine: it opens the datasets a map describes,
// runs the rules, applies waivers and baselines, and returns a Result that
// the report writers print.
package lint

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/lint/dataset"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/rules"
)

// Options configures a run.
type Options struct {
	Map *featuremap.Map
	// Paths are the datasets to lint; when empty, the map's datasets: list
	// (relative to the map's directory) is used.
	Paths []string
	// SchemaOnly reads schemas (Parquet footers) only and skips the rules
	// that measure data.
	SchemaOnly bool
	// Today is the day waivers expire against; zero means now.
	Today   time.Time
	Dataset dataset.Options
}

// Run lints the datasets against the map. The error is for runs that could
// not be done (unreadable datasets); findings are in the Result.
func Run(ctx context.Context, opt Options) (*Result, error) {
	if opt.Map == nil {
		return nil, fmt.Errorf("no feature map")
	}
	if opt.Today.IsZero() {
		opt.Today = time.Now()
	}
	paths, err := datasetPaths(opt)
	if err != nil {
		return nil, err
	}
	sets, err := dataset.OpenAll(paths, opt.Dataset)
	if err != nil {
		return nil, err
	}
	res := &Result{
		Tool:     Tool{Name: "saglig", Version: Version()},
		Map:      opt.Map.File,
		Datasets: make([]DatasetSummary, 0, len(sets)),
	}
	var all []finding.Finding
	for _, r := range rules.All() {
		if r.Scope != rules.ScopeMap {
			continue
		}
		p := &rules.Pass{Rule: r, Map: opt.Map, Today: opt.Today}
		all = append(all, p.Run()...)
	}
	for _, ds := range sets {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		cols := bind(opt.Map, ds)
		for _, r := range rules.All() {
			if r.Scope != rules.ScopeDataset || (r.Measures && opt.SchemaOnly) {
				continue
			}
			p := &rules.Pass{Rule: r, Map: opt.Map, Dataset: ds, Columns: cols, Today: opt.Today}
			all = append(all, p.Run()...)
		}
		res.Datasets = append(res.Datasets, summarise(ds))
	}
	applyWaivers(opt.Map, all, opt.Today)
	res.setFindings(all)
	return res, nil
}

// datasetPaths returns the PATH arguments, or the map's datasets: entries
// resolved against the map's directory.
func datasetPaths(opt Options) ([]string, error) {
	if len(opt.Paths) > 0 {
		return opt.Paths, nil
	}
	if len(opt.Map.Datasets) == 0 {
		return nil, fmt.Errorf("%s: no dataset given on the command line and the map lists no datasets:", opt.Map.File)
	}
	out := make([]string, 0, len(opt.Map.Datasets))
	for _, d := range opt.Map.Datasets {
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

// applyWaivers marks findings that a valid waiver on their column accepts.
// SAG004 (invalid waiver) cannot be waived.
func applyWaivers(m *featuremap.Map, fs []finding.Finding, today time.Time) {
	for i := range fs {
		f := &fs[i]
		if f.Column == "" || f.Rule == "SAG004" {
			continue
		}
		feat := m.Lookup(f.Column)
		if feat == nil {
			continue
		}
		for j := range feat.Waivers {
			w := &feat.Waivers[j]
			if strings.EqualFold(w.Rule, f.Rule) && rules.WaiverProblem(w, today) == "" {
				f.Waived = true
				f.WaiverReason = strings.TrimSpace(w.Reason)
				break
			}
		}
	}
}

// setFindings sorts the findings and counts them.
func (r *Result) setFindings(fs []finding.Finding) {
	sort.SliceStable(fs, func(i, j int) bool { return finding.Less(&fs[i], &fs[j]) })
	if fs == nil {
		fs = []finding.Finding{}
	}
	r.Findings = fs
	r.Summary = Summary{}
	for i := range fs {
		r.Summary.add(&fs[i])
	}
}
