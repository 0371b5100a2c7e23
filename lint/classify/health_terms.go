package classify

import "github.com/saglig/saglig/lint/classify/refdata"

// Health terms: the words of official disease classifications and the
// names of medicinal substances (refdata.HealthTerms, generated from the
// national versions of ICD-10, the Danish SKS and ICD-10-CM's Table of
// Drugs), read as health words of a column name where names.yaml has no
// word ("osteoporose", "silikose", "metformin"). The generator keeps the
// words a classification uses as diseases' words and leaves out everyday
// words (refdata/gen/health.go); here the vocabulary keeps precedence: a
// word names.yaml lists (in any category, or as a structural word) is read
// as names.yaml says, never as a health term. A health term is matched as
// a whole word only, never as a part of a compound: the parts it would
// split words into are too short to say health alone (parlament·svalg·ene
// is no throat, skatte·retts·lig no syndrome).

// healthTermStrength is the strength of a health term: a word of a
// disease classification names health data, but it is one word of a
// title, not a word chosen as a column's subject (names.yaml's health
// words are 0.7–0.95).
const healthTermStrength = 0.6

// healthSource is a classification the terms come from: its language, its
// name as explanations show it, and whether its terms are the names of
// substances (international nonproprietary names).
type healthSource struct {
	lang, name string
	substances bool
}

// healthSources are the classifications by their source id in
// refdata/SOURCES.md (the terms' tags), in the order a term found in
// several is explained by.
var healthSources = []struct {
	id string
	healthSource
}{
	{"sks-2018", healthSource{"da", "SKS", false}},
	{"icd10-no-2026", healthSource{"no", "ICD-10 (Norway)", false}},
	{"ksh97p", healthSource{"sv", "KSH97-P", false}},
	{"icd10gm-2017", healthSource{"de", "ICD-10-GM", false}},
	{"icd10cm-2025", healthSource{"en", "ICD-10-CM", false}},
	{"sks-atc-2018", healthSource{"da", "ATC (SKS)", true}},
	{"icd10cm-drugs-2025", healthSource{"en", "ICD-10-CM's Table of Drugs", true}},
}

// healthTerm returns t read as a health term, or nil, and the term's
// word. A substance's international nonproprietary name (INN) ends in -e
// in English and not in the Nordic languages, German and Dutch
// (pioglitazone, pioglitazon; repaglinide, repaglinid): a word ending in
// e that is no term is read as a substance's name without it, at a
// strength lowered as for inflected vocabulary words. Other inflections
// are not read: the stems of everyday words are too often a term's
// (sparsommelighed, sparsom), and so is an English adjective without its
// -e (impressive, the Danish impressiv).
func healthTerm(t string) (*entry, string) {
	if len(t) < minTermLetters {
		return nil, ""
	}
	terms := refdata.Get(refdata.HealthTerms)
	if e, ok := terms.LookupKey(t); ok {
		return termEntry(e, t, healthTermStrength, false)
	}
	if len(t) > minTermLetters && t[len(t)-1] == 'e' {
		if e, ok := terms.LookupKey(t[:len(t)-1]); ok {
			return termEntry(e, t[:len(t)-1], round2(healthTermStrength*inflectFactor), true)
		}
	}
	return nil, ""
}

// termEntry makes the vocabulary entry of a health term, explained by the
// first of its sources (of substances, when only they may read it), and
// returns its word; nil when no source may.
func termEntry(e refdata.Entry, word string, strength float64, substances bool) (*entry, string) {
	for _, src := range healthSources {
		if e.HasTag(src.id) && (src.substances || !substances) {
			return &entry{
				term: e.Term + healthTermSuffix + src.name, tokens: []string{word}, lang: src.lang,
				category: "health", strength: strength,
			}, word
		}
	}
	return nil, "" // a source the explanation cannot name (TestHealthTermsSources)
}

// minTermLetters is the shortest word read as a health term: the
// generator keeps no shorter one (refdata/gen/health.go).
const minTermLetters = 5

// healthTermSuffix joins a health term to the classification it is a
// word of, in the match's Entry ("tuberculosis in ICD-10-CM (en)").
const healthTermSuffix = " in "
