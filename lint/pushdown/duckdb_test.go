//go:build duckdb

package pushdown_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/lint"
)

// TestDuckDBAgreesWithParquet loads the bundled example into an in-process
// DuckDB database and lints it through pushdown (go test -tags duckdb
// ./lint/pushdown): the same findings and figures as the Parquet file.
func TestDuckDBAgreesWithParquet(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	parquetPath, err := filepath.Abs(filepath.Join(example, "data", "forloeb.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	dbPath := filepath.Join(t.TempDir(), "jobs.duckdb")
	db, err := sql.Open("duckdb", dbPath)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, "CREATE TABLE forloeb AS SELECT * FROM read_parquet(?)", parquetPath); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	m, err := featuremap.Load(filepath.Join(example, "saglig.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	today := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	local, err := lint.Run(ctx, lint.Options{Map: m, Paths: []string{parquetPath}, Today: today})
	if err != nil {
		t.Fatal(err)
	}
	for _, exact := range []bool{true, false} {
		u := "duckdb://" + dbPath + "?table=forloeb"
		if exact {
			u += "&exact=true"
		}
		remote, err := lint.Run(ctx, lint.Options{Map: m, Paths: []string{u}, Today: today})
		if err != nil {
			t.Fatal(err)
		}
		if len(remote.Errors) > 0 {
			t.Fatalf("errors: %v", remote.Errors)
		}
		compare(t, local, remote, exact)
		compareSubjects(t, parquetPath, u)
	}
}
