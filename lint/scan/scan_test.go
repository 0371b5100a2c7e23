package scan

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/saglig/saglig/lint/dataset"
)

func profile(t *testing.T, ds *dataset.Dataset, req Request) *Result {
	t.Helper()
	res, err := New().Profile(context.Background(), ds, req)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// valuesRow has one column per kind of value, with known contents.
type valuesRow struct {
	Small    int32     `parquet:"small"`
	Opt      *int64    `parquet:"opt,optional"`
	Ratio    float64   `parquet:"ratio"`
	Name     string    `parquet:"name"`
	Flag     bool      `parquet:"flag"`
	Day      int32     `parquet:"day,date"`
	At       time.Time `parquet:"at,timestamp(microsecond)"`
	Phone    int64     `parquet:"phone"`
	Category string    `parquet:"category,dict"`
	Big      float64   `parquet:"big"`
}

var valuesColumns = []dataset.Column{
	{Path: "small", Type: "int32"}, {Path: "opt", Type: "int64", Nullable: true}, {Path: "ratio", Type: "double"},
	{Path: "name", Type: "string"}, {Path: "flag", Type: "bool"}, {Path: "day", Type: "date"},
	{Path: "at", Type: "timestamp[us, UTC]"}, {Path: "phone", Type: "int64"}, {Path: "category", Type: "string"},
	{Path: "big", Type: "double"},
}

// TestProfileValues checks each profile figure against the data written.
// Row i (0 ≤ i < 1000): small = i%10, opt = i (null when i%4 = 0), ratio =
// i/4 (NaN when i%100 = 99), name = "n<i%300>", flag = i%3 = 0, day =
// 2024-01-01 + i%7 days, at = 2024-01-01T00:00:00Z + i s, phone =
// 20000000 + i, category = "c<i%5>", big = 1.5·i (2000 distinct values
// counting i up to 1999, a 1% quantile sketch beyond TopCapacity).
func TestProfileValues(t *testing.T) {
	const n = 2000
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	rows := make([]valuesRow, n)
	for i := range rows {
		r := &rows[i]
		r.Small = int32(i % 10)
		if i%4 != 0 {
			v := int64(i)
			r.Opt = &v
		}
		r.Ratio = float64(i) / 4
		if i%100 == 99 {
			r.Ratio = math.NaN()
		}
		r.Name = fmt.Sprintf("n%d", i%300)
		r.Flag = i%3 == 0
		r.Day = int32(start.AddDate(0, 0, i%7).Unix() / 86400)
		r.At = start.Add(time.Duration(i) * time.Second)
		r.Phone = 20_000_000 + int64(i)
		r.Category = fmt.Sprintf("c%d", i%5)
		r.Big = 1.5 * float64(i)
	}
	dir := t.TempDir()
	f := writeParquet(t, filepath.Join(dir, "values.parquet"), rows, 700)
	res := profile(t, parquetDataset(dir, valuesColumns, f), Request{SampleSize: 10})
	if res.Rows != n {
		t.Fatalf("rows = %d, want %d", res.Rows, n)
	}
	tests := []struct {
		col             string
		nulls, distinct int64
		min, max        string
		numeric         bool
		quantiles       map[string]float64
		quantileTol     float64
		top             []ValueCount // the first entries
		sampleLen       int
	}{
		{col: "small", distinct: 10, min: "0", max: "9", numeric: true,
			// p05: rank 0.05·1999 = 99.95 → the 100th value, 0 (200 of each).
			quantiles: map[string]float64{"p05": 0, "p25": 2, "p50": 4, "p75": 7, "p95": 9},
			top:       []ValueCount{{"0", 200}, {"1", 200}}, sampleLen: 10},
		{col: "opt", nulls: 500, distinct: 1500, min: "1", max: "1999", numeric: true,
			// 1500 values 1…1999 without multiples of 4; p50 → rank 749.5 →
			// the 750th: 999 (three of every four integers); within 1%.
			quantiles: map[string]float64{"p50": 999}, quantileTol: 0.01, sampleLen: 10},
		// i = 1999 is NaN, so the largest is 1998/4.
		{col: "ratio", nulls: 20, distinct: 1980, min: "0", max: "499.5", numeric: true, sampleLen: 10},
		{col: "name", distinct: 300, sampleLen: 10,
			// Strings have no min or max: they would be raw values.
			top: []ValueCount{{"n0", 7}, {"n1", 7}}},
		{col: "flag", distinct: 2, min: "false", max: "true",
			top: []ValueCount{{"false", 1333}, {"true", 667}}, sampleLen: 2},
		{col: "day", distinct: 7, min: "2024-01-01", max: "2024-01-07", sampleLen: 7},
		{col: "at", distinct: n, min: "2024-01-01T00:00:00Z", max: "2024-01-01T00:33:19Z", sampleLen: 10},
		// Eight-digit integers: phone-shaped, no min, max or quantiles.
		{col: "phone", distinct: n, numeric: true, sampleLen: 10},
		{col: "category", distinct: 5, top: []ValueCount{{"c0", 400}, {"c1", 400}, {"c2", 400}}, sampleLen: 5},
		{col: "big", distinct: n, min: "0", max: "2998.5", numeric: true,
			quantiles: map[string]float64{"p25": 1.5 * 500, "p75": 1.5 * 1499}, quantileTol: 0.01, sampleLen: 10},
	}
	for _, tt := range tests {
		t.Run(tt.col, func(t *testing.T) {
			p := res.Profiles[tt.col]
			if p == nil {
				t.Fatalf("no profile")
			}
			if p.Rows != n || p.Nulls != tt.nulls {
				t.Errorf("rows, nulls = %d, %d; want %d, %d", p.Rows, p.Nulls, n, tt.nulls)
			}
			// Exact up to TopCapacity distinct values; a HyperLogLog
			// estimate (±3%) beyond.
			if tol := float64(tt.distinct) * 0.03; math.Abs(float64(p.Distinct-tt.distinct)) > tol {
				t.Errorf("distinct = %d, want %d", p.Distinct, tt.distinct)
			}
			if tt.distinct <= TopCapacity && p.Distinct != tt.distinct {
				t.Errorf("distinct = %d, want exactly %d", p.Distinct, tt.distinct)
			}
			if p.Min != tt.min || p.Max != tt.max {
				t.Errorf("min, max = %q, %q; want %q, %q", p.Min, p.Max, tt.min, tt.max)
			}
			if p.Numeric != tt.numeric {
				t.Errorf("numeric = %v", p.Numeric)
			}
			for k, want := range tt.quantiles {
				got, ok := p.Quantiles[k]
				if !ok || math.Abs(got-want) > tt.quantileTol*math.Abs(want) {
					t.Errorf("%s = %v (present %v), want %v", k, got, ok, want)
				}
			}
			if tt.numeric && tt.min != "" && len(p.Quantiles) != 5 {
				t.Errorf("quantiles = %v, want p05…p95", p.Quantiles)
			}
			if tt.min == "" && len(p.Quantiles) != 0 {
				t.Errorf("quantiles = %v, want none", p.Quantiles)
			}
			if len(p.Top) < len(tt.top) || !slices.Equal(p.Top[:len(tt.top)], tt.top) {
				t.Errorf("top = %v, want it to start with %v", p.Top[:min(len(p.Top), 3)], tt.top)
			}
			if len(p.Sample) != tt.sampleLen {
				t.Errorf("sample has %d values, want %d", len(p.Sample), tt.sampleLen)
			}
		})
	}
}

// proxyRow is the data of the proxy test.
type proxyRow struct {
	Postnr    int32  `parquet:"postnr"`
	Origin    string `parquet:"origin,dict"`
	Sex       string `parquet:"sex,dict"`
	Income    int64  `parquet:"income"`
	IncomeTxt string `parquet:"income_txt"`
	Code      int32  `parquet:"occupation"`
}

var proxyColumns = []dataset.Column{
	{Path: "postnr", Type: "int32"}, {Path: "origin", Type: "string"}, {Path: "sex", Type: "string"},
	{Path: "income", Type: "int64"}, {Path: "income_txt", Type: "string"}, {Path: "occupation", Type: "int32"},
}

// genProxy makes n rows: origin uniform over three groups; postcode one of
// 60, drawn from the origin's own 20 with probability track (else any);
// income uniform over 600,000 values and independent of everything;
// occupation a 3-digit code with 150 values, independent.
func genProxy(seed uint64, n int, track float64) []proxyRow {
	r := rand.New(rand.NewPCG(seed, 99))
	rows := make([]proxyRow, n)
	for i := range rows {
		o := r.IntN(3)
		pc := 2000 + o*20 + r.IntN(20)
		if r.Float64() >= track {
			pc = 2000 + r.IntN(60)
		}
		inc := int64(100_000 + r.IntN(600_000))
		rows[i] = proxyRow{Postnr: int32(pc), Origin: origins[o], Sex: []string{"M", "K"}[r.IntN(2)],
			Income: inc, IncomeTxt: strconv.FormatInt(inc, 10), Code: int32(100 + 5*r.IntN(150))}
	}
	return rows
}

func association(t *testing.T, res *Result, in, prot string) Association {
	t.Helper()
	for _, a := range res.Associations {
		if a.Input == in && a.Protected == prot {
			return a
		}
	}
	t.Fatalf("no association %s × %s in %v", in, prot, res.Associations)
	return Association{}
}

// TestAssociationProxy is the proxy test: an independent income with
// 600,000 possible values, as text (categorical, bounded to hash buckets)
// and as a number (correlation ratio), is not associated with origin,
// while a 60-value postcode that tracks origin is.
func TestAssociationProxy(t *testing.T) {
	dir := t.TempDir()
	f := writeParquet(t, filepath.Join(dir, "proxy.parquet"), genProxy(1, 200_000, 0.8), 50_000)
	ds := parquetDataset(dir, proxyColumns, f)
	res := profile(t, ds, Request{Inputs: []string{"postnr", "income", "income_txt", "occupation"}, Protected: []string{"origin", "sex"}})
	if len(res.Associations) != 8 {
		t.Fatalf("%d associations, want 8", len(res.Associations))
	}
	tests := []struct {
		in, prot string
		measure  string
		lo, hi   float64
		levels   int
		bounded  bool
		maxP     float64 // the p-value is at most this (−1: at least 0.001)
	}{
		{"postnr", "origin", "cramers_v", 0.5, 1, 60, false, 1e-12},
		{"postnr", "sex", "cramers_v", 0, 0.1, 60, false, -1},
		{"income_txt", "origin", "cramers_v", 0, 0.1, MaxInputLevels, true, -1},
		{"income_txt", "sex", "cramers_v", 0, 0.1, MaxInputLevels, true, -1},
		{"income", "origin", "correlation_ratio", 0, 0.1, -1, true, -1},
		{"income", "sex", "correlation_ratio", 0, 0.1, -1, true, -1},
		// A 3-digit integer column with 150 values is a code: categorical.
		{"occupation", "origin", "cramers_v", 0, 0.1, 150, false, -1},
	}
	for _, tt := range tests {
		t.Run(tt.in+"×"+tt.prot, func(t *testing.T) {
			a := association(t, res, tt.in, tt.prot)
			t.Logf("%+v", a)
			if a.Measure != tt.measure {
				t.Errorf("measure %s, want %s", a.Measure, tt.measure)
			}
			if a.Value < tt.lo || a.Value > tt.hi {
				t.Errorf("value %.4f, want in [%g, %g]", a.Value, tt.lo, tt.hi)
			}
			if a.N != 200_000 {
				t.Errorf("n = %d", a.N)
			}
			if tt.levels > 0 && a.InputLevels != tt.levels {
				t.Errorf("input levels %d, want %d", a.InputLevels, tt.levels)
			}
			if a.Bounded != tt.bounded {
				t.Errorf("bounded = %v", a.Bounded)
			}
			if tt.maxP >= 0 && a.PValue > tt.maxP {
				t.Errorf("p = %g, want ≤ %g", a.PValue, tt.maxP)
			}
			if tt.maxP < 0 && a.PValue < 0.001 {
				t.Errorf("p = %g for independent columns", a.PValue)
			}
		})
	}
	// On a sparse table — 3,000 rows over a 600,000-valued text income —
	// the naive V is biased far upward; the corrected V is not.
	small := writeParquet(t, filepath.Join(t.TempDir(), "small.parquet"), genProxy(2, 3000, 0.8), 1000)
	res = profile(t, parquetDataset(filepath.Dir(small.Path), proxyColumns, small),
		Request{Inputs: []string{"income_txt", "postnr"}, Protected: []string{"origin"}})
	a := association(t, res, "income_txt", "origin")
	t.Logf("sparse: %+v", a)
	if a.NaiveV < 0.5 || a.Value > 0.1 {
		t.Errorf("sparse table: naive V %.3f (want > 0.5), corrected V %.3f (want < 0.1)", a.NaiveV, a.Value)
	}
	if p := association(t, res, "postnr", "origin"); p.Value < 0.5 {
		t.Errorf("sparse table: the postcode proxy's V is %.3f, want > 0.5", p.Value)
	}
}

// TestInvariance checks that the answer does not depend on the number of
// workers nor on how the rows are split into files and row groups.
func TestInvariance(t *testing.T) {
	const n = 60_000
	dir := t.TempDir()
	one := writeCitizens(t, filepath.Join(dir, "one"), 7, n, 1, 10_000)
	three := writeCitizens(t, filepath.Join(dir, "three"), 7, n, 3, 7_000)
	run := func(ds *dataset.Dataset, workers int) *Result {
		req := citizenRequest()
		req.Workers = workers
		return profile(t, ds, req)
	}
	base := run(one, 1)
	if base.Rows != n || len(base.Associations) != 66 || base.Period == nil || base.Reidentification == nil || base.Reidentification.Rows != n {
		t.Fatalf("rows %d, %d associations, period %v, re-identification %+v", base.Rows, len(base.Associations), base.Period, base.Reidentification)
	}
	// The joint model was fitted on a sample of the rows, not all of them,
	// so that the comparison below covers the sample's choice of rows.
	if len(base.Joint) == 0 {
		t.Fatal("no joint model")
	}
	for _, j := range base.Joint {
		if len(j.Classes) == 0 || j.SampledShare >= 0.5 {
			t.Fatalf("joint model of %s: %d classes on %.0f%% of the rows, want classes on a sample", j.Protected, len(j.Classes), 100*j.SampledShare)
		}
	}
	for _, tc := range []struct {
		name  string
		ds    *dataset.Dataset
		w     int
		split bool
	}{
		{"one file, 4 workers", one, 4, false},
		{"three files, 1 worker", three, 1, true},
		{"three files, 4 workers", three, 4, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := run(tc.ds, tc.w)
			if !tc.split {
				// Same pieces, merged in the same order: identical, the
				// joint sample and the models fitted on it included.
				if !reflect.DeepEqual(got, base) {
					t.Fatalf("result differs from one worker")
				}
				return
			}
			if got.Rows != base.Rows || !reflect.DeepEqual(got.Period, base.Period) {
				t.Errorf("rows %d period %+v; want %d %+v", got.Rows, got.Period, base.Rows, base.Period)
			}
			if !reflect.DeepEqual(got.Reidentification, base.Reidentification) {
				t.Errorf("re-identification %+v; want %+v", got.Reidentification, base.Reidentification)
			}
			for col, bp := range base.Profiles {
				if gp := got.Profiles[col]; !sameProfile(gp, bp) {
					t.Errorf("%s: profile differs:\n got %+v\nwant %+v", col, *gp, *bp)
				}
			}
			for i, ba := range base.Associations {
				if ga := got.Associations[i]; !sameAssociation(ga, ba) {
					t.Errorf("association differs:\n got %+v\nwant %+v", ga, ba)
				}
			}
		})
	}
}

