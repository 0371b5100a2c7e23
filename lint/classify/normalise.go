package classify

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/saglig/saglig/lint/classify/textfold"
)

// Normalise splits a column name into folded tokens: at dots, underscores,
// hyphens, spaces and other separators, at camelCase boundaries and between
// letters and digits. Tokens are lower case and folded so that Danish,
// Norwegian, Swedish and German spellings meet: æ→a, ø→o, å→a, ä→a, ö→o,
// ü→u, ß→ss, accents dropped, and the digraphs ae→a, oe→o, aa→a, ue→u
// ("køn", "koen", "kön" and "kon" are all "kon"). An observation-window
// suffix (_5y, _12m, _3aar, _sidste_3_aar, last_12_months, _ytd) is removed;
// ClassifyName reports it.
func Normalise(name string) []string {
	tokens, _ := normalise(name)
	return tokens
}

// normalise returns the tokens of name without its observation window, and
// the window in compact form ("5y", "12m", "1y", "ytd"; "" when none).
func normalise(name string) ([]string, string) {
	return stripWindow(words(name))
}

// words splits name into folded tokens without removing a window.
func words(name string) []string {
	if !utf8.ValidString(name) {
		name = strings.ToValidUTF8(name, " ")
	}
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			if w := fold(string(cur)); w != "" {
				out = append(out, w)
			}
			cur = cur[:0]
		}
	}
	rs := []rune(name)
	for i, r := range rs {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			flush()
			continue
		}
		if len(cur) > 0 {
			prev := cur[len(cur)-1]
			switch {
			case unicode.IsDigit(r) != unicode.IsDigit(prev):
				flush() // letter/digit boundary: koen2, 5aar
			case isUpper(r) && unicode.IsLower(prev):
				flush() // camelCase: borgerKoen
			case isUpper(r) && isUpper(prev) && i+1 < len(rs) && unicode.IsLower(rs[i+1]):
				flush() // acronym followed by a word: CPRNummer → CPR Nummer
			}
		}
		cur = append(cur, r)
	}
	flush()
	return out
}

// isUpper reports whether r is an upper-case letter that folding changes.
// An upper-case letter without a lower-case form (ϓ) stays as it is in a
// folded token, so it must not split words either: tokens are then stable
// under normalising them again.
func isUpper(r rune) bool {
	return unicode.IsUpper(r) && unicode.ToLower(r) != r
}

// fold lower-cases s and folds Nordic and German spellings to one form
// (textfold.Fold): "køn", "koen", "kön" and "kon" are all "kon".
func fold(s string) string { return textfold.Fold(s) }

// Window vocabulary (folded spellings).
var (
	windowUnits = foldKeys(map[string]string{
		"y": "y", "yr": "y", "yrs": "y", "year": "y", "years": "y", "ar": "y", "arig": "y",
		"jahr": "y", "jahre": "y", "jar": "y", "jaren": "y",
		"m": "m", "mo": "m", "mon": "m", "mth": "m", "mths": "m", "month": "m", "months": "m",
		"md": "m", "mdr": "m", "mnd": "m", "maned": "m", "maneder": "m", "manad": "m", "manader": "m",
		"monat": "m", "monate": "m", "monaten": "m", "mand": "m", "manden": "m",
		"w": "w", "wk": "w", "wks": "w", "week": "w", "weeks": "w", "uge": "w", "uger": "w",
		"uke": "w", "uker": "w", "vecka": "w", "veckor": "w", "woche": "w", "wochen": "w", "weken": "w",
		"d": "d", "day": "d", "days": "d", "dag": "d", "dage": "d", "dagar": "d", "dager": "d",
		"tag": "d", "tage": "d", "tagen": "d", "dagen": "d",
		"q": "q", "qtr": "q", "quarter": "q", "quarters": "q", "kvartal": "q", "kvartaler": "q",
	})
	// windowLast are the words for "last" (sidste_3_aar, last_12_months);
	// they may also stand before a unit alone (sidste_aar, last_month).
	windowLast = foldKeys(map[string]bool{
		"last": true, "past": true, "sidste": true, "seneste": true, "siste": true,
		"senaste": true, "letzte": true, "letzten": true, "laatste": true, "trailing": true,
		"rolling": true, "l": true, "forrige": true, "previous": true, "prev": true,
	})
	windowToDate = map[string]string{"ytd": "ytd", "mtd": "mtd", "qtd": "qtd", "atd": "ytd"}
)

// foldKeys folds a vocabulary map's keys the way tokens are folded.
func foldKeys[V any](m map[string]V) map[string]V {
	out := make(map[string]V, len(m))
	for k, v := range m {
		out[fold(k)] = v
	}
	return out
}

// stripWindow removes observation-window phrases from tokens and returns the
// remaining tokens and the last window found.
func stripWindow(tokens []string) ([]string, string) {
	var out []string
	window := ""
	for i := 0; i < len(tokens); {
		t := tokens[i]
		if w, ok := windowToDate[t]; ok {
			window = w
			i++
			continue
		}
		last := windowLast[t]
		j := i
		if last {
			j++
		}
		if j < len(tokens) && isCount(tokens[j]) && j+1 < len(tokens) {
			if u, ok := windowUnits[tokens[j+1]]; ok {
				n, _ := strconv.Atoi(tokens[j])
				window = strconv.Itoa(n) + u
				i = j + 2
				continue
			}
		}
		if last && j < len(tokens) && len(tokens[j]) > 1 {
			if u, ok := windowUnits[tokens[j]]; ok {
				window = "1" + u
				i = j + 1
				continue
			}
		}
		out = append(out, t)
		i++
	}
	return out, window
}

// isCount reports whether t is a small positive number (1-999).
func isCount(t string) bool {
	if len(t) == 0 || len(t) > 3 {
		return false
	}
	n, err := strconv.Atoi(t)
	return err == nil && n > 0
}
