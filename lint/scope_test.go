package lint_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint"
	"github.com/saglig/saglig/lint/report"
)

// editedExample writes a copy of the careless job-centre map changed by
// edit, loads it and returns it with the absolute path of the example's
// data.
func editedExample(t *testing.T, edit func(src string) string) (*featuremap.Map, string) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "examples", "jobcenter", "saglig.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "saglig.yaml")
	if err := os.WriteFile(path, []byte(edit(string(src))), 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := featuremap.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	data, err := filepath.Abs(filepath.Join("..", "examples", "jobcenter", "data"))
	if err != nil {
		t.Fatal(err)
	}
	return m, data
}

// replaceOnce replaces old by repl in s, failing the test when s lacks old.
func replaceOnce(t *testing.T, s, old, repl string) string {
	t.Helper()
	if !strings.Contains(s, old) {
		t.Fatalf("the example map no longer has %q", old)
	}
	return strings.Replace(s, old, repl, 1)
}

// rescoped lints the example's data against its map moved to another
// controller, sector and context.
func rescoped(t *testing.T, controller, sector, ctx string) *lint.Result {
	t.Helper()
	m, data := editedExample(t, func(s string) string {
		s = replaceOnce(t, s, "  controller: municipality\n", "  controller: "+controller+"\n")
		s = replaceOnce(t, s, "  sector: employment-effort\n", "  sector: "+sector+"\n")
		s = replaceOnce(t, s, "  context: employment\n  allowed", "  context: "+ctx+"\n  allowed")
		s = replaceOnce(t, s, "[employment, education, social-benefits]", "["+ctx+"]")
		if sector != "employment-effort" || controller != "municipality" {
			// The map's own legal basis names the order; another purpose has another.
			s = replaceOnce(t, s, "BEK § 1, stk. 1 og 4 (udstedt i medfør af § 52 a, stk. 2, i LBK nr. 254 af 1. marts 2024)", "the controller's own basis")
			s = replaceOnce(t, s, "BEK § 1, stk. 1 og 4 (issued under § 52 a, stk. 2, of LBK nr. 254 af 1. marts 2024)", "the controller's own basis")
		}
		return s
	})
	res, err := lint.Run(context.Background(), lint.Options{Map: m, Paths: []string{data}, Today: today})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// formatLang is a report format in a language.
type formatLang struct {
	format string
	lang   i18n.Lang
}

// formatsIn pairs every format with both languages.
func formatsIn(formats []string) []formatLang {
	var out []formatLang
	for _, f := range formats {
		for _, l := range []i18n.Lang{i18n.English, i18n.Danish} {
			out = append(out, formatLang{f, l})
		}
	}
	return out
}

// namesOrder matches the draft order named in words.
var namesOrder = regexp.MustCompile(`(?i)bekendtg(ø|o|&#248;|&oslash;)relse|executive order|draft order|besk(æ|ae|&#230;|&aelig;)ftigelsesindsats|employment effort|§ 52 a|&#167; 52 a`)

// TestOrderCitedOnlyInItsScope: the draft order covers a municipality's
// case processing in the employment effort. A consumer-credit model, and a
// municipality's housing or tax model, cite no BEK provision anywhere — in
// no finding and in no report format, in either language — while the job
// centre's model does.
func TestOrderCitedOnlyInItsScope(t *testing.T) {
	for _, tt := range []struct {
		name                    string
		controller, sector, ctx string
		wantOrder               bool
	}{
		{"job centre", "municipality", "employment-effort", "employment", true},
		{"consumer credit", "private", "finance", "finance", false},
		{"municipal housing", "municipality", "housing", "housing", false},
		{"municipal tax", "municipality", "tax", "tax", false},
		{"state agency in the employment effort", "state", "employment-effort", "employment", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := rescoped(t, tt.controller, tt.sector, tt.ctx)
			cites := map[string]bool{}
			for _, f := range res.Findings {
				for _, l := range f.Legal {
					cites[l] = true
					if strings.HasPrefix(l, "BEK") && !tt.wantOrder {
						t.Errorf("%s %s cites %s outside the order's scope", f.Rule, f.Column, l)
					}
				}
			}
			if cites["BEK § 2, stk. 1"] != tt.wantOrder {
				t.Errorf("BEK § 2, stk. 1 cited = %v, want %v", cites["BEK § 2, stk. 1"], tt.wantOrder)
			}
			if !cites["GDPR art. 24(1)"] || !cites["art. 5(1)(c) cond. 5(i)"] {
				t.Errorf("the GDPR and the AI Act apply everywhere; cited: %v", cites)
			}
			for _, fl := range formatsIn(report.Formats()) {
				format := fl.format
				// Markdown shows no citations; every other format shows
				// the findings' (and HTML its header's).
				out := renderIn(t, format, res, fl.lang)
				got := strings.Contains(out, "BEK")
				if got && !tt.wantOrder || !got && tt.wantOrder && format != "markdown" {
					t.Errorf("%s report (%s) names BEK: %v, want %v", format, fl.lang, got, tt.wantOrder)
				}
				// Nor is the order named in other words, in a header, a
				// rule's help or the assessment.
				if m := namesOrder.FindString(out); m != "" && !tt.wantOrder {
					t.Errorf("%s report (%s) names the order outside its scope: %q", format, fl.lang, m)
				}
				if format == "html" && tt.wantOrder && namesOrder.FindString(out) == "" {
					t.Errorf("the html report (%s) of a job centre's model does not name the draft order", fl.lang)
				}
			}
		})
	}
}