// sameProfile compares profiles of the same data split differently: equal
// in everything but the heavy hitters of a column with more distinct values
// than counters, estimates whose error depends on the split (lint/stats
// tests their bounds).
func sameProfile(a, b *Profile) bool {
	if a == nil || b == nil {
		return a == b
	}
	x, y := *a, *b
	if x.Distinct > TopCapacity {
		x.Top, y.Top = nil, nil
	}
	return reflect.DeepEqual(x, y)
}

// sameAssociation compares associations of the same data split
// differently: identical, but for η and its p-value, which come from
// floating-point moments and are equal up to rounding.
func sameAssociation(a, b Association) bool {
	near := func(x, y *float64) bool {
		if math.Abs(*x-*y) > 1e-9 {
			return false
		}
		*x = *y
		return true
	}
	if a.Measure == "correlation_ratio" {
		if !near(&a.Value, &b.Value) || !near(&a.PValue, &b.PValue) {
			return false
		}
	}
	if a.Classical != nil && b.Classical != nil && a.Classical.Measure == "correlation_ratio" {
		ac, bc := *a.Classical, *b.Classical
		if !near(&ac.Value, &bc.Value) || !near(&ac.PValue, &bc.PValue) {
			return false
		}
		a.Classical, b.Classical = &ac, &bc
	}
	return reflect.DeepEqual(a, b)
}

