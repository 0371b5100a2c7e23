// Package rules holds saglig's rules: one file per rule, each with its id,
// name, default severity, legal citations, documentation, examples and check,
// and beside it the rule's documentation in Danish (sagNNN_name.da.yaml).
// The registry is the single source of the rule catalogue (docs/rules.md,
// docs/rules-da.md, `saglig rules` and `saglig explain` are generated from
// it).
package rules

import (
	"bytes"
	"embed"
	"io/fs"
	"sort"
	"strings"
	"sync"

	"github.com/saglig/saglig/internal/diag"
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/legal"
	"gopkg.in/yaml.v3"
)

// Citation is one legal provision a rule rests on (lint/legal).
type Citation = legal.Citation

// Scope says what a rule's check looks at.
type Scope int

const (
	// ScopeMap rules run once per map, without data.
	ScopeMap Scope = iota + 1
	// ScopeDataset rules run once per dataset.
	ScopeDataset
	// ScopeAssessment rules run once per dataset, after every other rule,
	// with the art. 5(1)(c) assessment.
	ScopeAssessment
	// ScopeRun rules run once per run, after every dataset, with every
	// finding of the run, waivers applied.
	ScopeRun
)

// String names the scope; the name is a catalogue key (translate it with
// Printer.Sprintf).
func (s Scope) String() string {
	switch s {
	case ScopeMap:
		return i18n.N("map")
	case ScopeDataset:
		return i18n.N("dataset")
	case ScopeAssessment:
		return i18n.N("assessment")
	case ScopeRun:
		return i18n.N("run")
	}
	return "unknown"
}

// Lock says how a rule's findings may not be accepted on the record.
type Lock uint8

const (
	// NoWaiver: no waiver accepts the rule's findings (a finding about
	// waivers cannot be waived).
	NoWaiver Lock = 1 << iota
	// NoBaseline: no baseline accepts the rule's findings, and the rule
	// cannot be disabled: they are what adopting saglig on an old store
	// must not hide. A waiver — a reasoned decision on the record — still
	// can accept them.
	NoBaseline
)

// Rule is one check.
type Rule struct {
	ID       string
	Name     string
	Severity finding.Severity
	// Summary says in one line when the rule fires (the contract's wording).
	Summary string
	// Legal is every provision the rule may cite. A finding cites those
	// that apply in the map's scope (legal.Citation.AppliesIn), or the
	// subset its check names (Report.Cite).
	Legal []*Citation
	// Doc explains the rule: what it protects, how it decides, how to fix.
	// It holds for every map, so it does not mention the draft order.
	Doc string
	// OrderDoc says what the draft order adds, for a municipality's
	// purpose in the employment effort; reports show it only in that
	// scope.
	OrderDoc string
	// Bad is a map excerpt (or dataset description) that fires the rule;
	// Good is the same made compliant.
	Bad, Good string
	// da reads the rule's documentation in Danish from the file beside
	// the rule's (sagNNN_name.da.yaml) on first use (Danish), so a run in
	// English, and every process start, parses none of them.
	da func() Translation
	// Measures is true when the rule needs data beyond the schema (it is
	// skipped with --schema-only).
	Measures bool
	Scope    Scope
	// Lock says how the rule's findings may not be accepted.
	Lock  Lock
	Check func(*Pass)
}

// Translation is a rule's documentation in Danish: the same parts as the
// English (Doc, OrderDoc, Bad, Good) in the terms of docs/glossary.md, the
// law quoted word for word as the English quotes it, and a title — the
// rule's name is an identifier, the same in every language. What a user
// types (map keys and values, flags, the policy's keys) is between
// backticks, which the plain-text formats drop (Plain). The examples are
// the same maps: the same keys and values of the vocabularies; comments
// and what the map's author writes in words are Danish.
//
// It is data: the file sagNNN_name.da.yaml beside the rule's Go file, with
// the keys title, doc, order_doc, bad and good (TestRuleDocsAreDanish).
type Translation struct {
	Title    string `yaml:"title"`
	Doc      string `yaml:"doc"`
	OrderDoc string `yaml:"order_doc"`
	Bad      string `yaml:"bad"`
	Good     string `yaml:"good"`
}

// translations are the rules' Danish documentation, a file per rule.
//
//go:embed *.da.yaml
var translations embed.FS

// danishDoc reads the Danish documentation of the rule with this id from
// its file (sagNNN_*.da.yaml). A rule without one has none, which the
// tests report; a file that cannot be read is a bug of the build.
func danishDoc(id string) Translation {
	names, _ := fs.Glob(translations, strings.ToLower(id)+"_*.da.yaml")
	if len(names) != 1 {
		return Translation{}
	}
	data, err := translations.ReadFile(names[0])
	if err != nil {
		panic("rules: " + err.Error())
	}
	var t Translation
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&t); err != nil {
		panic("rules: " + names[0] + ": " + err.Error())
	}
	return t
}

// Danish is the rule's documentation in Danish (Translation), read from
// its file on first use.
func (r *Rule) Danish() Translation {
	if r.da == nil {
		return Translation{}
	}
	return r.da()
}

// In is the rule's documentation in language l: Danish in Danish, else the
// English (with no title: the name says it).
func (r *Rule) In(l i18n.Lang) Translation {
	if l == i18n.Danish {
		return r.Danish()
	}
	return Translation{Doc: r.Doc, OrderDoc: r.OrderDoc, Bad: r.Bad, Good: r.Good}
}

// NameIn is what the formats people read call the rule after its id, in
// language l: in English its name (no-transparency), the identifier that
// --disable, --enable, explain and waivers take as they take its id; in a
// language that gives the rule a title, the title (Manglende
// gennemsigtighed), never the English name. The machine formats keep the
// name (JSON's name, SARIF's rule name).
func (r *Rule) NameIn(l i18n.Lang) string {
	if l != i18n.English {
		if t := r.In(l).Title; t != "" {
			return t
		}
	}
	return r.Name
}

