package classify

import (
	"fmt"
	"sort"
	"strings"

	"github.com/saglig/saglig/internal/i18n"
)

// Compound matches are slightly weaker than whole-word matches.
const (
	inflectFactor  = 0.95 // an inflected form of a vocabulary word
	compoundFactor = 0.9  // every part of the word is known
	headFactor     = 0.8  // only the head (last part) is known
	measureFactor  = 0.45 // an identifier-like word next to a count/flag word (har_email)
	minPart        = 4    // shortest vocabulary word used as a compound part ...
	minShortPart   = 3    // ... unless every other part is a known word of 4+ letters
	minHead        = 6    // shortest head for a head-only compound match
	maxCompound    = 64   // longer tokens are not split (no real word is that long)
)

// ClassifyName matches a column name against the vocabulary. It returns the
// matches, strongest first, and the observation window the name carries
// ("5y", "12m", "1y", "ytd"; "" when none).
func ClassifyName(name string) ([]NameMatch, string) {
	return loadedVocabulary().classifyName(name)
}

func (v *vocabulary) classifyName(name string) ([]NameMatch, string) {
	tokens, window := normalise(name)
	return v.match(tokens), window
}

// match matches tokens against the vocabulary; tokens that nothing reads
// are then read as codes of abbreviated words (abbrev.go) and the name is
// matched again with their words.
func (v *vocabulary) match(tokens []string) []NameMatch {
	out, covered := v.matchTokens(tokens, nil)
	read := tokens // the words the matches' positions refer to
	if codes := v.readCodes(tokens, covered); codes != nil {
		out, _ = v.matchTokens(codes.tokens, codes)
		read = codes.tokens
	}
	return v.qualify(read, v.subjectKey(tokens, v.relationKey(tokens, out)))
}

// subjectKeyStrength is the strength of a number of a data subject
// (patient_nbr, kundenr) read as an identifier.
const subjectKeyStrength = 0.6

// subjectKey reads a number of a data subject — a subject word and a
// number word and nothing else (patient_nbr, client_no, kundenr,
// pasientnummer) — as an identifier: it keys a person (the corpus's
// labelling guidelines), as the role guess says. A name with any other
// match is left to it.
func (v *vocabulary) subjectKey(tokens []string, out []NameMatch) []NameMatch {
	if len(out) > 0 {
		return out
	}
	subject, number := "", ""
	for i, t := range tokens {
		switch {
		case v.subjects[t] && subject == "":
			subject = t
		case v.roles.number[t] && i == len(tokens)-1 && i > 0:
			number = t
		case len(tokens) == 1:
			subject, number = v.subjectNumber(t)
		default:
			return out
		}
	}
	if subject == "" || number == "" {
		return out
	}
	return []NameMatch{{
		Token: subject + " " + number, Entry: i18n.N("a data subject's number"),
		Category: "identifier", Strength: subjectKeyStrength, pos: len(tokens) - 1,
	}}
}

// subjectNumber splits a token written solid into a subject word and a
// number word after it (kunde·nr, pasient·nummer), or returns "".
func (v *vocabulary) subjectNumber(t string) (subject, number string) {
	for n := range v.roles.number {
		if len(n) < len(t) && strings.HasSuffix(t, n) && v.subjects[t[:len(t)-len(n)]] {
			return t[:len(t)-len(n)], n
		}
	}
	return "", ""
}

// relationKey reads a key of a family, household or partner (FAMILIE_ID,
// HushallsID, spouse_id: an id word after words naming the relation), or of
// a record of a person's care (drug_exposure_id, specimen_id), as an
// identifier: such a key designates persons or a record about one (the
// corpus's labelling guidelines, testdata/eval/README.md), it does not
// describe the household or the care. After a code word the id keys a code
// list (admission_type_id, drug_concept_id), not a record.
func (v *vocabulary) relationKey(tokens []string, out []NameMatch) []NameMatch {
	if len(tokens) < 2 || len(out) == 0 || !v.roles.id[tokens[len(tokens)-1]] {
		return out
	}
	top := out[0]
	if !keyedCategories[top.Category] || top.pos >= len(tokens)-1 {
		return out
	}
	for _, t := range tokens {
		if v.roles.code[t] {
			return out
		}
	}
	key := NameMatch{
		Token: top.Token + " " + tokens[len(tokens)-1], Entry: top.Entry, Language: top.Language, Reading: top.Reading,
		Category: "identifier", Strength: top.Strength, pos: len(tokens) - 1,
	}
	rest := []NameMatch{key}
	for _, m := range out {
		if m.Category != top.Category {
			rest = append(rest, m) // the relation is the key's, not a description of the household
		}
	}
	return rest
}

// keyedCategories are the categories whose key designates persons or a
// record about one (relationKey).
var keyedCategories = map[string]bool{"household": true, "marital-status": true, "health": true}