// periodRow observes subject i at day i%7 and, for 3 in 4 subjects, again
// i%50 days later, with the same instant written four ways.
type periodRow struct {
	ID      string    `parquet:"id"`
	Day     int32     `parquet:"day,date"`
	At      time.Time `parquet:"at,timestamp(millisecond)"`
	ISO     string    `parquet:"iso"`
	Epoch   int64     `parquet:"epoch"`
	Compact int32     `parquet:"compact"`
}

func TestPeriod(t *testing.T) {
	start := time.Date(2023, 3, 1, 0, 0, 0, 0, time.UTC)
	var rows []periodRow
	var spans []float64
	for i := range 2000 {
		days := []int{i % 7}
		if i%4 != 0 {
			days = append(days, i%7+i%50)
			spans = append(spans, float64(i%50))
		} else {
			spans = append(spans, 0)
		}
		for _, d := range days {
			tm := start.AddDate(0, 0, d)
			rows = append(rows, periodRow{ID: fmt.Sprintf("s%d", i), Day: int32(tm.Unix() / 86400), At: tm,
				ISO: tm.Format(time.RFC3339), Epoch: tm.Unix(), Compact: int32(tm.Year()*10000 + int(tm.Month())*100 + tm.Day())})
		}
	}
	// Shuffle, so that a subject's observations are far apart.
	r := rand.New(rand.NewPCG(3, 3))
	r.Shuffle(len(rows), func(i, j int) { rows[i], rows[j] = rows[j], rows[i] })
	dir := t.TempDir()
	f := writeParquet(t, filepath.Join(dir, "period.parquet"), rows, 1000)
	cols := []dataset.Column{{Path: "id", Type: "string"}, {Path: "day", Type: "date"}, {Path: "at", Type: "timestamp[ms, UTC]"},
		{Path: "iso", Type: "string"}, {Path: "epoch", Type: "int64"}, {Path: "compact", Type: "int32"}}
	ds := parquetDataset(dir, cols, f)
	slices.Sort(spans)
	want := map[string]float64{"min": 0, "max": 49}
	for name, p := range map[string]float64{"p25": 0.25, "p50": 0.5, "p75": 0.75, "p90": 0.9} {
		h := p * float64(len(spans)-1)
		lo := int(h)
		want[name] = spans[lo] + (h-float64(lo))*(spans[lo+1]-spans[lo])
	}
	for _, ts := range []string{"day", "at", "iso", "epoch", "compact"} {
		t.Run(ts, func(t *testing.T) {
			res := profile(t, ds, Request{Columns: []string{}, ID: "id", Timestamp: ts})
			per := res.Period
			if per == nil {
				t.Fatal("no period")
			}
			if per.Subjects != 2000 || per.SampledShare != 1 || per.MultiObs != 0.75 {
				t.Errorf("subjects %d share %g multi %g; want 2000 1 0.75", per.Subjects, per.SampledShare, per.MultiObs)
			}
			if !reflect.DeepEqual(per.SpanDays, want) {
				t.Errorf("span days %v, want %v", per.SpanDays, want)
			}
		})
	}
	// A budget too small for every subject samples them by hash.
	res := profile(t, ds, Request{Columns: []string{}, ID: "id", Timestamp: "day", Memory: 1 << 20})
	per := res.Period
	if per.SampledShare >= 1 || per.Subjects > 1024 {
		t.Fatalf("sampled %d subjects, share %g", per.Subjects, per.SampledShare)
	}
	if exp := 2000 * per.SampledShare; math.Abs(float64(per.Subjects)-exp) > 4*math.Sqrt(exp) {
		t.Errorf("sampled %d subjects, expected about %.0f", per.Subjects, exp)
	}
	if math.Abs(per.MultiObs-0.75) > 0.1 {
		t.Errorf("sampled multi-observation share %g, want about 0.75", per.MultiObs)
	}
	// Without both ID and Timestamp there is no period.
	if res := profile(t, ds, Request{Columns: []string{}, ID: "id"}); res.Period != nil {
		t.Errorf("period without a timestamp: %+v", res.Period)
	}
}

