package rules

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/finding"
)

// Status is what the data and the map show about one condition of
// art. 5(1)(c). It is never "met" or "not met": whether a condition is met
// is a legal assessment.
type Status string

// Statuses.
const (
	// Indicated: the data or the map give an indication the condition is
	// met.
	Indicated Status = "indicated"
	// NotIndicated: the data and the map give no indication, and what the
	// condition turns on is known.
	NotIndicated Status = "not indicated"
	// Unknown: the data and the map cannot tell; Asks says what the map
	// should declare.
	Unknown Status = "unknown"
)

// Condition is one of the five conditions of art. 5(1)(c), assessed.
type Condition struct {
	Number int    `json:"number"`
	Title  string `json:"title"`
	// Label names the condition in a few words, for tables; Title is the
	// condition in full.
	Label    string `json:"label"`
	Status   Status `json:"status"`
	Evidence []Clue `json:"evidence"`
	// Asks lists the purpose keys that would settle an unknown condition.
	Asks []string `json:"asks,omitempty"`
}

// Assessment is the five-condition assessment of AI Act art. 5(1)(c) for
// one dataset and its map: indications, not a verdict.
type Assessment struct {
	Dataset    string      `json:"dataset"`
	Conditions []Condition `json:"conditions"`
	// Indicated and Unknown count the conditions in each state.
	Indicated int `json:"indicated"`
	Unknown   int `json:"unknown"`
	// AllIndicated is true when every condition is indicated (SAG202).
	AllIndicated bool `json:"all_indicated"`
	// PeriodDays is saglig's heuristic for condition 3 in this run.
	PeriodDays int `json:"period_days"`
	// lang is the language the conditions are written in.
	lang i18n.Lang
}

// Clue is one piece of a condition's evidence: a sentence in the run's
// language and the columns or keys it lists, which a report for people
// may cut short ("a, b and 1,983 more"). JSON writes it whole, as a
// string.
type Clue struct {
	// Text is the sentence; ListMark in it stands for Items.
	Text  string
	Items []string
	// Sep joins the items; ", " when empty.
	Sep string
}

// Texts writes each clue whole.
func Texts(cs []Clue) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.String()
	}
	return out
}

// ListMark stands for a clue's list in its text.
const ListMark = "\uFFFC"

// plain is a clue without a list.
func plain(text string) Clue { return Clue{Text: text} }

// listed is a clue whose text (with ListMark) lists items.
func listed(text string, items []string) Clue { return Clue{Text: text, Items: items} }

// String is the clue with its whole list.
func (c Clue) String() string { return c.In(nil, 0) }

// In is the clue with at most max items of its list (0: all), saying how
// many more there are in tr's language.
func (c Clue) In(tr *i18n.Printer, max int) string {
	if !strings.Contains(c.Text, ListMark) {
		return c.Text
	}
	sep := c.Sep
	if sep == "" {
		sep = ", "
	}
	list := strings.Join(c.Items, sep)
	if max > 0 && len(c.Items) > max && tr != nil {
		list = tr.Sprintf("%s and %d more", strings.Join(c.Items[:max], sep), len(c.Items)-max)
	}
	return strings.Replace(c.Text, ListMark, list, 1)
}

// MarshalJSON writes the clue whole, as a string.
func (c Clue) MarshalJSON() ([]byte, error) { return json.Marshal(c.String()) }

// Headline says, in one line, what the assessment found: "indications on
// N of 5 conditions (U unknown from the data and the map); a legal
// assessment is required" — in the language of its conditions, as JSON
// writes it.
func (a *Assessment) Headline() string { return a.HeadlineIn(i18n.For(a.lang)) }

// HeadlineIn says the headline in p's language.
func (a *Assessment) HeadlineIn(p *i18n.Printer) string {
	if a.Unknown > 0 {
		return p.Sprintf("indications on %d of %d conditions (%d unknown from the data and the map); a legal assessment is required",
			a.Indicated, len(a.Conditions), a.Unknown)
	}
	return p.Sprintf("indications on %d of %d conditions; a legal assessment is required", a.Indicated, len(a.Conditions))
}

// MarshalJSON writes the assessment with its headline.
func (a *Assessment) MarshalJSON() ([]byte, error) {
	type plain Assessment
	return json.Marshal(struct {
		Headline string `json:"headline"`
		*plain
	}{a.Headline(), (*plain)(a)})
}

