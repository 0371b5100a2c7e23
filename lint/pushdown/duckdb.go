package pushdown

import (
	"fmt"
	"strings"
	"time"

	"github.com/saglig/saglig/lint/dataset"
)

// DuckDB, the in-process reference: COUNT(DISTINCT), and quantile_disc or
// approx_quantile; its hash(), which is stable
// within one DuckDB version. The connection is built only with
// -tags duckdb (its native library is large); the SQL always is.
func init() {
	q := quoteWith(`"`, `"`)
	register(&dialect{
		engine: DuckDB,
		quote:  q,
		double: "DOUBLE",
		count:  "COUNT",
		ln:     "ln",
		text:   castAs("VARCHAR"),
		hash: func(t string) string {
			return "CAST(CAST(hash(" + t + ") AS HUGEINT) - 9223372036854775808 AS BIGINT)"
		},
		hashName: "hash (DuckDB)",
		mod:      modPercent,
		days:     func(e string) string { return "date_diff('day', DATE '1970-01-01', " + e + ")" },
		micros: func(e string, _ dataset.ColumnType) string {
			return "CAST(epoch_us(" + e + ") AS DOUBLE)"
		},
		timeMicros: func(e string) string {
			return "CAST(date_diff('microsecond', TIME '00:00:00', " + e + ") AS DOUBLE)"
		},
		boolInt: func(e string) string { return "CAST(" + e + " AS INTEGER)" },
		notNaN:  func(e string) string { return "NOT isnan(" + e + ")" },
		clamp:   func(e string) string { return "least(" + e + ", 1.7976931348623157e308)" },
		// Always exact: approx_count_distinct is off by 8% on the bundled
		// example, and DuckDB counts exactly fast enough.
		distinct: func(e string, f features) (string, string) {
			return "COUNT(DISTINCT " + e + ")", "exact (COUNT(DISTINCT))"
		},
		quantiles: func(e string, ps []float64, f features) ([]string, string) {
			out := make([]string, len(ps))
			if f.Exact {
				for i, p := range ps {
					out[i] = fmt.Sprintf("quantile_disc(%s, %s)", e, num(p))
				}
				return out, "exact (quantile_disc)"
			}
			for i, p := range ps {
				out[i] = fmt.Sprintf("approx_quantile(%s, %s)", e, num(p))
			}
			return out, "approx_quantile (t-digest)"
		},
		spanQuantiles: func(e string, ps []float64, _ features) ([]string, string) {
			out := make([]string, len(ps))
			for i, p := range ps {
				out[i] = fmt.Sprintf("quantile_cont(%s, %s)", e, num(p))
			}
			return out, "exact (quantile_cont)"
		},
		textMicros: func(e string) string { return "CAST(epoch_us(TRY_CAST(" + e + " AS TIMESTAMPTZ)) AS DOUBLE)" },
		ymdMicros: func(e string) string {
			return "CASE WHEN " + ymdRange(e) + " THEN CAST(epoch_us(TRY_STRPTIME(CAST(" + e + " AS VARCHAR), '%Y%m%d')) AS DOUBLE) END"
		},
		setup: func(time.Duration) []string { return nil },
		catalogue: func(t TableRef) string {
			schema := "current_schema()"
			if t.Schema != "" {
				schema = sqlString(t.Schema)
			}
			where := "table_schema = " + schema + " AND table_name = " + sqlString(t.Name)
			if t.Catalog != "" {
				where = "table_catalog = " + sqlString(t.Catalog) + " AND " + where
			}
			return "SELECT column_name, data_type, COALESCE(numeric_precision, 0), COALESCE(numeric_scale, 0) FROM information_schema.columns WHERE " +
				where + " ORDER BY ordinal_position"
		},
		columnType: duckdbType,
		table:      qualified(q),
	})
}

func duckdbType(typ string, precision, scale int64) (dataset.ColumnType, string) {
	name, args := baseType(typ)
	if strings.HasSuffix(name, "[]") || strings.HasPrefix(name, "struct") || strings.HasPrefix(name, "map") || strings.HasPrefix(name, "union") {
		return nestedType(strings.ToLower(typ))
	}
	switch name {
	case "tinyint":
		return intType(8)
	case "smallint":
		return intType(16)
	case "integer":
		return intType(32)
	case "bigint":
		return intType(64)
	case "utinyint":
		return uintType(8)
	case "usmallint":
		return uintType(16)
	case "uinteger":
		return uintType(32)
	case "ubigint":
		return uintType(64)
	case "hugeint", "uhugeint":
		return decimalType(38, 0)
	case "float":
		return floatType(32)
	case "double":
		return floatType(64)
	case "decimal":
		if len(args) == 2 {
			return decimalType(args[0], args[1])
		}
		return decimalType(precision, scale)
	case "boolean":
		return simpleType(dataset.KindBool, "bool")
	case "varchar", "json":
		return simpleType(dataset.KindString, "string")
	case "date":
		return simpleType(dataset.KindDate, "date")
	case "timestamp", "timestamp_s", "timestamp_ms", "timestamp_ns":
		return timestampType(false)
	case "timestamp with time zone":
		return timestampType(true)
	case "time":
		return timeType()
	case "uuid":
		return simpleType(dataset.KindUUID, "uuid")
	case "blob":
		return simpleType(dataset.KindBinary, "binary")
	}
	return unknownType(typ)
}
