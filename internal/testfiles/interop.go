package testfiles

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/extensions"
	"github.com/apache/arrow-go/v18/arrow/float16"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
	aparquet "github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/google/uuid"
	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/deprecated"
)

// Writers of the matrix.
const (
	ParquetGo = "parquet-go"
	PqArrow   = "pqarrow"
	ArrowIPC  = "arrow-ipc"
)

// InteropRows is the number of rows of every file of the matrix; every
// nullable column is null in every third row (InteropNulls).
const (
	InteropRows  = 30
	InteropNulls = 10
)

// Interop is one cell of the interoperability matrix: a file in which one
// writer wrote one feature.
type Interop struct {
	Writer  string
	Feature string
	Path    string
	Rows    int64
	// Columns are the file's columns as lint/dataset names them, in schema
	// order.
	Columns []Col
}

// Name is the cell's name, used as a subtest name: writer/feature.
func (c Interop) Name() string { return c.Writer + "/" + c.Feature }

// Col is a column of an Interop file and what reading it must give.
type Col struct {
	Path string
	// Type is the type lint/dataset gives the column.
	Type     string
	Nullable bool
	// Nulls is the number of rows in which a profile counts the column
	// null (a list with no element counts as null).
	Nulls int64
	// Encoding and Codec, when set, are what the Parquet column chunk
	// must use (format.Encoding and format.CompressionCodec names, e.g.
	// "DELTA_BINARY_PACKED", "ZSTD"): the cell tests what it says.
	Encoding string
	Codec    string
}

// null reports whether row i is null in a nullable column.
func null(i int) bool { return i%3 == 2 }

// WriteInterop writes every file of the matrix under dir.
func WriteInterop(dir string) ([]Interop, error) {
	var out []Interop
	for _, gen := range []func(string) ([]Interop, error){parquetGoCells, pqarrowCells, arrowIPCCells} {
		cells, err := gen(dir)
		if err != nil {
			return nil, err
		}
		out = append(out, cells...)
	}
	return out, nil
}

// cellPath is where a cell's file goes.
func cellPath(dir, writer, feature, ext string) string {
	name := strings.NewReplacer(" ", "-", "(", "", ")", "", ",", "", "/", "-").Replace(feature)
	return filepath.Join(dir, writer, name+ext)
}

func writeFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// --- parquet-go ---

func writeParquetGo[T any](path string, rows []T, opts ...parquet.WriterOption) error {
	var buf bytes.Buffer
	w := parquet.NewGenericWriter[T](&buf, opts...)
	if _, err := w.Write(rows); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return writeFile(path, buf.Bytes())
}

func rowsOf[T any](f func(i int) T) []T {
	out := make([]T, InteropRows)
	for i := range out {
		out[i] = f(i)
	}
	return out
}

func ptr[T any](i int, v T) *T {
	if null(i) {
		return nil
	}
	return &v
}

type pgNumbers struct {
	ID  int64    `parquet:"id"`
	B   bool     `parquet:"b"`
	I8  int8     `parquet:"i8"`
	I16 int16    `parquet:"i16"`
	I32 int32    `parquet:"i32"`
	U32 uint32   `parquet:"u32"`
	U64 uint64   `parquet:"u64"`
	F32 float32  `parquet:"f32"`
	F64 *float64 `parquet:"f64,optional"`
}

type pgStrings struct {
	ID   int64    `parquet:"id"`
	S    *string  `parquet:"s,optional"`
	Bin  []byte   `parquet:"bin"`
	Enum string   `parquet:"e,enum"`
	JSON string   `parquet:"j,json"`
	UUID [16]byte `parquet:"u,uuid"`
}

type pgDecimals struct {
	ID   int64    `parquet:"id"`
	D32  int32    `parquet:"d32,decimal(2:9)"`
	D64  int64    `parquet:"d64,decimal(4:18)"`
	DFix [16]byte `parquet:"dfix,decimal(3:38)"`
}

type pgTimes struct {
	ID      int64      `parquet:"id"`
	Date    int32      `parquet:"date,date"`
	TsUTC   int64      `parquet:"ts_utc,timestamp(microsecond:utc)"`
	TsLocal int64      `parquet:"ts_local,timestamp(millisecond:local)"`
	TsNano  *time.Time `parquet:"ts_nano,optional,timestamp(nanosecond)"`
	Time    int64      `parquet:"time,time(microsecond)"`
}

type pgInt96 struct {
	ID int64            `parquet:"id"`
	T  deprecated.Int96 `parquet:"t"`
}

