package dataset

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/internal/testfiles"
)

// testSchema has a struct, a dictionary column, a list, a map, a
// timestamp, a decimal and schema metadata.
func testSchema() *arrow.Schema {
	md := arrow.NewMetadata([]string{"owner", "purpose"}, []string{"jobcentre", "early-support"})
	return arrow.NewSchema([]arrow.Field{
		{Name: "id", Type: arrow.PrimitiveTypes.Int64},
		{Name: "person", Type: arrow.StructOf(
			arrow.Field{Name: "name", Type: arrow.BinaryTypes.String, Nullable: true},
			arrow.Field{Name: "born", Type: arrow.FixedWidthTypes.Date32},
			arrow.Field{Name: "address", Type: arrow.StructOf(
				arrow.Field{Name: "postcode", Type: arrow.BinaryTypes.LargeString},
			)},
		), Nullable: true},
		{Name: "municipality", Type: &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int32, ValueType: arrow.BinaryTypes.String}, Nullable: true},
		{Name: "tags", Type: arrow.ListOf(arrow.BinaryTypes.String)},
		{Name: "attrs", Type: arrow.MapOf(arrow.BinaryTypes.String, arrow.PrimitiveTypes.Int64)},
		{Name: "seen", Type: &arrow.TimestampType{Unit: arrow.Millisecond, TimeZone: "UTC"}},
		{Name: "local", Type: &arrow.TimestampType{Unit: arrow.Microsecond}},
		{Name: "income", Type: &arrow.Decimal128Type{Precision: 10, Scale: 2}, Nullable: true},
		{Name: "ok", Type: arrow.FixedWidthTypes.Boolean},
		{Name: "score", Type: arrow.PrimitiveTypes.Float64},
	}, &md)
}

var testSchemaColumns = []string{
	"id int64",
	"person.name string nullable",
	"person.born date nullable",
	"person.address.postcode string nullable",
	"municipality string nullable",
	"tags list<string>",
	"attrs map<string,int64>",
	"seen timestamp[ms, UTC]",
	"local timestamp[us]",
	"income decimal(10,2) nullable",
	"ok bool",
	"score float64",
}

// testBatch makes a batch of n rows of testSchema; values are synthetic.
func testBatch(t *testing.T, n int) arrow.RecordBatch {
	return arrowBatch(t, testSchema(), func(b *array.RecordBuilder) {
		for i := range n {
			b.Field(0).(*array.Int64Builder).Append(int64(i))
			sb := b.Field(1).(*array.StructBuilder)
			sb.Append(true)
			sb.FieldBuilder(0).(*array.StringBuilder).Append("p")
			sb.FieldBuilder(1).(*array.Date32Builder).Append(arrow.Date32(i))
			ab := sb.FieldBuilder(2).(*array.StructBuilder)
			ab.Append(true)
			ab.FieldBuilder(0).(*array.LargeStringBuilder).Append("8000")
			if err := b.Field(2).(*array.BinaryDictionaryBuilder).AppendString([]string{"101", "751"}[i%2]); err != nil {
				t.Fatal(err)
			}
			lb := b.Field(3).(*array.ListBuilder)
			lb.Append(true)
			lb.ValueBuilder().(*array.StringBuilder).Append("t")
			mb := b.Field(4).(*array.MapBuilder)
			mb.Append(true)
			mb.KeyBuilder().(*array.StringBuilder).Append("k")
			mb.ItemBuilder().(*array.Int64Builder).Append(int64(i))
			b.Field(5).(*array.TimestampBuilder).Append(arrow.Timestamp(i))
			b.Field(6).(*array.TimestampBuilder).Append(arrow.Timestamp(i))
			b.Field(7).(*array.Decimal128Builder).Append(decimal128.FromI64(int64(i)))
			b.Field(8).(*array.BooleanBuilder).Append(i%2 == 0)
			b.Field(9).(*array.Float64Builder).Append(float64(i))
		}
	})
}

