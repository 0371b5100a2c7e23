package classify

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/saglig/saglig/featuremap"
)

// names.yaml is the vocabulary as people edit it; names.json is the same
// document as JSON, generated from it by `go test ./lint/classify -run
// TestNamesJSON -update` and checked by that test, because decoding YAML took
// most of a --schema-only run's time (docs/performance.md).
var (
	//go:embed names.yaml
	namesYAML []byte
	//go:embed names.json
	namesJSON []byte
)

// NameMatch is one vocabulary entry that fired on a column name.
type NameMatch struct {
	// Token is the normalised token or tokens that fired, e.g. "kon" or
	// "adresseskift"; for a compound, the part that decided.
	Token string
	// Entry is the vocabulary entry with its language, e.g. "køn (da)".
	Entry string
	// Language is da, en, no, sv, de or nl.
	Language string
	Category string
	// Strength is how surely the entry names the category, 0..1.
	Strength float64
	// identifier is the direct-identifier kind the entry implies, if any.
	identifier string
	// pos is the index of the first token that fired; later tokens win ties
	// (in household_income the head word income decides).
	pos int
}

// Vocabulary entry kinds.
const (
	kindToken  = "token"
	kindPhrase = "phrase"
)

type entryYAML struct {
	Term       string   `yaml:"term" json:"term"`
	Lang       string   `yaml:"lang" json:"lang"`
	Strength   float64  `yaml:"strength" json:"strength,omitempty"`
	Kind       string   `yaml:"kind" json:"kind,omitempty"`
	Unless     []string `yaml:"unless" json:"unless,omitempty"`
	Alone      bool     `yaml:"alone" json:"alone,omitempty"`
	Identifier string   `yaml:"identifier" json:"identifier,omitempty"`
}

type vocabYAML struct {
	Neutral    []string               `yaml:"neutral" json:"neutral"`
	Subjects   []string               `yaml:"subjects" json:"subjects"`
	Measures   []string               `yaml:"measures" json:"measures"`
	Categories map[string][]entryYAML `yaml:"categories" json:"categories"`
}

// entry is a loaded vocabulary entry.
type entry struct {
	term       string   // as written
	tokens     []string // folded tokens
	lang       string
	category   string
	strength   float64
	unless     map[string]bool
	alone      bool
	identifier string
}

// vocabulary is the loaded name vocabulary.
type vocabulary struct {
	byToken  map[string][]*entry // single-token entries and solid-written phrases
	phrases  []*entry            // multi-token entries, longest first
	neutral  map[string]bool
	subjects map[string]bool
	measures map[string]bool
	// lexicon holds every word a compound may be split into.
	lexicon map[string]bool
	// maxWord is the longest lexicon word, in bytes.
	maxWord int
}

var (
	vocabOnce sync.Once
	vocab     *vocabulary
)

// loadedVocabulary returns the embedded vocabulary, loaded once. The file
// ships inside the binary and a test loads it, so a failure here is a
// build defect, not bad user input.
func loadedVocabulary() *vocabulary {
	vocabOnce.Do(func() {
		var raw vocabYAML
		dec := json.NewDecoder(bytes.NewReader(namesJSON))
		dec.DisallowUnknownFields()
		err := dec.Decode(&raw)
		var v *vocabulary
		if err == nil {
			v, err = buildVocabulary(raw)
		}
		if err != nil {
			panic("classify: embedded names.json: " + err.Error())
		}
		vocab = v
	})
	return vocab
}

var languages = map[string]bool{"da": true, "en": true, "no": true, "sv": true, "de": true, "nl": true}

// parseVocabulary reads and checks a names.yaml document.
func parseVocabulary(data []byte) (*vocabulary, error) {
	var raw vocabYAML
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&raw); err != nil {
		return nil, err
	}
	return buildVocabulary(raw)
}

