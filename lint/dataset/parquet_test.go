package dataset

import (
	"bytes"
	"encoding/binary"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/deprecated"
	"github.com/parquet-go/parquet-go/encoding/thrift"
	"github.com/parquet-go/parquet-go/format"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/internal/testfiles"
)

type flatRow struct {
	ID     int64   `parquet:"id"`
	Name   string  `parquet:"name"`
	Age    *int32  `parquet:"age,optional"`
	Score  float64 `parquet:"score"`
	Ratio  float32 `parquet:"ratio"`
	Active bool    `parquet:"active"`
	Blob   []byte  `parquet:"blob"`
}

type address struct {
	Postcode string  `parquet:"postcode"`
	City     *string `parquet:"city,optional"`
}

type contact struct {
	Email string `parquet:"email"`
}

type job struct {
	Title string `parquet:"title"`
	Years int32  `parquet:"years"`
}

type nestedRow struct {
	ID      int64            `parquet:"id"`
	Address address          `parquet:"address"`
	Contact *contact         `parquet:"contact,optional"`
	Tags    []string         `parquet:"tags,list"`
	Scores  []int32          `parquet:"scores"`
	Attrs   map[string]int64 `parquet:"attrs"`
	Jobs    []job            `parquet:"jobs,list"`
}

type logicalRow struct {
	Born   time.Time `parquet:"born,date"`
	SeenMS time.Time `parquet:"seen_ms,timestamp(millisecond)"`
	SeenUS int64     `parquet:"seen_us,timestamp(microsecond:local)"`
	Amount int64     `parquet:"amount,decimal(2:10)"`
	UID    [16]byte  `parquet:"uid,uuid"`
	Doc    string    `parquet:"doc,json"`
	Kind   string    `parquet:"kind,enum"`
	Small  int32     `parquet:"small,int(8)"`
	Port   int32     `parquet:"port,uint(16)"`
	Plain  int32     `parquet:"plain"`
}

func TestParquetSchemas(t *testing.T) {
	dir := t.TempDir()
	city := "Aarhus"
	age := int32(40)
	tests := []struct {
		name  string
		write func(path string)
		rows  int64
		want  []string
		meta  map[string]string
	}{
		{
			name: "flat",
			write: func(p string) {
				writeParquet(t, p, []flatRow{{ID: 1, Age: &age}, {ID: 2}, {ID: 3}},
					parquet.KeyValueMetadata("owner", "jobcentre"), parquet.KeyValueMetadata("purpose", "early-support"))
			},
			rows: 3,
			want: []string{
				"id int64", "name string", "age int32 nullable", "score float64",
				"ratio float32", "active bool", "blob binary",
			},
			meta: map[string]string{"owner": "jobcentre", "purpose": "early-support"},
		},
		{
			name: "nested",
			write: func(p string) {
				writeParquet(t, p, []nestedRow{
					{ID: 1, Address: address{Postcode: "8000", City: &city}, Tags: []string{"a"}, Attrs: map[string]int64{"k": 1}},
					{ID: 2, Contact: &contact{}, Jobs: []job{{Title: "x", Years: 2}}},
				})
			},
			rows: 2,
			want: []string{
				"id int64",
				"address.postcode string",
				"address.city string nullable",
				"contact.email string nullable",
				"tags list<string>",
				"scores list<int32>",
				"attrs map<string,int64>",
				"jobs list<struct<title:string,years:int32>>",
			},
		},
		{
			name:  "logical types",
			write: func(p string) { writeParquet(t, p, []logicalRow{{}}) },
			rows:  1,
			want: []string{
				"born date", "seen_ms timestamp[ms, UTC]", "seen_us timestamp[us]",
				"amount decimal(10,2)", "uid uuid", "doc json", "kind enum",
				"small int8", "port uint16", "plain int32",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.name+".parquet")
			tt.write(path)
			d, err := Open(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if d.Format != Parquet || d.Rows != tt.rows || len(d.Files) != 1 || d.Files[0].Rows != tt.rows {
				t.Errorf("format %s rows %d (files %d), want parquet, %d rows", d.Format, d.Rows, len(d.Files), tt.rows)
			}
			assertColumns(t, d.Columns, tt.want)
			assertColumns(t, d.Files[0].Columns, tt.want)
			for k, v := range tt.meta {
				if d.Metadata[k] != v || d.Files[0].Metadata[k] != v {
					t.Errorf("metadata %q = %q, want %q", k, d.Metadata[k], v)
				}
			}
			if st, _ := os.Stat(path); d.Files[0].Size != st.Size() {
				t.Errorf("size %d, want %d", d.Files[0].Size, st.Size())
			}
		})
	}
}

