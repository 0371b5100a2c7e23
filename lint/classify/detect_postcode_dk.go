package classify

import (
	"strings"

	"github.com/saglig/saglig/internal/i18n"
)

func init() {
	register(&Detector{
		Name:   DetectorPostcode,
		Doc:    "Danish postcodes 0800-9990 (PostNord's list)",
		Kinds:  []Kind{KindText, KindInt, KindFloat},
		Mask:   maskLeadingDigit,
		Detect: detectPostcode,
	})
}

// DetectorPostcode is the Danish postcode detector's name.
const DetectorPostcode = "postcode-dk"

const (
	postcodeWeight      = 0.85
	postcodeMinShare    = 0.9
	postcodeMinDistinct = 3
	// A column where postcodeMaxYears of the values lie in 1900-2035 holds
	// years, which are postcodes too.
	postcodeMaxYears = 0.8
)

func detectPostcode(in *Input) []Evidence {
	s := in.Sample
	d := values()
	years := 0
	ok, share := s.Match(func(i int, v, _ string) bool {
		if len(v) < 3 || len(v) > 6 {
			return false
		}
		n, isInt := intValue(v)
		if !isInt {
			return false
		}
		if n >= 1900 && n <= 2035 {
			years += s.count[i]
		}
		return d.postcodes[int(n)]
	})
	if share < postcodeMinShare || s.Share(years) >= postcodeMaxYears || s.distinct < postcodeMinDistinct {
		return nil
	}
	return []Evidence{{
		Category: "residential-area", Share: share, Strength: postcodeWeight * share, Matched: ok,
		Detail: i18n.M("%d%% valid Danish postcodes", pct(share)),
	}}
}

// maskLeadingDigit keeps the first digit of a code: "8000" → "8•••".
func maskLeadingDigit(v string) string {
	d := digitsOf(v)
	if len(d) >= 3 && len(d) == len(strings.TrimSpace(v)) {
		return d[:1] + strings.Repeat(dot, len(d)-1)
	}
	return masked
}
