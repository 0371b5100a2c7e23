package classify

import (
	"bytes"
	_ "embed"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/i18n"
	"gopkg.in/yaml.v3"
)

// names.yaml, registers.yaml and abbreviations.yaml are the vocabulary as
// people edit it; vocabulary.tsv is the same in a line format with the
// terms' folded words and stems (vocabfile.go), generated from them by `go
// test ./lint/classify -run TestVocabularyFile -update` and checked by that
// test, because decoding YAML, and then JSON, took most of a --schema-only
// run's time (docs/performance.md).
var (
	//go:embed names.yaml
	namesYAML []byte
	//go:embed registers.yaml
	registersYAML []byte
	//go:embed abbreviations.yaml
	abbreviationsYAML []byte
	//go:embed vocabulary.tsv
	vocabularyFile []byte
)

// NameMatch is one vocabulary entry that fired on a column name.
type NameMatch struct {
	// Token is the normalised token or tokens that fired, e.g. "kon" or
	// "adresseskift"; for a compound, the part that decided.
	Token string
	// Entry is the vocabulary entry with its language, e.g. "køn (da)".
	Entry string
	// Language is da, en, no, sv, de, nl or fi; "" when a rule, not an
	// entry, made the match (a data subject's number). Explanations say
	// it in words (languageName).
	Language string
	Category string
	// Strength is how surely the entry names the category, 0..1.
	Strength float64
	// Reading says how a code in the name was read as abbreviated words
	// ("civ(il)·st(atus)"), or "" when the words were written out.
	Reading string
	// identifier is the direct-identifier kind the entry implies, if any.
	identifier string
	// pos is the index of the first token that fired; later tokens win ties
	// (in household_income the head word income decides).
	pos int
	// term is the vocabulary entry's folded words ("" for a rule), and
	// qualifier, when the rest of the name changed the match's category,
	// the explanation's format for it (qualify.go).
	term, qualifier string
}

// languageNames are the vocabulary's languages in words, for explanations
// a reader who does not know ISO 639-1 codes can follow.
var languageNames = map[string]string{
	"da": i18n.N("Danish"), "en": i18n.N("English"), "no": i18n.N("Norwegian"), "sv": i18n.N("Swedish"),
	"de": i18n.N("German"), "nl": i18n.N("Dutch"), "fi": i18n.N("Finnish"),
}

// languageName is the language of code in words ("Danish", in Danish
// "dansk"); an unknown code is shown as it is.
func languageName(code string) i18n.Msg {
	if n, ok := languageNames[code]; ok {
		return i18n.M(n)
	}
	return i18n.M("%s", code)
}

// Vocabulary entry kinds.
const (
	kindToken  = "token"
	kindPhrase = "phrase"
)

type entryYAML struct {
	Term       string   `yaml:"term"`
	Lang       string   `yaml:"lang"`
	Strength   float64  `yaml:"strength"`
	Kind       string   `yaml:"kind"`
	Unless     []string `yaml:"unless"`
	Alone      bool     `yaml:"alone"`
	Identifier string   `yaml:"identifier"`
	// Tune lists the datasets of the evaluation corpus's tune part whose
	// misses motivated the entry (testdata/eval/tune); the leave-out
	// evaluation scores each of them without it. Not loaded at run time.
	Tune []string `yaml:"tune"`
	// Tokens and Stems are the term's folded words and their stems in
	// Lang, computed when vocabulary.tsv is generated so that loading does not
	// fold and stem every term again (names.yaml never has them).
	Tokens []string `yaml:"-"`
	Stems  []string `yaml:"-"`
}

