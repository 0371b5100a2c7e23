package classify

import (
	"bytes"
	"os"
	"testing"
)

// TestVocabularyFile checks that vocabulary.tsv, which the binary loads,
// is names.yaml, registers.yaml and abbreviations.yaml with the folded
// words and stems, and that it reads back to the same document; -update
// regenerates it.
func TestVocabularyFile(t *testing.T) {
	raw, err := decodeVocabulary(namesYAML, registersYAML, abbreviationsYAML)
	if err != nil {
		t.Fatal(err)
	}
	withTokens(raw)
	want := encodeVocabFile(raw)
	if *update {
		if err := os.WriteFile("vocabulary.tsv", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(vocabularyFile, want) {
		t.Fatal("vocabulary.tsv is stale: run go test ./lint/classify -run TestVocabularyFile -update")
	}
	back, err := decodeVocabFile(vocabularyFile)
	if err != nil {
		t.Fatal(err)
	}
	if again := encodeVocabFile(back); !bytes.Equal(again, want) {
		t.Fatal("vocabulary.tsv does not read back to the same vocabulary")
	}
}

// TestVocabularyFileErrors checks that a damaged file is refused with the
// line that is wrong.
func TestVocabularyFileErrors(t *testing.T) {
	for _, tc := range []struct{ name, data, want string }{
		{"unknown record", "# c\nfoo\tbar\n", "line 2: unknown record \"foo\""},
		{"short entry", "entry\tage\talder\n", "line 1: entry record with 3 fields, want 11"},
		{"bad strength", "entry\tage\talder\tda\tx\t-\t-\t-\t-\talder\talder\n", "line 1: strconv.ParseFloat"},
		{"unknown list", "word\tnouns\tfoo\n", "line 1: unknown word list \"nouns\""},
		{"orphan variable", "var\tKOEN\tsex\n", "line 1: variable before any register"},
		{"orphan abbreviation", "abbrev\tnr\tnummer\n", "line 1: abbreviation before any block"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := decodeVocabFile([]byte(tc.data))
			if err == nil || !bytes.Contains([]byte(err.Error()), []byte(tc.want)) {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
		})
	}
}

// TestLoadedVocabularyIsNamesYAML checks that the vocabulary the binary
// loads from vocabulary.tsv indexes the same entries as names.yaml.
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
		len(loaded.lexicon) != len(fromYAML.lexicon) || len(loaded.known) != len(fromYAML.known) {
		t.Fatalf("vocabulary.tsv gives %d tokens, %d phrases, %d words, %d abbreviations; names.yaml %d, %d, %d, %d",
			len(loaded.byToken), len(loaded.phrases), len(loaded.lexicon), len(loaded.known),
			len(fromYAML.byToken), len(fromYAML.phrases), len(fromYAML.lexicon), len(fromYAML.known))
	}
}

func BenchmarkLoadVocabulary(b *testing.B) {
	for b.Loop() {
		raw, err := decodeVocabFile(vocabularyFile)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := buildVocabulary(raw); err != nil {
			b.Fatal(err)
		}
	}
}

// withTokens fills in each entry's folded words and stems, as
// vocabulary.tsv carries them.
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
