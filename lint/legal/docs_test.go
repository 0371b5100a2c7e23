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

// quotations returns the Danish quotations of a rule's documentation:
// what it puts between double quotes that is Danish. A value shown in a
// report ('indvandrer fra …') is data, not a quotation.
func quotations(doc string) []string {
	var out []string
	for _, m := range doubleQuoted.FindAllStringSubmatch(strings.Join(strings.Fields(doc), " "), -1) {
		if q := m[1]; danish.MatchString(q) && !strings.Contains(q, "'") {
			out = append(out, q)
		}
	}
	return out
}

// TestRuleDocsQuoteTheSources: what a rule's documentation (Doc, OrderDoc,
// and their Danish) quotes in Danish is in a source text word for word —
// the order, the guidance, the GDPR or databeskyttelsesloven — as the
// citations are.
func TestRuleDocsQuoteTheSources(t *testing.T) {
	n := 0
	for _, r := range rules.All() {
		for _, doc := range []string{r.Doc, r.OrderDoc, r.Danish().Doc, r.Danish().OrderDoc} {
			for _, q := range quotations(doc) {
				n++
				if !legal.QuotedInASource(t, strings.ReplaceAll(q, "…", " […] ")) {
					t.Errorf("%s quotes %q, which is not in the sources word for word", r.ID, q)
				}
			}
		}
	}
	if n < 20 {
		t.Errorf("only %d Danish quotations found in the rules' docs; is the pattern right?", n)
	}
	// The check can fail: a changed word is refused.
	if legal.QuotedInASource(t, "skadelig eller uheldig behandling") {
		t.Error("accepted a changed quotation")
	}
}

// TestDanishRuleDocsKeepTheQuotations: the Danish documentation of a rule
// quotes the law as the English does — every Danish quotation of Doc and
// OrderDoc is in Da.Doc and Da.OrderDoc word for word, never translated
// back or reworded.
func TestDanishRuleDocsKeepTheQuotations(t *testing.T) {
	for _, r := range rules.All() {
		for _, pair := range [][2]string{{r.Doc, r.Danish().Doc}, {r.OrderDoc, r.Danish().OrderDoc}} {
			da := strings.Join(quotations(pair[1]), "\n")
			for _, q := range quotations(pair[0]) {
				if !strings.Contains(da, q) {
					t.Errorf("%s: the English quotes %q; the Danish does not", r.ID, q)
				}
			}
		}
	}
}
