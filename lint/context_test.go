package lint_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/saglig/saglig/lint"
)

// TestCareRecordContext: lint classifies the dataset as a whole. Columns
// the map declares health make it a record of health care, so an
// undeclared visit date is inferred health with the table as the reason;
// a column the map declares keeps its category and is not contradicted
// (SAG105); without the declarations the visit date says nothing.
func TestCareRecordContext(t *testing.T) {
	type row struct {
		C1        string `parquet:"c1"`
		C2        string `parquet:"c2"`
		C3        string `parquet:"c3"`
		VisitDate string `parquet:"visit_date"`
		Ward      string `parquet:"ward"`
		Score     int32  `parquet:"score"`
	}
	rows := make([]row, 50)
	for i := range rows {
		rows[i] = row{C1: "a", C2: "b", C3: "c", VisitDate: "2024-01-02", Ward: "W1", Score: int32(i % 7)}
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "care.parquet")
	if err := parquet.WriteFile(path, rows); err != nil {
		t.Fatal(err)
	}
	columns := func(features string) map[string]lint.ColumnSummary {
		t.Helper()
		m := rankingMap(t, dir, features)
		res, err := lint.Run(context.Background(), lint.Options{Map: m, Paths: []string{path}, Today: today, SchemaOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range res.Findings {
			if f.Rule == "SAG105" && f.Column == "ward" {
				t.Errorf("the table's context contradicts a declaration: %s", f.Message)
			}
		}
		out := map[string]lint.ColumnSummary{}
		for _, c := range res.Datasets[0].Columns {
			out[c.Path] = c
		}
		return out
	}
	cols := columns(`
  c1: {source: register, context: health, category: health}
  c2: {source: register, context: health, category: health}
  c3: {source: register, context: health, category: health}
  visit_date: {source: register, context: health}
  ward: {source: register, context: health, category: other}
  score: {source: survey, context: employment, category: other}
`)
	if c := cols["visit_date"]; c.Inferred != "health" || !strings.Contains(c.Explanation.String(), "part of a record of health care: 3 of 6 columns are health data") {
		t.Errorf("visit_date in a table of declared health data: inferred %q (%s)", c.Inferred, c.Explanation)
	}
	if c := cols["ward"]; c.Category != "other" || !c.CategoryDeclared || strings.Contains(c.Explanation.String(), "record of health care") {
		t.Errorf("ward declared other: category %q, declared %v (%s)", c.Category, c.CategoryDeclared, c.Explanation)
	}
	cols = columns(`
  c1: {source: register, context: health}
  c2: {source: register, context: health}
  c3: {source: register, context: health}
  visit_date: {source: register, context: health}
  ward: {source: register, context: health, category: other}
  score: {source: survey, context: employment, category: other}
`)
	if c := cols["visit_date"]; c.Inferred != "" {
		t.Errorf("visit_date without a care record: inferred %q (%s)", c.Inferred, c.Explanation)
	}
}