// buildVocabulary checks a decoded vocabulary and indexes it.
func buildVocabulary(raw vocabYAML) (*vocabulary, error) {
	v := &vocabulary{
		byToken:  map[string][]*entry{},
		neutral:  foldSet(raw.Neutral),
		subjects: foldSet(raw.Subjects),
		measures: foldSet(raw.Measures),
		lexicon:  map[string]bool{},
	}
	for w := range v.neutral {
		v.lexicon[w] = true
	}
	for w := range v.subjects {
		v.lexicon[w] = true
	}
	seen := map[string]bool{}
	cats := make([]string, 0, len(raw.Categories))
	for c := range raw.Categories {
		cats = append(cats, c)
	}
	sort.Strings(cats)
	for _, cat := range cats {
		if !featuremap.ValidCategory(cat) || cat == "other" {
			return nil, fmt.Errorf("category %q is not a contract category", cat)
		}
		for _, e := range raw.Categories[cat] {
			en, err := newEntry(cat, e)
			if err != nil {
				return nil, fmt.Errorf("category %s, term %q: %w", cat, e.Term, err)
			}
			key := cat + "\x00" + strings.Join(en.tokens, " ")
			if seen[key] {
				return nil, fmt.Errorf("category %s: term %q is listed twice (after folding)", cat, e.Term)
			}
			seen[key] = true
			solid := strings.Join(en.tokens, "")
			v.byToken[solid] = append(v.byToken[solid], en)
			if len(en.tokens) > 1 {
				v.phrases = append(v.phrases, en)
			}
			v.lexicon[solid] = true
		}
	}
	for _, c := range featuremap.Categories {
		if c == "other" {
			continue
		}
		if len(raw.Categories[c]) == 0 {
			return nil, fmt.Errorf("category %s has no entries", c)
		}
	}
	sort.SliceStable(v.phrases, func(i, j int) bool { return len(v.phrases[i].tokens) > len(v.phrases[j].tokens) })
	for w := range v.lexicon {
		if len(w) > v.maxWord {
			v.maxWord = len(w)
		}
	}
	return v, nil
}

func newEntry(cat string, e entryYAML) (*entry, error) {
	if strings.TrimSpace(e.Term) == "" {
		return nil, fmt.Errorf("empty term")
	}
	if !languages[e.Lang] {
		return nil, fmt.Errorf("unknown lang %q (want da, en, no, sv, de or nl)", e.Lang)
	}
	if e.Strength <= 0 || e.Strength > 1 {
		return nil, fmt.Errorf("strength %v outside (0, 1]", e.Strength)
	}
	if _, ok := identifierKinds[e.Identifier]; e.Identifier != "" && !ok {
		return nil, fmt.Errorf("unknown identifier %q (want one of %s)", e.Identifier, strings.Join(IdentifierKinds(), ", "))
	}
	toks := words(e.Term)
	kind := e.Kind
	if kind == "" {
		kind = kindToken
	}
	switch kind {
	case kindToken:
		if len(toks) != 1 {
			return nil, fmt.Errorf("a token term must be one word; use kind: phrase")
		}
	case kindPhrase:
		if len(toks) < 2 {
			return nil, fmt.Errorf("a phrase needs at least two words")
		}
	default:
		return nil, fmt.Errorf("unknown kind %q (want token or phrase)", kind)
	}
	unless := map[string]bool{}
	for _, u := range e.Unless {
		ut := words(u)
		if len(ut) != 1 {
			return nil, fmt.Errorf("unless word %q must be one word", u)
		}
		unless[ut[0]] = true
	}
	return &entry{
		term: e.Term, tokens: toks, lang: e.Lang, category: cat, strength: e.Strength,
		unless: unless, alone: e.Alone, identifier: e.Identifier,
	}, nil
}

func foldSet(list []string) map[string]bool {
	m := map[string]bool{}
	for _, w := range list {
		for _, t := range words(w) {
			m[t] = true
		}
	}
	return m
}

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
	tokens, window := normalise(name)
	return loadedVocabulary().match(tokens), window
}

