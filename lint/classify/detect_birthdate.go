package classify

import (
	"sort"
	"strconv"
	"strings"

	"github.com/saglig/saglig/internal/i18n"
)

func init() {
	register(&Detector{
		Name:   DetectorBirthDate,
		Doc:    "dates or 4-digit years spread like a population's birth dates, between 1900 and 15 years before the run",
		Mask:   maskBirthDate,
		Detect: detectBirthDate,
	})
}

// DetectorBirthDate is the birth-date detector's name.
const DetectorBirthDate = "birth-date"

// Birth years lie between 1900 and birthMinAge years before the run and
// spread like a population's: at least birthMinRange years between the
// oldest and the youngest, an interquartile range of birthMinIQR, a median
// at least birthMinMedianAge years back. Bare years say less than dates.
const (
	birthFirstYear    = 1900
	birthMinAge       = 15
	birthMinRange     = 20
	birthMinIQR       = 8
	birthMinMedianAge = 18
	birthDateWeight   = 0.7
	birthYearWeight   = 0.55
	birthMinDateShare = 0.9
	birthMinYearShare = 0.95
)

// birthSpread checks that years look like a population's birth years.
func birthSpread(years []int, thisYear int) bool {
	if len(years) < minVerdict {
		return false
	}
	y := append([]int(nil), years...)
	sort.Ints(y)
	q1, med, q3 := y[len(y)/4], y[len(y)/2], y[3*len(y)/4]
	return y[len(y)-1]-y[0] >= birthMinRange && q3-q1 >= birthMinIQR && med <= thisYear-birthMinMedianAge
}

func detectBirthDate(in *Input) []Evidence {
	if in.Today.IsZero() {
		return nil // without the run's date no year is known to be a birth year
	}
	thisYear := in.Today.Year()
	s := in.Sample
	var years []int
	asYears := false
	ok, share := s.Match(func(i int, v, _ string) bool {
		var y int
		if t, isDate := parseDate(v); isDate && (in.Kind == KindDate || in.Kind == KindText || len(v) == 8) {
			y = t.Year()
		} else if in.Kind == KindInt || in.Kind == KindText {
			n, isInt := intValue(v)
			if !isInt || len(v) != 4 {
				return false
			}
			y, asYears = int(n), true
		} else {
			return false
		}
		if y < birthFirstYear || y > thisYear-birthMinAge {
			return false
		}
		for k := 0; k < s.count[i]; k++ {
			years = append(years, y)
		}
		return true
	})
	if !birthSpread(years, thisYear) {
		return nil
	}
	switch {
	case asYears && share >= birthMinYearShare:
		return []Evidence{{Category: "age", Share: share, Strength: birthYearWeight * share,
			Detail: i18n.M("%d%% plausible birth years", pct(share))}}
	case !asYears && share >= birthMinDateShare:
		return []Evidence{{Category: "age", Share: share, Strength: birthDateWeight * share, Matched: ok,
			Detail: i18n.M("%d%% dates with a spread of birth dates", pct(share))}}
	}
	return nil
}

// birthYearOf returns the four-digit year of a date value.
func birthYearOf(v string) (string, bool) {
	t, ok := parseDate(strings.TrimSpace(v))
	if !ok {
		return "", false
	}
	return strconv.Itoa(t.Year()), t.Year() >= 1000
}

// maskBirthDate keeps the decade: "1987-04-12" → "198•-••-••".
func maskBirthDate(v string) string {
	if y, ok := birthYearOf(v); ok {
		return y[:3] + dot + "-" + dot + dot + "-" + dot + dot
	}
	return masked
}
