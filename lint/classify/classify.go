// Package classify recognises which personal characteristic or behaviour a
// dataset column carries — a category of the map's vocabulary (docs/map.md) —
// from its name and from a sample of its values, and explains why.
//
// The name classifier splits and folds the name (Normalise), strips an
// observation window (_5y, _sidste_3_aar), and matches the tokens against an
// embedded vocabulary (names.yaml) in Danish, English, Norwegian, Swedish,
// German and Dutch, splitting compound words against the same vocabulary.
// The value detectors look for direct identifiers (package ident: national
// identity numbers, bank and card numbers, phone numbers, e-mail and street
// addresses, online identifiers, coordinates), gender words, countries and
// Danmarks Statistik origin words, Danish postcodes and municipality codes,
// birth dates, ages and person names. Classify combines both into one category with a confidence and an
// explanation. Everything is deterministic and no raw value ever leaves the
// package: examples are masked (Mask).
package classify

import (
	"sort"
	"strings"
	"time"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/classify/ident"
)

// Column is what the classifier sees of one column.
type Column struct {
	// Name is the dotted path, e.g. "borger.koen" or "c7".
	Name string
	// Type is the column's type as displayed: "string", "int64", "date",
	// "timestamp[us]", "double", ... — for explanations only.
	Type string
	// Kind is the kind of its values (the engine's from
	// dataset.Column.Kind); 0 is unknown.
	Kind Kind
	// Rows is the number of rows in the dataset.
	Rows  int64
	Nulls int64
	// Distinct is a distinct-count estimate; 0 when unknown.
	Distinct int64
	// Sample is a deterministic sample of the values as text; empty for
	// schema-only runs.
	Sample []string
	// Declared is the category the map declares for the column, or "".
	// Classify ignores it; ClassifyTable counts it as evidence about the
	// table and never changes it (context.go).
	Declared string
}

// Result is the classification of one column.
type Result struct {
	// Category is a contract category, or "" when nothing is known with at
	// least MinConfidence.
	Category   string
	Confidence float64
	// Explanation says why, e.g. `category sex (values: 2 distinct, 100%
	// match Danish gender words; name: no signal)`: a message written in
	// the language of whoever prints it (its String is the English).
	Explanation i18n.Msg
	Name        []NameMatch
	Values      []ValueMatch
	// Role is the role `saglig init` guesses for the column (RoleTarget,
	// RoleWeight, RoleID, RoleTimestamp), "" for an ordinary input, and
	// RoleEvidence says why ("name: \"fnlwgt\" names a sampling weight").
	Role         string
	RoleEvidence i18n.Msg
	// Window is the observation window the name carries ("5y", "12m", "1y",
	// "ytd"), or "".
	Window string
	// Conflict lists, strongest first, the categories that strong evidence
	// points to when it disagrees (the name suggests one, the values
	// another, or two detectors disagree); Category is then "" and the
	// explanation says "not inferred: ...".
	Conflict []string
	// Identifier is the kind of direct identifier the column holds (IdentCPR,
	// IdentEmail, IdentPhone, IdentName, ...; see IdentifierKinds), else "".
	Identifier string
	// Context is the table context that gave the category (ClassifyTable:
	// "health-care" for a column of a record of health care), or "" when
	// the column's own evidence did.
	Context string
	// evidence is the explanation's evidence without the category: what
	// the values and the name say.
	evidence i18n.Msg
}

// Options are what the classifier needs to know of the run.
type Options struct {
	// Today is the run's date: birth years lie at least 15 years before
	// it. When zero, no value is taken for a birth date.
	Today time.Time
	// vocab replaces the embedded vocabulary (the leave-out evaluation
	// scores a tune dataset without the entries learnt from it); nil
	// means the embedded one.
	vocab *vocabulary
	// ctx replaces the embedded table contexts (contexts.yaml) likewise;
	// nil means the embedded ones.
	ctx []*tableContext
}

// vocabulary returns the name vocabulary the run uses.
func (o Options) vocabulary() *vocabulary {
	if o.vocab != nil {
		return o.vocab
	}
	return loadedVocabulary()
}