type vocabYAML struct {
	Neutral  []string `yaml:"neutral"`
	Subjects []string `yaml:"subjects"`
	// Parents name a person's parents; they are subject words too.
	Parents []string `yaml:"parents"`
	// Children, Counts, Durations, Addresses and Distinct are the words of
	// qualified names (qualify.go).
	Children  []string `yaml:"children"`
	Counts    []string `yaml:"counts"`
	Durations []string `yaml:"durations"`
	Addresses []string `yaml:"addresses"`
	Distinct  []string `yaml:"distinct"`
	// Contacting name who contacts a person (a party, a campaign):
	// contact beside one is an event, not contact details (qualify.go).
	Contacting []string `yaml:"contacting"`
	Measures   []string `yaml:"measures"`
	// Organisations name companies, workplaces and other things that are
	// not persons (identifier entries do not fire beside them).
	Organisations []string  `yaml:"organisations"`
	Roles         rolesYAML `yaml:"roles"`
	// Registers come from registers.yaml.
	Registers []registerYAML `yaml:"registers"`
	// Abbreviations and Onsets come from abbreviations.yaml.
	Abbreviations []abbrevBlockYAML `yaml:"abbreviations"`
	// Onsets are the consonant pairs that begin words of the six
	// languages (abbrev.go: a code may start with letters that begin no
	// word).
	Onsets     []string               `yaml:"onsets"`
	Categories map[string][]entryYAML `yaml:"categories"`
}

// entry is a loaded vocabulary entry.
type entry struct {
	term       string   // as written
	tokens     []string // folded tokens
	stems      []string // their stems in lang
	lang       string
	category   string
	strength   float64
	unless     map[string]bool
	alone      bool
	identifier string
	// register marks a register's variable name (registers.yaml): a code,
	// not a word an abbreviation may stand for.
	register bool
}

// vocabulary is the loaded name vocabulary.
type vocabulary struct {
	byToken map[string][]*entry // single-token entries and solid-written phrases
	// byStem indexes single-token entries by language and the stem of
	// their word in that language.
	byStem   map[string]map[string][]*entry
	phrases  []*entry // multi-token entries, longest first
	neutral  map[string]bool
	subjects map[string]bool
	// parents are the subject words naming a parent (mother, far,
	// eltern): a parent's country of birth or citizenship is the person's
	// origin (parentOrigin).
	parents  map[string]bool
	measures map[string]bool
	// children, counts, durations, addresses and distinct qualify a
	// match (qualify.go).
	children, counts, durations, addresses, distinct map[string]bool
	// contacting are the words of who contacts a person (qualify.go).
	contacting map[string]bool
	// onsets are the consonant pairs that begin words (abbrev.go).
	onsets map[string]bool
	// organisations are words naming a company or workplace: identifier
	// entries do not fire beside them.
	organisations map[string]bool
	roles         roleWords
	// abbrev reads codes of abbreviated words (abbrev.go), built on first
	// use from the vocabulary and the conventional abbreviations (known):
	// a schema without codes never pays for it.
	abbrev     *abbrevIndex
	abbrevOnce sync.Once
	known      map[string][]string
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
		raw, err := decodeVocabFile(vocabularyFile)
		var v *vocabulary
		if err == nil {
			v, err = buildVocabulary(raw)
		}
		if err != nil {
			panic("classify: embedded vocabulary.tsv: " + err.Error())
		}
		vocab = v
	})
	return vocab
}

var languages = map[string]bool{"da": true, "en": true, "no": true, "sv": true, "de": true, "nl": true, "fi": true}

// parseVocabulary reads and checks a names.yaml document.
func parseVocabulary(data []byte) (*vocabulary, error) {
	raw, err := decodeVocabulary(data, nil, nil)
	if err != nil {
		return nil, err
	}
	return buildVocabulary(raw)
}

// registerYAML is one register's block of registers.yaml.
type registerYAML struct {
	Register  string            `yaml:"register"`
	Lang      string            `yaml:"lang"`
	Source    string            `yaml:"source"`
	Licence   string            `yaml:"licence"`
	Strength  float64           `yaml:"strength"`
	Variables map[string]string `yaml:"variables"`
	// Tune names the datasets of the evaluation corpus's tune part that
	// document this register (the leave-out evaluation scores them
	// without it). Not loaded at run time.
	Tune []string `yaml:"tune"`
}

// abbrevBlockYAML is one source's block of abbreviations.yaml.
type abbrevBlockYAML struct {
	Source  string `yaml:"source"`
	Licence string `yaml:"licence"`
	Lang    string `yaml:"lang"`
	// Tune: as for registers (registerYAML.Tune).
	Tune []string `yaml:"tune"`
	// Abbreviations maps an abbreviation to the word it stands for.
	Abbreviations map[string]string `yaml:"abbreviations"`
}

