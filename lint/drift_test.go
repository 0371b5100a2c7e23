package lint_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saglig/saglig/internal/testfiles"
	"github.com/saglig/saglig/lint"
	"github.com/saglig/saglig/lint/source/objstore/objstoretest"
)

// TestSchemaDriftRun lints a lake-like directory whose partitions drifted
// (issue 13, item 5), on local disk and as a copy in a store: the older
// partition's int32 and float columns are widened to the newer one's
// int64 and double, a column missing from it is null there, and the
// partition that holds text where the others hold numbers is the one file
// left out — the run's errors name it and its column, the dataset counts
// the two files and 500 rows read, and the result is the same wherever
// the files lie.
func TestSchemaDriftRun(t *testing.T) {
	dir := t.TempDir()
	bad, err := testfiles.WriteDriftedLake(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := rankingMap(t, dir, `
  age: {source: survey, context: employment, category: other}
  score: {source: survey, context: employment, category: other}
  code: {source: survey, context: employment, category: other}
  year: {source: survey, context: employment, category: other}
`)
	remote := objstoretest.Upload(t, dir, "drift", "lake/")
	for _, root := range []string{dir + string(filepath.Separator), remote} {
		t.Run(root, func(t *testing.T) {
			res, err := lint.Run(context.Background(), lint.Options{Map: m, Paths: []string{root}, Today: today})
			if err != nil {
				t.Fatal(err)
			}
			bad := bad
			if strings.HasPrefix(root, objstoretest.Scheme+"://") {
				bad = strings.TrimSuffix(root, "/") + "/year=2025/part.parquet"
			}
			if len(res.Errors) != 1 || res.Errors[0].Path != bad ||
				!strings.Contains(res.Errors[0].Message, `column "age" is string here but int64 in `) {
				t.Fatalf("errors %+v, want one leaving out %s", res.Errors, bad)
			}
			if len(res.Datasets) != 1 {
				t.Fatalf("%d datasets", len(res.Datasets))
			}
			d := res.Datasets[0]
			if d.Files != 2 || d.Rows != 500 {
				t.Errorf("dataset of %d files, %d rows; want 2 and 500", d.Files, d.Rows)
			}
			want := map[string]struct {
				typ   string
				nulls int64
			}{"age": {"int64", 0}, "score": {"float64", 0}, "code": {"int16", 300}}
			for _, c := range d.Columns {
				if w, ok := want[c.Path]; ok {
					if c.Type != w.typ || c.Nulls != w.nulls || c.Rows != 500 {
						t.Errorf("column %s: %s, %d nulls in %d rows; want %s, %d in 500", c.Path, c.Type, c.Nulls, c.Rows, w.typ, w.nulls)
					}
					delete(want, c.Path)
				}
			}
			if len(want) > 0 {
				t.Errorf("columns missing: %v", want)
			}
		})
	}
}