// MinConfidence is the least confidence at which Classify names a category.
const MinConfidence = 0.5

// conflictName and conflictValues are the strengths from which name and
// value evidence stand on their own: when the name and the values each
// point this strongly to different, unrelated categories, or two detectors
// do, Classify names no category and says why. Weaker opposing evidence
// only lowers the winner's confidence. Values need more than a name: some
// detectors only find values consistent with a category (numbers 15-100
// for ages, bare 8-digit numbers for phones), which must not overrule a
// name that says income.
const (
	conflictName   = 0.5
	conflictValues = 0.7
)

// Classify classifies a column from its name and its sample.
func Classify(c Column, opt Options) Result {
	v := opt.vocabulary()
	names, window := v.classifyName(c.Name)
	vals, smp := detectValues(c, opt)
	r := Result{Name: names, Values: vals, Window: window}
	r.Identifier = identifierOf(names, vals, smp)

	nameBest := bestByCategory(names, func(m NameMatch) (string, float64) { return m.Category, m.Strength })
	valBest := bestByCategory(vals, func(m ValueMatch) (string, float64) { return m.Category, m.Strength })
	if conflict := conflicting(nameBest, valBest); conflict != nil {
		r.Conflict = conflict
		r.Explanation = explainConflict(r)
		r.Role, r.RoleEvidence = guessRole(v, c, r, smp)
		return r
	}
	cats := map[string]bool{}
	for c := range nameBest {
		cats[c] = true
	}
	for c := range valBest {
		cats[c] = true
	}
	winner, best := "", 0.0
	for _, cat := range sortedKeys(cats) {
		s := 1 - (1-nameBest[cat])*(1-valBest[cat])
		if s > best+1e-9 || (s > best-1e-9 && winner != "" && valBest[cat] > valBest[winner]) {
			winner, best = cat, s
		}
	}
	// Weaker evidence from the other source for another category lowers
	// the winner's confidence: it is not silently ignored.
	opposing := 0.0
	if winner != "" {
		for cat := range cats {
			if cat == winner || compatible(cat, winner) {
				continue
			}
			if valBest[winner] == 0 && valBest[cat] > opposing {
				opposing = valBest[cat]
			}
			if nameBest[winner] == 0 && nameBest[cat] > opposing {
				opposing = nameBest[cat]
			}
		}
	}
	conf := round2(best * (1 - 0.5*opposing))
	if winner != "" && conf >= MinConfidence {
		r.Category, r.Confidence = winner, conf
	}
	r.evidence = evidenceOf(c, smp, r, winner, nameBest[winner] > valBest[winner])
	r.Explanation = explain(r, winner, conf)
	if d := identifierDisagreement(names, smp, r.Identifier); !d.IsZero() {
		r.Explanation = i18n.M("%s (%s)", r.Explanation, d)
	}
	r.Role, r.RoleEvidence = guessRole(v, c, r, smp)
	return r
}

// identifierDisagreement says, for the explanation, where the name names a
// kind of direct identifier that the sampled values do not bear out: the
// values hold another kind, or (with a full sample) none. Nothing is
// guessed: the result keeps the values' reading.
func identifierDisagreement(names []NameMatch, s *Sample, identifier string) i18n.Msg {
	for _, m := range names {
		if m.identifier == "" || m.identifier == IdentName || m.Strength < 0.8 || m.identifier == identifier {
			continue
		}
		switch {
		case identifier != "":
			return i18n.M("the name says %s, the values are %s", i18n.M(DescribeIdentifier(m.identifier)), i18n.M(DescribeIdentifier(identifier)))
		case s.N() >= fullSample:
			return i18n.M("the name says %s, but the sampled values are not", i18n.M(DescribeIdentifier(m.identifier)))
		}
	}
	return i18n.Msg{}
}

// bestByCategory returns the strongest evidence per category.
func bestByCategory[M any](ms []M, of func(M) (string, float64)) map[string]float64 {
	best := map[string]float64{}
	for _, m := range ms {
		if cat, s := of(m); s > best[cat] {
			best[cat] = s
		}
	}
	return best
}