type pgDict struct {
	ID int64   `parquet:"id"`
	S  *string `parquet:"s,optional,dict"`
	I  int64   `parquet:"i,dict"`
}

type pgDelta struct {
	ID int64  `parquet:"id"`
	I  int64  `parquet:"i,delta"`
	I3 int32  `parquet:"i3,optional,delta"` // zero is null
	S  string `parquet:"s,delta"`
}

type pgDeltaLength struct {
	ID int64   `parquet:"id"`
	S  *string `parquet:"s,optional"`
}

type pgSplit struct {
	ID  int64    `parquet:"id"`
	F   *float64 `parquet:"f,optional,split"`
	F32 float32  `parquet:"f32,split"`
}

type pgBool struct {
	ID int64 `parquet:"id"`
	B  *bool `parquet:"b,optional"`
}

type pgBasic struct {
	ID int64    `parquet:"id"`
	S  string   `parquet:"s"`
	F  *float64 `parquet:"f,optional"`
}

type pgList struct {
	ID int64    `parquet:"id"`
	L  []string `parquet:"l,optional,list"`
}

type pgMap struct {
	ID int64            `parquet:"id"`
	M  map[string]int32 `parquet:"m,optional"`
}

type pgAddress struct {
	Street   string `parquet:"street"`
	Postcode int32  `parquet:"postcode"`
}

type pgStruct struct {
	ID   int64      `parquet:"id"`
	Addr *pgAddress `parquet:"addr,optional"`
}

type pgRepeated struct {
	ID int64   `parquet:"id"`
	R  []int32 `parquet:"r"`
}

func str(i int) string { return fmt.Sprintf("value-%02d", i%7) }

func basicRows() []pgBasic {
	return rowsOf(func(i int) pgBasic { return pgBasic{ID: int64(i), S: str(i), F: ptr(i, float64(i)/4)} })
}

func basicCols(codec string) []Col {
	return []Col{
		{Path: "id", Type: "int64", Codec: codec},
		{Path: "s", Type: "string", Codec: codec},
		{Path: "f", Type: "float64", Nullable: true, Nulls: InteropNulls, Codec: codec},
	}
}

