package rules

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/classify"
	"github.com/saglig/saglig/lint/dataset"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/legal"
	"github.com/saglig/saglig/lint/policy"
	"github.com/saglig/saglig/lint/scan"
)

// Column is a dataset column as the rules see it: its schema, the map entry
// that declares it, and what was inferred and measured about it.
type Column struct {
	dataset.Column
	// Feature is the map entry declaring the column, or nil.
	Feature *featuremap.Feature
	// Class is what classification inferred from the name and values.
	Class classify.Result
	// Profile is the measured profile; nil with --schema-only.
	Profile *scan.Profile
}

// MinConfidence is the confidence from which an inferred category counts.
const MinConfidence = 0.5

// Category returns the column's category: the declared one when the map
// gives it, else the inferred one when its confidence is at least
// MinConfidence, else "".
func (c *Column) Category() (category string, declared bool) {
	if c.Feature != nil && c.Feature.Category != "" {
		return c.Feature.Category, true
	}
	if c.Class.Confidence >= MinConfidence {
		return c.Class.Category, false
	}
	return "", false
}

// Pos is the position of the column's map entry, or the zero Pos.
func (c *Column) Pos() featuremap.Pos {
	if c.Feature == nil {
		return featuremap.Pos{}
	}
	return c.Feature.Pos
}

// describeCategory says where a column's category came from, for
// messages.
func (p *Pass) describeCategory(c *Column) string {
	cat, declared := c.Category()
	if declared {
		return p.Sprintf("declared category %s", featuremap.CategoryWord(cat))
	}
	return p.Sprintf("inferred category %s (%s)", featuremap.CategoryWord(cat), c.Class.Explanation)
}

// RoleWord names a column's role in the run's language.
func (p *Pass) RoleWord(r featuremap.Role) string { return RoleWord(p.tr(), r) }

// RoleWord names a column's role in tr's language: the map's own word
// (input, target, protected …), which the catalogue may translate.
func RoleWord(tr *i18n.Printer, r featuremap.Role) string {
	switch r {
	case featuremap.RoleInput:
		return tr.Sprintf("input")
	case featuremap.RoleTarget:
		return tr.Sprintf("target")
	case featuremap.RoleID:
		return tr.Sprintf("id")
	case featuremap.RoleTimestamp:
		return tr.Sprintf("timestamp")
	case featuremap.RoleProtected:
		return tr.Sprintf("protected")
	case featuremap.RoleWeight:
		return tr.Sprintf("weight")
	case featuremap.RoleMetadata:
		return tr.Sprintf("metadata")
	}
	return string(r)
}

// Role is the column's declared role, or "" when it is undeclared.
func (c *Column) Role() featuremap.Role {
	if c.Feature == nil {
		return ""
	}
	return c.Feature.EffectiveRole()
}

// Pass is what one rule's check sees, and how it reports.
type Pass struct {
	Rule *Rule
	Map  *featuremap.Map
	// Dataset is nil for map-scope rules.
	Dataset *dataset.Dataset
	// Columns are the dataset's columns, in schema order (nil for map-scope
	// rules).
	Columns []*Column
	// Lang is the language of the messages; empty is English.
	Lang i18n.Lang
	// Today is the day waivers are judged against.
	Today time.Time
	// Policy is the relevance policy.
	Policy *policy.Policy
	// Scan holds what was measured in the dataset; nil with --schema-only.
	Scan *scan.Result
	// Prior holds the findings of the map- and dataset-scope rules, for
	// assessment-scope rules.
	Prior []finding.Finding
	// Assessment is the art. 5(1)(c) assessment, for assessment-scope rules.
	Assessment *Assessment
	// Skipped holds the ids of the rules that did not run (they measure
	// the data and the run reads schemas only), for run-scope rules.
	Skipped map[string]bool
	// Incomplete is true, for run-scope rules, when some files could not
	// be read: what they would have shown is unknown.
	Incomplete bool

	findings []finding.Finding
}

