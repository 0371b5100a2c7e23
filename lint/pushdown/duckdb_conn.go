//go:build duckdb

package pushdown

import (
	"context"
	"database/sql"

	_ "github.com/duckdb/duckdb-go/v2" // registers "duckdb"
)

// DuckDB, in process, only in a saglig built with -tags duckdb: its native
// library is tens of megabytes, which the default binary does without.
func init() { openers[DuckDB] = openDuckDB }

// openDuckDB opens a DuckDB database file read-only.
func openDuckDB(ctx context.Context, t *Target) (Conn, error) {
	db, err := sql.Open("duckdb", t.Host+"?access_mode=read_only")
	if err != nil {
		return nil, err
	}
	return newSQLConn(ctx, db)
}
