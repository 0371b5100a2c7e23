package testfiles

import (
	"math/big"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/extensions"
	"github.com/apache/arrow-go/v18/arrow/float16"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// The Arrow cells: record batches built with Arrow for Go, written as Parquet by pqarrow
// (interop_pqarrow.go) and as IPC files and streams (interop_ipc.go).

var mem = memory.NewGoAllocator()

// arrowCell is a cell written from Arrow data: its schema and how to fill
// each row.
type arrowCell struct {
	feature string
	schema  *arrow.Schema
	fill    func(b *array.RecordBuilder, i int)
	cols    []Col
	// covers are the matrix rows the data prove, whichever the writer.
	covers []string
	// rows defaults to InteropRows.
	rows int
}

func (c arrowCell) numRows() int {
	if c.rows > 0 {
		return c.rows
	}
	return InteropRows
}

func (c arrowCell) record() arrow.RecordBatch {
	b := array.NewRecordBuilder(mem, c.schema)
	defer b.Release()
	for i := range c.numRows() {
		c.fill(b, i)
	}
	return b.NewRecordBatch()
}

var idField = arrow.Field{Name: "id", Type: arrow.PrimitiveTypes.Int64}

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
	return arrowCell{feature: feature, schema: arrow.NewSchema([]arrow.Field{idField,
		{Name: "s", Type: arrow.BinaryTypes.String},
		{Name: "f", Type: arrow.PrimitiveTypes.Float64, Nullable: true}}, nil),
		fill: func(b *array.RecordBuilder, i int) {
			appendID(b, i)
			b.Field(1).(*array.StringBuilder).Append(str(i))
			appendOr[float64](b.Field(2).(*array.Float64Builder), i, rowF(i))
		}, cols: basicCols(codec), covers: []string{FString, FFloat}}
}

func numbersArrowCell() arrowCell {
	return arrowCell{feature: "bool and integers and floats", schema: arrow.NewSchema([]arrow.Field{idField,
		{Name: "b", Type: arrow.FixedWidthTypes.Boolean},
		{Name: "i8", Type: arrow.PrimitiveTypes.Int8},
		{Name: "i16", Type: arrow.PrimitiveTypes.Int16},
		{Name: "i32", Type: arrow.PrimitiveTypes.Int32},
		{Name: "u8", Type: arrow.PrimitiveTypes.Uint8},
		{Name: "u16", Type: arrow.PrimitiveTypes.Uint16},
		{Name: "u32", Type: arrow.PrimitiveTypes.Uint32},
		{Name: "u64", Type: arrow.PrimitiveTypes.Uint64},
		{Name: "f32", Type: arrow.PrimitiveTypes.Float32},
		{Name: "f64", Type: arrow.PrimitiveTypes.Float64, Nullable: true}}, nil),
		fill: func(b *array.RecordBuilder, i int) {
			appendID(b, i)
			b.Field(1).(*array.BooleanBuilder).Append(i%2 == 0)
			b.Field(2).(*array.Int8Builder).Append(rowI8(i))
			b.Field(3).(*array.Int16Builder).Append(rowI16(i))
			b.Field(4).(*array.Int32Builder).Append(rowI32(i))
			b.Field(5).(*array.Uint8Builder).Append(rowU8(i))
			b.Field(6).(*array.Uint16Builder).Append(rowU16(i))
			b.Field(7).(*array.Uint32Builder).Append(rowU32(i))
			b.Field(8).(*array.Uint64Builder).Append(rowU64(i))
			b.Field(9).(*array.Float32Builder).Append(rowF32(i))
			appendOr[float64](b.Field(10).(*array.Float64Builder), i, rowF64(i))
		}, cols: []Col{idCol,
			{Path: "b", Type: "bool", Values: every(func(i int) string { return boolText(i%2 == 0) })},
			{Path: "i8", Type: "int8", Values: every(func(i int) string { return intText(rowI8(i)) })},
			{Path: "i16", Type: "int16", Values: every(func(i int) string { return intText(rowI16(i)) })},
			{Path: "i32", Type: "int32", Values: every(func(i int) string { return intText(rowI32(i)) })},
			{Path: "u8", Type: "uint8", Values: every(func(i int) string { return uintText(rowU8(i)) })},
			{Path: "u16", Type: "uint16", Values: every(func(i int) string { return uintText(rowU16(i)) })},
			{Path: "u32", Type: "uint32", Values: every(func(i int) string { return uintText(rowU32(i)) })},
			{Path: "u64", Type: "uint64", Values: every(func(i int) string { return uintText(rowU64(i)) })},
			{Path: "f32", Type: "float32", Values: every(func(i int) string { return floatText(float64(rowF32(i))) })},
			{Path: "f64", Type: "float64", Nullable: true, Nulls: InteropNulls, Values: orNull(func(i int) string { return floatText(rowF64(i)) })}},
		covers: []string{FBool, FSigned, FUnsigned, FFloat}}
}