func parquetGoCells(dir string) ([]Interop, error) {
	type cell struct {
		feature string
		write   func(path string) error
		cols    []Col
	}
	id := Col{Path: "id", Type: "int64"}
	cells := []cell{
		{"bool and integers and floats", func(p string) error {
			return writeParquetGo(p, rowsOf(func(i int) pgNumbers {
				return pgNumbers{ID: int64(i), B: i%2 == 0, I8: int8(i - 15), I16: int16(i * 100), I32: int32(i * 1000),
					U32: uint32(i) * 7, U64: uint64(i) << 40, F32: float32(i) / 3, F64: ptr(i, float64(i)*1.5)}
			}))
		}, []Col{id, {Path: "b", Type: "bool"}, {Path: "i8", Type: "int8"}, {Path: "i16", Type: "int16"}, {Path: "i32", Type: "int32"},
			{Path: "u32", Type: "uint32"}, {Path: "u64", Type: "uint64"}, {Path: "f32", Type: "float32"},
			{Path: "f64", Type: "float64", Nullable: true, Nulls: InteropNulls}}},
		{"string binary enum json uuid", func(p string) error {
			return writeParquetGo(p, rowsOf(func(i int) pgStrings {
				return pgStrings{ID: int64(i), S: ptr(i, str(i)), Bin: []byte{byte(i), 0xff}, Enum: []string{"A", "B", "C"}[i%3],
					JSON: fmt.Sprintf(`{"k":%d}`, i), UUID: uuid.NewSHA1(uuid.NameSpaceOID, []byte{byte(i)})}
			}))
		}, []Col{id, {Path: "s", Type: "string", Nullable: true, Nulls: InteropNulls}, {Path: "bin", Type: "binary"},
			{Path: "e", Type: "enum"}, {Path: "j", Type: "json"}, {Path: "u", Type: "uuid"}}},
		{"decimal", func(p string) error {
			return writeParquetGo(p, rowsOf(func(i int) pgDecimals {
				var fix [16]byte
				fix[15] = byte(i)
				return pgDecimals{ID: int64(i), D32: int32(i*125 - 900), D64: int64(i) * 123456, DFix: fix}
			}))
		}, []Col{id, {Path: "d32", Type: "decimal(9,2)"}, {Path: "d64", Type: "decimal(18,4)"}, {Path: "dfix", Type: "decimal(38,3)"}}},
		{"date time timestamp", func(p string) error {
			base := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
			return writeParquetGo(p, rowsOf(func(i int) pgTimes {
				t := base.Add(time.Duration(i) * 36 * time.Hour)
				return pgTimes{ID: int64(i), Date: int32(t.Unix() / 86400), TsUTC: t.UnixMicro(), TsLocal: t.UnixMilli(),
					TsNano: ptr(i, t), Time: int64(i) * 3_600_000_000 / 2}
			}))
		}, []Col{id, {Path: "date", Type: "date"}, {Path: "ts_utc", Type: "timestamp[us, UTC]"}, {Path: "ts_local", Type: "timestamp[ms]"},
			{Path: "ts_nano", Type: "timestamp[ns, UTC]", Nullable: true, Nulls: InteropNulls}, {Path: "time", Type: "time[us]"}}},
		{"int96 timestamp", func(p string) error {
			return writeParquetGo(p, rowsOf(func(i int) pgInt96 {
				// Julian day 2460371 is 2024-03-01; nanoseconds of the day.
				nanos := uint64(i) * 3_600_000_000_000
				return pgInt96{ID: int64(i), T: deprecated.Int96{uint32(nanos), uint32(nanos >> 32), 2460371 + uint32(i)}}
			}))
		}, []Col{id, {Path: "t", Type: "int96"}}},
		{"dictionary encoding", func(p string) error {
			return writeParquetGo(p, rowsOf(func(i int) pgDict { return pgDict{ID: int64(i), S: ptr(i, str(i)), I: int64(i % 4)} }))
		}, []Col{id, {Path: "s", Type: "string", Nullable: true, Nulls: InteropNulls, Encoding: "RLE_DICTIONARY"},
			{Path: "i", Type: "int64", Encoding: "RLE_DICTIONARY"}}},
		{"delta encodings", func(p string) error {
			return writeParquetGo(p, rowsOf(func(i int) pgDelta {
				d := pgDelta{ID: int64(i), I: int64(i * i), S: "prefix-" + str(i)}
				if !null(i) {
					d.I3 = int32(-i - 1)
				}
				return d
			}))
		}, []Col{id, {Path: "i", Type: "int64", Encoding: "DELTA_BINARY_PACKED"},
			{Path: "i3", Type: "int32", Nullable: true, Nulls: InteropNulls, Encoding: "DELTA_BINARY_PACKED"},
			{Path: "s", Type: "string", Encoding: "DELTA_BYTE_ARRAY"}}},
		{"delta length byte array", func(p string) error {
			return writeParquetGo(p, rowsOf(func(i int) pgDeltaLength { return pgDeltaLength{ID: int64(i), S: ptr(i, str(i))} }),
				parquet.DefaultEncodingFor(parquet.ByteArray, &parquet.DeltaLengthByteArray))
		}, []Col{id, {Path: "s", Type: "string", Nullable: true, Nulls: InteropNulls, Encoding: "DELTA_LENGTH_BYTE_ARRAY"}}},
		{"byte stream split", func(p string) error {
			return writeParquetGo(p, rowsOf(func(i int) pgSplit {
				return pgSplit{ID: int64(i), F: ptr(i, float64(i)/7), F32: float32(i) * 0.5}
			}))
		}, []Col{id, {Path: "f", Type: "float64", Nullable: true, Nulls: InteropNulls, Encoding: "BYTE_STREAM_SPLIT"},
			{Path: "f32", Type: "float32", Encoding: "BYTE_STREAM_SPLIT"}}},
		{"rle booleans", func(p string) error {
			return writeParquetGo(p, rowsOf(func(i int) pgBool { return pgBool{ID: int64(i), B: ptr(i, i%4 == 0)} }),
				parquet.DefaultEncodingFor(parquet.Boolean, &parquet.RLE))
		}, []Col{id, {Path: "b", Type: "bool", Nullable: true, Nulls: InteropNulls, Encoding: "RLE"}}},
	}
	codecs := []struct {
		name  string
		codec parquet.WriterOption
	}{
		{"UNCOMPRESSED", parquet.Compression(&parquet.Uncompressed)},
		{"SNAPPY", parquet.Compression(&parquet.Snappy)},
		{"GZIP", parquet.Compression(&parquet.Gzip)},
		{"ZSTD", parquet.Compression(&parquet.Zstd)},
		{"LZ4_RAW", parquet.Compression(&parquet.Lz4Raw)},
		{"BROTLI", parquet.Compression(&parquet.Brotli)},
	}
	for _, c := range codecs {
		cells = append(cells, cell{"codec " + strings.ToLower(c.name), func(p string) error {
			return writeParquetGo(p, basicRows(), c.codec)
		}, basicCols(c.name)})
	}
	for _, v := range []int{1, 2} {
		cells = append(cells, cell{fmt.Sprintf("data page v%d", v), func(p string) error {
			return writeParquetGo(p, basicRows(), parquet.DataPageVersion(v), parquet.Compression(&parquet.Zstd))
		}, basicCols("ZSTD")})
	}
	cells = append(cells,
		cell{"list", func(p string) error {
			return writeParquetGo(p, rowsOf(func(i int) pgList {
				if null(i) {
					return pgList{ID: int64(i)}
				}
				return pgList{ID: int64(i), L: []string{str(i), str(i + 1)}[:1+i%2]}
			}))
		}, []Col{id, {Path: "l", Type: "list<string>", Nullable: true, Nulls: InteropNulls}}},
		cell{"map", func(p string) error {
			return writeParquetGo(p, rowsOf(func(i int) pgMap {
				if null(i) {
					return pgMap{ID: int64(i)}
				}
				return pgMap{ID: int64(i), M: map[string]int32{str(i): int32(i)}}
			}))
		}, []Col{id, {Path: "m", Type: "map<string,int32>", Nullable: true, Nulls: InteropNulls}}},
		cell{"struct", func(p string) error {
			return writeParquetGo(p, rowsOf(func(i int) pgStruct {
				if null(i) {
					return pgStruct{ID: int64(i)}
				}
				return pgStruct{ID: int64(i), Addr: &pgAddress{Street: str(i), Postcode: int32(8000 + i)}}
			}))
		}, []Col{id, {Path: "addr.street", Type: "string", Nullable: true, Nulls: InteropNulls},
			{Path: "addr.postcode", Type: "int32", Nullable: true, Nulls: InteropNulls}}},
		cell{"legacy repeated field", func(p string) error {
			return writeParquetGo(p, rowsOf(func(i int) pgRepeated {
				if null(i) {
					return pgRepeated{ID: int64(i)}
				}
				return pgRepeated{ID: int64(i), R: []int32{int32(i), int32(i * 2)}}
			}))
		}, []Col{id, {Path: "r", Type: "list<int32>", Nulls: InteropNulls}}},
		cell{"legacy two-level list", writeLegacyList, []Col{id, {Path: "tags", Type: "list<string>", Nullable: true, Nulls: InteropNulls}}},
	)
	out := make([]Interop, 0, len(cells))
	for _, c := range cells {
		p := cellPath(dir, ParquetGo, c.feature, ".parquet")
		if err := c.write(p); err != nil {
			return nil, fmt.Errorf("%s/%s: %w", ParquetGo, c.feature, err)
		}
		out = append(out, Interop{Writer: ParquetGo, Feature: c.feature, Path: p, Rows: InteropRows, Columns: c.cols})
	}
	return out, nil
}