// TestParquetRowGroups checks that rows are summed over row groups.
func TestParquetRowGroups(t *testing.T) {
	path := filepath.Join(t.TempDir(), "groups.parquet")
	rows := make([]flatRow, 1003)
	for i := range rows {
		rows[i].ID = int64(i)
	}
	writeParquet(t, path, rows, parquet.MaxRowsPerRowGroup(100))
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	if n := len(pf.RowGroups()); n < 2 {
		t.Fatalf("the writer made %d row groups, want several", n)
	}
	d, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Rows != 1003 {
		t.Errorf("rows %d, want 1003", d.Rows)
	}
}

// TestParquetTypes checks type names on hand-made schemas: logical types,
// legacy converted types, physical types and the old list and map layouts.
func TestParquetTypes(t *testing.T) {
	const (
		req = format.Required
		opt = format.Optional
		rep = format.Repeated
	)
	withLT := func(el format.SchemaElement, lt format.LogicalTypeValue) format.SchemaElement {
		el.LogicalType = format.LogicalType{Value: lt}
		return el
	}
	withCT := func(el format.SchemaElement, ct deprecated.ConvertedType) format.SchemaElement {
		el.ConvertedType = thrift.New(ct)
		return el
	}
	fixed := func(name string, n int32) format.SchemaElement {
		el := leaf(name, format.FixedLenByteArray, req)
		el.TypeLength = thrift.New(n)
		return el
	}
	ms := format.TimeUnit{Value: &format.MilliSeconds{}}
	ns := format.TimeUnit{Value: &format.NanoSeconds{}}
	legacyDecimal := withCT(leaf("legacy_decimal", format.Int64, req), deprecated.Decimal)
	legacyDecimal.Precision, legacyDecimal.Scale = thrift.New(int32(18)), thrift.New(int32(4))

	tests := []struct {
		name   string
		schema []format.SchemaElement
		want   []string
	}{
		{"physical", []format.SchemaElement{
			root(7),
			leaf("b", format.Boolean, req), leaf("i32", format.Int32, req), leaf("i64", format.Int64, opt),
			leaf("i96", format.Int96, opt), leaf("f", format.Float, req), leaf("d", format.Double, req),
			fixed("fx", 12),
		}, []string{"b bool", "i32 int32", "i64 int64 nullable", "i96 int96 nullable", "f float32", "d float64", "fx fixed_size_binary[12]"}},
		{"logical", []format.SchemaElement{
			root(11),
			withLT(fixed("half", 2), &format.Float16Type{}),
			withLT(fixed("id", 16), &format.UUIDType{}),
			withLT(leaf("t", format.Int32, req), &format.TimeType{Unit: ms}),
			withLT(leaf("ts", format.Int64, req), &format.TimestampType{IsAdjustedToUTC: true, Unit: ns}),
			withLT(leaf("local", format.Int64, req), &format.TimestampType{Unit: ms}),
			withLT(leaf("dec", format.Int32, req), &format.DecimalType{Precision: 9, Scale: 3}),
			withLT(leaf("u64", format.Int64, req), &format.IntType{BitWidth: 64, IsSigned: false}),
			withLT(leaf("bson", format.ByteArray, req), &format.BsonType{}),
			withLT(leaf("nothing", format.Int32, opt), &format.NullType{}),
			withLT(leaf("s", format.ByteArray, req), &format.StringType{}),
			withLT(leaf("e", format.ByteArray, req), &format.EnumType{}),
		}, []string{
			"half float16", "id uuid", "t time[ms]", "ts timestamp[ns, UTC]", "local timestamp[ms]",
			"dec decimal(9,3)", "u64 uint64", "bson bson", "nothing null nullable", "s string", "e enum",
		}},
		{"converted", []format.SchemaElement{
			root(20),
			withCT(leaf("utf8", format.ByteArray, opt), deprecated.UTF8),
			withCT(leaf("en", format.ByteArray, req), deprecated.Enum),
			withCT(leaf("js", format.ByteArray, req), deprecated.Json),
			withCT(leaf("bs", format.ByteArray, req), deprecated.Bson),
			withCT(leaf("day", format.Int32, req), deprecated.Date),
			withCT(leaf("ts_ms", format.Int64, req), deprecated.TimestampMillis),
			withCT(leaf("ts_us", format.Int64, req), deprecated.TimestampMicros),
			withCT(leaf("time_ms", format.Int32, req), deprecated.TimeMillis),
			withCT(leaf("time_us", format.Int64, req), deprecated.TimeMicros),
			legacyDecimal,
			withCT(leaf("i8", format.Int32, req), deprecated.Int8),
			withCT(leaf("i16", format.Int32, req), deprecated.Int16),
			withCT(leaf("i32", format.Int32, req), deprecated.Int32),
			withCT(leaf("i64", format.Int64, req), deprecated.Int64),
			withCT(leaf("u8", format.Int32, req), deprecated.Uint8),
			withCT(leaf("u16", format.Int32, req), deprecated.Uint16),
			withCT(leaf("u32", format.Int32, req), deprecated.Uint32),
			withCT(leaf("u64", format.Int64, req), deprecated.Uint64),
			withCT(fixed("span", 12), deprecated.Interval),
			// A logical type wins over a converted one.
			withLT(withCT(leaf("both", format.Int64, req), deprecated.TimestampMillis), &format.TimestampType{Unit: ns}),
		}, []string{
			"utf8 string nullable", "en enum", "js json", "bs bson", "day date",
			"ts_ms timestamp[ms, UTC]", "ts_us timestamp[us, UTC]", "time_ms time[ms]", "time_us time[us]",
			"legacy_decimal decimal(18,4)", "i8 int8", "i16 int16", "i32 int32", "i64 int64",
			"u8 uint8", "u16 uint16", "u32 uint32", "u64 uint64", "span interval", "both timestamp[ns]",
		}},
		{"lists", []format.SchemaElement{
			root(6),
			// Standard 3-level list of nullable strings.
			withCT(group("tags", opt, 1), deprecated.List),
			group("list", rep, 1),
			withLT(leaf("element", format.ByteArray, opt), &format.StringType{}),
			// 2-level list: the repeated primitive is the element.
			withLT(group("codes", req, 1), &format.ListType{}),
			leaf("code", format.Int32, rep),
			// Old layout: a repeated group named "array" is the element.
			withLT(group("pairs", opt, 1), &format.ListType{}),
			group("array", rep, 1),
			leaf("x", format.Double, req),
			// A repeated group of several fields is the element.
			withLT(group("points", req, 1), &format.ListType{}),
			group("point", rep, 2),
			leaf("x", format.Double, req), leaf("y", format.Double, req),
			// Old layout: <name>_tuple.
			withLT(group("spans", req, 1), &format.ListType{}),
			group("spans_tuple", rep, 1),
			leaf("len", format.Int64, req),
			// A list of lists.
			withLT(group("matrix", req, 1), &format.ListType{}),
			group("list", rep, 1),
			withLT(group("element", req, 1), &format.ListType{}),
			group("list", rep, 1),
			leaf("element", format.Float, req),
		}, []string{
			"tags list<string> nullable", "codes list<int32>", "pairs list<struct<x:float64>> nullable",
			"points list<struct<x:float64,y:float64>>", "spans list<struct<len:int64>>",
			"matrix list<list<float32>>",
		}},
		{"maps and structs", []format.SchemaElement{
			root(4),
			withLT(group("attrs", opt, 1), &format.MapType{}),
			group("key_value", rep, 2),
			withLT(leaf("key", format.ByteArray, req), &format.StringType{}),
			leaf("value", format.Int64, opt),
			// A legacy map annotated MAP_KEY_VALUE.
			withCT(group("legacy", req, 1), deprecated.MapKeyValue),
			withCT(group("map", rep, 2), deprecated.MapKeyValue),
			leaf("key", format.Int32, req),
			withCT(leaf("value", format.ByteArray, req), deprecated.UTF8),
			// A struct holding a struct and a repeated field.
			group("person", opt, 2),
			group("name", req, 2),
			withLT(leaf("first", format.ByteArray, req), &format.StringType{}),
			withLT(leaf("last", format.ByteArray, opt), &format.StringType{}),
			leaf("visits", format.Int64, rep),
			// A variant is one column.
			withLT(group("payload", opt, 2), &format.VariantType{}),
			leaf("metadata", format.ByteArray, req), leaf("value", format.ByteArray, req),
		}, []string{
			"attrs map<string,int64> nullable",
			"legacy map<int32,string>",
			"person.name.first string nullable",
			"person.name.last string nullable",
			"person.visits list<int64> nullable",
			"payload variant nullable",
		}},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.name+".parquet")
			writeFile(t, path, parquetFooter(t, testfiles.CraftedMeta(5, tt.schema...), nil))
			d, err := Open(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			assertColumns(t, d.Columns, tt.want)
			if d.Rows != 5 {
				t.Errorf("rows %d, want 5", d.Rows)
			}
		})
	}
}

