package rules

import (
	"math"
	"strconv"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/classify"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/policy"
	"github.com/saglig/saglig/lint/scan"
)

// The kinds of evidence the rules give, one type each. Each marshals to
// the JSON evidence object docs/cli.md describes (the keys are stable:
// reports and scripts read them) and says in words what it shows
// (Describe), for the formats people read; the words never name a key.

var (
	_ finding.Evidence = (*AssociationEvidence)(nil)
	_ finding.Evidence = (*CategoryEvidence)(nil)
	_ finding.Evidence = (*SpecialEvidence)(nil)
	_ finding.Evidence = (*MismatchEvidence)(nil)
	_ finding.Evidence = (*LongitudinalEvidence)(nil)
	_ finding.Evidence = (*IdentifierEvidence)(nil)
	_ finding.Evidence = (*AssessmentEvidence)(nil)
	_ finding.Evidence = (*ValueProxyEvidence)(nil)
	_ finding.Evidence = (*JointProxyEvidence)(nil)
	_ finding.Evidence = (*ReidentificationEvidence)(nil)
)

// AssociationEvidence is an input's measured association with a protected
// column (SAG104): the measure and its value, the normalised mutual
// information, the test of independence and the size of the table.
type AssociationEvidence struct {
	Protected string  `json:"protected"`
	Measure   string  `json:"measure"`
	Value     float64 `json:"value"`
	NMI       float64 `json:"nmi"`
	PValue    float64 `json:"p_value"`
	N         int64   `json:"n"`
	DF        int     `json:"df"`
	// InputLevels and ProtectedLevels are the levels of the table, after
	// bounding; Bounded is true when values were folded to bound memory.
	InputLevels     int  `json:"input_levels"`
	ProtectedLevels int  `json:"protected_levels"`
	Bounded         bool `json:"bounded"`
	// NaiveV is the uncorrected Cramér's V, for a categorical input.
	NaiveV *float64 `json:"naive_v,omitempty"`
	// Estimator says how a table measured by a SQL engine (pushdown)
	// differs from the scan's; empty for the scan's own.
	Estimator string `json:"estimator,omitempty"`
	// QValue is the pair's Benjamini–Hochberg q-value over all the
	// dataset's pairs.
	QValue float64 `json:"q_value,omitempty"`
	// The mutual information over equal-frequency bins, for a pair with a
	// numeric side: in nats, as Linfoot's informational correlation, its
	// G-test's p-value, and the bins of the numeric side.
	BinnedMI          *float64 `json:"binned_mi,omitempty"`
	BinnedCorrelation *float64 `json:"binned_correlation,omitempty"`
	BinnedPValue      *float64 `json:"binned_p_value,omitempty"`
	BinnedBins        int      `json:"binned_bins,omitempty"`
	// ClassicalMeasure and ClassicalValue are V or η, when the binned
	// mutual information became the verdict.
	ClassicalMeasure string   `json:"classical_measure,omitempty"`
	ClassicalValue   *float64 `json:"classical_value,omitempty"`
	// Values are the values that give a group away, most revealing first;
	// ValuesBelowK counts the values fewer than k rows carry (never shown).
	Values       []ProxyValue `json:"values,omitempty"`
	ValuesBelowK int          `json:"values_below_k,omitempty"`
	// Undecided is true when the association reaches the threshold but
	// cannot be told from chance on this many rows: unknown.
	Undecided bool `json:"undecided,omitempty"`
	// FDR is the false discovery rate the rule keeps.
	FDR float64 `json:"fdr,omitempty"`
}

func associationEvidence(a scan.Association) *AssociationEvidence {
	ev := &AssociationEvidence{Protected: a.Protected, Measure: a.Measure, Value: round3(a.Value), NMI: round3(a.NMI),
		PValue: a.PValue, N: a.N, DF: a.DF, InputLevels: a.InputLevels, ProtectedLevels: a.ProtectedLevels, Bounded: a.Bounded,
		Estimator: a.Estimator}
	if a.Measure == "cramers_v" {
		v := round3(a.NaiveV)
		ev.NaiveV = &v
	}
	if b := a.Binned; b != nil {
		mi, c, pv := round4(b.MI), round3(b.Correlation), b.PValue
		ev.BinnedMI, ev.BinnedCorrelation, ev.BinnedPValue = &mi, &c, &pv
		ev.BinnedBins = max(b.InputBins, b.ProtectedBins)
	}
	if c := a.Classical; c != nil {
		v := round3(c.Value)
		ev.ClassicalMeasure, ev.ClassicalValue = c.Measure, &v
		if c.Measure == "cramers_v" {
			nv := round3(a.NaiveV)
			ev.NaiveV = &nv
		}
	}
	return ev
}

