//go:build pushdown

package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/saglig/saglig/internal/testfiles"
)

// TestRedactionAuditPushdown runs the redaction audit's dataset through
// SQL pushdown: loaded into a real PostgreSQL (.ci/run sets
// SAGLIG_TEST_POSTGRES), linted in every format, profiled, written as a
// starter map and printed as SQL with --dry-run; no raw value, nor any
// distinctive part of one, may appear in what saglig writes.
func TestRedactionAuditPushdown(t *testing.T) {
	base := os.Getenv("SAGLIG_TEST_POSTGRES")
	if base == "" {
		t.Skip("SAGLIG_TEST_POSTGRES is not set (.ci/run starts a server and sets it)")
	}
	work := t.TempDir()
	parquetPath := filepath.Join(work, "borgere.parquet")
	secrets := writeAuditDataset(t, parquetPath, 300)
	if err := os.WriteFile(filepath.Join(work, "saglig.yaml"), []byte(redactionMap), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := testfiles.LoadParquet(ctx, conn, parquetPath, "borgere"); err != nil {
		t.Fatal(err)
	}
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	table := base + sep + "table=borgere"
	t.Chdir(work)

	var outputs []string
	audit := func(wantCode int, args ...string) {
		t.Helper()
		code, stdout, stderr := sagligRun(args...)
		if code != wantCode {
			t.Errorf("saglig %s: exit %d, want %d; stderr:\n%s", strings.Join(args, " "), code, wantCode, stderr)
		}
		outputs = append(outputs, stdout, stderr)
	}
	for _, format := range []string{"text", "json", "sarif", "junit", "github", "markdown", "html"} {
		audit(1, "lint", "--log-level", "debug", "--format", format, "--map", "saglig.yaml", table)
	}
	audit(0, "lint", "--dry-run", "--map", "saglig.yaml", table)
	audit(0, "profile", "--log-level", "debug", "--format", "json", table)
	audit(0, "init", "--force", "-o", "starter.yaml", table)
	b, err := os.ReadFile("starter.yaml")
	if err != nil {
		t.Fatal(err)
	}
	outputs = append(outputs, string(b))
	leaks := 0
	for _, o := range outputs {
		// A finding's fingerprint hashes the dataset's name, here a URL
		// with the server's random port: its 64 hex digits can hold a
		// run of digits that equals a secret by chance (as in
		// TestRedactionAudit).
		o = sha256Hex.ReplaceAllString(o, "<fingerprint>")
		for _, s := range secrets {
			if strings.Contains(o, s) {
				leaks++
				if leaks <= 20 {
					t.Errorf("an output holds the raw value %q", s)
				}
			}
		}
	}
	if !strings.Contains(outputs[2], "SAG301") {
		t.Errorf("the JSON report has no SAG301 finding: the identifiers were not seen")
	}
}
