package classify

import (
	"strings"
	"testing"

	"github.com/saglig/saglig/featuremap"
)

func TestVocabularyCoversEveryCategory(t *testing.T) {
	v, err := parseVocabulary(namesYAML)
	if err != nil {
		t.Fatal(err)
	}
	langs := map[string]map[string]bool{}
	for _, es := range v.byToken {
		for _, e := range es {
			if langs[e.category] == nil {
				langs[e.category] = map[string]bool{}
			}
			langs[e.category][e.lang] = true
		}
	}
	for _, c := range featuremap.Categories {
		if c == "other" {
			continue
		}
		for _, l := range []string{"da", "en"} {
			if !langs[c][l] {
				t.Errorf("category %s has no %s entry", c, l)
			}
		}
	}
}

func TestParseVocabularyErrors(t *testing.T) {
	full := func(extra string) string {
		var b strings.Builder
		b.WriteString("categories:\n")
		for _, c := range featuremap.Categories {
			if c == "other" {
				continue
			}
			b.WriteString("  " + c + ":\n    - {term: w" + strings.ReplaceAll(c, "-", "") + ", lang: da, strength: 0.9}\n")
		}
		return b.String() + extra
	}
	tests := []struct{ name, yaml, want string }{
		{"not yaml", "categories: [", "did not find"},
		{"unknown field", "categories: {}\nfoo: 1\n", "field foo not found"},
		{"bad category", full("  gender:\n    - {term: g, lang: da, strength: 0.9}\n"), `category "gender" is not a contract category`},
		{"other has no vocabulary", full("  other:\n    - {term: misc, lang: da, strength: 0.9}\n"), `"other" is not`},
		{"missing category", "categories:\n  sex:\n    - {term: koen, lang: da, strength: 0.9}\n", "has no entries"},
		{"bad lang", strings.Replace(full(""), "lang: da", "lang: fr", 1), `unknown lang "fr"`},
		{"bad strength", strings.Replace(full(""), "strength: 0.9", "strength: 1.5", 1), "outside (0, 1]"},
		{"token with two words", strings.Replace(full(""), "term: wsex", "term: two words", 1), "use kind: phrase"},
		{"phrase of one word", strings.Replace(full(""), "term: wsex,", "term: one, kind: phrase,", 1), "at least two words"},
		{"unknown kind", strings.Replace(full(""), "term: wsex,", "term: x, kind: regex,", 1), `unknown kind "regex"`},
		{"unknown identifier", strings.Replace(full(""), "term: wsex,", "term: x, identifier: passport,", 1), `unknown identifier "passport"`},
		{"duplicate after folding", strings.Replace(full(""), "    - {term: wsex, lang: da, strength: 0.9}\n", "    - {term: køn, lang: da, strength: 0.9}\n    - {term: koen, lang: no, strength: 0.9}\n", 1), "listed twice"},
		{"two-word unless", strings.Replace(full(""), "term: wsex,", "term: x, unless: [a b],", 1), "must be one word"},
	}
	for _, tt := range tests {
		_, err := parseVocabulary([]byte(tt.yaml))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want it to contain %q", tt.name, err, tt.want)
		}
	}
	if _, err := parseVocabulary([]byte(full(""))); err != nil {
		t.Errorf("minimal vocabulary: %v", err)
	}
}

