package classify

func init() {
	register(&Detector{
		Name:  DetectorCountry,
		Doc:   "ISO 3166 alpha-2 and alpha-3 country codes, English and Danish country names, Danish and English nationality words",
		Kinds: []Kind{KindText},
		Mask: func(v string) string {
			if c, ok := values().countryCode(v); ok {
				return c
			}
			return masked
		},
		Detect: detectCountry,
	})
}

// DetectorCountry is the country detector's name.
const DetectorCountry = "country"

// Two-letter codes collide with other codes more often than names do.
const (
	countryWeight       = 0.9
	countryAlpha2Weight = 0.8
	countryMinShare     = 0.8
	// countryMinDistinct keeps a yes/no column with NO out of Norway.
	countryMinDistinct = 2
)

func detectCountry(in *Input) []Evidence {
	s := in.Sample
	d := values()
	alpha2, other := 0, 0
	ok, share := s.Match(func(i int, v, f string) bool {
		if _, m := d.countries[f]; m {
			if len(v) == 2 {
				alpha2 += s.count[i]
			} else {
				other += s.count[i]
			}
			return true
		}
		if d.nationality[f] {
			other += s.count[i]
			return true
		}
		return false
	})
	if share < countryMinShare || s.distinct < countryMinDistinct {
		return nil
	}
	ev := Evidence{Category: "nationality", Share: share, Matched: ok,
		Detail: pct(share) + " country names, codes or nationality words", Strength: countryWeight * share}
	if alpha2 > other {
		ev.Detail, ev.Strength = pct(share)+" ISO 3166 country codes", countryAlpha2Weight*share
	}
	return []Evidence{ev}
}