// Label is the rule as a report people read names it, in language l: its
// id and NameIn ("SAG012 no-transparency", "SAG012 Manglende
// gennemsigtighed").
func (r *Rule) Label(l i18n.Lang) string { return r.ID + " " + r.NameIn(l) }

// NameOf is NameIn of the rule with this id, for a finding, which carries
// its rule's id and name; a finding of a rule no registry holds keeps the
// name it carries.
func NameOf(l i18n.Lang, id, name string) string {
	if r, ok := registry[id]; ok {
		return r.NameIn(l)
	}
	return name
}

// LabelOf is the Label of the rule with this id (NameOf).
func LabelOf(l i18n.Lang, id, name string) string { return id + " " + NameOf(l, id, name) }

// Plain drops the backticks that mark code in a rule's documentation, for
// the formats that show plain text.
func Plain(s string) string { return strings.ReplaceAll(s, "`", "") }

// Waivable reports whether a waiver can accept the rule's findings.
func (r *Rule) Waivable() bool { return r.Lock&NoWaiver == 0 }

// Baselinable reports whether a baseline can accept the rule's findings
// (and --disable turn the rule off).
func (r *Rule) Baselinable() bool { return r.Lock&NoBaseline == 0 }

// cites reports whether the rule declares citation c.
func (r *Rule) cites(c *Citation) bool {
	for _, d := range r.Legal {
		if d == c {
			return true
		}
	}
	return false
}

// RefsIn returns the references of the rule's citations that apply in
// scope s (for findings on no column): what a report header cites for the
// part of the map the rule checks.
func (r *Rule) RefsIn(s legal.Scope) []string {
	var refs []string
	for _, c := range r.Legal {
		if c.AppliesIn(s, false) {
			refs = append(refs, c.Ref)
		}
	}
	return refs
}

// DocIn is the rule's documentation in tr's language for a map in scope
// s: Doc, and OrderDoc when the order applies.
func (r *Rule) DocIn(tr *i18n.Printer, s legal.Scope) string {
	t := r.In(tr.Lang())
	if t.OrderDoc == "" || !s.Order() {
		return t.Doc
	}
	return t.Doc + "\n\n" + tr.Sprintf(orderDocLead) + t.OrderDoc
}

// orderDocLead introduces OrderDoc.
var orderDocLead = i18n.N("Under the draft order (a municipality's purpose in the employment effort): ")

// LegalIn returns the rule's citations that may apply in scope s.
func (r *Rule) LegalIn(s legal.Scope) []*Citation {
	var out []*Citation
	for _, c := range r.Legal {
		if c.AppliesIn(s, true) {
			out = append(out, c)
		}
	}
	return out
}

// Refs returns the short references of the rule's citations.
func (r *Rule) Refs() []string {
	refs := make([]string, 0, len(r.Legal))
	for _, c := range r.Legal {
		refs = append(refs, c.Ref)
	}
	return refs
}

var registry = map[string]*Rule{}

// register adds a rule; each rule file calls it from init.
func register(r *Rule) {
	if _, dup := registry[r.ID]; dup {
		panic("rules: duplicate rule " + r.ID)
	}
	if r.Check == nil || r.Scope == 0 || r.Severity == 0 || r.Name == "" || r.Doc == "" {
		panic("rules: incomplete rule " + r.ID)
	}
	id := r.ID
	r.da = sync.OnceValue(func() Translation { return danishDoc(id) })
	registry[r.ID] = r
}

// All returns every rule, ordered by id.
func All() []*Rule {
	all := make([]*Rule, 0, len(registry))
	for _, r := range registry {
		all = append(all, r)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].ID < all[j].ID })
	return all
}

// Lookup finds a rule by id ("SAG102", case-insensitive) or by name
// ("irrelevant-characteristic"). An unknown one is an error that suggests
// the closest rule (Suggest).
func Lookup(idOrName string) (*Rule, error) {
	if r := find(idOrName); r != nil {
		return r, nil
	}
	if s := Suggest(idOrName); s != "" {
		return nil, i18n.Errorf("unknown rule %q (did you mean %s?)", idOrName, s)
	}
	ids := make([]string, 0, len(registry))
	for _, r := range All() {
		ids = append(ids, r.ID)
	}
	return nil, i18n.Errorf("unknown rule %q (known: %s)", idOrName, strings.Join(ids, ", "))
}

// find returns the rule with the id or name, or nil.
func find(idOrName string) *Rule {
	if r, ok := registry[strings.ToUpper(idOrName)]; ok {
		return r
	}
	for _, r := range registry {
		if r.Name == strings.ToLower(idOrName) {
			return r
		}
	}
	return nil
}

// Suggest returns the id of the rule whose id or name is closest to
// idOrName, a misspelt one ("SAG14", "proxi"), or "" when none is close. A
// known rule name gives its id ("proxy" gives "SAG104").
func Suggest(idOrName string) string {
	if r := find(idOrName); r != nil {
		return r.ID
	}
	all := All()
	words := make([]string, 0, 2*len(all))
	for _, r := range all {
		words = append(words, r.ID)
	}
	for _, r := range all {
		words = append(words, r.Name)
	}
	if s := diag.Suggest(idOrName, words); s != "" {
		return find(s).ID
	}
	return ""
}

// Baselinable reports whether a baseline may accept the findings of the
// rule with this id (false for an unknown id).
func Baselinable(id string) bool {
	r, ok := registry[id]
	return ok && r.Baselinable()
}
