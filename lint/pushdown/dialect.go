package pushdown

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/saglig/saglig/lint/dataset"
)

// A dialect is how one engine spells what the query builder needs. The
// builder writes the same statistics for every engine; a dialect only
// supplies the words: quoting, casts, a 64-bit hash, logarithms, epoch
// conversions, the distinct-count and quantile estimators, and the
// catalogue query.
type dialect struct {
	engine Engine
	// quote quotes an identifier.
	quote func(string) string
	// double is the type of a 64-bit float in CAST.
	double string
	// count is the aggregate that counts into a 64-bit integer.
	count string
	// ln is the natural logarithm's name.
	ln string
	// text is a value's text form, the input of hash: type-aware where
	// the default cast would lose digits.
	text func(expr string, t dataset.ColumnType) string
	// hash is a deterministic signed 64-bit hash of a text expression.
	hash     func(text string) string
	hashName string
	// mod is the non-negative remainder of a 64-bit integer by m.
	mod func(expr string, m int) string
	// days and timeMicros give a date as days since 1970-01-01 and a
	// time of day as µs; micros a timestamp as µs since the epoch (UTC; a
	// timestamp without a zone is read as UTC).
	days, timeMicros func(string) string
	micros           func(string, dataset.ColumnType) string
	// boolInt is a boolean as 0 or 1.
	boolInt func(string) string
	// notNaN is the condition that a float is not NaN, or nil when the
	// engine has no NaN.
	notNaN func(string) string
	// clamp bounds a float's magnitude to the largest finite one, or nil
	// when the engine has no infinities.
	clamp func(string) string
	// distinct is the distinct-count aggregate and the name of its
	// estimator.
	distinct func(expr string, f features) (string, string)
	// quantiles are the aggregates of the quantiles ps of a float
	// expression, one per p, and the estimator's name.
	quantiles func(expr string, ps []float64, f features) ([]string, string)
	// spanQuantiles are those of the observation spans (Hyndman–Fan
	// type 7 where the engine has it), and the estimator's name; with
	// windowedSpans, each is a window function without its OVER clause.
	spanQuantiles func(expr string, ps []float64, f features) ([]string, string)
	// windowedSpans writes the subjects pass's outer select with window
	// functions (SQL Server, whose PERCENTILE_CONT is a window function
	// only).
	windowedSpans bool
	// textMicros parses ISO 8601 text as µs, NULL when it is not one; nil
	// when the engine cannot do so without failing the statement.
	textMicros func(string) string
	// ymdMicros reads a yyyymmdd integer as µs, NULL when it is not a
	// valid date.
	ymdMicros func(string) string
	// setup are the session statements run before the passes.
	setup func(timeout time.Duration) []string
	// catalogue lists a table's columns: name, type, precision, scale.
	catalogue func(t TableRef) string
	// columnType maps a catalogue row to a column type and its display.
	columnType func(typ string, precision, scale int64) (dataset.ColumnType, string)
	// table is the qualified table name.
	table func(t TableRef) string
	// fence ends a subquery the engine must not fold into the query
	// around it, so that each of its expressions is computed once per row
	// (PostgreSQL: OFFSET 0; empty where the engine computes a repeated
	// expression once anyway).
	fence string
}

// features are what an engine has, found when connecting.
type features struct {
	// HLL and TDigest: PostgreSQL's hll and tdigest extensions.
	HLL, TDigest bool
	// Exact asks for exact figures where the engine can give them.
	Exact bool
}

// dialects by engine.
var dialects = map[Engine]*dialect{}

func register(d *dialect) { dialects[d.engine] = d }

// dialectOf returns an engine's dialect.
func dialectOf(e Engine) *dialect {
	d := dialects[e]
	if d == nil {
		panic(fmt.Sprintf("pushdown: no dialect for %s", e))
	}
	return d
}

// Common spellings.

func quoteWith(l, r string) func(string) string {
	return func(s string) string { return l + strings.ReplaceAll(s, r, r+r) + r }
}

