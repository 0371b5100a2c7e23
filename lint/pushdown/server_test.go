//go:build pushdown

package pushdown

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// TestGoldenSQLOnServer has a real PostgreSQL plan every statement of the
// PostgreSQL golden files (EXPLAIN parses, resolves every name and type,
// and plans without reading), on a table of the golden schema, and reads
// the golden schema back through the catalogue query. .ci/run sets
// SAGLIG_TEST_POSTGRES.
func TestGoldenSQLOnServer(t *testing.T) {
	u := os.Getenv("SAGLIG_TEST_POSTGRES")
	if u == "" {
		t.Skip("SAGLIG_TEST_POSTGRES is not set (.ci/run starts a server and sets it)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	conn, err := pgx.Connect(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	for _, q := range []string{
		"DROP SCHEMA IF EXISTS jobs CASCADE",
		"CREATE SCHEMA jobs",
		`CREATE TABLE jobs.forloeb (person_id text, dato date, alder integer, indkomst double precision, fornavn text,
			aktiv boolean, beloeb numeric(12,2), oprettet timestamp with time zone, herkomst text, koen smallint, tags integer[])`,
		"CREATE EXTENSION IF NOT EXISTS hll",
		"CREATE EXTENSION IF NOT EXISTS tdigest",
	} {
		if _, err := conn.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	for _, name := range []string{"postgres.sql", "postgres-extensions.sql"} {
		text, err := os.ReadFile(filepath.Join("testdata", "sql", name))
		if err != nil {
			t.Fatal(err)
		}
		for i, st := range goldenStatements(string(text)) {
			q := st
			if strings.HasPrefix(st, "SELECT") {
				q = "EXPLAIN " + st
			}
			if _, err := conn.Exec(ctx, q); err != nil {
				t.Errorf("%s: statement %d: %v", name, i+1, err)
			}
		}
	}
	// The catalogue query reads the schema the golden files were made for.
	d := dialectOf(Postgres)
	rows, err := conn.Query(ctx, d.catalogue(TableRef{Schema: "jobs", Name: "forloeb"}))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for rows.Next() {
		var name, typ string
		var prec, scale int64
		if err := rows.Scan(&name, &typ, &prec, &scale); err != nil {
			t.Fatal(err)
		}
		_, display := d.columnType(typ, prec, scale)
		got = append(got, name+" "+display)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, c := range goldenColumns(d) {
		want = append(want, c.Path+" "+c.Type)
	}
	if strings.Join(got, ", ") != strings.Join(want, ", ") {
		t.Errorf("catalogue:\n got %s\nwant %s", strings.Join(got, ", "), strings.Join(want, ", "))
	}
}

// goldenStatements splits a golden file into statements (comment lines
// dropped; each ends with ";" at the end of a line).
func goldenStatements(text string) []string {
	var out, cur []string
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "--") {
			continue
		}
		cur = append(cur, line)
		if strings.HasSuffix(line, ";") {
			out = append(out, strings.TrimSuffix(strings.Join(cur, "\n"), ";"))
			cur = nil
		}
	}
	return out
}