// matchTokens matches tokens against the vocabulary and reports which
// tokens a match covers. codes, when not nil, says which tokens stand for
// abbreviated words, and how.
func (v *vocabulary) matchTokens(tokens []string, codes *codeReading) ([]NameMatch, []bool) {
	present := map[string]bool{}
	for _, t := range tokens {
		present[t] = true
	}
	hasMeasure := false
	for _, t := range tokens {
		if v.measures[t] {
			hasMeasure = true
		}
	}
	var out []NameMatch
	used := make([]bool, len(tokens))
	covered := make([]bool, len(tokens))
	stems := stemCache{}
	organisation := false
	for _, t := range tokens {
		organisation = organisation || v.organisations[t]
	}
	add := func(e *entry, tok string, pos int, factor float64, span int) {
		if !v.applies(e, tokens, present, pos, span) {
			return
		}
		if e.category == "identifier" && organisation {
			return // LopNr_PeOrgNr keys a workplace, not a person
		}
		for k := pos; k < pos+span; k++ {
			covered[k] = true
		}
		m := NameMatch{
			Token: tok, Entry: fmt.Sprintf("%s (%s)", e.term, e.lang), Language: e.lang,
			Category: e.category, Strength: round2(e.strength * factor), identifier: e.identifier, pos: pos,
			term: strings.Join(e.tokens, " "),
		}
		if codes != nil && !codes.annotate(&m, pos, span) {
			return
		}
		if e.identifier != "" && hasMeasure {
			// "har_email", "antal_tlf": about the identifier, not holding it.
			m.Strength = round2(m.Strength * measureFactor)
			m.identifier = ""
		}
		out = append(out, m)
	}
	// Phrases first, longest first; their tokens are then used up.
	for _, e := range v.phrases {
		n := len(e.tokens)
		for i := 0; i+n <= len(tokens); i++ {
			if anyUsed(used[i:i+n]) || !(equalTokens(tokens[i:i+n], e.tokens) || stems.equal(e, tokens[i:i+n])) {
				continue
			}
			before := len(out)
			add(e, strings.Join(e.tokens, " "), i, 1, n)
			if len(out) > before {
				for k := i; k < i+n; k++ {
					used[k] = true
				}
			}
		}
	}
	// A word written in two pieces (civil_stand, post_nummer).
	for i := 0; i+1 < len(tokens); i++ {
		if used[i] || used[i+1] || v.freeWord(tokens[i]) || v.freeWord(tokens[i+1]) {
			continue
		}
		joined := tokens[i] + tokens[i+1]
		if len(joined) < minHead {
			continue
		}
		before := len(out)
		for _, e := range v.byToken[joined] {
			if len(e.tokens) == 1 {
				add(e, joined, i, 1, 2)
			}
		}
		if len(out) > before {
			used[i], used[i+1] = true, true
		}
	}
	for i, t := range tokens {
		if used[i] {
			continue
		}
		if es, ok := v.byToken[t]; ok {
			for _, e := range es {
				add(e, t, i, 1, 1)
			}
			continue
		}
		if v.neutral[t] || v.subjects[t] || v.measures[t] {
			continue // a known word without a category (inkomend is not inkomen)
		}
		if stem, es := v.inflected(t); es != nil {
			for _, e := range es {
				add(e, stem, i, inflectFactor, 1)
			}
			continue
		}
		if e, word := healthTerm(t); e != nil {
			add(e, word, i, 1, 1)
			continue
		}
		for _, group := range v.compound(t) {
			before := len(out)
			for _, cm := range group {
				if cm.e.alone && !v.onlyStructural(cm.others) {
					continue // kommunenavn is not a person's name
				}
				saved := hasMeasure
				hasMeasure = hasMeasure || v.anyMeasure(cm.others) // cprtype, emailstatus
				add(cm.e, cm.part, i, cm.factor, 1)
				hasMeasure = saved
			}
			if len(out) > before {
				break
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Strength != out[j].Strength {
			return out[i].Strength > out[j].Strength
		}
		return out[i].pos > out[j].pos
	})
	return out, covered
}

// freeWord reports whether t is a vocabulary word that fires in any
// company (not only alone, as register variables such as Civil do).
func (v *vocabulary) freeWord(t string) bool {
	for _, e := range v.byToken[t] {
		if !e.alone {
			return true
		}
	}
	return false
}

// anyMeasure reports whether any word is a measure word.
func (v *vocabulary) anyMeasure(ws []string) bool {
	for _, w := range ws {
		if v.measures[w] {
			return true
		}
	}
	return false
}

// onlyStructural reports whether every word is a subject, neutral or
// measure word, or a number (SOCIO13, BESKST_2013).
func (v *vocabulary) onlyStructural(ws []string) bool {
	for _, w := range ws {
		if !v.subjects[w] && !v.neutral[w] && !v.measures[w] && !isDigits(w) {
			return false
		}
	}
	return true
}

// applies checks an entry's trap list and its "alone" condition.
func (v *vocabulary) applies(e *entry, tokens []string, present map[string]bool, pos, span int) bool {
	for u := range e.unless {
		if present[u] {
			return false
		}
	}
	if e.alone {
		others := make([]string, 0, len(tokens))
		others = append(others, tokens[:pos]...)
		others = append(others, tokens[pos+span:]...)
		return v.onlyStructural(others)
	}
	return true
}

// inflected returns the vocabulary entries whose word has the same stem as
// t in the entry's language (Snowball; stem.go), and the stem that matched.
// Stems shorter than minPart letters are not used.
func (v *vocabulary) inflected(t string) (string, []*entry) {
	var (
		found   []*entry
		matched string
		seen    = map[*entry]bool{}
	)
	for _, lang := range stemLanguages {
		st := stem(lang, t)
		if len(st) < minPart {
			continue
		}
		for _, e := range v.byStem[lang][st] {
			if !seen[e] {
				seen[e] = true
				found = append(found, e)
				if matched == "" {
					matched = e.tokens[0]
				}
			}
		}
	}
	return matched, found
}

// stemCache holds the stems of a name's tokens, per language, as phrases
// ask for them.
type stemCache map[[2]string]string

func (c stemCache) of(lang, tok string) string {
	k := [2]string{lang, tok}
	if st, ok := c[k]; ok {
		return st
	}
	st := stem(lang, tok)
	c[k] = st
	return st
}

// equal reports whether the tokens have the stems of the phrase's words in
// its language (psychische problemen, medische gronden).
func (c stemCache) equal(e *entry, tokens []string) bool {
	if len(tokens) != len(e.stems) {
		return false
	}
	for i, t := range tokens {
		if c.of(e.lang, t) != e.stems[i] {
			return false
		}
	}
	return true
}
