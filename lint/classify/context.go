package classify

import (
	"bytes"
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/i18n"
	"gopkg.in/yaml.v3"
)

// # The table's context
//
// Classify sees one column. ClassifyTable sees the table: it classifies
// every column on its own, then asks whether the table as a whole is of a
// kind that says more about some of its columns (contexts.yaml). One
// context is known, a record of health care: when enough of a table's
// columns are confidently health data (diagnoses, procedures, medication,
// keys of care records), the columns that describe the episode of care —
// admission and discharge, the visit, the ward, department, specialty or
// provider of the contact, the referral, the waiting time, the length of
// stay — are information collected in the course of providing health care
// (GDPR recital 35) and are health data too. A table with one health
// column among many (a job centre's table with a diagnosis) is no such
// record, and its dates and departments stay what they are.
//
// A category the map declares always wins: a declared column is counted as
// evidence about the table and never changed, and a category given by the
// context is weaker than StrongConfidence, so it never contradicts a
// declaration (SAG105).

//go:embed contexts.yaml
var contextsYAML []byte

// contextDescriptions are the words an explanation uses for each context
// of contexts.yaml: "part of a record of health care".
var contextDescriptions = map[string]string{
	"health-care": i18n.N("a record of health care"),
}

type contextsFileYAML struct {
	Contexts []contextYAML `yaml:"contexts"`
}

type contextYAML struct {
	Name          string             `yaml:"name"`
	Category      string             `yaml:"category"`
	MinColumns    int                `yaml:"min_columns"`
	MinShare      float64            `yaml:"min_share"`
	MinConfidence float64            `yaml:"min_confidence"`
	EveryShare    float64            `yaml:"every_share"`
	Confidence    float64            `yaml:"confidence"`
	Words         []contextWordsYAML `yaml:"words"`
	Not           []string           `yaml:"not"`
}

type contextWordsYAML struct {
	Lang  string   `yaml:"lang"`
	Terms []string `yaml:"terms"`
	Tune  []string `yaml:"tune"`
}

// tableContext is a loaded context.
type tableContext struct {
	name, category string
	describe       string
	// The table is of this context when at least minColumns of its
	// columns, and at least minShare of them, are of category: declared,
	// or inferred with at least minConfidence.
	minColumns    int
	minShare      float64
	minConfidence float64
	// everyShare: in a table of which at least this share is of
	// category, every column without a category of its own (not a key,
	// not metadata) is an attribute of the record, whatever its name.
	everyShare float64
	// confidence is that of a category the context gives.
	confidence float64
	// words are the context's words; not are words of technical metadata.
	words, not *wordSet
}

// wordSet is a set of words, folded, with their language, read in column
// names as whole tokens, through a stemmer, or at the start or end of a
// compound written solid.
type wordSet struct {
	words map[string]string // word → language ("" for none)
	// stems index the words by language and stem.
	stems map[string]map[string]string
	// long are the words of compoundLetters or more, which may begin or
	// end a token written solid.
	long []string
}

func newWordSet() *wordSet {
	return &wordSet{words: map[string]string{}, stems: map[string]map[string]string{}}
}

// add adds a one-word term of a language ("" when it has none).
func (ws *wordSet) add(term, lang string) error {
	toks := words(term)
	if len(toks) != 1 {
		return fmt.Errorf("term %q must be one word", term)
	}
	w := toks[0]
	if l, dup := ws.words[w]; dup {
		if l == lang {
			return fmt.Errorf("term %q listed twice", term)
		}
		return nil // a word of several languages explains in the first
	}
	ws.words[w] = lang
	if lang != "" {
		if s := stem(lang, w); len(s) >= minContextStem {
			if ws.stems[lang] == nil {
				ws.stems[lang] = map[string]string{}
			}
			ws.stems[lang][s] = w
		}
	}
	if len(w) >= compoundLetters {
		ws.long = append(ws.long, w)
	}
	return nil
}

// find returns the first word of the set a column name carries, with its
// language, or "" when it carries none.
func (ws *wordSet) find(name string) (word, lang string) {
	toks := words(name)
	for _, t := range toks {
		if l, ok := ws.words[t]; ok {
			return t, l
		}
	}
	for _, t := range toks {
		for _, l := range sortedKeys(ws.stems) {
			if s := stem(l, t); len(s) >= minContextStem {
				if w, ok := ws.stems[l][s]; ok {
					return w, l
				}
			}
		}
		for _, w := range ws.long {
			if len(t) > len(w) && (strings.HasPrefix(t, w) || strings.HasSuffix(t, w)) {
				return w, ws.words[w]
			}
		}
	}
	return "", ""
}

// compoundLetters is the length from which a context word, folded, is
// read at the start or end of a longer token (besøgsdato, wachttijd):
// shorter words begin or end unrelated words by chance.
const compoundLetters = 5

// minContextStem is the shortest stem a stemmed match may rest on.
const minContextStem = 4

var (
	contextsOnce   sync.Once
	loadedContexts []*tableContext
)

// tableContexts returns the embedded contexts, loaded once. The file ships
// inside the binary and a test loads it, so a failure is a build defect.
func tableContexts() []*tableContext {
	contextsOnce.Do(func() {
		cs, err := parseContexts(contextsYAML, "")
		if err != nil {
			panic("classify: embedded contexts.yaml: " + err.Error())
		}
		loadedContexts = cs
	})
	return loadedContexts
}