// reidRow is a person observed once or more, with quasi-identifiers.
type reidRow struct {
	ID   string `parquet:"id"`
	Age  int32  `parquet:"age"`
	Post *int32 `parquet:"post,optional"`
	Sex  string `parquet:"sex,dict"`
}

// TestReidentification checks the classes of the quasi-identifiers against
// a count of the same rows in a Go map: by distinct subjects with an id, by
// rows without, a null a value of its own; and a small budget samples the
// classes by hash.
func TestReidentification(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	var rows []reidRow
	for i := range 3000 {
		post := int32(1000 + r.IntN(40))
		p := &post
		if i%97 == 0 {
			p = nil
		}
		row := reidRow{ID: fmt.Sprintf("p%d", i), Age: int32(18 + r.IntN(50)), Post: p, Sex: []string{"K", "M"}[r.IntN(2)]}
		for range 1 + i%3 { // each person observed 1 to 3 times
			rows = append(rows, row)
		}
	}
	r.Shuffle(len(rows), func(i, j int) { rows[i], rows[j] = rows[j], rows[i] })
	dir := t.TempDir()
	f := writeParquet(t, filepath.Join(dir, "reid.parquet"), rows, 2500)
	cols := []dataset.Column{{Path: "id", Type: "string"}, {Path: "age", Type: "int32"}, {Path: "post", Type: "int32", Nullable: true}, {Path: "sex", Type: "string"}}
	ds := parquetDataset(dir, cols, f)

	type key struct {
		age  int32
		post int32
		null bool
		sex  string
	}
	want := func(bySubject bool) []int64 {
		subjects, rowsOf := map[key]map[string]bool{}, map[key]int64{}
		for _, x := range rows {
			k := key{age: x.Age, sex: x.Sex, null: x.Post == nil}
			if x.Post != nil {
				k.post = *x.Post
			}
			if subjects[k] == nil {
				subjects[k] = map[string]bool{}
			}
			subjects[k][x.ID] = true
			rowsOf[k]++
		}
		out := make([]int64, MaxClassSize)
		for k, n := range rowsOf {
			size := n
			if bySubject {
				size = int64(len(subjects[k]))
			}
			if size <= MaxClassSize {
				out[size-1] += n
			}
		}
		return out
	}
	for _, tt := range []struct {
		name string
		req  Request
		by   bool
	}{
		{"by subject", Request{Columns: []string{}, ID: "id", QuasiIDs: []string{"sex", "age", "post"}}, true},
		{"by row", Request{Columns: []string{}, QuasiIDs: []string{"age", "post", "sex"}}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := profile(t, ds, tt.req).Reidentification
			if res == nil {
				t.Fatal("no re-identification measured")
			}
			if res.BySubject != tt.by || res.SampledShare != 1 || res.Rows != int64(len(rows)) ||
				strings.Join(res.Columns, ",") != "age,post,sex" {
				t.Errorf("by subject %v, share %g, rows %d, columns %v", res.BySubject, res.SampledShare, res.Rows, res.Columns)
			}
			w := want(tt.by)
			if full := append(slices.Clone(res.RowsBySize), make([]int64, MaxClassSize-len(res.RowsBySize))...); !slices.Equal(full, w) {
				t.Errorf("rows by class size\n got %v\nwant %v", full[:10], w[:10])
			}
			if res.ShareBelow(2) != float64(res.RowsBySize[0])/float64(len(rows)) {
				t.Errorf("ShareBelow(2) = %g", res.ShareBelow(2))
			}
		})
	}
	// A budget too small for every class samples them by hash; the shares
	// stay close.
	exact := profile(t, ds, Request{Columns: []string{}, ID: "id", QuasiIDs: []string{"age", "post", "sex"}}).Reidentification
	small := profile(t, ds, Request{Columns: []string{}, ID: "id", QuasiIDs: []string{"age", "post", "sex"}, Memory: 1 << 20}).Reidentification
	if small.SampledShare >= 1 {
		t.Fatalf("not sampled: share %g", small.SampledShare)
	}
	if d := math.Abs(small.ShareBelow(5) - exact.ShareBelow(5)); d > 0.1 {
		t.Errorf("sampled share below 5: %g, exact %g", small.ShareBelow(5), exact.ShareBelow(5))
	}
	// Without quasi-identifiers nothing is measured; an unknown one is an error.
	if res := profile(t, ds, Request{Columns: []string{}, ID: "id"}); res.Reidentification != nil {
		t.Errorf("measured without quasi-identifiers: %+v", res.Reidentification)
	}
	if _, err := New().Profile(context.Background(), ds, Request{QuasiIDs: []string{"nope"}}); err == nil {
		t.Error("an unknown quasi-identifier was accepted")
	}
}

