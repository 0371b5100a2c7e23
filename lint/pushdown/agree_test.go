//go:build pushdown

package pushdown_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/parquet-go/parquet-go"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/testfiles"
	"github.com/saglig/saglig/lint"
)

// Same answers: the bundled example linted as local Parquet and, loaded
// into a real PostgreSQL, through pushdown, gives the same findings
// (rules, columns, severities) and the same figures within the tolerances
// docs/warehouses.md states. .ci/run starts the server and sets
// SAGLIG_TEST_POSTGRES (go test -tags pushdown ./lint/pushdown).

func postgresURL(t *testing.T) string {
	u := os.Getenv("SAGLIG_TEST_POSTGRES")
	if u == "" {
		t.Skip("SAGLIG_TEST_POSTGRES is not set (.ci/run starts a server and sets it)")
	}
	return u
}

func TestAgreesWithParquet(t *testing.T) {
	base := postgresURL(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	parquetPath := filepath.Join(example, "data", "forloeb.parquet")
	if n, err := testfiles.LoadParquet(ctx, conn, parquetPath, "forloeb"); err != nil || n != 6000 {
		t.Fatalf("loaded %d rows: %v", n, err)
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
	for _, tc := range []struct {
		name, ext string
		exact     bool
	}{
		{"exact", "", true},
		{"hll-tdigest", "hll, tdigest", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, e := range []string{"hll", "tdigest"} {
				if _, err := conn.Exec(ctx, "DROP EXTENSION IF EXISTS "+e); err != nil {
					t.Fatal(err)
				}
			}
			for _, e := range strings.Split(tc.ext, ", ") {
				if e == "" {
					continue
				}
				if _, err := conn.Exec(ctx, "CREATE EXTENSION "+e); err != nil {
					t.Fatalf("CREATE EXTENSION %s: %v (apt-get install postgresql-15-%s)", e, err, e)
				}
			}
			u := base + sep(base) + "table=public.forloeb"
			if tc.exact {
				u += "&exact=true"
			}
			remote, err := lint.Run(ctx, lint.Options{Map: m, Paths: []string{u}, Today: today})
			if err != nil {
				t.Fatal(err)
			}
			if len(remote.Errors) > 0 {
				t.Fatalf("errors: %v", remote.Errors)
			}
			compare(t, local, remote, tc.exact)
			compareSubjects(t, parquetPath, u)
		})
	}
}

// foldedRow is a generated row whose columns take every path of the
// builder: numbers folded in the engine (indkomst, oprettet, a protected
// birth date), numbers keyed exactly and folded afterwards (beloeb: 2,300
// distinct values, within 1.25 × 2,048 but above 2,048), text folded by
// the engine's hash (fornavn), codes, and small protected columns.
type foldedRow struct {
	PersonID    string    `parquet:"person_id"`
	Dato        int32     `parquet:"dato,date"`
	Indkomst    float64   `parquet:"indkomst"`
	Beloeb      int64     `parquet:"beloeb"`
	Fornavn     string    `parquet:"fornavn"`
	Oprettet    time.Time `parquet:"oprettet,timestamp(microsecond)"`
	Postnr      int32     `parquet:"postnr"`
	Koen        string    `parquet:"koen"`
	Herkomst    string    `parquet:"herkomst"`
	Foedselsdag int32     `parquet:"foedselsdag,date"`
}

const foldedMap = `version: 1
purpose:
  name: early-support
  description: Scores newly unemployed citizens by their chance of being in work within six months.
  controller: municipality
  sector: employment-effort
  context: employment
  output: score
  automated: false
  human_review: The caseworker decides.
features:
  person_id: {role: id, source: CPR}
  dato: {role: timestamp, source: case system}
  koen: {role: protected, category: sex, source: CPR}
  herkomst: {role: protected, category: ethnicity, source: Danmarks Statistik}
  foedselsdag: {role: protected, category: age, source: CPR}
  indkomst: {category: income, context: employment, source: eIndkomst, relevance: Income predicts re-employment.}
  beloeb: {category: benefits-history, context: social-benefits, source: KY, relevance: The benefit amount reflects the target group.}
  fornavn: {source: CPR, context: employment}
  oprettet: {source: case system, context: employment}
  postnr: {category: residential-area, context: employment, source: CPR}
`

func TestAgreesFolded(t *testing.T) {
	base := postgresURL(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(7, 11))
	start := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)
	rows := make([]foldedRow, 30000)
	for i := range rows {
		sex := r.IntN(2)
		origin := r.IntN(3)
		rows[i] = foldedRow{
			PersonID: fmt.Sprintf("p%05d", i%5000),
			Dato:     int32(start.Unix()/86400) + int32(r.IntN(1000)),
			// Income depends on origin; the amount on sex.
			Indkomst:    math.Round(math.Exp(12+0.6*r.NormFloat64()+0.15*float64(origin))*100) / 100,
			Beloeb:      int64(r.IntN(2150) + 150*sex),
			Fornavn:     fmt.Sprintf("navn%d-%d", r.IntN(2500), sex),
			Oprettet:    start.Add(time.Duration(r.Int64N(int64(900 * 24 * time.Hour)))).Truncate(time.Microsecond),
			Postnr:      int32(1000 + 100*origin + r.IntN(40)),
			Koen:        []string{"M", "K"}[sex],
			Herkomst:    []string{"dansk", "vestlig", "ikke-vestlig"}[origin],
			Foedselsdag: int32(-3650 + r.IntN(18000)),
		}
	}
	parquetPath := filepath.Join(dir, "folded.parquet")
	f, err := os.Create(parquetPath)
	if err != nil {
		t.Fatal(err)
	}
	w := parquet.NewGenericWriter[foldedRow](f)
	if _, err := w.Write(rows); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	mapPath := filepath.Join(dir, "saglig.yaml")
	if err := os.WriteFile(mapPath, []byte(foldedMap), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := testfiles.LoadParquet(ctx, conn, parquetPath, "folded"); err != nil {
		t.Fatal(err)
	}
	m, err := featuremap.Load(mapPath)
	if err != nil {
		t.Fatal(err)
	}
	today := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	local, err := lint.Run(ctx, lint.Options{Map: m, Paths: []string{parquetPath}, Today: today})
	if err != nil {
		t.Fatal(err)
	}
	remote, err := lint.Run(ctx, lint.Options{Map: m, Paths: []string{base + sep(base) + "table=folded&exact=true"}, Today: today})
	if err != nil {
		t.Fatal(err)
	}
	if len(remote.Errors) > 0 {
		t.Fatalf("errors: %v", remote.Errors)
	}
	l, p := local.Datasets[0], remote.Datasets[0]
	bounded := 0
	for i, la := range l.Associations {
		ra := p.Associations[i]
		if la.Bounded {
			bounded++
		}
		t.Logf("%s × %s: %s %.4f/%.4f levels %d×%d/%d×%d bounded %v %s", la.Input, la.Protected, la.Measure, la.Value, ra.Value,
			la.InputLevels, la.ProtectedLevels, ra.InputLevels, ra.ProtectedLevels, la.Bounded, ra.Estimator)
		if la.Input != ra.Input || la.Protected != ra.Protected || la.Measure != ra.Measure || la.N != ra.N || la.Bounded != ra.Bounded {
			t.Errorf("association %d:\nlocal    %+v\npushdown %+v", i, la, ra)
			continue
		}
		tol := tolAssoc
		if ra.Estimator != "" {
			// Text folded by another hash: other buckets, the same
			// strength within sampling noise.
			tol = 0.03
		} else if la.InputLevels != ra.InputLevels || la.ProtectedLevels != ra.ProtectedLevels || la.DF != ra.DF {
			t.Errorf("%s × %s: levels %d×%d df %d local, %d×%d df %d pushdown", la.Input, la.Protected,
				la.InputLevels, la.ProtectedLevels, la.DF, ra.InputLevels, ra.ProtectedLevels, ra.DF)
		}
		sameEvidence(t, la, ra, math.Max(tol, 1e-9))
		// η comes from per-level sums of deviations, the scan's from
		// Welford moments: equal up to rounding.
		if math.Abs(la.Value-ra.Value) > math.Max(tol, 1e-9) || math.Abs(la.NMI-ra.NMI) > math.Max(tol, 1e-9) {
			t.Errorf("%s × %s (%s): value %v nmi %v local, value %v nmi %v pushdown", la.Input, la.Protected, la.Measure,
				la.Value, la.NMI, ra.Value, ra.NMI)
		}
	}
	if bounded < 5 {
		t.Errorf("only %d bounded associations: the data no longer take the folded paths", bounded)
	}
	key := func(r *lint.Result) string {
		var out []string
		for _, f := range r.Findings {
			out = append(out, fmt.Sprintf("%s %s %s", f.Rule, f.Column, f.Severity))
		}
		sort.Strings(out)
		return strings.Join(out, "\n")
	}
	if key(local) != key(remote) {
		t.Errorf("findings differ:\nlocal:\n%s\npushdown:\n%s", key(local), key(remote))
	}
	sameJoint(t, local, remote)
	if l.Period == nil || p.Period == nil || l.Period.Subjects != p.Period.Subjects {
		t.Errorf("period: %+v local, %+v pushdown", l.Period, p.Period)
	}
	sameReidentification(t, l.Reidentification, p.Reidentification)
}
