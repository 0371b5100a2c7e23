//go:build pushdown

package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/saglig/saglig/internal/testfiles"
)

// TestPushdownCLI runs the command line on the bundled example loaded into
// a real PostgreSQL (.ci/run sets SAGLIG_TEST_POSTGRES): lint gives the
// findings the Parquet file gives (rule, column, severity), exit 1 both;
// a missing table is one line and exit 2; --dry-run prints the SQL and
// exits 0; init lists the table by its URL as given, and lint with the
// starter map reads it.
func TestPushdownCLI(t *testing.T) {
	base := os.Getenv("SAGLIG_TEST_POSTGRES")
	if base == "" {
		t.Skip("SAGLIG_TEST_POSTGRES is not set (.ci/run starts a server and sets it)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	example, err := filepath.Abs(filepath.Join("..", "..", "examples", "jobcenter"))
	if err != nil {
		t.Fatal(err)
	}
	parquetPath := filepath.Join(example, "data", "forloeb.parquet")
	if _, err := testfiles.LoadParquet(ctx, conn, parquetPath, "forloeb_cli"); err != nil {
		t.Fatal(err)
	}
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	table := base + sep + "table=public.forloeb_cli"
	mapPath := filepath.Join(example, "saglig.yaml")

	findings := func(args ...string) []string {
		t.Helper()
		code, stdout, stderr := sagligRun(append([]string{"lint", "--format", "json", "--map", mapPath}, args...)...)
		if code != 1 {
			t.Fatalf("saglig lint %s: exit %d, want 1; stderr:\n%s", args, code, stderr)
		}
		var res struct {
			Findings []struct{ Rule, Column, Severity string }
		}
		if err := json.Unmarshal([]byte(stdout), &res); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, f := range res.Findings {
			out = append(out, f.Rule+" "+f.Column+" "+f.Severity)
		}
		sort.Strings(out)
		return out
	}
	local, remote := findings(parquetPath), findings(table)
	// The same findings (rule, column, severity); lint/pushdown's agreement
	// test compares the figures.
	if len(local) == 0 || !slices.Equal(local, remote) {
		t.Errorf("findings differ:\nParquet:\n  %s\nPostgreSQL:\n  %s", strings.Join(local, "\n  "), strings.Join(remote, "\n  "))
	}

	missing := base + sep + "table=public.no_such_table"
	code, stdout, stderr := sagligRun("lint", "--map", mapPath, missing)
	if code != 2 || stdout != "" || strings.Count(stderr, "\n") != 1 ||
		!strings.Contains(stderr, "no table or view public.no_such_table") {
		t.Errorf("a missing table: exit %d, stdout %q, stderr %q; want exit 2 and one line", code, stdout, stderr)
	}

	code, stdout, stderr = sagligRun("lint", "--dry-run", "--map", mapPath, table)
	if code != 0 || !strings.Contains(stdout, "-- pass 1: profile") || !strings.Contains(stdout, "GROUPING SETS") || !strings.Contains(stdout, "the joint sample of rows") {
		t.Errorf("--dry-run: exit %d, stderr %q, stdout:\n%s", code, stderr, stdout)
	}

	starter := filepath.Join(t.TempDir(), "saglig.yaml")
	if code, _, stderr := sagligRun("init", "-o", starter, table); code != 0 {
		t.Fatalf("init: exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(starter)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "  - "+table+"\n") {
		t.Errorf("the starter map does not list %s:\n%s", table, b)
	}
	if code, _, stderr := sagligRun("lint", "--map", starter); code != 1 || strings.Contains(stderr, "saglig: postgres") {
		t.Errorf("lint with the starter map: exit %d, stderr %q", code, stderr)
	}
}
