package legal_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/saglig/saglig/lint/legal"
	"github.com/saglig/saglig/lint/rules"
)

var (
	doubleQuoted = regexp.MustCompile(`"([^"]+)"`)
	// danish tells a Danish quotation from an English one or a map value.
	danish = regexp.MustCompile(`[æøåÆØÅ]|\b(skal|eller|og|af|på|til|der|som|ikke|heraf)\b`)
)

// TestRuleDocsQuoteTheSources: what a rule's documentation (Doc, OrderDoc)
// quotes in Danish is in a source text word for word — the order, the
// guidance, the GDPR or databeskyttelsesloven — as the citations are.
func TestRuleDocsQuoteTheSources(t *testing.T) {
	n := 0
	for _, r := range rules.All() {
		for _, doc := range []string{r.Doc, r.OrderDoc} {
			flat := strings.Join(strings.Fields(doc), " ")
			for _, m := range doubleQuoted.FindAllStringSubmatch(flat, -1) {
				q := m[1]
				// A value shown in a report ('indvandrer fra …') is
				// data, not a quotation.
				if !danish.MatchString(q) || strings.Contains(q, "'") {
					continue
				}
				n++
				if !legal.QuotedInASource(t, strings.ReplaceAll(q, "…", " […] ")) {
					t.Errorf("%s quotes %q, which is not in the sources word for word", r.ID, q)
				}
			}
		}
	}
	if n < 10 {
		t.Errorf("only %d Danish quotations found in the rules' docs; is the pattern right?", n)
	}
	// The check can fail: a changed word is refused.
	if legal.QuotedInASource(t, "skadelig eller uheldig behandling") {
		t.Error("accepted a changed quotation")
	}
}