// Describe says what was measured, on how many rows, and how sure it is.
func (e *AssociationEvidence) Describe(p *i18n.Printer) []string {
	measured := p.Sprintf("measured on %s: %s %.2f", p.Sprintf("%d rows", e.N), MeasureName(p, e.Measure), e.Value)
	if e.NaiveV != nil {
		measured += p.Sprintf(" (%.2f without the bias correction)", *e.NaiveV)
	}
	out := []string{
		measured + p.Sprintf(", normalised mutual information %.2f, %s", e.NMI, PValue(p, e.PValue)),
		p.Sprintf("%s of the input against %s of %q", p.Sprintf("%d values", e.InputLevels), p.Sprintf("%d values", e.ProtectedLevels), e.Protected),
	}
	if e.Bounded {
		out[1] += p.Sprintf("; rare values were grouped to keep the table in memory")
	}
	if e.BinnedMI != nil {
		line := p.Sprintf("mutual information over %d equal-frequency bins of the numeric side: %.4f nats, informational correlation %.2f, %s",
			e.BinnedBins, *e.BinnedMI, *e.BinnedCorrelation, PValue(p, *e.BinnedPValue))
		if e.ClassicalValue != nil {
			line += p.Sprintf("; %s alone: %.2f", MeasureName(p, e.ClassicalMeasure), *e.ClassicalValue)
		}
		out = append(out, line)
	}
	if e.FDR > 0 {
		out = append(out, p.Sprintf("q-value %.3f over the dataset's pairs (Benjamini–Hochberg; the rule keeps the false discovery rate at %s)", e.QValue, pct(p, e.FDR)))
	}
	if e.Undecided {
		out = append(out, p.Sprintf("too few rows to tell this association from chance: whether the input is a proxy is unknown"))
	}
	for i := range e.Values {
		out = append(out, e.Values[i].Sentence(p))
	}
	if e.ValuesBelowK > 0 {
		out = append(out, p.Sprintf("%d values carried by too few rows to be shown were counted, not named", e.ValuesBelowK))
	}
	return out
}

// MeasureName names an association measure in words.
func MeasureName(p *i18n.Printer, measure string) string {
	switch measure {
	case "cramers_v":
		return p.Sprintf("bias-corrected Cramér's V")
	case "correlation_ratio":
		return p.Sprintf("correlation ratio η")
	case "mutual_information":
		return p.Sprintf("informational correlation")
	}
	return measure
}

// PValue writes a p-value as a reader expects it: "p < 0.001" below one in
// a thousand (a p-value of 0 is only too small to compute), else to three
// decimals.
func PValue(p *i18n.Printer, v float64) string {
	if math.IsNaN(v) {
		return p.Sprintf("p not computed")
	}
	if v < 0.001 {
		return p.Sprintf("p < %.3f", 0.001)
	}
	return p.Sprintf("p = %.3f", v)
}

// CategoryEvidence is how a column's category was established and what
// the relevance policy says of it in the purpose's context (SAG102).
type CategoryEvidence struct {
	Category string `json:"category"`
	Declared bool   `json:"declared"`
	Verdict  string `json:"verdict"`
	// Confidence and Explanation are the classifier's, for an inferred
	// category.
	Confidence  float64  `json:"confidence,omitempty"`
	Explanation i18n.Msg `json:"explanation,omitzero"`
}

// categoryEvidence records how a column's category was established.
func categoryEvidence(c *Column, verdict policy.Verdict) *CategoryEvidence {
	cat, declared := c.Category()
	ev := &CategoryEvidence{Category: cat, Declared: declared, Verdict: string(verdict)}
	if !declared {
		ev.Confidence = round3(c.Class.Confidence)
		ev.Explanation = c.Class.Explanation
	}
	return ev
}

// Describe says where the category comes from and what the policy says.
func (e *CategoryEvidence) Describe(p *i18n.Printer) []string {
	var out []string
	if e.Declared {
		out = append(out, p.Sprintf("category %s, as the map declares it", featuremap.CategoryWord(e.Category)))
	} else {
		out = append(out, p.Sprintf("category %s, inferred with confidence %.2f: %s", featuremap.CategoryWord(e.Category), e.Confidence, e.Explanation))
	}
	switch policy.Verdict(e.Verdict) {
	case policy.Irrelevant:
		out = append(out, p.Sprintf("the relevance policy deems it irrelevant to this purpose's decisions"))
	case policy.NeedsRelevance:
		out = append(out, p.Sprintf("the relevance policy asks for a documented relevance before it is used for this purpose"))
	}
	return out
}

