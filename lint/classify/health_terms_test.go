package classify

import (
	"strings"
	"testing"

	"github.com/saglig/saglig/lint/classify/refdata"
)

// TestHealthTerms checks names read through the health terms, and words of
// the classifications that must not be read as health: everyday words,
// words the vocabulary reads otherwise, parts of compounds.
func TestHealthTerms(t *testing.T) {
	for _, tc := range []struct {
		name, want, entry string
		strength          float64
	}{
		{"osteoporose", "health", "osteoporose in SKS (da)", 0.6},
		{"silikose_diagnose", "health", "", 0}, // the vocabulary's diagnose is stronger
		{"metformin", "health", "metformin in ATC (SKS) (da)", 0.6},
		{"glipizide", "health", "glipizide in ICD-10-CM's Table of Drugs (en)", 0.6},
		{"pioglitazone", "health", "pioglitazon in ATC (SKS) (da)", 0.57}, // the INN's English -e
		{"glyburide-metformin", "health", "", 0},
		{"endometriose_flag", "health", "", 0},
		// Everyday words of the classifications' titles are no terms.
		{"social", "", "", 0},
		{"intake", "", "", 0},
		{"segment", "", "", 0},
		{"screening_date", "", "", 0},
		{"encounter_id", "identifier", "", 0},
		{"unspecified", "", "", 0},
		{"residual", "", "", 0},
		// A term of another language spelt as an English word (Danish
		// hæshed folds to hashed) is left out; an English adjective is no
		// substance without its -e (Danish impressiv).
		{"hashed", "", "", 0},
		{"impressive", "", "", 0},
		// A word the vocabulary lists keeps its category.
		{"alder", "age", "", 0},
		// Terms are whole words, never parts of a compound.
		{"parlamentsvalgene", "", "", 0},
		{"skatterettslig", "", "", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ms, _ := ClassifyName(tc.name)
			got := ""
			if len(ms) > 0 && ms[0].Strength >= MinConfidence {
				got = ms[0].Category
			}
			if got != tc.want {
				t.Fatalf("%s: got %q (%+v), want %q", tc.name, got, ms, tc.want)
			}
			if tc.entry != "" && (ms[0].Entry != tc.entry || ms[0].Strength != tc.strength) {
				t.Fatalf("%s: got %q at %.2f, want %q at %.2f", tc.name, ms[0].Entry, ms[0].Strength, tc.entry, tc.strength)
			}
		})
	}
}

// TestHealthTermsExplained checks that the explanation names the
// classification a term comes from.
func TestHealthTermsExplained(t *testing.T) {
	r := Classify(Column{Name: "osteoporose"}, Options{})
	if r.Category != "health" || !strings.Contains(r.Explanation.String(), `"osteoporose" (Danish: osteoporose in SKS)`) {
		t.Fatalf("got %s: %s", r.Category, r.Explanation)
	}
}

// TestHealthTermsSources checks that every term comes from a source the
// explanations can name, and that every source gives terms.
func TestHealthTermsSources(t *testing.T) {
	known := map[string]int{}
	for _, s := range healthSources {
		known[s.id] = 0
	}
	refdata.Get(refdata.HealthTerms).Each(func(key string, e refdata.Entry) {
		named := false
		for _, tag := range strings.Split(e.Tags, ",") {
			if _, ok := known[tag]; ok {
				known[tag]++
				named = true
			}
		}
		if !named {
			t.Errorf("term %q: no source the explanation names (tags %q)", key, e.Tags)
		}
		if len(key) < minTermLetters {
			t.Errorf("term %q: shorter than %d letters", key, minTermLetters)
		}
	})
	for id, n := range known {
		if n == 0 {
			t.Errorf("source %s gives no terms", id)
		}
	}
}