func TestClassifyName(t *testing.T) {
	tests := []struct {
		name, category, token, lang string
	}{
		{"koen", "sex", "kon", "da"},
		{"borger.køn", "sex", "kon", "da"},
		{"gndr", "sex", "gndr", "en"},
		{"kjønn", "sex", "kjonn", "no"},
		{"Geschlecht", "sex", "geschlecht", "de"},
		{"geslacht", "sex", "geslacht", "nl"},
		{"antal_adresseskift_5aar", "residence-moves", "adresseskift", "da"},
		{"antaladresseskift", "residence-moves", "adresseskift", "da"}, // compound
		{"bopælsskift", "residence-moves", "bopalsskift", "da"},
		{"husstandsindkomst", "income", "indkomst", "da"},    // right-headed compound
		{"bruttoindkomst", "income", "bruttoindkomst", "da"}, // listed itself
		{"nettoindkomst", "income", "indkomst", "da"},        // head only
		{"aldersgruppe", "age", "aldersgruppe", "da"},
		{"agegroup", "age", "age", "en"}, // short head with a solid partner
		{"fodselsaar", "age", "fodselsar", "da"},
		{"cpr_nr", "identifier", "cpr nr", "da"},
		{"CPRNummer", "identifier", "cpr nummer", "da"},
		{"first_name", "identifier", "first name", "en"},
		{"firstName", "identifier", "first name", "en"},
		{"firstname", "identifier", "firstname", "en"}, // a phrase written solid
		{"civil_stand", "marital-status", "civilstand", "da"},
		{"medlem_folkekirken", "religion", "folkekirke", "da"}, // definite form
		{"verkehrsverstoesse", "traffic-offence", "verkehrsverstoss", "de"},
		{"household_income", "income", "income", "en"}, // the later word wins a tie
		{"kommune_navn", "residential-area", "kommune", "da"},
		{"kommunenavn", "residential-area", "kommune", "da"},
		{"borger_navn", "identifier", "navn", "da"},
		{"date_of_birth", "age", "date of birth", "en"},
		{"page_views", "online-activity", "page views", "en"},
		{"loan_age_months", "debt", "loan", "en"},
		{"mortgage", "debt", "mortgage", "en"},        // not an age
		{"specimen_date", "health", "specimen", "en"}, // health-care administration (OMOP CDM)
		{"days_supply", "health", "days supply", "en"},
		{"paid_patient_copay", "health", "copay", "en"},
		{"drug_concept_id", "health", "drug", "en"},         // a concept id keys a code of the drug
		{"drug_exposure_id", "identifier", "drug id", "en"}, // the key of a record of a person's care
		{"specimen_id", "identifier", "specimen id", "en"},
		{"month_of_birth", "age", "month of birth", "en"},
	}
	for _, tt := range tests {
		ms, _ := ClassifyName(tt.name)
		if len(ms) == 0 {
			t.Errorf("ClassifyName(%q): no match, want %s", tt.name, tt.category)
			continue
		}
		m := ms[0]
		if m.Category != tt.category || m.Token != tt.token || m.Language != tt.lang {
			t.Errorf("ClassifyName(%q)[0] = %s %q (%s), want %s %q (%s)", tt.name, m.Category, m.Token, m.Language, tt.category, tt.token, tt.lang)
		}
		if m.Entry == "" || m.Strength <= 0 || m.Strength > 1 {
			t.Errorf("ClassifyName(%q)[0] = %+v: entry or strength missing", tt.name, m)
		}
	}
}

// TestClassifyNameTraps lists names that contain a vocabulary word by
// spelling but not by meaning.
func TestClassifyNameTraps(t *testing.T) {
	for _, name := range []string{
		"essex_branch", "sussex", "sexton", "race_time", "race_finish", "horse_race_result",
		"stage", "page", "usage", "average_score", "message_age_hours", "account_age_days",
		"kontor", "passage", "language_model_version", "programming_language",
		"gift_card_balance", "union_all", "european_union_funding", "public_holiday",
		"file_name", "filename", "product_name", "travel_time_minutes", "energy_consumption",
		"db_connections", "cron_job_status", "iris_dataset_petal", "fingerprint_hash",
		"antal_moder", "email_opens",
		"LopNr_PeOrgNr", "LopNr_ArbstId", "virksomhed_id", // keys of organisations
		"metadata_id", "vocabulary_id", "concept_name", "location_id", // keys and names of data-model things
		"unit_concept_id", "currency_concept_id", // a concept id keys a code, not a person
		"invalid_reason", "denominator_value", "total_charge", // invalid records, fractions and bills
		"email_incoming", "contacten_soort_e_mail__inkomend_", // mail sent or received: a channel, not an address
	} {
		if ms, _ := ClassifyName(name); len(ms) > 0 && ms[0].Strength >= MinConfidence && ms[0].Category != "online-activity" {
			t.Errorf("ClassifyName(%q) = %s via %q, want no category", name, ms[0].Category, ms[0].Token)
		}
	}
}

func TestMeasureWordsBlockIdentifiers(t *testing.T) {
	for _, name := range []string{"har_email", "email_verified", "antal_tlf", "has_phone"} {
		r := Classify(Column{Name: name}, testOpt)
		if r.Identifier != "" || r.Category != "" {
			t.Errorf("Classify(%q) = %s / identifier %q, want neither", name, r.Category, r.Identifier)
		}
	}
}

