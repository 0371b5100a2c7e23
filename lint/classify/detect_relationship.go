package classify

import (
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/classify/refdata"
)

func init() {
	register(&Detector{
		Name:   DetectorRelationship,
		Doc:    "relationship-to-household categories of the census income data: Husband, Wife, Own-child, Not-in-family, …",
		Kinds:  []Kind{KindText},
		Mask:   vocabMask(refdata.Relationship),
		Detect: relationship.detect,
	})
}

// DetectorRelationship is the household-relationship detector's name.
const DetectorRelationship = "relationship"

// A person's relationship to the household's reference person describes
// the household (Husband, Own-child, Not-in-family).
var relationship = categoryVocab{
	vocab:       refdata.Relationship,
	category:    "household",
	weight:      relationshipWeight,
	minCoverage: relationshipMinCoverage,
	minDistinct: relationshipMinDistinct,
	minSpecific: relationshipMinSpecific,
	what:        i18n.N("relationship-to-household categories"),
}

const (
	relationshipWeight      = 0.85
	relationshipMinCoverage = 0.8
	relationshipMinDistinct = 3
	relationshipMinSpecific = 3
)
