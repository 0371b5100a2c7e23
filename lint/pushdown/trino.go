package pushdown

import (
	"fmt"
	"strings"
	"time"

	"github.com/saglig/saglig/lint/dataset"
)

// Trino: approx_distinct at its smallest standard error and
// approx_percentile (Trino has no exact percentile aggregate); xxhash64 as
// the hash.
func init() {
	q := quoteWith(`"`, `"`)
	register(&dialect{
		engine: Trino,
		quote:  q,
		double: "DOUBLE",
		count:  "COUNT",
		ln:     "ln",
		text:   castAs("VARCHAR"),
		hash: func(t string) string {
			return "from_big_endian_64(xxhash64(to_utf8(" + t + ")))"
		},
		hashName: "xxhash64",
		mod: func(e string, m int) string {
			return fmt.Sprintf("mod(mod(%s, %d) + %d, %d)", e, m, m, m)
		},
		days: func(e string) string { return "date_diff('day', DATE '1970-01-01', " + e + ")" },
		micros: func(e string, t dataset.ColumnType) string {
			if t.UTC {
				return "(to_unixtime(" + e + ") * 1000000)"
			}
			return "(to_unixtime(with_timezone(" + e + ", 'UTC')) * 1000000)"
		},
		timeMicros: func(e string) string {
			return "CAST(date_diff('millisecond', TIME '00:00:00', " + e + ") * 1000 AS DOUBLE)"
		},
		boolInt: func(e string) string { return "CAST(" + e + " AS INTEGER)" },
		notNaN:  func(e string) string { return "NOT is_nan(" + e + ")" },
		clamp:   func(e string) string { return "least(" + e + ", 1.7976931348623157E308)" },
		distinct: func(e string, f features) (string, string) {
			if f.Exact {
				return "COUNT(DISTINCT " + e + ")", "exact (COUNT(DISTINCT))"
			}
			return "approx_distinct(" + e + ", 0.0040625)", "approx_distinct (HyperLogLog, 0.41% standard error)"
		},
		quantiles: func(e string, ps []float64, _ features) ([]string, string) {
			return approxPercentiles(e, ps), "approx_percentile (Trino has no exact percentile aggregate)"
		},
		spanQuantiles: func(e string, ps []float64, _ features) ([]string, string) {
			return approxPercentiles(e, ps), "approx_percentile"
		},
		textMicros: func(e string) string {
			return "(to_unixtime(COALESCE(try(from_iso8601_timestamp(" + e + ")), try(with_timezone(CAST(" + e + " AS TIMESTAMP(6)), 'UTC')))) * 1000000)"
		},
		ymdMicros: func(e string) string {
			return "CASE WHEN " + ymdRange(e) + " THEN to_unixtime(with_timezone(try(date_parse(CAST(" + e + " AS VARCHAR), '%Y%m%d')), 'UTC')) * 1000000 END"
		},
		// The statement timeout is the session property
		// query_max_run_time, set when connecting.
		setup: func(time.Duration) []string { return nil },
		catalogue: func(t TableRef) string {
			return "SELECT column_name, data_type, 0, 0 FROM " + q(t.Catalog) + ".information_schema.columns WHERE table_schema = " +
				sqlString(t.Schema) + " AND table_name = " + sqlString(t.Name) + " ORDER BY ordinal_position"
		},
		columnType: trinoType,
		table:      qualified(q),
	})
}

func approxPercentiles(e string, ps []float64) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = fmt.Sprintf("approx_percentile(%s, %s)", e, num(p))
	}
	return out
}

func trinoType(typ string, _, _ int64) (dataset.ColumnType, string) {
	name, args := baseType(typ)
	switch {
	case name == "tinyint":
		return intType(8)
	case name == "smallint":
		return intType(16)
	case name == "integer" || name == "int":
		return intType(32)
	case name == "bigint":
		return intType(64)
	case name == "real":
		return floatType(32)
	case name == "double":
		return floatType(64)
	case name == "decimal":
		p, s := int64(38), int64(0)
		if len(args) > 0 {
			p = args[0]
		}
		if len(args) > 1 {
			s = args[1]
		}
		return decimalType(p, s)
	case name == "boolean":
		return simpleType(dataset.KindBool, "bool")
	case name == "varchar" || name == "char" || name == "json":
		return simpleType(dataset.KindString, "string")
	case name == "date":
		return simpleType(dataset.KindDate, "date")
	case name == "timestamp":
		return timestampType(false)
	case name == "timestamp with time zone":
		return timestampType(true)
	case name == "time":
		return timeType()
	case name == "uuid":
		return simpleType(dataset.KindUUID, "uuid")
	case name == "varbinary":
		return simpleType(dataset.KindBinary, "binary")
	case name == "array" || name == "map" || name == "row":
		return nestedType(strings.ToLower(typ))
	}
	return unknownType(typ)
}