// TestQualifiedNamesWithoutTheirPhrases reads qualified names by general
// vocabulary alone: the vocabulary without what was learnt from the COMPAS
// data (its charge-degree phrase), and without the register names.
func TestQualifiedNamesWithoutTheirPhrases(t *testing.T) {
	raw, err := decodeVocabulary(namesYAML, registersYAML, abbreviationsYAML)
	if err != nil {
		t.Fatal(err)
	}
	raw = leaveOut(raw, "compas")
	raw.Registers = nil
	v, err := buildVocabulary(raw)
	if err != nil {
		t.Fatal(err)
	}
	opt := Options{vocab: v}
	for _, tt := range []struct{ name, want string }{
		{"c_charge_degree", "criminal-record"}, // a charge's degree (felony, misdemeanour), not a school degree
		{"r_charge_degree", "criminal-record"},
		{"degree_level", "education"},
		{"generation", ""}, // not gene·ratio through a Finnish stem
		{"health_insurance", ""},
		{"general_health", "health"},
	} {
		if r := Classify(Column{Name: tt.name}, opt); r.Category != tt.want {
			t.Errorf("Classify(%q) = %q (%s), want %q", tt.name, r.Category, r.Explanation, tt.want)
		}
	}
}

// TestSubjectKeys: a number of a data subject keys a person (patient_nbr,
// kundenr), a case or journal number a person's record; the state or
// check of a number is not the number (cpr_status, CPRTJEK).
func TestSubjectKeys(t *testing.T) {
	for _, tt := range []struct{ name, want string }{
		{"patient_nbr", "identifier"},
		{"kundenr", "identifier"},
		{"pasientnummer", "identifier"},
		{"client_no", "identifier"},
		{"sagsnr", "identifier"},
		{"journalnummer", "identifier"},
		{"case_id", "identifier"},
		{"patient", ""},
		{"number", ""},
		{"patient_nbr_visits", ""}, // another word: not a bare key
		{"cpr_status", ""},
		{"CPRTJEK", ""},
		{"email_status", ""},
	} {
		r := Classify(Column{Name: tt.name}, Options{})
		if r.Category != tt.want {
			t.Errorf("Classify(%q) = %q (%s), want %q", tt.name, r.Category, r.Explanation, tt.want)
		}
		if tt.want == "identifier" && r.Identifier != "" {
			t.Errorf("Classify(%q): direct identifier %q, want a key only", tt.name, r.Identifier)
		}
	}
}

// TestParentOrigin: a parent's country of birth or citizenship is the
// person's origin (ethnicity); the person's own is nationality.
func TestParentOrigin(t *testing.T) {
	for _, tt := range []struct{ name, want string }{
		{"mother_country_of_birth", "ethnicity"},
		{"father_citizenship", "ethnicity"},
		{"morsfødeland", "ethnicity"},
		{"fars_fodeland", "ethnicity"},
		{"vater_staatsangehoerigkeit", "ethnicity"},
		{"geboorteland_moeder", "ethnicity"},
		{"country_of_birth", "nationality"},
		{"farve_fodeland", "nationality"}, // farve (colour) is no parent
		{"statsborgerskab", "nationality"},
	} {
		if r := Classify(Column{Name: tt.name}, Options{}); r.Category != tt.want {
			t.Errorf("Classify(%q) = %q (%s), want %q", tt.name, r.Category, r.Explanation, tt.want)
		}
	}
}

// TestPathogenDNA: the DNA of a virus or bacterium found in a person is
// data concerning health, not the person's genetic data (GDPR art. 4(13):
// "inherited or acquired genetic characteristics of a natural person").
func TestPathogenDNA(t *testing.T) {
	for _, tt := range []struct{ name, want string }{
		{"hpv_dna", "health"},
		{"dna_sample", "genetic"},
		{"genome_sequence", "genetic"},
	} {
		if r := Classify(Column{Name: tt.name}, Options{}); r.Category != tt.want {
			t.Errorf("Classify(%q) = %q (%s), want %q", tt.name, r.Category, r.Explanation, tt.want)
		}
	}
}