// Report is one problem a check found.
type Report struct {
	// Column is the dataset column, or the feature key for map entries;
	// empty for purpose-level problems.
	Column string
	// Pos is where in the map the problem is; the zero Pos means nowhere.
	Pos      featuremap.Pos
	Message  string
	Fix      string
	Evidence finding.Evidence
	// Severity overrides the rule's default when not zero.
	Severity finding.Severity
	// Cite narrows the rule's citations to those that support this
	// finding; nil means all of them. Either way a finding cites only
	// what applies in the map's scope.
	Cite []*Citation
	// Accept, when not nil, accepts the finding on the record as it is
	// reported (the column's documented relevance, see Pass.documented).
	Accept *finding.Acceptance
	// Protected is the protected column a proxy finding is about.
	Protected string
}

// Report records a finding of the pass's rule.
func (p *Pass) Report(r Report) {
	f := finding.Finding{
		Rule:      p.Rule.ID,
		Name:      p.Rule.Name,
		Severity:  p.Rule.Severity,
		Column:    r.Column,
		Message:   r.Message,
		Fix:       r.Fix,
		Legal:     p.cite(r),
		Evidence:  r.Evidence,
		Protected: r.Protected,
	}
	if r.Accept != nil {
		f.Accept(*r.Accept)
	}
	if r.Severity != 0 {
		f.Severity = r.Severity
	}
	if p.Dataset != nil {
		f.Dataset = p.Dataset.Path
	}
	if !r.Pos.IsValid() && r.Column == "" {
		// A purpose-level finding is anchored to the purpose, so that
		// SARIF and annotations point at the map, not at the data.
		r.Pos = p.purposePos()
	}
	if r.Pos.IsValid() {
		pos := r.Pos
		f.Pos = &pos
	}
	p.findings = append(p.findings, f)
}

// tr is the printer of the run's language.
func (p *Pass) tr() *i18n.Printer { return i18n.For(p.Lang) }

// text is a free text of the map as the run shows it: in the run's
// language, else in the language the map has it in.
func (p *Pass) text(t featuremap.Text) string { return t.In(p.tr().Lang()).Text }

// missingAt is where a finding on a missing text points: the language
// whose text is missing, else the key (field of at's level).
func missingAt(t featuremap.Text, key featuremap.Pos) featuremap.Pos {
	if pos, missing := t.MissingAt(); missing && pos.IsValid() {
		return pos
	}
	return key
}

// Sprintf formats a message in the run's language: key is the English
// format string, translated by the catalogue (internal/i18n).
func (p *Pass) Sprintf(key string, args ...any) string { return p.tr().Sprintf(key, args...) }

// Scope is the legal scope the map declares.
func (p *Pass) Scope() legal.Scope { return legal.ScopeOf(p.Map) }

// cite returns the references a finding carries: the rule's citations (or
// the report's subset of them) that apply in the map's scope, for the
// column concerned. A citation the rule does not declare is never cited.
func (p *Pass) cite(r Report) []string {
	cs := p.Rule.Legal
	if r.Cite != nil {
		cs = nil
		for _, c := range r.Cite {
			if p.Rule.cites(c) {
				cs = append(cs, c)
			}
		}
	}
	reused := false
	if p.Map != nil && r.Column != "" {
		if f := p.Map.Lookup(r.Column); f != nil && f.ReusedUnderOrder != nil {
			reused = *f.ReusedUnderOrder
		}
	}
	scope := p.Scope()
	refs := []string{}
	for _, c := range cs {
		if c.AppliesIn(scope, reused) {
			refs = append(refs, c.Ref)
		}
	}
	return refs
}

// heuristics are the policy's, or the defaults without a policy.
func (p *Pass) heuristics() policy.Heuristics {
	if p.Policy == nil {
		return policy.DefaultHeuristics
	}
	return p.Policy.Heuristics
}

