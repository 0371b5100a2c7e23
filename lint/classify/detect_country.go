package classify

import (
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/classify/refdata"
	"github.com/saglig/saglig/lint/classify/textfold"
)

func init() {
	register(&Detector{
		Name:   DetectorCountry,
		Doc:    "country names in English, Danish, Swedish, Norwegian, German and Dutch (Unicode CLDR), ISO 3166 alpha-2/alpha-3 codes, nationality adjectives",
		Kinds:  []Kind{KindText},
		Mask:   maskCountry,
		Detect: detectCountry,
	})
}

// DetectorCountry is the country detector's name.
const DetectorCountry = "country"

// Two-letter codes collide with other codes more often than names do; a
// column needs most of its distinct values to be countries, and at least
// two different ones (a yes/no column with NO is not Norway).
const (
	countryWeight       = 0.9
	countryAlpha2Weight = 0.8
	countryMinCoverage  = 0.8
	countryMinDistinct  = 2
	// countryMinCodes is the least number of distinct countries a column
	// of two-letter codes must name.
	countryMinCodes = 3
)

// countryOf returns the ISO 3166 alpha-2 code a value names (by its key),
// and whether it was written as a two-letter code; "" with ok for a word of
// the nationality list without a code.
func countryOf(raw, key string) (code string, alpha2, ok bool) {
	if e, found := refdata.Get(refdata.CountryCodes).LookupKey(key); found {
		return e.Value, e.HasTag("alpha2") && len(raw) == 2, true
	}
	for _, n := range []refdata.Name{refdata.Countries, refdata.Nationalities} {
		if e, found := refdata.Get(n).LookupKey(key); found {
			return e.Value, false, true
		}
	}
	if values().nationality[fold(raw)] {
		return "", false, true
	}
	return "", false, false
}

// countryValue is countryOf for a sampled value, except that a yes/no
// answer is never a country ("No" is an answer before it is Norway).
func countryValue(raw, key string) (code string, alpha2, ok bool) {
	if values().booleans[fold(raw)] {
		return "", false, false
	}
	return countryOf(raw, key)
}

func detectCountry(in *Input) []Evidence {
	s := in.Sample
	if s.keys().distinct < countryMinDistinct {
		return nil
	}
	alpha2, other := 0, 0
	codes := map[string]bool{}
	ok, share, cov, done := vocabMatch(s, countryMinCoverage, func(i int, key string) (bool, bool) {
		code, a2, found := countryValue(s.raw[i], key)
		switch {
		case !found:
			return false, false
		case a2:
			codes[code] = true
			alpha2++
		default:
			other++
		}
		return true, false
	})
	if !done || !cov.AtLeast(countryMinCoverage, countryMinDistinct) {
		return nil
	}
	if alpha2 > other && len(codes) < countryMinCodes {
		return nil // two-letter words that happen to be codes (CH, UP)
	}
	ev := Evidence{Category: "nationality", Share: share, Matched: ok,
		Detail: i18n.M("%d%% of them country names, codes or nationality words", pct(cov.Share())), Strength: countryWeight * cov.Share()}
	if alpha2 > other {
		ev.Detail, ev.Strength = i18n.M("%d%% of them ISO 3166 country codes", pct(cov.Share())), countryAlpha2Weight*cov.Share()
	}
	return []Evidence{ev}
}

// maskCountry shows a country value as its ISO code (or, for a nationality
// word without one, the word's vocabulary spelling).
func maskCountry(v string) string {
	code, _, ok := countryOf(v, textfold.Key(v))
	switch {
	case ok && code != "":
		return code
	case ok:
		return fold(v)
	}
	return masked
}