func TestArrow(t *testing.T) {
	dir := t.TempDir()
	schema := testSchema()
	b1, b2 := testBatch(t, 3), testBatch(t, 4)
	defer b1.Release()
	defer b2.Release()
	tests := []struct {
		name   string
		file   string
		write  func(path string)
		format Format
		rows   int64
	}{
		{"file", "a.arrow", func(p string) { writeArrowFile(t, p, schema, b1, b2) }, ArrowFile, 7},
		{"feather", "a.feather", func(p string) { writeArrowFile(t, p, schema, b2) }, ArrowFile, 4},
		{"file without batches", "empty.arrow", func(p string) { writeArrowFile(t, p, schema) }, ArrowFile, 0},
		{"stream", "a.arrows", func(p string) { writeArrowStream(t, p, schema, b1, b2, b1) }, ArrowStream, 10},
		// A stream named like a file is read as the stream it is.
		{"stream named .arrow", "s.arrow", func(p string) { writeArrowStream(t, p, schema, b2) }, ArrowStream, 4},
		{"stream without batches", "empty.arrows", func(p string) { writeArrowStream(t, p, schema) }, ArrowStream, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.file)
			tt.write(path)
			d, err := Open(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if d.Format != tt.format || d.Files[0].Format != tt.format {
				t.Errorf("format %s, want %s", d.Format, tt.format)
			}
			if d.Rows != tt.rows {
				t.Errorf("rows %d, want %d", d.Rows, tt.rows)
			}
			assertColumns(t, d.Columns, testSchemaColumns)
			if d.Metadata["owner"] != "jobcentre" || d.Metadata["purpose"] != "early-support" || len(d.Metadata) != 2 {
				t.Errorf("metadata %v", d.Metadata)
			}
		})
	}
}

// TestArrowFileReadsNoBodies proves that the row count of an Arrow IPC file
// comes from the record batches' metadata: with every record batch body
// overwritten with garbage, the count is still right.
func TestArrowFileReadsNoBodies(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.arrow")
	b1, b2 := testBatch(t, 5), testBatch(t, 9)
	defer b1.Release()
	defer b2.Release()
	writeArrowFile(t, path, testSchema(), b1, b2, b1)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	n := int(binary.LittleEndian.Uint32(data[len(data)-10:]))
	footer := data[len(data)-10-n : len(data)-10]
	blocks, err := footerBlocks(footer, footerRecordBatches)
	if err != nil {
		t.Fatal(err)
	}
	if len(blocks) != 3 {
		t.Fatalf("%d blocks, want 3", len(blocks))
	}
	spoiled := 0
	for _, b := range blocks {
		start := b.Offset + int64(b.MetaLength)
		for i := start; i < start+b.BodyLength; i++ {
			data[i] = 0xFF
			spoiled++
		}
	}
	if spoiled == 0 {
		t.Fatal("no body bytes to spoil")
	}
	writeFile(t, path, data)
	d, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Rows != 19 {
		t.Errorf("rows %d, want 19", d.Rows)
	}
	assertColumns(t, d.Columns, testSchemaColumns)
}

