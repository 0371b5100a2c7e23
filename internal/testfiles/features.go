package testfiles

// Feature is a row of the interoperability matrix (docs/formats.md): a
// type, encoding, codec, page layout, nesting or container that real
// writers produce.
type Feature struct {
	Section string
	Name    string
	// Parquet and Arrow say which formats have the feature: a Parquet
	// encoding means nothing to an Arrow IPC writer.
	Parquet, Arrow bool
}

// Writer is a column of the matrix.
type Writer struct {
	Name string
	// Module is the Go module of the writer, whose version go.mod pins.
	Module string
	// Parquet is true for a Parquet writer, false for Arrow IPC.
	Parquet bool
	// What says in a few words what the writer is.
	What string
}

// InteropWriters are the matrix's writers, in column order.
var InteropWriters = []Writer{
	{ParquetGo, "github.com/parquet-go/parquet-go", true, "parquet-go's GenericWriter and row Writer"},
	{PqArrow, "github.com/apache/arrow-go/v18", true, "Arrow for Go's Parquet writer (pqarrow), as Arrow tables reach Parquet"},
	{ArrowIPC, "github.com/apache/arrow-go/v18", false, "Arrow for Go's IPC file and stream writers (Feather v2 is an IPC file)"},
}

// Names of the matrix's features, for Interop.Covers.
const (
	FBool           = "boolean"
	FSigned         = "signed integers, 8 to 64 bits"
	FUnsigned       = "unsigned integers, beyond the signed range"
	FFloat          = "float32, float64"
	FFloat16        = "float16"
	FString         = "string"
	FBinary         = "binary, fixed-size binary"
	FEnum           = "ENUM"
	FJSON           = "JSON"
	FUUID           = "UUID"
	FDecimal        = "decimal (as INT32, INT64, fixed-length bytes; beyond 64 bits)"
	FDate           = "date"
	FTime           = "time of day"
	FTimestampUTC   = "timestamp with time zone (UTC-adjusted), ms, µs, ns"
	FTimestampLocal = "timestamp without time zone (local)"
	FInt96          = "INT96 timestamp (Spark, Hive, Impala)"

	FPlain                = "PLAIN"
	FDictionary           = "dictionary (RLE_DICTIONARY)"
	FDictionaryFallback   = "dictionary falling back to PLAIN within a column chunk"
	FRLE                  = "RLE (booleans; levels are RLE in every cell)"
	FDeltaBinaryPacked    = "DELTA_BINARY_PACKED"
	FDeltaLengthByteArray = "DELTA_LENGTH_BYTE_ARRAY"
	FDeltaByteArray       = "DELTA_BYTE_ARRAY"
	FByteStreamSplit      = "BYTE_STREAM_SPLIT"

	FUncompressed = "UNCOMPRESSED"
	FSnappy       = "SNAPPY"
	FGzip         = "GZIP"
	FZstd         = "ZSTD"
	FLz4Raw       = "LZ4_RAW"
	FBrotli       = "BROTLI"

	FPageV1 = "data page v1"
	FPageV2 = "data page v2"
	FPages  = "many pages and row groups"

	FStruct         = "struct (read as dotted paths)"
	FList           = "list (three-level LIST)"
	FMap            = "map (MAP)"
	FLegacyRepeated = "repeated field without LIST annotation"
	FLegacyTwoLevel = "two-level LIST of a repeated primitive (`array`)"
	FLegacyGroup    = "two-level LIST of a repeated group (`array`, `<name>_tuple`)"

	FArrowFile            = "IPC file format (Feather v2)"
	FArrowStream          = "IPC stream format"
	FArrowDictionary      = "dictionary-encoded columns"
	FArrowDictionaryDelta = "dictionary deltas and replacements between batches"
	FArrowLZ4             = "LZ4_FRAME buffer compression"
	FArrowZstd            = "ZSTD buffer compression"
)

// Sections of the matrix.
const (
	STypes    = "Types"
	SEncoding = "Parquet encodings"
	SCodec    = "Parquet compression codecs"
	SPages    = "Parquet pages and row groups"
	SNesting  = "Nesting"
	SLegacy   = "Legacy Parquet lists"
	SArrow    = "Arrow IPC"
)

// InteropFeatures are the rows of the matrix, in order.
var InteropFeatures = []Feature{
	{STypes, FBool, true, true},
	{STypes, FSigned, true, true},
	{STypes, FUnsigned, true, true},
	{STypes, FFloat, true, true},
	{STypes, FFloat16, true, true},
	{STypes, FString, true, true},
	{STypes, FBinary, true, true},
	{STypes, FEnum, true, false},
	{STypes, FJSON, true, true},
	{STypes, FUUID, true, true},
	{STypes, FDecimal, true, true},
	{STypes, FDate, true, true},
	{STypes, FTime, true, true},
	{STypes, FTimestampUTC, true, true},
	{STypes, FTimestampLocal, true, true},
	{STypes, FInt96, true, false},

	{SEncoding, FPlain, true, false},
	{SEncoding, FDictionary, true, false},
	{SEncoding, FDictionaryFallback, true, false},
	{SEncoding, FRLE, true, false},
	{SEncoding, FDeltaBinaryPacked, true, false},
	{SEncoding, FDeltaLengthByteArray, true, false},
	{SEncoding, FDeltaByteArray, true, false},
	{SEncoding, FByteStreamSplit, true, false},

	{SCodec, FUncompressed, true, false},
	{SCodec, FSnappy, true, false},
	{SCodec, FGzip, true, false},
	{SCodec, FZstd, true, false},
	{SCodec, FLz4Raw, true, false},
	{SCodec, FBrotli, true, false},

	{SPages, FPageV1, true, false},
	{SPages, FPageV2, true, false},
	{SPages, FPages, true, false},

	{SNesting, FStruct, true, true},
	{SNesting, FList, true, true},
	{SNesting, FMap, true, true},

	{SLegacy, FLegacyRepeated, true, false},
	{SLegacy, FLegacyTwoLevel, true, false},
	{SLegacy, FLegacyGroup, true, false},

	{SArrow, FArrowFile, false, true},
	{SArrow, FArrowStream, false, true},
	{SArrow, FArrowDictionary, false, true},
	{SArrow, FArrowDictionaryDelta, false, true},
	{SArrow, FArrowLZ4, false, true},
	{SArrow, FArrowZstd, false, true},
}

// Gap is a feature of its format that a writer cannot produce.
type Gap struct {
	Writer, Feature, Why string
}

// InteropGaps are the features no cell of a writer covers, and why.
var InteropGaps = []Gap{
	{ParquetGo, FFloat16, "parquet-go has no FLOAT16 type"},
	{PqArrow, FEnum, "Arrow has no enum type"},
	{PqArrow, FLegacyRepeated, "pqarrow writes three-level lists only"},
	{PqArrow, FLegacyTwoLevel, "pqarrow writes three-level lists only"},
	{PqArrow, FLegacyGroup, "pqarrow writes three-level lists only"},
}
