package pushdown

import (
	"context"
	"database/sql"
	"errors"
	"net/url"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	mssql "github.com/microsoft/go-mssqldb"
	_ "github.com/trinodb/trino-go-client/trino" // registers "trino"

	"github.com/saglig/saglig/internal/i18n"
)

// Conn runs statements on an engine, one at a time, in one session.
type Conn interface {
	// Query runs one statement and hands its result to sink as it comes:
	// the output names, then each row as driver values (nil, bool, int64,
	// float64, string, []byte or time.Time), so that a result is never
	// held whole — the reader keeps what it needs, within the memory
	// budget. An error of sink ends the statement.
	Query(ctx context.Context, sql string, sink Sink) error
	Close() error
}

// Sink takes a statement's result.
type Sink interface {
	// Start takes the output names, lower-cased, before any row.
	Start(names []string) error
	// Row is one row; the sink may keep its values.
	Row(vals []any) error
}

// Rows is a whole (small) result: the catalogue, the profile's one row.
type Rows struct {
	// Columns are the output names, lower-cased.
	Columns []string
	Values  [][]any
}

// Start is a Sink's.
func (r *Rows) Start(names []string) error {
	r.Columns = names
	return nil
}

// Row is a Sink's.
func (r *Rows) Row(vals []any) error {
	r.Values = append(r.Values, vals)
	return nil
}

// col returns the index of a named output, or −1.
func (r *Rows) col(name string) int {
	for i, c := range r.Columns {
		if c == name {
			return i
		}
	}
	return -1
}

// opener connects to a target.
type opener func(ctx context.Context, t *Target) (Conn, error)

// openers by engine; DuckDB's is added by a build tag.
var openers = map[Engine]opener{
	Postgres:   openPostgres,
	SQLServer:  openSQLServer,
	Trino:      openTrino,
	Databricks: openDatabricks,
}

// connect opens a connection to t.
func connect(ctx context.Context, t *Target) (Conn, error) {
	open := openers[t.Engine]
	if open == nil {
		if t.Engine == DuckDB {
			return nil, i18n.Errorf("this saglig was built without DuckDB (build it with -tags duckdb)")
		}
		return nil, i18n.Errorf("no driver for %s", t.Engine)
	}
	return open(ctx, t)
}

// sqlConn is a database/sql connection pinned to one session, so that
// session settings hold for every pass.
type sqlConn struct {
	db   *sql.DB
	conn *sql.Conn
}

func newSQLConn(ctx context.Context, db *sql.DB) (Conn, error) {
	c, err := db.Conn(ctx)
	if err != nil {
		db.Close()
		return nil, err
	}
	return &sqlConn{db: db, conn: c}, nil
}

func (c *sqlConn) Query(ctx context.Context, q string, sink Sink) error {
	rows, err := c.conn.QueryContext(ctx, q)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	names := make([]string, len(cols))
	for i, n := range cols {
		names[i] = strings.ToLower(n)
	}
	if err := sink.Start(names); err != nil {
		return err
	}
	ptrs := make([]any, len(cols))
	for rows.Next() {
		// Scanning into *any copies the driver's bytes: the sink may
		// keep the values.
		vals := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		if err := sink.Row(vals); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (c *sqlConn) Close() error {
	err := c.conn.Close()
	if e := c.db.Close(); err == nil {
		err = e
	}
	return err
}

// openPostgres connects with pgx: PGPASSWORD, ~/.pgpass, PGSSLMODE and the
// other libpq environment variables apply.
func openPostgres(ctx context.Context, t *Target) (Conn, error) {
	u := url.URL{Scheme: "postgres", Host: t.Host, Path: "/" + t.Database, RawQuery: t.Params.Encode()}
	if t.User != "" {
		u.User = url.User(t.User)
	}
	cfg, err := pgx.ParseConfig(u.String())
	if err != nil {
		return nil, err
	}
	return newSQLConn(ctx, stdlib.OpenDB(*cfg))
}

// openSQLServer connects with go-mssqldb; the password comes from
// SQLSERVER_PASSWORD.
func openSQLServer(ctx context.Context, t *Target) (Conn, error) {
	q := url.Values{}
	for k, v := range t.Params {
		q[k] = v
	}
	if t.Database != "" {
		q.Set("database", t.Database)
	}
	u := url.URL{Scheme: "sqlserver", Host: t.Host, RawQuery: q.Encode()}
	switch pw := env("SQLSERVER_PASSWORD"); {
	case pw != "":
		u.User = url.UserPassword(t.User, pw)
	case t.User != "":
		u.User = url.User(t.User)
	}
	conn, err := mssql.NewConnector(u.String())
	if err != nil {
		return nil, errors.New(strings.ReplaceAll(err.Error(), u.String(), t.Display))
	}
	return newSQLConn(ctx, sql.OpenDB(conn))
}

// openTrino connects with trino-go-client over HTTP, or HTTPS with
// tls=true (required with TRINO_PASSWORD); the statement timeout is the
// session property query_max_run_time.
func openTrino(ctx context.Context, t *Target) (Conn, error) {
	q := url.Values{}
	secure := false
	for k, v := range t.Params {
		if strings.EqualFold(k, "tls") {
			secure = strings.EqualFold(v[0], "true")
			continue
		}
		q[k] = v
	}
	q.Set("catalog", t.Table.Catalog)
	q.Set("schema", t.Table.Schema)
	q.Set("session_properties", "query_max_run_time:"+t.Timeout.String())
	// The driver retries a request for two minutes by default, also when
	// nothing listens: an unreachable coordinator fails within 30 s
	// unless the URL says otherwise.
	if q.Get("request_retry_timeout") == "" {
		q.Set("request_retry_timeout", "30s")
	}
	u := url.URL{Scheme: "http", Host: t.Host, RawQuery: q.Encode()}
	if secure {
		u.Scheme = "https"
	}
	user := t.User
	if user == "" {
		user = "saglig"
	}
	u.User = url.User(user)
	if pw := env("TRINO_PASSWORD"); pw != "" {
		if !secure {
			return nil, tableErr(t.Display, "TRINO_PASSWORD needs tls=true (Trino accepts passwords over HTTPS only)")
		}
		u.User = url.UserPassword(user, pw)
	}
	db, err := sql.Open("trino", u.String())
	if err != nil {
		return nil, err
	}
	return newSQLConn(ctx, db)
}
