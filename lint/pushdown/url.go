package pushdown

import (
	"errors"
	"net/url"
	"os"
	"strings"
	"time"
)

// Engine is a SQL engine saglig pushes its measurements down to.
type Engine string

// The engines.
const (
	Postgres   Engine = "postgres"
	SQLServer  Engine = "sqlserver"
	Trino      Engine = "trino"
	Databricks Engine = "databricks"
	DuckDB     Engine = "duckdb"
)

// schemes maps URL schemes to engines.
var schemes = map[string]Engine{
	"postgres":   Postgres,
	"postgresql": Postgres,
	"sqlserver":  SQLServer,
	"trino":      Trino,
	"databricks": Databricks,
	"duckdb":     DuckDB,
}

// IsURL reports whether s names a table in a SQL engine (postgres://,
// sqlserver://, trino://, databricks://, duckdb://).
func IsURL(s string) bool {
	i := strings.Index(s, "://")
	if i <= 0 {
		return false
	}
	_, ok := schemes[strings.ToLower(s[:i])]
	return ok
}

// TableRef is a table's qualified name: catalog and schema may be empty.
type TableRef struct {
	Catalog, Schema, Name string
}

func (t TableRef) String() string {
	parts := []string{}
	for _, p := range []string{t.Catalog, t.Schema, t.Name} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ".")
}

// Target is a parsed table URL.
type Target struct {
	Engine Engine
	Table  TableRef
	// Host is host[:port] (the DuckDB file's path for duckdb://).
	Host string
	// User is the user name from the URL, if any.
	User string
	// Database is the database (PostgreSQL, SQL Server), the warehouse id
	// (Databricks) or empty.
	Database string
	// Params are the URL's other parameters, passed to the driver.
	Params url.Values
	// Timeout bounds each statement (timeout=, default DefaultTimeout).
	Timeout time.Duration
	// Exact asks for exact distinct counts and quantiles even where the
	// engine has estimators (exact=true).
	Exact bool
	// Display is the URL as printed: without parameters that could hold
	// secrets.
	Display string
}

// DefaultTimeout bounds each statement unless timeout= says otherwise.
const DefaultTimeout = 30 * time.Minute

// secretParams are parameters never accepted in a URL: credentials come
// from the environment (docs/warehouses.md).
var secretParams = []string{"password", "pwd", "token", "access_token", "accesstoken", "secret", "client_secret", "sslpassword", "sslkey", "key"}

