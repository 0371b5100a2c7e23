package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/lint/finding"
)

// Status is the verdict on one condition of art. 5(1)(c).
type Status string

// Statuses.
const (
	Met     Status = "met"
	NotMet  Status = "not met"
	Unknown Status = "unknown"
)

// Condition is one of the five conditions of art. 5(1)(c), assessed.
type Condition struct {
	Number   int      `json:"number"`
	Title    string   `json:"title"`
	Status   Status   `json:"status"`
	Evidence []string `json:"evidence"`
}

// Assessment is the five-condition assessment of AI Act art. 5(1)(c) for one
// dataset and its map. All five met means a prohibited social score.
type Assessment struct {
	Dataset    string      `json:"dataset"`
	Conditions []Condition `json:"conditions"`
	// Prohibited is true when every condition is met.
	Prohibited bool `json:"prohibited"`
}

// PeriodMinDays is the threshold of condition 3: a dataset observes its
// subjects "over a given period" when the median or upper-quartile subject's
// observation span is at least this many days.
const PeriodMinDays = 30

// Assess assesses the five conditions for the pass's dataset, from the map,
// the measurements and the findings of the other rules (p.Prior).
func Assess(p *Pass) *Assessment {
	a := &Assessment{Conditions: []Condition{
		condInUse(p.Map),
		condEvaluates(p.Map),
		condPeriod(p),
		condCharacteristics(p),
		condTreatment(p),
	}}
	if p.Dataset != nil {
		a.Dataset = p.Dataset.Path
	}
	a.Prohibited = true
	for _, c := range a.Conditions {
		if c.Status != Met {
			a.Prohibited = false
		}
	}
	return a
}

func condInUse(m *featuremap.Map) Condition {
	c := Condition{Number: 1, Title: "placed on the market, put into service or used"}
	if featuremap.Missing(m.Purpose.Description) {
		c.Status = Unknown
		c.Evidence = []string{"the purpose does not describe how the model is used"}
		return c
	}
	c.Status = Met
	c.Evidence = []string{fmt.Sprintf("purpose %q is a decision the model is trained to support: %s", m.Purpose.Name, m.Purpose.Description)}
	return c
}

func condEvaluates(m *featuremap.Map) Condition {
	c := Condition{Number: 2, Title: "evaluates or classifies natural persons"}
	switch m.Purpose.Output {
	case featuremap.OutputScore, featuremap.OutputClassification, featuremap.OutputRanking:
		c.Status = Met
		c.Evidence = []string{fmt.Sprintf("purpose.output is %s: the model evaluates or classifies persons", m.Purpose.Output)}
	case featuremap.OutputInformation:
		c.Status = NotMet
		c.Evidence = []string{"purpose.output is information: the system gathers information for a later human assessment (guidance section 8)"}
	default:
		c.Status = Unknown
		c.Evidence = []string{"purpose.output is not declared (score, classification, ranking or information)"}
	}
	return c
}

func condPeriod(p *Pass) Condition {
	c := Condition{Number: 3, Title: "over a certain period of time"}
	var windows []string
	for _, col := range p.inputs() {
		if col.Class.Window != "" {
			windows = append(windows, fmt.Sprintf("%s (%s)", col.Path, col.Class.Window))
		}
	}
	if len(windows) > 0 {
		c.Status = Met
		c.Evidence = append(c.Evidence, "inputs aggregate over a window: "+strings.Join(windows, ", "))
	}
	if p.Scan != nil && p.Scan.Period != nil && p.Scan.Period.Subjects > 0 {
		per := p.Scan.Period
		median := per.SpanDays["p50"]
		ev := fmt.Sprintf("measured over %d subjects: median observation span %.0f days, 90th percentile %.0f days, %.0f%% observed more than once",
			per.Subjects, median, per.SpanDays["p90"], 100*per.MultiObs)
		c.Evidence = append(c.Evidence, ev)
		if median >= PeriodMinDays || per.SpanDays["p75"] >= PeriodMinDays {
			c.Status = Met
		} else if c.Status != Met {
			c.Status = NotMet
		}
	}
	if c.Status == "" {
		c.Status = Unknown
		c.Evidence = append(c.Evidence, "no id and timestamp columns to measure the observation period, and no input names a window")
	}
	return c
}