func rowFixed(i int) []byte { return []byte{byte(i), 0xfe, 0xff} }

func stringsArrowCell() arrowCell {
	return arrowCell{feature: "string binary", schema: arrow.NewSchema([]arrow.Field{idField,
		{Name: "s", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "bin", Type: arrow.BinaryTypes.Binary},
		{Name: "ls", Type: arrow.BinaryTypes.LargeString},
		{Name: "fsb", Type: &arrow.FixedSizeBinaryType{ByteWidth: 3}}}, nil),
		fill: func(b *array.RecordBuilder, i int) {
			appendID(b, i)
			appendOr[string](b.Field(1).(*array.StringBuilder), i, str(i))
			b.Field(2).(*array.BinaryBuilder).Append(rowBinary(i))
			b.Field(3).(*array.LargeStringBuilder).Append("large-" + str(i))
			b.Field(4).(*array.FixedSizeBinaryBuilder).Append(rowFixed(i))
		}, cols: []Col{idCol,
			{Path: "s", Type: "string", Nullable: true, Nulls: InteropNulls, Values: orNull(str)},
			{Path: "bin", Type: "binary", Values: every(func(i int) string { return hexText(rowBinary(i)) })},
			{Path: "ls", Type: "string", Values: every(func(i int) string { return "large-" + str(i) })},
			{Path: "fsb", Type: "fixed_size_binary[3]", Values: every(func(i int) string { return hexText(rowFixed(i)) })}},
		covers: []string{FString, FBinary}}
}

func listArrowCell() arrowCell {
	elems := func(i int) []int32 {
		out := make([]int32, 1+i%3)
		for j := range out {
			out[j] = int32(i + j)
		}
		return out
	}
	return arrowCell{feature: "list", schema: arrow.NewSchema([]arrow.Field{idField,
		{Name: "l", Type: arrow.ListOf(arrow.PrimitiveTypes.Int32), Nullable: true}}, nil),
		fill: func(b *array.RecordBuilder, i int) {
			appendID(b, i)
			lb := b.Field(1).(*array.ListBuilder)
			if null(i) {
				lb.AppendNull()
				return
			}
			lb.Append(true)
			lb.ValueBuilder().(*array.Int32Builder).AppendValues(elems(i), nil)
		}, cols: []Col{idCol, {Path: "l", Type: "list<int32>", Nullable: true, Nulls: InteropNulls,
			Values: values(InteropRows, nullOr(func(i int) []string {
				var out []string
				for _, v := range elems(i) {
					out = append(out, intText(v))
				}
				return out
			}))}},
		covers: []string{FList}}
}

func mapArrowCell() arrowCell {
	return arrowCell{feature: "map", schema: arrow.NewSchema([]arrow.Field{idField,
		{Name: "m", Type: arrow.MapOf(arrow.BinaryTypes.String, arrow.PrimitiveTypes.Int32), Nullable: true}}, nil),
		fill: func(b *array.RecordBuilder, i int) {
			appendID(b, i)
			mb := b.Field(1).(*array.MapBuilder)
			if null(i) {
				mb.AppendNull()
				return
			}
			mb.Append(true)
			mb.KeyBuilder().(*array.StringBuilder).Append(str(i))
			mb.ItemBuilder().(*array.Int32Builder).Append(int32(i))
		}, cols: []Col{idCol, {Path: "m", Type: "map<string,int32>", Nullable: true, Nulls: InteropNulls, Values: orNull(str)}},
		covers: []string{FMap}}
}

