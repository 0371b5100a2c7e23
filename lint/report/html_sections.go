package report

import (
	_ "embed"
	"math"
	"sort"
	"strings"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/legal"
	"github.com/saglig/saglig/lint/rules"
)

// seriousness orders rules for the summary: a prohibited practice first,
// then direct identifiers, irrelevant characteristics, data out of
// context, proxies and special categories; other rules after them by id.
var seriousness = []string{"SAG202", "SAG301", "SAG102", "SAG101", "SAG104", "SAG103", "SAG201"}

// mostSerious returns the n most serious open findings: by severity, then
// by the rule's seriousness, then in report order.
func mostSerious(open []*finding.Finding, n int) []*finding.Finding {
	rank := func(id string) int {
		for i, s := range seriousness {
			if s == id {
				return i
			}
		}
		return len(seriousness)
	}
	fs := append([]*finding.Finding(nil), open...)
	sort.SliceStable(fs, func(i, j int) bool {
		if fs[i].Severity != fs[j].Severity {
			return fs[i].Severity > fs[j].Severity
		}
		ri, rj := rank(fs[i].Rule), rank(fs[j].Rule)
		if ri != rj {
			return ri < rj
		}
		return fs[i].Rule < fs[j].Rule && ri == len(seriousness)
	})
	return fs[:min(n, len(fs))]
}

func htmlVerdict(tr *i18n.Printer, r *lint.Result) (string, string) {
	for _, d := range r.Datasets {
		if d.Assessment != nil && d.Assessment.AllIndicated {
			return tr.Sprintf("AI Act art. 5(1)(c): %s.", d.Assessment.HeadlineIn(tr)), "bad"
		}
	}
	s := r.Summary
	switch {
	case s.Error > 0:
		return tr.Sprintf("Not ready for approval: %s and %s to resolve.", tr.Sprintf("%d errors", s.Error), tr.Sprintf("%d warnings", s.Warning)), "bad"
	case s.Warning > 0:
		return tr.Sprintf("No errors; %s to review.", tr.Sprintf("%d warnings", s.Warning)), "warn"
	}
	return tr.Sprintf("No open findings."), "good"
}

// lawLine names what the review checks against: the order only in its
// scope.
func lawLine(tr *i18n.Printer, s legal.Scope) string {
	if s.Order() {
		return tr.Sprintf("AI Act art. 5(1)(c), GDPR and the draft order (BEK) on AI or similar digital solutions in the employment effort")
	}
	return tr.Sprintf("AI Act art. 5(1)(c) and GDPR")
}

// ruleLaw is what the rule checking a purpose key cites in scope s.
func ruleLaw(id string, s legal.Scope) string {
	r := ruleOf(id)
	if r == nil {
		return ""
	}
	return strings.Join(r.RefsIn(s), "; ")
}

func purposeRows(tr *i18n.Printer, p *lint.Purpose) []purposeRow {
	if p == nil {
		return nil
	}
	s := p.Scope()
	automated := ""
	if p.Automated != nil {
		automated = tr.Sprintf("no — a person decides")
		if *p.Automated {
			automated = tr.Sprintf("yes — decisions are solely automated")
		}
	}
	processor := p.Processor
	if processor == "" {
		processor = tr.Sprintf("none named")
	}
	rows := []purposeRow{
		{Label: tr.Sprintf("Name"), Value: p.Name},
		textRow(tr, tr.Sprintf("How the model is used"), p.Description, ruleLaw("SAG010", s)),
		{Label: tr.Sprintf("Controller"), Value: featuremap.ControllerWord(p.Controller).In(tr), Law: ruleLaw("SAG010", s)},
		{Label: tr.Sprintf("Sector"), Value: featuremap.SectorWord(p.Sector).In(tr), Law: ruleLaw("SAG010", s)},
		{Label: tr.Sprintf("Context of the decision"), Value: featuremap.ContextWord(p.Context).In(tr), Law: "art. 5(1)(c) cond. 5(i)"},
		{Label: tr.Sprintf("In-context data sources"), Value: featuremap.ContextWords(p.AllowedContexts).In(tr)},
		{Label: tr.Sprintf("Output"), Value: featuremap.OutputWord(p.Output).In(tr), Law: "art. 5(1)(c) cond. 2"},
		{Label: tr.Sprintf("Solely automated"), Value: automated, Law: ruleLaw("SAG011", s)},
		textRow(tr, tr.Sprintf("Human review"), p.HumanReview, ruleLaw("SAG011", s)),
		textRow(tr, tr.Sprintf("Transparency to the citizen"), p.Transparency, ruleLaw("SAG012", s)),
		textRow(tr, tr.Sprintf("Legal basis"), p.LegalBasis, ruleLaw("SAG010", s)),
		{Label: tr.Sprintf("Data processor"), Value: processor},
	}
	if p.Processor != "" {
		rows[len(rows)-1].Law = ruleLaw("SAG014", s)
		rows = append(rows, textRow(tr, tr.Sprintf("Data-processing agreement"), p.ProcessorAgreement, ruleLaw("SAG014", s)))
	}
	for i := range rows {
		rows[i].Law = strings.Join(lawRefs(tr, strings.Split(rows[i].Law, "; ")), "; ")
		val := strings.TrimSpace(rows[i].Value)
		rows[i].Missing = val == "" || strings.HasPrefix(strings.ToUpper(val), "TODO")
	}
	return rows
}

