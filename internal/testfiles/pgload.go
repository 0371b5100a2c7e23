package testfiles

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/parquet-go/parquet-go"
)

// LoadParquet copies a flat Parquet file into a new PostgreSQL table
// (dropped first if it exists) through COPY, column by column with the
// type its Parquet type reads as — boolean, integer, bigint, real, double
// precision, text, date, timestamp — and analyses it. The rows are
// streamed (a few hundred in memory at a time), so that the benchmark of
// bench/cmd/benchlake can load 10 M rows; the pushdown-tagged tests load
// the small files they compare.
func LoadParquet(ctx context.Context, conn *pgx.Conn, path, table string) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		return 0, err
	}
	var defs, names []string
	var kinds []pgKind
	for _, leaf := range pf.Schema().Columns() {
		if len(leaf) != 1 {
			return 0, fmt.Errorf("%s: column %s is nested: not a flat file", path, strings.Join(leaf, "."))
		}
		node := pf.Schema().Fields()[len(names)]
		k, typ, err := pgTypeOf(node)
		if err != nil {
			return 0, fmt.Errorf("%s: column %s: %v", path, leaf[0], err)
		}
		defs = append(defs, pgx.Identifier{leaf[0]}.Sanitize()+" "+typ)
		names = append(names, leaf[0])
		kinds = append(kinds, k)
	}
	id := pgx.Identifier{table}.Sanitize()
	if _, err := conn.Exec(ctx, fmt.Sprintf("DROP TABLE IF EXISTS %s; CREATE TABLE %s (%s)", id, id, strings.Join(defs, ", "))); err != nil {
		return 0, err
	}
	r := parquet.NewReader(pf)
	defer r.Close()
	buf := make([]parquet.Row, 256)
	var n, next int
	nextRow := func() ([]any, error) {
		for next == n {
			var err error
			n, err = r.ReadRows(buf)
			next = 0
			if n > 0 {
				break
			}
			if errors.Is(err, io.EOF) {
				return nil, nil
			}
			if err != nil {
				return nil, err
			}
		}
		row := buf[next]
		next++
		vals := make([]any, len(names))
		for _, v := range row {
			if i := v.Column(); i >= 0 && i < len(vals) {
				vals[i] = kinds[i].value(v)
			}
		}
		return vals, nil
	}
	copied, err := conn.CopyFrom(ctx, pgx.Identifier{table}, names, pgx.CopyFromFunc(nextRow))
	if err != nil {
		return 0, err
	}
	_, err = conn.Exec(ctx, "ANALYZE "+id)
	return copied, err
}

type pgKind struct {
	kind parquet.Kind
	date bool
	unit time.Duration // of a timestamp; 0 for none
}

func pgTypeOf(f parquet.Field) (pgKind, string, error) {
	t := f.Type()
	logical := ""
	if lt := t.LogicalType(); lt != nil {
		logical = lt.String()
	}
	k := pgKind{kind: t.Kind()}
	switch {
	case k.kind == parquet.Boolean:
		return k, "boolean", nil
	case k.kind == parquet.Int32 && strings.HasPrefix(logical, "DATE"):
		k.date = true
		return k, "date", nil
	case k.kind == parquet.Int32:
		return k, "integer", nil
	case k.kind == parquet.Int64 && strings.HasPrefix(logical, "TIMESTAMP"):
		switch {
		case strings.Contains(logical, "MILLIS"):
			k.unit = time.Millisecond
		case strings.Contains(logical, "NANOS"):
			k.unit = time.Nanosecond
		default:
			k.unit = time.Microsecond
		}
		if strings.Contains(logical, "isAdjustedToUTC=true") {
			return k, "timestamp with time zone", nil
		}
		return k, "timestamp without time zone", nil
	case k.kind == parquet.Int64:
		return k, "bigint", nil
	case k.kind == parquet.Float:
		return k, "real", nil
	case k.kind == parquet.Double:
		return k, "double precision", nil
	case k.kind == parquet.ByteArray && (logical == "" || strings.HasPrefix(logical, "STRING")):
		return k, "text", nil
	}
	return k, "", fmt.Errorf("no PostgreSQL type for %s", t)
}

func (k pgKind) value(v parquet.Value) any {
	if v.IsNull() {
		return nil
	}
	switch {
	case k.kind == parquet.Boolean:
		return v.Boolean()
	case k.date:
		return time.Unix(int64(v.Int32())*86400, 0).UTC()
	case k.kind == parquet.Int32:
		return int64(v.Int32())
	case k.unit != 0:
		return time.Unix(0, v.Int64()*int64(k.unit)).UTC()
	case k.kind == parquet.Int64:
		return v.Int64()
	case k.kind == parquet.Float:
		return float64(v.Float())
	case k.kind == parquet.Double:
		return v.Double()
	}
	return string(v.ByteArray())
}
