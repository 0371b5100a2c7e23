package scan

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/saglig/saglig/lint/dataset"
)

// The mixed data set, row i of n: id "s<i%400>", n = i%37 (null when
// i%5 = 0), f = i/8, d = 2024-02-01 + i%30 days, ts = that day + i s,
// cat = "c<i%6>" (a dictionary in Arrow, plain text as catPlain), amount =
// i%1000 cents as decimal(10,2), addr.postcode = 2000 + i%60 (the struct
// null when i%50 = 0), tags = ["t<i%3>", "t<i%7>"] (empty when i%10 = 0).
const mixedRows = 3000

var mixedStart = time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)

func mixedSchema() *arrow.Schema {
	return arrow.NewSchema([]arrow.Field{
		{Name: "id", Type: arrow.BinaryTypes.String},
		{Name: "n", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
		{Name: "f", Type: arrow.PrimitiveTypes.Float64},
		{Name: "d", Type: arrow.FixedWidthTypes.Date32},
		{Name: "ts", Type: &arrow.TimestampType{Unit: arrow.Millisecond, TimeZone: "UTC"}},
		{Name: "cat", Type: &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int32, ValueType: arrow.BinaryTypes.String}},
		{Name: "catPlain", Type: arrow.BinaryTypes.String},
		{Name: "amount", Type: &arrow.Decimal128Type{Precision: 10, Scale: 2}},
		{Name: "addr", Type: arrow.StructOf(arrow.Field{Name: "postcode", Type: arrow.PrimitiveTypes.Int32}), Nullable: true},
		{Name: "tags", Type: arrow.ListOf(arrow.BinaryTypes.String)},
	}, nil)
}

var mixedColumns = []dataset.Column{
	{Path: "id", Type: "string"}, {Path: "n", Type: "int64", Nullable: true}, {Path: "f", Type: "double"},
	{Path: "d", Type: "date"}, {Path: "ts", Type: "timestamp[ms, UTC]"}, {Path: "cat", Type: "string"},
	{Path: "catPlain", Type: "string"}, {Path: "amount", Type: "decimal(10,2)"},
	{Path: "addr.postcode", Type: "int32", Nullable: true}, {Path: "tags", Type: "list<string>"},
}

// mixedBatches builds the data in batches of the given size.
func mixedBatches(t *testing.T, batch int) []arrow.RecordBatch {
	t.Helper()
	mem := memory.NewGoAllocator()
	// One dictionary for every batch: the IPC file format wants that.
	db := array.NewStringBuilder(mem)
	for c := range 6 {
		db.Append(fmt.Sprintf("c%d", c))
	}
	dict := db.NewArray()
	defer dict.Release()
	dictType := mixedSchema().Field(5).Type.(*arrow.DictionaryType)
	var out []arrow.RecordBatch
	for lo := 0; lo < mixedRows; lo += batch {
		b := array.NewRecordBuilder(mem, mixedSchema())
		ib := array.NewInt32Builder(mem)
		for i := lo; i < min(lo+batch, mixedRows); i++ {
			ib.Append(int32(i % 6))
			b.Field(0).(*array.StringBuilder).Append(fmt.Sprintf("s%d", i%400))
			if i%5 == 0 {
				b.Field(1).AppendNull()
			} else {
				b.Field(1).(*array.Int64Builder).Append(int64(i % 37))
			}
			b.Field(2).(*array.Float64Builder).Append(float64(i) / 8)
			day := mixedStart.AddDate(0, 0, i%30)
			b.Field(3).(*array.Date32Builder).Append(arrow.Date32FromTime(day))
			b.Field(4).(*array.TimestampBuilder).Append(arrow.Timestamp(day.Add(time.Duration(i) * time.Second).UnixMilli()))
			b.Field(5).AppendNull() // replaced below
			b.Field(6).(*array.StringBuilder).Append(fmt.Sprintf("c%d", i%6))
			b.Field(7).(*array.Decimal128Builder).Append(decimal128.FromI64(int64(i % 1000)))
			sb := b.Field(8).(*array.StructBuilder)
			if i%50 == 0 {
				sb.AppendNull()
			} else {
				sb.Append(true)
				sb.FieldBuilder(0).(*array.Int32Builder).Append(int32(2000 + i%60))
			}
			lb := b.Field(9).(*array.ListBuilder)
			lb.Append(true)
			if i%10 != 0 {
				vb := lb.ValueBuilder().(*array.StringBuilder)
				vb.Append(fmt.Sprintf("t%d", i%3))
				vb.Append(fmt.Sprintf("t%d", i%7))
			}
		}
		rec := b.NewRecordBatch()
		idx := ib.NewArray()
		cols := rec.Columns()
		cols[5] = array.NewDictionaryArray(dictType, idx, dict)
		out = append(out, array.NewRecordBatch(mixedSchema(), cols, rec.NumRows()))
		idx.Release()
		rec.Release()
		ib.Release()
		b.Release()
	}
	return out
}

