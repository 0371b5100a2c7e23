// Package policy holds the relevance policy: for every category of the
// vocabulary (docs/map.md, "Vocabularies"), whether data of that category
// is irrelevant, needs a documented relevance, or is relevant to a decision
// in each context, which categories are GDPR special categories (art. 9,
// art. 10), which are social behaviour or personal characteristics (AI Act art. 5(1)(c), condition 4),
// which are quasi-identifiers, the proxy thresholds of rule SAG104 and the
// re-identification thresholds of rule SAG302.
//
// The default policy ships inside the binary as YAML (default.yaml; print it
// with DefaultYAML). A user file replaces it, or, when it starts with
// `extends: default`, changes only what it lists.
//
// Verdicts for what the policy does not list: a category the policy does not
// know (a custom x- category without an entry, or a contract category a
// replacement file leaves out) is "needs-relevance" — the map must then say
// why the data is relevant, which is the safe side of GDPR art. 5(1)(c) and
// condition 5(ii). A context a category does not list, including every
// custom x- context, gets the category's default.
package policy

import (
	_ "embed"
	"sort"
	"sync"
)

// Verdict is what the policy says about a category in a context.
type Verdict string

// The verdicts.
const (
	// Irrelevant data must not be used for a decision in the context.
	Irrelevant Verdict = "irrelevant"
	// NeedsRelevance data may be used only with a documented relevance.
	NeedsRelevance Verdict = "needs-relevance"
	// Relevant data may be used.
	Relevant Verdict = "relevant"
)

// Valid reports whether v is one of the three verdicts.
func (v Verdict) Valid() bool {
	return v == Irrelevant || v == NeedsRelevance || v == Relevant
}

// Special categories of personal data.
const (
	Art9  = "art9"  // GDPR art. 9(1): special categories
	Art10 = "art10" // GDPR art. 10: criminal convictions and offences
)

// Category is the policy for one category.
type Category struct {
	Name string
	// Special is "", Art9 or Art10.
	Special string
	// SocialBehaviour marks social behaviour (condition 4).
	SocialBehaviour bool
	// Personal marks a personal or personality characteristic (condition 4).
	Personal bool
	// QuasiIdentifier marks a category whose values, combined with those of
	// the other quasi-identifiers, may single a person out (SAG302).
	QuasiIdentifier bool
	// Contexts holds the verdict per decision context.
	Contexts map[string]Verdict
	// Default is the verdict for contexts not in Contexts.
	Default Verdict
	// Note cites the source the entry rests on.
	Note string
}

// Thresholds decide the proxy rules (docs/scan.md gives the rationale of
// each default).
type Thresholds struct {
	// ProxyWarning and ProxyError are the association strengths at which
	// SAG104 (proxy) reports a warning and an error.
	ProxyWarning, ProxyError float64
	// ValueShare and ValuePurity decide SAG106 (value-proxy): a value of
	// an input carried by at least ValueShare of the rows, more than
	// ValuePurity of which are in one protected group.
	ValueShare, ValuePurity float64
	// JointWarning and JointError are the cross-validated AUCs at which
	// SAG107 (joint-proxy) reports the inputs together as a warning and an
	// error.
	JointWarning, JointError float64
	// KAnonymity is the fewest rows a value must be carried by to be named
	// in a report; rarer values are counted, not shown.
	KAnonymity int
	// FDR is the false discovery rate each proxy rule keeps among the
	// tests it makes on a dataset (Benjamini–Hochberg).
	FDR float64
}

// DefaultThresholds are used when a policy file sets none.
var DefaultThresholds = Thresholds{
	ProxyWarning: 0.3, ProxyError: 0.5,
	ValueShare: 0.01, ValuePurity: 0.9,
	JointWarning: 0.7, JointError: 0.8,
	KAnonymity: 10, FDR: 0.05,
}