// Assess assesses the five conditions for the pass's dataset, from the map,
// the measurements and the findings of the other rules (p.Prior), accepted
// ones included.
func Assess(p *Pass) *Assessment {
	a := &Assessment{Conditions: []Condition{
		condInUse(p),
		condEvaluates(p),
		condPeriod(p),
		condCharacteristics(p),
		condTreatment(p),
	}, PeriodDays: p.heuristics().PeriodDays, lang: p.Lang}
	if p.Dataset != nil {
		a.Dataset = p.Dataset.Path
	}
	for _, c := range a.Conditions {
		switch c.Status {
		case Indicated:
			a.Indicated++
		case Unknown:
			a.Unknown++
		}
	}
	a.AllIndicated = a.Indicated == len(a.Conditions)
	return a
}

// condition names condition n in the run's language: its title in full
// and its label for tables.
func (p *Pass) condition(n int) Condition {
	c := Condition{Number: n}
	switch n {
	case 1:
		c.Title, c.Label = p.Sprintf("placed on the market, put into service or used"), p.Sprintf("in use")
	case 2:
		c.Title, c.Label = p.Sprintf("evaluates or classifies natural persons or groups of persons"), p.Sprintf("evaluates or classifies persons")
	case 3:
		c.Title, c.Label = p.Sprintf("over a certain period of time"), p.Sprintf("over a period of time")
	case 4:
		c.Title = p.Sprintf("on the basis of social behaviour or known, inferred or predicted personal or personality characteristics")
		c.Label = p.Sprintf("social behaviour or personal characteristics")
	case 5:
		c.Title = p.Sprintf("the social score leads to detrimental or unfavourable treatment (i) in unrelated social contexts or (ii) unjustified or disproportionate to the social behaviour or its gravity")
		c.Label = p.Sprintf("detrimental or unfavourable treatment")
	}
	return c
}

func condInUse(p *Pass) Condition {
	c := p.condition(1)
	m := p.Map
	if m.Purpose.Description.Missing() {
		c.Status, c.Asks = Unknown, []string{"purpose.description"}
		c.Evidence = []Clue{plain(p.Sprintf("the purpose does not describe how the model is used"))}
		return c
	}
	c.Status = Indicated
	c.Evidence = []Clue{plain(p.Sprintf("purpose %q describes the model's use: %s", m.Purpose.Name, p.text(m.Purpose.Description)))}
	return c
}

func condEvaluates(p *Pass) Condition {
	c := p.condition(2)
	switch out := p.Map.Purpose.Output; out {
	case featuremap.OutputScore, featuremap.OutputClassification, featuremap.OutputRanking:
		c.Status = Indicated
		c.Evidence = []Clue{plain(p.Sprintf("the map declares the model's output as %s: an evaluation or classification of persons", featuremap.OutputWord(string(out))))}
	case featuremap.OutputInformation:
		c.Status = NotIndicated
		c.Evidence = []Clue{plain(p.Sprintf("the map declares the model's output as information: the system gathers information for a later human assessment, which the guidance does not count as evaluation or classification (afsnit 8, betingelse 2)"))}
	default:
		c.Status, c.Asks = Unknown, []string{"purpose.output"}
		c.Evidence = []Clue{plain(p.Sprintf("the map does not declare the model's output (%s)", outputChoices(p)))}
	}
	return c
}

