package diag

import "testing"

func TestSuggest(t *testing.T) {
	keys := []string{"role", "description", "source", "context", "relevance", "lawful_basis", "reused_from", "reuse_assessment", "waivers"}
	roles := []string{"input", "target", "id", "timestamp", "protected", "metadata"}
	contexts := []string{"employment", "social-benefits", "health", "education"}
	tests := []struct {
		s          string
		candidates []string
		want       string
	}{
		{"sorce", keys, "source"},
		{"Source", keys, "source"},
		{"lawfulbasis", keys, "lawful_basis"},
		{"reuse_assesment", keys, "reuse_assessment"},
		{"waiver", keys, "waivers"},
		{"relevence", keys, "relevance"},
		{"colour", keys, ""},
		{"", keys, ""},
		{"inptu", roles, "input"}, // transposition counts once
		{"ip", roles, "id"},
		{"xyz", roles, ""},
		{"employmnet", contexts, "employment"},
		{"social_benefits", contexts, "social-benefits"},
		{"helath", contexts, "health"},
		{"banking", contexts, ""},
		// Separators and case do not count: a renamed column is found
		// however long its name.
		{"hours-per-week", []string{"age", "hours_per_week"}, "hours_per_week"},
		{"Net.Income.Per.Household.Member", []string{"net_income_per_household_member"}, "net_income_per_household_member"},
		{"a_b_c_d_e_f", []string{"a-b-c-d-e-f"}, "a-b-c-d-e-f"},
		{"SAG14", []string{"SAG001", "SAG003", "SAG013", "SAG101", "SAG104", "SAG301"}, "SAG104"},
		{"sag301", []string{"SAG001", "SAG301"}, "SAG301"},
		{"æbler", []string{"æble"}, "æble"}, // runes, not bytes
		{"ab", []string{"ac", "ab"}, "ab"},  // exact match
		{"ax", []string{"ab", "ac"}, "ab"},  // ties: first listed
		{"a", nil, ""},
	}
	for _, tt := range tests {
		if got := Suggest(tt.s, tt.candidates); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.s, got, tt.want)
		}
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"abc", "", 3},
		{"kitten", "sitting", 3},
		{"ab", "ba", 1},
		{"ca", "abc", 3}, // optimal string alignment, not full Damerau
		{"source", "sorce", 1},
		{"expires", "expiry", 2},
	}
	for _, tt := range tests {
		if got := distance([]rune(tt.a), []rune(tt.b)); got != tt.want {
			t.Errorf("distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