func TestArrowTypes(t *testing.T) {
	tests := []struct {
		typ  arrow.DataType
		want string
	}{
		{arrow.PrimitiveTypes.Int8, "int8"},
		{arrow.PrimitiveTypes.Uint32, "uint32"},
		{arrow.FixedWidthTypes.Float16, "float16"},
		{arrow.PrimitiveTypes.Float32, "float32"},
		{arrow.BinaryTypes.String, "string"},
		{arrow.BinaryTypes.LargeString, "string"},
		{arrow.BinaryTypes.StringView, "string"},
		{arrow.BinaryTypes.Binary, "binary"},
		{arrow.BinaryTypes.LargeBinary, "binary"},
		{&arrow.FixedSizeBinaryType{ByteWidth: 16}, "fixed_size_binary[16]"},
		{arrow.FixedWidthTypes.Date64, "date"},
		{arrow.FixedWidthTypes.Time32ms, "time[ms]"},
		{arrow.FixedWidthTypes.Time64ns, "time[ns]"},
		{arrow.FixedWidthTypes.Duration_s, "duration[s]"},
		{arrow.FixedWidthTypes.MonthInterval, "interval"},
		{&arrow.TimestampType{Unit: arrow.Nanosecond, TimeZone: "Etc/UTC"}, "timestamp[ns, UTC]"},
		{&arrow.TimestampType{Unit: arrow.Second, TimeZone: "Europe/Copenhagen"}, "timestamp[s, Europe/Copenhagen]"},
		{&arrow.Decimal256Type{Precision: 40, Scale: 5}, "decimal(40,5)"},
		{&arrow.Decimal32Type{Precision: 7, Scale: 0}, "decimal(7,0)"},
		{arrow.LargeListOf(arrow.PrimitiveTypes.Int32), "list<int32>"},
		{arrow.ListViewOf(arrow.PrimitiveTypes.Int32), "list<int32>"},
		{arrow.FixedSizeListOf(3, arrow.PrimitiveTypes.Float32), "fixed_size_list<float32>[3]"},
		{arrow.ListOf(arrow.StructOf(arrow.Field{Name: "a", Type: arrow.PrimitiveTypes.Int64}, arrow.Field{Name: "b", Type: arrow.BinaryTypes.String})), "list<struct<a:int64,b:string>>"},
		{arrow.MapOf(arrow.BinaryTypes.String, arrow.ListOf(arrow.PrimitiveTypes.Int16)), "map<string,list<int16>>"},
		{&arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int8, ValueType: arrow.BinaryTypes.LargeString}, "string"},
		{arrow.RunEndEncodedOf(arrow.PrimitiveTypes.Int32, arrow.PrimitiveTypes.Float64), "float64"},
		{arrow.Null, "null"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := arrowType(tt.typ, 0); got != tt.want {
				t.Errorf("arrowType(%s) = %q, want %q", tt.typ, got, tt.want)
			}
		})
	}
	// An unregistered extension type is known from the field metadata.
	md := arrow.NewMetadata([]string{"ARROW:extension:name"}, []string{"arrow.uuid"})
	f := arrow.Field{Name: "id", Type: &arrow.FixedSizeBinaryType{ByteWidth: 16}, Metadata: md}
	if got := arrowFieldType(f, 0); got != "uuid" {
		t.Errorf("uuid extension field: %q, want uuid", got)
	}
}

// TestArrowSchemaGuard checks that hostile schemas are refused before
// arrow-go, which reads schemas recursively, sees them.
func TestArrowSchemaGuard(t *testing.T) {
	dir := t.TempDir()
	// A struct nested 70 deep, built and written by arrow-go.
	typ := arrow.DataType(arrow.PrimitiveTypes.Int64)
	for i := range 70 {
		typ = arrow.StructOf(arrow.Field{Name: "s" + strconv.Itoa(i), Type: typ})
	}
	deep := arrow.NewSchema([]arrow.Field{{Name: "deep", Type: typ}}, nil)
	writeArrowFile(t, filepath.Join(dir, "deep.arrow"), deep)
	writeArrowStream(t, filepath.Join(dir, "deep.arrows"), deep)

	// A field whose first child refers back to the field itself through
	// an offset that wraps around 2^32, as the flatbuffers runtime reads
	// it: a cycle.
	writeArrowFile(t, filepath.Join(dir, "src.arrow"), testSchema())
	data, err := os.ReadFile(filepath.Join(dir, "src.arrow"))
	if err != nil {
		t.Fatal(err)
	}
	n := int(binary.LittleEndian.Uint32(data[len(data)-10:]))
	footer := data[len(data)-10-n : len(data)-10]
	ft, err := fbRoot(footer)
	if err != nil {
		t.Fatal(err)
	}
	schema, _, err := ft.tableField(1)
	if err != nil {
		t.Fatal(err)
	}
	fields, _, err := schema.vectorField(1)
	if err != nil {
		t.Fatal(err)
	}
	p := fields + 4 // field 1, "person"
	person, err := fbTableAt(footer, p+uint64(binary.LittleEndian.Uint32(footer[p:])))
	if err != nil {
		t.Fatal(err)
	}
	kids, nkids, err := person.vectorField(5)
	if err != nil || nkids != 3 {
		t.Fatalf("person has %d children (%v), want 3", nkids, err)
	}
	binary.LittleEndian.PutUint32(footer[kids:], uint32(person.pos-kids))
	writeFile(t, filepath.Join(dir, "cycle.arrow"), data)

	// A stream whose schema message refers to its schema table past the
	// end of the message.
	writeArrowStream(t, filepath.Join(dir, "src.arrows"), testSchema())
	stream, err := os.ReadFile(filepath.Join(dir, "src.arrows"))
	if err != nil {
		t.Fatal(err)
	}
	meta := stream[8 : 8+binary.LittleEndian.Uint32(stream[4:])]
	msg, err := fbRoot(meta)
	if err != nil {
		t.Fatal(err)
	}
	header, ok, err := msg.field(2)
	if err != nil || !ok {
		t.Fatalf("the schema message has no header (%v)", err)
	}
	binary.LittleEndian.PutUint32(meta[header:], uint32(len(meta)))
	writeFile(t, filepath.Join(dir, "outside.arrows"), stream)

	tests := []struct{ file, want string }{
		{"deep.arrow", "schema nested more than 64 levels deep, more than saglig can read"},
		{"deep.arrows", "schema nested more than 64 levels deep, more than saglig can read"},
		{"cycle.arrow", "cannot read Arrow IPC file: malformed flatbuffer"},
		{"outside.arrows", "cannot read Arrow IPC stream: schema message: malformed flatbuffer"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join(dir, tt.file)
			_, err := Open(path, Options{})
			assertError(t, err, path+": "+tt.want)
		})
	}
}

