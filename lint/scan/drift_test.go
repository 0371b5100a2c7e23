package scan

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saglig/saglig/lint/dataset"
)

// TestSchemaDrift scans a directory whose older partition has int32 and
// float columns, a newer one int64 and double columns and one more column,
// and a third that holds text where the others hold numbers: the first two
// are read together, widened (int64, float64, the new column null in the
// old file), and the third is left out with an error that names it.
func TestSchemaDrift(t *testing.T) {
	dir := t.TempDir()
	type oldRow struct {
		Age   int32   `parquet:"age"`
		Score float32 `parquet:"score"`
	}
	type newRow struct {
		Age   int64   `parquet:"age"`
		Score float64 `parquet:"score"`
		Code  int16   `parquet:"code"`
	}
	type badRow struct {
		Age string `parquet:"age"`
	}
	old := make([]oldRow, 300)
	for i := range old {
		old[i] = oldRow{Age: int32(20 + i%10), Score: float32(i%4) / 2}
	}
	young := make([]newRow, 200)
	for i := range young {
		young[i] = newRow{Age: int64(30 + i%10), Score: float64(i % 3), Code: int16(i % 5)}
	}
	for _, y := range []string{"year=2023", "year=2024", "year=2025"} {
		if err := os.MkdirAll(filepath.Join(dir, y), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	writeParquet(t, filepath.Join(dir, "year=2023", "part.parquet"), old, 100)
	writeParquet(t, filepath.Join(dir, "year=2024", "part.parquet"), young, 100)
	bad := filepath.Join(dir, "year=2025", "part.parquet")
	writeParquet(t, bad, []badRow{{"old"}}, 10)

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
