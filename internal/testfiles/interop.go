package testfiles

import (
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/google/uuid"
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
