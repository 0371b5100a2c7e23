// Package textfold folds text so that spellings of the same word meet:
// lower case, Danish, Norwegian, Swedish and German letters and accents
// folded to their base letters, and the ASCII digraphs aa, ae, oe and ue
// (the spellings of å, æ, ø and ü without those letters) reduced to one
// letter. "Køn", "koen", "kön" and "kon" all fold to "kon".
//
// Package classify folds column names with it, and package refdata folds
// reference vocabularies and sampled values with it, so that a name and a
// vocabulary entry written in different spellings compare equal.
package textfold

import (
	"strings"
	"unicode"
)

// runeFold maps letters with diacritics to their base spelling.
var runeFold = map[rune]string{
	'æ': "a", 'ø': "o", 'å': "a", 'ä': "a", 'ö': "o", 'ü': "u", 'ß': "ss",
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ā': "a", 'ç': "c", 'č': "c",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ì': "i", 'í': "i", 'î': "i",
	'ï': "i", 'ñ': "n", 'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'œ': "o",
	'ù': "u", 'ú': "u", 'û': "u", 'ý': "y", 'ÿ': "y", 'š': "s", 'ž': "z",
	'ł': "l", 'ğ': "g", 'ş': "s", 'ı': "i",
}

// Fold lower-cases s and folds Nordic and German spellings to one form:
// letters with diacritics to their base letter, then the digraphs aa→a,
// ae→a, oe→o and ue→u, left to right, until none is left. It is
// idempotent, and allocates nothing when s is already folded.
func Fold(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || ('A' <= c && c <= 'Z') {
			return fold(s, false)
		}
	}
	if hasDigraph(s) {
		return fold(s, false)
	}
	return s
}

// Key is the form in which a value is compared with a vocabulary: folded
// as Fold does, with everything but letters and digits removed, so that
// case, hyphens, underscores, dots, apostrophes and white space do not
// matter ("African-American", "african american" and "AFRICAN_AMERICAN"
// share one key). The digraphs are folded after the separators are gone,
// so both sides of a comparison must use Key.
func Key(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || !(('a' <= c && c <= 'z') || ('0' <= c && c <= '9')) {
			return fold(s, true)
		}
	}
	if hasDigraph(s) {
		return fold(s, true)
	}
	return s
}

// fold lower-cases s, folds its letters and digraphs and, with lettersOnly,
// drops everything but letters and digits.
func fold(s string, lettersOnly bool) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range strings.ToLower(s) {
		if f, ok := runeFold[r]; ok {
			b.WriteString(f)
			continue
		}
		if !lettersOnly || isLetterOrDigit(r) {
			b.WriteRune(r)
		}
	}
	out := b.String()
	for hasDigraph(out) {
		out = foldDigraphs(out)
	}
	return out
}

func isLetterOrDigit(r rune) bool {
	switch {
	case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
		return true
	case r < 0x80:
		return false
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// hasDigraph reports whether s holds aa, ae, oe or ue.
func hasDigraph(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if isDigraph(s[i], s[i+1]) {
			return true
		}
	}
	return false
}

func isDigraph(a, b byte) bool {
	return (a == 'a' && (b == 'a' || b == 'e')) || ((a == 'o' || a == 'u') && b == 'e')
}

// foldDigraphs replaces each non-overlapping digraph, left to right, by its
// first letter.
func foldDigraphs(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i])
		if i+1 < len(s) && isDigraph(s[i], s[i+1]) {
			i++
		}
	}
	return string(b)
}
