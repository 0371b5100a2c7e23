package pushdown

import (
	"fmt"
	"time"

	"github.com/saglig/saglig/lint/dataset"
)

// SQL Server (2022, Azure SQL): APPROX_COUNT_DISTINCT and
// APPROX_PERCENTILE_DISC, which are its only distinct and percentile
// aggregates short of a sort per column; PERCENTILE_CONT as a window
// function for the observation spans; the first 8 bytes of SHA-256 as the
// hash.
func init() {
	q := quoteWith("[", "]")
	register(&dialect{
		engine: SQLServer,
		quote:  q,
		double: "FLOAT",
		count:  "COUNT_BIG",
		ln:     "LOG",
		text: func(e string, t dataset.ColumnType) string {
			switch t.Kind {
			case dataset.KindFloat:
				return "CONVERT(NVARCHAR(64), " + e + ", 3)"
			case dataset.KindTimestamp:
				return "CONVERT(NVARCHAR(64), " + e + ", 126)"
			case dataset.KindBinary:
				return e
			}
			return "CAST(" + e + " AS NVARCHAR(4000))"
		},
		hash: func(t string) string {
			return "CAST(SUBSTRING(HASHBYTES('SHA2_256', " + t + "), 1, 8) AS BIGINT)"
		},
		hashName: "SHA-256 (first 8 bytes)",
		mod:      modPercent,
		days:     func(e string) string { return "DATEDIFF(day, '19700101', " + e + ")" },
		micros: func(e string, _ dataset.ColumnType) string {
			return "CAST(DATEDIFF_BIG(microsecond, '19700101', " + e + ") AS FLOAT)"
		},
		timeMicros: func(e string) string {
			return "CAST(DATEDIFF_BIG(microsecond, CAST('00:00:00' AS TIME), " + e + ") AS FLOAT)"
		},
		boolInt: func(e string) string { return "CAST(" + e + " AS INT)" },
		distinct: func(e string, f features) (string, string) {
			if f.Exact {
				return "COUNT_BIG(DISTINCT " + e + ")", "exact (COUNT_BIG(DISTINCT))"
			}
			return "APPROX_COUNT_DISTINCT(" + e + ")", "APPROX_COUNT_DISTINCT (HyperLogLog, within 2% with 97% probability)"
		},
		quantiles: func(e string, ps []float64, _ features) ([]string, string) {
			out := make([]string, len(ps))
			for i, p := range ps {
				out[i] = fmt.Sprintf("APPROX_PERCENTILE_DISC(%s) WITHIN GROUP (ORDER BY %s)", num(p), e)
			}
			return out, "APPROX_PERCENTILE_DISC (KLL sketch; SQL Server has no exact percentile aggregate)"
		},
		windowedSpans: true,
		spanQuantiles: func(e string, ps []float64, _ features) ([]string, string) {
			out := make([]string, len(ps))
			for i, p := range ps {
				out[i] = fmt.Sprintf("PERCENTILE_CONT(%s) WITHIN GROUP (ORDER BY %s)", num(p), e)
			}
			return out, "exact (PERCENTILE_CONT)"
		},
		textMicros: func(e string) string {
			return "CAST(DATEDIFF_BIG(microsecond, '19700101', COALESCE(TRY_CONVERT(DATETIMEOFFSET, " + e + ", 127), TRY_CONVERT(DATETIME2, " + e + ", 126))) AS FLOAT)"
		},
		ymdMicros: func(e string) string {
			return "CASE WHEN " + ymdRange(e) + " THEN CAST(DATEDIFF_BIG(microsecond, '19700101', TRY_CONVERT(DATE, CAST(" + e + " AS CHAR(8)), 112)) AS FLOAT) END"
		},
		setup: func(time.Duration) []string { return nil },
		catalogue: func(t TableRef) string {
			from := "INFORMATION_SCHEMA.COLUMNS"
			if t.Catalog != "" {
				from = q(t.Catalog) + "." + from
			}
			schema := "SCHEMA_NAME()"
			if t.Schema != "" {
				schema = "N" + sqlString(t.Schema)
			}
			return "SELECT COLUMN_NAME, DATA_TYPE, COALESCE(CAST(NUMERIC_PRECISION AS BIGINT), 0), COALESCE(CAST(NUMERIC_SCALE AS BIGINT), 0) FROM " + from +
				" WHERE TABLE_SCHEMA = " + schema + " AND TABLE_NAME = N" + sqlString(t.Name) + " ORDER BY ORDINAL_POSITION"
		},
		columnType: sqlserverType,
		table:      qualified(q),
	})
}

func sqlserverType(typ string, precision, scale int64) (dataset.ColumnType, string) {
	switch name, _ := baseType(typ); name {
	case "tinyint":
		return uintType(8)
	case "smallint":
		return intType(16)
	case "int":
		return intType(32)
	case "bigint":
		return intType(64)
	case "bit":
		return simpleType(dataset.KindBool, "bool")
	case "real":
		return floatType(32)
	case "float":
		return floatType(64)
	case "decimal", "numeric":
		return decimalType(precision, scale)
	case "money":
		return decimalType(19, 4)
	case "smallmoney":
		return decimalType(10, 4)
	case "char", "varchar", "nchar", "nvarchar", "text", "ntext", "xml", "sysname":
		return simpleType(dataset.KindString, "string")
	case "date":
		return simpleType(dataset.KindDate, "date")
	case "datetime", "datetime2", "smalldatetime":
		return timestampType(false)
	case "datetimeoffset":
		return timestampType(true)
	case "time":
		return timeType()
	case "uniqueidentifier":
		return simpleType(dataset.KindUUID, "uuid")
	case "binary", "varbinary", "image":
		return simpleType(dataset.KindBinary, "binary")
	}
	return unknownType(typ)
}
