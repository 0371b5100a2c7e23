package classify

import (
	"path/filepath"
	"strings"
	"testing"
)

// tuneTable returns the columns of one table of a tune dataset of the
// evaluation corpus (testdata/eval/tune; all of the dataset when table is
// ""), as the classifier sees them: public names, and values where the
// source publishes them.
func tuneTable(t *testing.T, dataset, table string) []Column {
	t.Helper()
	d, err := loadEvalFile(filepath.Join("testdata", "eval", "tune", dataset+".yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var out []Column
	for _, c := range d.Columns {
		if table == "" || c.Table == table {
			out = append(out, c.column(d))
		}
	}
	if len(out) == 0 {
		t.Fatalf("%s has no table %q", dataset, table)
	}
	return out
}

// names makes columns of bare names, as a schema-only run sees them.
func names(ns ...string) []Column {
	out := make([]Column, len(ns))
	for i, n := range ns {
		out[i] = Column{Name: n, Type: "string", Kind: KindText}
	}
	return out
}

func TestClassifyTable(t *testing.T) {
	type want struct {
		category string // "" for none
		context  bool   // given by the table's context
		explains string // a part of the explanation
	}
	cases := []struct {
		name  string
		cols  func(t *testing.T) []Column
		wants map[string]want
	}{
		{
			// UCI Diabetes 130-US hospitals: one row per hospital
			// encounter, 32 of its 50 columns confidently health. The
			// HbA1c result, the body weight and the change of medication
			// are attributes of the encounter.
			name: "diabetes-130: every attribute of a record that is mostly health",
			cols: func(t *testing.T) []Column { return tuneTable(t, "diabetes-130", "") },
			wants: map[string]want{
				"A1Cresult":    {"health", true, "an attribute of a record of health care: 32 of 50 columns are health data"},
				"weight":       {"health", true, "of 50 columns are health data"},
				"change":       {"health", true, ""},
				"diag_1":       {"health", false, ""},
				"gender":       {"sex", false, ""},
				"encounter_id": {"identifier", false, ""},
			},
		},
		{
			// OMOP CDM's drug_exposure table: what was dispensed, how
			// much, by which route, under which lot number.
			name: "omop-cdm drug_exposure",
			cols: func(t *testing.T) []Column { return tuneTable(t, "omop-cdm", "drug_exposure") },
			wants: map[string]want{
				"quantity":         {"health", true, "of 18 columns are health data"},
				"route_concept_id": {"health", true, ""},
				"lot_number":       {"health", true, ""},
				"drug_exposure_id": {"identifier", false, ""},
				"drug_concept_id":  {"health", false, ""},
			},
		},
		{
			// Names of OMOP CDM fields in one extract: 4 of 12 columns are
			// health, a third; the columns of the episode of care are
			// health, the others keep what they are.
			name: "omop-cdm fields in one extract: the episode's words",
			cols: func(*testing.T) []Column {
				return names("person_id", "gender_concept_id", "year_of_birth", "visit_start_date",
					"admitted_from_source_value", "discharged_to_source_value", "drug_concept_id",
					"days_supply", "procedure_concept_id", "unit_source_value", "provider_id", "location_id")
			},
			wants: map[string]want{
				"visit_start_date":           {"health", true, `part of a record of health care: 4 of 12 columns are health data; name: "visit" (English)`},
				"admitted_from_source_value": {"health", true, `name: "admitted" (English)`},
				"discharged_to_source_value": {"health", false, ""},
				"unit_source_value":          {"", false, ""},
				"provider_id":                {"", false, ""},
				"location_id":                {"", false, ""},
				"person_id":                  {"identifier", false, ""},
				"year_of_birth":              {"age", false, ""},
			},
		},
		{
			// Danish hospital-contact names: compounds written solid.
			name: "Danish contact: compounds and inflections",
			cols: func(*testing.T) []Column {
				return names("cpr", "aktionsdiagnose", "bidiagnose", "atc", "kontaktstartdato",
					"besøgsdato", "afdeling", "ventetid_dage", "kontakt_leverancedato", "region")
			},
			wants: map[string]want{
				"kontaktstartdato":      {"health", true, `3 of 10 columns are health data; name: "kontakt" (Danish)`},
				"besøgsdato":            {"health", true, `name: "besog" (Danish)`},
				"afdeling":              {"health", true, ""},
				"ventetid_dage":         {"health", true, ""},
				"kontakt_leverancedato": {"", false, ""}, // a delivery date is technical metadata
			},
		},
		{
			// A job centre's table with one diagnosis column is no record
			// of health care: its contacts, dates and departments stay
			// what they are.
			name: "job centre with one diagnosis: no context",
			cols: func(*testing.T) []Column {
				return names("borger_id", "diagnose", "kontaktdato", "kontakt_type", "afdeling", "sagsbehandler",
					"ledighedsdato", "besøgsdato")
			},
			wants: map[string]want{
				"diagnose":     {"health", false, ""},
				"kontaktdato":  {"", false, ""},
				"kontakt_type": {"", false, ""},
				"afdeling":     {"", false, ""},
				"besøgsdato":   {"", false, ""},
			},
		},
		{
			// Three health columns among thirty (10 %, below min_share):
			// a welfare table that mentions health is no care record.
			name: "welfare table with a few health columns: no context",
			cols: func(*testing.T) []Column {
				cols := names("diagnose", "medicin", "sygedagpenge", "kontaktdato", "afdeling")
				for i := range 25 {
					cols = append(cols, Column{Name: "ydelse_" + string(rune('a'+i)), Type: "string", Kind: KindText})
				}
				return cols
			},
			wants: map[string]want{
				"kontaktdato": {"", false, ""},
				"afdeling":    {"", false, ""},
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cols := tc.cols(t)
			res := ClassifyTable(cols, evalOptions)
			if len(res) != len(cols) {
				t.Fatalf("%d results for %d columns", len(res), len(cols))
			}
			seen := 0
			for i, c := range cols {
				w, ok := tc.wants[c.Name]
				if !ok {
					continue
				}
				seen++
				r := res[i]
				if r.Category != w.category || (r.Context != "") != w.context {
					t.Errorf("%s: got %q (context %q), want %q (context %v): %s", c.Name, r.Category, r.Context, w.category, w.context, r.Explanation)
				}
				if w.explains != "" && !strings.Contains(r.Explanation.String(), w.explains) {
					t.Errorf("%s: explanation %q does not say %q", c.Name, r.Explanation, w.explains)
				}
				if w.context && r.Confidence >= StrongConfidence {
					t.Errorf("%s: a context's confidence %.2f must stay below StrongConfidence", c.Name, r.Confidence)
				}
				if !w.context {
					if alone := Classify(c, evalOptions); alone.Category != r.Category || alone.Explanation.String() != r.Explanation.String() {
						t.Errorf("%s: changed by the table: %s, alone %s", c.Name, r.Explanation, alone.Explanation)
					}
				}
			}
			if seen != len(tc.wants) {
				t.Errorf("%d of %d expected columns are in the table", seen, len(tc.wants))
			}
		})
	}
}

// TestClassifyTableDeclared: a declared category counts as evidence about
// the table and is never changed, nor contradicted.
func TestClassifyTableDeclared(t *testing.T) {
	cols := names("c1", "c2", "c3", "visit_date", "ward", "note")
	for i := range 3 {
		cols[i].Declared = "health" // opaque names, declared health in the map
	}
	cols[4].Declared = "other"
	res := ClassifyTable(cols, evalOptions)
	if r := res[3]; r.Category != "health" || r.Context != "health-care" {
		t.Errorf("visit_date in a table of declared health data: %q (%s)", r.Category, r.Explanation)
	}
	if r := res[4]; r.Context != "" {
		t.Errorf("ward declared other was given the context: %s", r.Explanation)
	}
	if bad, _ := Contradicts("other", res[3]); bad {
		t.Errorf("a context's category contradicts a declaration: %s", res[3].Explanation)
	}
	// Without the declarations the names say nothing: no context.
	for i := range cols {
		cols[i].Declared = ""
	}
	if r := ClassifyTable(cols, evalOptions)[3]; r.Category != "" {
		t.Errorf("visit_date without a care record: %q (%s)", r.Category, r.Explanation)
	}
}

func TestParseContextsRefuses(t *testing.T) {
	base := `contexts:
  - name: health-care
    category: health
    min_columns: 3
    min_share: 0.2
    min_confidence: 0.6
    every_share: 0.5
    confidence: 0.6
    words:
      - lang: en
        terms: [visit]
`
	if _, err := parseContexts([]byte(base), ""); err != nil {
		t.Fatalf("base document refused: %v", err)
	}
	for name, change := range map[string][2]string{
		"unknown context":        {"name: health-care", "name: shopping"},
		"unknown category":       {"category: health", "category: wellbeing"},
		"one column":             {"min_columns: 3", "min_columns: 1"},
		"strong confidence":      {"\n    confidence: 0.6", "\n    confidence: 0.8"},
		"weak confidence":        {"\n    confidence: 0.6", "\n    confidence: 0.4"},
		"every below min":        {"every_share: 0.5", "every_share: 0.1"},
		"unknown language":       {"lang: en", "lang: xx"},
		"two words":              {"[visit]", "[visit date]"},
		"twice":                  {"[visit]", "[visit, visit]"},
		"unknown key":            {"every_share: 0.5", "every_share: 0.5\n    always: true"},
		"metadata and a word":    {"[visit]", "[visit]\n    not: [visit]"},
		"no words once left out": {"terms: [visit]", "terms: [visit]\n        tune: [omop-cdm]"},
	} {
		doc := strings.Replace(base, change[0], change[1], 1)
		leave := ""
		if name == "no words once left out" {
			leave = "omop-cdm"
		}
		if _, err := parseContexts([]byte(doc), leave); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestEmbeddedContexts(t *testing.T) {
	if cs := tableContexts(); len(cs) == 0 {
		t.Fatal("no contexts")
	}
}