// SpecialEvidence is a special category of personal data (SAG103): Special
// is "art9" or "art10".
type SpecialEvidence struct {
	Category string `json:"category"`
	Special  string `json:"special"`
}

// Describe names the article that makes the category special.
func (e *SpecialEvidence) Describe(p *i18n.Printer) []string {
	if e.Special == policy.Art10 {
		return []string{p.Sprintf("category %s: data on criminal convictions and offences (GDPR art. 10)", featuremap.CategoryWord(e.Category))}
	}
	return []string{p.Sprintf("category %s: a special category of personal data (GDPR art. 9)", featuremap.CategoryWord(e.Category))}
}

// MismatchEvidence is a column whose values or name say something other
// than its declaration (SAG105): the declared and the inferred category, or
// the candidates when the evidence disagrees.
type MismatchEvidence struct {
	Declared    string   `json:"declared,omitempty"`
	Inferred    string   `json:"inferred,omitempty"`
	Confidence  float64  `json:"confidence,omitempty"`
	Candidates  []string `json:"candidates,omitempty"`
	Explanation i18n.Msg `json:"explanation"`
}

// Describe says what the classifier found.
func (e *MismatchEvidence) Describe(p *i18n.Printer) []string {
	if len(e.Candidates) > 0 {
		return []string{p.Sprintf("the evidence points to %s: %s", p.Or(categoryWords(p, e.Candidates)), e.Explanation)}
	}
	return []string{p.Sprintf("declared %s; the classifier infers %s with confidence %.2f: %s", featuremap.CategoryWord(e.Declared), featuremap.CategoryWord(e.Inferred), e.Confidence, e.Explanation)}
}

// categoryWords writes categories in p's language.
func categoryWords(p *i18n.Printer, cats []string) []string {
	out := make([]string, len(cats))
	for i, c := range cats {
		out[i] = featuremap.CategoryWord(c).In(p)
	}
	return out
}

// LongitudinalEvidence is social behaviour observed over time (SAG201):
// the window the column's name carries, else the observation span measured
// per subject, and saglig's heuristic period it was judged against.
type LongitudinalEvidence struct {
	Category string `json:"category"`
	Window   string `json:"window"`
	// PeriodDays is the heuristic period (policy heuristics.period_days).
	PeriodDays int `json:"period_days"`
	// MedianDays and UpperQuartileDays are the measured observation spans
	// per subject, when they were measured.
	MedianDays        *float64 `json:"median_span_days,omitempty"`
	UpperQuartileDays *float64 `json:"p75_span_days,omitempty"`
}

func longitudinalEvidence(p *Pass, cat, window string) *LongitudinalEvidence {
	ev := &LongitudinalEvidence{Category: cat, Window: window, PeriodDays: p.heuristics().PeriodDays}
	if per := p.Scan; per != nil && per.Period != nil && per.Period.Subjects > 0 {
		med, p75 := per.Period.SpanDays["p50"], per.Period.SpanDays["p75"]
		ev.MedianDays, ev.UpperQuartileDays = &med, &p75
	}
	return ev
}

// Describe says how the column spans a period.
func (e *LongitudinalEvidence) Describe(p *i18n.Printer) []string {
	out := []string{p.Sprintf("category %s, social behaviour", featuremap.CategoryWord(e.Category))}
	if e.Window != "" {
		out = append(out, p.Sprintf("the column's name aggregates over %s", WindowWords(p, e.Window)))
	}
	if e.MedianDays != nil {
		out = append(out, p.Sprintf("each subject is observed for %s in the median, %s in the upper quartile",
			p.Sprintf("%d days", int(math.Round(*e.MedianDays))), p.Sprintf("%d days", int(math.Round(*e.UpperQuartileDays)))))
	}
	out = append(out, p.Sprintf("saglig's own heuristic counts a span from %s as a period; the law sets no number", p.Sprintf("%d days", e.PeriodDays)))
	return out
}

