package lint

import (
	"context"
	"fmt"
	"io"

	"github.com/saglig/saglig/lint/dataset"
	"github.com/saglig/saglig/lint/pushdown"
	"github.com/saglig/saglig/lint/scan"
)

// Tables in SQL engines (postgres://, sqlserver://, trino://,
// databricks://, duckdb://) are datasets too: the engine measures them
// (lint/pushdown) and the same rules run on what it measured.

// splitTables separates table URLs from file paths, keeping their order.
func splitTables(paths []string) (files, tables []string) {
	for _, p := range paths {
		if pushdown.IsURL(p) {
			tables = append(tables, p)
		} else {
			files = append(files, p)
		}
	}
	return files, tables
}

// openAll opens the datasets at paths — files through the dataset
// package, tables through their engines — with the profiler that measures
// each; close closes the tables' connections.
func openAll(ctx context.Context, paths []string, opt Options, errs *[]FileError) (sets []*dataset.Dataset, profilers []scan.Profiler, close func()) {
	files, urls := splitTables(paths)
	sets = openEach(files, opt.Dataset, errs)
	for range sets {
		profilers = append(profilers, opt.Profiler)
	}
	tables := openTables(ctx, urls, errs)
	for _, t := range tables {
		sets = append(sets, t.Dataset())
		profilers = append(profilers, t)
	}
	return sets, profilers, func() { closeTables(tables) }
}

// openTables connects to each table and reads its columns; a table that
// cannot be opened is recorded in errs and left out.
func openTables(ctx context.Context, urls []string, errs *[]FileError) []*pushdown.Source {
	var out []*pushdown.Source
	for _, u := range urls {
		src, err := pushdown.Open(ctx, u)
		if err != nil {
			*errs = append(*errs, fileError(err))
			continue
		}
		out = append(out, src)
	}
	return out
}

func closeTables(ts []*pushdown.Source) {
	for _, t := range ts {
		t.Close()
	}
}

// DryRun writes, for each table among the datasets, the SQL a lint would
// run on it, without running it: it connects and reads the catalogue only.
// Files among the datasets are named as having nothing to push down.
func DryRun(ctx context.Context, opt Options, w io.Writer) error {
	if opt.Map == nil {
		return fmt.Errorf("no feature map")
	}
	paths, err := datasetPaths(opt)
	if err != nil {
		return err
	}
	files, urls := splitTables(paths)
	for _, f := range files {
		fmt.Fprintf(w, "-- %s: a file, read by saglig's own scan: nothing to push down\n", f)
	}
	for _, u := range urls {
		src, err := pushdown.Open(ctx, u)
		if err != nil {
			return err
		}
		ds := src.Dataset()
		err = src.DryRun(w, request(opt, bind(opt.Map, ds)))
		src.Close()
		if err != nil {
			return err
		}
	}
	return nil
}
