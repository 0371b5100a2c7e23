package classify

import (
	"sort"
	"strings"

	"github.com/saglig/saglig/internal/i18n"
)

func init() {
	register(&Detector{
		Name: DetectorGender,
		Doc:  "gender words in da, en, no, sv, de, nl (mand, kvinde, female, weiblich, vrouw, ...) and gender codes M/K, M/F, 1/2",
		Mask: func(v string) string {
			if w, ok := values().genderCanonical(v); ok {
				return w
			}
			return masked
		},
		Detect: detectGender,
	})
}

// DetectorGender is the gender detector's name.
const DetectorGender = "gender-words"

// Gender words are strong evidence; bare codes are not: M/K or 1/2 are two
// values like many others, so their strengths stay below MinConfidence and
// count only with support from the column's name.
const (
	genderWordsWeight   = 0.95
	genderLettersWeight = 0.4  // M/K, M/F
	genderDigitsWeight  = 0.25 // 1/2
	genderMaxDistinct   = 8
	// Words: at least genderMinWords of the values words and
	// genderMinShare all gender values.
	genderMinWords = 0.5
	genderMinShare = 0.9
	// Codes: at least genderMinCodes of the values codes, genderMinCodeAll
	// gender values, 2 or 3 distinct.
	genderMinCodes   = 0.8
	genderMinCodeAll = 0.95
)

func detectGender(in *Input) []Evidence {
	s := in.Sample
	d := values()
	wordsN, codesN, otherN := 0, 0, 0
	langVotes := map[string]int{}
	distinct := map[string]bool{}
	allBoolean := true
	ok, share := s.Match(func(i int, _, f string) bool {
		distinct[f] = true
		if !d.booleans[f] {
			allBoolean = false
		}
		c := s.count[i]
		switch {
		case len(d.genderWords[f]) > 0:
			wordsN += c
			for _, l := range d.genderWords[f] {
				langVotes[l] += c
			}
		case d.genderCodes[f]:
			codesN += c
		case d.genderOther[f]:
			otherN += c
		default:
			return false
		}
		return true
	})
	if allBoolean || len(distinct) > genderMaxDistinct {
		return nil // a yes/no column is never sex
	}
	ev := Evidence{Category: "sex", Share: share, Matched: ok}
	switch {
	case s.Share(wordsN) >= genderMinWords && share >= genderMinShare:
		lang := "da"
		for _, l := range []string{"da", "en", "no", "sv", "de", "nl"} {
			if langVotes[l] > langVotes[lang] {
				lang = l
			}
		}
		ev.Detail = i18n.M("%d%% match %s gender words", pct(share), languageName(lang))
		ev.Strength = genderWordsWeight * share
	case s.Share(codesN) >= genderMinCodes && share >= genderMinCodeAll && len(distinct) >= 2 && len(distinct) <= 3:
		codes := make([]string, 0, len(distinct))
		for v := range distinct {
			if d.genderCodes[v] {
				codes = append(codes, strings.ToUpper(v))
			}
		}
		sort.Strings(codes)
		ev.Detail = i18n.M("%d%% gender codes %s", pct(share), strings.Join(codes, "/"))
		if !distinct["1"] && !distinct["2"] {
			ev.Strength = genderLettersWeight * share
		} else {
			ev.Strength = genderDigitsWeight * share
		}
	default:
		return nil
	}
	return []Evidence{ev}
}
