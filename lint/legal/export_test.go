package legal

import "testing"

// QuotedInASource reports whether quote is, word for word, in one of the
// source texts of testdata/sources ("[…]" marks an omission): the matcher
// of TestQuotesAreInTheSources, for the rules' own quotations.
func QuotedInASource(t *testing.T, quote string) bool {
	t.Helper()
	for _, file := range []string{"bek-udkast.txt", "vejledning-art5-1-c.txt", "gdpr-dbl-uddrag.txt"} {
		if quoted(quote, loadSource(t, file)) {
			return true
		}
	}
	return false
}