// Parse reads a table URL:
//
//	postgres://[user@]host[:port]/database?table=[schema.]name
//	sqlserver://[user@]host[:port]?database=db&table=[schema.]name
//	trino://[user@]host[:port]?catalog=c&schema=s&table=name
//	databricks://host/warehouse-id?catalog=c&schema=s&table=name
//	duckdb:///path/to/file.duckdb?table=[schema.]name
//
// with timeout= (a Go duration, the bound of each statement) and exact=true
// (no estimators) for every engine. A password or token in the URL is
// refused: they come from the environment (PGPASSWORD, SQLSERVER_PASSWORD,
// TRINO_PASSWORD, DATABRICKS_TOKEN).
func Parse(s string) (*Target, error) {
	u, err := url.Parse(s)
	if err != nil {
		return nil, tableErr(redactRaw(s), "not a valid URL: %v", urlProblem(err))
	}
	eng, ok := schemes[strings.ToLower(u.Scheme)]
	if !ok {
		return nil, tableErr(redactRaw(s), "unknown engine %q (want postgres, sqlserver, trino, databricks or duckdb)", u.Scheme)
	}
	t := &Target{Engine: eng, Host: u.Host, Timeout: DefaultTimeout, Params: url.Values{}}
	if u.User != nil {
		if _, has := u.User.Password(); has {
			return nil, tableErr(redactRaw(s), "a password in the URL is not accepted; set %s instead", passwordVar(eng))
		}
		t.User = u.User.Username()
	}
	q := u.Query()
	for k := range q {
		for _, sp := range secretParams {
			if strings.EqualFold(k, sp) {
				return nil, tableErr(redactRaw(s), "parameter %q is not accepted in the URL; set %s instead", k, passwordVar(eng))
			}
		}
	}
	take := func(k string) string {
		v := q.Get(k)
		q.Del(k)
		return v
	}
	table := take("table")
	if v := take("timeout"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return nil, tableErr(t.display(u), "timeout=%s: want a duration such as 30s, 10m or 2h", v)
		}
		t.Timeout = d
	}
	switch v := strings.ToLower(take("exact")); v {
	case "", "false", "0":
	case "true", "1":
		t.Exact = true
	default:
		return nil, tableErr(t.display(u), "exact=%s: want true or false", v)
	}
	path := strings.TrimPrefix(u.Path, "/")
	switch eng {
	case Postgres:
		t.Database = path
	case SQLServer:
		t.Database = take("database")
		if path != "" && t.Database == "" {
			t.Database = path
		}
	case Trino, Databricks:
		t.Table.Catalog, t.Table.Schema = take("catalog"), take("schema")
		if eng == Databricks {
			t.Database = path
			if t.Database == "" {
				return nil, tableErr(t.display(u), "name the SQL warehouse: databricks://host/WAREHOUSE-ID?catalog=…&schema=…&table=…")
			}
		}
	case DuckDB:
		t.Host = u.Host + u.Path
		if t.Host == "" {
			return nil, tableErr(t.display(u), "name the database file: duckdb:///path/to/file.duckdb?table=…")
		}
	}
	if table == "" {
		return nil, tableErr(t.display(u), "name the table with ?table=[schema.]name")
	}
	parts := strings.Split(table, ".")
	for _, p := range parts {
		if p == "" {
			return nil, tableErr(t.display(u), "table=%s: an empty name part", table)
		}
	}
	switch len(parts) {
	case 1:
		t.Table.Name = parts[0]
	case 2:
		t.Table.Schema, t.Table.Name = parts[0], parts[1]
	case 3:
		t.Table.Catalog, t.Table.Schema, t.Table.Name = parts[0], parts[1], parts[2]
	default:
		return nil, tableErr(t.display(u), "table=%s: at most catalog.schema.name", table)
	}
	if (eng == Trino || eng == Databricks) && (t.Table.Catalog == "" || t.Table.Schema == "") {
		return nil, tableErr(t.display(u), "name the catalog and schema (catalog=…&schema=…, or table=catalog.schema.name)")
	}
	t.Params = q
	u.RawQuery = ""
	t.Display = t.display(u)
	return t, nil
}

// display is the URL without credentials, with its table.
func (t *Target) display(u *url.URL) string {
	c := *u
	c.User = nil
	if t.User != "" {
		c.User = url.User(t.User)
	}
	c.RawQuery = ""
	s := c.String()
	if t.Table.Name != "" {
		s += "?table=" + t.Table.String()
	}
	return s
}

// redactRaw shows a URL that could not be parsed without what could be a
// credential: its scheme and host part only.
func redactRaw(s string) string {
	scheme, rest, ok := strings.Cut(s, "://")
	if !ok {
		return "the URL"
	}
	if i := strings.IndexAny(rest, "/?"); i >= 0 {
		rest = rest[:i]
	}
	if i := strings.LastIndexByte(rest, '@'); i >= 0 {
		rest = rest[i+1:]
	}
	return scheme + "://" + rest
}

// urlProblem says what is wrong with a URL without repeating a
// percent-escape from it (it may be part of a password).
func urlProblem(err error) string {
	var esc url.EscapeError
	if errors.As(err, &esc) {
		return "an invalid %-escape (write a literal % as %25)"
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}

// passwordVar is the environment variable an engine's secret comes from.
func passwordVar(e Engine) string {
	switch e {
	case Postgres:
		return "PGPASSWORD (or use ~/.pgpass)"
	case SQLServer:
		return "SQLSERVER_PASSWORD"
	case Trino:
		return "TRINO_PASSWORD"
	case Databricks:
		return "DATABRICKS_TOKEN"
	}
	return "the engine's environment variable"
}

// env reads an environment variable; tests replace it.
var env = os.Getenv
