package lint_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint"
	"github.com/saglig/saglig/lint/report"
	"github.com/saglig/saglig/lint/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

var today = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

// rankingMap parses, as dir/saglig.yaml, a map of a purpose that ranks
// citizens for an offer a caseworker decides (with its legal basis), and
// the features given, the lines under features:.
func rankingMap(t *testing.T, dir, features string) *featuremap.Map {
	t.Helper()
	m, err := featuremap.Parse(filepath.Join(dir, "saglig.yaml"), []byte(`version: 1
purpose:
  name: p
  description: Ranks citizens for an offer; a caseworker decides.
  context: employment
  automated: false
  human_review: A caseworker decides.
  transparency: The meeting letter tells the citizen that a model ranked the case.
  legal_basis: BEK § 1, stk. 1 og 4 (udstedt i medfør af § 52 a, stk. 2, i LBK nr. 254 af 1. marts 2024)
features:`+features))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func runExample(t *testing.T, name string, schemaOnly bool) *lint.Result {
	t.Helper()
	return runExampleIn(t, name, schemaOnly, i18n.English)
}

// runExampleIn lints an example with its messages in a language.
func runExampleIn(t *testing.T, name string, schemaOnly bool, lang i18n.Lang) *lint.Result {
	t.Helper()
	m, err := featuremap.Load(filepath.Join("..", "examples", name, "saglig.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := lint.Run(context.Background(), lint.Options{Map: m, SchemaOnly: schemaOnly, Today: today, Lang: lang})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// golden compares out with testdata/name, rewriting it under -update.
func golden(t *testing.T, name string, out []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./lint -update)", err)
	}
	if !bytes.Equal(out, want) {
		t.Errorf("%s differs from the output; run go test ./lint -update and review the diff", path)
	}
}

// render prints a result in one report format.
func render(t *testing.T, format string, res *lint.Result) string {
	t.Helper()
	return renderIn(t, format, res, i18n.English)
}

// renderIn prints a result in one report format and language.
func renderIn(t *testing.T, format string, res *lint.Result, lang i18n.Lang) string {
	t.Helper()
	p, err := report.New(format, report.Options{Lang: lang, MaxPerRule: report.DefaultMaxPerRule})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := p.Print(&buf, res); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// rawCPR matches a CPR number written out in any usual form.
var rawCPR = regexp.MustCompile(`\b\d{6}-?\d{4}\b`)

func TestExamplesGolden(t *testing.T) {
	for _, tt := range []struct {
		example    string
		schemaOnly bool
		file       string
		fails      bool
		lang       i18n.Lang
		formats    []string
	}{
		{"jobcenter", false, "jobcenter", true, i18n.English, []string{"text", "json"}},
		{"jobcenter", true, "jobcenter-schema-only", true, i18n.English, []string{"text", "json"}},
		{"jobcenter-fixed", false, "jobcenter-fixed", false, i18n.English, []string{"text", "json"}},
		// The Danish reports, reviewed as carefully as the English ones.
		{"jobcenter", false, "jobcenter.da", true, i18n.Danish, []string{"text", "json", "markdown", "html"}},
		{"jobcenter-fixed", false, "jobcenter-fixed.da", false, i18n.Danish, []string{"text"}},
	} {
		t.Run(tt.file, func(t *testing.T) {
			res := runExampleIn(t, tt.example, tt.schemaOnly, tt.lang)
			if res.Fails(3) != tt.fails {
				t.Errorf("Fails(error) = %v, want %v", !tt.fails, tt.fails)
			}
			for _, format := range tt.formats {
				out := renderIn(t, format, res, tt.lang)
				if m := rawCPR.FindString(out); m != "" {
					t.Errorf("%s output holds a raw CPR-like value", format)
				}
				ext := format
				if format == "markdown" {
					ext = "md"
				}
				golden(t, tt.file+"."+ext, []byte(out))
			}
		})
	}
}

func TestExampleFindings(t *testing.T) {
	res := runExample(t, "jobcenter", false)
	have := map[string]bool{}
	for _, f := range res.Findings {
		have[f.Rule+" "+f.Column] = true
	}
	for _, want := range []string{
		"SAG102 koen", "SAG102 antal_adresseskift_5aar", "SAG301 borger_cpr", "SAG101 bibliotek_forsinkede_afleveringer",
		"SAG104 postnr", "SAG203 ", "SAG012 ", "SAG302 ", "SAG013 antal_ledighedsforloeb", "SAG002 sygedage_12m", "SAG103 sygedage_12m",
	} {
		if !have[want] {
			t.Errorf("missing finding %q", want)
		}
	}
	var proxy *lint.DatasetSummary
	for i := range res.Datasets {
		proxy = &res.Datasets[i]
	}
	// The careless map does not say what the score leads to or how much it
	// weighs: condition 5 is unknown, not met.
	if a := proxy.Assessment; a == nil || a.Indicated != 4 || a.Unknown != 1 || a.Conditions[4].Status != "unknown" {
		t.Fatalf("the careless example should give indications on conditions 1–4, condition 5 unknown: %+v", a)
	}
	found := false
	for _, a := range proxy.Associations {
		if a.Input == "postnr" && a.Protected == "herkomst" {
			found = true
			if a.Value < 0.5 || a.N != 6000 || a.Measure != "cramers_v" {
				t.Errorf("postnr ~ herkomst = %+v", a)
			}
		}
		if a.Input == "koen" && a.Value > 0.1 {
			t.Errorf("koen is independent of herkomst by construction: %+v", a)
		}
	}
	if !found {
		t.Error("postnr ~ herkomst not measured")
	}
}

func TestWaiverAcceptsAFinding(t *testing.T) {
	m, data := editedExample(t, func(s string) string {
		return replaceOnce(t, s, "    category: sex\n", "    category: sex\n    waivers:\n      - rule: SAG102\n        reason: Kept for one more training round while the replacement model is validated.\n        expires: 2027-01-31\n")
	})
	for _, tt := range []struct {
		day    time.Time
		waived bool
	}{{today, true}, {time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC), false}} {
		res, err := lint.Run(context.Background(), lint.Options{Map: m, Paths: []string{data}, SchemaOnly: true, Today: tt.day})
		if err != nil {
			t.Fatal(err)
		}
		var got, sag004 bool
		for _, f := range res.Findings {
			if f.Rule == "SAG102" && f.Column == "koen" {
				got = f.Waived
				if f.Waived && !strings.HasPrefix(f.WaiverReason, "Kept for one more") {
					t.Errorf("waiver reason = %q", f.WaiverReason)
				}
			}
			sag004 = sag004 || f.Rule == "SAG004"
		}
		if got != tt.waived || sag004 == tt.waived {
			t.Errorf("on %s: waived=%v SAG004=%v, want waived=%v", tt.day.Format(time.DateOnly), got, sag004, tt.waived)
		}
	}
}

// TestSchemaOnlyReadsOnlyTheFooter lints a copy of the example whose data
// pages are garbage: with --schema-only it lints; a full scan fails.
func TestSchemaOnlyReadsOnlyTheFooter(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "examples", "jobcenter", "data", "forloeb.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	footerLen := int(binary.LittleEndian.Uint32(src[len(src)-8:]))
	footerStart := len(src) - 8 - footerLen
	garbled := append([]byte(nil), src...)
	for i := 4; i < footerStart; i++ {
		garbled[i] = byte(i*7 + 13)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "forloeb.parquet")
	if err := os.WriteFile(path, garbled, 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := featuremap.Load(filepath.Join("..", "examples", "jobcenter", "saglig.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := lint.Run(context.Background(), lint.Options{Map: m, Paths: []string{path}, SchemaOnly: true, Today: today})
	if err != nil {
		t.Fatalf("schema-only lint of a file with garbage pages: %v", err)
	}
	if res.Datasets[0].Rows != 6000 || len(res.Datasets[0].Columns) != 14 {
		t.Errorf("rows %d columns %d", res.Datasets[0].Rows, len(res.Datasets[0].Columns))
	}
	// A full scan cannot read the file: it is reported, and left out.
	res, err = lint.Run(context.Background(), lint.Options{Map: m, Paths: []string{path}, Today: today})
	switch {
	case err != nil:
		t.Fatalf("the run should go on past an unreadable file: %v", err)
	case len(res.Errors) != 1 || res.Errors[0].Path != path || res.Errors[0].Message == "":
		t.Errorf("errors %+v, want one naming %s", res.Errors, path)
	case len(res.Datasets) != 0:
		t.Errorf("the unreadable file is still linted: %+v", res.Datasets)
	}
}

// TestOpaqueGenderColumnIsFound: a column renamed to an opaque name but
// holding Danish gender words is still classified as sex, so using it as an
// input is SAG102.
func TestOpaqueGenderColumnIsFound(t *testing.T) {
	type row struct {
		C7    string `parquet:"c7"`
		Score int32  `parquet:"score"`
	}
	rows := make([]row, 500)
	for i := range rows {
		rows[i] = row{C7: []string{"mand", "kvinde", "Kvinde", "Mand"}[i*7%4], Score: int32(i % 13)}
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "x.parquet")
	if err := parquet.WriteFile(path, rows); err != nil {
		t.Fatal(err)
	}
	m := rankingMap(t, dir, `
  c7: {source: survey, context: employment}
  score: {source: survey, context: employment, category: other}
`)
	res, err := lint.Run(context.Background(), lint.Options{Map: m, Paths: []string{path}, Today: today})
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, f := range res.Findings {
		if f.Rule == "SAG102" && f.Column == "c7" {
			found = true
			if !strings.Contains(f.Message, "inferred category sex") || f.Evidence.(*rules.CategoryEvidence).Declared {
				t.Errorf("finding = %+v", f)
			}
		}
		if strings.Contains(f.Message, "kvinde") || strings.Contains(f.Message, "mand,") {
			t.Errorf("a raw value reached a message: %s", f.Message)
		}
	}
	if !found {
		t.Errorf("no SAG102 on c7: %+v", res.Findings)
	}
	// With --schema-only there are no values, so the name says nothing.
	res, err = lint.Run(context.Background(), lint.Options{Map: m, Paths: []string{path}, Today: today, SchemaOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Findings {
		if f.Rule == "SAG102" {
			t.Errorf("schema-only cannot know c7 is sex: %+v", f)
		}
	}
}
