package report

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/internal/testfiles"
	"github.com/saglig/saglig/lint"
	"github.com/saglig/saglig/lint/finding"
)

// wideMap is the purpose of the wide store; the test declares half of its
// columns as inputs with nothing documented (each fires several rules, and
// the assessment lists them all) and leaves the other half undeclared.
const wideMap = `version: 1
purpose:
  name: wide-store
  description: Scores citizens for an early-support offer; a caseworker decides.
  controller: municipality
  sector: employment-effort
  context: employment
  output: score
  automated: false
  human_review: A caseworker decides every offer.
  legal_basis: BEK § 1, stk. 1 og 4
features:
`

// wideResult lints a generated store of 2,000 columns, as a feature store
// export is, once for the package.
func wideResult(t *testing.T) *lint.Result {
	t.Helper()
	if testing.Short() {
		t.Skip("the 2,000-column lint takes a few seconds")
	}
	if wide != nil {
		return wide
	}
	dir := t.TempDir()
	const ncols, nrows = 2000, 40
	names := make([]string, ncols)
	cols := make([][]string, ncols)
	for i := range names {
		names[i] = fmt.Sprintf("f%04d", i)
		cols[i] = make([]string, nrows)
		for r := range cols[i] {
			cols[i][r] = strconv.Itoa((r * (i + 3)) % 7)
		}
	}
	data := filepath.Join(dir, "wide.parquet")
	if err := testfiles.WriteParquetStrings(data, names, cols); err != nil {
		t.Fatal(err)
	}
	mapPath := filepath.Join(dir, "saglig.yaml")
	doc := wideMap
	for _, n := range names[:ncols/2] {
		doc += "  " + n + ":\n"
	}
	if err := os.WriteFile(mapPath, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := featuremap.Load(mapPath)
	if err != nil {
		t.Fatal(err)
	}
	res, err := lint.Run(context.Background(), lint.Options{Map: m, Paths: []string{data}, SchemaOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) < ncols {
		t.Fatalf("%d findings; the store should give at least one per column", len(res.Findings))
	}
	wide = res
	return res
}

// wide is the wide store's result, linted once for the tests that read it.
var wide *lint.Result

// TestWideStoreText: a 2,000-column store gives thousands of findings; the
// text report stays readable in both languages: no line longer than 200
// characters, at most --max-per-rule findings of a rule with a note of
// how many more there are, lists cut to "and N more", and the counts.
func TestWideStoreText(t *testing.T) {
	res := wideResult(t)
	perRule := map[string]int{}
	for _, f := range res.Findings {
		perRule[f.Rule]++
	}
	for _, lang := range i18n.Langs() {
		t.Run(string(lang), func(t *testing.T) {
			tr := i18n.For(lang)
			p, err := New("text", Options{Lang: lang, MaxPerRule: DefaultMaxPerRule})
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			if err := p.Print(&b, res); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			lines := strings.Split(out, "\n")
			for i, l := range lines {
				if n := len([]rune(l)); n > 200 {
					t.Errorf("line %d has %d characters: %.120s…", i+1, n, l)
				}
			}
			sev := regexp.MustCompile(`^(` + finding.Error.In(tr) + `|` + finding.Warning.In(tr) + `|` + finding.Info.In(tr) + `): `)
			shown := map[string]int{}
			// A finding's rule, named as its language names it, follows its
			// head on the first line or starts the second.
			rule := regexp.MustCompile(`\s(SAG\d{3}) ([^:]+):`)
			for i, l := range lines {
				if sev.MatchString(l) && i+1 < len(lines) {
					m := rule.FindStringSubmatch(l + "\n" + lines[i+1])
					if m == nil {
						t.Errorf("line %d names no rule: %s", i+1, l)
						continue
					}
					if want := ruleOf(m[1]).NameIn(lang); m[2] != want {
						t.Errorf("line %d names %s %q, want %q", i+1, m[1], m[2], want)
					}
					shown[m[1]]++
				}
			}
			for id, n := range perRule {
				want := min(n, DefaultMaxPerRule)
				if shown[id] != want {
					t.Errorf("%s: %d findings shown, want %d of %d", id, shown[id], want, n)
				}
				if n > DefaultMaxPerRule {
					note := tr.Sprintf("%s %s: %d more findings not shown (--max-per-rule %d; 0 shows them all)",
						id, ruleOf(id).NameIn(lang), n-DefaultMaxPerRule, DefaultMaxPerRule)
					if !strings.Contains(strings.Join(strings.Fields(out), " "), note) {
						t.Errorf("no note %q", note)
					}
				}
			}
			// The assessment lists a thousand inputs of unknown category:
			// the list is cut to listMax and says how many more there are.
			more := regexp.MustCompile(regexp.QuoteMeta(tr.Sprintf("%s and %d more", "f0019", 980)))
			if !more.MatchString(out) {
				t.Errorf("the list of inputs of unknown category is not cut short with %q", tr.Sprintf("%s and %d more", "f0019", 980))
			}
			if n := strings.Count(out, "f0500"); n > 0 {
				t.Errorf("column f0500, past every cap, is named %d times", n)
			}
			if len(lines) > 1500 {
				t.Errorf("%d lines for a capped report", len(lines))
			}
			summary := lines[len(lines)-2]
			if want := tr.Sprintf("%d problems", res.Summary.Error+res.Summary.Warning+res.Summary.Info); !strings.HasPrefix(summary, want) {
				t.Errorf("summary %q does not start with %q", summary, want)
			}
		})
	}
}

// TestWideStoreStatistics: --statistics counts every finding per rule.
func TestWideStoreStatistics(t *testing.T) {
	res := wideResult(t)
	p, _ := New("text", Options{Statistics: true})
	var b strings.Builder
	if err := p.Print(&b, res); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.Contains(out, "help:") {
		t.Error("--statistics lists the findings")
	}
	total := 0
	row := regexp.MustCompile(`(?m)^\s+([\d,]+)  (SAG\d{3}) `)
	for _, m := range row.FindAllStringSubmatch(out, -1) {
		n, _ := strconv.Atoi(strings.ReplaceAll(m[1], ",", ""))
		total += n
	}
	if total != len(res.Findings) {
		t.Errorf("the statistics count %d findings of %d:\n%s", total, len(res.Findings), out)
	}
}
