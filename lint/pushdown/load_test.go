//go:build pushdown

package pushdown_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/parquet-go/parquet-go"

	"github.com/saglig/saglig/lint/dataset"
)

// loadParquet copies a flat Parquet file into a new PostgreSQL table,
// column by column with the types saglig reads it as, through COPY.
func loadParquet(t testing.TB, ctx context.Context, conn *pgx.Conn, path, table string) int64 {
	t.Helper()
	ds, err := dataset.Open(path, dataset.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var defs, names []string
	for _, c := range ds.Columns {
		typ, err := pgType(c.ColumnType)
		if err != nil {
			t.Fatalf("%s: %v", c.Path, err)
		}
		defs = append(defs, pgx.Identifier{c.Path}.Sanitize()+" "+typ)
		names = append(names, c.Path)
	}
	if _, err := conn.Exec(ctx, fmt.Sprintf("DROP TABLE IF EXISTS %s; CREATE TABLE %s (%s)",
		pgx.Identifier{table}.Sanitize(), pgx.Identifier{table}.Sanitize(), strings.Join(defs, ", "))); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	leaves := pf.Schema().Columns()
	if len(leaves) != len(ds.Columns) {
		t.Fatalf("%s: %d leaves for %d columns: not a flat file", path, len(leaves), len(ds.Columns))
	}
	var rows [][]any
	r := parquet.NewReader(pf)
	defer r.Close()
	buf := make([]parquet.Row, 256)
	for {
		n, err := r.ReadRows(buf)
		for _, row := range buf[:n] {
			vals := make([]any, len(ds.Columns))
			for _, v := range row {
				i := v.Column()
				vals[i] = goValue(ds.Columns[i].ColumnType, v)
			}
			rows = append(rows, vals)
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	copied, err := conn.CopyFrom(ctx, pgx.Identifier{table}, names, pgx.CopyFromRows(rows))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, "ANALYZE "+pgx.Identifier{table}.Sanitize()); err != nil {
		t.Fatal(err)
	}
	return copied
}

func pgType(t dataset.ColumnType) (string, error) {
	switch t.Kind {
	case dataset.KindBool:
		return "boolean", nil
	case dataset.KindInt:
		if t.Bits <= 16 {
			return "smallint", nil
		}
		if t.Bits <= 32 {
			return "integer", nil
		}
		return "bigint", nil
	case dataset.KindFloat:
		if t.Bits == 32 {
			return "real", nil
		}
		return "double precision", nil
	case dataset.KindString:
		return "text", nil
	case dataset.KindDate:
		return "date", nil
	case dataset.KindTimestamp:
		if t.UTC {
			return "timestamp with time zone", nil
		}
		return "timestamp without time zone", nil
	}
	return "", fmt.Errorf("no PostgreSQL type for %s", t.Kind)
}

func goValue(t dataset.ColumnType, v parquet.Value) any {
	if v.IsNull() {
		return nil
	}
	switch t.Kind {
	case dataset.KindBool:
		return v.Boolean()
	case dataset.KindInt:
		return v.Int64()
	case dataset.KindFloat:
		return v.Double()
	case dataset.KindString:
		return string(v.ByteArray())
	case dataset.KindDate:
		return time.Unix(int64(v.Int32())*86400, 0).UTC()
	case dataset.KindTimestamp:
		switch t.Unit {
		case dataset.Milli:
			return time.UnixMilli(v.Int64()).UTC()
		case dataset.Nano:
			return time.Unix(0, v.Int64()).UTC()
		}
		return time.UnixMicro(v.Int64()).UTC()
	}
	return nil
}