// textRow is a purpose row showing a text of the map.
func textRow(tr *i18n.Printer, label string, v featuremap.Variant, law string) purposeRow {
	t := shownText(tr, v.Text, v.Lang)
	return purposeRow{Label: label, Value: t.Text, Lang: t.Lang, Law: law}
}

func severityClass(f *finding.Finding) string {
	if !f.Open() {
		return "accepted"
	}
	return f.Severity.String()
}

// how says by what a finding was accepted on the record.
func how(tr *i18n.Printer, a *finding.Acceptance) string {
	switch a.By {
	case finding.ByWaiver:
		return tr.Sprintf("waiver in the map")
	case finding.ByRelevance:
		return tr.Sprintf("documented relevance")
	}
	return tr.Sprintf("baseline")
}

func (p htmlPrinter) findingView(r *lint.Result, f *finding.Finding) findingView {
	tr := p.tr
	fv := findingView{
		Rule: f.Rule, Name: rules.NameOf(tr.Lang(), f.Rule, f.Name), Severity: f.Severity.In(tr), Class: severityClass(f),
		Dataset: slashPath(f.Dataset), Column: columnOrPurpose(tr, f), Message: f.Message, Fix: f.Fix,
		Legal: lawRefs(tr, f.Legal), Evidence: evidence(tr, f),
	}
	if fv.Dataset == "" {
		fv.Dataset = slashPath(r.Map)
	}
	if f.Pos != nil {
		fv.Position, fv.PositionLabel = f.Pos.String(), posLabel(p.tr, f)
	}
	if a := f.Accepted; a != nil {
		fv.How, fv.Reason = how(tr, a), shownText(tr, a.Reason, a.Lang)
		if a.Expires != "" {
			fv.Until = tr.ISODate(a.Expires)
		}
	}
	return fv
}

// conditionWording is each condition of art. 5(1)(c) in the law's own
// words, as the guidance quotes it.
func conditionWording(n int) *legal.Citation {
	switch n {
	case 1:
		return legal.Art5Cond1
	case 2:
		return legal.Art5Cond2
	case 3:
		return legal.Art5Cond3
	case 4:
		return legal.Art5Cond4
	case 5:
		return legal.Art5Cond5
	}
	return nil
}

