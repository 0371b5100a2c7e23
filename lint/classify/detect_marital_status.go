package classify

import (
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/classify/refdata"
)

func init() {
	register(&Detector{
		Name:   DetectorMaritalStatus,
		Doc:    "marital-status categories of the census income data: Never-married, Married-civ-spouse, Divorced, Widowed, …",
		Kinds:  []Kind{KindText},
		Mask:   vocabMask(refdata.MaritalStatus),
		Detect: maritalStatus.detect,
	})
}

// DetectorMaritalStatus is the marital-status detector's name.
const DetectorMaritalStatus = "marital-status"

var maritalStatus = categoryVocab{
	vocab:       refdata.MaritalStatus,
	category:    "marital-status",
	weight:      maritalStatusWeight,
	minCoverage: maritalStatusMinCoverage,
	minDistinct: maritalStatusMinDistinct,
	minSpecific: maritalStatusMinSpecific,
	what:        i18n.N("marital-status categories"),
}

const (
	maritalStatusWeight      = 0.85
	maritalStatusMinCoverage = 0.8
	maritalStatusMinDistinct = 3
	maritalStatusMinSpecific = 3
)
