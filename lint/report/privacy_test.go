package report

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/internal/testfiles"
	"github.com/saglig/saglig/lint"
	"github.com/saglig/saglig/lint/classify/ident/identtest"
)

// person is a row of a dataset full of direct identifiers.
type person struct {
	CPR      string    `parquet:"cpr"`
	Email    string    `parquet:"email"`
	C3       string    `parquet:"c3"`
	Dato     time.Time `parquet:"dato,timestamp(millisecond)"`
	Herkomst string    `parquet:"herkomst"`
	A1       string    `parquet:"a1"`
	Score    int32     `parquet:"score"`
}

const privacyMap = `version: 1
purpose:
  name: privacy-check
  description: Ranks citizens for an offer; a caseworker decides.
  context: employment
  output: score
  automated: false
  human_review: A caseworker decides every offer.
  transparency: The letter says a model was used.
  legal_basis: BEK § 1, stk. 1 og 4 (udstedt i medfør af § 52 a, stk. 2, i LBK nr. 254 af 1. marts 2024)
features:
  cpr:
    role: id
    source: CPR
  email:
    source: Jobcenterets sagssystem
    context: employment
  c3:
    source: Jobcenterets sagssystem
    context: employment
  dato:
    role: timestamp
    source: Jobcenterets sagssystem
  herkomst:
    role: protected
    source: Danmarks Statistik
  a1:
    source: Jobcenterets sagssystem
    context: employment
  score:
    source: Jobcenterets sagssystem
    context: employment
`

var firstNames = []string{"anna", "bo", "carl", "dorte", "emil", "freja", "gustav", "hanne", "ib", "jens", "karen", "lars", "mette", "niels", "olga", "peter"}
var lastNames = []string{"hansen", "jensen", "nielsen", "pedersen", "andersen", "christensen", "larsen", "soerensen", "rasmussen", "joergensen"}

// writePrivacyDataset writes 400 rows of plausible CPR numbers (with and
// without the dash), e-mail addresses and full names under the opaque
// name a1, and returns every raw value.
func writePrivacyDataset(t *testing.T, path string) []string {
	t.Helper()
	rng := rand.New(rand.NewPCG(7, 11))
	var rows []person
	var raw []string
	origins := []string{"dansk", "indvandrer", "efterkommer"}
	start := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 400; i++ {
		day, month, year := 1+rng.IntN(28), 1+rng.IntN(12), rng.IntN(100)
		serial := rng.IntN(10000)
		cpr := fmt.Sprintf("%02d%02d%02d-%04d", day, month, year, serial)
		c3 := fmt.Sprintf("%02d%02d%02d%04d", 1+rng.IntN(28), 1+rng.IntN(12), rng.IntN(100), rng.IntN(10000))
		email := fmt.Sprintf("%s.%s%d@example.dk", firstNames[rng.IntN(len(firstNames))], lastNames[rng.IntN(len(lastNames))], i)
		full := capital(firstNames[rng.IntN(len(firstNames))]) + " " + capital(lastNames[rng.IntN(len(lastNames))])
		herkomst := origins[rng.IntN(len(origins))]
		if i < 40 {
			// One name carried by 40 rows, all of one origin: a value-level
			// proxy in an identifier column, which no report may name.
			full, herkomst = "Gustav Rasmussen", "efterkommer"
		}
		rows = append(rows, person{CPR: cpr, Email: email, C3: c3, Dato: start.AddDate(0, 0, rng.IntN(700)),
			Herkomst: herkomst, A1: full, Score: int32(rng.IntN(100))})
		raw = append(raw, cpr, strings.ReplaceAll(cpr, "-", ""), c3, c3[:6]+"-"+c3[6:], email, strings.SplitN(email, "@", 2)[0], full)
	}
	if err := testfiles.WriteParquet(path, rows); err != nil {
		t.Fatal(err)
	}
	return raw
}

// TestNoRawValuesInAnyFormat lints a dataset full of CPR numbers and
// e-mail addresses (one name giving origin away), and one with a column of
// every identifier kind package ident recognises, and checks that no format
// prints any of them.
func TestNoRawValuesInAnyFormat(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	raw := writePrivacyDataset(t, filepath.Join(dir, "data", "people.parquet"))
	mapPath := filepath.Join(dir, "saglig.yaml")
	if err := os.WriteFile(mapPath, []byte(privacyMap), 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := featuremap.Load(mapPath)
	if err != nil {
		t.Fatal(err)
	}
	// A second dataset: every kind of identifier package ident recognises.
	idCols, idRaw := identtest.AuditColumns(200, 7)
	raw = append(raw, idRaw...)
	var names []string
	var cols [][]string
	for _, c := range idCols {
		names, cols = append(names, c.Name), append(cols, c.Values)
	}
	idPath := filepath.Join(dir, "data", "ids.parquet")
	if err := testfiles.WriteParquetStrings(idPath, names, cols); err != nil {
		t.Fatal(err)
	}
	// In every language: the findings' words, and the value evidence in
	// them, are rendered in the language of the run.
	for _, lang := range []struct {
		lang     i18n.Lang
		withheld string
	}{
		{i18n.English, "cannot be named"},
		{i18n.Danish, "ikke kan navngives"},
	} {
		t.Run(lang.lang.String(), func(t *testing.T) {
			res, err := lint.Run(context.Background(), lint.Options{Lang: lang.lang, Map: m, Paths: []string{filepath.Join(dir, "data", "people.parquet"), idPath}})
			if err != nil {
				t.Fatal(err)
			}
			checkNoRawValues(t, res, lang.lang, lang.withheld, idCols, raw)
		})
	}
}

// checkNoRawValues checks that the identifiers were reported, that the
// proxy finding on the name column says its value is withheld, and that no
// format in the language prints a raw value.
func checkNoRawValues(t *testing.T, res *lint.Result, lang i18n.Lang, withheld string, idCols []identtest.AuditColumn, raw []string) {
	t.Helper()
	// The identifiers were seen: the run reports them, masked.
	found := map[string]bool{}
	for _, f := range res.Findings {
		if f.Rule == "SAG301" {
			found[f.Column] = true
		}
	}
	want := []string{"cpr", "email", "c3", "a1"}
	for _, c := range idCols {
		want = append(want, c.Name)
	}
	for _, c := range want {
		if !found[c] {
			t.Errorf("SAG301 did not fire on column %s; findings: %v", c, ruleColumns(res))
		}
	}
	// The name is a proxy for origin, and a proxy rule says so, without
	// the name.
	proxy := false
	for _, f := range res.Findings {
		if f.Column == "a1" && (f.Rule == "SAG104" || f.Rule == "SAG106") {
			proxy = true
			if !strings.Contains(f.Message, withheld) {
				t.Errorf("%s on a1 does not say the value is withheld: %s", f.Rule, f.Message)
			}
		}
	}
	if !proxy {
		t.Errorf("no proxy finding on a1; findings: %v", ruleColumns(res))
	}
	for _, format := range Formats() {
		p, err := New(format, Options{Lang: lang})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := p.Print(&buf, res); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		out := buf.String()
		for _, v := range raw {
			if strings.Contains(out, v) {
				t.Errorf("%s output contains the raw value %q", format, v)
				break
			}
		}
	}
}

func capital(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

func ruleColumns(r *lint.Result) []string {
	var out []string
	for _, f := range r.Findings {
		out = append(out, f.Rule+" "+f.Column)
	}
	return out
}