// IdentifierEvidence is a column of direct identifiers (SAG301): the
// kind, the recogniser that validated the values, the share that did, and
// masked examples.
type IdentifierEvidence struct {
	Kind        string   `json:"kind"`
	Explanation i18n.Msg `json:"explanation"`
	// Detector, Share, Sampled, Distinct and Examples are the value
	// recogniser's, when the values were examined.
	Detector string   `json:"detector,omitempty"`
	Share    float64  `json:"share,omitempty"`
	Sampled  int      `json:"sampled,omitempty"`
	Distinct int      `json:"distinct,omitempty"`
	Examples []string `json:"examples,omitempty"`
	// Pseudonymisation is what the map says was done to the values.
	Pseudonymisation string `json:"pseudonymisation,omitempty"`
}

// Describe says how the values were recognised, with masked examples.
func (e *IdentifierEvidence) Describe(p *i18n.Printer) []string {
	var out []string
	if e.Sampled > 0 {
		out = append(out, p.Sprintf("%.0f%% of %s (%d distinct) validate as %s", 100*e.Share, p.Sprintf("%d sampled values", e.Sampled), e.Distinct, p.Sprintf(classify.DescribeIdentifier(e.Kind))))
	} else {
		out = append(out, p.Sprintf("recognised as %s: %s", p.Sprintf(classify.DescribeIdentifier(e.Kind)), e.Explanation))
	}
	if len(e.Examples) > 0 {
		out = append(out, p.Sprintf("masked examples: %s", p.List(e.Examples)))
	}
	if e.Pseudonymisation != "" {
		out = append(out, p.Sprintf("the map says the values are pseudonymised: %s", e.Pseudonymisation))
	}
	return out
}

// ReidentificationEvidence is the measured re-identification risk
// (SAG302): the quasi-identifiers combined, the classes of their values,
// the shares of rows in classes of fewer than K persons (or rows, without
// an id) and in classes of one, and saglig's heuristic thresholds.
type ReidentificationEvidence struct {
	Columns   []string `json:"columns"`
	BySubject bool     `json:"by_subject"`
	Rows      int64    `json:"rows"`
	Classes   int64    `json:"classes"`
	// SampledShare is the share of the classes measured (1 = all).
	SampledShare float64 `json:"sampled_share"`
	K            int     `json:"k"`
	ShareBelowK  float64 `json:"share_below_k"`
	ShareUnique  float64 `json:"share_unique"`
	// Warning and Error are the policy's thresholds on ShareBelowK.
	Warning float64 `json:"warning"`
	Error   float64 `json:"error"`
	// NotCombined are columns recognised as quasi-identifiers from their
	// values only, after the scan: not in the combination measured.
	NotCombined []string `json:"not_combined,omitempty"`
}

func reidentificationEvidence(p *Pass, r *scan.Reidentification, below, unique float64) *ReidentificationEvidence {
	th := p.Policy.Reidentification
	return &ReidentificationEvidence{Columns: r.Columns, BySubject: r.BySubject, Rows: r.Rows, Classes: r.Classes,
		SampledShare: r.SampledShare, K: th.K, ShareBelowK: round4(below), ShareUnique: round4(unique),
		Warning: th.Warning, Error: th.Error, NotCombined: notCombined(p, r)}
}

// Describe says what was combined, how the rows fall into classes, and
// the heuristic they were judged against.
func (e *ReidentificationEvidence) Describe(p *i18n.Printer) []string {
	out := []string{p.Sprintf("%s combined: %s over %s", p.List(e.Columns), p.Sprintf("%d combinations", e.Classes), p.Sprintf("%d rows", e.Rows))}
	if e.BySubject {
		out = append(out, p.Sprintf("%.2f%% of the rows share their combination with fewer than %d persons; %.2f%% with no other person", 100*e.ShareBelowK, e.K, 100*e.ShareUnique))
	} else {
		out = append(out, p.Sprintf("%.2f%% of the rows share their combination with fewer than %d rows; %.2f%% with no other row (no id column: each row counted as a person)", 100*e.ShareBelowK, e.K, 100*e.ShareUnique))
	}
	if e.SampledShare < 1 {
		out = append(out, p.Sprintf("estimated from a hash sample of %.2f%% of the combinations, to stay within the memory budget", 100*e.SampledShare))
	}
	if len(e.NotCombined) > 0 {
		out = append(out, p.Sprintf("recognised as quasi-identifiers from their values only, and not combined: %s (declare their category to have them measured)", p.List(e.NotCombined)))
	}
	out = append(out, p.Sprintf("saglig's own heuristic: k = %d, a warning from %.2f%% of the rows, an error from %.2f%%; the law sets no number", e.K, 100*e.Warning, 100*e.Error))
	return out
}

