package classify

import (
	"strings"
	"testing"
)

// weighted repeats each value by its count: the shape of a real column from
// its published value frequencies.
func weighted(pairs ...any) []string {
	var out []string
	for i := 0; i+1 < len(pairs); i += 2 {
		v, n := pairs[i].(string), pairs[i+1].(int)
		for range n {
			out = append(out, v)
		}
	}
	return out
}

// TestIssueFailures holds one case for each failure issue 9 reports on
// public data a new user tried, built from the same public sources: column
// names as the sources write them, values from their published value lists
// and frequencies (no person's data: common first names are from national
// name statistics, the rest are category words and codes).
func TestIssueFailures(t *testing.T) {
	tests := []struct {
		source string
		col    Column
		want   string // category; "" for none
		not    []string
		ident  string // identifier kind wanted, if any
	}{
		// COMPAS (ProPublica compas-analysis): a charge degree F/M is a
		// criminal record, neither education ("degree") nor sex (M).
		{"compas", Column{Name: "c_charge_degree", Type: "string", Kind: KindText, Sample: weighted("F", 130, "M", 70)}, "criminal-record", []string{"education", "sex"}, ""},
		{"compas", Column{Name: "r_charge_degree", Type: "string", Kind: KindText, Sample: weighted("(F3)", 60, "(M1)", 50, "(F2)", 30, "(M2)", 20)}, "criminal-record", []string{"education"}, ""},
		{"compas", Column{Name: "priors_count", Type: "int64", Kind: KindInt, Sample: weighted("0", 80, "1", 40, "2", 30, "3", 20, "5", 10)}, "criminal-record", nil, ""},
		{"compas", Column{Name: "juv_fel_count", Type: "int64", Kind: KindInt, Sample: weighted("0", 190, "1", 10)}, "criminal-record", nil, ""},
		{"compas", Column{Name: "c_jail_in", Type: "timestamp[us]", Kind: KindDate}, "criminal-record", nil, ""},
		{"compas", Column{Name: "two_year_recid", Type: "int64", Kind: KindInt, Sample: weighted("0", 110, "1", 90)}, "criminal-record", nil, ""},
		{"compas", Column{Name: "race", Type: "string", Kind: KindText, Sample: weighted("African-American", 100, "Caucasian", 68, "Hispanic", 18, "Other", 12, "Asian", 1, "Native American", 1)}, "ethnicity", nil, ""},
		{"compas", Column{Name: "c_case_number", Type: "string", Kind: KindText}, "identifier", nil, ""},
		// A column of first names is a direct identifier by its values
		// alone (the most common first names of Danmarks Statistik's and
		// the US Social Security Administration's name statistics).
		{"names", Column{Name: "c1", Type: "string", Kind: KindText, Sample: weighted("Anne", 9, "Kirsten", 8, "Mette", 8, "Hanne", 7, "Peter", 9, "Jens", 8, "Lars", 8, "Michael", 7, "James", 6, "Mary", 6, "Robert", 5, "Patricia", 5, "Jennifer", 5, "Linda", 4)}, "identifier", nil, IdentName},
		// UCI Adult: the census vocabularies.
		{"adult", Column{Name: "native-country", Type: "string", Kind: KindText, Sample: weighted("United-States", 180, "Mexico", 8, "Philippines", 3, "Germany", 2, "Canada", 2, "Puerto-Rico", 2, "El-Salvador", 2, "India", 1, "Cuba", 1, "England", 1)}, "nationality", nil, ""},
		{"adult", Column{Name: "relationship", Type: "string", Kind: KindText, Sample: weighted("Husband", 80, "Not-in-family", 50, "Own-child", 30, "Unmarried", 20, "Wife", 10, "Other-relative", 6)}, "household", nil, ""},
		{"adult", Column{Name: "workclass", Type: "string", Kind: KindText, Sample: weighted("Private", 140, "Self-emp-not-inc", 16, "Local-gov", 13, "State-gov", 8, "Self-emp-inc", 7, "Federal-gov", 6)}, "employment-history", nil, ""},
		{"adult", Column{Name: "hours-per-week", Type: "int64", Kind: KindInt, Sample: weighted("40", 90, "50", 20, "45", 12, "60", 9, "35", 8, "20", 8)}, "employment-history", []string{"age"}, ""},
		// Danmarks Statistik's register names.
		{"dst", Column{Name: "CIVST", Type: "string", Kind: KindText}, "marital-status", nil, ""},
		{"dst", Column{Name: "OPR_LAND", Type: "int32", Kind: KindInt}, "nationality", nil, ""},
		{"dst", Column{Name: "IE_TYPE", Type: "string", Kind: KindText}, "ethnicity", nil, ""},
		{"dst", Column{Name: "STATSB", Type: "int32", Kind: KindInt}, "nationality", nil, ""},
		{"dst", Column{Name: "FAMILIE_TYPE", Type: "int32", Kind: KindInt}, "household", nil, ""},
		{"dst", Column{Name: "HFAUDD", Type: "int32", Kind: KindInt}, "education", nil, ""},
		{"dst", Column{Name: "PERINDKIALT_13", Type: "double", Kind: KindFloat}, "income", nil, ""},
		{"dst", Column{Name: "SOCIO13", Type: "int32", Kind: KindInt}, "employment-history", nil, ""},
		{"dst", Column{Name: "BESKST13", Type: "int32", Kind: KindInt}, "employment-history", nil, ""},
		// Absence-reason codes are health data, not postcodes.
		{"dst", Column{Name: "FRAVAARSAG", Type: "int32", Kind: KindInt, Sample: weighted("1010", 40, "1020", 30, "2010", 20, "3010", 10)}, "health", []string{"residential-area"}, ""},
		// A code column whose name contains CPR, holding 1/2, is no
		// identifier.
		{"dst", Column{Name: "CPRTYPE", Type: "int32", Kind: KindInt, Sample: weighted("1", 190, "2", 10)}, "", []string{"identifier"}, ""},
		// Statistics Sweden's LISA.
		{"lisa", Column{Name: "Civil", Type: "string", Kind: KindText}, "marital-status", nil, ""},
		{"lisa", Column{Name: "FamTypF", Type: "int32", Kind: KindInt}, "household", nil, ""},
		{"lisa", Column{Name: "Lan", Type: "string", Kind: KindText}, "residential-area", nil, ""},
		{"lisa", Column{Name: "Sun2000niva", Type: "int32", Kind: KindInt}, "education", nil, ""},
		{"lisa", Column{Name: "DispInk04", Type: "int64", Kind: KindInt}, "income", nil, ""},
		// The South German credit data's own abbreviations.
		{"south-german-credit", Column{Name: "famges", Type: "int32", Kind: KindInt}, "sex", nil, ""},
		{"south-german-credit", Column{Name: "laufzeit", Type: "int32", Kind: KindInt}, "debt", nil, ""},
		{"south-german-credit", Column{Name: "gastarb", Type: "int32", Kind: KindInt}, "nationality", nil, ""},
		// Rotterdam's welfare-risk features: Dutch compounds and inflections.
		{"rotterdam", Column{Name: "belemmering_psychische_problemen"}, "health", nil, ""},
		{"rotterdam", Column{Name: "belemmering_hist_verslavingsproblematiek"}, "health", nil, ""},
		{"rotterdam", Column{Name: "ontheffing_reden_hist_medische_gronden"}, "health", nil, ""},
		{"rotterdam", Column{Name: "persoonlijke_eigenschappen_spreektaal"}, "language", nil, ""},
		{"rotterdam", Column{Name: "relatie_overig_historie_vorm__kostendeler"}, "household", nil, ""},
		{"rotterdam", Column{Name: "relatie_partner_totaal_dagen_partner"}, "marital-status", nil, ""},
	}
	for _, tt := range tests {
		r := Classify(tt.col, testOpt)
		if r.Category != tt.want {
			t.Errorf("%s %s: category %q, want %q (%s)", tt.source, tt.col.Name, r.Category, tt.want, r.Explanation)
		}
		for _, bad := range tt.not {
			if r.Category == bad || strings.Contains(r.Explanation.String(), "category "+bad) {
				t.Errorf("%s %s: read as %s (%s)", tt.source, tt.col.Name, bad, r.Explanation)
			}
		}
		if tt.ident != "" && r.Identifier != tt.ident {
			t.Errorf("%s %s: identifier %q, want %q (%s)", tt.source, tt.col.Name, r.Identifier, tt.ident, r.Explanation)
		}
		if tt.ident == "" && r.Identifier != "" && tt.want != "identifier" {
			t.Errorf("%s %s: identifier %q, want none (%s)", tt.source, tt.col.Name, r.Identifier, r.Explanation)
		}
	}
}
