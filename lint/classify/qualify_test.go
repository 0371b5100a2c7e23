package classify

import (
	"strings"
	"testing"
)

// TestQualifiedNames: the rest of a name says whose or which
// characteristic a word names (qualify.go).
func TestQualifiedNames(t *testing.T) {
	for _, tt := range []struct {
		name, category, says string
	}{
		{"mother_country_of_birth", "ethnicity", "of a parent"},
		{"morsfødeland", "ethnicity", "of a parent"},
		// The parent appended to a solid name (CBS's GBAGEBOORTELANDMOEDER).
		{"geboortelandmoeder", "ethnicity", "of a parent"},
		{"fødelandmor", "ethnicity", "of a parent"},
		{"alder_yngste_barn", "household", "of a child"},
		{"kind_leeftijd", "household", "of a child"},
		{"age_of_youngest_child", "household", "of a child"},
		{"kinderalter", "household", "of a child"},
		{"antal_adresser", "residence-moves", "counted or timed"},
		{"adres_dagen_op_adres", "residence-moves", "counted or timed"},
		{"num_addresses", "residence-moves", "counted or timed"},
		{"aantal_verschillende_wijken", "residence-moves", "distinct ones counted"},
		{"arbetsställe_kommun", "employment-history", ""},
		{"employer_municipality", "employment-history", ""},
		{"skole_kommune", "education", ""},
		// The topic of a political question (politicalTopics).
		{"govtHandleLevelCrime", "political-opinion", "the topic of a political question"},
		{"responsibleDebtConservatives", "political-opinion", "the topic of a political question"},
		{"gayEquality", "political-opinion", "the topic of a political question"},
		{"voting_municipality", "residential-area", ""}, // an area stays one
		{"government_pension", "income", ""},            // a government pays pensions and employs
		{"government_worker", "employment-history", ""},
		// The district a person votes in is an area (votingArea).
		{"voting_district", "residential-area", ""},
		{"votingDistrict", "residential-area", ""},
		{"election_district", "residential-area", ""},
		// Being contacted by a party is an event, not contact details
		// (contactEvent); an e-mail or phone beside a party stays one.
		{"partyContactCon", "", ""},
		{"party_contact", "", ""},
		{"campaign_contact", "", ""},
		{"organisation_contact", "", ""},
		{"party_email", "contact", ""},
		{"emergency_contact", "contact", ""},
		// Unqualified: the word's own category.
		{"alder", "age", ""},
		{"fødeland", "nationality", ""},
		{"adresse", "contact", ""},
		{"contact", "contact", ""},
		{"voting", "political-opinion", ""},
		{"emailadresse", "contact", ""},
		{"kommune", "residential-area", ""},
		{"antal_kommuner", "residential-area", ""},
		{"antal_born", "household", ""},
		{"crime", "criminal-record", ""},
		{"gay", "sexual-orientation", ""},
	} {
		r := Classify(Column{Name: tt.name}, Options{})
		if r.Category != tt.category {
			t.Errorf("Classify(%q) = %q (%s), want %s", tt.name, r.Category, r.Explanation, tt.category)
			continue
		}
		if got := r.Explanation.String(); tt.says != "" && !strings.Contains(got, tt.says) {
			t.Errorf("Classify(%q): explanation %q does not say %q", tt.name, got, tt.says)
		}
	}
}
