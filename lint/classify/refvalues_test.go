package classify

import (
	"strconv"
	"strings"
	"testing"
)

// The detectors built on package refdata, each with columns it must
// recognise and near misses it must not, all under the opaque name "a1":
// the values alone decide.
func TestReferenceDetectors(t *testing.T) {
	tests := []struct {
		name       string
		typ        string
		sample     []string
		detector   string // "" = no category
		category   string
		identifier string
	}{
		// Person names (national name statistics).
		{"Danish first names", "string", rep(40, "Anne", "Peter", "Mette", "Søren", "Kirsten", "Lars", "Freja", "Jens"), DetectorPersonName, "identifier", IdentName},
		{"US first names in capitals", "string", rep(40, "MIGUEL", "JENNIFER", "KEVIN", "ASHLEY", "BRANDON", "LATOYA", "TIFFANY"), DetectorPersonName, "identifier", IdentName},
		{"Swedish and German first names", "string", rep(40, "Björn", "Ingrid", "Agneta", "Jürgen", "Ursula", "Klaus"), DetectorPersonName, "identifier", IdentName},
		{"full names", "string", rep(40, "Anne Hansen", "Bo Jensen", "Ida Larsen", "Peter Holm", "Mette Nielsen"), DetectorPersonName, "identifier", IdentName},
		{"colours are not names, though some are surnames", "string", rep(40, "Brown", "Green", "White", "Black", "Gray"), "", "", ""},
		{"fruit is not names", "string", rep(40, "apple", "pear", "plum", "cherry", "banana", "kiwi"), "", "", ""},
		{"four distinct names are too few", "string", rep(40, "Anne", "Peter", "Mette", "Søren"), "", "", ""},
		// Race and ethnicity.
		{"COMPAS race", "string", rep(40, "African-American", "Caucasian", "Hispanic", "Other", "Asian", "Native American"), DetectorRaceEthnicity, "ethnicity", ""},
		{"census income race", "string", rep(40, "White", "Black", "Asian-Pac-Islander", "Amer-Indian-Eskimo", "Other"), DetectorRaceEthnicity, "ethnicity", ""},
		{"OMB categories, lower case with underscores", "string", rep(40, "white", "black_or_african_american", "asian", "american_indian_or_alaska_native"), DetectorRaceEthnicity, "ethnicity", ""},
		{"colours with White and Black are not race", "string", rep(40, "White", "Black", "Red", "Blue", "Green"), "", "", ""},
		{"Other and Unknown alone are not race", "string", rep(40, "Other", "Unknown", "Asian", "n/a", "none"), "", "", ""},
		// Household and marital status.
		{"census relationship", "string", rep(40, "Husband", "Wife", "Own-child", "Unmarried", "Not-in-family", "Other-relative"), DetectorRelationship, "household", ""},
		{"husband and wife among other words", "string", rep(40, "Husband", "Wife", "Manager", "Clerk", "Driver"), "", "", ""},
		{"census marital status", "string", rep(40, "Never-married", "Married-civ-spouse", "Divorced", "Separated", "Widowed"), DetectorMaritalStatus, "marital-status", ""},
		{"Norwegian register marital status", "string", rep(40, "ugift", "gift", "skilt", "enke eller enkemann", "separert", "uoppgitt"), DetectorMaritalStatus, "marital-status", ""},
		{"Norwegian register family relations", "string", rep(40, "mor", "far", "barn", "ektefelle_eller_partner", "soesken"), DetectorRelationship, "household", ""},
		// Occupation codes.
		{"ISCO-08 unit groups", "int64", rep(40, "2221", "5223", "9112", "8322", "2411", "3313", "7115"), DetectorOccupation, "employment-history", ""},
		{"DISCO-08 codes", "string", rep(40, "222110", "522310", "911210", "832200", "241100"), DetectorOccupation, "employment-history", ""},
		{"years are not occupations", "int64", seq(40, func(i int) string { return strconv.Itoa(1990 + i) }), "", "", ""},
		{"counts are not occupations", "int64", seq(40, func(i int) string { return strconv.Itoa(1000 + 37*i) }), "", "", ""},
		// Health codes.
		{"ICD-10 codes", "string", rep(40, "E11.9", "I10", "J45.9", "F32.1", "C50.9", "M54.5"), DetectorHealthCodes, "health", ""},
		{"SKS diagnosis codes", "string", rep(40, "DE119", "DI109", "DF321", "DJ459", "DC509"), DetectorHealthCodes, "health", ""},
		{"ATC codes", "string", rep(40, "A10BA02", "N06AB06", "C09AA05", "R03AC02", "J01CA04"), DetectorHealthCodes, "health", ""},
		{"seat numbers are not diagnoses", "string", rep(40, "A12", "B07", "C33", "D45", "E51", "F02"), "", "", ""},
		{"order numbers are not diagnoses", "string", rep(40, "X-1001", "X-1002", "Y-2001", "Z-3001", "Q-4001"), "", "", ""},
		// Countries in six languages.
		{"census native country", "string", rep(40, "United-States", "Mexico", "Philippines", "Germany", "Canada", "India"), DetectorCountry, "nationality", ""},
		{"Danish country names", "string", rep(40, "Danmark", "Tyrkiet", "Polen", "Syrien", "Irak", "Tyskland"), DetectorCountry, "nationality", ""},
		{"Dutch country names", "string", rep(40, "Nederland", "Marokko", "Turkije", "Suriname", "Duitsland"), DetectorCountry, "nationality", ""},
		{"German nationality words", "string", rep(40, "deutsch", "türkisch", "polnisch", "syrisch", "italienisch"), DetectorCountry, "nationality", ""},
		{"yes and no are not Norway", "string", rep(40, "yes", "no", "no", "yes"), "", "", ""},
	}
	for _, tt := range tests {
		r := Classify(Column{Name: "a1", Type: tt.typ, Kind: testKind(tt.typ), Sample: tt.sample}, testOpt)
		gotDet := ""
		if r.Category != "" && len(r.Values) > 0 {
			gotDet = r.Values[0].Detector
		}
		if gotDet != tt.detector || r.Category != tt.category || r.Identifier != tt.identifier {
			t.Errorf("%s: detector %q category %q identifier %q, want %q %q %q (%s)",
				tt.name, gotDet, r.Category, r.Identifier, tt.detector, tt.category, tt.identifier, r.Explanation)
		}
		// No raw value in the explanation or the examples of a vocabulary
		// detector that names people.
		if tt.identifier != "" {
			for _, v := range tt.sample {
				if strings.Contains(r.Explanation.String(), v) {
					t.Errorf("%s: explanation holds the raw value %q", tt.name, v)
				}
				for _, m := range r.Values {
					for _, ex := range m.Examples {
						if ex == v {
							t.Errorf("%s: example %q is the raw value", tt.name, ex)
						}
					}
				}
			}
		}
	}
}

// Vocabulary detectors show the vocabulary's entry, never the raw text.
func TestReferenceMasks(t *testing.T) {
	tests := []struct{ detector, in, want string }{
		{DetectorRaceEthnicity, "african_american", "African-American"},
		{DetectorRelationship, "own child", "Own-child"},
		{DetectorMaritalStatus, "NEVER-MARRIED", "Never-married"},
		{DetectorCountry, "Tyskland", "DE"},
		{DetectorCountry, "deu", "DE"},
		{DetectorCountry, "Atlantis", masked},
		{DetectorHealthCodes, "E11.9", "E••••"},
		{DetectorHealthCodes, "hello", masked},
		{DetectorRaceEthnicity, "Martian", masked},
		{DetectorOccupation, "2221", "2•••"},
		{DetectorOccupation, "222110", "2•••••"},
		{DetectorOccupation, "2000", masked},
	}
	for _, tt := range tests {
		if got := Mask(tt.detector, tt.in); got != tt.want {
			t.Errorf("Mask(%s, %q) = %q, want %q", tt.detector, tt.in, got, tt.want)
		}
	}
}