// legacyListNode is a LIST group whose repeated child is the element
// itself, named "array", as parquet-avro and other writers of old wrote
// lists (two levels, LogicalTypes.md backward-compatibility rules).
type legacyListNode struct{ parquet.Group }

func (legacyListNode) Type() parquet.Type { return parquet.List(parquet.String()).Type() }

// writeLegacyList writes a two-level list column "tags" (optional group
// tags (LIST) { repeated binary array (STRING); }) row by row, with its
// levels spelled out: the element is at definition level 2.
func writeLegacyList(path string) error {
	schema := parquet.NewSchema("legacy", parquet.Group{
		"id":   parquet.Int(64),
		"tags": parquet.Optional(legacyListNode{parquet.Group{"array": parquet.Repeated(parquet.String())}}),
	})
	var buf bytes.Buffer
	w := parquet.NewWriter(&buf, schema)
	rows := make([]parquet.Row, InteropRows)
	for i := range rows {
		row := parquet.Row{parquet.Int64Value(int64(i)).Level(0, 0, 0)}
		if null(i) {
			row = append(row, parquet.Value{}.Level(0, 0, 1))
		} else {
			for j := range 1 + i%2 {
				rep := 0
				if j > 0 {
					rep = 1
				}
				row = append(row, parquet.ByteArrayValue([]byte(str(i+j))).Level(rep, 2, 1))
			}
		}
		rows[i] = row
	}
	if _, err := w.WriteRows(rows); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return writeFile(path, buf.Bytes())
}

// --- Arrow ---

var mem = memory.NewGoAllocator()

