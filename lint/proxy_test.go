package lint_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/testfiles"
	"github.com/saglig/saglig/lint"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/report"
	"github.com/saglig/saglig/lint/rules"
)

// The planted-proxy suite: datasets with known proxies, and one without,
// linted end to end. Each row has a sex and five inputs; what the inputs
// carry of sex is planted case by case.

type plantedRow struct {
	Sex  string  `parquet:"sex"`
	A    string  `parquet:"a"`
	B    string  `parquet:"b"`
	C    float64 `parquet:"c"`
	D    string  `parquet:"d"`
	Rare string  `parquet:"rare"`
}

const plantedMap = `version: 1
purpose:
  name: planted
  description: Ranks applicants for an offer; a caseworker decides.
  context: employment
  automated: false
  human_review: A caseworker decides every offer.
  transparency: The letter says a model ranked the case.
  legal_basis: BEK § 1, stk. 1 og 4 (udstedt i medfør af § 52 a, stk. 2, i LBK nr. 254 af 1. marts 2024)
features:
  sex: {role: protected, source: register, category: sex}
  a: {source: register, context: employment, category: other, relevance: Planted for the proxy test suite.}
  b: {source: register, context: employment, category: other, relevance: Planted for the proxy test suite.}
  c: {source: register, context: employment, category: other, relevance: Planted for the proxy test suite.}
  d: {source: register, context: employment, category: other, relevance: Planted for the proxy test suite.}
  rare: {source: register, context: employment, category: other, relevance: Planted for the proxy test suite.}
`

// plantedCase draws one dataset's rows.
type plantedCase struct {
	name string
	gen  func(man bool, r *rand.Rand) plantedRow
	// want lists "RULE column" findings the case must give, exactly.
	want []string
	// check inspects the findings further.
	check func(t *testing.T, fs []finding.Finding)
}

// level draws one of len(p) levels named prefix0…, with probabilities p.
func level(r *rand.Rand, prefix string, p []float64) string {
	u := r.Float64()
	for i, x := range p {
		if u < x {
			return fmt.Sprintf("%s%d", prefix, i)
		}
		u -= x
	}
	return fmt.Sprintf("%s%d", prefix, len(p)-1)
}

// weak draws one of four levels whose share of men is 0.32, 0.46, 0.54,
// 0.68 (Cramér's V about 0.26 on its own).
func weak(man bool, r *rand.Rand, prefix string) string {
	p := []float64{0.16, 0.23, 0.27, 0.34}
	if !man {
		p = []float64{0.34, 0.27, 0.23, 0.16}
	}
	return level(r, prefix, p)
}

// noise fills the inputs with values independent of sex, and a rare value
// (5 rows of 6,000) that is all one sex.
func noise(r *rand.Rand, row *plantedRow) {
	row.A = level(r, "a", []float64{0.25, 0.25, 0.25, 0.25})
	row.B = level(r, "b", []float64{0.1, 0.2, 0.3, 0.4})
	row.C = r.NormFloat64()
	row.D = level(r, "d", []float64{0.5, 0.5})
	row.Rare = level(r, "r", []float64{0.5, 0.5})
}

const plantedRows = 6000

// rareSecret is the text of the rare value: fewer than k rows carry it, so
// no report may print it.
const rareSecret = "Rarevalue-Secret-7"

