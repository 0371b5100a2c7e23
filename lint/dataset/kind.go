package dataset

// Kind is what a column's values are, whatever the format and the writer:
// the typed counterpart of Column.Type, which is for display only. A list
// or map column has the kind of its elements (of a map, of its keys; of a
// list of structs, of the struct's first field), with its Shape saying so.
type Kind uint8

// The kinds of values.
const (
	// KindNull: a column of nulls only (Parquet's NULL/UNKNOWN logical
	// type, Arrow's null type, an empty struct), or one whose values
	// saglig cannot name (an Arrow union, an unknown Parquet type).
	KindNull Kind = iota
	KindBool
	// KindInt: signed integers of Bits bits.
	KindInt
	// KindUint: unsigned integers of Bits bits.
	KindUint
	// KindFloat: floating point of Bits bits (16, 32, 64).
	KindFloat
	// KindDecimal: decimals of Precision digits, Scale after the point.
	KindDecimal
	// KindString: text (strings, Parquet ENUM, JSON).
	KindString
	// KindBinary: bytes (binary, fixed-size binary, BSON, geometry).
	KindBinary
	// KindUUID: 16-byte UUIDs.
	KindUUID
	// KindDate: calendar dates.
	KindDate
	// KindTime: times of day in Unit.
	KindTime
	// KindTimestamp: instants in Unit; UTC when adjusted to UTC (a
	// Parquet INT96 timestamp is nanoseconds, UTC).
	KindTimestamp
	// KindDuration: Arrow durations in Unit.
	KindDuration
	// KindInterval: calendar intervals (Parquet INTERVAL, Arrow intervals).
	KindInterval
)

var kindNames = [...]string{"null", "bool", "int", "uint", "float", "decimal", "string", "binary", "uuid", "date", "time", "timestamp", "duration", "interval"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind?"
}

// Integer reports whether the values are integers (signed or unsigned).
func (k Kind) Integer() bool { return k == KindInt || k == KindUint }

// Numeric reports whether the values are numbers: integers, floating
// point or decimals (not booleans, dates or times).
func (k Kind) Numeric() bool { return k.Integer() || k == KindFloat || k == KindDecimal }

// Temporal reports whether the values are dates, times of day or
// timestamps.
func (k Kind) Temporal() bool { return k == KindDate || k == KindTime || k == KindTimestamp }

// Shape is how a column holds its values.
type Shape uint8

// The shapes of columns.
const (
	// Scalar: one value (or null) per row.
	Scalar Shape = iota
	// List: a list (or a repeated field) per row, profiled over its
	// elements.
	List
	// Map: a map per row, profiled over its keys.
	Map
	// Variant: a Parquet variant, profiled over its metadata.
	Variant
	// Union: an Arrow union, profiled as text over the value each row
	// holds ([type id, value]); a row whose value is null is null.
	Union
)

var shapeNames = [...]string{"scalar", "list", "map", "variant", "union"}

func (s Shape) String() string {
	if int(s) < len(shapeNames) {
		return shapeNames[s]
	}
	return "shape?"
}

// Nested reports whether a row holds more than one value (or none): a
// nested column cannot be row-aligned with another.
func (s Shape) Nested() bool { return s != Scalar }

// TimeUnit is the unit of a time, timestamp or duration.
type TimeUnit uint8

// The time units.
const (
	UnitNone TimeUnit = iota
	Second
	Milli
	Micro
	Nano
)

var unitNames = [...]string{"", "s", "ms", "us", "ns"}

func (u TimeUnit) String() string {
	if int(u) < len(unitNames) {
		return unitNames[u]
	}
	return "?"
}

// ColumnType is a column's type, typed: what the scan and the classifier
// read instead of parsing Column.Type.
type ColumnType struct {
	Kind  Kind  `json:"-"`
	Shape Shape `json:"-"`
	// Bits is the width of an integer or floating-point value.
	Bits uint8 `json:"-"`
	// Precision and Scale of a decimal.
	Precision, Scale int32 `json:"-"`
	// Unit of a time, timestamp or duration.
	Unit TimeUnit `json:"-"`
	// UTC is true for a timestamp adjusted to UTC.
	UTC bool `json:"-"`
}

// Location is where a column is in one file, found when the file is
// opened, so that a reader goes to it without walking the schema again.
type Location struct {
	// Leaf is the index, among the Parquet file's leaf columns in schema
	// order, of the column's first leaf (its only one unless it is a list
	// or map of structs, or a variant): the column chunk the scan reads.
	// −1 for another format.
	Leaf int `json:"-"`
	// Fields is the Arrow field index path from the schema to the column
	// (through the structs above it). Nil for another format.
	Fields []int `json:"-"`
}

// Partition columns and columns of no file have no location.
var noLocation = Location{Leaf: -1}