// arrowCell is a cell written from Arrow data: its schema and how to fill
// each row.
type arrowCell struct {
	feature string
	schema  *arrow.Schema
	fill    func(b *array.RecordBuilder, i int)
	cols    []Col
}

func (c arrowCell) record() arrow.RecordBatch {
	b := array.NewRecordBuilder(mem, c.schema)
	defer b.Release()
	for i := range InteropRows {
		c.fill(b, i)
	}
	return b.NewRecordBatch()
}

var (
	idField = arrow.Field{Name: "id", Type: arrow.PrimitiveTypes.Int64}
	idCol   = Col{Path: "id", Type: "int64"}
)

func appendID(b *array.RecordBuilder, i int) { b.Field(0).(*array.Int64Builder).Append(int64(i)) }

// appendOr appends v, or a null in a null row.
func appendOr[T any](bld interface {
	Append(T)
	AppendNull()
}, i int, v T) {
	if null(i) {
		bld.AppendNull()
		return
	}
	bld.Append(v)
}

func basicArrowCell(feature, codec string) arrowCell {
	return arrowCell{feature, arrow.NewSchema([]arrow.Field{idField,
		{Name: "s", Type: arrow.BinaryTypes.String},
		{Name: "f", Type: arrow.PrimitiveTypes.Float64, Nullable: true}}, nil),
		func(b *array.RecordBuilder, i int) {
			appendID(b, i)
			b.Field(1).(*array.StringBuilder).Append(str(i))
			appendOr[float64](b.Field(2).(*array.Float64Builder), i, float64(i)/4)
		}, basicCols(codec)}
}

func listArrowCell() arrowCell {
	return arrowCell{"list", arrow.NewSchema([]arrow.Field{idField,
		{Name: "l", Type: arrow.ListOf(arrow.PrimitiveTypes.Int32), Nullable: true}}, nil),
		func(b *array.RecordBuilder, i int) {
			appendID(b, i)
			lb := b.Field(1).(*array.ListBuilder)
			if null(i) {
				lb.AppendNull()
				return
			}
			lb.Append(true)
			vb := lb.ValueBuilder().(*array.Int32Builder)
			for j := range 1 + i%3 {
				vb.Append(int32(i + j))
			}
		}, []Col{idCol, {Path: "l", Type: "list<int32>", Nullable: true, Nulls: InteropNulls}}}
}

func mapArrowCell() arrowCell {
	return arrowCell{"map", arrow.NewSchema([]arrow.Field{idField,
		{Name: "m", Type: arrow.MapOf(arrow.BinaryTypes.String, arrow.PrimitiveTypes.Int32), Nullable: true}}, nil),
		func(b *array.RecordBuilder, i int) {
			appendID(b, i)
			mb := b.Field(1).(*array.MapBuilder)
			if null(i) {
				mb.AppendNull()
				return
			}
			mb.Append(true)
			mb.KeyBuilder().(*array.StringBuilder).Append(str(i))
			mb.ItemBuilder().(*array.Int32Builder).Append(int32(i))
		}, []Col{idCol, {Path: "m", Type: "map<string,int32>", Nullable: true, Nulls: InteropNulls}}}
}

func structArrowCell() arrowCell {
	addr := arrow.StructOf(arrow.Field{Name: "street", Type: arrow.BinaryTypes.String},
		arrow.Field{Name: "postcode", Type: arrow.PrimitiveTypes.Int32})
	return arrowCell{"struct", arrow.NewSchema([]arrow.Field{idField, {Name: "addr", Type: addr, Nullable: true}}, nil),
		func(b *array.RecordBuilder, i int) {
			appendID(b, i)
			sb := b.Field(1).(*array.StructBuilder)
			if null(i) {
				sb.AppendNull()
				return
			}
			sb.Append(true)
			sb.FieldBuilder(0).(*array.StringBuilder).Append(str(i))
			sb.FieldBuilder(1).(*array.Int32Builder).Append(int32(8000 + i))
		}, []Col{idCol, {Path: "addr.street", Type: "string", Nullable: true, Nulls: InteropNulls},
			{Path: "addr.postcode", Type: "int32", Nullable: true, Nulls: InteropNulls}}}
}

func dictionaryArrowCell() arrowCell {
	dt := &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int16, ValueType: arrow.BinaryTypes.String}
	return arrowCell{"dictionary", arrow.NewSchema([]arrow.Field{idField, {Name: "s", Type: dt, Nullable: true}}, nil),
		func(b *array.RecordBuilder, i int) {
			appendID(b, i)
			db := b.Field(1).(*array.BinaryDictionaryBuilder)
			if null(i) {
				db.AppendNull()
				return
			}
			if err := db.AppendString(str(i)); err != nil {
				panic(err)
			}
		}, []Col{idCol, {Path: "s", Type: "string", Nullable: true, Nulls: InteropNulls}}}
}