// documented says whether a feature's relevance accepts a finding on the
// record. A relevance that is a record (RecordProblem) gives the
// acceptance, with the relevance as its reason; a thinner one accepts
// nothing. note is what the finding's message adds about it; both are
// empty without a relevance. A relevance never erases a finding: what it
// accepts stays in the report and in the assessment, marked accepted.
func (p *Pass) documented(f *featuremap.Feature) (accept *finding.Acceptance, note string) {
	if f == nil || f.Relevance.Missing() {
		return nil, ""
	}
	if problem, _ := TextProblem(p.tr(), f.Relevance, p.heuristics()); problem != "" {
		return nil, p.Sprintf("; its relevance is %s, so it accepts nothing", problem)
	}
	pos := f.At("relevance")
	shown := f.Relevance.In(p.tr().Lang())
	return &finding.Acceptance{By: finding.ByRelevance, Reason: shown.Text, Lang: shown.Lang, Pos: &pos},
		p.Sprintf("; its documented relevance accepts it on the record")
}

// RecordProblem says why a text — a waiver's reason, a column's relevance
// — is too thin to be a record of a decision, in tr's language, or returns
// "" when it is a sentence of at least the heuristics' words and
// characters.
func RecordProblem(tr *i18n.Printer, text string, h policy.Heuristics) string {
	text = strings.TrimSpace(text)
	words := 0
	for _, w := range strings.Fields(text) {
		if strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			words++
		}
	}
	chars := utf8.RuneCountInString(text)
	if words >= h.RecordMinWords && chars >= h.RecordMinChars {
		return ""
	}
	return tr.Sprintf("%s and %s, under the %d words and %d characters of a record (saglig's heuristic, which the relevance policy may change)",
		tr.Sprintf("%d words", words), tr.Sprintf("%d characters", chars), h.RecordMinWords, h.RecordMinChars)
}

// TextProblem is RecordProblem for a free text of the map: the problem of
// the first language whose text is not a record, naming the language when
// the map writes the text by language — a thin Danish text beside a full
// English one is still thin for the Danish reader — with where that text
// is written; "" when every language's text is a record.
func TextProblem(tr *i18n.Printer, t featuremap.Text, h policy.Heuristics) (string, featuremap.Pos) {
	for _, v := range t.Variants() {
		problem := RecordProblem(tr, v.Text, h)
		if problem == "" {
			continue
		}
		switch {
		case t.IsPlain():
		case v.Lang == i18n.Danish:
			problem = tr.Sprintf("%s, in the Danish text", problem)
		case v.Lang == i18n.English:
			problem = tr.Sprintf("%s, in the English text", problem)
		}
		return problem, v.Pos
	}
	return "", featuremap.Pos{}
}

// purposePos is the position of the map's purpose: key, or the map's first
// line when it has none.
func (p *Pass) purposePos() featuremap.Pos {
	if p.Map.Purpose.Pos.IsValid() {
		return p.Map.Purpose.Pos
	}
	return featuremap.Pos{File: p.Map.File, Line: 1, Col: 1}
}

// Findings returns what the pass reported.
func (p *Pass) Findings() []finding.Finding { return p.findings }

// Run runs the pass's rule and returns its findings.
func (p *Pass) Run() []finding.Finding {
	p.Rule.Check(p)
	return p.findings
}

// features calls fn for every map entry, in file order.
func (p *Pass) features(fn func(f *featuremap.Feature)) {
	for _, f := range p.Map.Features {
		fn(f)
	}
}

// inputs returns the columns declared as model inputs.
func (p *Pass) inputs() []*Column {
	var out []*Column
	for _, c := range p.Columns {
		if c.Role() == featuremap.RoleInput {
			out = append(out, c)
		}
	}
	return out
}

// column finds a dataset column by path.
func (p *Pass) column(path string) *Column {
	for _, c := range p.Columns {
		if c.Path == path {
			return c
		}
	}
	return nil
}

// needsSource reports whether a role must name its source (SAG002).
func needsSource(r featuremap.Role) bool {
	return r == featuremap.RoleInput || r == featuremap.RoleTarget || r == featuremap.RoleProtected
}