// conflicting returns the categories that strong evidence points to when
// it disagrees, strongest first, or nil:
//
//   - the name points to one category with at least conflictName and the
//     values to another with at least conflictValues, the two are
//     unrelated, and neither source also supports the other's category that
//     strongly (charge_degree holding
//     M/F is not education because its name says "degree", nor sex because
//     its values are M and F);
//   - two detectors point to unrelated categories with at least
//     conflictValues and the name backs neither.
func conflicting(nameBest, valBest map[string]float64) []string {
	nTop, nS := top(nameBest)
	vTop, vS := top(valBest)
	if nS >= conflictName && vS >= conflictValues && !compatible(nTop, vTop) &&
		valBest[nTop] < conflictValues && nameBest[vTop] < conflictName {
		return []string{nTop, vTop}
	}
	if vS < conflictValues {
		return nil
	}
	var strong []string
	for _, cat := range sortedKeys(valBest) {
		if valBest[cat] >= conflictValues {
			strong = append(strong, cat)
		}
	}
	for _, cat := range strong {
		if nameBest[cat] >= conflictName {
			return nil // the name decides between the detectors
		}
	}
	for _, a := range strong {
		if a != vTop && !compatible(a, vTop) {
			return []string{vTop, a}
		}
	}
	return nil
}

// top returns the category with the strongest evidence (ties: by name).
func top(best map[string]float64) (string, float64) {
	cat, s := "", 0.0
	for _, c := range sortedKeys(best) {
		if best[c] > s {
			cat, s = c, best[c]
		}
	}
	return cat, s
}

// compatible reports whether evidence for a and for b can describe the same
// column: the same category, or one that reasonably covers the other (a
// direct identifier and contact data, health and disability).
func compatible(a, b string) bool {
	if a == b {
		return true
	}
	for _, c := range related[a] {
		if c == b {
			return true
		}
	}
	for _, c := range related[b] {
		if c == a {
			return true
		}
	}
	return false
}

// identifierOf decides whether the column holds direct identifiers: values
// that are mostly CPR numbers, e-mails, phone numbers or person names, or a
// name that says so (cpr, cpr_nr, personnummer, email, fornavn) unless a
// full sample shows otherwise (an "email" column of hashes holds none).
func identifierOf(names []NameMatch, vals []ValueMatch, s *Sample) string {
	// When the values bear out the kind the name says, the name decides
	// between readings the values allow (kontonummer holding 1234-567890,
	// which is also a phone number's shape).
	for _, m := range names {
		if m.identifier != "" && m.identifier != IdentName && m.Strength >= 0.8 && s.N() >= minVerdict && valuesShow(vals, s, m.identifier) {
			return m.identifier
		}
	}
	for _, v := range vals {
		if v.Identifier != "" && v.Share >= 0.5 && v.Strength >= identMinStrength && v.N >= minVerdict {
			return v.Identifier
		}
	}
	for _, m := range names {
		if m.identifier == "" || m.Strength < 0.8 {
			continue
		}
		if s.N() >= fullSample {
			if m.identifier == IdentName && s.numericShare() >= 0.5 {
				continue
			}
			if m.identifier != IdentName && !valuesShow(vals, s, m.identifier) {
				continue
			}
		}
		return m.identifier
	}
	return ""
}

// valuesShow reports whether some value detector found identifiers of the
// kind in at least a fifth of the sample.
func valuesShow(vals []ValueMatch, s *Sample, kind string) bool {
	if kind == ident.KindGeo && preciseDegrees(s) {
		return true // a column of latitudes or of longitudes
	}
	if identValuesShow(s, kind) {
		return true // bare shapes too weak to report alone (UUIDs, reg.+konto)
	}
	for _, v := range vals {
		if v.Identifier == kind && v.Share >= 0.2 {
			return true
		}
	}
	return false
}

