package dataset

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/saglig/saglig/internal/i18n"
)

// Limits bound what one file can make saglig do: how much metadata it
// reads and decodes, how deep and wide a schema may be, how large a page or
// buffer may be once decompressed, and how long reading the file may take.
// Opening a dataset and scanning it (lint/scan) honour the same Limits. A
// zero field takes its default; the defaults admit every file a mainstream
// writer produces at ordinary sizes, and each has a lint flag to raise it
// (docs/security.md).
type Limits struct {
	// MaxFooterSize bounds the Parquet footer, an Arrow IPC file's footer
	// and every Arrow IPC message's metadata, in bytes
	// (--max-footer-size, default 64 MiB). Decoding a Parquet footer may
	// also take at most FooterMemoryFactor times this in memory.
	MaxFooterSize int64
	// MaxSchemaDepth bounds how deeply groups, structs, lists and maps nest
	// (--max-schema-depth, default 64). Whatever the setting, Parquet
	// schemas stop at 255 levels and Arrow schemas at 64, the limits of the
	// decoders saglig uses.
	MaxSchemaDepth int
	// MaxColumns bounds the fields of a file's schema: every leaf column
	// and every group, struct, list or map field above one, the root not
	// counted (--max-columns, default 5,000).
	MaxColumns int
	// MaxPageSize bounds a Parquet page, its compressed and its
	// uncompressed size and its values (at 8 bytes each), and an Arrow IPC
	// buffer once decompressed, in bytes (--max-page-size, default 256
	// MiB). A page is also refused if it decompresses to more than its
	// header declares (CheckParquetPages), and an Arrow IPC buffer if its
	// zstd frames declare a window larger than twice its length or 8 MiB,
	// whichever is more.
	MaxPageSize int64
	// MaxDecompressionRatio bounds how many times larger than its
	// compressed size a page or an Arrow IPC buffer may become when
	// decompressed (--max-decompression-ratio, default 1,000). It applies
	// to pages and buffers over MinRatioCheckedSize uncompressed, so small
	// pages of constant values are never refused.
	MaxDecompressionRatio int
	// FileTimeout bounds the time spent reading one file, opening it and
	// then scanning it, each (--file-timeout, default 10 minutes). Opening
	// an Arrow IPC file or stream checks it between batches (a Parquet
	// footer, bounded by MaxFooterSize, is read at once); the scan checks
	// it between pages and batches, from the file's first row group or
	// batch. A decoder is not interrupted inside a page, which MaxPageSize
	// bounds.
	FileTimeout time.Duration
}

// Defaults of Limits.
const (
	DefaultMaxFooterSize         = 64 << 20
	DefaultMaxSchemaDepth        = 64
	DefaultMaxColumns            = 5000
	DefaultMaxPageSize           = 256 << 20
	DefaultMaxDecompressionRatio = 1000
	DefaultFileTimeout           = 10 * time.Minute
)

// FooterMemoryFactor is how many times MaxFooterSize decoding a Parquet
// footer may take in memory, as estimated from the footer before it is
// decoded.
const FooterMemoryFactor = 16

// maxFooterAmplification bounds the estimated memory of a decoded Parquet
// footer relative to its size. Real footers stay under 40 (a column chunk of
// some 80 bytes decodes into 2 KiB at most); a footer of empty structs
// would reach 560.
const maxFooterAmplification = 64

// MinRatioCheckedSize is the uncompressed size from which
// MaxDecompressionRatio applies.
const MinRatioCheckedSize = 1 << 20

// Hard bounds of the decoders, whatever the limits say: parquet-go's
// parquet.MaxColumnDepth and arrow-go's kMaxNestingDepth.
const (
	parquetMaxDepth = 255
	arrowMaxDepth   = 64
)

// WithDefaults returns l with every zero field set to its default.
func (l Limits) WithDefaults() Limits {
	if l.MaxFooterSize <= 0 {
		l.MaxFooterSize = DefaultMaxFooterSize
	}
	if l.MaxSchemaDepth <= 0 {
		l.MaxSchemaDepth = DefaultMaxSchemaDepth
	}
	if l.MaxColumns <= 0 {
		l.MaxColumns = DefaultMaxColumns
	}
	if l.MaxPageSize <= 0 {
		l.MaxPageSize = DefaultMaxPageSize
	}
	if l.MaxDecompressionRatio <= 0 {
		l.MaxDecompressionRatio = DefaultMaxDecompressionRatio
	}
	if l.FileTimeout <= 0 {
		l.FileTimeout = DefaultFileTimeout
	}
	return l
}

// Validate reports a negative limit, naming its flag.
func (l Limits) Validate() error {
	for _, v := range []struct {
		flag     string
		negative bool
	}{{"--max-footer-size", l.MaxFooterSize < 0}, {"--max-schema-depth", l.MaxSchemaDepth < 0},
		{"--max-columns", l.MaxColumns < 0}, {"--max-page-size", l.MaxPageSize < 0},
		{"--max-decompression-ratio", l.MaxDecompressionRatio < 0}, {"--file-timeout", l.FileTimeout < 0}} {
		if v.negative {
			return i18n.Errorf("%s must be positive", v.flag)
		}
	}
	return nil
}