func (p htmlPrinter) datasetView(index int, d *lint.DatasetSummary, byColumn map[string][]*finding.Finding, all []finding.Finding) datasetView {
	tr := p.tr
	dv := datasetView{Index: index, Path: slashPath(d.Path), Format: string(d.Format), Rows: d.Rows, Files: d.Files,
		Measured: d.Measured}
	for _, n := range d.Notes {
		dv.Notes = append(dv.Notes, n.In(tr))
	}
	if a := d.Assessment; a != nil {
		av := &assessmentView{AllIndicated: a.AllIndicated, Headline: a.HeadlineIn(tr)}
		for _, c := range a.Conditions {
			cls := "unknown"
			switch c.Status {
			case rules.Indicated:
				cls = "met"
			case rules.NotIndicated:
				cls = "notmet"
			}
			cv := conditionView{Number: c.Number, Title: c.Title, Status: rules.StatusWord(tr, c.Status), Class: cls, Evidence: clues(tr, c.Evidence, htmlListMax)}
			if w := conditionWording(c.Number); w != nil {
				cv.Danish, cv.English = w.Danish, w.English
			}
			av.Conditions = append(av.Conditions, cv)
		}
		dv.Assessment = av
	}
	protected, inputs := 0, 0
	for _, c := range d.Columns {
		cv := columnView{Path: c.Path, Description: shownText(tr, c.Description.Text, c.Description.Lang), Type: TypeWord(tr, c.Type),
			Role: rules.RoleWord(tr, featuremap.Role(c.Role)), Source: shownText(tr, c.Source.Text, c.Source.Lang),
			Context: featuremap.ContextWord(c.Context).In(tr), Declared: c.Declared, Category: featuremap.CategoryWord(c.Category).In(tr), Explanation: c.Explanation.In(tr),
			Relevance: shownText(tr, c.Relevance.Text, c.Relevance.Lang)}
		switch c.Role {
		case "protected":
			protected++
		case "input":
			inputs++
		}
		for _, w := range c.Waivers {
			wv := waiverView{Rule: w.Rule, Reason: shownText(tr, w.Reason.Text, w.Reason.Lang)}
			if w.Expires != "" {
				wv.Until = tr.ISODate(w.Expires)
			}
			cv.Waivers = append(cv.Waivers, wv)
			dv.Waivers = true
		}
		switch {
		case c.Category == "":
			if c.Inferred != "" {
				cv.CategoryHow = tr.Sprintf("inferred %s with confidence %.2f, below the threshold", featuremap.CategoryWord(c.Inferred), c.Confidence)
			}
		case c.CategoryDeclared:
			cv.CategoryHow = tr.Sprintf("declared")
		default:
			cv.CategoryHow = tr.Sprintf("inferred, confidence %.2f", c.Confidence)
		}
		worst, accepted := finding.Severity(0), false
		for _, f := range byColumn[d.Path+"\x00"+c.Path] {
			cv.Findings = append(cv.Findings, findingRef{Rule: f.Rule, Name: rules.NameOf(tr.Lang(), f.Rule, f.Name), Class: severityClass(f), Message: f.Message})
			if f.Open() {
				worst = max(worst, f.Severity)
			} else {
				accepted = true
			}
		}
		switch {
		case worst > 0:
			cv.Verdict, cv.VerdictClass = worst.In(tr), worst.String()
			cv.Class = "has-" + worst.String()
		case accepted:
			cv.Verdict, cv.VerdictClass = tr.Sprintf("accepted"), "accepted"
		default:
			cv.Verdict, cv.VerdictClass = tr.Sprintf("no finding"), "ok"
		}
		if !c.Declared {
			cv.Class = "undeclared"
		}
		dv.Columns = append(dv.Columns, cv)
	}
	dv.Heatmap = heatmapOf(tr, index, d, all)
	dv.Period = periodOf(tr, d.Period, periodDays(d))
	if d.Measured {
		dv.Method = append(dv.Method, tr.Sprintf("Measured in one pass over all %s of %s: the nulls and distinct values of each of its %s.",
			tr.Sprintf("%d rows", d.Rows), tr.Sprintf("%d files", d.Files), tr.Sprintf("%d columns", len(d.Columns))))
		dv.Method = append(dv.Method, tr.Sprintf("%s measured between %s and %s.", tr.Sprintf("%d associations", len(d.Associations)),
			tr.Sprintf("%d inputs", inputs), tr.Sprintf("%d protected columns", protected)))
		if d.Period != nil {
			dv.Method = append(dv.Method, tr.Sprintf("Observation period measured over %s (%s of them).", tr.Sprintf("%d subjects", d.Period.Subjects), percent(tr, d.Period.SampledShare)))
		} else {
			dv.Method = append(dv.Method, tr.Sprintf("Observation period not measured: the map declares no id and timestamp columns."))
		}
	} else {
		dv.Method = append(dv.Method, tr.Sprintf("Only the schema was read (--schema-only): categories were inferred from column names alone; associations, the observation period and the values were not measured."))
	}
	return dv
}

// percent writes a share as a percentage with at most one decimal.
func percent(tr *i18n.Printer, x float64) string {
	v := math.Round(1000*x) / 10
	if v == math.Trunc(v) {
		return tr.Sprintf("%.0f%%", v)
	}
	return tr.Sprintf("%.1f%%", v)
}