func decimalArrowCell() arrowCell {
	return arrowCell{"decimal", arrow.NewSchema([]arrow.Field{idField,
		{Name: "d", Type: &arrow.Decimal128Type{Precision: 10, Scale: 2}, Nullable: true},
		{Name: "wide", Type: &arrow.Decimal128Type{Precision: 38, Scale: 10}}}, nil),
		func(b *array.RecordBuilder, i int) {
			appendID(b, i)
			appendOr[decimal128.Num](b.Field(1).(*array.Decimal128Builder), i, decimal128.FromI64(int64(i*1234-5000)))
			b.Field(2).(*array.Decimal128Builder).Append(decimal128.FromI64(int64(i) * 1_000_000_000_000))
		}, []Col{idCol, {Path: "d", Type: "decimal(10,2)", Nullable: true, Nulls: InteropNulls}, {Path: "wide", Type: "decimal(38,10)"}}}
}

func timesArrowCell() arrowCell {
	base := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
	return arrowCell{"date time timestamp", arrow.NewSchema([]arrow.Field{idField,
		{Name: "date", Type: arrow.FixedWidthTypes.Date32},
		{Name: "ts_local", Type: &arrow.TimestampType{Unit: arrow.Millisecond}},
		{Name: "ts_utc", Type: &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}, Nullable: true},
		{Name: "ts_cph", Type: &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "Europe/Copenhagen"}},
		{Name: "time", Type: arrow.FixedWidthTypes.Time64us}}, nil),
		func(b *array.RecordBuilder, i int) {
			t := base.Add(time.Duration(i) * 36 * time.Hour)
			appendID(b, i)
			b.Field(1).(*array.Date32Builder).Append(arrow.Date32FromTime(t))
			b.Field(2).(*array.TimestampBuilder).Append(arrow.Timestamp(t.UnixMilli()))
			appendOr[arrow.Timestamp](b.Field(3).(*array.TimestampBuilder), i, arrow.Timestamp(t.UnixMicro()))
			b.Field(4).(*array.TimestampBuilder).Append(arrow.Timestamp(t.UnixMicro()))
			b.Field(5).(*array.Time64Builder).Append(arrow.Time64(int64(i) * 1_800_000_000))
		}, nil}
}

func float16ArrowCell() arrowCell {
	return arrowCell{"float16", arrow.NewSchema([]arrow.Field{idField,
		{Name: "h", Type: arrow.FixedWidthTypes.Float16, Nullable: true}}, nil),
		func(b *array.RecordBuilder, i int) {
			appendID(b, i)
			appendOr[float16.Num](b.Field(1).(*array.Float16Builder), i, float16.New(float32(i)/2))
		}, []Col{idCol, {Path: "h", Type: "float16", Nullable: true, Nulls: InteropNulls}}}
}

func uuidJSONArrowCell() (arrowCell, error) {
	jt, err := extensions.NewJSONType(arrow.BinaryTypes.String)
	if err != nil {
		return arrowCell{}, err
	}
	return arrowCell{"uuid json", arrow.NewSchema([]arrow.Field{idField,
		{Name: "u", Type: extensions.NewUUIDType(), Nullable: true},
		{Name: "j", Type: jt}}, nil),
		func(b *array.RecordBuilder, i int) {
			appendID(b, i)
			ub := b.Field(1).(*extensions.UUIDBuilder)
			if null(i) {
				ub.AppendNull()
			} else {
				ub.Append(uuid.NewSHA1(uuid.NameSpaceOID, []byte{byte(i)}))
			}
			b.Field(2).(*array.ExtensionBuilder).StorageBuilder().(*array.StringBuilder).Append(fmt.Sprintf(`{"k":%d}`, i))
		}, []Col{idCol, {Path: "u", Type: "uuid", Nullable: true, Nulls: InteropNulls}, {Path: "j", Type: "json"}}}, nil
}

func writePqArrow(path string, c arrowCell, props []aparquet.WriterProperty, aprops ...pqarrow.WriterOption) error {
	rec := c.record()
	defer rec.Release()
	var buf bytes.Buffer
	w, err := pqarrow.NewFileWriter(c.schema, &buf, aparquet.NewWriterProperties(props...), pqarrow.NewArrowWriterProperties(aprops...))
	if err != nil {
		return err
	}
	if err := w.Write(rec); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return writeFile(path, buf.Bytes())
}