func TestIsCode(t *testing.T) {
	tests := []struct {
		name string
		p    *Profile
		want bool
	}{
		{"postnr", &Profile{Type: "int32", Kind: dataset.KindInt, Numeric: true, Distinct: 1100, Min: "1000", Max: "9990"}, true},
		{"address.zip_code", &Profile{Type: "int64", Kind: dataset.KindInt, Numeric: true, Distinct: 40, Min: "10", Max: "99999"}, true},
		{"kommunekode", &Profile{Type: "int16", Kind: dataset.KindInt, Numeric: true, Distinct: 98, Min: "101", Max: "860"}, true},
		{"disco", &Profile{Type: "int32", Kind: dataset.KindInt, Numeric: true, Distinct: 150, Min: "100", Max: "9999"}, true},
		// Too many distinct values to be a code, whatever the name.
		{"postnr", &Profile{Type: "int32", Kind: dataset.KindInt, Numeric: true, Distinct: 2001, Min: "1000", Max: "9999"}, false},
		// 3–4 digit values but many of them: an amount, not a code.
		{"beloeb", &Profile{Type: "int32", Kind: dataset.KindInt, Numeric: true, Distinct: 900, Min: "100", Max: "9999"}, false},
		{"alder", &Profile{Type: "int32", Kind: dataset.KindInt, Numeric: true, Distinct: 50, Min: "18", Max: "67"}, false},
		{"postnr", &Profile{Type: "double", Kind: dataset.KindFloat, Numeric: true, Distinct: 60, Min: "1000", Max: "9990"}, false},
		{"postnr", &Profile{Type: "string", Kind: dataset.KindString, Numeric: false, Distinct: 60}, false},
		{"postnr", nil, false},
	}
	for _, tt := range tests {
		if got := IsCode(tt.name, tt.p); got != tt.want {
			t.Errorf("IsCode(%q, %+v) = %v, want %v", tt.name, tt.p, got, tt.want)
		}
	}
}

