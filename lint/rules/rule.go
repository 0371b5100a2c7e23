// Package rules holds saglig's rules: one file per rule, each with its id,
// name, default severity, legal citations, documentation, examples and check.
// The registry is the single source of the rule catalogue (docs/rules.md and
// `saglig rules` are generated from it).
package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/saglig/saglig/internal/diag"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/legal"
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

func (s Scope) String() string {
	switch s {
	case ScopeMap:
		return "map"
	case ScopeDataset:
		return "dataset"
	case ScopeAssessment:
		return "assessment"
	case ScopeRun:
		return "run"
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
	// Measures is true when the rule needs data beyond the schema (it is
	// skipped with --schema-only).
	Measures bool
	Scope    Scope
	// Lock says how the rule's findings may not be accepted.
	Lock  Lock
	Check func(*Pass)
}

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

// DocIn is the rule's documentation for a map in scope s: Doc, and
// OrderDoc when the order applies.
func (r *Rule) DocIn(s legal.Scope) string {
	if r.OrderDoc == "" || !s.Order() {
		return r.Doc
	}
	return r.Doc + "\n\n" + orderDocLead + r.OrderDoc
}

// orderDocLead introduces OrderDoc.
const orderDocLead = "Under the draft order (a municipality's purpose in the employment effort): "

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
		return nil, fmt.Errorf("unknown rule %q (did you mean %s?)", idOrName, s)
	}
	ids := make([]string, 0, len(registry))
	for _, r := range All() {
		ids = append(ids, r.ID)
	}
	return nil, fmt.Errorf("unknown rule %q (known: %s)", idOrName, strings.Join(ids, ", "))
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