// evidenceOf writes the evidence of the explanation: the deciding source
// first and the other second.
func evidenceOf(c Column, smp *Sample, r Result, winner string, nameFirst bool) i18n.Msg {
	np := namePart(r.Name, winner)
	vp := valuePart(c, smp, r.Values, winner)
	if nameFirst {
		return i18n.M("%s; %s", np, vp)
	}
	return i18n.M("%s; %s", vp, np)
}

// explain writes the explanation: the category, then its evidence.
func explain(r Result, winner string, conf float64) i18n.Msg {
	if r.Category != "" {
		return i18n.M("category %s (%s)", featuremap.CategoryWord(r.Category), r.evidence)
	}
	if winner != "" {
		return i18n.M(bestGuess, featuremap.CategoryWord(winner), conf, MinConfidence, r.evidence)
	}
	return i18n.M(noCategory, r.evidence)
}

// NotInferred rewrites an explanation without a category and without a
// best guess, "no category (values: no signal; name: no signal)", as
// "not inferred (values: …)", for a comment beside a category left out
// (saglig init); any other explanation is returned as it is.
func NotInferred(explanation i18n.Msg) i18n.Msg {
	switch {
	case explanation.Key == noCategory && len(explanation.Args) == 1:
		return i18n.M("not inferred (%s)", explanation.Args...)
	case explanation.Key == bestGuess && len(explanation.Args) == 4:
		return i18n.M("not inferred (best guess %s at %.2f, below %.2f; %s)", explanation.Args...)
	}
	return explanation
}

// noCategory is the explanation of a column without a category or a guess.
var noCategory = i18n.N("no category (%s)")

// bestGuess is the explanation of a column whose best guess is too weak.
var bestGuess = i18n.N("no category (best guess %s at %.2f, below %.2f; %s)")

// explainConflict says why no category was inferred: `not inferred: name
// suggests education ("degree" (en)), values suggest sex (2 distinct, 100%
// gender codes F/M)`.
func explainConflict(r Result) i18n.Msg {
	var parts []i18n.Msg
	for _, cat := range r.Conflict {
		for _, m := range r.Name {
			if m.Category == cat {
				parts = append(parts, i18n.M("name suggests %s (%s)", featuremap.CategoryWord(cat), describeName(m)))
				break
			}
		}
	}
	var vs []i18n.Msg
	for _, cat := range r.Conflict {
		for _, v := range r.Values {
			if v.Category == cat {
				vs = append(vs, i18n.M("%s (%d distinct, %s)", featuremap.CategoryWord(cat), v.Distinct, v.Detail))
				break
			}
		}
	}
	if len(vs) > 0 {
		parts = append(parts, i18n.M("values suggest %s", i18n.List(vs)))
	}
	if len(parts) == 1 {
		parts = append(parts, namePart(r.Name, ""))
	}
	return i18n.M("not inferred: %s", i18n.Join(parts, ", "))
}

func namePart(names []NameMatch, winner string) i18n.Msg {
	if len(names) == 0 {
		return i18n.M("name: no signal")
	}
	m := names[0]
	for _, n := range names {
		if n.Category == winner {
			m = n
			break
		}
	}
	if m.Category != winner {
		return i18n.M("name: %s suggests %s", describeName(m), featuremap.CategoryWord(m.Category))
	}
	return i18n.M("name: %s", describeName(m))
}

func describeName(m NameMatch) i18n.Msg {
	if m.Language == "" {
		return i18n.M("%q (%s)", m.Token, i18n.M(m.Entry)) // a rule, not an entry: "patient nbr" (a data subject's number)
	}
	term := strings.TrimSuffix(m.Entry, " ("+m.Language+")")
	if m.qualifier != "" {
		return i18n.M(m.qualifier, m.Token, languageName(m.Language), term)
	}
	if m.Reading != "" {
		return i18n.M("%q %s (%s: %s)", m.Token, describeReading(m.Reading), languageName(m.Language), term)
	}
	if strings.Join(words(term), " ") == m.Token && term == m.Token {
		return i18n.M("%q (%s)", m.Token, languageName(m.Language))
	}
	return i18n.M("%q (%s: %s)", m.Token, languageName(m.Language), term)
}

