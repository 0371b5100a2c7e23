// Package refdata holds saglig's reference vocabularies — first names and
// surnames from national name statistics, country names and codes,
// nationality adjectives, census race/ethnicity, marital-status and
// relationship categories, ISCO-08 occupation codes, the words of disease
// and procedure classifications — and matches sampled column values (and,
// for the health terms, the words of column names) against them.
//
// The vocabularies are generated files (data/*.tsv) built by ./gen from
// sources fetched from their publishers; SOURCES.md beside this file names
// each source, its version, date and licence. Nothing here is typed by hand.
//
// Matching is on textfold.Key: case, diacritics (æ/ae, ø/oe, å/aa, ü/ue),
// hyphens, underscores, dots and white space do not matter, so
// "African-American", "african american" and "AFRICAN_AMERICAN" are the same
// value. Coverage counts distinct values, so a column is judged by the share
// of its different values a vocabulary knows, not by one lucky hit. Nothing
// in this package logs or returns a sampled value: results are counts,
// shares and the vocabulary's own entries.
package refdata

//go:generate go run ./gen -src ../../../.refdata-src -out data

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/saglig/saglig/lint/classify/textfold"
)

// The vocabularies, embedded as strings so that loading copies nothing.
var (
	//go:embed data/first-names.tsv
	firstNamesTSV string
	//go:embed data/surnames.tsv
	surnamesTSV string
	//go:embed data/countries.tsv
	countriesTSV string
	//go:embed data/country-codes.tsv
	countryCodesTSV string
	//go:embed data/nationalities.tsv
	nationalitiesTSV string
	//go:embed data/race-ethnicity.tsv
	raceEthnicityTSV string
	//go:embed data/marital-status.tsv
	maritalStatusTSV string
	//go:embed data/relationship.tsv
	relationshipTSV string
	//go:embed data/isco08.tsv
	isco08TSV string
	//go:embed data/health-terms.tsv
	healthTermsTSV string
)

// files maps each vocabulary to its embedded file.
var files = map[Name]string{
	FirstNames: firstNamesTSV, Surnames: surnamesTSV, Countries: countriesTSV, CountryCodes: countryCodesTSV,
	Nationalities: nationalitiesTSV, RaceEthnicity: raceEthnicityTSV, MaritalStatus: maritalStatusTSV, Relationship: relationshipTSV,
	ISCO08: isco08TSV, HealthTerms: healthTermsTSV,
}

// Name names a vocabulary.
type Name string

// The vocabularies. Tags say where an entry comes from: countries (dk, se,
// no, de, nl, us) for names, languages (en, da, sv, no, de, nl) for country
// names and nationality adjectives, code kinds (alpha2, alpha3, numeric) for
// country codes, sources (uci-adult, compas, omb-1997, ons-2021, no-freg)
// for census and register categories, and the major group (major1 …
// major9) for ISCO-08 codes. "generic" marks an entry that alone says nothing of
// the category ("Other").
const (
	FirstNames    Name = "first-names"
	Surnames      Name = "surnames"
	Countries     Name = "countries"
	CountryCodes  Name = "country-codes"
	Nationalities Name = "nationalities"
	RaceEthnicity Name = "race-ethnicity"
	MaritalStatus Name = "marital-status"
	Relationship  Name = "relationship"
	ISCO08        Name = "isco08"
	// HealthTerms are words of official disease and procedure
	// classifications (national versions of ICD-10, the Danish SKS),
	// matched against the words of column names, not against values.
	HealthTerms Name = "health-terms"
)

// All lists every vocabulary.
func All() []Name {
	return []Name{FirstNames, Surnames, Countries, CountryCodes, Nationalities, RaceEthnicity, MaritalStatus, Relationship, ISCO08, HealthTerms}
}

// Entry is one vocabulary entry.
type Entry struct {
	// Term is the entry as its source writes it ("Anne-Marie", "Denmark",
	// "Own-child").
	Term string
	// Value is what the term stands for, where the vocabulary has one: the
	// ISO 3166 alpha-2 code of a country name, code or nationality; "" when
	// the vocabulary has none or the term is ambiguous.
	Value string
	// Tags are comma-separated: countries, languages, code kinds or sources.
	Tags string
}