func (v *vocabulary) match(tokens []string) []NameMatch {
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
	add := func(e *entry, tok string, pos int, factor float64, span int) {
		if !v.applies(e, tokens, present, pos, span) {
			return
		}
		m := NameMatch{
			Token: tok, Entry: fmt.Sprintf("%s (%s)", e.term, e.lang), Language: e.lang,
			Category: e.category, Strength: round2(e.strength * factor), identifier: e.identifier, pos: pos,
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
			if anyUsed(used[i:i+n]) || !equalTokens(tokens[i:i+n], e.tokens) {
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
		if used[i] || used[i+1] || v.byToken[tokens[i]] != nil || v.byToken[tokens[i+1]] != nil {
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
		if stem, es := v.inflected(t); es != nil {
			for _, e := range es {
				add(e, stem, i, inflectFactor, 1)
			}
			continue
		}
		for _, group := range v.compound(t) {
			before := len(out)
			for _, cm := range group {
				if cm.e.alone && !v.onlyStructural(cm.others) {
					continue // kommunenavn is not a person's name
				}
				add(cm.e, cm.part, i, cm.factor, 1)
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
	return out
}

// onlyStructural reports whether every word is a subject, neutral or measure word.
func (v *vocabulary) onlyStructural(ws []string) bool {
	for _, w := range ws {
		if !v.subjects[w] && !v.neutral[w] && !v.measures[w] {
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

// inflectionSuffixes are Danish, Norwegian, Swedish and German definite and
// plural endings, longest first (folkekirken, gælden, umzüge, verstöße).
var inflectionSuffixes = []string{"erne", "ene", "en", "et", "ne", "er", "e", "n", "s"}

// inflected returns the vocabulary entries of t with an inflection ending
// removed, and the stem that matched.
func (v *vocabulary) inflected(t string) (string, []*entry) {
	for _, suf := range inflectionSuffixes {
		stem, ok := strings.CutSuffix(t, suf)
		if !ok || len(stem) < minPart {
			continue
		}
		var es []*entry
		for _, e := range v.byToken[stem] {
			if len(e.tokens) == 1 {
				es = append(es, e)
			}
		}
		if len(es) > 0 {
			return stem, es
		}
	}
	return "", nil
}

type compoundMatch struct {
	e      *entry
	part   string
	factor float64
	// others are the compound's other parts.
	others []string
}

// compound splits a token that is not itself a known word into known words,
// with an optional Danish/German linking s or e between parts. Compounds are
// right-headed (husstandsindkomst is an income), so it returns the candidate
// entries part by part from the last to the first; the caller takes the
// first part that yields a match. When no full split exists, a long
// vocabulary word at the end of the token still counts as the head
// (bruttoindkomst).
func (v *vocabulary) compound(t string) [][]compoundMatch {
	if len(t) < 2*minShortPart || len(t) > maxCompound || v.lexicon[t] {
		return nil
	}
	if parts := v.split(t); len(parts) > 1 {
		var groups [][]compoundMatch
		for k := len(parts) - 1; k >= 0; k-- {
			es := v.byToken[parts[k]]
			if len(es) == 0 {
				continue
			}
			if len(parts[k]) < minPart && !v.partnersSolid(parts, k) {
				continue
			}
			others := make([]string, 0, len(parts)-1)
			others = append(others, parts[:k]...)
			others = append(others, parts[k+1:]...)
			group := make([]compoundMatch, 0, len(es))
			for _, e := range es {
				group = append(group, compoundMatch{e: e, part: parts[k], factor: compoundFactor, others: others})
			}
			groups = append(groups, group)
		}
		return groups
	}
	// Head-only: the longest vocabulary word that ends the token.
	for start := max(3, len(t)-v.maxWord); start <= len(t)-minHead; start++ {
		head := t[start:]
		if es, ok := v.byToken[head]; ok {
			group := make([]compoundMatch, 0, len(es))
			for _, e := range es {
				group = append(group, compoundMatch{e: e, part: head, factor: headFactor, others: []string{t[:start]}})
			}
			return [][]compoundMatch{group}
		}
	}
	return nil
}

// partnersSolid reports whether every part other than parts[k] is a lexicon
// word of at least minPart letters (so a short head like "kon" or "age" only
// counts inside a compound such as agegroup, never in kontor or passage).
func (v *vocabulary) partnersSolid(parts []string, k int) bool {
	for i, p := range parts {
		if i != k && len(p) < minPart {
			return false
		}
	}
	return true
}

// split segments t into lexicon words (each at least minShortPart letters, a
// linking "s" or "e" allowed after any part but the last), preferring the
// fewest parts, then the fewest linking letters. It returns nil when t
// cannot be covered.
func (v *vocabulary) split(t string) []string {
	n := len(t)
	const inf = 1 << 30
	best := make([]int, n+1)
	prev := make([]int, n+1)
	word := make([]int, n+1) // end of the word proper (before a linking letter)
	for i := range best {
		best[i] = inf
	}
	best[0] = 0
	for i := 0; i < n; i++ {
		if best[i] == inf {
			continue
		}
		maxEnd := i + v.maxWord
		if maxEnd > n {
			maxEnd = n
		}
		for j := i + minShortPart; j <= maxEnd; j++ {
			if !v.lexicon[t[i:j]] {
				continue
			}
			ends := []int{j}
			if j < n && (t[j] == 's' || t[j] == 'e') {
				ends = append(ends, j+1)
			}
			for _, e := range ends {
				if e == n && e != j {
					continue // a linking letter never ends the word
				}
				// Cost: 10 per part, 1 per linking letter (kommune+navn
				// beats kommun+e+navn).
				cost := best[i] + 10 + (e - j)
				if cost < best[e] {
					best[e] = cost
					prev[e] = i
					word[e] = j
				}
			}
		}
	}
	if best[n] == inf {
		return nil
	}
	var parts []string
	for e := n; e > 0; e = prev[e] {
		parts = append(parts, t[prev[e]:word[e]])
	}
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	return parts
}

func anyUsed(b []bool) bool {
	for _, x := range b {
		if x {
			return true
		}
	}
	return false
}

func equalTokens(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func round2(f float64) float64 {
	return float64(int(f*100+0.5)) / 100
}

// GuessRole guesses a column's role for `saglig init` from its name: "id"
// (borger_id, cpr, cpr_nr, personnummer, *_id), "timestamp" (dato, date, ts,
// tidspunkt, observation_date), "target" (target, label, y, outcome,
// i_job_*), or "" for an ordinary input. A name that names a personal
// characteristic is never a timestamp or an id (fodselsdato is age,
// kommune_id is a residential area).
func GuessRole(name string) string {
	all := words(name)
	if len(all) == 0 {
		return ""
	}
	for _, t := range all {
		if targetWords[t] {
			return "target"
		}
	}
	if (len(all) == 1 && all[0] == "y") || (len(all) >= 2 && all[0] == "i" && all[1] == "job") {
		return "target"
	}
	matches, _ := ClassifyName(name)
	characteristic := false
	for _, m := range matches {
		if m.identifier == "cpr" {
			return "id"
		}
		if m.Category != "identifier" && m.Category != "contact" && m.Strength >= 0.7 {
			characteristic = true
		}
	}
	for _, t := range all {
		if idWords[t] && !characteristic {
			return "id"
		}
	}
	if characteristic {
		return ""
	}
	for _, t := range all {
		if timeWords[t] {
			return "timestamp"
		}
		for _, s := range timeSuffixes {
			if len(t) > len(s) && strings.HasSuffix(t, s) {
				return "timestamp"
			}
		}
	}
	return ""
}

var (
	targetWords = map[string]bool{"target": true, "label": true, "outcome": true, "udfald": true, "malvariabel": true, "zielvariable": true}
	idWords     = map[string]bool{"id": true, "uuid": true, "guid": true, "pseudonym": true, "lbnr": true, "lobenummer": true, "pnr": true, "key": true}
	timeWords   = map[string]bool{
		"dato": true, "date": true, "ts": true, "tidspunkt": true, "timestamp": true, "datetime": true,
		"time": true, "datum": true, "dt": true, "tid": true, "tidsstempel": true, "zeitpunkt": true,
		"tijdstip": true, "created": true, "updated": true,
	}
	timeSuffixes = []string{"dato", "datum", "tidspunkt"} // Danish and German compounds: observationsdato
)
