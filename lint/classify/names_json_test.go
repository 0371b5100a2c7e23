package classify

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"
)

// TestNamesJSON checks that names.json, which the binary loads, is
// names.yaml as JSON; -update regenerates it.
func TestNamesJSON(t *testing.T) {
	raw, err := decodeVocabulary(namesYAML, registersYAML, abbreviationsYAML)
	if err != nil {
		t.Fatal(err)
	}
	withTokens(raw)
	want, err := json.MarshalIndent(raw, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	want = append(want, '\n')
	if *update {
		if err := os.WriteFile("names.json", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(namesJSON, want) {
		t.Fatal("names.json is stale: run go test ./lint/classify -run TestNamesJSON -update")
	}
}

// TestLoadedVocabularyIsNamesYAML checks that the vocabulary the binary
// loads from names.json indexes the same entries as names.yaml.
func TestLoadedVocabularyIsNamesYAML(t *testing.T) {
	raw, err := decodeVocabulary(namesYAML, registersYAML, abbreviationsYAML)
	if err != nil {
		t.Fatal(err)
	}
	fromYAML, err := buildVocabulary(raw)
	if err != nil {
		t.Fatal(err)
	}
	loaded := loadedVocabulary()
	if len(loaded.byToken) != len(fromYAML.byToken) || len(loaded.phrases) != len(fromYAML.phrases) ||
		len(loaded.lexicon) != len(fromYAML.lexicon) {
		t.Fatalf("names.json gives %d tokens, %d phrases, %d words; names.yaml %d, %d, %d",
			len(loaded.byToken), len(loaded.phrases), len(loaded.lexicon),
			len(fromYAML.byToken), len(fromYAML.phrases), len(fromYAML.lexicon))
	}
}

func BenchmarkLoadVocabulary(b *testing.B) {
	for b.Loop() {
		var raw vocabYAML
		if err := json.Unmarshal(namesJSON, &raw); err != nil {
			b.Fatal(err)
		}
		if _, err := buildVocabulary(raw); err != nil {
			b.Fatal(err)
		}
	}
}

// withTokens fills in each entry's folded words and stems, as names.json
// carries them.
func withTokens(raw vocabYAML) {
	for _, es := range raw.Categories {
		for i := range es {
			e := &es[i]
			e.Tokens = words(e.Term)
			e.Stems = make([]string, len(e.Tokens))
			for j, t := range e.Tokens {
				e.Stems[j] = stem(e.Lang, t)
			}
		}
	}
}