func structArrowCell() arrowCell {
	addr := arrow.StructOf(arrow.Field{Name: "street", Type: arrow.BinaryTypes.String},
		arrow.Field{Name: "postcode", Type: arrow.PrimitiveTypes.Int32})
	return arrowCell{feature: "struct", schema: arrow.NewSchema([]arrow.Field{idField, {Name: "addr", Type: addr, Nullable: true}}, nil),
		fill: func(b *array.RecordBuilder, i int) {
			appendID(b, i)
			sb := b.Field(1).(*array.StructBuilder)
			if null(i) {
				sb.AppendNull()
				return
			}
			sb.Append(true)
			sb.FieldBuilder(0).(*array.StringBuilder).Append(str(i))
			sb.FieldBuilder(1).(*array.Int32Builder).Append(int32(8000 + i))
		}, cols: []Col{idCol, {Path: "addr.street", Type: "string", Nullable: true, Nulls: InteropNulls, Values: orNull(str)},
			{Path: "addr.postcode", Type: "int32", Nullable: true, Nulls: InteropNulls, Values: orNull(func(i int) string { return intText(8000 + i) })}},
		covers: []string{FStruct}}
}

func dictionaryArrowCell() arrowCell {
	dt := &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int16, ValueType: arrow.BinaryTypes.String}
	return arrowCell{feature: "dictionary", schema: arrow.NewSchema([]arrow.Field{idField, {Name: "s", Type: dt, Nullable: true}}, nil),
		fill: func(b *array.RecordBuilder, i int) {
			appendID(b, i)
			db := b.Field(1).(*array.BinaryDictionaryBuilder)
			if null(i) {
				db.AppendNull()
				return
			}
			if err := db.AppendString(str(i)); err != nil {
				panic(err)
			}
		}, cols: []Col{idCol, {Path: "s", Type: "string", Nullable: true, Nulls: InteropNulls, Values: orNull(str)}},
		covers: []string{FArrowDictionary}}
}

// rowWide is row i's unscaled value of the wide decimal column: up to
// 10^26, beyond 64 bits.
func rowWide(i int) *big.Int {
	return new(big.Int).Mul(big.NewInt(int64(i-15)), new(big.Int).Exp(big.NewInt(10), big.NewInt(25), nil))
}

func decimalArrowCell() arrowCell {
	return arrowCell{feature: "decimal", schema: arrow.NewSchema([]arrow.Field{idField,
		{Name: "d", Type: &arrow.Decimal128Type{Precision: 10, Scale: 2}, Nullable: true},
		{Name: "wide", Type: &arrow.Decimal128Type{Precision: 38, Scale: 10}}}, nil),
		fill: func(b *array.RecordBuilder, i int) {
			appendID(b, i)
			appendOr[decimal128.Num](b.Field(1).(*array.Decimal128Builder), i, decimal128.FromI64(int64(i*1234-5000)))
			b.Field(2).(*array.Decimal128Builder).Append(decimal128.FromBigInt(rowWide(i)))
		}, cols: []Col{idCol,
			{Path: "d", Type: "decimal(10,2)", Nullable: true, Nulls: InteropNulls, Values: orNull(func(i int) string { return decText(int64(i*1234-5000), 2) })},
			{Path: "wide", Type: "decimal(38,10)", Values: every(func(i int) string { return decimalText(rowWide(i), 10) })}},
		covers: []string{FDecimal}}
}