func pqarrowCells(dir string) ([]Interop, error) {
	type cell struct {
		arrowCell
		props  []aparquet.WriterProperty
		aprops []pqarrow.WriterOption
	}
	uj, err := uuidJSONArrowCell()
	if err != nil {
		return nil, err
	}
	times := timesArrowCell()
	times.cols = []Col{idCol, {Path: "date", Type: "date"}, {Path: "ts_local", Type: "timestamp[ms]"},
		{Path: "ts_utc", Type: "timestamp[us, UTC]", Nullable: true, Nulls: InteropNulls},
		{Path: "ts_cph", Type: "timestamp[us, UTC]"}, {Path: "time", Type: "time[us]"}}
	int96 := arrowCell{"int96 timestamp", arrow.NewSchema([]arrow.Field{idField,
		{Name: "ts", Type: &arrow.TimestampType{Unit: arrow.Nanosecond}, Nullable: true},
		{Name: "ts_utc", Type: &arrow.TimestampType{Unit: arrow.Nanosecond, TimeZone: "UTC"}}}, nil),
		func(b *array.RecordBuilder, i int) {
			t := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC).Add(time.Duration(i) * 36 * time.Hour)
			appendID(b, i)
			appendOr[arrow.Timestamp](b.Field(1).(*array.TimestampBuilder), i, arrow.Timestamp(t.UnixNano()))
			b.Field(2).(*array.TimestampBuilder).Append(arrow.Timestamp(t.UnixNano()))
		}, []Col{idCol, {Path: "ts", Type: "int96", Nullable: true, Nulls: InteropNulls}, {Path: "ts_utc", Type: "int96"}}}
	dict := dictionaryArrowCell()
	dict.feature = "dictionary encoding"
	dict.cols[1].Encoding = "RLE_DICTIONARY"
	noDict := aparquet.WithDictionaryDefault(false)
	enc := func(feature, e string, c arrowCell, col int, props ...aparquet.WriterProperty) cell {
		c.feature = feature
		c.cols = append([]Col(nil), c.cols...)
		c.cols[col].Encoding = e
		return cell{arrowCell: c, props: append([]aparquet.WriterProperty{noDict}, props...)}
	}
	basic := basicArrowCell("", "")
	cells := []cell{
		{arrowCell: decimalArrowCell()},
		{arrowCell: times},
		{arrowCell: int96, aprops: []pqarrow.WriterOption{pqarrow.WithDeprecatedInt96Timestamps(true)}},
		{arrowCell: float16ArrowCell()},
		{arrowCell: uj},
		{arrowCell: dict},
		enc("delta binary packed", "DELTA_BINARY_PACKED", basic, 0, aparquet.WithEncodingFor("id", aparquet.Encodings.DeltaBinaryPacked)),
		enc("delta length byte array", "DELTA_LENGTH_BYTE_ARRAY", basic, 1, aparquet.WithEncodingFor("s", aparquet.Encodings.DeltaLengthByteArray)),
		enc("delta byte array", "DELTA_BYTE_ARRAY", basic, 1, aparquet.WithEncodingFor("s", aparquet.Encodings.DeltaByteArray)),
		enc("byte stream split", "BYTE_STREAM_SPLIT", basic, 2, aparquet.WithEncodingFor("f", aparquet.Encodings.ByteStreamSplit)),
	}
	rle := arrowCell{"rle booleans", arrow.NewSchema([]arrow.Field{idField, {Name: "b", Type: arrow.FixedWidthTypes.Boolean, Nullable: true}}, nil),
		func(b *array.RecordBuilder, i int) {
			appendID(b, i)
			appendOr[bool](b.Field(1).(*array.BooleanBuilder), i, i%4 == 0)
		}, []Col{idCol, {Path: "b", Type: "bool", Nullable: true, Nulls: InteropNulls, Encoding: "RLE"}}}
	cells = append(cells, cell{arrowCell: rle, props: []aparquet.WriterProperty{noDict, aparquet.WithDataPageVersion(aparquet.DataPageV2)}})
	codecs := []struct {
		name  string
		codec compress.Compression
	}{
		{"UNCOMPRESSED", compress.Codecs.Uncompressed},
		{"SNAPPY", compress.Codecs.Snappy},
		{"GZIP", compress.Codecs.Gzip},
		{"ZSTD", compress.Codecs.Zstd},
		{"LZ4_RAW", compress.Codecs.Lz4Raw},
		{"BROTLI", compress.Codecs.Brotli},
	}
	for _, c := range codecs {
		cells = append(cells, cell{arrowCell: basicArrowCell("codec "+strings.ToLower(c.name), c.name),
			props: []aparquet.WriterProperty{aparquet.WithCompression(c.codec)}})
	}
	for _, v := range []aparquet.DataPageVersion{aparquet.DataPageV1, aparquet.DataPageV2} {
		cells = append(cells, cell{arrowCell: basicArrowCell(fmt.Sprintf("data page v%d", int(v)+1), "ZSTD"),
			props: []aparquet.WriterProperty{aparquet.WithDataPageVersion(v), aparquet.WithCompression(compress.Codecs.Zstd)}})
	}
	cells = append(cells, cell{arrowCell: listArrowCell()}, cell{arrowCell: mapArrowCell()}, cell{arrowCell: structArrowCell()})
	out := make([]Interop, 0, len(cells))
	for _, c := range cells {
		p := cellPath(dir, PqArrow, c.feature, ".parquet")
		if err := writePqArrow(p, c.arrowCell, c.props, c.aprops...); err != nil {
			return nil, fmt.Errorf("%s/%s: %w", PqArrow, c.feature, err)
		}
		out = append(out, Interop{Writer: PqArrow, Feature: c.feature, Path: p, Rows: InteropRows, Columns: c.cols})
	}
	return out, nil
}