// panickingReadAtSeeker panics on its nth ReadAt.
type panickingReadAtSeeker struct {
	*bytes.Reader
	n int
}

func (p *panickingReadAtSeeker) ReadAt(b []byte, off int64) (int, error) {
	if p.n--; p.n == 0 {
		panic("boom")
	}
	return p.Reader.ReadAt(b, off)
}

// TestArrowRecover checks that a panic under the Arrow readers becomes an
// error.
func TestArrowRecover(t *testing.T) {
	dir := t.TempDir()
	b := testBatch(t, 2)
	defer b.Release()
	writeArrowFile(t, filepath.Join(dir, "a.arrow"), testSchema(), b)
	writeArrowStream(t, filepath.Join(dir, "a.arrows"), testSchema(), b)
	file, err := os.ReadFile(filepath.Join(dir, "a.arrow"))
	if err != nil {
		t.Fatal(err)
	}
	stream, err := os.ReadFile(filepath.Join(dir, "a.arrows"))
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{1, 4, 6} {
		_, err = readArrowFile(&panickingReadAtSeeker{bytes.NewReader(file), n}, int64(len(file)), Options{})
		if err == nil || err.Error() != "cannot read Arrow IPC file: boom" {
			t.Errorf("file, panic on read %d: error %v, want cannot read Arrow IPC file: boom", n, err)
		}
	}
	_, err = readArrowStream(&panickingReadAtSeeker{bytes.NewReader(stream), 1}, int64(len(stream)), Options{})
	if err == nil || err.Error() != "cannot read Arrow IPC stream: boom" {
		t.Errorf("stream: error %v, want cannot read Arrow IPC stream: boom", err)
	}
}

