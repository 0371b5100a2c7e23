package refdata

import (
	"strings"
	"testing"

	"github.com/saglig/saglig/lint/classify/textfold"
)

func TestEveryVocabularyLoads(t *testing.T) {
	min := map[Name]int{
		FirstNames: 20000, Surnames: 2000, Countries: 700, CountryCodes: 700,
		Nationalities: 800, RaceEthnicity: 30, MaritalStatus: 15, Relationship: 12, ISCO08: 430,
	}
	for _, n := range All() {
		v, err := load(n)
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		if v.Len() < min[n] {
			t.Errorf("%s: %d entries, want at least %d", n, v.Len(), min[n])
		}
	}
	if _, err := load("no-such"); err == nil {
		t.Error("load of an unknown vocabulary succeeded")
	}
}

func TestLookup(t *testing.T) {
	tests := []struct {
		vocab     Name
		value     string
		want      bool
		wantValue string
		wantTag   string
	}{
		// Robust to case, hyphens, underscores, white space and spelling.
		{RaceEthnicity, "African-American", true, "", "compas"},
		{RaceEthnicity, "african american", true, "", "compas"},
		{RaceEthnicity, "AFRICAN_AMERICAN", true, "", "compas"},
		{RaceEthnicity, "  Caucasian ", true, "", "compas"},
		{RaceEthnicity, "Black or African American", true, "", "omb-1997"},
		{RaceEthnicity, "Gypsy or Irish Traveller", true, "", "ons-2021"},
		{RaceEthnicity, "Other", true, "", "generic"},
		{RaceEthnicity, "Caucasus", false, "", ""},
		{Relationship, "Own-child", true, "", "uci-adult"},
		{Relationship, "not_in_family", true, "", "uci-adult"},
		{MaritalStatus, "Never-married", true, "", "uci-adult"},
		{MaritalStatus, "Enke eller enkemann", true, "", "no-freg"},
		{MaritalStatus, "registrert_partner", true, "", "no-freg"},
		{MaritalStatus, "uoppgitt", true, "", "generic"},
		{Relationship, "Ektefelle eller partner", true, "", "no-freg"},
		{ISCO08, "2221", true, "", "major2"},
		{ISCO08, "1111", true, "", "major1"},
		{ISCO08, "2000", false, "", ""},
		{ISCO08, "1999", false, "", ""},
		{Countries, "United-States", true, "US", "uci-adult"},
		{Countries, "Danmark", true, "DK", "da"},
		{Countries, "Dänemark", true, "DK", "de"},
		{Countries, "Daenemark", true, "DK", "de"},
		{Countries, "Duitsland", true, "DE", "nl"},
		{Countries, "Tyskland", true, "DE", "sv"},
		{Countries, "Mexico", true, "MX", "en"},
		{Countries, "Atlantis", false, "", ""},
		{CountryCodes, "DNK", true, "DK", "alpha3"},
		{CountryCodes, "dk", true, "DK", "alpha2"},
		{CountryCodes, "208", true, "DK", "numeric"},
		{Nationalities, "Norwegian", true, "NO", "en"},
		{Nationalities, "Dänisch", true, "DK", "de"},
		{FirstNames, "Søren", true, "", "dk"},
		{FirstNames, "SOEREN", true, "", "dk"},
		{FirstNames, "Anne Marie", true, "", "dk"},
		{FirstNames, "Ingrid", true, "", "se"},
		{FirstNames, "Jennifer", true, "", "us"},
		{FirstNames, "Mohammed", true, "", "de"},
		{FirstNames, "Xqzv", false, "", ""},
		{Surnames, "Nielsen", true, "", "dk"},
		{Surnames, "Andersson", true, "", "se"},
		{Surnames, "de Vries", true, "", "nl"},
		{Surnames, "Rodriguez", true, "", "us"},
	}
	for _, tt := range tests {
		e, ok := Get(tt.vocab).Lookup(tt.value)
		if ok != tt.want {
			t.Errorf("%s.Lookup(%q) found %v, want %v", tt.vocab, tt.value, ok, tt.want)
			continue
		}
		if !ok {
			continue
		}
		if e.Value != tt.wantValue {
			t.Errorf("%s.Lookup(%q).Value = %q, want %q", tt.vocab, tt.value, e.Value, tt.wantValue)
		}
		if !e.HasTag(tt.wantTag) {
			t.Errorf("%s.Lookup(%q).Tags = %q, want tag %q", tt.vocab, tt.value, e.Tags, tt.wantTag)
		}
		if Get(tt.vocab).Contains(tt.value) != ok {
			t.Errorf("%s.Contains(%q) disagrees with Lookup", tt.vocab, tt.value)
		}
	}
}