// arrowIPCCells writes each Arrow cell as an IPC file and as a stream,
// uncompressed and compressed with LZ4 and zstd.
func arrowIPCCells(dir string) ([]Interop, error) {
	uj, err := uuidJSONArrowCell()
	if err != nil {
		return nil, err
	}
	times := timesArrowCell()
	times.cols = []Col{idCol, {Path: "date", Type: "date"}, {Path: "ts_local", Type: "timestamp[ms]"},
		{Path: "ts_utc", Type: "timestamp[us, UTC]", Nullable: true, Nulls: InteropNulls},
		{Path: "ts_cph", Type: "timestamp[us, Europe/Copenhagen]"}, {Path: "time", Type: "time[us]"}}
	base := []arrowCell{basicArrowCell("types", ""), decimalArrowCell(), times, float16ArrowCell(), uj,
		dictionaryArrowCell(), listArrowCell(), mapArrowCell(), structArrowCell()}
	for i := range base {
		for j := range base[i].cols {
			base[i].cols[j].Codec = ""
		}
	}
	compressions := []struct {
		name string
		opt  []ipc.Option
	}{{"", nil}, {" lz4", []ipc.Option{ipc.WithLZ4()}}, {" zstd", []ipc.Option{ipc.WithZstd()}}}
	var out []Interop
	for _, c := range base {
		for _, comp := range compressions {
			if comp.name != "" && c.feature != "types" && c.feature != "dictionary" {
				continue // compression is tested on plain and dictionary columns
			}
			for _, kind := range []string{"file", "stream"} {
				feature := kind + " " + c.feature + comp.name
				ext := ".arrow"
				if kind == "stream" {
					ext = ".arrows"
				}
				p := cellPath(dir, ArrowIPC, feature, ext)
				if err := writeIPC(p, kind == "stream", c, comp.opt...); err != nil {
					return nil, fmt.Errorf("%s/%s: %w", ArrowIPC, feature, err)
				}
				out = append(out, Interop{Writer: ArrowIPC, Feature: feature, Path: p, Rows: InteropRows, Columns: c.cols})
			}
		}
	}
	return out, nil
}

func writeIPC(path string, stream bool, c arrowCell, opts ...ipc.Option) error {
	rec := c.record()
	defer rec.Release()
	// Two batches, so that a dictionary is carried across batches.
	first, second := rec.NewSlice(0, InteropRows/2), rec.NewSlice(InteropRows/2, InteropRows)
	defer first.Release()
	defer second.Release()
	opts = append([]ipc.Option{ipc.WithSchema(c.schema), ipc.WithAllocator(mem)}, opts...)
	var buf bytes.Buffer
	var w interface {
		Write(arrow.RecordBatch) error
		Close() error
	}
	if stream {
		w = ipc.NewWriter(&buf, opts...)
	} else {
		fw, err := ipc.NewFileWriter(&buf, opts...)
		if err != nil {
			return err
		}
		w = fw
	}
	for _, r := range []arrow.RecordBatch{first, second} {
		if err := w.Write(r); err != nil {
			return err
		}
	}
	if err := w.Close(); err != nil {
		return err
	}
	return writeFile(path, buf.Bytes())
}
