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
	"github.com/saglig/saglig/lint/scan"
)

// Same answers: the bundled example linted as local Parquet and, loaded
// into a real PostgreSQL, through pushdown, gives the same findings
// (rules, columns, severities) and the same figures within the tolerances
// docs/lakes.md states. .ci/run starts the server and sets
// SAGLIG_TEST_POSTGRES (go test -tags pushdown ./lint/pushdown).

const example = "../../examples/jobcenter"

func postgresURL(t *testing.T) string {
	u := os.Getenv("SAGLIG_TEST_POSTGRES")
	if u == "" {
		t.Skip("SAGLIG_TEST_POSTGRES is not set (.ci/run starts a server and sets it)")
	}
	return u
}

// Tolerances of figures measured by PostgreSQL against the scan's.
const (
	// tolAssoc: V, η and NMI of unfolded tables are the same computation
	// on the same table (floating-point rounding only).
	tolAssoc = 1e-9
	// tolDistinct: an HLL estimate against the scan's exact count or HLL.
	tolDistinct = 0.03
	// tolQuantile: percentile_disc's rank against the scan's (one rank
	// apart), or a t-digest, relative to the column's spread.
	tolQuantile = 0.02
)

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
		})
	}
}

func sep(u string) string {
	if strings.Contains(u, "?") {
		return "&"
	}
	return "?"
}

// compare checks findings and figures.
func compare(t *testing.T, local, remote *lint.Result, exact bool) {
	t.Helper()
	key := func(r *lint.Result) []string {
		var out []string
		for _, f := range r.Findings {
			out = append(out, fmt.Sprintf("%s %s %s waived=%v", f.Rule, f.Column, f.Severity, f.Waived))
		}
		sort.Strings(out)
		return out
	}
	a, b := key(local), key(remote)
	if strings.Join(a, "\n") != strings.Join(b, "\n") {
		t.Errorf("findings differ:\nlocal:\n  %s\npushdown:\n  %s", strings.Join(a, "\n  "), strings.Join(b, "\n  "))
	}
	// The messages name the same figures (V and η to two decimals, n).
	msgs := func(r *lint.Result) map[string]string {
		out := map[string]string{}
		for _, f := range r.Findings {
			out[f.Rule+" "+f.Column] = f.Message
		}
		return out
	}
	ma, mb := msgs(local), msgs(remote)
	for k, v := range ma {
		if mb[k] != v {
			t.Errorf("%s: message differs:\nlocal:    %s\npushdown: %s", k, v, mb[k])
		}
	}
	if len(local.Datasets) != 1 || len(remote.Datasets) != 1 {
		t.Fatalf("datasets: %d local, %d pushdown", len(local.Datasets), len(remote.Datasets))
	}
	l, r := local.Datasets[0], remote.Datasets[0]
	if l.Rows != r.Rows {
		t.Errorf("rows: %d local, %d pushdown", l.Rows, r.Rows)
	}
	for i, lc := range l.Columns {
		rc := r.Columns[i]
		if lc.Path != rc.Path || lc.Inferred != rc.Inferred || lc.Category != rc.Category {
			t.Errorf("column %d: local %s %q, pushdown %s %q", i, lc.Path, lc.Inferred, rc.Path, rc.Inferred)
		}
		if lc.Rows != rc.Rows || lc.Nulls != rc.Nulls {
			t.Errorf("%s: rows/nulls %d/%d local, %d/%d pushdown", lc.Path, lc.Rows, lc.Nulls, rc.Rows, rc.Nulls)
		}
		if rel(float64(lc.Distinct), float64(rc.Distinct)) > tolDistinct {
			t.Errorf("%s: distinct %d local, %d pushdown", lc.Path, lc.Distinct, rc.Distinct)
		}
		if exact && lc.Distinct <= scan.TopCapacity && lc.Distinct != rc.Distinct {
			t.Errorf("%s: distinct %d local, %d pushdown (both exact)", lc.Path, lc.Distinct, rc.Distinct)
		}
		if len(lc.Quantiles) != len(rc.Quantiles) {
			t.Errorf("%s: quantiles %v local, %v pushdown", lc.Path, lc.Quantiles, rc.Quantiles)
			continue
		}
		spread := math.Abs(lc.Quantiles["p95"]-lc.Quantiles["p05"]) + 1
		for k, v := range lc.Quantiles {
			if math.Abs(v-rc.Quantiles[k])/spread > tolQuantile {
				t.Errorf("%s: %s %v local, %v pushdown", lc.Path, k, v, rc.Quantiles[k])
			}
		}
	}
	if len(l.Associations) != len(r.Associations) {
		t.Fatalf("associations: %d local, %d pushdown", len(l.Associations), len(r.Associations))
	}
	for i, la := range l.Associations {
		ra := r.Associations[i]
		if la.Input != ra.Input || la.Protected != ra.Protected || la.Measure != ra.Measure || la.N != ra.N ||
			la.InputLevels != ra.InputLevels || la.ProtectedLevels != ra.ProtectedLevels || la.DF != ra.DF || la.Bounded != ra.Bounded {
			t.Errorf("association %d:\nlocal    %+v\npushdown %+v", i, la, ra)
			continue
		}
		for _, f := range []struct {
			name string
			a, b float64
		}{{"value", la.Value, ra.Value}, {"naive_v", la.NaiveV, ra.NaiveV}, {"nmi", la.NMI, ra.NMI}, {"p", la.PValue, ra.PValue}} {
			if math.Abs(f.a-f.b) > tolAssoc*math.Max(1, math.Abs(f.a)) {
				t.Errorf("%s × %s: %s %v local, %v pushdown", la.Input, la.Protected, f.name, f.a, f.b)
			}
		}
	}
	if (l.Period == nil) != (r.Period == nil) {
		t.Fatalf("period: %v local, %v pushdown", l.Period, r.Period)
	}
	if l.Period != nil {
		lp, rp := l.Period, r.Period
		if lp.Subjects != rp.Subjects || lp.MultiObs != rp.MultiObs || lp.SampledShare != rp.SampledShare {
			t.Errorf("period: %+v local, %+v pushdown", lp, rp)
		}
		for k, v := range lp.SpanDays {
			if math.Abs(v-rp.SpanDays[k]) > 1e-9 {
				t.Errorf("period %s: %v local, %v pushdown", k, v, rp.SpanDays[k])
			}
		}
	}
}

func rel(a, b float64) float64 {
	if a == b {
		return 0
	}
	return math.Abs(a-b) / math.Max(math.Abs(a), 1)
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
	if l.Period == nil || p.Period == nil || l.Period.Subjects != p.Period.Subjects {
		t.Errorf("period: %+v local, %+v pushdown", l.Period, p.Period)
	}
}