var plantedCases = []plantedCase{
	{
		// One pure value in a weak column: 'a-husband' is 5% of the rows
		// and all men, the column's V about 0.23 (with the value at 8%
		// V would be 0.295, too close to SAG104's 0.3 to plant anything);
		// the other values are independent of sex.
		name: "single pure value",
		gen: func(man bool, r *rand.Rand) plantedRow {
			var row plantedRow
			noise(r, &row)
			if man && r.Float64() < 0.10 {
				row.A = "a-husband"
			}
			return row
		},
		want: []string{"SAG106 a"},
		check: func(t *testing.T, fs []finding.Finding) {
			msg := fs[0].Message
			if !strings.Contains(msg, "the value 'a-husband' (") || !strings.Contains(msg, "is 100% 'M'") {
				t.Errorf("SAG106 message: %s", msg)
			}
		},
	},
	{
		// Three weak inputs that together predict sex: each alone is under
		// SAG104's threshold.
		name: "three weak inputs",
		gen: func(man bool, r *rand.Rand) plantedRow {
			var row plantedRow
			noise(r, &row)
			row.A, row.B = weak(man, r, "a"), weak(man, r, "b")
			row.C = r.NormFloat64() // η about 0.24
			if man {
				row.C += 0.5
			}
			return row
		},
		want: []string{"SAG107 sex"},
		check: func(t *testing.T, fs []finding.Finding) {
			msg := fs[0].Message
			for _, in := range []string{"a (AUC", "b (AUC", "c (AUC"} {
				if !strings.Contains(msg, in) {
					t.Errorf("SAG107 does not name contributor %q: %s", in, msg)
				}
			}
		},
	},
	{
		// A non-linear numeric proxy: men at both ends of c, women in the
		// middle, equal means.
		name: "non-linear numeric",
		gen: func(man bool, r *rand.Rand) plantedRow {
			var row plantedRow
			noise(r, &row)
			row.C = r.NormFloat64() * 0.5
			if man {
				row.C = 2.5 + r.NormFloat64()*0.5
				if r.IntN(2) == 0 {
					row.C = -row.C
				}
			}
			return row
		},
		want: []string{"SAG104 c", "SAG107 sex"},
		check: func(t *testing.T, fs []finding.Finding) {
			for _, f := range fs {
				if f.Rule != "SAG104" {
					continue
				}
				if ev, ok := f.Evidence.(*rules.AssociationEvidence); !ok || ev.Measure != "mutual_information" || !strings.Contains(f.Message, "informational correlation") {
					t.Errorf("SAG104 on c: evidence %+v: %s", f.Evidence, f.Message)
				}
			}
		},
	},
	{
		name: "pure noise",
		gen: func(_ bool, r *rand.Rand) plantedRow {
			var row plantedRow
			noise(r, &row)
			return row
		},
	},
}

func writePlanted(t *testing.T, dir string, c plantedCase, seed uint64) string {
	return writePlantedRows(t, dir, c, seed, plantedRows)
}

// writePlantedRows writes n rows of the case drawn from seed.
func writePlantedRows(t *testing.T, dir string, c plantedCase, seed uint64, n int) string {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 14))
	rows := make([]plantedRow, n)
	for i := range rows {
		man := r.IntN(2) == 0
		rows[i] = c.gen(man, r)
		rows[i].Sex = "F"
		if man {
			rows[i].Sex = "M"
		}
		// Five rows carry the rare value, all of them men.
		if i < 10 && man {
			rows[i].Rare = rareSecret
		}
	}
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "data", "planted.parquet")
	if err := testfiles.WriteParquet(path, rows); err != nil {
		t.Fatal(err)
	}
	return path
}

func lintPlanted(t *testing.T, dir, path string, workers int) *lint.Result {
	t.Helper()
	mapPath := filepath.Join(dir, "saglig.yaml")
	if err := os.WriteFile(mapPath, []byte(plantedMap), 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := featuremap.Load(mapPath)
	if err != nil {
		t.Fatal(err)
	}
	res, err := lint.Run(context.Background(), lint.Options{Map: m, Paths: []string{path}, Today: today, Workers: workers})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// proxyFindings returns the findings of the proxy rules.
func proxyFindings(res *lint.Result) []finding.Finding {
	var out []finding.Finding
	for _, f := range res.Findings {
		switch f.Rule {
		case "SAG104", "SAG106", "SAG107":
			out = append(out, f)
		}
	}
	return out
}

func TestPlantedProxies(t *testing.T) {
	for i, c := range plantedCases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			path := writePlanted(t, dir, c, uint64(i+1))
			res := lintPlanted(t, dir, path, 1)
			fs := proxyFindings(res)
			var got []string
			for _, f := range fs {
				got = append(got, f.Rule+" "+f.Column)
			}
			if strings.Join(got, "|") != strings.Join(c.want, "|") {
				for _, f := range fs {
					t.Log(f.Message)
				}
				t.Fatalf("findings %q, want %q", got, c.want)
			}
			if c.check != nil {
				c.check(t, fs)
			}
			// The same on four workers.
			if four := proxyFindings(lintPlanted(t, dir, path, 4)); !reflect.DeepEqual(four, fs) {
				t.Errorf("four workers give other findings:\n%v\n%v", four, fs)
			}
			// The rare value is never printed.
			for _, format := range report.Formats() {
				var b strings.Builder
				pr, err := report.New(format, report.Options{})
				if err != nil {
					t.Fatal(err)
				}
				if err := pr.Print(&b, res); err != nil {
					t.Fatal(err)
				}
				if strings.Contains(b.String(), rareSecret) {
					t.Errorf("%s output prints a value fewer than k rows carry", format)
				}
			}
		})
	}
}
