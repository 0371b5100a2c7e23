package classify

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saglig/saglig/featuremap"
)

// Accuracy floors over sensitive categories (every category but "other").
const (
	minPrecision = 0.95
	minRecall    = 0.90
)

// tally counts a classifier's hits and misses against labels.
type tally struct {
	tp, fp, fn int
	misses     []string
}

// add scores one labelled example; want and got are "" for no category.
func (t *tally) add(name, want, got, why string) {
	if want == "other" {
		want = ""
	}
	if got == "other" {
		got = ""
	}
	switch {
	case want == got && want != "":
		t.tp++
	case want != got:
		if got != "" {
			t.fp++
		}
		if want != "" {
			t.fn++
		}
		t.misses = append(t.misses, fmt.Sprintf("%s: want %q, got %q — %s", name, want, got, why))
	}
}

func (t *tally) precision() float64 { return ratio(t.tp, t.tp+t.fp) }
func (t *tally) recall() float64    { return ratio(t.tp, t.tp+t.fn) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

type labelledName struct{ name, category string }

func loadNameCorpus(t *testing.T) []labelledName {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "names.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []labelledName
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) < 2 {
			t.Fatalf("names.tsv:%d: want name<TAB>category", n)
		}
		cat := fields[1]
		if cat == "-" {
			cat = ""
		} else if !featuremap.ValidCategory(cat) {
			t.Fatalf("names.tsv:%d: unknown category %q", n, cat)
		}
		out = append(out, labelledName{fields[0], cat})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestNameAccuracy(t *testing.T) {
	corpus := loadNameCorpus(t)
	if len(corpus) < 300 {
		t.Fatalf("names.tsv has %d names, want at least 300", len(corpus))
	}
	langs := map[string]bool{}
	var tl tally
	for _, c := range corpus {
		r := Classify(Column{Name: c.name}, testOpt)
		for _, m := range r.Name {
			langs[m.Language] = true
		}
		tl.add(c.name, c.category, r.Category, r.Explanation.String())
	}
	for _, l := range []string{"da", "en", "no", "sv", "de", "nl"} {
		if !langs[l] {
			t.Errorf("no name in the corpus matched a %s entry", l)
		}
	}
	t.Logf("names: %d columns, precision %.3f, recall %.3f (tp %d, fp %d, fn %d)",
		len(corpus), tl.precision(), tl.recall(), tl.tp, tl.fp, tl.fn)
	for _, m := range tl.misses {
		t.Logf("  miss: %s", m)
	}
	if tl.precision() < minPrecision || tl.recall() < minRecall {
		t.Errorf("name accuracy below floor: precision %.3f (min %.2f), recall %.3f (min %.2f)",
			tl.precision(), minPrecision, tl.recall(), minRecall)
	}
}

func TestValueAccuracy(t *testing.T) {
	corpus, err := loadValueCorpus(filepath.Join("testdata", "values"))
	if err != nil {
		t.Fatal(err)
	}
	if len(corpus) < 40 {
		t.Fatalf("testdata/values has %d columns, want at least 40", len(corpus))
	}
	var tl tally
	for _, c := range corpus {
		want := c.category
		if want == "-" {
			want = ""
		}
		r := Classify(Column{Name: c.name, Type: c.typ, Kind: testKind(c.typ), Rows: int64(len(c.values)), Sample: c.values}, testOpt)
		tl.add(c.name+" ("+c.note+")", want, r.Category, r.Explanation.String())
	}
	t.Logf("values: %d columns, precision %.3f, recall %.3f (tp %d, fp %d, fn %d)",
		len(corpus), tl.precision(), tl.recall(), tl.tp, tl.fp, tl.fn)
	for _, m := range tl.misses {
		t.Logf("  miss: %s", m)
	}
	if tl.precision() < minPrecision || tl.recall() < minRecall {
		t.Errorf("value accuracy below floor: precision %.3f (min %.2f), recall %.3f (min %.2f)",
			tl.precision(), minPrecision, tl.recall(), minRecall)
	}
}

// goldenResult is the part of a Result kept in the golden file.
type goldenResult struct {
	Column      string   `json:"column"`
	Category    string   `json:"category"`
	Confidence  float64  `json:"confidence"`
	Identifier  string   `json:"identifier,omitempty"`
	Explanation string   `json:"explanation"`
	Examples    []string `json:"examples,omitempty"`
}

// TestValueCorpusGolden pins the classification of every value-corpus column
// (category, explanation, masked examples) and checks that no raw sample
// value leaks into the output.
func TestValueCorpusGolden(t *testing.T) {
	corpus, err := loadValueCorpus(filepath.Join("testdata", "values"))
	if err != nil {
		t.Fatal(err)
	}
	var got []goldenResult
	for _, c := range corpus {
		r := Classify(Column{Name: c.name, Type: c.typ, Kind: testKind(c.typ), Rows: int64(len(c.values)), Sample: c.values}, testOpt)
		g := goldenResult{Column: c.name, Category: r.Category, Confidence: r.Confidence, Identifier: r.Identifier, Explanation: r.Explanation.String()}
		for _, v := range r.Values {
			g.Examples = append(g.Examples, v.Examples...)
		}
		got = append(got, g)
		if identifierDetector(r) {
			assertNoRawValue(t, c, r)
		}
	}
	b, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, '\n')
	golden := filepath.Join("testdata", "values.golden.json")
	if *update {
		if err := os.WriteFile(golden, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(want) != string(b) {
		t.Errorf("classification of the value corpus changed; run `go test ./lint/classify -run TestValueCorpusGolden -update` and review the diff")
	}
}

func identifierDetector(r Result) bool {
	for _, v := range r.Values {
		switch v.Detector {
		case DetectorCPR, DetectorEmail, DetectorPhone, DetectorPersonName:
			return true
		}
	}
	return false
}

// assertNoRawValue fails when any raw sample value of an identifier column
// appears in the explanation or the examples.
func assertNoRawValue(t *testing.T, c corpusColumn, r Result) {
	t.Helper()
	out := r.Explanation.String()
	for _, v := range r.Values {
		out += " " + strings.Join(v.Examples, " ") + " " + v.Detail.String()
	}
	for _, v := range c.values {
		if len(v) >= 4 && strings.Contains(out, v) {
			t.Errorf("%s: raw value %q leaked into the output", c.name, Mask(r.Values[0].Detector, v))
		}
	}
}
