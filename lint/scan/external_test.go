package scan

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/saglig/saglig/lint/dataset"
)

// externalRow has one column of each kind, each with at most 256 distinct
// values, so that an engine returns every value and ExternalProfile must
// reproduce the scan's profile exactly.
type externalRow struct {
	Small int32     `parquet:"small"`
	Ratio float64   `parquet:"ratio"`
	Name  string    `parquet:"name"`
	Flag  bool      `parquet:"flag"`
	Day   int32     `parquet:"day,date"`
	At    time.Time `parquet:"at,timestamp(microsecond)"`
	Phone int64     `parquet:"phone"`
}

// TestExternalProfile gives ExternalProfile the values an engine would
// return (driver values with their counts, and the minimum and maximum)
// and compares with the scan of the same rows.
func TestExternalProfile(t *testing.T) {
	const n = 600
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	rows := make([]externalRow, n)
	for i := range rows {
		rows[i] = externalRow{
			Small: int32(i%10) * int32(i%3),
			Ratio: float64(i%50) / 4,
			Name:  fmt.Sprintf("n%d", i%40),
			Flag:  i%3 == 0,
			Day:   int32(start.Unix()/86400) + int32(i%7),
			At:    start.Add(time.Duration(i%30) * time.Minute),
			Phone: 20000000 + int64(i%20),
		}
		if i%100 == 99 {
			rows[i].Ratio = math.NaN()
		}
	}
	path := filepath.Join(t.TempDir(), "x.parquet")
	f := writeParquet(t, path, rows, 1000)
	ds := parquetDataset(path, f.Columns, f)
	res := profile(t, ds, Request{})

	// What an engine returns: per column each distinct value (as a
	// driver gives it) with its count, min and max.
	values := map[string]map[any]int64{}
	add := func(col string, v any) {
		if values[col] == nil {
			values[col] = map[any]int64{}
		}
		values[col][v]++
	}
	for _, r := range rows {
		add("small", int64(r.Small))
		if !math.IsNaN(r.Ratio) {
			add("ratio", r.Ratio)
		}
		add("name", r.Name)
		add("flag", r.Flag)
		add("day", time.Unix(int64(r.Day)*86400, 0).UTC())
		add("at", r.At)
		add("phone", r.Phone)
	}
	for _, c := range ds.Columns {
		want := res.Profiles[c.Path]
		m := Measured{Rows: n, Complete: true}
		var nonNull int64
		for v, k := range values[c.Path] {
			m.Values = append(m.Values, DriverValue{Value: v, Count: k})
			nonNull += k
			if m.Min == nil || less(v, m.Min) {
				m.Min = v
			}
			if m.Max == nil || less(m.Max, v) {
				m.Max = v
			}
		}
		if c.Path == "flag" {
			m.Min, m.Max = int64(0), int64(1) // MIN(CAST(b AS INTEGER))
		}
		m.Nulls = n - nonNull
		got, err := ExternalProfile(c, m)
		if err != nil {
			t.Fatal(err)
		}
		if got.Rows != want.Rows || got.Nulls != want.Nulls || got.Distinct != want.Distinct || got.Min != want.Min ||
			got.Max != want.Max || got.Numeric != want.Numeric || got.Kind != want.Kind {
			t.Errorf("%s:\n got %+v\nwant %+v", c.Path, got, want)
		}
		if fmt.Sprint(got.Quantiles) != fmt.Sprint(want.Quantiles) {
			t.Errorf("%s: quantiles %v, want %v", c.Path, got.Quantiles, want.Quantiles)
		}
		if fmt.Sprint(got.Top) != fmt.Sprint(want.Top) {
			t.Errorf("%s: top %v, want %v", c.Path, got.Top, want.Top)
		}
		gs, ws := slices.Clone(got.Sample), slices.Clone(want.Sample)
		slices.Sort(gs)
		slices.Sort(ws)
		if !slices.Equal(gs, ws) {
			t.Errorf("%s: sample %v, want %v", c.Path, gs, ws)
		}
	}
	if res.Profiles["phone"].Min != "" {
		t.Error("the scan shows the minimum of a phone-shaped column")
	}
}

func less(a, b any) bool {
	switch x := a.(type) {
	case int64:
		return x < b.(int64)
	case float64:
		return x < b.(float64)
	case string:
		return x < b.(string)
	case bool:
		return !x && b.(bool)
	case time.Time:
		return x.Before(b.(time.Time))
	}
	return false
}

// TestExternalProfileEstimates: without every value, the engine's
// distinct count and quantiles are taken, and the sample is what it gave.
func TestExternalProfileEstimates(t *testing.T) {
	col := dataset.Column{Path: "indkomst", Type: "float64", ColumnType: dataset.ColumnType{Kind: dataset.KindFloat, Bits: 64}}
	m := Measured{Rows: 1000, Nulls: 10, Distinct: 987, Min: 1.5, Max: 9e5,
		Quantiles: map[string]float64{"p05": 10, "p50": 300, "p95": 8e5},
		Values:    []DriverValue{{Value: 12.25, Count: 1}, {Value: "13.5", Count: 2}, {Value: nil, Count: 3}}}
	p, err := ExternalProfile(col, m)
	if err != nil {
		t.Fatal(err)
	}
	if p.Distinct != 987 || p.Min != "1.5" || p.Max != "900000" || len(p.Quantiles) != 3 || p.Quantiles["p50"] != 300 ||
		!slices.Equal(p.Sample, []string{"12.25", "13.5"}) || p.Top != nil {
		t.Errorf("got %+v", p)
	}
	if _, err := ExternalProfile(col, Measured{Values: []DriverValue{{Value: "Jensen", Count: 1}}}); err == nil {
		t.Error("text in a float column was accepted")
	} else if strings.Contains(err.Error(), "Jensen") {
		t.Errorf("the error prints the value: %v", err)
	}
}