// TestConvertedColumnTypes checks the typed type of each converted type:
// that of the logical type parquet.thrift gives it.
func TestConvertedColumnTypes(t *testing.T) {
	for _, tt := range []struct {
		ct   deprecated.ConvertedType
		want ColumnType
	}{
		{deprecated.UTF8, ColumnType{Kind: KindString}},
		{deprecated.Enum, ColumnType{Kind: KindString}},
		{deprecated.Json, ColumnType{Kind: KindString}},
		{deprecated.Bson, ColumnType{Kind: KindBinary}},
		{deprecated.Date, ColumnType{Kind: KindDate}},
		{deprecated.Interval, ColumnType{Kind: KindInterval}},
		{deprecated.TimeMillis, ColumnType{Kind: KindTime, Unit: Milli, UTC: true}},
		{deprecated.TimeMicros, ColumnType{Kind: KindTime, Unit: Micro, UTC: true}},
		{deprecated.TimestampMillis, ColumnType{Kind: KindTimestamp, Unit: Milli, UTC: true}},
		{deprecated.TimestampMicros, ColumnType{Kind: KindTimestamp, Unit: Micro, UTC: true}},
		{deprecated.Decimal, ColumnType{Kind: KindDecimal, Precision: 18, Scale: 4}},
		{deprecated.Int8, ColumnType{Kind: KindInt, Bits: 8}},
		{deprecated.Int16, ColumnType{Kind: KindInt, Bits: 16}},
		{deprecated.Int32, ColumnType{Kind: KindInt, Bits: 32}},
		{deprecated.Int64, ColumnType{Kind: KindInt, Bits: 64}},
		{deprecated.Uint8, ColumnType{Kind: KindUint, Bits: 8}},
		{deprecated.Uint16, ColumnType{Kind: KindUint, Bits: 16}},
		{deprecated.Uint32, ColumnType{Kind: KindUint, Bits: 32}},
		{deprecated.Uint64, ColumnType{Kind: KindUint, Bits: 64}},
	} {
		el := leaf("x", format.Int64, format.Required)
		el.ConvertedType = thrift.New(tt.ct)
		el.Precision, el.Scale = thrift.New(int32(18)), thrift.New(int32(4))
		if got := parquetLeafColumnType(&el); got != tt.want {
			t.Errorf("converted type %d: %+v, want %+v", tt.ct, got, tt.want)
		}
	}
}

