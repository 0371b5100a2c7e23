package classify

import (
	"strings"
	"unicode"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/classify/refdata"
)

func init() {
	register(&Detector{
		Name:   DetectorPersonName,
		Doc:    "person names: 1-4 words of letters with a first name from national name statistics (DK, SE, NO, DE, US), or surnames (DK, SE, NO, NL, US)",
		Kinds:  []Kind{KindText},
		Mask:   MaskName,
		Detect: detectPersonName,
	})
}

// DetectorPersonName is the person-name detector's name.
const DetectorPersonName = "person-name"

// Names are judged by the share of distinct values that are names, so a
// column is one of names when most of its different values are, not when one
// frequent value is. A column of lone surnames is weaker evidence than one
// with first names: many surnames are also words (Brown, Green, White), so
// it stays below MinConfidence and names no identifier kind; the column's
// name must confirm it.
const (
	personNameWeight        = 0.85
	personNameSurnameWeight = 0.45
	personNameMinCoverage   = 0.6
	personNameMinDistinct   = 5
	personNameMaxWords      = 4
)

func detectPersonName(in *Input) []Evidence {
	s := in.Sample
	if s.keys().distinct < personNameMinDistinct {
		return nil
	}
	first, last := refdata.Get(refdata.FirstNames), refdata.Get(refdata.Surnames)
	var full, surnameOnly int
	ok, share, cov, done := vocabMatch(s, personNameMinCoverage, func(i int, _ string) (bool, bool) {
		f, l := personName(s.raw[i], first, last)
		switch {
		case f:
			full++
		case l:
			surnameOnly++
		}
		return f || l, false
	})
	if !done || !cov.AtLeast(personNameMinCoverage, personNameMinDistinct) {
		return nil
	}
	ev := Evidence{Category: "identifier", Identifier: IdentName, Share: share, Matched: ok,
		Strength: personNameWeight * cov.Share(),
		Detail:   i18n.M("%d%% of them person names (national name statistics)", pct(cov.Share()))}
	if full < surnameOnly {
		ev.Identifier = ""
		ev.Strength = personNameSurnameWeight * cov.Share()
		ev.Detail = i18n.M("%d%% of them surnames (national name statistics)", pct(cov.Share()))
	}
	return []Evidence{ev}
}

// personName tells a name with a first name, or a common surname beside
// another name (Ayse Jensen), from a lone surname.
func personName(v string, first, last *refdata.Vocab) (fullName, loneSurname bool) {
	ws := strings.Fields(strings.ReplaceAll(v, ",", " "))
	if len(ws) == 0 || len(ws) > personNameMaxWords {
		return false, false
	}
	cased := mixedCase(v)
	surname := false
	for _, w := range ws {
		if !isNameWord(w) {
			return false, false
		}
		if cased && !capitalised(w) && len(w) > maxParticle {
			return false, false // "Etwas zu klein" is a phrase, not a person named Klein
		}
		if cased && !capitalised(w) {
			continue // van, de, von: particles, not names
		}
		if first.Contains(w) {
			return true, false
		}
		surname = surname || last.Contains(w)
	}
	return surname && len(ws) > 1, surname && len(ws) == 1
}

// maxParticle is the longest lower-case word a name written in mixed case
// may hold (van, der, von, af, de la).
const maxParticle = 3

// mixedCase reports whether v has both upper- and lower-case letters: a
// value written as names are, where a lower-case word is no name.
func mixedCase(v string) bool {
	upper, lower := false, false
	for _, r := range v {
		upper = upper || unicode.IsUpper(r)
		lower = lower || unicode.IsLower(r)
	}
	return upper && lower
}

// capitalised reports whether w starts with an upper-case letter.
func capitalised(w string) bool {
	for _, r := range w {
		return unicode.IsUpper(r)
	}
	return false
}

// isNameWord reports whether w is a word of letters, possibly with - or '.
func isNameWord(w string) bool {
	letters := 0
	for _, r := range w {
		switch {
		case r == '-' || r == '\'' || r == '.':
		case unicode.IsLetter(r):
			letters++
		default:
			return false
		}
	}
	return letters > 0
}