// condPeriod weighs condition 3 — "over en given periode", more than a
// snapshot, judged from an overall picture — from what the map declares
// (purpose.reassessed), the input windows named in column names, and the
// observation span measured per subject against saglig's own threshold.
func condPeriod(p *Pass) Condition {
	c := p.condition(3)
	days := p.heuristics().PeriodDays
	indicated := false
	var windows []string
	for _, col := range p.inputs() {
		if col.Class.Window != "" {
			windows = append(windows, fmt.Sprintf("%s (%s)", col.Path, WindowWords(p.tr(), col.Class.Window)))
		}
	}
	if len(windows) > 0 {
		indicated = true
		c.Evidence = append(c.Evidence, listed(p.Sprintf("inputs aggregate over a window: %s", ListMark), windows))
	}
	span, long, measured := measuredPeriod(p)
	short := measured && !long
	switch {
	case long:
		indicated = true
		c.Evidence = append(c.Evidence, plain(p.Sprintf("%s (saglig's heuristic, which the relevance policy may change: a period from %d days of median or upper-quartile span)", span, days)))
	case short:
		c.Evidence = append(c.Evidence, plain(p.Sprintf("%s: a snapshot by saglig's heuristic, which the relevance policy may change: a period from %d days of median or upper-quartile span", span, days)))
	}
	switch p.Map.Purpose.Reassessed {
	case featuremap.ReassessedPeriodically, featuremap.ReassessedContinuously:
		indicated = true
		c.Evidence = append(c.Evidence, plain(p.Sprintf("the map says each person is reassessed %s: the output is updated over time", featuremap.ReassessedWord(p.Map.Purpose.Reassessed))))
	case featuremap.ReassessedOnce:
		c.Evidence = append(c.Evidence, plain(p.Sprintf("the map says each person is assessed once, from information not updated or monitored afterwards — the guidance's one-off case (afsnit 8, betingelse 3)")))
	}
	switch {
	case indicated:
		c.Status = Indicated
	case p.Map.Purpose.Reassessed == featuremap.ReassessedOnce:
		c.Status = NotIndicated
		if !measured {
			c.Evidence = append(c.Evidence, plain(p.Sprintf("no input names a window; the observation span was not measured (no id and timestamp columns, or --schema-only)")))
		}
	default:
		c.Status, c.Asks = Unknown, []string{"purpose.reassessed"}
		if !short {
			c.Evidence = append(c.Evidence, plain(p.Sprintf("no input names a window and the observation span was not measured (no id and timestamp columns, or --schema-only)")))
		}
		c.Evidence = append(c.Evidence, plain(p.Sprintf("the map does not say whether a person's output is updated or monitored over time")))
	}
	return c
}

// measuredPeriod describes the observation span measured per subject (the
// dataset's id and timestamp columns), and says whether it reaches the
// policy's heuristic period; measured is false when nothing was measured.
func measuredPeriod(p *Pass) (span string, long, measured bool) {
	if p.Scan == nil || p.Scan.Period == nil || p.Scan.Period.Subjects == 0 {
		return "", false, false
	}
	per := p.Scan.Period
	span = p.Sprintf("measured over %s: median observation span %s, 90th percentile %s, %.0f%% observed more than once",
		p.Sprintf("%d subjects", per.Subjects), p.Sprintf("%d days", int(math.Round(per.SpanDays["p50"]))),
		p.Sprintf("%d days", int(math.Round(per.SpanDays["p90"]))), 100*per.MultiObs)
	days := float64(p.heuristics().PeriodDays)
	return span, per.SpanDays["p50"] >= days || per.SpanDays["p75"] >= days, true
}

func condCharacteristics(p *Pass) Condition {
	c := p.condition(4)
	var social, personal, unknown []string
	inputs := p.inputs()
	for _, col := range inputs {
		cat, _ := col.Category()
		if cat == "" {
			unknown = append(unknown, col.Path)
			continue
		}
		if p.Policy == nil {
			continue
		}
		pc := p.Policy.Lookup(cat)
		// A category may be both: the guidance's holidays and designer
		// bags are social habits (afsnit 7, ad 1) and movement patterns and
		// preferences personal characteristics (afsnit 6).
		if pc != nil && pc.SocialBehaviour {
			social = append(social, fmt.Sprintf("%s (%s)", col.Path, featuremap.CategoryWord(cat).In(p.tr())))
		}
		if pc != nil && pc.Personal {
			personal = append(personal, fmt.Sprintf("%s (%s)", col.Path, featuremap.CategoryWord(cat).In(p.tr())))
		}
	}
	if len(social) > 0 {
		c.Evidence = append(c.Evidence, listed(p.Sprintf("social behaviour: %s", ListMark), social))
	}
	if len(personal) > 0 {
		c.Evidence = append(c.Evidence, listed(p.Sprintf("personal characteristics: %s", ListMark), personal))
	}
	switch {
	case len(social)+len(personal) > 0:
		c.Status = Indicated
	case len(inputs) == 0:
		c.Status = NotIndicated
		c.Evidence = append(c.Evidence, plain(p.Sprintf("the dataset has no declared inputs")))
	case len(unknown) > 0:
		c.Status, c.Asks = Unknown, []string{p.Sprintf("category of %s", p.tr().Capped(unknown, 5))}
		c.Evidence = append(c.Evidence, listed(p.Sprintf("inputs of unknown category: %s", ListMark), unknown))
	default:
		c.Status = NotIndicated
		c.Evidence = append(c.Evidence, plain(p.Sprintf("no input is social behaviour or a personal characteristic")))
	}
	return c
}

