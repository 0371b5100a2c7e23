package pushdown

import (
	"strings"
	"testing"
	"time"

	"github.com/saglig/saglig/internal/i18n"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		url     string
		engine  Engine
		table   TableRef
		db      string
		display string
		timeout time.Duration
		exact   bool
		err     string
	}{
		{url: "postgres://analyst@db.example:5432/jobs?table=public.forloeb", engine: Postgres,
			table: TableRef{Schema: "public", Name: "forloeb"}, db: "jobs",
			display: "postgres://analyst@db.example:5432/jobs?table=public.forloeb", timeout: DefaultTimeout},
		{url: "postgresql://db/jobs?table=forloeb&sslmode=require&timeout=10m&exact=true", engine: Postgres,
			table: TableRef{Name: "forloeb"}, db: "jobs", display: "postgresql://db/jobs?table=forloeb", timeout: 10 * time.Minute, exact: true},
		{url: "sqlserver://sa@sql.example:1433?database=jobs&table=dbo.forloeb", engine: SQLServer,
			table: TableRef{Schema: "dbo", Name: "forloeb"}, db: "jobs", display: "sqlserver://sa@sql.example:1433?table=dbo.forloeb", timeout: DefaultTimeout},
		{url: "trino://trino.example:8080?catalog=hive&schema=jobs&table=forloeb", engine: Trino,
			table: TableRef{Catalog: "hive", Schema: "jobs", Name: "forloeb"}, display: "trino://trino.example:8080?table=hive.jobs.forloeb", timeout: DefaultTimeout},
		{url: "trino://trino.example?table=hive.jobs.forloeb", engine: Trino,
			table: TableRef{Catalog: "hive", Schema: "jobs", Name: "forloeb"}, display: "trino://trino.example?table=hive.jobs.forloeb", timeout: DefaultTimeout},
		{url: "databricks://adb-1.azuredatabricks.net/abc123?catalog=main&schema=jobs&table=forloeb", engine: Databricks,
			table: TableRef{Catalog: "main", Schema: "jobs", Name: "forloeb"}, db: "abc123",
			display: "databricks://adb-1.azuredatabricks.net/abc123?table=main.jobs.forloeb", timeout: DefaultTimeout},
		{url: "duckdb:///data/jobs.duckdb?table=forloeb", engine: DuckDB, table: TableRef{Name: "forloeb"},
			display: "duckdb:///data/jobs.duckdb?table=forloeb", timeout: DefaultTimeout},
		{url: "postgres://analyst:hunter2@db/jobs?table=t", err: "a password in the URL is not accepted; set PGPASSWORD"},
		{url: "databricks://host/wh?catalog=c&schema=s&table=t&token=dapi123", err: `parameter "token" is not accepted`},
		{url: "postgres://db/jobs", err: "name the table with ?table="},
		{url: "postgres://db/jobs?table=a..b", err: "an empty name part"},
		{url: "postgres://db/jobs?table=a.b.c.d", err: "at most catalog.schema.name"},
		{url: "postgres://db/jobs?table=t&timeout=soon", err: "timeout=soon: want a duration"},
		{url: "postgres://db/jobs?table=t&exact=maybe", err: "exact=maybe: want true or false"},
		{url: "trino://host?table=t", err: "name the catalog and schema"},
		{url: "databricks://host?catalog=c&schema=s&table=t", err: "name the SQL warehouse"},
		{url: "mysql://host/db?table=t", err: "unknown engine"},
		{url: "postgres://analyst:p%zzsecret@db/jobs?table=t", err: "an invalid %-escape"},
	} {
		t.Run(tc.url, func(t *testing.T) {
			got, err := Parse(tc.url)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				for _, secret := range []string{"hunter2", "dapi123", "zz", "secret"} {
					if strings.Contains(err.Error(), secret) {
						t.Errorf("the error prints the secret: %v", err)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Engine != tc.engine || got.Table != tc.table || got.Database != tc.db || got.Display != tc.display ||
				got.Timeout != tc.timeout || got.Exact != tc.exact {
				t.Errorf("got %+v", got)
			}
		})
	}
}

func TestIsURL(t *testing.T) {
	for s, want := range map[string]bool{
		"postgres://h/db?table=t": true, "POSTGRESQL://h": true, "sqlserver://h": true, "trino://h": true,
		"databricks://h/w": true, "duckdb:///f": true, "s3://bucket/key": false, "data/x.parquet": false, "://x": false,
	} {
		if IsURL(s) != want {
			t.Errorf("IsURL(%q) = %v", s, !want)
		}
	}
}

func TestClean(t *testing.T) {
	err := clean(errFrom(`ERROR: invalid input syntax for type date: "2024-13-45"
	(SQLSTATE 22007) near 'Jensen'`))
	if strings.Contains(err.Error(), "2024-13-45") || strings.Contains(err.Error(), "Jensen") || strings.Contains(err.Error(), "\n") {
		t.Errorf("clean left a value or a line break: %q", err)
	}
}

type errFrom string

func (e errFrom) Error() string { return string(e) }

// TestRefusalsInDanish: a table refused in saglig's words is written in
// the run's language, the URL as the user wrote it (without credentials).
func TestRefusalsInDanish(t *testing.T) {
	da := i18n.For(i18n.Danish)
	for _, tt := range []struct{ url, want string }{
		{"postgres://localhost/db", "postgres://localhost/db: angiv tabellen med ?table=[schema.]name"},
		{"mysql://localhost/db?table=t", `ukendt motor "mysql" (brug postgres, sqlserver, trino, databricks eller duckdb)`},
		{"postgres://localhost/db?table=t&timeout=soon", "timeout=soon: angiv en varighed som 30s, 10m eller 2h"},
	} {
		_, err := Parse(tt.url)
		if err == nil {
			t.Fatalf("%s: no error", tt.url)
		}
		if got := i18n.Localize(da, err); !strings.Contains(got, tt.want) {
			t.Errorf("%s: %q, want it to contain %q", tt.url, got, tt.want)
		}
		if got := i18n.Localize(i18n.For(i18n.English), err); got != err.Error() {
			t.Errorf("%s: English %q, want %q", tt.url, got, err.Error())
		}
	}
}