// footerStart returns where the footer of a Parquet file starts.
func footerStart(t *testing.T, data []byte) int64 {
	t.Helper()
	n := binary.LittleEndian.Uint32(data[len(data)-8:])
	return int64(len(data)) - 8 - int64(n)
}

// TestParquetFooterOnly proves that Open reads the footer alone: with every
// byte between the head magic and the footer (the data pages) overwritten
// with garbage, the schema and row count still come out right.
func TestParquetFooterOnly(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.parquet")
	rows := make([]nestedRow, 500)
	for i := range rows {
		rows[i] = nestedRow{ID: int64(i), Tags: []string{"t"}, Attrs: map[string]int64{"a": int64(i)}}
	}
	writeParquet(t, good, rows, parquet.MaxRowsPerRowGroup(120))
	want, err := Open(good, Options{})
	if err != nil {
		t.Fatal(err)
	}

	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	start := footerStart(t, data)
	if start <= 4+100 {
		t.Fatalf("footer starts at %d: no data pages to spoil", start)
	}
	for i := int64(4); i < start; i++ {
		data[i] = byte(0xA5 ^ i)
	}
	bad := filepath.Join(dir, "bad.parquet")
	writeFile(t, bad, data)

	// The spoiled file really is unreadable past its footer.
	if readable(t, data) {
		t.Fatal("reading the spoiled data pages succeeded; the test spoils nothing")
	}

	got, err := Open(bad, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got.Rows != 500 || got.Rows != want.Rows {
		t.Errorf("rows %d, want 500", got.Rows)
	}
	assertColumns(t, got.Columns, columnsOf(want.Columns))
}

// readable reports whether the rows of a Parquet file can be read.
func readable(t *testing.T, data []byte) (ok bool) {
	defer func() {
		if p := recover(); p != nil {
			ok = false
		}
	}()
	pf, err := parquet.OpenFile(bytes.NewReader(data), int64(len(data)), parquet.SkipPageIndex(true), parquet.SkipBloomFilters(true))
	if err != nil {
		t.Fatalf("the footer of the spoiled file cannot be read: %v", err)
	}
	r := parquet.NewGenericReader[nestedRow](pf)
	defer r.Close()
	_, err = r.Read(make([]nestedRow, 10))
	return err == nil
}

// panickingReaderAt panics on its nth read.
type panickingReaderAt struct {
	r io.ReaderAt
	n int
}

func (p *panickingReaderAt) ReadAt(b []byte, off int64) (int, error) {
	if p.n--; p.n == 0 {
		panic("boom")
	}
	return p.r.ReadAt(b, off)
}

// TestParquetRecover checks that a panic under readParquet becomes an
// error.
func TestParquetRecover(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.parquet")
	writeParquet(t, path, []flatRow{{}})
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = readParquet(&panickingReaderAt{r: bytes.NewReader(data), n: 3}, int64(len(data)), Options{})
	if err == nil || err.Error() != "cannot read Parquet footer: boom" {
		t.Errorf("error %v, want cannot read Parquet footer: boom", err)
	}
}

// countingReaderAt records the byte ranges read through it.
type countingReaderAt struct {
	r      io.ReaderAt
	mu     sync.Mutex
	ranges [][2]int64
}

func (c *countingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	c.mu.Lock()
	c.ranges = append(c.ranges, [2]int64{off, off + int64(len(p))})
	c.mu.Unlock()
	return c.r.ReadAt(p, off)
}

// TestParquetReadsOnlyFooter checks the byte ranges readParquet reads:
// the head magic and the footer, nothing in between.
func TestParquetReadsOnlyFooter(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.parquet")
	rows := make([]flatRow, 2000)
	writeParquet(t, path, rows, parquet.MaxRowsPerRowGroup(300), parquet.KeyValueMetadata("k", "v"))
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	start := footerStart(t, data)
	size := int64(len(data))
	cr := &countingReaderAt{r: bytes.NewReader(data)}
	f, _, err := readParquet(cr, size, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if f.Rows != 2000 || len(f.Columns) != 7 || f.Metadata["k"] != "v" {
		t.Fatalf("rows %d, %d columns, metadata %v", f.Rows, len(f.Columns), f.Metadata)
	}
	sort.Slice(cr.ranges, func(i, j int) bool { return cr.ranges[i][0] < cr.ranges[j][0] })
	footerRead := false
	for _, r := range cr.ranges {
		switch {
		case r[0] >= 0 && r[1] <= 4:
		case r[0] >= start && r[1] <= size:
			footerRead = footerRead || r[0] == start
		default:
			t.Errorf("read [%d, %d) outside the head magic [0, 4) and the footer [%d, %d)", r[0], r[1], start, size)
		}
	}
	if !footerRead {
		t.Errorf("the footer at %d was never read: %v", start, cr.ranges)
	}
	if want := [][2]int64{{0, 4}, {start, size - 8}, {size - 8, size}}; !reflect.DeepEqual(cr.ranges, want) {
		t.Errorf("reads %v, want %v", cr.ranges, want)
	}
}

func TestParquetErrors(t *testing.T) {
	dir := t.TempDir()
	valid := func() []byte {
		p := filepath.Join(dir, "valid.parquet")
		writeParquet(t, p, []flatRow{{ID: 1}})
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}()
	tail := func(n uint32, magic string) []byte {
		b := binary.LittleEndian.AppendUint32(nil, n)
		return append(b, magic...)
	}
	cat := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
	// A footer of nested struct headers (field 1, type struct), deep
	// enough to overflow the stack of a recursive thrift decoder.
	deepThrift := bytes.Repeat([]byte{0x1C}, 4<<20)
	// A schema of groups nested 300 deep.
	deepSchema := []format.SchemaElement{root(1)}
	for i := range 300 {
		deepSchema = append(deepSchema, group("g"+strconv.Itoa(i), format.Optional, 1))
	}
	deepSchema = append(deepSchema, leaf("x", format.Int32, format.Optional))
	missingChunk := testfiles.CraftedMeta(3, root(2), leaf("a", format.Int32, format.Required), leaf("b", format.Int32, format.Required))
	missingChunk.RowGroups[0].Columns = missingChunk.RowGroups[0].Columns[:1]
	negativeRows := testfiles.CraftedMeta(3, root(1), leaf("a", format.Int32, format.Required))
	negativeRows.RowGroups = append(negativeRows.RowGroups, format.RowGroup{Columns: negativeRows.RowGroups[0].Columns, NumRows: -1})
	trailing := func() []byte {
		b := parquetFooter(t, testfiles.CraftedMeta(1, root(1), leaf("a", format.Int32, format.Required)), nil)
		footer := b[4 : len(b)-8]
		return cat([]byte("PAR1"), footer, []byte("extra"), tail(uint32(len(footer)+5), "PAR1"))
	}()

	tests := []struct {
		name string
		data []byte
		opt  Options
		want string
	}{
		{"bad magic", []byte("hello world!"), Options{}, "not a Parquet file (bad magic)"},
		{"empty", nil, Options{}, "truncated file (0 bytes)"},
		{"head only", []byte("PAR1"), Options{}, "truncated file (4 bytes)"},
		{"twelve bytes", cat([]byte("PAR1"), tail(0, "PAR1")), Options{}, "truncated file (12 bytes)"},
		{"no tail", valid[:len(valid)-3], Options{}, "truncated file (" + i18n.For(i18n.English).Int(int64(len(valid)-3)) + " bytes): no footer (the file does not end with PAR1)"},
		{"huge footer length", cat([]byte("PAR1"), make([]byte, 20), tail(4294967295, "PAR1")), Options{}, "footer length 4,294,967,295 exceeds file size"},
		{"footer length zero", cat([]byte("PAR1"), make([]byte, 20), tail(0, "PAR1")), Options{}, "footer length 0 is invalid"},
		{"footer over the limit", valid, Options{Limits: Limits{MaxFooterSize: 16}}, "footer length " + i18n.For(i18n.English).Int(int64(binary.LittleEndian.Uint32(valid[len(valid)-8:]))) + " exceeds the limit of 16 bytes (raise it with --max-footer-size)"},
		{"encrypted head", cat([]byte("PARE"), make([]byte, 20), tail(10, "PARE")), Options{}, "encrypted Parquet is not supported"},
		{"encrypted tail", cat([]byte("PAR1"), make([]byte, 20), tail(10, "PARE")), Options{}, "encrypted Parquet is not supported"},
		{"garbage footer", cat([]byte("PAR1"), bytes.Repeat([]byte{0xff}, 20), tail(16, "PAR1")), Options{}, "cannot read Parquet footer: unknown thrift type 15 in the footer"},
		{"footer ends early", cat([]byte("PAR1"), []byte{0x15, 0x02, 0x19}, tail(3, "PAR1")), Options{}, "cannot read Parquet footer: the footer ends inside a value"},
		{"deeply nested footer", cat([]byte("PAR1"), deepThrift, tail(uint32(len(deepThrift)), "PAR1")), Options{}, "cannot read Parquet footer: the footer is nested more than 32 levels deep"},
		{"trailing bytes", trailing, Options{}, "cannot read Parquet footer: 5 unexpected bytes after the file metadata"},
		{"deeply nested schema", parquetFooter(t, testfiles.CraftedMeta(1, deepSchema...), nil), Options{}, "schema nested more than 64 levels deep (raise it with --max-schema-depth)"},
		{"nested past parquet-go", parquetFooter(t, testfiles.CraftedMeta(1, deepSchema...), nil), Options{Limits: Limits{MaxSchemaDepth: 1000}}, "schema nested more than 255 levels deep, more than saglig can read"},
		{"too many children", parquetFooter(t, testfiles.CraftedMeta(1, root(3), leaf("a", format.Int32, format.Required)), nil), Options{}, `invalid Parquet schema: group "schema" claims 3 children but 1 elements are left`},
		{"no schema", parquetFooter(t, &format.FileMetaData{Version: 1}, nil), Options{}, "invalid Parquet schema: no root element"},
		{"missing column chunk", parquetFooter(t, missingChunk, nil), Options{}, "invalid Parquet footer: row group 0 has 1 column chunks for 2 leaf columns"},
		{"negative rows", parquetFooter(t, negativeRows, nil), Options{}, "invalid Parquet footer: row group 1 has -1 rows"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, "x.parquet")
			writeFile(t, path, tt.data)
			_, err := Open(path, tt.opt)
			assertError(t, err, path+": "+tt.want)
		})
	}
}