// maxFooterMemory is the most a decoded Parquet footer may take.
func (l Limits) maxFooterMemory() int64 {
	return FooterMemoryFactor * l.WithDefaults().MaxFooterSize
}

// parquetDepth and arrowDepth are the schema depths allowed in each format.
func (l Limits) parquetDepth() int { return min(l.WithDefaults().MaxSchemaDepth, parquetMaxDepth) }
func (l Limits) arrowDepth() int   { return min(l.WithDefaults().MaxSchemaDepth, arrowMaxDepth) }

// depthError is a schema nested deeper than maxDepth; past the decoder's
// own bound hard, raising the limit would not help.
func depthError(maxDepth, hard int) error {
	if maxDepth >= hard {
		return &LimitError{Msg: i18n.M("schema nested more than %d levels deep, more than saglig can read", hard)}
	}
	return limitError("--max-schema-depth", i18n.M("schema nested more than %d levels deep", maxDepth))
}

// LimitError is a file that exceeds one of the Limits. Its message names
// the flag that raises the limit.
type LimitError struct {
	// Flag is the lint flag that raises the limit, e.g. "--max-columns";
	// empty for a bound no flag raises.
	Flag string
	Msg  i18n.Msg
}

func (e *LimitError) Error() string { return e.In(i18n.For(i18n.English)) }

// In writes the error in p's language.
func (e *LimitError) In(p *i18n.Printer) string {
	if e.Flag == "" {
		return e.Msg.In(p)
	}
	return p.Sprintf("%s (raise it with %s)", e.Msg, e.Flag)
}

func limitError(flag string, m i18n.Msg) error { return &LimitError{Flag: flag, Msg: m} }

// CheckPageSize checks a page or buffer that decompresses from compressed
// to uncompressed bytes (compressed < 0: not compressed) against
// MaxPageSize and MaxDecompressionRatio. The caller says which page or
// buffer it is.
func (l Limits) CheckPageSize(compressed, uncompressed int64) error {
	l = l.WithDefaults()
	switch {
	case uncompressed < 0:
		return i18n.Errorf("invalid uncompressed size %d", uncompressed)
	case compressed > l.MaxPageSize:
		return limitError("--max-page-size", i18n.M("%s compressed exceeds the page size limit of %s", Size(compressed), Size(l.MaxPageSize)))
	case uncompressed > l.MaxPageSize:
		return limitError("--max-page-size", i18n.M("%s uncompressed exceeds the page size limit of %s", Size(uncompressed), Size(l.MaxPageSize)))
	case compressed >= 0 && uncompressed > MinRatioCheckedSize && uncompressed > int64(l.MaxDecompressionRatio)*compressed:
		return limitError("--max-decompression-ratio", i18n.M("%s decompress to %s, more than %s times their size", Size(compressed), Size(uncompressed), strconv.Itoa(l.MaxDecompressionRatio)))
	}
	return nil
}

// Deadline returns when reading a file started at start must end.
func (l Limits) Deadline(start time.Time) time.Time {
	return start.Add(l.WithDefaults().FileTimeout)
}

// TimeoutError is the error of a file whose reading took longer than
// FileTimeout.
func (l Limits) TimeoutError() error {
	return limitError("--file-timeout", i18n.M("reading took longer than %s", l.WithDefaults().FileTimeout.String()))
}

// Size is a number of bytes as messages write it: 512 bytes, 64 MiB,
// 1.5 GiB (1,5 GiB in Danish).
type Size int64

// String writes the size in English.
func (s Size) String() string { return s.In(i18n.For(i18n.English)) }

// In writes the size in p's language: its figure, and "bytes" below a
// KiB.
func (s Size) In(p *i18n.Printer) string {
	v, unit := s.scaled()
	if unit == "" {
		return nBytes(s).In(p)
	}
	if v == math.Trunc(v) {
		return p.Int(int64(v)) + " " + unit
	}
	return p.Float(v, 1) + " " + unit
}

// nBytes is an exact number of bytes, in words: 1 byte, 3,825 bytes.
func nBytes[N ~int | ~int32 | ~int64 | ~uint64](n N) i18n.Msg { return i18n.M("%d bytes", int64(n)) }

// scaled is the size in its largest binary unit of which it is at least
// one, rounded to a tenth, and the unit's symbol; "" below a KiB.
func (s Size) scaled() (float64, string) {
	const unit = 1024
	n := int64(s)
	if n < unit {
		return float64(n), ""
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit && exp < 4; m /= unit {
		div *= unit
		exp++
	}
	return math.Round(float64(n)/float64(div)*10) / 10, [...]string{"KiB", "MiB", "GiB", "TiB", "PiB"}[exp]
}

// Bytes writes a byte count as a flag takes it, in English: 512 bytes,
// 64 MiB, 1.5 GiB.
func Bytes(n int64) string {
	v, unit := Size(n).scaled()
	switch {
	case unit == "":
		return fmt.Sprintf("%d bytes", n)
	case v == math.Trunc(v):
		return fmt.Sprintf("%d %s", int64(v), unit)
	}
	return fmt.Sprintf("%.1f %s", v, unit)
}