func valuePart(c Column, smp *Sample, vals []ValueMatch, winner string) i18n.Msg {
	if len(c.Sample) == 0 {
		return i18n.M("values: not sampled")
	}
	if smp.N() < minVerdict {
		return i18n.M("values: too few to judge (%d non-null)", smp.N())
	}
	if len(vals) == 0 {
		return i18n.M("values: no signal")
	}
	v := vals[0]
	for _, x := range vals {
		if x.Category == winner {
			v = x
			break
		}
	}
	if v.Category != winner {
		return i18n.M("values: %d distinct, %s suggest %s", v.Distinct, v.Detail, featuremap.CategoryWord(v.Category))
	}
	return i18n.M("values: %d distinct, %s", v.Distinct, v.Detail)
}

// sensitive reports whether a category is one the linter cares about: every
// category but "other".
func sensitive(cat string) bool { return cat != "" && cat != "other" }

// related lists, for a declared category, the evidence categories it
// reasonably covers (a parent or a close sibling), so that declaring one for
// the other is no mismatch.
var related = map[string][]string{
	"identifier":         {"contact"},
	"contact":            {"identifier", "residential-area"},
	"health":             {"disability", "genetic", "biometric"},
	"disability":         {"health"},
	"genetic":            {"health"},
	"biometric":          {"health"},
	"criminal-record":    {"traffic-offence"},
	"traffic-offence":    {"criminal-record"},
	"debt":               {"payment-behaviour"},
	"payment-behaviour":  {"debt"},
	"ethnicity":          {"nationality", "language"},
	"household":          {"marital-status"},
	"marital-status":     {"household"},
	"income":             {"benefits-history"},
	"benefits-history":   {"income"},
	"online-activity":    {"social-network"},
	"social-network":     {"online-activity"},
	"leisure-activity":   {"consumption", "travel"},
	"consumption":        {"leisure-activity", "travel"},
	"travel":             {"leisure-activity", "consumption"},
	"residential-area":   {"residence-moves"},
	"residence-moves":    {"residential-area"},
	"employment-history": {"education"},
}

// StrongConfidence is the least confidence at which Contradicts speaks.
const StrongConfidence = 0.8

// Contradicts reports whether the evidence in r strongly indicates a
// sensitive category other than the declared one (rule SAG105), with the
// reason. It is never true on evidence weaker than StrongConfidence, nor
// when the declared category reasonably covers the evidence (identifier for
// a CPR column, contact for e-mail addresses, health for a disability).
// When the evidence disagrees (r.Conflict), the values decide: a category
// the values point to with at least StrongConfidence that the declared one
// does not cover contradicts it (a column named uddannelse holding gender
// words contradicts a declared education, not a declared sex).
func Contradicts(declared string, r Result) (bool, i18n.Msg) {
	declared = strings.TrimSpace(declared)
	if declared == "" {
		return false, i18n.Msg{}
	}
	if r.Identifier != "" && (declared == "identifier" || declared == "contact") {
		return false, i18n.Msg{}
	}
	cat, conf := r.Category, r.Confidence
	if len(r.Conflict) > 0 {
		cat, conf = "", 0
		for _, c := range r.Conflict {
			if s := r.strongestValue(c); s >= StrongConfidence && !covers(declared, c) && s > conf {
				cat, conf = c, s
			}
		}
	}
	if !sensitive(cat) || conf < StrongConfidence || covers(declared, cat) {
		return false, i18n.Msg{}
	}
	return true, i18n.M("declared %s, but the column's evidence indicates %s (confidence %.2f): %s",
		featuremap.CategoryWord(declared), featuremap.CategoryWord(cat), conf, r.Explanation)
}

// covers reports whether a declared category covers evidence for cat.
func covers(declared, cat string) bool {
	if declared == cat {
		return true
	}
	for _, c := range related[declared] {
		if c == cat {
			return true
		}
	}
	return false
}

// strongestValue is the strongest value evidence for a category.
func (r Result) strongestValue(cat string) float64 {
	s := 0.0
	for _, v := range r.Values {
		if v.Category == cat && v.Strength > s {
			s = v.Strength
		}
	}
	return s
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