// decodeVocabulary reads names.yaml and, when given, registers.yaml and
// abbreviations.yaml.
func decodeVocabulary(names, registers, abbreviations []byte) (vocabYAML, error) {
	var raw vocabYAML
	dec := yaml.NewDecoder(bytes.NewReader(names))
	dec.KnownFields(true)
	if err := dec.Decode(&raw); err != nil {
		return raw, err
	}
	if registers != nil {
		var r struct {
			Registers []registerYAML `yaml:"registers"`
		}
		dec := yaml.NewDecoder(bytes.NewReader(registers))
		dec.KnownFields(true)
		if err := dec.Decode(&r); err != nil {
			return raw, fmt.Errorf("registers.yaml: %w", err)
		}
		raw.Registers = r.Registers
	}
	if abbreviations != nil {
		var a struct {
			Abbreviations []abbrevBlockYAML `yaml:"abbreviations"`
			Onsets        []string          `yaml:"onsets"`
		}
		dec := yaml.NewDecoder(bytes.NewReader(abbreviations))
		dec.KnownFields(true)
		if err := dec.Decode(&a); err != nil {
			return raw, fmt.Errorf("abbreviations.yaml: %w", err)
		}
		raw.Abbreviations = a.Abbreviations
		raw.Onsets = a.Onsets
	}
	return raw, nil
}

// registerEntries turns the registers' variables into vocabulary entries,
// by category.
func registerEntries(regs []registerYAML) (map[string][]entryYAML, error) {
	out := map[string][]entryYAML{}
	for _, r := range regs {
		if r.Register == "" || r.Source == "" || r.Licence == "" {
			return nil, fmt.Errorf("register %q: register, source and licence are required", r.Register)
		}
		for _, name := range sortedKeys(r.Variables) {
			cat := r.Variables[name]
			toks := words(name)
			e := entryYAML{Term: name, Lang: r.Lang, Strength: r.Strength}
			if len(toks) > 1 {
				e.Kind = kindPhrase
			}
			if len(toks) == 1 {
				e.Alone = true
			}
			out[cat] = append(out[cat], e)
		}
	}
	return out, nil
}