// HasTag reports whether the entry carries tag t.
func (e Entry) HasTag(t string) bool {
	for rest := e.Tags; rest != ""; {
		var tag string
		tag, rest, _ = strings.Cut(rest, ",")
		if tag == t {
			return true
		}
	}
	return false
}

// Generic reports whether the entry alone says nothing of its category
// ("Other", "Unknown").
func (e Entry) Generic() bool { return e.HasTag("generic") }

// Vocab is one loaded vocabulary: the lines of its file, sorted by key,
// searched by binary search, so loading costs one pass over the file and no
// map.
type Vocab struct {
	name  Name
	keys  []string // textfold.Key of each entry, sorted
	lines []string // the rest of each entry's line: term<TAB>value<TAB>tags
}

// Len is the number of entries.
func (v *Vocab) Len() int { return len(v.keys) }

// Lookup returns the entry a value matches.
func (v *Vocab) Lookup(value string) (Entry, bool) {
	i, ok := v.find(textfold.Key(value))
	if !ok {
		return Entry{}, false
	}
	return v.entry(i), true
}

// LookupKey is Lookup for a value already turned into its key
// (textfold.Key), so that a caller matching one value against several
// vocabularies folds it once.
func (v *Vocab) LookupKey(key string) (Entry, bool) {
	i, ok := v.find(key)
	if !ok {
		return Entry{}, false
	}
	return v.entry(i), true
}

// Contains reports whether a value matches an entry.
func (v *Vocab) Contains(value string) bool {
	_, ok := v.find(textfold.Key(value))
	return ok
}

// Each calls fn with every entry and its key, in key order.
func (v *Vocab) Each(fn func(key string, e Entry)) {
	for i, k := range v.keys {
		fn(k, v.entry(i))
	}
}

func (v *Vocab) find(k string) (int, bool) {
	if k == "" {
		return 0, false
	}
	i := sort.SearchStrings(v.keys, k)
	return i, i < len(v.keys) && v.keys[i] == k
}

func (v *Vocab) entry(i int) Entry {
	term, rest, _ := strings.Cut(v.lines[i], "\t")
	value, tags, _ := strings.Cut(rest, "\t")
	return Entry{Term: term, Value: value, Tags: tags}
}

var (
	loadMu sync.Mutex
	loaded = map[Name]*Vocab{}
)

// Get returns a vocabulary, loading it on first use. The data are embedded
// and a test loads every vocabulary, so a failure is a build defect: Get
// panics on an unknown name or malformed data.
func Get(n Name) *Vocab {
	loadMu.Lock()
	defer loadMu.Unlock()
	if v, ok := loaded[n]; ok {
		return v
	}
	v, err := load(n)
	if err != nil {
		panic("refdata: " + err.Error())
	}
	loaded[n] = v
	return v
}

// load reads data/<name>.tsv: "#" comment lines, then
// "key<TAB>term<TAB>value<TAB>tags" lines sorted by key.
func load(n Name) (*Vocab, error) {
	path := "data/" + string(n) + ".tsv"
	text, ok := files[n]
	if !ok {
		return nil, fmt.Errorf("unknown vocabulary %q", n)
	}
	size := strings.Count(text, "\n")
	v := &Vocab{name: n, keys: make([]string, 0, size), lines: make([]string, 0, size)}
	for line := 1; text != ""; line++ {
		var l string
		l, text, _ = strings.Cut(text, "\n")
		if l == "" || l[0] == '#' {
			continue
		}
		k, rest, ok := strings.Cut(l, "\t")
		if !ok || k == "" || strings.Count(rest, "\t") != 2 {
			return nil, fmt.Errorf("%s:%d: want key<TAB>term<TAB>value<TAB>tags", path, line)
		}
		if last := len(v.keys) - 1; last >= 0 && v.keys[last] >= k {
			return nil, fmt.Errorf("%s:%d: key %q out of order or listed twice", path, line, k)
		}
		v.keys = append(v.keys, k)
		v.lines = append(v.lines, rest)
	}
	return v, nil
}
