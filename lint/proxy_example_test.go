package lint_test

import (
	"html"
	"strings"
	"testing"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/report"
)

// plainText undoes a format's escaping and line wrapping, so that a phrase
// can be looked for in any report format: HTML entities, JSON string
// escapes, GitHub workflow-command escapes, and runs of white space
// (wrapped lines, non-breaking spaces) as one space.
func plainText(format, out string) string {
	switch format {
	case "html", "junit":
		out = html.UnescapeString(out)
	case "json", "sarif":
		out = strings.NewReplacer(`\"`, `"`, `\u0026`, "&", `\u003c`, "<", `\u003e`, ">", `\n`, " ").Replace(out)
	case "github":
		out = strings.NewReplacer("%25", "%", "%0A", " ", "%0D", " ", "%3A", ":", "%2C", ",").Replace(out)
	}
	out = strings.NewReplacer("\u00a0", " ", "\u202f", " ").Replace(out)
	return strings.Join(strings.Fields(out), " ")
}

// TestExampleProxyEvidenceInEveryFormat: the bundled example's report
// names, in every format and in both languages, the postcode values that
// give origin away (with their share of rows, their purity and its
// interval, against the base rate) and what the inputs predict together
// (the AUC with its interval, the base rate and the contributors).
func TestExampleProxyEvidenceInEveryFormat(t *testing.T) {
	for _, tt := range []struct {
		lang   i18n.Lang
		phrase []string
	}{
		{i18n.English, []string{
			"the value '8220' (1.8% of rows) is 98.1% 'indvandrer fra ikke-vestligt land' (95% interval 93.4%–99.48%), against 17% of all rows",
			`the inputs together predict protected column "herkomst": they tell 'indvandrer fra ikke-vestligt land' from the rest with a cross-validated AUC of 0.86 (95% interval 0.84–0.87; 0.5 is chance; 17% of the 6,000 sampled rows are in the group), most of all through postnr (AUC 0.28 lower without it)`,
		}},
		{i18n.Danish, []string{
			"værdien '8220' (1,8 % af rækkerne) er 98,1 % 'indvandrer fra ikke-vestligt land' (95 %-interval 93,4 %–99,48 %), mod 17 % af alle rækker",
			`inputvariablerne forudsiger tilsammen den beskyttede kolonne "herkomst": de skelner 'indvandrer fra ikke-vestligt land' fra resten med en krydsvalideret AUC på 0,86 (95 %-interval 0,84–0,87; 0,5 er tilfældighed; 17 % af de 6.000 rækker i stikprøven er i gruppen), mest gennem postnr (AUC 0,28 lavere uden den)`,
		}},
	} {
		t.Run(tt.lang.String(), func(t *testing.T) {
			res := runExampleIn(t, "jobcenter", false, tt.lang)
			for _, format := range report.Formats() {
				out := plainText(format, renderIn(t, format, res, tt.lang))
				for _, p := range tt.phrase {
					if !strings.Contains(out, p) {
						t.Errorf("the %s report does not say %q", format, p)
					}
				}
			}
		})
	}
}
