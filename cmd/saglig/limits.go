package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint"
	"github.com/saglig/saglig/lint/dataset"
	"github.com/spf13/pflag"
)

// limitFlags are the flags that raise (or lower) the limits on what one
// file may make saglig do (dataset.Limits, docs/cli.md).
type limitFlags struct {
	footerSize, pageSize string
	depth, columns       int
	ratio                int
	timeout              time.Duration
}

// sizeFlag writes a default size as the flags take it: 64MiB.
func sizeFlag(n int64) string { return strings.ReplaceAll(dataset.Bytes(n), " ", "") }

func addLimitFlags(f *pflag.FlagSet, l *limitFlags) {
	f.StringVar(&l.footerSize, "max-footer-size", sizeFlag(dataset.DefaultMaxFooterSize), i18n.N("largest Parquet footer, Arrow IPC footer or message metadata to read"))
	f.IntVar(&l.depth, "max-schema-depth", dataset.DefaultMaxSchemaDepth, i18n.N("deepest nesting of groups, structs, lists and maps in a file's schema"))
	f.IntVar(&l.columns, "max-columns", dataset.DefaultMaxColumns, i18n.N("most fields in a file's schema"))
	f.StringVar(&l.pageSize, "max-page-size", sizeFlag(dataset.DefaultMaxPageSize), i18n.N("largest Parquet page or Arrow IPC buffer, compressed or decompressed"))
	f.IntVar(&l.ratio, "max-decompression-ratio", dataset.DefaultMaxDecompressionRatio, i18n.N("most times a page or buffer over 1MiB may grow when decompressed"))
	f.DurationVar(&l.timeout, "file-timeout", dataset.DefaultFileTimeout, i18n.N("longest time spent opening one file, and again scanning it"))
}

// limits reads the flags; each must be positive.
func (l limitFlags) limits() (dataset.Limits, error) {
	footer, err := parseSize(l.footerSize)
	if err != nil {
		return dataset.Limits{}, i18n.Errorf("--max-footer-size: %v", err)
	}
	page, err := parseSize(l.pageSize)
	if err != nil {
		return dataset.Limits{}, i18n.Errorf("--max-page-size: %v", err)
	}
	for _, v := range []struct {
		flag string
		n    int64
	}{{"--max-schema-depth", int64(l.depth)}, {"--max-columns", int64(l.columns)},
		{"--max-decompression-ratio", int64(l.ratio)}, {"--file-timeout", int64(l.timeout)}} {
		if v.n <= 0 {
			return dataset.Limits{}, i18n.Errorf("%s must be positive", v.flag)
		}
	}
	return dataset.Limits{MaxFooterSize: footer, MaxSchemaDepth: l.depth, MaxColumns: l.columns,
		MaxPageSize: page, MaxDecompressionRatio: l.ratio, FileTimeout: l.timeout}, nil
}

// errReported ends a run whose errors are already on stderr: exit 2, with
// nothing more printed.
var errReported = errors.New("errors reported")

// printFileErrors prints each file that could not be read as one line on
// stderr in tr's language, as run prints an error.
func printFileErrors(w io.Writer, tr *i18n.Printer, errs []lint.FileError) {
	for _, e := range errs {
		fmt.Fprintln(w, "saglig: "+e.Line(tr))
	}
}