// condTreatment weighs condition 5: the inputs that indicate treatment in
// an unrelated context (i) or without an objective basis or out of
// proportion (ii), the score's role in the final decision (the guidance's
// causal link) and what a favourable and an unfavourable score lead to.
// Neither the role nor the consequences are in the data: without them the
// condition is unknown.
func condTreatment(p *Pass) Condition {
	c := p.condition(5)
	// Waived and baselined findings count: accepting a risk on the record
	// does not remove the input from the model; the evidence says it was
	// accepted. A documented relevance is the operators' documentation the
	// guidance asks for: listed, not counted.
	byRule := map[string][]string{}
	documented := map[string][]string{} // column → rules
	for i := range p.Prior {
		f := &p.Prior[i]
		switch {
		case treatmentIndication(f):
			byRule[f.Rule] = appendUnique(byRule[f.Rule], f.Column+p.acceptedNote(f))
		case f.Rule == "SAG101" || f.Rule == "SAG102":
			documented[f.Column] = appendUnique(documented[f.Column], f.Rule)
		}
	}
	if cols := byRule["SAG101"]; len(cols) > 0 {
		c.Evidence = append(c.Evidence, listed(p.Sprintf("(i) inputs from unrelated contexts (SAG101): %s", ListMark), cols))
	}
	if cols := byRule["SAG102"]; len(cols) > 0 {
		c.Evidence = append(c.Evidence, listed(p.Sprintf("irrelevant or undocumented characteristics (SAG102): %s", ListMark), cols))
	}
	if cols := byRule["SAG104"]; len(cols) > 0 {
		c.Evidence = append(c.Evidence, listed(p.Sprintf("(ii) strong proxies for protected characteristics (SAG104): %s", ListMark), cols))
	}
	if cols := byRule["SAG107"]; len(cols) > 0 {
		c.Evidence = append(c.Evidence, listed(p.Sprintf("(ii) protected characteristics the inputs predict together (SAG107): %s", ListMark), cols))
	}
	if len(documented) > 0 {
		var cols []string
		for col, ids := range documented {
			cols = append(cols, fmt.Sprintf("%s (%s)", col, strings.Join(ids, ", ")))
		}
		sort.Strings(cols)
		c.Evidence = append(c.Evidence, Clue{Text: p.Sprintf("relevance documented, so not counted: %s", ListMark), Items: cols, Sep: "; "})
	}

	pu := &p.Map.Purpose
	var asks []string
	switch pu.DecisionRole {
	case featuremap.DecisionSoleBasis:
		c.Evidence = append(c.Evidence, plain(p.Sprintf("the map says the score is the sole basis of the decision: it decides on its own, a direct cause of the treatment")))
	case featuremap.DecisionSubstantial:
		c.Evidence = append(c.Evidence, plain(p.Sprintf("the map says the score is a substantial basis of the decision: it plays a substantial role in the final decision, which the guidance counts as a cause also when a person decides (afsnit 7)")))
	case featuremap.DecisionOneOfSeveral:
		c.Evidence = append(c.Evidence, plain(p.Sprintf("the map says the score is one of several grounds of the decision: the guidance covers a score that is only partly the basis of the final decision, as long as it plays a substantial role (afsnit 7)")))
	case featuremap.DecisionInformationOnly:
		c.Evidence = append(c.Evidence, plain(p.Sprintf("the map says the score is for information only: it is not a direct or substantial cause of the final decision (afsnit 7)")))
	default:
		asks = append(asks, "purpose.decision_role")
	}
	if pu.FavourableConsequence.Missing() {
		asks = append(asks, "purpose.favourable_consequence")
	} else {
		c.Evidence = append(c.Evidence, plain(p.Sprintf("a favourable score leads to: %s", p.text(pu.FavourableConsequence))))
	}
	if pu.UnfavourableConsequence.Missing() {
		asks = append(asks, "purpose.unfavourable_consequence")
	} else {
		c.Evidence = append(c.Evidence, plain(p.Sprintf("an unfavourable score leads to: %s", p.text(pu.UnfavourableConsequence))))
	}

	// Without the score's role and its consequences the condition is
	// unknown, whatever the inputs: an input may be relevant and the
	// treatment still out of proportion (the guidance, ad 2), and only the
	// map can say what the score leads to.
	measure := p.Sprintf("a run that measures the data (proxies are not measured with --schema-only)")
	switch {
	case pu.DecisionRole == featuremap.DecisionInformationOnly:
		c.Status = NotIndicated
	case len(byRule) == 0 && p.Scan == nil:
		c.Status, c.Asks = Unknown, append([]string{measure}, asks...)
		c.Evidence = append(c.Evidence, plain(p.Sprintf("no input from an unrelated context and none irrelevant or undocumented; proxies were not measured (--schema-only)")))
	case len(byRule) == 0:
		c.Evidence = append(c.Evidence, plain(p.Sprintf("no input from an unrelated context, none irrelevant or undocumented, and no strong proxy measured, alone or together")))
		if cols := undecidedProxies(p); len(cols) > 0 {
			c.Evidence = append(c.Evidence, listed(p.Sprintf("whether these are proxies is unknown, on too few rows to tell: %s", ListMark), cols))
		}
		c.Status = NotIndicated
		if len(asks) > 0 {
			c.Status, c.Asks = Unknown, asks
		}
	case len(asks) > 0:
		c.Status, c.Asks = Unknown, asks
	default:
		c.Status = Indicated
	}
	if c.Status == Unknown && len(asks) > 0 {
		c.Evidence = append(c.Evidence, plain(p.Sprintf("the map does not declare %s: whether the score leads to detrimental or unfavourable treatment, and is a cause of it, cannot be told from the data", p.tr().List(AskWords(p.tr(), asks)))))
	}
	return c
}

