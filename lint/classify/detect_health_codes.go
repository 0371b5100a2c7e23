package classify

import (
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/classify/refdata"
)

func init() {
	register(&Detector{
		Name:   DetectorHealthCodes,
		Doc:    "diagnosis and drug codes: ICD-10 (E11.9, I10; Danish SKS DE119) and ATC (A10BA02), by their published structure",
		Kinds:  []Kind{KindText},
		Mask:   maskHealthCode,
		Detect: detectHealthCodes,
	})
}

// DetectorHealthCodes is the ICD-10/ATC detector's name.
const DetectorHealthCodes = "health-codes"

// A letter and two digits (A10, B12) is also a seat, a bus line or a
// product code, so bare ICD-10 categories count only weakly; subdivided
// codes (E11.9, DE119) and ATC codes (A10BA02) are specific.
const (
	healthCodesMinCoverage   = 0.6
	healthCodesMinDistinct   = 5
	healthCodesWeight        = 0.85
	healthCodesBareWeight    = 0.4
	healthCodesMinSubdivided = 0.5
)

func detectHealthCodes(in *Input) []Evidence {
	s := in.Sample
	if s.keys().distinct < healthCodesMinDistinct {
		return nil
	}
	if ok, share, atc, done := vocabMatch(s, healthCodesMinCoverage, func(i int, _ string) (bool, bool) {
		return refdata.ATC(s.raw[i]), false
	}); done && atc.AtLeast(healthCodesMinCoverage, healthCodesMinDistinct) {
		return []Evidence{{Category: "health", Share: share, Strength: healthCodesWeight * atc.Share(), Matched: ok,
			Detail: i18n.M("%d%% of them ATC drug codes", pct(atc.Share()))}}
	}
	subdivided := 0
	ok, share, icd, done := vocabMatch(s, healthCodesMinCoverage, func(i int, _ string) (bool, bool) {
		if !refdata.ICD10(s.raw[i]) {
			return false, false
		}
		if refdata.ICD10Subdivided(s.raw[i]) {
			subdivided++
		}
		return true, false
	})
	if !done || !icd.AtLeast(healthCodesMinCoverage, healthCodesMinDistinct) {
		return nil
	}
	ev := Evidence{Category: "health", Share: share, Matched: ok}
	if float64(subdivided) >= healthCodesMinSubdivided*float64(icd.Matched) {
		ev.Strength = healthCodesWeight * icd.Share()
		ev.Detail = i18n.M("%d%% of them ICD-10 diagnosis codes", pct(icd.Share()))
	} else {
		ev.Strength = healthCodesBareWeight * icd.Share()
		ev.Detail = i18n.M("%d%% of them shaped like ICD-10 categories (letter and two digits)", pct(icd.Share()))
	}
	return []Evidence{ev}
}

// maskHealthCode keeps a code's first character, the chapter or main
// group (E•••, A••••••): a whole diagnosis code is health data about a
// person.
func maskHealthCode(v string) string {
	if refdata.ICD10(v) || refdata.ATC(v) {
		r := []rune(v)
		out := string(r[0])
		for range r[1:] {
			out += "•"
		}
		return out
	}
	return masked
}
