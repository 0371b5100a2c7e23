package pushdown

import (
	"fmt"
	"strings"
	"time"

	"github.com/saglig/saglig/lint/dataset"
)

// Spark SQL as Databricks SQL warehouses run it: approx_count_distinct
// (HyperLogLog++) and percentile_approx, or COUNT(DISTINCT),
// percentile_disc and percentile with exact=true; xxhash64 as the hash.
func init() {
	q := quoteWith("`", "`")
	register(&dialect{
		engine:   Databricks,
		quote:    q,
		double:   "DOUBLE",
		count:    "COUNT",
		ln:       "ln",
		text:     castAs("STRING"),
		hash:     func(t string) string { return "xxhash64(" + t + ")" },
		hashName: "xxhash64",
		mod:      func(e string, m int) string { return fmt.Sprintf("pmod(%s, %d)", e, m) },
		days:     func(e string) string { return "unix_date(" + e + ")" },
		micros: func(e string, t dataset.ColumnType) string {
			if t.UTC {
				return "CAST(unix_micros(" + e + ") AS DOUBLE)"
			}
			return "CAST(unix_micros(CAST(" + e + " AS TIMESTAMP)) AS DOUBLE)"
		},
		timeMicros: func(e string) string { return "CAST(NULL AS DOUBLE)" },
		boolInt:    func(e string) string { return "CAST(" + e + " AS INT)" },
		notNaN:     func(e string) string { return "NOT isnan(" + e + ")" },
		clamp:      func(e string) string { return "least(" + e + ", 1.7976931348623157E308)" },
		distinct: func(e string, f features) (string, string) {
			if f.Exact {
				return "COUNT(DISTINCT " + e + ")", "exact (COUNT(DISTINCT))"
			}
			return "approx_count_distinct(" + e + ", 0.01)", "approx_count_distinct (HyperLogLog++, 1% relative standard deviation)"
		},
		quantiles: func(e string, ps []float64, f features) ([]string, string) {
			out := make([]string, len(ps))
			if f.Exact {
				for i, p := range ps {
					out[i] = fmt.Sprintf("percentile_disc(%s) WITHIN GROUP (ORDER BY %s)", num(p), e)
				}
				return out, "exact (percentile_disc)"
			}
			for i, p := range ps {
				out[i] = fmt.Sprintf("percentile_approx(%s, %s, 10000)", e, num(p))
			}
			return out, "percentile_approx (accuracy 10000)"
		},
		spanQuantiles: func(e string, ps []float64, f features) ([]string, string) {
			out := make([]string, len(ps))
			if f.Exact {
				for i, p := range ps {
					out[i] = fmt.Sprintf("percentile(%s, %s)", e, num(p))
				}
				return out, "exact (percentile)"
			}
			for i, p := range ps {
				out[i] = fmt.Sprintf("percentile_approx(%s, %s, 10000)", e, num(p))
			}
			return out, "percentile_approx (accuracy 10000)"
		},
		textMicros: func(e string) string { return "CAST(unix_micros(try_to_timestamp(" + e + ")) AS DOUBLE)" },
		ymdMicros: func(e string) string {
			return "CASE WHEN " + ymdRange(e) + " THEN CAST(unix_micros(try_to_timestamp(CAST(" + e + " AS STRING), 'yyyyMMdd')) AS DOUBLE) END"
		},
		// The statement timeout is the Statement Execution API's, set
		// with each statement.
		setup: func(time.Duration) []string { return nil },
		catalogue: func(t TableRef) string {
			return "SELECT column_name, full_data_type, COALESCE(numeric_precision, 0), COALESCE(numeric_scale, 0) FROM " + q(t.Catalog) +
				".information_schema.columns WHERE table_schema = " + sqlString(t.Schema) + " AND table_name = " + sqlString(t.Name) +
				" ORDER BY ordinal_position"
		},
		columnType: sparkType,
		table:      qualified(q),
	})
}

func sparkType(typ string, _, _ int64) (dataset.ColumnType, string) {
	name, args := baseType(typ)
	switch {
	case name == "tinyint" || name == "byte":
		return intType(8)
	case name == "smallint" || name == "short":
		return intType(16)
	case name == "int" || name == "integer":
		return intType(32)
	case name == "bigint" || name == "long":
		return intType(64)
	case name == "float" || name == "real":
		return floatType(32)
	case name == "double":
		return floatType(64)
	case name == "decimal" || name == "dec" || name == "numeric":
		p, s := int64(10), int64(0)
		if len(args) > 0 {
			p = args[0]
		}
		if len(args) > 1 {
			s = args[1]
		}
		return decimalType(p, s)
	case name == "boolean":
		return simpleType(dataset.KindBool, "bool")
	case name == "string" || name == "varchar" || name == "char":
		return simpleType(dataset.KindString, "string")
	case name == "date":
		return simpleType(dataset.KindDate, "date")
	case name == "timestamp" || name == "timestamp_ltz":
		return timestampType(true)
	case name == "timestamp_ntz":
		return timestampType(false)
	case name == "binary":
		return simpleType(dataset.KindBinary, "binary")
	case strings.HasPrefix(name, "array") || strings.HasPrefix(name, "map") || strings.HasPrefix(name, "struct") || name == "variant":
		return nestedType(strings.ToLower(typ))
	}
	return unknownType(typ)
}