// undecidedProxies lists the proxy measurements the rows were too few to
// decide (SAG104 and SAG107 at info severity): "alder ~ herkomst (SAG104)".
func undecidedProxies(p *Pass) []string {
	var out []string
	for i := range p.Prior {
		f := &p.Prior[i]
		switch {
		case f.Severity != finding.Info:
		case f.Rule == "SAG104":
			out = appendUnique(out, f.Column+" ~ "+f.Protected+" (SAG104)")
		case f.Rule == "SAG107":
			out = appendUnique(out, f.Column+" (SAG107)")
		}
	}
	return out
}

// treatmentIndication reports whether a finding is an indication for
// condition 5: an input from an unrelated context (SAG101), an irrelevant
// or undocumented characteristic (SAG102), a strong proxy (SAG104) or
// inputs that predict a protected column well together (SAG107) — open,
// waived or baselined, but not accepted by a documented relevance.
func treatmentIndication(f *finding.Finding) bool {
	switch {
	case f.Accepted != nil && f.Accepted.By == finding.ByRelevance:
		return false
	case f.Rule == "SAG101", f.Rule == "SAG102":
		return true
	}
	return (f.Rule == "SAG104" || f.Rule == "SAG107") && f.Severity >= finding.Error
}

// acceptedNote says, for the assessment's evidence, that and how a finding
// was accepted on the record; "" for an open finding.
func (p *Pass) acceptedNote(f *finding.Finding) string {
	a := f.Accepted
	if a == nil {
		return ""
	}
	by := p.AcceptedBy(a.By)
	switch {
	case a.Reason != "" && a.Expires != "":
		return " " + p.Sprintf("(accepted on the record: %s %q, until %s)", by, a.Reason, p.tr().ISODate(a.Expires))
	case a.Reason != "":
		return " " + p.Sprintf("(accepted on the record: %s %q)", by, a.Reason)
	}
	return " " + p.Sprintf("(accepted on the record: %s)", by)
}

// AcceptedBy names how a finding was accepted, in the run's language.
func (p *Pass) AcceptedBy(by string) string {
	switch by {
	case finding.ByWaiver:
		return p.Sprintf("waiver")
	case finding.ByRelevance:
		return p.Sprintf("relevance")
	case finding.ByBaseline:
		return p.Sprintf("baseline")
	}
	return by
}

func appendUnique(list []string, s string) []string {
	for _, v := range list {
		if v == s {
			return list
		}
	}
	list = append(list, s)
	sort.Strings(list)
	return list
}
