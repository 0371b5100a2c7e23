package classify

import (
	"math"

	"github.com/saglig/saglig/internal/i18n"
)

func init() {
	register(&Detector{
		Name:   DetectorAge,
		Doc:    "whole numbers 15-100 with an adult population's mean and spread",
		Kinds:  []Kind{KindText, KindInt, KindFloat},
		Mask:   func(string) string { return dot + dot },
		Detect: detectAge,
	})
}

// DetectorAge is the age detector's name.
const DetectorAge = "age"

// Numbers 15-100 with a mean of 25-70 are consistent with ages; only with
// an adult population's spread (sd 8-25, range 30+, 15+ distinct) do they
// say so on their own.
const (
	ageMin, ageMax         = 15, 100
	ageMinShare            = 0.98
	ageMinMean, ageMaxMean = 25, 70
	ageMinSD, ageMaxSD     = 8, 25
	ageMinRange            = 30
	ageMinDistinct         = 15
	ageSpreadWeight        = 0.6
	ageWeight              = 0.3
)

func detectAge(in *Input) []Evidence {
	s := in.Sample
	var ages []float64
	for i, v := range s.raw {
		n, isInt := intValue(v)
		if !isInt {
			return nil
		}
		if n >= ageMin && n <= ageMax {
			for k := 0; k < s.count[i]; k++ {
				ages = append(ages, float64(n))
			}
		}
	}
	share := s.Share(len(ages))
	if share < ageMinShare {
		return nil
	}
	mean, sd := meanSD(ages)
	if mean < ageMinMean || mean > ageMaxMean {
		return nil
	}
	lo, hi := ages[0], ages[0]
	for _, a := range ages {
		lo, hi = math.Min(lo, a), math.Max(hi, a)
	}
	ev := Evidence{Category: "age", Share: share, Strength: ageWeight * share,
		Detail: i18n.M("%d%% whole numbers 15-100, mean %.0f", pct(share), mean)}
	if sd >= ageMinSD && sd <= ageMaxSD && hi-lo >= ageMinRange && s.distinct >= ageMinDistinct {
		ev.Detail = i18n.M("%d%% whole numbers 15-100, mean %.0f, spread like adult ages", pct(share), mean)
		ev.Strength = ageSpreadWeight * share
	}
	return []Evidence{ev}
}