// parseContexts reads and checks a contexts.yaml document; the blocks of
// words whose tune: list names leaveOut are left out (the leave-out
// evaluation).
func parseContexts(data []byte, leaveOut string) ([]*tableContext, error) {
	var raw contextsFileYAML
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&raw); err != nil {
		return nil, err
	}
	var out []*tableContext
	for _, c := range raw.Contexts {
		tc, err := newContext(c, leaveOut)
		if err != nil {
			return nil, fmt.Errorf("context %q: %w", c.Name, err)
		}
		out = append(out, tc)
	}
	return out, nil
}

func newContext(c contextYAML, leaveOut string) (*tableContext, error) {
	describe, ok := contextDescriptions[c.Name]
	switch {
	case !ok:
		return nil, fmt.Errorf("no description in context.go")
	case !featuremap.ValidCategory(c.Category) || c.Category == "other":
		return nil, fmt.Errorf("unknown category %q", c.Category)
	case c.MinColumns < 2:
		return nil, fmt.Errorf("min_columns %d: a context needs at least 2 columns of evidence", c.MinColumns)
	case c.MinShare <= 0 || c.MinShare > 1 || c.MinConfidence < MinConfidence || c.MinConfidence > 1:
		return nil, fmt.Errorf("min_share must be in (0, 1], min_confidence in [%.2f, 1]", MinConfidence)
	case c.EveryShare < c.MinShare || c.EveryShare > 1:
		return nil, fmt.Errorf("every_share must be in [min_share, 1]")
	case c.Confidence < MinConfidence || c.Confidence >= StrongConfidence:
		return nil, fmt.Errorf("confidence %.2f must be at least %.2f and below %.2f (a context never contradicts a declaration)",
			c.Confidence, MinConfidence, StrongConfidence)
	}
	tc := &tableContext{
		name: c.Name, category: c.Category, describe: describe,
		minColumns: c.MinColumns, minShare: c.MinShare, minConfidence: c.MinConfidence, everyShare: c.EveryShare, confidence: c.Confidence,
		words: newWordSet(), not: newWordSet(),
	}
	for _, t := range c.Not {
		if err := tc.not.add(t, ""); err != nil {
			return nil, err
		}
	}
	for _, b := range c.Words {
		if !languages[b.Lang] {
			return nil, fmt.Errorf("unknown language %q", b.Lang)
		}
		if slices.Contains(b.Tune, leaveOut) {
			continue
		}
		for _, t := range b.Terms {
			if err := tc.words.add(t, b.Lang); err != nil {
				return nil, err
			}
			if w, _ := tc.not.find(t); w != "" {
				return nil, fmt.Errorf("term %q is also a metadata word", t)
			}
		}
	}
	if len(tc.words.words) == 0 {
		return nil, fmt.Errorf("no words")
	}
	slices.Sort(tc.words.long)
	slices.Sort(tc.not.long)
	return tc, nil
}

// ClassifyTable classifies the columns of one table: each on its own, as
// Classify does, then in the context of the whole table (contexts.yaml): in
// a record of health care, a column without a category of its own whose
// name says it describes the episode of care is health data, and the
// explanation says so ("category health (part of a record of health care:
// 14 of 40 columns are health data; name: "admission" (en))"); in a table
// mostly of health data every such column is, whatever its name. A column's
// Declared category is counted as evidence about the table and is never
// changed. The results are in the order of the columns.
func ClassifyTable(cols []Column, opt Options) []Result {
	out := make([]Result, len(cols))
	for i, c := range cols {
		out[i] = Classify(c, opt)
	}
	for _, tc := range opt.contexts() {
		tc.apply(cols, out)
	}
	return out
}

// contexts returns the table contexts the run uses.
func (o Options) contexts() []*tableContext {
	if o.ctx != nil {
		return o.ctx
	}
	return tableContexts()
}

// apply gives the context's category to the columns it explains, when the
// table is of the context.
func (tc *tableContext) apply(cols []Column, res []Result) {
	n := 0
	for i, c := range cols {
		if tc.evidence(c, res[i]) {
			n++
		}
	}
	if n < tc.minColumns || float64(n) < tc.minShare*float64(len(cols)) {
		return
	}
	// Mostly of the category: every attribute is of the record.
	every := float64(n) >= tc.everyShare*float64(len(cols))
	for i, c := range cols {
		r := &res[i]
		if strings.TrimSpace(c.Declared) != "" || r.Category != "" || len(r.Conflict) > 0 || r.Identifier != "" || r.Role == RoleID {
			continue
		}
		if tc.metadata(c.Name) {
			continue
		}
		cat := featuremap.CategoryWord(tc.category)
		switch w, lang := tc.words.find(c.Name); {
		case w != "":
			r.Explanation = i18n.M("category %s (part of %s: %d of %d columns are %s data; name: %q (%s))",
				cat, i18n.M(tc.describe), n, len(cols), cat, w, languageName(lang))
		case every:
			r.Explanation = i18n.M("category %s (an attribute of %s: %d of %d columns are %s data)",
				cat, i18n.M(tc.describe), n, len(cols), cat)
		default:
			continue
		}
		r.Category, r.Confidence, r.Context = tc.category, tc.confidence, tc.name
	}
}

// metadata reports whether a column name carries a word of technical
// metadata (a data version, a delivery date).
func (tc *tableContext) metadata(name string) bool {
	w, _ := tc.not.find(name)
	return w != ""
}

// evidence reports whether a column counts as the context's category:
// declared so, or inferred with at least minConfidence.
func (tc *tableContext) evidence(c Column, r Result) bool {
	if d := strings.TrimSpace(c.Declared); d != "" {
		return d == tc.category
	}
	return r.Category == tc.category && r.Confidence >= tc.minConfidence
}
