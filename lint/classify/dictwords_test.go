//go:build dictwords

package classify

import (
	"bufio"
	"fmt"
	"hash/fnv"
	"os"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestDictionaryWordsAreNoCodes measures how often a word of a language is
// misread as a code of abbreviated words (abbrev.go): every 40th word of
// the six languages' spelling dictionaries (Debian's wdanish, wngerman,
// wswedish, wnorwegian, wdutch and wamerican word lists, installed by
// .ci/run), classified as a column name. A word is no code, so a reading
// is a misreading unless the word happens to name its category (a few
// do: psykiatris, invaliditet). The share must stay below
// maxDictionaryReadings; -v lists the readings.
//
//	go test -tags dictwords -run TestDictionaryWordsAreNoCodes -v ./lint/classify
func TestDictionaryWordsAreNoCodes(t *testing.T) {
	v := loadedVocabulary()
	dictionarySample(t, "read as codes", maxDictionaryReadings, func(lang, w string) bool {
		for _, m := range v.match(words(w)) {
			if m.Reading != "" && m.Strength >= MinConfidence {
				t.Logf("%s %s → %s %s %.2f", lang, w, m.Reading, m.Category, m.Strength)
				return true
			}
		}
		return false
	})
}

// maxDictionaryReadings: measured 0.13% (73, later 69, of 54,249) when the code
// reader landed, 76 (0.14%) when letters without meaning could start a code;
// a ratchet against looser readings.
const maxDictionaryReadings = 0.0015

// TestDictionaryWordsAreRarelyHealthTerms measures how often a word of a
// language is read as a health term (health_terms.go) on the same sample:
// most that are were measured to be medical words (silikose, synkope,
// jernmangel, thiamine), a few adjectives of anatomy and pathology
// (febrile, transitory); a rise means the generator's everyday-word
// filters broke. Measured on 4 December 2026: 0.11 % (62 of 54,249
// words).
func TestDictionaryWordsAreRarelyHealthTerms(t *testing.T) {
	v := loadedVocabulary()
	dictionarySample(t, "read as health terms", maxDictionaryHealthTerms, func(lang, w string) bool {
		for _, m := range v.match(words(w)) {
			if m.Category == "health" && m.Strength >= MinConfidence && strings.Contains(m.Entry, healthTermSuffix) {
				t.Logf("%s %s → %s", lang, w, m.Entry)
				return true
			}
		}
		return false
	})
}

const maxDictionaryHealthTerms = 0.002

// dictionarySample counts the words hit reports of every 40th word (by
// hash) of the six languages' spelling dictionaries of at least four
// letters, without apostrophes, hyphens, dots or spaces, logs each
// language's count (what the hits are), prints the share and fails above
// maxShare.
func dictionarySample(t *testing.T, what string, maxShare float64, hit func(lang, word string) bool) {
	hits, total := 0, 0
	for _, f := range dictionaries {
		fh := openDictionary(t, f.file)
		sc := bufio.NewScanner(fh)
		n, h := 0, 0
		for sc.Scan() {
			w := sc.Text()
			if !utf8.ValidString(w) {
				w = latin1(w) // bokmaal and swedish are ISO 8859-1
			}
			if strings.ContainsAny(w, "'-. ") || utf8.RuneCountInString(w) < 4 {
				continue
			}
			fnv32 := fnv.New32a()
			fnv32.Write([]byte(w))
			if fnv32.Sum32()%40 != 0 {
				continue
			}
			n++
			if hit(f.lang, w) {
				h++
			}
		}
		fh.Close()
		t.Logf("%s: %d words, %d %s (%.2f%%)", f.lang, n, h, what, 100*float64(h)/float64(n))
		hits, total = hits+h, total+n
	}
	share := float64(hits) / float64(total)
	fmt.Printf("dictionary words %s: %d of %d (%.2f%%)\n", what, hits, total, 100*share)
	if share > maxShare {
		t.Errorf("%.2f%% of dictionary words are %s, more than %.2f%%", 100*share, what, 100*maxShare)
	}
}

// dictionaries are the six languages' spelling dictionaries, by language.
var dictionaries = []struct{ lang, file string }{
	{"da", "danish"}, {"de", "ngerman"}, {"en", "american-english"},
	{"nl", "dutch"}, {"no", "bokmaal"}, {"sv", "swedish"},
}

func openDictionary(t *testing.T, file string) *os.File {
	t.Helper()
	fh, err := os.Open("/usr/share/dict/" + file)
	if err != nil {
		t.Fatalf("%v (install the word lists: apt-get install wdanish wngerman wswedish wnorwegian wdutch wamerican)", err)
	}
	return fh
}

// TestOnsetsCoverDictionaries measures the onsets of abbreviations.yaml
// again: the consonant pairs that begin at least minOnsetWords words of the
// dictionaries (lower-case words, and German nouns; other capitalised
// entries are names and abbreviations), folded like column names. The list
// must be exactly those: a missing onset would let a word's first letters
// be read as letters without meaning (abbrev.go).
func TestOnsetsCoverDictionaries(t *testing.T) {
	const minOnsetWords = 100
	counts := map[string]int{}
	for _, f := range dictionaries {
		fh := openDictionary(t, f.file)
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			w := sc.Text()
			if !utf8.ValidString(w) {
				w = latin1(w)
			}
			if w == "" || (unicode.IsUpper([]rune(w)[0]) && f.lang != "de") {
				continue
			}
			w = fold(w)
			if len(w) < 3 || !isLetters(w[:2]) || isVowel(w[0]) || isVowel(w[1]) {
				continue
			}
			counts[w[:2]]++
		}
		fh.Close()
	}
	v := loadedVocabulary()
	for p, n := range counts {
		if n >= minOnsetWords && !v.onsets[p] {
			t.Errorf("%q begins %d dictionary words but is not an onset in abbreviations.yaml", p, n)
		}
	}
	for p := range v.onsets {
		if counts[p] < minOnsetWords {
			t.Errorf("onset %q begins %d dictionary words, fewer than %d", p, counts[p], minOnsetWords)
		}
	}
}

func latin1(s string) string {
	r := make([]rune, len(s))
	for i := 0; i < len(s); i++ {
		r[i] = rune(s[i])
	}
	return string(r)
}