// AssessmentEvidence is the art. 5(1)(c) assessment a finding rests on
// (SAG202, SAG203): the conditions, and for SAG203 the unknown ones and
// what the map must declare to settle them.
type AssessmentEvidence struct {
	Assessment []Condition `json:"assessment,omitempty"`
	Asks       []string    `json:"asks,omitempty"`
	Unknown    []string    `json:"unknown,omitempty"`
}

// Describe groups the conditions by status: "indicated: conditions 1, 2,
// 3, 4 and 5", and says what the map must declare.
func (e *AssessmentEvidence) Describe(p *i18n.Printer) []string {
	var out []string
	for _, s := range []Status{Indicated, Unknown, NotIndicated} {
		var nums []string
		for _, c := range e.Assessment {
			if c.Status == s {
				nums = append(nums, strconv.Itoa(c.Number))
			}
		}
		if len(nums) > 0 {
			out = append(out, conditions(p, s, nums))
		}
	}
	if len(e.Assessment) == 0 && len(e.Unknown) > 0 {
		out = append(out, conditions(p, Unknown, e.Unknown))
	}
	if len(e.Asks) > 0 {
		out = append(out, p.Sprintf("to settle what is unknown, the map must declare %s", p.List(AskWords(p, e.Asks))))
	}
	return out
}

// WindowWords says a window a column's name carries ("5y", "12m", "ytd")
// in words: "5 years", "12 months", "the year to date".
func WindowWords(p *i18n.Printer, w string) string {
	switch w {
	case "ytd":
		return p.Sprintf("the year to date")
	case "qtd":
		return p.Sprintf("the quarter to date")
	case "mtd":
		return p.Sprintf("the month to date")
	}
	if len(w) < 2 {
		return w
	}
	n, err := strconv.Atoi(w[:len(w)-1])
	if err != nil {
		return w
	}
	switch w[len(w)-1] {
	case 'y':
		return p.Sprintf("%d years", n)
	case 'q':
		return p.Sprintf("%d quarters", n)
	case 'm':
		return p.Sprintf("%d months", n)
	case 'w':
		return p.Sprintf("%d weeks", n)
	case 'd':
		return p.Sprintf("%d days", n)
	}
	return w
}

// askWords say in words what a purpose key declares, for the assessment's
// asks: the JSON keeps the keys, a person reads the words.
var askWords = map[string]string{
	"purpose.description":              i18n.N("how the model is used"),
	"purpose.controller":               i18n.N("who the controller is"),
	"purpose.sector":                   i18n.N("the sector the decision is made in"),
	"purpose.context":                  i18n.N("the context the decision is made in"),
	"purpose.legal_basis":              i18n.N("the decision's legal basis"),
	"purpose.output":                   i18n.N("what the model outputs"),
	"purpose.reassessed":               i18n.N("whether a person's output is updated over time"),
	"purpose.decision_role":            i18n.N("the score's role in the final decision"),
	"purpose.favourable_consequence":   i18n.N("what a favourable score leads to"),
	"purpose.unfavourable_consequence": i18n.N("what an unfavourable score leads to"),
}

// AskWords says in p's language what each ask declares: a purpose key in
// words; an ask that is already a sentence (the category of some inputs,
// a run that measures the data) as it is.
func AskWords(p *i18n.Printer, asks []string) []string {
	out := make([]string, len(asks))
	for i, k := range asks {
		if w, ok := askWords[k]; ok {
			out[i] = p.Sprintf(w)
		} else {
			out[i] = k
		}
	}
	return out
}

// outputChoices lists the outputs a map may declare, in words: "score,
// classification, ranking or information".
func outputChoices(p *Pass) string {
	var out []string
	for _, o := range featuremap.Outputs {
		out = append(out, featuremap.OutputWord(string(o)).In(p.tr()))
	}
	return p.tr().Or(out)
}

// conditions says the status of the conditions numbered nums: "unknown
// from the data and the map: condition 5".
func conditions(p *i18n.Printer, s Status, nums []string) string {
	if len(nums) == 1 {
		return p.Sprintf("%s: condition %s", StatusWord(p, s), nums[0])
	}
	return p.Sprintf("%s: conditions %s", StatusWord(p, s), p.List(nums))
}

// StatusWord says a condition's status in words. A condition is never
// "met" or "not met": that is the legal assessment's to say.
func StatusWord(p *i18n.Printer, s Status) string {
	switch s {
	case Indicated:
		return p.Sprintf("indicated")
	case NotIndicated:
		return p.Sprintf("not indicated")
	}
	return p.Sprintf("unknown from the data and the map")
}
