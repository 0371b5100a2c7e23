package lint

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/diag"
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/dataset"
	"github.com/saglig/saglig/lint/pushdown"
	"github.com/saglig/saglig/lint/rules"
	"github.com/saglig/saglig/lint/scan"
)

// FileError is a file, directory or argument that could not be read. The
// run goes on without it — the other files of its directory and the other
// datasets are linted — and the command exits 2 (docs/cli.md, "Exit codes"), printing
// each on stderr as one line, in the run's language.
type FileError struct {
	// Path names the file, directory or argument; empty when the problem
	// names none.
	Path string `json:"path"`
	// Message says what is wrong, on one line, without the path, in
	// English: JSON keeps one language for tools (In writes it in
	// another).
	Message string `json:"message"`
	// err is what went wrong, without the path, for In.
	err error
}

// String is the error as one line in English: "path: message".
func (e FileError) String() string { return e.Line(i18n.For(i18n.English)) }

// In says what is wrong, on one line, without the path, in tr's language.
func (e FileError) In(tr *i18n.Printer) string {
	if e.err == nil {
		return e.Message
	}
	return diag.OneLine(i18n.Localize(tr, e.err))
}

// Line is the error as one line in tr's language: "path: message".
func (e FileError) Line(tr *i18n.Printer) string {
	if e.Path == "" {
		return e.In(tr)
	}
	return e.Path + ": " + e.In(tr)
}

// fileError turns an error from lint/dataset, lint/scan or lint/pushdown
// into a FileError, splitting off the path a *dataset.Error or the table a
// *pushdown.Error names.
func fileError(err error) FileError {
	var de *dataset.Error
	if errors.As(err, &de) && de.Path != "" && de.Err != nil {
		return newFileError(de.Path, de.Err)
	}
	var te *pushdown.Error
	if errors.As(err, &te) && te.Table != "" && te.Err != nil {
		return newFileError(te.Table, te.Err)
	}
	return newFileError("", err)
}

func newFileError(path string, err error) FileError {
	e := FileError{Path: path, err: err}
	e.Message = e.In(i18n.For(i18n.English))
	return e
}

// sortErrors orders errors by path, so that the output is stable whatever
// the order the files failed in.
func sortErrors(errs []FileError) {
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Path < errs[j].Path })
}

// openEach opens the datasets at paths, going on past those that cannot
// be read and recording their errors.
func openEach(paths []string, opt dataset.Options, errs *[]FileError) []*dataset.Dataset {
	sets, failed := dataset.OpenEach(paths, opt)
	for _, err := range failed {
		*errs = append(*errs, fileError(err))
	}
	return sets
}

// measureEach binds ds's columns to the map and, unless opt.SchemaOnly,
// measures them. A file the scan cannot read is left out of the dataset —
// as if it were not there — its error recorded, and the rest is scanned
// again: the result is that of the readable files, whichever failed and
// however the scan was split. It returns the dataset as measured, or nil
// when none of its files could be read. The error is for a scan that could
// not be done at all (a cancelled context).
func measureEach(ctx context.Context, opt Options, m *featuremap.Map, ds *dataset.Dataset, errs *[]FileError) (*dataset.Dataset, []*rules.Column, *scan.Result, error) {
	for {
		cols := bind(m, ds)
		if opt.SchemaOnly {
			return ds, cols, nil, nil
		}
		measured, err := measure(ctx, opt, ds, cols)
		var table *pushdown.Error
		if errors.As(err, &table) && ctx.Err() == nil {
			// A table its engine could not measure is left out like an
			// unreadable file.
			*errs = append(*errs, fileError(err))
			return nil, nil, nil, nil
		}
		var failed scan.FileErrors
		if !errors.As(err, &failed) {
			if err != nil {
				return nil, nil, nil, err
			}
			return ds, cols, measured, nil
		}
		before := len(ds.Files)
		for _, fe := range failed {
			*errs = append(*errs, fileError(fe))
			next, err := ds.Without(fe.Path)
			if err != nil {
				// The files left do not make a dataset together.
				*errs = append(*errs, fileError(err))
				return nil, nil, nil, nil
			}
			if next == nil {
				return nil, nil, nil, nil
			}
			ds = next
		}
		if len(ds.Files) == before {
			return nil, nil, nil, fmt.Errorf("scan: %v (not a file of %s)", failed, ds.Path)
		}
	}
}
