package refdata

import "github.com/saglig/saglig/lint/classify/textfold"

// Coverage says how much of a column's sampled values a vocabulary (or a
// code check) recognises. It counts distinct values, compared by
// textfold.Key: "Anne" and "ANNE" are one value, and a value repeated a
// thousand times counts once. It holds no value, only counts.
type Coverage struct {
	// Distinct is the number of distinct non-empty values examined.
	Distinct int
	// Matched is how many of them were recognised.
	Matched int
	// Generic is how many of the recognised ones are generic entries
	// ("Other"), which alone say nothing of the category.
	Generic int
}

// Share is Matched / Distinct (0 when nothing was examined).
func (c Coverage) Share() float64 {
	if c.Distinct == 0 {
		return 0
	}
	return float64(c.Matched) / float64(c.Distinct)
}

// Specific is the number of recognised values that are not generic.
func (c Coverage) Specific() int { return c.Matched - c.Generic }

// AtLeast reports whether at least share of at least minDistinct distinct
// values were recognised: AtLeast(0.6, 5) needs 5 or more distinct values,
// 60% or more of them recognised.
func (c Coverage) AtLeast(share float64, minDistinct int) bool {
	return c.Distinct >= minDistinct && c.Distinct > 0 && c.Share() >= share
}

// Coverage measures how many of the distinct values the vocabulary knows.
func (v *Vocab) Coverage(values []string) Coverage {
	return coverage(values, func(_, k string) (bool, bool) {
		i, ok := v.find(k)
		return ok, ok && v.entry(i).Generic()
	})
}

// CoverageFunc measures how many distinct values match a check, such as
// ICD10 or ATC.
func CoverageFunc(values []string, match func(string) bool) Coverage {
	return coverage(values, func(s, _ string) (bool, bool) { return match(s), false })
}

// coverage counts distinct values by key and asks match, given a value and
// its key, whether it matched and whether the match is generic.
func coverage(values []string, match func(s, key string) (matched, generic bool)) Coverage {
	var c Coverage
	seen := make(map[string]bool, len(values))
	for _, s := range values {
		k := textfold.Key(s)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		c.Distinct++
		if m, g := match(s, k); m {
			c.Matched++
			if g {
				c.Generic++
			}
		}
	}
	return c
}
