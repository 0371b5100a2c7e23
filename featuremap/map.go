// Package featuremap holds the feature-purpose map (saglig.yaml): its types,
// its loader (with file, line and column for every value), its vocabularies
// and its JSON Schema.
package featuremap

import (
	"fmt"
	"path"
	"strings"
	"time"
)

// Pos is a position in a map file. Line and Col are 1-based; a zero Line
// means "the file as a whole".
type Pos struct {
	File string `json:"file"`
	Line int    `json:"line,omitempty"`
	Col  int    `json:"column,omitempty"`
}

func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// IsValid reports whether p names a line.
func (p Pos) IsValid() bool { return p.Line > 0 }

// Fields records where each key of a mapping was written, by its YAML name.
type Fields map[string]Pos

// Role is what a column is for.
type Role string

// The roles of a column (docs/map.md, "features").
const (
	RoleInput     Role = "input"
	RoleTarget    Role = "target"
	RoleID        Role = "id"
	RoleTimestamp Role = "timestamp"
	RoleProtected Role = "protected"
	RoleWeight    Role = "weight"
	RoleMetadata  Role = "metadata"
)

// Output is what the model's output is (art. 5(1)(c), condition 2).
type Output string

// The outputs of a purpose (docs/map.md, "purpose").
const (
	OutputScore          Output = "score"
	OutputClassification Output = "classification"
	OutputRanking        Output = "ranking"
	OutputInformation    Output = "information"
)

// Map is a loaded feature-purpose map.
type Map struct {
	// File is the path of the map as it was given to Load.
	File string
	// Dir is the directory the map's relative dataset paths resolve from.
	Dir      string
	Version  int
	Purpose  Purpose
	Datasets []string
	// Features are in file order.
	Features []*Feature
	// Disable lists the rule ids turned off for every run on this map.
	Disable []string
	// Fields holds the positions of the top-level keys.
	Fields Fields
}

// Purpose is the decision the model supports.
type Purpose struct {
	Name        string
	Description Text
	// Controller is the kind of body that decides the processing
	// (Controllers); Sector the legal area it is carried out in (Sectors).
	// Together they say which law applies (lint/legal).
	Controller string
	Sector     string
	Context    string
	// AllowedContexts is what the file says; see Allowed for the default.
	AllowedContexts []string
	Output          Output
	// DecisionRole is the score's role in the final decision
	// (DecisionRoles); FavourableConsequence and UnfavourableConsequence
	// what a favourable and an unfavourable score lead to; Reassessed
	// whether a person's output is produced once or updated or monitored
	// over time (Reassessments). The data cannot show them; the art.
	// 5(1)(c) assessment needs them.
	DecisionRole            string
	FavourableConsequence   Text
	UnfavourableConsequence Text
	Reassessed              string
	// Automated is nil when the key is absent.
	Automated    *bool
	HumanReview  Text
	Transparency Text
	LegalBasis   Text
	// Processor is the data processor's name.
	Processor string
	// ProcessorAgreement is the reference of the data-processing
	// agreement with Processor.
	ProcessorAgreement Text
	// Language is the language of the reports for people ("da", "en"),
	// or "" to follow --lang or the locale.
	Language string
	// Waivers accept findings on the purpose as a whole (on no column).
	Waivers []Waiver
	// Pos is the position of the "purpose" key.
	Pos    Pos
	Fields Fields
}

// Allowed returns the contexts in which data counts as in-context:
// allowed_contexts, defaulting to [context].
func (p *Purpose) Allowed() []string {
	if len(p.AllowedContexts) > 0 {
		return p.AllowedContexts
	}
	if p.Context != "" {
		return []string{p.Context}
	}
	return nil
}

// At returns where field was written, or the purpose's own position when
// it was not.
func (p *Purpose) At(field string) Pos {
	if pos, ok := p.Fields[field]; ok {
		return pos
	}
	return p.Pos
}

// Feature is one entry under features: a column name, a dotted path or a glob.
type Feature struct {
	Key string
	// Glob is true when Key contains * or ?.
	Glob        bool
	Role        Role
	Description Text
	Source      Text
	Context     string
	Category    string
	Relevance   Text
	LawfulBasis Text
	ReusedFrom  Text
	// ReusedUnderOrder is true when the reused data were processed under
	// the order's § 1, stk. 1–4; nil when the map does not say.
	ReusedUnderOrder *bool
	ReuseAssessment  Text
	// Pseudonymisation says how an id column's values were pseudonymised.
	Pseudonymisation Text
	Waivers          []Waiver
	// Pos is the position of the feature's key.
	Pos    Pos
	Fields Fields
}

// At returns where field was written, or the feature key's position when it
// was not.
func (f *Feature) At(field string) Pos {
	if pos, ok := f.Fields[field]; ok {
		return pos
	}
	return f.Pos
}

// EffectiveRole is the role, defaulting to input.
func (f *Feature) EffectiveRole() Role {
	if f.Role == "" {
		return RoleInput
	}
	return f.Role
}

// Waiver accepts a finding on a column, on the record.
type Waiver struct {
	Rule   string
	Reason Text
	// Protected, on a SAG104 waiver, names the one protected column whose
	// proxy finding it accepts; empty accepts the rule's findings on the
	// column against any protected column.
	Protected string
	// Expires is nil when the waiver has no expiry date.
	Expires *time.Time
	Pos     Pos
	Fields  Fields
}

// At returns where field was written, or the waiver's own position.
func (w *Waiver) At(field string) Pos {
	if pos, ok := w.Fields[field]; ok {
		return pos
	}
	return w.Pos
}

// Expired reports whether the waiver has expired on the given day. A waiver
// is valid through its expiry date.
func (w *Waiver) Expired(today time.Time) bool {
	if w.Expires == nil {
		return false
	}
	y, m, d := today.Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return day.After(*w.Expires)
}

// Missing reports whether a required text is absent: empty, blank, or a TODO
// marker left by `saglig init`.
func Missing(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return true
	}
	return strings.HasPrefix(strings.ToUpper(s), "TODO")
}

// Lookup returns the feature that declares column (a dotted path), or nil.
// An exact key wins over a glob; among globs the longest pattern wins (ties:
// the one written first).
func (m *Map) Lookup(column string) *Feature {
	var best *Feature
	for _, f := range m.Features {
		if !f.Glob {
			if f.Key == column {
				return f
			}
			continue
		}
		if GlobMatch(f.Key, column) && (best == nil || len(f.Key) > len(best.Key)) {
			best = f
		}
	}
	return best
}

// GlobMatch matches a feature key pattern against a column path: '*' matches
// any run of characters (dots included) and '?' one character.
func GlobMatch(pattern, name string) bool {
	// path.Match stops '*' at '/', which never occurs in a dotted column
	// path used here, so translate '/' out of the way first.
	const sep = "\x00"
	p := strings.ReplaceAll(pattern, "/", sep)
	n := strings.ReplaceAll(name, "/", sep)
	ok, err := path.Match(escapeBrackets(p), n)
	return err == nil && ok
}

func escapeBrackets(p string) string {
	r := strings.NewReplacer(`[`, `\[`, `]`, `\]`, `\`, `\\`)
	return r.Replace(p)
}

// IsGlob reports whether a feature key is a pattern.
func IsGlob(key string) bool { return strings.ContainsAny(key, "*?") }