func writeArrow(t *testing.T, path string, batches []arrow.RecordBatch, stream bool) dataset.File {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	var w interface {
		Write(arrow.RecordBatch) error
		Close() error
	}
	format := dataset.ArrowFile
	if stream {
		w, format = ipc.NewWriter(f, ipc.WithSchema(mixedSchema())), dataset.ArrowStream
	} else if w, err = ipc.NewFileWriter(f, ipc.WithSchema(mixedSchema())); err != nil {
		t.Fatal(err)
	}
	for _, b := range batches {
		if err := w.Write(b); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(path)
	return withColumns(dataset.File{Path: path, Format: format, Size: st.Size(), Columns: mixedColumns})
}

// mixedParquetRow is the same data, minus the Arrow-only columns.
type mixedParquetRow struct {
	ID  string    `parquet:"id"`
	N   *int64    `parquet:"n,optional"`
	F   float64   `parquet:"f"`
	D   int32     `parquet:"d,date"`
	TS  time.Time `parquet:"ts,timestamp(millisecond)"`
	Cat string    `parquet:"catPlain"`
}

func TestArrow(t *testing.T) {
	dir := t.TempDir()
	batches := mixedBatches(t, 700)
	defer func() {
		for _, b := range batches {
			b.Release()
		}
	}()
	file := writeArrow(t, filepath.Join(dir, "mixed.arrow"), batches, false)
	stream := writeArrow(t, filepath.Join(dir, "mixed.arrows"), batches, true)
	req := Request{Inputs: []string{"n", "f", "cat", "catPlain", "addr.postcode", "tags", "amount"}, Protected: []string{"cat", "catPlain"},
		ID: "id", Timestamp: "ts"}
	dsFile := handDataset(file.Path, dataset.ArrowFile, mixedColumns, file)
	dsStream := handDataset(stream.Path, dataset.ArrowStream, mixedColumns, stream)
	resFile := profile(t, dsFile, req)
	resStream := profile(t, dsStream, req)
	if !reflect.DeepEqual(resFile, resStream) {
		t.Errorf("an Arrow file and an Arrow stream of the same batches differ")
	}
	res := resFile
	if res.Rows != mixedRows {
		t.Fatalf("rows = %d", res.Rows)
	}
	checks := []struct {
		col             string
		nulls, distinct int64
		min, max        string
	}{
		{"id", 0, 400, "", ""},
		{"n", 600, 37, "0", "36"},
		{"d", 0, 30, "2024-02-01", "2024-03-01"},
		{"cat", 0, 6, "", ""},
		{"amount", 0, 1000, "0.00", "9.99"},
		{"addr.postcode", 60, 60, "2000", "2059"},
		// Elements of the lists: t0…t6; 300 rows have an empty list.
		{"tags", 300, 7, "", ""},
	}
	for _, c := range checks {
		p := res.Profiles[c.col]
		distinctOK := p.Distinct == c.distinct
		if c.distinct > TopCapacity { // a HyperLogLog estimate
			distinctOK = float64(p.Distinct) > 0.97*float64(c.distinct) && float64(p.Distinct) < 1.03*float64(c.distinct)
		}
		if p.Rows != mixedRows || p.Nulls != c.nulls || !distinctOK || p.Min != c.min || p.Max != c.max {
			t.Errorf("%s: rows %d nulls %d distinct %d min %q max %q; want %d %d %d %q %q",
				c.col, p.Rows, p.Nulls, p.Distinct, p.Min, p.Max, mixedRows, c.nulls, c.distinct, c.min, c.max)
		}
	}
	// A dictionary column profiles like the same values in plain text.
	dictP, plainP := *res.Profiles["cat"], *res.Profiles["catPlain"]
	dictP.Column, plainP.Column = "", ""
	if !reflect.DeepEqual(dictP, plainP) {
		t.Errorf("dictionary column %+v differs from plain %+v", dictP, plainP)
	}
	if a, b := association(t, res, "n", "cat"), association(t, res, "f", "cat"); a.N != 2400 || b.N != mixedRows {
		t.Errorf("n × cat over %d rows, f × cat over %d", a.N, b.N)
	}
	if a := association(t, res, "catPlain", "cat"); a.Value < 0.999 {
		t.Errorf("a column against itself in another encoding: V = %g", a.Value)
	}
	if len(res.Notes) != 4 || !strings.Contains(fmt.Sprint(res.Notes), `"tags" × "cat" not measured`) {
		t.Errorf("notes = %q, want the list column's pairs and the self-pairs noted", res.Notes)
	}
	// Subject s is seen at rows s, s+400, …: days s%30, (s+10)%30,
	// (s+20)%30 (400 = 10 mod 30), so spans of 20 days and some seconds.
	if per := res.Period; per == nil || per.Subjects != 400 || per.MultiObs != 1 || per.SpanDays["max"] < 20 || per.SpanDays["max"] > 20.1 {
		t.Errorf("period %+v", per)
	}

	// The same values from Parquet profile the same.
	prow := make([]mixedParquetRow, mixedRows)
	for i := range prow {
		day := mixedStart.AddDate(0, 0, i%30)
		prow[i] = mixedParquetRow{ID: fmt.Sprintf("s%d", i%400), F: float64(i) / 8, D: int32(day.Unix() / 86400),
			TS: day.Add(time.Duration(i) * time.Second), Cat: fmt.Sprintf("c%d", i%6)}
		if i%5 != 0 {
			v := int64(i % 37)
			prow[i].N = &v
		}
	}
	pcols := mixedColumns[:5:5]
	pcols = append(pcols, dataset.Column{Path: "catPlain", Type: "string"})
	pf := writeParquet(t, filepath.Join(dir, "mixed.parquet"), prow, 1000)
	pres := profile(t, parquetDataset(dir, pcols, pf), Request{Inputs: []string{"n", "f"}, Protected: []string{"catPlain"}, ID: "id", Timestamp: "ts"})
	for _, c := range pcols {
		if !sameProfile(pres.Profiles[c.Path], res.Profiles[c.Path]) {
			t.Errorf("%s: Parquet %+v\n Arrow %+v", c.Path, *pres.Profiles[c.Path], *res.Profiles[c.Path])
		}
	}
	if !reflect.DeepEqual(pres.Period, res.Period) {
		t.Errorf("period: Parquet %+v, Arrow %+v", pres.Period, res.Period)
	}
	for _, in := range []string{"n", "f"} {
		a, b := association(t, pres, in, "catPlain"), association(t, res, in, "catPlain")
		if !sameAssociation(a, b) {
			t.Errorf("%s: Parquet %+v, Arrow %+v", in, a, b)
		}
	}
}

// TestPartitions profiles Hive partition columns (constant per file) and
// a column missing from one file (null there).
func TestPartitions(t *testing.T) {
	dir := t.TempDir()
	a := genProxy(5, 3000, 1)
	b := genProxy(6, 2000, 1)
	cols := append(proxyColumns[:len(proxyColumns):len(proxyColumns)],
		dataset.Column{Path: "year", Type: "int32", ColumnType: dataset.ColumnType{Kind: dataset.KindInt, Bits: 32}, Partition: true},
		dataset.Column{Path: "region", Type: "string", ColumnType: dataset.ColumnType{Kind: dataset.KindString}, Partition: true, Nullable: true},
		dataset.Column{Path: "extra", Type: "int64", Nullable: true})
	fa := writeParquet(t, filepath.Join(dir, "a.parquet"), a, 1000)
	fa.Partitions = map[string]string{"year": "2023", "region": "nord"}
	// File b's origin follows the year: a partition can be a proxy too.
	for i := range b {
		b[i].Origin = "vestlig"
	}
	fb := writeParquet(t, filepath.Join(dir, "b.parquet"), b, 1000)
	fb.Partitions = map[string]string{"year": "2024", "region": hiveNull}
	type extraRow struct {
		Postnr int32 `parquet:"postnr"`
		Extra  int64 `parquet:"extra"`
	}
	extra := make([]extraRow, 500)
	for i := range extra {
		extra[i] = extraRow{Postnr: 2000, Extra: int64(i)}
	}
	fc := writeParquet(t, filepath.Join(dir, "c.parquet"), extra, 1000)
	fc.Partitions = map[string]string{"year": "2024", "region": "syd"}
	ds := parquetDataset(dir, cols, fa, fb, fc)
	res := profile(t, ds, Request{Inputs: []string{"year", "region"}, Protected: []string{"origin"}})
	if res.Rows != 5500 {
		t.Fatalf("rows %d", res.Rows)
	}
	year := res.Profiles["year"]
	if year.Distinct != 2 || year.Nulls != 0 || year.Min != "2023" || year.Max != "2024" ||
		!reflect.DeepEqual(year.Top, []ValueCount{{"2023", 3000}, {"2024", 2500}}) {
		t.Errorf("year: %+v", *year)
	}
	region := res.Profiles["region"]
	if region.Distinct != 2 || region.Nulls != 2000 {
		t.Errorf("region: %+v", *region)
	}
	if p := res.Profiles["extra"]; p.Nulls != 5000 || p.Distinct != 500 {
		t.Errorf("extra: %+v", *p)
	}
	if p := res.Profiles["origin"]; p.Nulls != 500 {
		t.Errorf("origin (missing from c.parquet): %+v", *p)
	}
	if as := association(t, res, "year", "origin"); as.N != 5000 || as.InputLevels != 2 || as.Value < 0.5 {
		t.Errorf("year × origin: %+v", as)
	}
}
