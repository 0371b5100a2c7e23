package classify

import (
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/classify/refdata"
)

func init() {
	register(&Detector{
		Name:   DetectorRaceEthnicity,
		Doc:    "race and ethnic-group categories of censuses and public data (US OMB, UK ONS 2021, the census income and COMPAS data): White, Black or African American, Caucasian, Hispanic, …",
		Kinds:  []Kind{KindText},
		Mask:   vocabMask(refdata.RaceEthnicity),
		Detect: raceEthnicity.detect,
	})
}

// DetectorRaceEthnicity is the race/ethnicity detector's name.
const DetectorRaceEthnicity = "race-ethnicity"

// Race categories are ethnicity (GDPR art. 9(1): "racial or ethnic
// origin"). Nearly every distinct value must be a category, and two must say
// something beyond "Other".
var raceEthnicity = categoryVocab{
	vocab:       refdata.RaceEthnicity,
	category:    "ethnicity",
	weight:      raceEthnicityWeight,
	minCoverage: raceEthnicityMinCoverage,
	minDistinct: raceEthnicityMinDistinct,
	minSpecific: raceEthnicityMinSpecific,
	what:        i18n.N("census race or ethnic-group categories"),
}

const (
	raceEthnicityWeight      = 0.9
	raceEthnicityMinCoverage = 0.8
	raceEthnicityMinDistinct = 3
	raceEthnicityMinSpecific = 2
)
