package classify

import (
	"reflect"
	"strings"
	"testing"
	"unicode"
)

func TestNormalise(t *testing.T) {
	tests := []struct {
		name string
		want []string
	}{
		{"borger.koen", []string{"borger", "kon"}},
		{"borgerKoen", []string{"borger", "kon"}},
		{"BorgerKøn", []string{"borger", "kon"}},
		{"CPRNummer", []string{"cpr", "nummer"}},
		{"HTTPServer", []string{"http", "server"}},
		{"cpr-nr", []string{"cpr", "nr"}},
		{"Fødselsdato", []string{"fodselsdato"}},
		{"foedselsdato", []string{"fodselsdato"}},
		{"kjønn", []string{"kjonn"}},
		{"kön", []string{"kon"}},
		{"Staatsangehörigkeit", []string{"statsangehorigkeit"}},
		{"Staatsangehoerigkeit", []string{"statsangehorigkeit"}},
		{"straße", []string{"strasse"}},
		{"c7", []string{"c", "7"}},
		{"koen2", []string{"kon", "2"}},
		{"antal_adresseskift_5aar", []string{"antal", "adresseskift"}},
		{"adresseskift_sidste_3_aar", []string{"adresseskift"}},
		{"sygedage_sidste_aar", []string{"sygedage"}},
		{"last_12_months_spend", []string{"spend"}},
		{"spend_l12m", []string{"spend"}},
		{"indkomst_ytd", []string{"indkomst"}},
		{"i_job_13uger", []string{"i", "job"}},
		{"indkomst_aar", []string{"indkomst", "ar"}}, // a year without a count is no window
		{"alder 2", []string{"alder", "2"}},
		{"", nil},
		{"___", nil},
		{"ytd", nil},
	}
	for _, tt := range tests {
		if got := Normalise(tt.name); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Normalise(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestWindow(t *testing.T) {
	tests := []struct{ name, want string }{
		{"antal_adresseskift_5aar", "5y"},
		{"antal_adresseskift_5_år", "5y"},
		{"sygedage_12m", "12m"},
		{"sygedage_12_mdr", "12m"},
		{"adresseskift_sidste_3_aar", "3y"},
		{"adresseskift_sidste_aar", "1y"},
		{"last_12_months_spend", "12m"},
		{"spend_last_month", "1m"},
		{"clicks_7d", "7d"},
		{"clicks_30_dage", "30d"},
		{"logins_4w", "4w"},
		{"income_ytd", "ytd"},
		{"spend_l3m", "3m"},
		{"Sjukdagar_senaste_2_ar", "2y"},
		{"umzuege_letzten_5_jahre", "5y"},
		{"verhuizingen_laatste_3_jaar", "3y"},
		{"koen", ""},
		{"alder", ""},
		{"c7", ""},
		{"top_5_products", ""},
		{"age_in_years", ""},
	}
	for _, tt := range tests {
		if _, got := ClassifyName(tt.name); got != tt.want {
			t.Errorf("window of %q = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestFoldSpellingsMeet(t *testing.T) {
	groups := [][]string{
		{"køn", "koen", "kön", "kon", "KØN"},
		{"gæld", "gaeld", "gäld", "gald"},
		{"år", "aar", "ar"},
		{"fødsel", "foedsel", "födsel"},
		{"straße", "strasse"},
		{"umzüge", "umzuege"},
		{"bopæl", "bopael"},
	}
	for _, g := range groups {
		want := fold(g[0])
		for _, s := range g[1:] {
			if got := fold(s); got != want {
				t.Errorf("fold(%q) = %q, want %q (as %q)", s, got, want, g[0])
			}
		}
	}
}

func FuzzNormalise(f *testing.F) {
	for _, s := range []string{"antal_adresseskift_5aar", "borgerKøn", "CPRNummer", "sidste_3_aar", "aaae", "l12m", "ÆØÅ", "\xff\xfe", "a..b__c--d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		tokens, window := normalise(name)
		again, window2 := normalise(name)
		if !reflect.DeepEqual(tokens, again) || window != window2 {
			t.Fatalf("normalise(%q) is not deterministic", name)
		}
		for _, tok := range tokens {
			if tok == "" {
				t.Fatalf("normalise(%q) gave an empty token", name)
			}
			if fold(tok) != tok {
				t.Fatalf("token %q of %q is not folded (fold gives %q)", tok, name, fold(tok))
			}
			for _, r := range tok {
				if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
					t.Fatalf("token %q of %q holds separator %q", tok, name, r)
				}
			}
		}
		if f := fold(name); fold(f) != f {
			t.Fatalf("fold is not idempotent on %q", name)
		}
		// Normalising the tokens again changes nothing but windows.
		if re := Normalise(strings.Join(tokens, "_")); len(re) > len(tokens) {
			t.Fatalf("re-normalising %q grew %q to %q", name, tokens, re)
		}
	})
}
