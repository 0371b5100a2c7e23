package classify

import "github.com/saglig/saglig/lint/classify/refdata"

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
	if atc := refdata.CoverageFunc(s.raw, refdata.ATC); atc.AtLeast(healthCodesMinCoverage, healthCodesMinDistinct) {
		ok, share := s.Match(func(_ int, raw, _ string) bool { return refdata.ATC(raw) })
		return []Evidence{{Category: "health", Share: share, Strength: healthCodesWeight * atc.Share(), Matched: ok,
			Detail: pct(atc.Share()) + " of them ATC drug codes"}}
	}
	ok, share, icd := vocabMatch(s, refdata.ICD10)
	if !icd.AtLeast(healthCodesMinCoverage, healthCodesMinDistinct) {
		return nil
	}
	sub := refdata.CoverageFunc(s.raw, refdata.ICD10Subdivided)
	ev := Evidence{Category: "health", Share: share, Matched: ok}
	if float64(sub.Matched) >= healthCodesMinSubdivided*float64(icd.Matched) {
		ev.Strength = healthCodesWeight * icd.Share()
		ev.Detail = pct(icd.Share()) + " of them ICD-10 diagnosis codes"
	} else {
		ev.Strength = healthCodesBareWeight * icd.Share()
		ev.Detail = pct(icd.Share()) + " of them shaped like ICD-10 categories (letter and two digits)"
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
