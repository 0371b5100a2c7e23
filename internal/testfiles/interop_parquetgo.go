package testfiles

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/deprecated"
)

// WriteParquet writes rows to a Parquet file at path with parquet-go\'s
// generic writer, creating its directory.
func WriteParquet[T any](path string, rows []T, opts ...parquet.WriterOption) error {
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

type pgPaged struct {
	ID int64   `parquet:"id"`
	S  *string `parquet:"s,optional,dict"`
	F  float64 `parquet:"f"`
}

func rowF(i int) float64 { return float64(i) / 4 }

type pgIncompressible struct {
	ID int64  `parquet:"id"`
	N  int64  `parquet:"n"`
	S  string `parquet:"s"`
}

// mix is splitmix64's output function: row i's pseudo-random bits, the
// same on every run.
func mix(i int) uint64 {
	z := uint64(i) + 0x9e3779b97f4a7c15
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// Row values of the incompressible cells: a pseudo-random integer and 24
// pseudo-random hexadecimal digits.
func rowRandInt(i int) int64 { return int64(mix(i)) }
func rowRandStr(i int) string {
	return fmt.Sprintf("%016x%08x", mix(i+IncompressibleRows), uint32(mix(i+2*IncompressibleRows)))
}

// incompressibleMaxRatio bounds how much a page of the incompressible
// cells compresses: well below the three times under which parquet-go
// misread LZ4_RAW pages.
const incompressibleMaxRatio = 1.5

// incompressibleCols are the columns of the incompressible cells.
func incompressibleCols(codec string) []Col {
	return []Col{
		{Path: "id", Type: "int64", Codec: codec, Values: values(IncompressibleRows, func(i int) []string { return []string{intText(i)} })},
		{Path: "n", Type: "int64", Codec: codec, MaxRatio: incompressibleMaxRatio,
			Values: values(IncompressibleRows, func(i int) []string { return []string{intText(rowRandInt(i))} })},
		{Path: "s", Type: "string", Codec: codec, MaxRatio: incompressibleMaxRatio,
			Values: values(IncompressibleRows, func(i int) []string { return []string{rowRandStr(i)} })},
	}
}

func basicRows() []pgBasic {
	return rowsOf(func(i int) pgBasic { return pgBasic{ID: int64(i), S: str(i), F: ptr(i, rowF(i))} })
}

var idCol = Col{Path: "id", Type: "int64", Values: every(func(i int) string { return intText(i) })}

func basicCols(codec string) []Col {
	return []Col{
		{Path: "id", Type: "int64", Codec: codec, Values: idCol.Values},
		{Path: "s", Type: "string", Codec: codec, Values: every(str)},
		{Path: "f", Type: "float64", Nullable: true, Nulls: InteropNulls, Codec: codec,
			Values: orNull(func(i int) string { return floatText(rowF(i)) })},
	}
}

// withEncoding returns cols with column i's chunk required to use encs.
func withEncoding(cols []Col, i int, encs ...string) []Col {
	cols = append([]Col(nil), cols...)
	cols[i].Encodings = encs
	return cols
}

// pagedValues are the values of the paged cells' columns.
func pagedS(i int) string  { return fmt.Sprintf("v%03d", i%300) }
func pagedF(i int) float64 { return float64(i%500) * 0.25 }

func pagedCols() []Col {
	return []Col{
		{Path: "id", Type: "int64", Values: values(PagedRows, func(i int) []string { return []string{intText(i)} })},
		{Path: "s", Type: "string", Nullable: true, Nulls: PagedRows / 3, Values: values(PagedRows, func(i int) []string {
			if null(i) {
				return nil
			}
			return []string{pagedS(i)}
		})},
		{Path: "f", Type: "float64", Values: values(PagedRows, func(i int) []string { return []string{floatText(pagedF(i))} })},
	}
}

// pgCell is a parquet-go cell before it is written.
type pgCell struct {
	feature string
	covers  []string
	write   func(path string) error
	cols    []Col
	// rowGroups, minPages and pageVersion as in Interop; rows defaults to
	// InteropRows.
	rowGroups, minPages, pageVersion, rows int
}

func parquetGoCells(dir string) ([]Interop, error) {
	cells := []pgCell{
		{feature: "bool and integers and floats", covers: []string{FBool, FSigned, FUnsigned, FFloat, FPlain}, write: func(p string) error {
			return WriteParquet(p, rowsOf(func(i int) pgNumbers {
				return pgNumbers{ID: int64(i), B: i%2 == 0, I8: rowI8(i), I16: rowI16(i), I32: rowI32(i),
					U32: rowU32(i), U64: rowU64(i), F32: rowF32(i), F64: ptr(i, rowF64(i))}
			}))
		}, cols: []Col{idCol,
			{Path: "b", Type: "bool", Values: every(func(i int) string { return boolText(i%2 == 0) })},
			{Path: "i8", Type: "int8", Values: every(func(i int) string { return intText(rowI8(i)) })},
			{Path: "i16", Type: "int16", Values: every(func(i int) string { return intText(rowI16(i)) })},
			{Path: "i32", Type: "int32", Encodings: []string{"PLAIN"}, Values: every(func(i int) string { return intText(rowI32(i)) })},
			{Path: "u32", Type: "uint32", Values: every(func(i int) string { return uintText(rowU32(i)) })},
			{Path: "u64", Type: "uint64", Values: every(func(i int) string { return uintText(rowU64(i)) })},
			{Path: "f32", Type: "float32", Values: every(func(i int) string { return floatText(float64(rowF32(i))) })},
			{Path: "f64", Type: "float64", Nullable: true, Nulls: InteropNulls, Values: orNull(func(i int) string { return floatText(rowF64(i)) })}}},
		{feature: "string binary enum json uuid", covers: []string{FString, FBinary, FEnum, FJSON, FUUID}, write: func(p string) error {
			return WriteParquet(p, rowsOf(func(i int) pgStrings {
				return pgStrings{ID: int64(i), S: ptr(i, str(i)), Bin: rowBinary(i), Enum: []string{"A", "B", "C"}[i%3],
					JSON: rowJSON(i), UUID: rowUUID(i)}
			}))
		}, cols: []Col{idCol,
			{Path: "s", Type: "string", Nullable: true, Nulls: InteropNulls, Values: orNull(str)},
			{Path: "bin", Type: "binary", Values: every(func(i int) string { return hexText(rowBinary(i)) })},
			{Path: "e", Type: "enum", Values: every(func(i int) string { return []string{"A", "B", "C"}[i%3] })},
			{Path: "j", Type: "json", Values: every(rowJSON)},
			{Path: "u", Type: "uuid", Values: every(func(i int) string { return rowUUID(i).String() })}}},
		{feature: "decimal", covers: []string{FDecimal}, write: func(p string) error {
			return WriteParquet(p, rowsOf(func(i int) pgDecimals {
				return pgDecimals{ID: int64(i), D32: int32(i*125 - 900), D64: int64(i) * 123456, DFix: be16(int64(i*1000 - 15_000))}
			}))
		}, cols: []Col{idCol,
			{Path: "d32", Type: "decimal(9,2)", Values: every(func(i int) string { return decText(int64(i*125-900), 2) })},
			{Path: "d64", Type: "decimal(18,4)", Values: every(func(i int) string { return decText(int64(i)*123456, 4) })},
			{Path: "dfix", Type: "decimal(38,3)", Values: every(func(i int) string { return decText(int64(i*1000-15_000), 3) })}}},
		{feature: "date time timestamp", covers: []string{FDate, FTime, FTimestampUTC, FTimestampLocal}, write: func(p string) error {
			return WriteParquet(p, rowsOf(func(i int) pgTimes {
				return pgTimes{ID: int64(i), Date: int32(at(i).Unix() / 86400), TsUTC: subMicros(i).UnixMicro(),
					TsLocal: at(i).UnixMilli(), TsNano: ptr(i, subNanos(i)), Time: timeOfDay(i).Microseconds()}
			}))
		}, cols: []Col{idCol,
			{Path: "date", Type: "date", Values: every(func(i int) string { return dateText(at(i)) })},
			{Path: "ts_utc", Type: "timestamp[us, UTC]", Values: every(func(i int) string { return timestampText(subMicros(i)) })},
			{Path: "ts_local", Type: "timestamp[ms]", Values: every(func(i int) string { return timestampText(at(i)) })},
			{Path: "ts_nano", Type: "timestamp[ns, UTC]", Nullable: true, Nulls: InteropNulls,
				Values: orNull(func(i int) string { return timestampText(subNanos(i)) })},
			{Path: "time", Type: "time[us]", Values: every(func(i int) string { return timeOfDayText(timeOfDay(i)) })}}},
		{feature: "int96 timestamp", covers: []string{FInt96}, write: func(p string) error {
			return WriteParquet(p, rowsOf(func(i int) pgInt96 {
				// Julian day 2460371 is 2024-03-01; nanoseconds of the day.
				nanos := uint64(int96Nanos(i))
				return pgInt96{ID: int64(i), T: deprecated.Int96{uint32(nanos), uint32(nanos >> 32), 2460371 + uint32(i)}}
			}))
		}, cols: []Col{idCol, {Path: "t", Type: "int96", Values: every(func(i int) string {
			return timestampText(time.Date(2024, 3, 1+i, 0, 0, 0, 0, time.UTC).Add(int96Nanos(i)))
		})}}},
		{feature: "dictionary encoding", covers: []string{FDictionary}, write: func(p string) error {
			return WriteParquet(p, rowsOf(func(i int) pgDict { return pgDict{ID: int64(i), S: ptr(i, str(i)), I: int64(i % 4)} }))
		}, cols: []Col{idCol, {Path: "s", Type: "string", Nullable: true, Nulls: InteropNulls, Encodings: []string{"RLE_DICTIONARY"}, Values: orNull(str)},
			{Path: "i", Type: "int64", Encodings: []string{"RLE_DICTIONARY"}, Values: every(func(i int) string { return intText(i % 4) })}}},
		{feature: "delta encodings", covers: []string{FDeltaBinaryPacked, FDeltaByteArray}, write: func(p string) error {
			return WriteParquet(p, rowsOf(func(i int) pgDelta {
				d := pgDelta{ID: int64(i), I: int64(i * i), S: "prefix-" + str(i)}
				if !null(i) {
					d.I3 = int32(-i - 1)
				}
				return d
			}))
		}, cols: []Col{idCol, {Path: "i", Type: "int64", Encodings: []string{"DELTA_BINARY_PACKED"}, Values: every(func(i int) string { return intText(i * i) })},
			{Path: "i3", Type: "int32", Nullable: true, Nulls: InteropNulls, Encodings: []string{"DELTA_BINARY_PACKED"},
				Values: orNull(func(i int) string { return intText(-i - 1) })},
			{Path: "s", Type: "string", Encodings: []string{"DELTA_BYTE_ARRAY"}, Values: every(func(i int) string { return "prefix-" + str(i) })}}},
		{feature: "delta length byte array", covers: []string{FDeltaLengthByteArray}, write: func(p string) error {
			return WriteParquet(p, rowsOf(func(i int) pgDeltaLength { return pgDeltaLength{ID: int64(i), S: ptr(i, str(i))} }),
				parquet.DefaultEncodingFor(parquet.ByteArray, &parquet.DeltaLengthByteArray))
		}, cols: []Col{idCol, {Path: "s", Type: "string", Nullable: true, Nulls: InteropNulls, Encodings: []string{"DELTA_LENGTH_BYTE_ARRAY"}, Values: orNull(str)}}},
		{feature: "byte stream split", covers: []string{FByteStreamSplit}, write: func(p string) error {
			return WriteParquet(p, rowsOf(func(i int) pgSplit {
				return pgSplit{ID: int64(i), F: ptr(i, float64(i)/7), F32: float32(i) * 0.5}
			}))
		}, cols: []Col{idCol, {Path: "f", Type: "float64", Nullable: true, Nulls: InteropNulls, Encodings: []string{"BYTE_STREAM_SPLIT"},
			Values: orNull(func(i int) string { return floatText(float64(i) / 7) })},
			{Path: "f32", Type: "float32", Encodings: []string{"BYTE_STREAM_SPLIT"}, Values: every(func(i int) string { return floatText(float64(float32(i) * 0.5)) })}}},
		{feature: "rle booleans", covers: []string{FRLE}, write: func(p string) error {
			return WriteParquet(p, rowsOf(func(i int) pgBool { return pgBool{ID: int64(i), B: ptr(i, i%4 == 0)} }),
				parquet.DefaultEncodingFor(parquet.Boolean, &parquet.RLE))
		}, cols: []Col{idCol, {Path: "b", Type: "bool", Nullable: true, Nulls: InteropNulls, Encodings: []string{"RLE"},
			Values: orNull(func(i int) string { return boolText(i%4 == 0) })}}},
	}
	codecs := []struct {
		name, feature string
		codec         parquet.WriterOption
	}{
		{"UNCOMPRESSED", FUncompressed, parquet.Compression(&parquet.Uncompressed)},
		{"SNAPPY", FSnappy, parquet.Compression(&parquet.Snappy)},
		{"GZIP", FGzip, parquet.Compression(&parquet.Gzip)},
		{"ZSTD", FZstd, parquet.Compression(&parquet.Zstd)},
		{"LZ4_RAW", FLz4Raw, parquet.Compression(&parquet.Lz4Raw)},
		{"BROTLI", FBrotli, parquet.Compression(&parquet.Brotli)},
	}
	for _, c := range codecs {
		cells = append(cells, pgCell{feature: "codec " + strings.ToLower(c.name), covers: []string{c.feature}, write: func(p string) error {
			return WriteParquet(p, basicRows(), c.codec)
		}, cols: basicCols(c.name)})
	}
	cells = append(cells, pgCell{feature: "codec lz4_raw incompressible", covers: []string{FLz4Raw}, write: func(p string) error {
		rows := make([]pgIncompressible, IncompressibleRows)
		for i := range rows {
			rows[i] = pgIncompressible{ID: int64(i), N: rowRandInt(i), S: rowRandStr(i)}
		}
		return WriteParquet(p, rows, parquet.Compression(&parquet.Lz4Raw))
	}, cols: incompressibleCols("LZ4_RAW"), rows: IncompressibleRows})
	for _, v := range []int{1, 2} {
		cells = append(cells, pgCell{feature: fmt.Sprintf("data page v%d", v), covers: []string{[]string{FPageV1, FPageV2}[v-1]}, write: func(p string) error {
			return WriteParquet(p, basicRows(), parquet.DataPageVersion(v), parquet.Compression(&parquet.Zstd))
		}, cols: basicCols("ZSTD"), pageVersion: v})
	}
	cells = append(cells,
		pgCell{feature: "many pages row groups and dictionary fallback", covers: []string{FPages, FDictionaryFallback}, write: func(p string) error {
			rows := make([]pgPaged, PagedRows)
			for i := range rows {
				rows[i] = pgPaged{ID: int64(i), S: ptr(i, pagedS(i)), F: pagedF(i)}
			}
			// Written 100 rows at a time: the writer checks the size of a
			// dictionary between writes.
			var buf bytes.Buffer
			w := parquet.NewGenericWriter[pgPaged](&buf, parquet.PageBufferSize(2048), parquet.MaxRowsPerRowGroup(PagedRows/3),
				parquet.DictionaryMaxBytes(600))
			for k := 0; k < len(rows); k += 100 {
				if _, err := w.Write(rows[k : k+100]); err != nil {
					return err
				}
			}
			if err := w.Close(); err != nil {
				return err
			}
			return writeFile(p, buf.Bytes())
		}, cols: withEncoding(pagedCols(), 1, "RLE_DICTIONARY", "PLAIN"), rowGroups: 3, minPages: 2, rows: PagedRows},
		pgCell{feature: "list", covers: []string{FList}, write: func(p string) error {
			return WriteParquet(p, rowsOf(func(i int) pgList {
				if null(i) {
					return pgList{ID: int64(i)}
				}
				return pgList{ID: int64(i), L: listStrings(i)}
			}))
		}, cols: []Col{idCol, {Path: "l", Type: "list<string>", Nullable: true, Nulls: InteropNulls, Values: values(InteropRows, nullOr(listStrings))}}},
		pgCell{feature: "map", covers: []string{FMap}, write: func(p string) error {
			return WriteParquet(p, rowsOf(func(i int) pgMap {
				if null(i) {
					return pgMap{ID: int64(i)}
				}
				return pgMap{ID: int64(i), M: map[string]int32{str(i): int32(i)}}
			}))
		}, cols: []Col{idCol, {Path: "m", Type: "map<string,int32>", Nullable: true, Nulls: InteropNulls, Values: orNull(str)}}},
		pgCell{feature: "struct", covers: []string{FStruct}, write: func(p string) error {
			return WriteParquet(p, rowsOf(func(i int) pgStruct {
				if null(i) {
					return pgStruct{ID: int64(i)}
				}
				return pgStruct{ID: int64(i), Addr: &pgAddress{Street: str(i), Postcode: int32(8000 + i)}}
			}))
		}, cols: []Col{idCol, {Path: "addr.street", Type: "string", Nullable: true, Nulls: InteropNulls, Values: orNull(str)},
			{Path: "addr.postcode", Type: "int32", Nullable: true, Nulls: InteropNulls, Values: orNull(func(i int) string { return intText(8000 + i) })}}},
		pgCell{feature: "legacy repeated field", covers: []string{FLegacyRepeated}, write: func(p string) error {
			return WriteParquet(p, rowsOf(func(i int) pgRepeated {
				if null(i) {
					return pgRepeated{ID: int64(i)}
				}
				return pgRepeated{ID: int64(i), R: []int32{int32(i % 10), int32(100 + i%10)}}
			}))
		}, cols: []Col{idCol, {Path: "r", Type: "list<int32>", Nulls: InteropNulls, Values: values(InteropRows, nullOr(func(i int) []string {
			return []string{intText(i % 10), intText(100 + i%10)}
		}))}}},
		pgCell{feature: "legacy two-level list", covers: []string{FLegacyTwoLevel}, write: func(p string) error {
			return writeLegacyList(p, "array", parquet.String())
		}, cols: []Col{idCol, {Path: "tags", Type: "list<string>", Nullable: true, Nulls: InteropNulls, Values: values(InteropRows, nullOr(listStrings))}}},
		pgCell{feature: "legacy list of array groups", covers: []string{FLegacyGroup}, write: func(p string) error {
			return writeLegacyList(p, "array", parquet.Group{"name": parquet.String(), "n": parquet.Int(32)})
		}, cols: []Col{idCol, {Path: "tags", Type: "list<struct<n:int32,name:string>>", Nullable: true, Nulls: InteropNulls,
			Values: values(InteropRows, nullOr(func(i int) []string { return []string{intText(i), intText(i + 1)}[:1+i%2] }))}}},
		pgCell{feature: "legacy list of tuple groups", covers: []string{FLegacyGroup}, write: func(p string) error {
			return writeLegacyList(p, "tags_tuple", parquet.Group{"name": parquet.String()})
		}, cols: []Col{idCol, {Path: "tags", Type: "list<struct<name:string>>", Nullable: true, Nulls: InteropNulls,
			Values: values(InteropRows, nullOr(listStrings))}}},
	)
	out := make([]Interop, 0, len(cells))
	for _, c := range cells {
		p := cellPath(dir, ParquetGo, c.feature, ".parquet")
		if err := c.write(p); err != nil {
			return nil, fmt.Errorf("%s/%s: %w", ParquetGo, c.feature, err)
		}
		rows := c.rows
		if rows == 0 {
			rows = InteropRows
		}
		out = append(out, Interop{Writer: ParquetGo, Feature: c.feature, Path: p, Rows: int64(rows), Covers: c.covers,
			RowGroups: c.rowGroups, MinPages: c.minPages, DataPageVersion: c.pageVersion, Columns: c.cols})
	}
	return out, nil
}

// int96Nanos is row i's nanoseconds of the day in the INT96 cells: i
// hours and some sub-microsecond nanoseconds.
func int96Nanos(i int) time.Duration { return time.Duration(i)*time.Hour + time.Duration(i)*1500 }

// listStrings are row i's elements of the string list cells.
func listStrings(i int) []string { return []string{str(i), str(i + 1)}[:1+i%2] }

// nullOr gives no value in the null rows and f's values elsewhere.
func nullOr(f func(i int) []string) func(i int) []string {
	return func(i int) []string {
		if null(i) {
			return nil
		}
		return f(i)
	}
}

// legacyListNode is a LIST group whose repeated child is the element
// itself, as parquet-avro, parquet-thrift and other writers of old wrote
// lists (LogicalTypes.md, backward-compatibility rules).
type legacyListNode struct{ parquet.Group }

func (legacyListNode) Type() parquet.Type { return parquet.List(parquet.String()).Type() }

// writeLegacyList writes a two-level list column "tags" (optional group
// tags (LIST) { repeated <elem> <name>; }) row by row, with its levels
// spelled out: the element is at definition level 2. A primitive element
// holds listStrings; a group element holds, in its fields (in their
// sorted order), listStrings for a string field and the element's index
// plus the row number for an int32 field.
func writeLegacyList(path, name string, elem parquet.Node) error {
	schema := parquet.NewSchema("legacy", parquet.Group{
		"id":   parquet.Int(64),
		"tags": parquet.Optional(legacyListNode{parquet.Group{name: parquet.Repeated(elem)}}),
	})
	fields := elem.Fields()
	if elem.Leaf() {
		fields = []parquet.Field{nil}
	}
	var buf bytes.Buffer
	w := parquet.NewWriter(&buf, schema)
	rows := make([]parquet.Row, InteropRows)
	for i := range rows {
		row := parquet.Row{parquet.Int64Value(int64(i)).Level(0, 0, 0)}
		for f, field := range fields {
			col := 1 + f
			if null(i) {
				row = append(row, parquet.Value{}.Level(0, 0, col))
				continue
			}
			for j, s := range listStrings(i) {
				rep := 0
				if j > 0 {
					rep = 1
				}
				v := parquet.ByteArrayValue([]byte(s))
				if field != nil && field.Type().Kind() == parquet.Int32 {
					v = parquet.Int32Value(int32(i + j))
				}
				row = append(row, v.Level(rep, 2, col))
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
