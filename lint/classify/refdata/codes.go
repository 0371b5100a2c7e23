package refdata

import (
	"regexp"
	"strings"
)

// Code checks for classifications whose lists cannot be shipped: WHO's
// ICD-10 and ATC titles are licensed restrictively, so these check the
// codes' published structure, not membership in the list.

var (
	// ICD-10 (WHO, 2019 edition; Volume 2, "Basic structure"): a category
	// is a letter and two characters (A00-Z99; the US clinical modification
	// ICD-10-CM also has a letter in third place, C4A), optionally followed
	// by a subdivision of one to four characters after a point (ICD-10-CM
	// uses up to four; WHO one or two). Registers often drop the point
	// (E119). The Danish health-care classification SKS writes diagnoses
	// as "D" + the ICD-10 code without the point (DE119, DI109).
	icd10Dotted = regexp.MustCompile(`^[A-Z][0-9][0-9A-Z]\.[0-9A-Z]{1,4}$`)
	icd10Plain  = regexp.MustCompile(`^[A-Z][0-9][0-9A-Z][0-9A-Z]{0,4}$`)
	icd10SKS    = regexp.MustCompile(`^D[A-Z][0-9][0-9A-Z][0-9A-Z]{0,4}$`)

	// ATC (WHO Collaborating Centre for Drug Statistics Methodology,
	// "Structure and principles"): five levels — an anatomical main group
	// (one of 14 letters), a therapeutic subgroup (two digits), a
	// pharmacological and a chemical subgroup (a letter each) and the
	// chemical substance (two digits): A10BA02. Codes of the first two
	// levels (A, A10) are indistinguishable from other codes (A10 is also an
	// ICD-10 category), so ATC needs at least the third level (A10B).
	atcCode = regexp.MustCompile(`^[ABCDGHJLMNPRSV][0-9]{2}[A-Z]([A-Z]([0-9]{2})?)?$`)
)

// ICD10 reports whether s is written like an ICD-10 diagnosis code
// (I10, E11.9, E119, S72.001A) or a Danish SKS diagnosis code (DE119). Case
// and surrounding space do not matter.
func ICD10(s string) bool {
	s = strings.ToUpper(strings.TrimSpace(s))
	return icd10Dotted.MatchString(s) || icd10Plain.MatchString(s) || icd10SKS.MatchString(s)
}

// ICD10Subdivided reports whether s is an ICD-10 or SKS code below the
// three-character category (E11.9, E119, DE119): such codes are far less
// often something else than a bare letter and two digits.
func ICD10Subdivided(s string) bool {
	s = strings.ToUpper(strings.TrimSpace(s))
	switch {
	case icd10Dotted.MatchString(s):
		return true
	case icd10SKS.MatchString(s) && len(s) >= 5:
		return true
	case icd10Plain.MatchString(s):
		return len(s) >= 4
	}
	return false
}

// ATC reports whether s is an ATC code of the third to fifth level (A10B,
// A10BA, A10BA02). Case and surrounding space do not matter.
func ATC(s string) bool {
	return atcCode.MatchString(strings.ToUpper(strings.TrimSpace(s)))
}
