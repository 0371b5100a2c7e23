package lint_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/lint"
	"github.com/saglig/saglig/lint/dataset"
	"github.com/saglig/saglig/lint/scan"
)

// failingProfiler scans with the native scanner, but reports the files in
// fail as failed (as the scanner reports a file whose decoder failed), and
// records the files of every scan it is asked for.
type failingProfiler struct {
	fail  map[string]bool
	scans [][]string
}

func (p *failingProfiler) Profile(ctx context.Context, ds *dataset.Dataset, req scan.Request) (*scan.Result, error) {
	var files []string
	var failed scan.FileErrors
	for _, f := range ds.Files {
		files = append(files, filepath.Base(f.Path))
		if p.fail[filepath.Base(f.Path)] {
			failed = append(failed, &dataset.Error{Path: f.Path, Err: os.ErrInvalid})
		}
	}
	p.scans = append(p.scans, files)
	if len(failed) > 0 {
		return nil, failed
	}
	return scan.New().Profile(ctx, ds, req)
}

// TestRunKeepsGoing lints a directory of three copies of the example's
// data and a missing path: the files the scan cannot read are left out and
// the rest scanned again, once; every problem is reported, sorted by path;
// and what is linted is what a directory of the readable files gives.
func TestRunKeepsGoing(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "examples", "jobcenter", "data", "forloeb.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := featuremap.Load(filepath.Join("..", "examples", "jobcenter", "saglig.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	dir, alone := t.TempDir(), t.TempDir()
	for _, name := range []string{"a.parquet", "b.parquet", "c.parquet"} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(alone, "b.parquet"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.parquet")
	prof := &failingProfiler{fail: map[string]bool{"a.parquet": true, "c.parquet": true}}
	res, err := lint.Run(context.Background(), lint.Options{Map: m, Paths: []string{missing, dir}, Today: today, Profiler: prof})
	if err != nil {
		t.Fatal(err)
	}
	wantScans := [][]string{{"a.parquet", "b.parquet", "c.parquet"}, {"b.parquet"}}
	if !reflect.DeepEqual(prof.scans, wantScans) {
		t.Errorf("scans %v, want %v", prof.scans, wantScans)
	}
	var paths []string
	for _, e := range res.Errors {
		paths = append(paths, e.Path)
		if e.Message == "" {
			t.Errorf("%s: no message", e.Path)
		}
	}
	wantPaths := []string{filepath.Join(dir, "a.parquet"), filepath.Join(dir, "c.parquet"), missing}
	if !slices.Equal(paths, wantPaths) {
		t.Errorf("errors on %v, want %v", paths, wantPaths)
	}
	if len(res.Datasets) != 1 || res.Datasets[0].Files != 1 || res.Datasets[0].Rows != 6000 {
		t.Fatalf("datasets %+v, want the one readable file", res.Datasets)
	}
	want, err := lint.Run(context.Background(), lint.Options{Map: m, Paths: []string{alone}, Today: today})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != len(want.Findings) {
		t.Fatalf("%d findings, want %d", len(res.Findings), len(want.Findings))
	}
	for i := range want.Findings {
		got, w := res.Findings[i], want.Findings[i]
		if got.Rule != w.Rule || got.Column != w.Column || got.Severity != w.Severity {
			t.Errorf("finding %d: %s %s %s, want %s %s %s", i, got.Rule, got.Column, got.Severity, w.Rule, w.Column, w.Severity)
		}
	}
}
