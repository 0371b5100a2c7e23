package testfiles

import (
	"bytes"
	"fmt"
	"math/big"
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

// InteropRows is the number of rows of every file of the matrix but the
// paged ones (PagedRows); every nullable column is null in every third row
// (InteropNulls).
const (
	InteropRows  = 30
	InteropNulls = 10
	PagedRows    = 3000
)

// IncompressibleRows is the number of rows of the cells of poorly
// compressible data: pages of a few kilobytes (parquet-go misread LZ4_RAW
// pages of more than its smallest buffer, 4 KiB, that compress less than
// three times), and few enough distinct values that a profile counts each.
const IncompressibleRows = 500

// Interop is one cell of the interoperability matrix: a file in which one
// writer wrote one feature.
type Interop struct {
	Writer  string
	Feature string
	Path    string
	Rows    int64
	// Covers are the rows of the matrix (InteropFeatures names) the cell
	// proves: docs/formats.md lists the cell under each.
	Covers []string
	// RowGroups, when set, is the number of row groups the Parquet file
	// must have; MinPages, when set, the number of data pages each column
	// chunk must have at least.
	RowGroups int
	MinPages  int
	// DataPageVersion, when set, is the version (1 or 2) of every data
	// page of the Parquet file.
	DataPageVersion int
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
	// Encodings and Codec, when set, are what the Parquet column chunk
	// must use (format.Encoding and format.CompressionCodec names, e.g.
	// "DELTA_BINARY_PACKED", "ZSTD"): each of Encodings is the encoding of
	// one data page at least, and Codec the chunk's codec, so that the
	// cell tests what it says.
	Encodings []string
	Codec     string
	// MaxRatio, when set, is the most any page of the Parquet column
	// chunk may compress (its uncompressed size over its compressed
	// size), so that a cell of poorly compressible data is one.
	MaxRatio float64
	// Values are the column's non-null values — a list's elements, a map's
	// keys — each with the number of times it was written, in the text
	// form lint/scan's profiles give values: integers in decimal, floats
	// in the shortest form that reads back (float32 and float16 widened to
	// float64 first), decimals with their scale's digits, dates as
	// 2006-01-02, timestamps as instants in UTC with at most microseconds
	// (2006-01-02T15:04:05.999999Z), times of day as 15:04:05.000000,
	// booleans as true and false, UUIDs in their canonical form, and binary
	// values that are not UTF-8 in hexadecimal. They are computed from
	// what the writer was given, never read back.
	Values map[string]int64
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

// --- Expected values ---

// values counts the values of n rows; row gives row i's values (none for
// a null or an empty list).
func values(n int, row func(i int) []string) map[string]int64 {
	out := map[string]int64{}
	for i := range n {
		for _, v := range row(i) {
			out[v]++
		}
	}
	return out
}

// every is a column of InteropRows rows, none null.
func every(f func(i int) string) map[string]int64 {
	return values(InteropRows, func(i int) []string { return []string{f(i)} })
}

// orNull is a column of InteropRows rows, null in the null rows.
func orNull(f func(i int) string) map[string]int64 {
	return values(InteropRows, func(i int) []string {
		if null(i) {
			return nil
		}
		return []string{f(i)}
	})
}

func intText[T ~int8 | ~int16 | ~int32 | ~int64 | ~int](v T) string { return fmt.Sprint(int64(v)) }

func uintText[T ~uint8 | ~uint16 | ~uint32 | ~uint64](v T) string { return fmt.Sprint(uint64(v)) }

func floatText(v float64) string { return fmt.Sprint(v) }

func boolText(b bool) string { return fmt.Sprint(b) }

// decimalText writes an unscaled decimal with scale digits after the
// point, exactly.
func decimalText(unscaled *big.Int, scale int) string {
	digits := new(big.Int).Abs(unscaled).String()
	if len(digits) <= scale {
		digits = strings.Repeat("0", scale-len(digits)+1) + digits
	}
	s := digits
	if scale > 0 {
		s = digits[:len(digits)-scale] + "." + digits[len(digits)-scale:]
	}
	if unscaled.Sign() < 0 {
		s = "-" + s
	}
	return s
}

func decText(unscaled int64, scale int) string { return decimalText(big.NewInt(unscaled), scale) }

func dateText(t time.Time) string { return t.UTC().Format(time.DateOnly) }

func timestampText(t time.Time) string {
	return t.UTC().Truncate(time.Microsecond).Format("2006-01-02T15:04:05.999999Z07:00")
}

func timeOfDayText(d time.Duration) string {
	us := d.Microseconds()
	return fmt.Sprintf("%02d:%02d:%02d.%06d", us/3_600_000_000, us/60_000_000%60, us/1_000_000%60, us%1_000_000)
}

func hexText(b []byte) string { return fmt.Sprintf("%x", b) }

// Row values shared by the writers.

func str(i int) string { return fmt.Sprintf("value-%02d", i%7) }

// at is row i's point in time: 36 hours apart from 2024-03-01 12:00 UTC.
func at(i int) time.Time {
	return time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC).Add(time.Duration(i) * 36 * time.Hour)
}

// subMicros is row i's point in time with microseconds, and subNanos
// with nanoseconds, which a reader keeping microseconds truncates.
func subMicros(i int) time.Time { return at(i).Add(time.Duration(i) * 1001 * time.Microsecond) }
func subNanos(i int) time.Time  { return at(i).Add(time.Duration(i) * 1_234_567) }

// timeOfDay is row i's time of day: half-hours and some microseconds.
func timeOfDay(i int) time.Duration {
	return time.Duration(i)*30*time.Minute + time.Duration(i)*7*time.Microsecond
}

func rowUUID(i int) uuid.UUID { return uuid.NewSHA1(uuid.NameSpaceOID, []byte{byte(i)}) }
func rowJSON(i int) string    { return fmt.Sprintf(`{"k":%d}`, i) }
func rowBinary(i int) []byte  { return []byte{byte(i), 0xff} }

// Numbers of the numbers cells: negative and, for the unsigned columns,
// values above the signed range (u32 above 2^31, u64 above 2^63).
func rowI8(i int) int8     { return int8(i - 15) }
func rowI16(i int) int16   { return int16(i*100 - 1000) }
func rowI32(i int) int32   { return int32(i*100_000 - 1_000_000) }
func rowU8(i int) uint8    { return uint8(200 + i) }
func rowU16(i int) uint16  { return uint16(60_000 + i) }
func rowU32(i int) uint32  { return uint32(i) * 150_000_000 }
func rowU64(i int) uint64  { return uint64(i) << 59 }
func rowF32(i int) float32 { return float32(i)/3 - 2 }
func rowF64(i int) float64 { return float64(i)*1.5 - 10 }

// be16 is v as a 16-byte big-endian two's complement integer, the
// FIXED_LEN_BYTE_ARRAY form of a decimal.
func be16(v int64) [16]byte {
	var b [16]byte
	u := uint64(v)
	for k := range 8 {
		b[15-k] = byte(u >> (8 * k))
	}
	if v < 0 {
		for k := range 8 {
			b[k] = 0xff
		}
	}
	return b
}

// --- parquet-go ---

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

// --- Arrow ---

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
		props       []aparquet.WriterProperty
		aprops      []pqarrow.WriterOption
		rowGroups   int
		minPages    int
		pageVersion int
	}
	uj, err := uuidJSONArrowCell()
	if err != nil {
		return nil, err
	}
	int96 := arrowCell{feature: "int96 timestamp", schema: arrow.NewSchema([]arrow.Field{idField,
		{Name: "ts", Type: &arrow.TimestampType{Unit: arrow.Nanosecond}, Nullable: true},
		{Name: "ts_utc", Type: &arrow.TimestampType{Unit: arrow.Nanosecond, TimeZone: "UTC"}}}, nil),
		fill: func(b *array.RecordBuilder, i int) {
			appendID(b, i)
			appendOr[arrow.Timestamp](b.Field(1).(*array.TimestampBuilder), i, arrow.Timestamp(subNanos(i).UnixNano()))
			b.Field(2).(*array.TimestampBuilder).Append(arrow.Timestamp(subNanos(i).UnixNano()))
		}, cols: []Col{idCol, {Path: "ts", Type: "int96", Nullable: true, Nulls: InteropNulls, Values: orNull(func(i int) string { return timestampText(subNanos(i)) })},
			{Path: "ts_utc", Type: "int96", Values: every(func(i int) string { return timestampText(subNanos(i)) })}},
		covers: []string{FInt96}}
	dict := dictionaryArrowCell()
	dict.feature = "dictionary encoding"
	dict.cols = withEncoding(dict.cols, 1, "RLE_DICTIONARY")
	dict.covers = []string{FDictionary}
	decInts := decimalArrowCell()
	decInts.feature = "decimal as integers"
	noDict := aparquet.WithDictionaryDefault(false)
	enc := func(feature, cover, e string, c arrowCell, col int, props ...aparquet.WriterProperty) cell {
		c.feature = feature
		c.cols = withEncoding(c.cols, col, e)
		c.covers = []string{cover}
		return cell{arrowCell: c, props: append([]aparquet.WriterProperty{noDict}, props...)}
	}
	basic := basicArrowCell("", "")
	plain := numbersArrowCell()
	plain.cols = withEncoding(plain.cols, 4, "PLAIN")
	plain.covers = append(plain.covers, FPlain)
	paged := pagedArrowCell()
	paged.feature = "many pages row groups and dictionary fallback"
	paged.cols = withEncoding(paged.cols, 1, "RLE_DICTIONARY", "PLAIN")
	paged.covers = []string{FPages, FDictionaryFallback}
	cells := []cell{
		{arrowCell: plain, props: []aparquet.WriterProperty{noDict}},
		{arrowCell: stringsArrowCell()},
		{arrowCell: decimalArrowCell()},
		{arrowCell: decInts, props: []aparquet.WriterProperty{aparquet.WithStoreDecimalAsInteger(true)}},
		{arrowCell: timesArrowCell("timestamp[us, UTC]")},
		{arrowCell: int96, aprops: []pqarrow.WriterOption{pqarrow.WithDeprecatedInt96Timestamps(true)}},
		{arrowCell: float16ArrowCell()},
		{arrowCell: uj},
		{arrowCell: dict},
		enc("delta binary packed", FDeltaBinaryPacked, "DELTA_BINARY_PACKED", basic, 0, aparquet.WithEncodingFor("id", aparquet.Encodings.DeltaBinaryPacked)),
		enc("delta length byte array", FDeltaLengthByteArray, "DELTA_LENGTH_BYTE_ARRAY", basic, 1, aparquet.WithEncodingFor("s", aparquet.Encodings.DeltaLengthByteArray)),
		enc("delta byte array", FDeltaByteArray, "DELTA_BYTE_ARRAY", basic, 1, aparquet.WithEncodingFor("s", aparquet.Encodings.DeltaByteArray)),
		enc("byte stream split", FByteStreamSplit, "BYTE_STREAM_SPLIT", basic, 2, aparquet.WithEncodingFor("f", aparquet.Encodings.ByteStreamSplit)),
		{arrowCell: paged, props: []aparquet.WriterProperty{aparquet.WithDataPageSize(256), aparquet.WithMaxRowGroupLength(PagedRows / 3),
			aparquet.WithDictionaryPageSizeLimit(600), aparquet.WithBatchSize(64)}, rowGroups: 3, minPages: 2},
	}
	rle := arrowCell{feature: "rle booleans", schema: arrow.NewSchema([]arrow.Field{idField, {Name: "b", Type: arrow.FixedWidthTypes.Boolean, Nullable: true}}, nil),
		fill: func(b *array.RecordBuilder, i int) {
			appendID(b, i)
			appendOr[bool](b.Field(1).(*array.BooleanBuilder), i, i%4 == 0)
		}, cols: []Col{idCol, {Path: "b", Type: "bool", Nullable: true, Nulls: InteropNulls, Encodings: []string{"RLE"},
			Values: orNull(func(i int) string { return boolText(i%4 == 0) })}},
		covers: []string{FRLE}}
	cells = append(cells, cell{arrowCell: rle, props: []aparquet.WriterProperty{noDict, aparquet.WithDataPageVersion(aparquet.DataPageV2),
		aparquet.WithEncodingFor("b", aparquet.Encodings.RLE)}})
	codecs := []struct {
		name, feature string
		codec         compress.Compression
	}{
		{"UNCOMPRESSED", FUncompressed, compress.Codecs.Uncompressed},
		{"SNAPPY", FSnappy, compress.Codecs.Snappy},
		{"GZIP", FGzip, compress.Codecs.Gzip},
		{"ZSTD", FZstd, compress.Codecs.Zstd},
		{"LZ4_RAW", FLz4Raw, compress.Codecs.Lz4Raw},
		{"BROTLI", FBrotli, compress.Codecs.Brotli},
	}
	for _, c := range codecs {
		ac := basicArrowCell("codec "+strings.ToLower(c.name), c.name)
		ac.covers = []string{c.feature}
		cells = append(cells, cell{arrowCell: ac, props: []aparquet.WriterProperty{aparquet.WithCompression(c.codec)}})
	}
	incompressible := arrowCell{feature: "codec lz4_raw incompressible", schema: arrow.NewSchema([]arrow.Field{idField,
		{Name: "n", Type: arrow.PrimitiveTypes.Int64}, {Name: "s", Type: arrow.BinaryTypes.String}}, nil),
		fill: func(b *array.RecordBuilder, i int) {
			appendID(b, i)
			b.Field(1).(*array.Int64Builder).Append(rowRandInt(i))
			b.Field(2).(*array.StringBuilder).Append(rowRandStr(i))
		}, cols: incompressibleCols("LZ4_RAW"), covers: []string{FLz4Raw}, rows: IncompressibleRows}
	// Without a dictionary, so that the values fill the data pages.
	cells = append(cells, cell{arrowCell: incompressible, props: []aparquet.WriterProperty{noDict, aparquet.WithCompression(compress.Codecs.Lz4Raw)}})
	for _, v := range []aparquet.DataPageVersion{aparquet.DataPageV1, aparquet.DataPageV2} {
		ac := basicArrowCell(fmt.Sprintf("data page v%d", int(v)+1), "ZSTD")
		ac.covers = []string{[]string{FPageV1, FPageV2}[v]}
		cells = append(cells, cell{arrowCell: ac, pageVersion: int(v) + 1,
			props: []aparquet.WriterProperty{aparquet.WithDataPageVersion(v), aparquet.WithCompression(compress.Codecs.Zstd)}})
	}
	cells = append(cells, cell{arrowCell: listArrowCell()}, cell{arrowCell: mapArrowCell()}, cell{arrowCell: structArrowCell()})
	out := make([]Interop, 0, len(cells))
	for _, c := range cells {
		p := cellPath(dir, PqArrow, c.feature, ".parquet")
		if err := writePqArrow(p, c.arrowCell, c.props, c.aprops...); err != nil {
			return nil, fmt.Errorf("%s/%s: %w", PqArrow, c.feature, err)
		}
		out = append(out, Interop{Writer: PqArrow, Feature: c.feature, Path: p, Rows: int64(c.numRows()), Covers: c.covers,
			RowGroups: c.rowGroups, MinPages: c.minPages, DataPageVersion: c.pageVersion, Columns: c.cols})
	}
	return out, nil
}