// nestedRow has a list, an optional struct and a map.
type nestedRow struct {
	Tags []string `parquet:"tags,list"`
	Addr *struct {
		Postcode *int32 `parquet:"postcode,optional"`
	} `parquet:"addr,optional"`
	Attrs map[string]int32 `parquet:"attrs"`
	N     int32            `parquet:"n"`
}

// TestParquetNested profiles nested Parquet columns: a list over its
// elements (a row without any is null), a field of an optional struct
// (null when the struct or the field is), a map over its keys.
func TestParquetNested(t *testing.T) {
	const n = 5000
	rows := make([]nestedRow, n)
	for i := range rows {
		r := &rows[i]
		if i%10 != 0 {
			r.Tags = []string{fmt.Sprintf("t%d", i%3), fmt.Sprintf("t%d", i%7)}
		}
		switch {
		case i%50 == 0: // null struct
		case i%50 == 1: // null field
			r.Addr = &struct {
				Postcode *int32 `parquet:"postcode,optional"`
			}{}
		default:
			pc := int32(2000 + i%60)
			r.Addr = &struct {
				Postcode *int32 `parquet:"postcode,optional"`
			}{Postcode: &pc}
		}
		r.Attrs = map[string]int32{fmt.Sprintf("k%d", i%4): int32(i)}
		r.N = int32(i % 9)
	}
	dir := t.TempDir()
	f := writeParquet(t, filepath.Join(dir, "nested.parquet"), rows, 1200)
	cols := []dataset.Column{{Path: "tags", Type: "list<string>"}, {Path: "addr.postcode", Type: "int32", Nullable: true},
		{Path: "attrs", Type: "map<string,int32>"}, {Path: "n", Type: "int32"}}
	res := profile(t, parquetDataset(dir, cols, f), Request{Inputs: []string{"addr.postcode", "tags"}, Protected: []string{"n"}})
	tests := []struct {
		col             string
		nulls, distinct int64
		min, max        string
	}{
		{"tags", 500, 7, "", ""},
		{"addr.postcode", 200, 60, "2000", "2059"},
		{"attrs", 0, 4, "", ""},
		{"n", 0, 9, "0", "8"},
	}
	for _, tt := range tests {
		p := res.Profiles[tt.col]
		if p.Rows != n || p.Nulls != tt.nulls || p.Distinct != tt.distinct || p.Min != tt.min || p.Max != tt.max {
			t.Errorf("%s: rows %d nulls %d distinct %d min %q max %q; want %d %d %d %q %q",
				tt.col, p.Rows, p.Nulls, p.Distinct, p.Min, p.Max, n, tt.nulls, tt.distinct, tt.min, tt.max)
		}
	}
	counts := map[string]int64{}
	for _, r := range rows {
		for _, tag := range r.Tags {
			counts[tag]++
		}
	}
	for _, vc := range res.Profiles["tags"].Top {
		if counts[vc.Value] != vc.Count {
			t.Errorf("tags: %q counted %d, want %d", vc.Value, vc.Count, counts[vc.Value])
		}
	}
	if a := association(t, res, "addr.postcode", "n"); a.N != n-200 || a.InputLevels != 60 {
		t.Errorf("addr.postcode × n: %+v", a)
	}
	if len(res.Associations) != 1 || len(res.Notes) != 1 {
		t.Errorf("associations %v notes %q: the list input is noted, not measured", res.Associations, res.Notes)
	}
}
