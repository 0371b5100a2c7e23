package scan

import (
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/saglig/saglig/internal/testfiles"
	"github.com/saglig/saglig/lint/dataset"
)

// TestSchemaDrift scans a directory whose older partition has int32 and
// float columns, a newer one int64 and double columns and one more column,
// and a third that holds text where the others hold numbers: the first two
// are read together, widened (int64, float64, the new column null in the
// old file), and the third is left out with an error that names it.
func TestSchemaDrift(t *testing.T) {
	dir := t.TempDir()
	bad, err := testfiles.WriteDriftedLake(dir, parquet.MaxRowsPerRowGroup(100))
	if err != nil {
		t.Fatal(err)
	}

	dss, errs := dataset.OpenEach([]string{dir}, dataset.Options{})
	if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), bad+": left out of ") ||
		!strings.Contains(errs[0].Error(), `column "age" is string here but int64 in `) {
		t.Fatalf("errors %v, want one leaving out %s", errs, bad)
	}
	if len(dss) != 1 || len(dss[0].Files) != 2 {
		t.Fatalf("datasets %v", dss)
	}
	ds := dss[0]
	for path, want := range map[string]string{"age": "int64", "score": "float64", "code": "int16"} {
		if c := ds.Column(path); c == nil || c.Type != want {
			t.Errorf("column %s: %+v, want %s", path, c, want)
		}
	}
	res := profile(t, ds, Request{Inputs: []string{"age"}, Protected: []string{"score"}})
	if res.Rows != 500 {
		t.Fatalf("rows %d", res.Rows)
	}
	age := res.Profiles["age"]
	if age.Nulls != 0 || age.Distinct != 20 || age.Min != "20" || age.Max != "39" {
		t.Errorf("age: %+v", *age)
	}
	score := res.Profiles["score"]
	if score.Nulls != 0 || score.Distinct != 5 || score.Min != "0" || score.Max != "2" {
		t.Errorf("score: %+v", *score) // 0, 0.5, 1, 1.5 and 0, 1, 2
	}
	if code := res.Profiles["code"]; code.Nulls != 300 || code.Distinct != 5 {
		t.Errorf("code: %+v", *code)
	}
	if as := association(t, res, "age", "score"); as.N != 500 {
		t.Errorf("age × score over %d rows, want 500", as.N)
	}
}