// arrowIPCCells writes each Arrow cell as an IPC file and as a stream,
// uncompressed and compressed with LZ4 and zstd, and streams whose
// dictionaries change between batches.
func arrowIPCCells(dir string) ([]Interop, error) {
	uj, err := uuidJSONArrowCell()
	if err != nil {
		return nil, err
	}
	base := []arrowCell{basicArrowCell("types", ""), numbersArrowCell(), stringsArrowCell(), decimalArrowCell(),
		timesArrowCell("timestamp[us, Europe/Copenhagen]"), float16ArrowCell(), uj,
		dictionaryArrowCell(), listArrowCell(), mapArrowCell(), structArrowCell()}
	for i := range base {
		base[i].cols = append([]Col(nil), base[i].cols...)
		for j := range base[i].cols {
			base[i].cols[j].Codec = ""
		}
	}
	compressions := []struct {
		name, feature string
		opt           []ipc.Option
	}{{"", "", nil}, {" lz4", FArrowLZ4, []ipc.Option{ipc.WithLZ4()}}, {" zstd", FArrowZstd, []ipc.Option{ipc.WithZstd()}}}
	var out []Interop
	for _, c := range base {
		for _, comp := range compressions {
			if comp.name != "" && c.feature != "types" && c.feature != "dictionary" {
				continue // compression is tested on plain and dictionary columns
			}
			for _, kind := range []string{"file", "stream"} {
				feature := kind + " " + c.feature + comp.name
				ext := ".arrow"
				covers := append([]string{FArrowFile}, c.covers...)
				if kind == "stream" {
					ext = ".arrows"
					covers[0] = FArrowStream
				}
				if comp.feature != "" {
					covers = append(covers, comp.feature)
				}
				p := cellPath(dir, ArrowIPC, feature, ext)
				if err := writeIPC(p, kind == "stream", c, comp.opt...); err != nil {
					return nil, fmt.Errorf("%s/%s: %w", ArrowIPC, feature, err)
				}
				out = append(out, Interop{Writer: ArrowIPC, Feature: feature, Path: p, Rows: InteropRows, Covers: covers, Columns: c.cols})
			}
		}
	}
	for _, delta := range []bool{true, false} {
		feature := "stream dictionary replacement"
		if delta {
			feature = "stream dictionary delta"
		}
		p := cellPath(dir, ArrowIPC, feature, ".arrows")
		cols, err := writeIPCDictionaries(p, delta)
		if err != nil {
			return nil, fmt.Errorf("%s/%s: %w", ArrowIPC, feature, err)
		}
		out = append(out, Interop{Writer: ArrowIPC, Feature: feature, Path: p, Rows: InteropRows,
			Covers: []string{FArrowStream, FArrowDictionary, FArrowDictionaryDelta}, Columns: cols})
	}
	return out, nil
}