func condCharacteristics(p *Pass) Condition {
	c := Condition{Number: 4, Title: "on the basis of social behaviour or personal characteristics"}
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
		switch {
		case pc == nil:
		case pc.SocialBehaviour:
			social = append(social, fmt.Sprintf("%s (%s)", col.Path, cat))
		case pc.Personal:
			personal = append(personal, fmt.Sprintf("%s (%s)", col.Path, cat))
		}
	}
	if len(social) > 0 {
		c.Evidence = append(c.Evidence, "social behaviour: "+strings.Join(social, ", "))
	}
	if len(personal) > 0 {
		c.Evidence = append(c.Evidence, "personal characteristics: "+strings.Join(personal, ", "))
	}
	switch {
	case len(social)+len(personal) > 0:
		c.Status = Met
	case len(inputs) == 0:
		c.Status = NotMet
		c.Evidence = append(c.Evidence, "the dataset has no declared inputs")
	case len(unknown) > 0:
		c.Status = Unknown
		c.Evidence = append(c.Evidence, "inputs of unknown category: "+strings.Join(unknown, ", "))
	default:
		c.Status = NotMet
		c.Evidence = append(c.Evidence, "no input is social behaviour or a personal characteristic")
	}
	return c
}

func condTreatment(p *Pass) Condition {
	c := Condition{Number: 5, Title: "detrimental treatment (i) in an unrelated context or (ii) unjustified or disproportionate"}
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
			byRule[f.Rule] = appendUnique(byRule[f.Rule], f.Column+acceptedNote(f))
		case f.Rule == "SAG101" || f.Rule == "SAG102":
			documented[f.Column] = appendUnique(documented[f.Column], f.Rule)
		}
	}
	if cols := byRule["SAG101"]; len(cols) > 0 {
		c.Evidence = append(c.Evidence, "(i) inputs from unrelated contexts (SAG101): "+strings.Join(cols, ", "))
	}
	if cols := byRule["SAG102"]; len(cols) > 0 {
		c.Evidence = append(c.Evidence, "(ii) irrelevant or unjustified characteristics (SAG102): "+strings.Join(cols, ", "))
	}
	if cols := byRule["SAG104"]; len(cols) > 0 {
		c.Evidence = append(c.Evidence, "(ii) strong proxies for protected characteristics (SAG104): "+strings.Join(cols, ", "))
	}
	if len(documented) > 0 {
		var cols []string
		for col, ids := range documented {
			cols = append(cols, fmt.Sprintf("%s (%s)", col, strings.Join(ids, ", ")))
		}
		sort.Strings(cols)
		c.Evidence = append(c.Evidence, "relevance documented, so not counted: "+strings.Join(cols, "; "))
	}
	switch {
	case len(byRule) > 0:
		c.Status = Met
	case p.Scan == nil:
		c.Status = Unknown
		c.Evidence = append(c.Evidence, "no unrelated-context or irrelevant inputs declared; proxies were not measured (--schema-only)")
	default:
		c.Status = NotMet
		c.Evidence = append(c.Evidence, "every input is in context, relevant to the decision and no strong proxy was measured")
	}
	return c
}

// treatmentIndication reports whether a finding is an indication for
// condition 5: an input from an unrelated context (SAG101), an irrelevant
// or undocumented characteristic (SAG102), a strong proxy (SAG104) — open,
// waived or baselined, but not accepted by a documented relevance.
func treatmentIndication(f *finding.Finding) bool {
	switch {
	case f.Accepted != nil && f.Accepted.By == finding.ByRelevance:
		return false
	case f.Rule == "SAG101", f.Rule == "SAG102":
		return true
	}
	return f.Rule == "SAG104" && f.Severity >= finding.Error
}

// acceptedNote says, for the assessment's evidence, that and how a finding
// was accepted on the record; "" for an open finding.
func acceptedNote(f *finding.Finding) string {
	a := f.Accepted
	if a == nil {
		return ""
	}
	note := " (accepted on the record: " + a.By
	if a.Reason != "" {
		note += fmt.Sprintf(" %q", a.Reason)
	}
	if a.Expires != "" {
		note += ", until " + a.Expires
	}
	return note + ")"
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
