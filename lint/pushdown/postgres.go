package pushdown

import (
	"fmt"
	"strings"
	"time"

	"github.com/saglig/saglig/lint/dataset"
)

// PostgreSQL: exact COUNT(DISTINCT) and percentile_disc, or the hll and
// tdigest extensions where they are installed (CREATE EXTENSION hll,
// tdigest); hashtextextended, the hash PostgreSQL's hash partitioning
// keeps stable across versions.
func init() {
	q := quoteWith(`"`, `"`)
	register(&dialect{
		engine: Postgres,
		quote:  q,
		double: "FLOAT8",
		count:  "COUNT",
		ln:     "LN",
		text:   castAs("TEXT"),
		hash: func(t string) string {
			return "hashtextextended(" + t + ", 0)"
		},
		hashName: "hashtextextended",
		mod:      modPercent,
		days:     func(e string) string { return "(" + e + " - DATE '1970-01-01')" },
		micros: func(e string, _ dataset.ColumnType) string {
			return "CAST(EXTRACT(EPOCH FROM " + e + ") * 1000000 AS FLOAT8)"
		},
		timeMicros: func(e string) string {
			return "CAST(EXTRACT(EPOCH FROM " + e + ") * 1000000 AS FLOAT8)"
		},
		boolInt: func(e string) string { return "CAST(" + e + " AS INTEGER)" },
		notNaN:  func(e string) string { return e + " <> 'NaN'" },
		clamp:   func(e string) string { return "LEAST(" + e + ", 1.7976931348623157e308)" },
		distinct: func(e string, f features) (string, string) {
			if f.HLL && !f.Exact {
				return "hll_cardinality(hll_add_agg(hll_hash_any(" + e + "), 14))", "hll extension (HyperLogLog, 2^14 registers, about 0.8% standard error)"
			}
			return "COUNT(DISTINCT " + e + ")", "exact (COUNT(DISTINCT))"
		},
		quantiles: func(e string, ps []float64, f features) ([]string, string) {
			out := make([]string, len(ps))
			if f.TDigest && !f.Exact {
				// One digest: PostgreSQL computes identical aggregate
				// calls once.
				arr := make([]string, len(ps))
				for i, p := range ps {
					arr[i] = num(p)
				}
				for i := range ps {
					out[i] = fmt.Sprintf("(tdigest_percentile(%s, 100, ARRAY[%s]))[%d]", e, strings.Join(arr, ", "), i+1)
				}
				return out, "tdigest extension (t-digest, 100 centroids)"
			}
			for i, p := range ps {
				out[i] = fmt.Sprintf("percentile_disc(%s) WITHIN GROUP (ORDER BY %s)", num(p), e)
			}
			return out, "exact (percentile_disc)"
		},
		spanQuantiles: func(e string, ps []float64, _ features) ([]string, string) {
			out := make([]string, len(ps))
			for i, p := range ps {
				out[i] = fmt.Sprintf("percentile_cont(%s) WITHIN GROUP (ORDER BY %s)", num(p), e)
			}
			return out, "exact (percentile_cont)"
		},
		// PostgreSQL 15 has no cast that yields NULL on bad text: a text
		// timestamp is not read (docs/warehouses.md).
		textMicros: nil,
		ymdMicros: func(e string) string {
			y, m, d := "CAST("+e+" / 10000 AS INTEGER)", "CAST("+e+" / 100 % 100 AS INTEGER)", "CAST("+e+" % 100 AS INTEGER)"
			return fmt.Sprintf("CASE WHEN %s AND %s BETWEEN 1 AND 12 AND %s BETWEEN 1 AND 31 THEN "+
				"CASE WHEN %s <= EXTRACT(DAY FROM make_date(%s, %s, 1) + INTERVAL '1 month' - INTERVAL '1 day') "+
				"THEN CAST(EXTRACT(EPOCH FROM CAST(make_date(%s, %s, %s) AS TIMESTAMP)) * 1000000 AS FLOAT8) END END",
				ymdRange(e), m, d, d, y, m, y, m, d)
		},
		setup: func(timeout time.Duration) []string {
			return []string{
				fmt.Sprintf("SET statement_timeout = %d", millis(timeout)),
				// No JIT: each statement is one scan with hundreds of
				// expressions, far above jit_above_cost, and LLVM compiling
				// them (in the leader and in every parallel worker) took
				// most of the run — 611 of pass 2's 698 s at 100,000 rows
				// (docs/performance.md) — never paid back by one scan.
				"SET jit = off",
				// work_mem at least 64 MiB (raised, never lowered): at the
				// default 4 MiB the planner hashes only some of pass 2's
				// grouping sets and sorts the table once for each of the
				// others, through disk — at 1,000,000 rows 23 sorts of the
				// whole table and a third slower than hashing every set
				// (docs/performance.md).
				"SELECT set_config('work_mem', '65536kB', false) FROM pg_settings WHERE name = 'work_mem' AND CAST(setting AS BIGINT) < 65536",
				"SET TimeZone = 'UTC'",
				"SET extra_float_digits = 1",
			}
		},
		catalogue: func(t TableRef) string {
			schema := "current_schema()"
			if t.Schema != "" {
				schema = sqlString(t.Schema)
			}
			return "SELECT column_name, CASE WHEN data_type = 'USER-DEFINED' THEN udt_name ELSE data_type END, " +
				"COALESCE(numeric_precision, 0), COALESCE(numeric_scale, 0) FROM information_schema.columns " +
				"WHERE table_schema = " + schema + " AND table_name = " + sqlString(t.Name) + " ORDER BY ordinal_position"
		},
		columnType: postgresType,
		table:      qualified(q),
		// PostgreSQL pulls a subquery up into the query around it and
		// computes its expressions wherever they are used: the row's hash
		// once per column of the joint sample, 20 s of pass 2's 54 at
		// 200,000 rows. OFFSET 0 keeps the subquery a node of its own.
		fence: " OFFSET 0",
	})
}

func postgresType(typ string, precision, scale int64) (dataset.ColumnType, string) {
	switch name, _ := baseType(typ); name {
	case "smallint":
		return intType(16)
	case "integer":
		return intType(32)
	case "bigint":
		return intType(64)
	case "real":
		return floatType(32)
	case "double precision":
		return floatType(64)
	case "numeric":
		return decimalType(precision, scale)
	case "boolean":
		return simpleType(dataset.KindBool, "bool")
	case "text", "character varying", "character", "name", "citext", "json", "jsonb", "xml":
		return simpleType(dataset.KindString, "string")
	case "date":
		return simpleType(dataset.KindDate, "date")
	case "timestamp without time zone":
		return timestampType(false)
	case "timestamp with time zone":
		return timestampType(true)
	case "time without time zone":
		return timeType()
	case "uuid":
		return simpleType(dataset.KindUUID, "uuid")
	case "bytea":
		return simpleType(dataset.KindBinary, "binary")
	case "array":
		return nestedType("list")
	}
	return unknownType(typ)
}