// Reidentification is when SAG302 reports the re-identification risk: the
// share of rows whose combination of quasi-identifier values is shared by
// fewer than K subjects, at or above Warning a warning, at or above Error
// an error. saglig's own heuristic: the law sets no number.
type Reidentification struct {
	K              int
	Warning, Error float64
}

// MaxK is the largest K a policy may set (the scan counts classes of up to
// scan.MaxClassSize subjects).
const MaxK = 100

// DefaultReidentification is used when a policy file sets none.
var DefaultReidentification = Reidentification{K: 5, Warning: 0.01, Error: 0.05}

// Heuristics are saglig's own thresholds where the law sets none. Each is
// named with its value where it decides something (docs/legal.md lists
// them) and can be changed in a policy file under heuristics:.
type Heuristics struct {
	// PeriodDays: the data observe their subjects over a period
	// (condition 3 of art. 5(1)(c)) when the median or upper-quartile
	// subject's observation span is at least this many days. The guidance
	// asks for an overall picture, not a number of days.
	PeriodDays int
	// RecordMinWords and RecordMinChars: a waiver's reason or a column's
	// relevance counts as a record of a decision only with at least this
	// many words and characters — a sentence, not a word.
	RecordMinWords, RecordMinChars int
}

// DefaultHeuristics are used when a policy file sets none.
var DefaultHeuristics = Heuristics{PeriodDays: 30, RecordMinWords: 5, RecordMinChars: 30}

// Policy is a loaded relevance policy.
type Policy struct {
	Categories map[string]*Category
	Proxy      Thresholds
	// Reidentification says when SAG302 reports.
	Reidentification Reidentification
	// Heuristics are saglig's own thresholds.
	Heuristics Heuristics
	// Source is "default" or the path of the file it was loaded from.
	Source string
}

//go:embed default.yaml
var defaultYAML []byte

// DefaultSource is the Source of the built-in policy.
const DefaultSource = "default"

var (
	defaultOnce   sync.Once
	defaultPolicy *Policy
)

// DefaultYAML returns the embedded default policy file verbatim.
func DefaultYAML() []byte {
	return append([]byte(nil), defaultYAML...)
}

// Default returns the built-in policy, parsed once; each call returns a
// copy the caller may change. The file ships inside the binary and a test
// parses it, so a failure here is a build defect.
func Default() *Policy {
	defaultOnce.Do(func() {
		p, err := parse(defaultYAML, DefaultSource, nil)
		if err != nil {
			panic("policy: embedded default.yaml: " + err.Error())
		}
		defaultPolicy = p
	})
	return defaultPolicy.Clone()
}

// Clone returns a deep copy of p.
func (p *Policy) Clone() *Policy {
	out := &Policy{Categories: make(map[string]*Category, len(p.Categories)), Proxy: p.Proxy, Reidentification: p.Reidentification, Heuristics: p.Heuristics, Source: p.Source}
	for k, c := range p.Categories {
		out.Categories[k] = c.clone()
	}
	return out
}

func (c *Category) clone() *Category {
	cp := *c
	cp.Contexts = make(map[string]Verdict, len(c.Contexts))
	for k, v := range c.Contexts {
		cp.Contexts[k] = v
	}
	return &cp
}

// Lookup returns the policy for a category, or nil when the policy does not
// list it.
func (p *Policy) Lookup(category string) *Category {
	return p.Categories[category]
}

// Verdict says whether category is irrelevant, needs a documented relevance
// or is relevant for a decision in context. A category the policy does not
// list is NeedsRelevance; a context the category does not list (custom x-
// contexts included) gets the category's default.
func (p *Policy) Verdict(category, context string) Verdict {
	c := p.Categories[category]
	if c == nil {
		return NeedsRelevance
	}
	if v, ok := c.Contexts[context]; ok {
		return v
	}
	if c.Default == "" {
		return NeedsRelevance
	}
	return c.Default
}

// Names returns the policy's category names, sorted.
func (p *Policy) Names() []string {
	out := make([]string, 0, len(p.Categories))
	for k := range p.Categories {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