func writeIPC(path string, stream bool, c arrowCell, opts ...ipc.Option) error {
	rec := c.record()
	defer rec.Release()
	// Two batches, so that a dictionary is carried across batches.
	half := int64(c.numRows() / 2)
	first, second := rec.NewSlice(0, half), rec.NewSlice(half, int64(c.numRows()))
	defer first.Release()
	defer second.Release()
	return writeIPCBatches(path, stream, c.schema, []arrow.RecordBatch{first, second}, opts...)
}

func writeIPCBatches(path string, stream bool, schema *arrow.Schema, batches []arrow.RecordBatch, opts ...ipc.Option) error {
	opts = append([]ipc.Option{ipc.WithSchema(schema), ipc.WithAllocator(mem)}, opts...)
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
	for _, r := range batches {
		if err := w.Write(r); err != nil {
			return err
		}
	}
	if err := w.Close(); err != nil {
		return err
	}
	return writeFile(path, buf.Bytes())
}

// dictWord is the dictionary entry k of the changing-dictionary cells.
func dictWord(k int) string { return fmt.Sprintf("word-%02d", k) }

// writeIPCDictionaries writes a stream of two batches of InteropRows/2
// rows whose dictionary column s changes: the second batch's dictionary
// extends the first's, written as a delta (delta) or replaces it with
// other words, written whole. Row i of the first batch is dictWord(i%5);
// of the second, dictWord(5+i%5) (a delta) or "other-"+dictWord(i%5).
func writeIPCDictionaries(path string, delta bool) ([]Col, error) {
	dt := &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int8, ValueType: arrow.BinaryTypes.String}
	schema := arrow.NewSchema([]arrow.Field{idField, {Name: "s", Type: dt, Nullable: true}}, nil)
	half := InteropRows / 2
	word := func(i int) string {
		switch {
		case i < half:
			return dictWord(i % 5)
		case delta:
			return dictWord(5 + i%5)
		}
		return "other-" + dictWord(i%5)
	}
	var batches []arrow.RecordBatch
	defer func() {
		for _, b := range batches {
			b.Release()
		}
	}()
	for part := range 2 {
		var dict []string
		for k := range 5 {
			dict = append(dict, dictWord(k))
		}
		switch {
		case part == 1 && delta:
			for k := 5; k < 10; k++ {
				dict = append(dict, dictWord(k))
			}
		case part == 1:
			for k := range dict {
				dict[k] = "other-" + dict[k]
			}
		}
		db := array.NewStringBuilder(mem)
		db.AppendValues(dict, nil)
		dictArr := db.NewArray()
		db.Release()
		ids := array.NewInt64Builder(mem)
		idx := array.NewInt8Builder(mem)
		for i := part * half; i < (part+1)*half; i++ {
			ids.Append(int64(i))
			if null(i) {
				idx.AppendNull()
				continue
			}
			k := i % 5
			if part == 1 && delta {
				k += 5
			}
			idx.Append(int8(k))
		}
		idArr, idxArr := ids.NewArray(), idx.NewArray()
		ids.Release()
		idx.Release()
		s := array.NewDictionaryArray(dt, idxArr, dictArr)
		batches = append(batches, array.NewRecordBatch(schema, []arrow.Array{idArr, s}, int64(half)))
		idArr.Release()
		idxArr.Release()
		dictArr.Release()
		s.Release()
	}
	opts := []ipc.Option{}
	if delta {
		opts = append(opts, ipc.WithDictionaryDeltas(true))
	}
	if err := writeIPCBatches(path, true, schema, batches, opts...); err != nil {
		return nil, err
	}
	return []Col{idCol, {Path: "s", Type: "string", Nullable: true, Nulls: InteropNulls, Values: orNull(word)}}, nil
}