// timesArrowCell has a zoned timestamp column ts_cph whose type tzType
// names (pqarrow writes any zone as UTC).
func timesArrowCell(tzType string) arrowCell {
	return arrowCell{feature: "date time timestamp", schema: arrow.NewSchema([]arrow.Field{idField,
		{Name: "date", Type: arrow.FixedWidthTypes.Date32},
		{Name: "ts_local", Type: &arrow.TimestampType{Unit: arrow.Millisecond}},
		{Name: "ts_utc", Type: &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}, Nullable: true},
		{Name: "ts_cph", Type: &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "Europe/Copenhagen"}},
		{Name: "time", Type: arrow.FixedWidthTypes.Time64us}}, nil),
		fill: func(b *array.RecordBuilder, i int) {
			appendID(b, i)
			b.Field(1).(*array.Date32Builder).Append(arrow.Date32FromTime(at(i)))
			b.Field(2).(*array.TimestampBuilder).Append(arrow.Timestamp(at(i).UnixMilli()))
			appendOr[arrow.Timestamp](b.Field(3).(*array.TimestampBuilder), i, arrow.Timestamp(subMicros(i).UnixMicro()))
			b.Field(4).(*array.TimestampBuilder).Append(arrow.Timestamp(at(i).UnixMicro()))
			b.Field(5).(*array.Time64Builder).Append(arrow.Time64(timeOfDay(i).Microseconds()))
		}, cols: []Col{idCol,
			{Path: "date", Type: "date", Values: every(func(i int) string { return dateText(at(i)) })},
			{Path: "ts_local", Type: "timestamp[ms]", Values: every(func(i int) string { return timestampText(at(i)) })},
			{Path: "ts_utc", Type: "timestamp[us, UTC]", Nullable: true, Nulls: InteropNulls, Values: orNull(func(i int) string { return timestampText(subMicros(i)) })},
			{Path: "ts_cph", Type: tzType, Values: every(func(i int) string { return timestampText(at(i)) })},
			{Path: "time", Type: "time[us]", Values: every(func(i int) string { return timeOfDayText(timeOfDay(i)) })}},
		covers: []string{FDate, FTime, FTimestampUTC, FTimestampLocal}}
}

func rowHalf(i int) float16.Num { return float16.New(float32(i)/2 - 3.25) }

func float16ArrowCell() arrowCell {
	return arrowCell{feature: "float16", schema: arrow.NewSchema([]arrow.Field{idField,
		{Name: "h", Type: arrow.FixedWidthTypes.Float16, Nullable: true}}, nil),
		fill: func(b *array.RecordBuilder, i int) {
			appendID(b, i)
			appendOr[float16.Num](b.Field(1).(*array.Float16Builder), i, rowHalf(i))
		}, cols: []Col{idCol, {Path: "h", Type: "float16", Nullable: true, Nulls: InteropNulls,
			Values: orNull(func(i int) string { return floatText(float64(rowHalf(i).Float32())) })}},
		covers: []string{FFloat16}}
}

func uuidJSONArrowCell() (arrowCell, error) {
	jt, err := extensions.NewJSONType(arrow.BinaryTypes.String)
	if err != nil {
		return arrowCell{}, err
	}
	return arrowCell{feature: "uuid json", schema: arrow.NewSchema([]arrow.Field{idField,
		{Name: "u", Type: extensions.NewUUIDType(), Nullable: true},
		{Name: "j", Type: jt}}, nil),
		fill: func(b *array.RecordBuilder, i int) {
			appendID(b, i)
			ub := b.Field(1).(*extensions.UUIDBuilder)
			if null(i) {
				ub.AppendNull()
			} else {
				ub.Append(rowUUID(i))
			}
			b.Field(2).(*array.ExtensionBuilder).StorageBuilder().(*array.StringBuilder).Append(rowJSON(i))
		}, cols: []Col{idCol, {Path: "u", Type: "uuid", Nullable: true, Nulls: InteropNulls, Values: orNull(func(i int) string { return rowUUID(i).String() })},
			{Path: "j", Type: "json", Values: every(rowJSON)}},
		covers: []string{FUUID, FJSON}}, nil
}

func pagedArrowCell() arrowCell {
	return arrowCell{feature: "many pages and row groups", schema: arrow.NewSchema([]arrow.Field{idField,
		{Name: "s", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "f", Type: arrow.PrimitiveTypes.Float64}}, nil),
		fill: func(b *array.RecordBuilder, i int) {
			appendID(b, i)
			appendOr[string](b.Field(1).(*array.StringBuilder), i, pagedS(i))
			b.Field(2).(*array.Float64Builder).Append(pagedF(i))
		}, cols: pagedCols(), covers: []string{FPages}, rows: PagedRows}
}