func TestArrowErrors(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.arrow")
	b := testBatch(t, 2)
	defer b.Release()
	writeArrowFile(t, good, testSchema(), b)
	valid, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	footerLen := func(data []byte, n int32) []byte {
		out := bytes.Clone(data)
		binary.LittleEndian.PutUint32(out[len(out)-10:], uint32(n))
		return out
	}
	goodStream := filepath.Join(dir, "good.arrows")
	writeArrowStream(t, goodStream, testSchema(), b, b)
	stream, err := os.ReadFile(goodStream)
	if err != nil {
		t.Fatal(err)
	}
	dup := arrow.NewSchema([]arrow.Field{
		{Name: "a", Type: arrow.PrimitiveTypes.Int64},
		{Name: "a", Type: arrow.BinaryTypes.String},
	}, nil)
	writeArrowFile(t, filepath.Join(dir, "dup.arrow"), dup)
	// Columns that share a name are read under names of their own.
	if d, err := Open(filepath.Join(dir, "dup.arrow"), Options{}); err != nil {
		t.Errorf("duplicate names: %v", err)
	} else if len(d.Columns) != 2 || d.Columns[0].Path != "a" || d.Columns[1].Path != "a_1" ||
		d.Columns[1].Kind != KindString || len(d.Notes) != 1 || !strings.Contains(d.Notes[0].String(), `a second column "a" is named "a_1"`) {
		t.Errorf("duplicate names: columns %+v, notes %q", d.Columns, d.Notes)
	}

	tests := []struct {
		name string
		file string
		data []byte
		opt  Options
		want string
	}{
		{"not arrow", "x.arrow", []byte("this is not arrow at all"), Options{}, "not an Arrow IPC file"},
		{"truncated", "x.arrow", valid[:16], Options{}, "truncated file (16 bytes)"},
		{"no tail", "x.arrow", valid[:len(valid)-1], Options{}, "truncated file (" + i18n.For(i18n.English).Int(int64(len(valid)-1)) + " bytes): no footer (the file does not end with ARROW1)"},
		{"footer too long", "x.arrow", footerLen(valid, 1<<30), Options{}, "footer length 1,073,741,824 exceeds file size"},
		{"footer length negative", "x.arrow", footerLen(valid, -5), Options{}, "footer length -5 is invalid"},
		{"footer over the limit", "x.arrow", valid, Options{Limits: Limits{MaxFooterSize: 8}}, "footer length " + i18n.For(i18n.English).Int(int64(binary.LittleEndian.Uint32(valid[len(valid)-10:]))) + " exceeds the limit of 8 bytes (raise it with --max-footer-size)"},
		{"feather v1", "x.feather", []byte("FEA1 and then some old feather bytes"), Options{}, "unsupported Feather v1 file: rewrite it as Feather v2 (Arrow IPC)"},
		{"stream garbage", "x.arrows", []byte("garbage, not a stream"), Options{}, "not an Arrow IPC stream: message metadata length 1,651,663,207 exceeds the rest of the file (17 bytes)"},
		{"stream truncated", "x.arrows", stream[:len(stream)/2], Options{}, "cannot read Arrow IPC stream: message 2 at offset 1344: message metadata length 968 exceeds the rest of the file (572 bytes)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.file)
			writeFile(t, path, tt.data)
			_, err := Open(path, tt.opt)
			assertError(t, err, path+": "+tt.want)
		})
	}
}

// TestArrowStreamSchemaOutsideMessage opens the stream the fuzzer found
// (testdata/fuzz/FuzzOpenArrowStream/schema-table-outside-message): its
// schema message refers to a schema table outside the message, where
// arrow-go, reading on past the message, found a field count that made it
// allocate 645 MB for a file of 1,286 bytes (in a fuzz worker, whose heap
// had to be cleared for it, each such input took over 10 s). It is refused
// before arrow-go reads it, allocating almost nothing.
func TestArrowStreamSchemaOutsideMessage(t *testing.T) {
	seed, err := os.ReadFile(filepath.Join("testdata", "fuzz", "FuzzOpenArrowStream", "schema-table-outside-message"))
	if err != nil {
		t.Fatal(err)
	}
	data, err := testfiles.DecodeSeed(seed)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "found.arrows")
	writeFile(t, path, data)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err = Open(path, Options{})
	runtime.ReadMemStats(&after)
	assertError(t, err, path+": cannot read Arrow IPC stream: schema message: malformed flatbuffer")
	// The bound leaves room for the test's own allocations; the field
	// slice alone was 645 MB.
	if got := after.TotalAlloc - before.TotalAlloc; got > 16<<20 {
		t.Errorf("opening a stream of %d bytes allocated %s", len(data), Bytes(int64(got)))
	}
}