// buildVocabulary checks a decoded vocabulary and indexes it.
func buildVocabulary(raw vocabYAML) (*vocabulary, error) {
	n := 0 // entries, to size the maps (growing them was most of the load time)
	for _, es := range raw.Categories {
		n += len(es)
	}
	for _, r := range raw.Registers {
		n += len(r.Variables)
	}
	v := &vocabulary{
		byToken:    make(map[string][]*entry, n),
		byStem:     map[string]map[string][]*entry{},
		neutral:    foldSet(raw.Neutral),
		subjects:   foldSet(raw.Subjects),
		parents:    foldSet(raw.Parents),
		measures:   foldSet(raw.Measures),
		children:   foldSet(raw.Children),
		counts:     foldSet(raw.Counts),
		durations:  foldSet(raw.Durations),
		addresses:  foldSet(raw.Addresses),
		distinct:   foldSet(raw.Distinct),
		contacting: foldSet(raw.Contacting),
		onsets:     foldSet(raw.Onsets),
		lexicon:    make(map[string]bool, n+len(raw.Neutral)+len(raw.Subjects)+len(raw.Parents)),
	}
	v.roles = newRoleWords(raw.Roles)
	v.organisations = foldSet(raw.Organisations)
	for w := range v.neutral {
		v.lexicon[w] = true
	}
	for w := range v.parents {
		v.subjects[w] = true
	}
	for w := range v.subjects {
		v.lexicon[w] = true
	}
	seen := make(map[string]bool, n)
	regs, err := registerEntries(raw.Registers)
	if err != nil {
		return nil, err
	}
	add := func(cat string, e entryYAML, register bool) error {
		en, err := newEntry(cat, e)
		if err != nil {
			return fmt.Errorf("category %s, term %q: %w", cat, e.Term, err)
		}
		en.register = register
		key := cat + "\x00" + strings.Join(en.tokens, " ")
		if seen[key] {
			if register {
				return nil // a register variable the vocabulary already names (ALDER)
			}
			return fmt.Errorf("category %s: term %q is listed twice (after folding)", cat, e.Term)
		}
		seen[key] = true
		solid := strings.Join(en.tokens, "")
		v.byToken[solid] = append(v.byToken[solid], en)
		if len(en.tokens) > 1 {
			v.phrases = append(v.phrases, en)
		}
		v.lexicon[solid] = true
		if len(en.tokens) == 1 {
			st := en.stems[0]
			if v.byStem[en.lang] == nil {
				v.byStem[en.lang] = make(map[string][]*entry, n/4)
			}
			v.byStem[en.lang][st] = append(v.byStem[en.lang][st], en)
		}
		return nil
	}
	for _, list := range []struct {
		cats     map[string][]entryYAML
		register bool
	}{{raw.Categories, false}, {regs, true}} {
		for _, cat := range sortedKeys(list.cats) {
			if !featuremap.ValidCategory(cat) || cat == "other" {
				return nil, fmt.Errorf("category %q is not a contract category", cat)
			}
			for _, e := range list.cats[cat] {
				if err := add(cat, e, list.register); err != nil {
					return nil, err
				}
			}
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
	known, err := knownAbbreviations(raw.Abbreviations)
	if err != nil {
		return nil, err
	}
	v.known = known
	phraseWords := map[string]bool{}
	for _, e := range v.phrases {
		for _, t := range e.tokens {
			phraseWords[t] = true
		}
	}
	for a, ws := range known {
		for _, w := range ws {
			if !v.lexicon[w] && !v.measures[w] && !v.organisations[w] && !phraseWords[w] {
				return nil, fmt.Errorf("abbreviation %q: %q is not a vocabulary, phrase or structural word", a, w)
			}
		}
	}
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
	toks := e.Tokens
	if toks == nil {
		toks = words(e.Term)
	}
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
	var unless map[string]bool // nil when empty: most entries have none
	for _, u := range e.Unless {
		if unless == nil {
			unless = make(map[string]bool, len(e.Unless))
		}
		ut := words(u)
		if len(ut) != 1 {
			return nil, fmt.Errorf("unless word %q must be one word", u)
		}
		unless[ut[0]] = true
	}
	stems := e.Stems
	if len(stems) != len(toks) {
		stems = make([]string, len(toks))
		for i, t := range toks {
			stems[i] = stem(e.Lang, t)
		}
	}
	return &entry{
		term: e.Term, tokens: toks, stems: stems, lang: e.Lang, category: cat, strength: e.Strength,
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

// knownAbbreviations folds and checks the conventional abbreviations:
// abbreviation → the words it stands for, sorted.
func knownAbbreviations(blocks []abbrevBlockYAML) (map[string][]string, error) {
	known := map[string][]string{}
	for _, b := range blocks {
		if b.Source == "" || b.Licence == "" {
			return nil, fmt.Errorf("abbreviations: source and licence are required")
		}
		if !languages[b.Lang] {
			return nil, fmt.Errorf("abbreviations from %s: unknown lang %q", b.Source, b.Lang)
		}
		for _, a := range sortedKeys(b.Abbreviations) {
			at, wt := words(a), words(b.Abbreviations[a])
			if len(at) != 1 || len(wt) != 1 || !isLetters(at[0]) {
				return nil, fmt.Errorf("abbreviation %q: %q: both must be one word of letters", a, b.Abbreviations[a])
			}
			if !slices.Contains(known[at[0]], wt[0]) {
				known[at[0]] = append(known[at[0]], wt[0])
				slices.Sort(known[at[0]])
			}
		}
	}
	return known, nil
}

// codeReader returns the index that reads codes, building it on first use.
func (v *vocabulary) codeReader() *abbrevIndex {
	v.abbrevOnce.Do(func() { v.abbrev = newAbbrevIndex(v, v.known) })
	return v.abbrev
}
