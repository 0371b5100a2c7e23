package classify

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
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
			case unicode.IsUpper(r) && unicode.IsLower(prev):
				flush() // camelCase: borgerKoen
			case unicode.IsUpper(r) && unicode.IsUpper(prev) && i+1 < len(rs) && unicode.IsLower(rs[i+1]):
				flush() // acronym followed by a word: CPRNummer → CPR Nummer
			}
		}
		cur = append(cur, r)
	}
	flush()
	return out
}

// runeFold maps letters with diacritics to their base spelling.
var runeFold = map[rune]string{
	'æ': "a", 'ø': "o", 'å': "a", 'ä': "a", 'ö': "o", 'ü': "u", 'ß': "ss",
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ā': "a", 'ç': "c", 'č': "c",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ì': "i", 'í': "i", 'î': "i",
	'ï': "i", 'ñ': "n", 'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'œ': "o",
	'ù': "u", 'ú': "u", 'û': "u", 'ý': "y", 'ÿ': "y", 'š': "s", 'ž': "z",
	'ł': "l", 'ğ': "g", 'ş': "s", 'ı': "i",
}

// digraphs are the ASCII spellings of æ, ø, å and ü; they fold to one letter.
var digraphs = strings.NewReplacer("aa", "a", "ae", "a", "oe", "o", "ue", "u")

// fold lower-cases s and folds Nordic and German spellings to one form. It is
// idempotent: fold(fold(s)) == fold(s).
func fold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if f, ok := runeFold[r]; ok {
			b.WriteString(f)
			continue
		}
		b.WriteRune(r)
	}
	out := b.String()
	for {
		next := digraphs.Replace(out)
		if next == out {
			return out
		}
		out = next
	}
}

// Window vocabulary (folded spellings).
var (
	windowUnits = map[string]string{
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
	}
	// windowUnitsAlone are units that may follow a "last" word without a number
	// (sidste_aar, last_month); single letters are too ambiguous for that.
	windowLast = map[string]bool{
		"last": true, "past": true, "sidste": true, "seneste": true, "siste": true,
		"senaste": true, "letzte": true, "letzten": true, "laatste": true, "trailing": true,
		"rolling": true, "l": true, "forrige": true, "previous": true, "prev": true,
	}
	windowToDate = map[string]string{"ytd": "ytd", "mtd": "mtd", "qtd": "qtd", "atd": "ytd"}
)

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
