package classify

import (
	"strings"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/classify/refdata"
)

func init() {
	register(&Detector{
		Name:   DetectorOccupation,
		Doc:    "ISCO-08 occupation codes: four-digit unit groups (2221), or the six-digit Danish DISCO-08 codes that extend them (222110)",
		Kinds:  []Kind{KindText, KindInt},
		Mask:   maskOccupation,
		Detect: detectOccupation,
	})
}

// DetectorOccupation is the occupation-code detector's name.
const DetectorOccupation = "occupation-isco"

// ISCO-08 has 436 unit groups among the 9,000 four-digit numbers, and no
// code in 1900-2099, so years never match; a column of random four-digit
// numbers covers about 5%. Most distinct values must be codes.
const (
	occupationWeight      = 0.8
	occupationMinCoverage = 0.8
	occupationMinDistinct = 5
)

// iscoUnit returns the ISCO-08 unit group a value names: four digits, or
// six (DISCO-08) whose first four are a unit group.
func iscoUnit(v string) (string, bool) {
	v = strings.TrimSpace(v)
	if (len(v) != 4 && len(v) != 6) || !isDigits(v) {
		return "", false
	}
	if refdata.Get(refdata.ISCO08).Contains(v[:4]) {
		return v[:4], true
	}
	return "", false
}

func detectOccupation(in *Input) []Evidence {
	s := in.Sample
	if s.keys().distinct < occupationMinDistinct {
		return nil
	}
	ok, share, cov, done := vocabMatch(s, occupationMinCoverage, func(i int, _ string) (bool, bool) {
		_, found := iscoUnit(s.raw[i])
		return found, false
	})
	if !done || !cov.AtLeast(occupationMinCoverage, occupationMinDistinct) {
		return nil
	}
	return []Evidence{{Category: "employment-history", Share: share, Strength: occupationWeight * cov.Share(), Matched: ok,
		Detail: i18n.M("%d%% of them ISCO-08 occupation codes", pct(cov.Share()))}}
}

// maskOccupation keeps a code's major group (2•••): the whole code is a
// person's occupation.
func maskOccupation(v string) string {
	if unit, ok := iscoUnit(v); ok {
		return unit[:1] + strings.Repeat("•", len(strings.TrimSpace(v))-1)
	}
	return masked
}