func qualified(quote func(string) string) func(TableRef) string {
	return func(t TableRef) string {
		var parts []string
		for _, p := range []string{t.Catalog, t.Schema, t.Name} {
			if p != "" {
				parts = append(parts, quote(p))
			}
		}
		return strings.Join(parts, ".")
	}
}

// sqlString is a string literal.
func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// num writes a float literal that every engine reads as a number.
func num(f float64) string {
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".eE") {
		s += ".0"
	}
	return s
}

// modPercent is the non-negative remainder with the % operator.
func modPercent(expr string, m int) string {
	return fmt.Sprintf("((%s %% %d) + %d) %% %d", expr, m, m, m)
}

// castText is CAST(expr AS typ).
func castAs(typ string) func(string, dataset.ColumnType) string {
	return func(e string, _ dataset.ColumnType) string { return "CAST(" + e + " AS " + typ + ")" }
}

// epochYMD is the shared part of reading a yyyymmdd integer: the range
// test; valid wraps the engine's date construction.
func ymdRange(e string) string {
	return fmt.Sprintf("%s BETWEEN 19000101 AND 21991231", e)
}

// millis returns the timeout in whole milliseconds, at least 1.
func millis(d time.Duration) int64 { return max(1, d.Milliseconds()) }

// The catalogue's type names, read alike where engines agree.

// baseType splits "decimal(10,2)" into "decimal" and its arguments.
func baseType(t string) (string, []int64) {
	t = strings.ToLower(strings.TrimSpace(t))
	name, args, ok := strings.Cut(t, "(")
	if !ok {
		return t, nil
	}
	rest := ""
	if i := strings.IndexByte(args, ')'); i >= 0 {
		rest = strings.TrimSpace(args[i+1:])
		args = args[:i]
	}
	var out []int64
	for _, a := range strings.Split(args, ",") {
		if n, err := strconv.ParseInt(strings.TrimSpace(a), 10, 64); err == nil {
			out = append(out, n)
		}
	}
	name = strings.TrimSpace(name)
	if rest != "" {
		name += " " + rest
	}
	return name, out
}

// Column types as the dataset package displays them.

func intType(bits uint8) (dataset.ColumnType, string) {
	return dataset.ColumnType{Kind: dataset.KindInt, Bits: bits}, "int" + strconv.Itoa(int(bits))
}

func uintType(bits uint8) (dataset.ColumnType, string) {
	return dataset.ColumnType{Kind: dataset.KindUint, Bits: bits}, "uint" + strconv.Itoa(int(bits))
}

func floatType(bits uint8) (dataset.ColumnType, string) {
	return dataset.ColumnType{Kind: dataset.KindFloat, Bits: bits}, "float" + strconv.Itoa(int(bits))
}

func decimalType(p, s int64) (dataset.ColumnType, string) {
	if p <= 0 {
		// An unconstrained numeric: read as a float.
		return dataset.ColumnType{Kind: dataset.KindFloat, Bits: 64}, "float64"
	}
	return dataset.ColumnType{Kind: dataset.KindDecimal, Precision: int32(p), Scale: int32(s)}, fmt.Sprintf("decimal(%d,%d)", p, s)
}

func simpleType(k dataset.Kind, display string) (dataset.ColumnType, string) {
	return dataset.ColumnType{Kind: k}, display
}

func timestampType(utc bool) (dataset.ColumnType, string) {
	if utc {
		return dataset.ColumnType{Kind: dataset.KindTimestamp, Unit: dataset.Micro, UTC: true}, "timestamp[us, UTC]"
	}
	return dataset.ColumnType{Kind: dataset.KindTimestamp, Unit: dataset.Micro}, "timestamp[us]"
}

func timeType() (dataset.ColumnType, string) {
	return dataset.ColumnType{Kind: dataset.KindTime, Unit: dataset.Micro}, "time[us]"
}

// nestedType is a list, map or struct column: not measured through SQL.
func nestedType(display string) (dataset.ColumnType, string) {
	return dataset.ColumnType{Kind: dataset.KindNull, Shape: dataset.List}, display
}

// unknownType is a type saglig does not read: its rows are counted only.
func unknownType(display string) (dataset.ColumnType, string) {
	return dataset.ColumnType{Kind: dataset.KindNull}, display
}