func TestCoverage(t *testing.T) {
	tests := []struct {
		name      string
		vocab     Name
		values    []string
		want      Coverage
		atLeast60 bool
	}{
		{"compas race values", RaceEthnicity,
			[]string{"African-American", "Caucasian", "Hispanic", "Other", "Asian", "Native American", "Caucasian", "caucasian"},
			Coverage{Distinct: 6, Matched: 6, Generic: 1}, true},
		{"one lucky hit is not coverage", RaceEthnicity,
			[]string{"White", "red", "green", "blue", "yellow", "purple"},
			Coverage{Distinct: 6, Matched: 1}, false},
		{"too few distinct values", Relationship,
			[]string{"Husband", "Wife", "Husband", "Wife"},
			Coverage{Distinct: 2, Matched: 2}, false},
		{"empty values are not counted", Relationship,
			[]string{"", " ", "Husband", "Wife", "Own-child", "Unmarried", "Not-in-family"},
			Coverage{Distinct: 5, Matched: 5}, true},
		{"first names", FirstNames,
			[]string{"Anne", "Peter", "Jens", "Mette", "Lars", "Kirsten", "Zyxwv"},
			Coverage{Distinct: 7, Matched: 6}, true},
		{"product words are not names", FirstNames,
			[]string{"table", "chair", "lamp", "sofa", "shelf", "desk"},
			Coverage{Distinct: 6}, false},
		{"nothing", Countries, nil, Coverage{}, false},
	}
	for _, tt := range tests {
		got := Get(tt.vocab).Coverage(tt.values)
		if got.Distinct != tt.want.Distinct || got.Matched < tt.want.Matched || got.Generic != tt.want.Generic {
			t.Errorf("%s: Coverage = %+v, want %+v", tt.name, got, tt.want)
		}
		if got.AtLeast(0.6, 5) != tt.atLeast60 {
			t.Errorf("%s: AtLeast(0.6, 5) = %v (share %.2f), want %v", tt.name, got.AtLeast(0.6, 5), got.Share(), tt.atLeast60)
		}
	}
	if s := (Coverage{}).Share(); s != 0 {
		t.Errorf("empty coverage share = %v", s)
	}
	if c := (Coverage{Distinct: 4, Matched: 3, Generic: 1}); c.Specific() != 2 {
		t.Errorf("Specific = %d", c.Specific())
	}
}

func TestCodes(t *testing.T) {
	tests := []struct {
		s                string
		icd, icdSub, atc bool
	}{
		{"I10", true, false, false},
		{"E11.9", true, true, false},
		{"e119", true, true, false},
		{"S72.001A", true, true, false},
		{"C4A.0", true, true, false},
		{"DE119", true, true, false},
		{"DI10", true, false, false},
		{"A10BA02", true, true, true},
		{"N06AB06", true, true, true},
		{"A10B", true, true, true},
		{"A10", true, false, false},
		{"E10BA02", true, true, false}, // E is no ATC main group
		{"10.5", false, false, false},
		{"ABC", false, false, false},
		{"I-10", false, false, false},
		{"", false, false, false},
		{"1234", false, false, false},
	}
	for _, tt := range tests {
		if got := ICD10(tt.s); got != tt.icd {
			t.Errorf("ICD10(%q) = %v, want %v", tt.s, got, tt.icd)
		}
		if got := ICD10Subdivided(tt.s); got != tt.icdSub {
			t.Errorf("ICD10Subdivided(%q) = %v, want %v", tt.s, got, tt.icdSub)
		}
		if got := ATC(tt.s); got != tt.atc {
			t.Errorf("ATC(%q) = %v, want %v", tt.s, got, tt.atc)
		}
	}
	c := CoverageFunc([]string{"E11.9", "I10", "J45.9", "e11.9", "hello", ""}, ICD10)
	if c.Distinct != 4 || c.Matched != 3 {
		t.Errorf("CoverageFunc = %+v", c)
	}
}

// The generated files say where they come from.
func TestDataFilesNameTheirSources(t *testing.T) {
	for _, n := range All() {
		b := files[n]
		if !strings.Contains(b, "Generated by lint/classify/refdata/gen") || !strings.Contains(b, "SOURCES.md") {
			t.Errorf("%s.tsv does not name its generator and sources", n)
		}
	}
}

func TestEntryHasTag(t *testing.T) {
	e := Entry{Tags: "dk,se,us"}
	for tag, want := range map[string]bool{"dk": true, "se": true, "us": true, "d": false, "dk,se": false, "": false} {
		if e.HasTag(tag) != want {
			t.Errorf("HasTag(%q) = %v", tag, !want)
		}
	}
}

// Every key is the textfold.Key of its term, so what the generator wrote
// is what Lookup computes.
func TestKeysAreKeysOfTerms(t *testing.T) {
	for _, n := range All() {
		v := Get(n)
		for i, k := range v.keys {
			if term := v.entry(i).Term; textfold.Key(term) != k {
				t.Errorf("%s: key %q for term %q, want %q", n, k, term, textfold.Key(term))
			}
		}
	}
}
