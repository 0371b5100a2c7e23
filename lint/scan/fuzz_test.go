package scan

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/saglig/saglig/internal/testfiles"
	"github.com/saglig/saglig/lint/dataset"
)

// The scan's fuzz targets open the fuzzed bytes as saglig does and, if
// they open, scan them under small limits: decoders run here, page by
// page, not when the file is opened. The result must be a measurement of
// every row, or FileErrors naming the file on one line; never a panic, a
// hang or another error. The seed corpora in testdata/fuzz/<target>/ are
// copies of lint/dataset's (small valid files of the interoperability
// matrix); TestScanFuzzSeeds checks that each scans.

func FuzzScanParquet(f *testing.F) { fuzzScan(f, ".parquet") }

func FuzzScanArrowFile(f *testing.F) { fuzzScan(f, ".arrow") }

func FuzzScanArrowStream(f *testing.F) { fuzzScan(f, ".arrows") }

// fuzzLimits are small, so that what a fuzzed header claims is refused
// early rather than allocated.
var fuzzLimits = dataset.Limits{
	MaxFooterSize: 1 << 20,
	MaxColumns:    200,
	MaxPageSize:   4 << 20,
	FileTimeout:   10 * time.Second,
}

func fuzzScan(f *testing.F, ext string) {
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "fuzz"+ext)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := scanFile(path, fuzzLimits); err != nil {
			t.Fatal(err)
		}
	})
}

// scanFile opens and scans the file at path, every column profiled and
// the others associated with the first, and reports what is not a sound
// outcome.
func scanFile(path string, lim dataset.Limits) error {
	ds, err := dataset.Open(path, dataset.Options{Limits: lim})
	if err != nil {
		return nil // lint/dataset's fuzz targets check these errors
	}
	req := Request{Limits: lim, Workers: 2, Memory: 32 << 20}
	if len(ds.Columns) > 1 {
		req.Protected = []string{ds.Columns[0].Path}
		for _, c := range ds.Columns[1:] {
			req.Inputs = append(req.Inputs, c.Path)
		}
	}
	res, err := New().Profile(context.Background(), ds, req)
	var fe FileErrors
	switch {
	case errors.As(err, &fe):
		if len(fe) != 1 || fe[0].Path != path {
			return fmt.Errorf("file errors %v, want one naming %s", fe, path)
		}
		if msg := fe[0].Error(); !strings.HasPrefix(msg, path+": ") || strings.ContainsAny(msg, "\r\n") {
			return fmt.Errorf("not one line naming the file: %q", msg)
		}
		return nil
	case err != nil:
		return fmt.Errorf("error %T %v, want FileErrors", err, err)
	case res.Rows != ds.Rows:
		return fmt.Errorf("scanned %d rows of %d", res.Rows, ds.Rows)
	}
	return nil
}

// TestScanFuzzSeeds scans every seed of the scan's fuzz corpora: each is a
// valid file, read without error.
func TestScanFuzzSeeds(t *testing.T) {
	for target, ext := range map[string]string{"FuzzScanParquet": ".parquet", "FuzzScanArrowFile": ".arrow", "FuzzScanArrowStream": ".arrows"} {
		seeds, err := filepath.Glob(filepath.Join("testdata", "fuzz", target, "*"))
		if err != nil || len(seeds) == 0 {
			t.Fatalf("%s: no seed corpus (%v)", target, err)
		}
		for _, s := range seeds {
			raw, err := os.ReadFile(s)
			if err != nil {
				t.Fatal(err)
			}
			data, err := testfiles.DecodeSeed(raw)
			if err != nil {
				t.Fatalf("%s: %v", s, err)
			}
			path := filepath.Join(t.TempDir(), "seed"+ext)
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			// A seed copied from lint/dataset is a valid file; an input the
			// fuzzer found (named by its hash) need not open.
			if _, err := dataset.Open(path, dataset.Options{}); err != nil && !fuzzerFound.MatchString(filepath.Base(s)) {
				t.Errorf("%s: the seed is not a valid file: %v", s, err)
			}
			if err := scanFile(path, fuzzLimits); err != nil {
				t.Errorf("%s: %v", s, err)
			}
		}
	}
}

// fuzzerFound matches the names the fuzzer gives the inputs it keeps.
var fuzzerFound = regexp.MustCompile(`^[0-9a-f]{16,}$`)
