package featuremap

import "testing"

func TestSuggest(t *testing.T) {
	keys := keysOf(featureFields)
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
		{"inptu", roleWords(), "input"}, // transposition counts once
		{"ip", roleWords(), "id"},
		{"xyz", roleWords(), ""},
		{"employmnet", Contexts, "employment"},
		{"social_benefits", Contexts, "social-benefits"},
		{"helath", Contexts, "health"},
		{"banking", Contexts, ""},
		{"sx", Categories, "sex"},
		{"etnicity", Categories, "ethnicity"},
		{"payment_behavior", Categories, "payment-behaviour"},
		{"scores", outputWords(), "score"},
		{"rank", outputWords(), ""},
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
