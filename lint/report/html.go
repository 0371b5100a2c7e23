package report

import (
	_ "embed"
	"html/template"
	"io"
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

func init() { registerFormat("html", func(o Options) Printer { return htmlPrinter{tr: o.tr()} }) }

// htmlPrinter writes the model-review report: one self-contained HTML file
// (inline CSS and SVG, no scripts, no external resources) to be read,
// printed and filed by those who approve a model. In order: a one-page
// summary for decision makers (the purpose, the verdict, the counts and
// the three most serious findings), the purpose and its legal basis, the
// data inventory (every column), the findings by severity with their
// evidence and fixes, the associations heatmap and the observation period,
// the five conditions of AI Act art. 5(1)(c) in the law's own words with
// their evidence, the risks accepted on the record, the rules that fired
// with their legal text, and a methods appendix. Everything from the map
// or the data is escaped by html/template. The output holds no timestamp,
// so the same result gives the same file; it is written in the printer's
// language, the law quoted in Danish.
type htmlPrinter struct{ tr *i18n.Printer }

//go:embed html.tmpl
var htmlSource string

var htmlTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"t":        func(string, ...any) string { return "" },
	"pct":      func(float64) string { return "" },
	"num":      func(any) string { return "" },
	"ref":      func(string) string { return "" },
	"boxWidth": func(a, b float64) float64 { return math.Max(1, b-a) },
}).Parse(htmlSource))

func (p htmlPrinter) Print(w io.Writer, r *lint.Result) error {
	t, err := htmlTemplate.Clone()
	if err != nil {
		return err
	}
	t.Funcs(template.FuncMap{
		"t":   p.tr.Sprintf,
		"pct": func(x float64) string { return percent(p.tr, x) },
		"ref": func(ref string) string { return legal.RefIn(p.tr.Lang(), ref) },
		"num": func(v any) string {
			switch n := v.(type) {
			case int:
				return p.tr.Int(int64(n))
			case int64:
				return p.tr.Int(n)
			}
			return ""
		},
	})
	return t.Execute(w, p.view(r))
}

type htmlView struct {
	Lang  string
	Title string
	// Law names the instruments the review is made against, in the map's
	// scope.
	Law         string
	Tool        lint.Tool
	Map         string
	Policy      string
	Baseline    string
	PurposeName string
	Description string
	Purpose     []purposeRow
	Verdict     string
	// Headlines are the art. 5(1)(c) assessments' headlines, for the
	// summary, when the verdict does not already give one.
	Headlines []string
	// PeriodDays is saglig's heuristic period for condition 3.
	PeriodDays int
	// VerdictClass is bad, warn or good.
	VerdictClass string
	Summary      lint.Summary
	Accepted     int
	SummaryLine  string
	// Top are the most serious open findings, for the summary.
	Top []findingView
	// Incomplete is the banner of a run in which some files could not be
	// read, Errors those files; both empty when every file was read.
	Incomplete string
	Errors     []errorView
	Datasets   []datasetView
	// Groups are the open findings by severity, most severe first.
	Groups []findingGroup
	// AcceptedFs are the findings accepted on the record.
	AcceptedFs   []findingView
	NotBaselined string
	Disabled     string
	Rules        []ruleView
	Method       []string
	Limits       []string
}

// errorView is a file, directory or argument that could not be read.
type errorView struct {
	Path, Message string
}

type purposeRow struct {
	Label, Value, Law string
	Missing           bool
}

type datasetView struct {
	Index      int
	Path       string
	Format     string
	Rows       int64
	Files      int
	Columns    []columnView
	Measured   bool
	Notes      []string
	Method     []string
	Assessment *assessmentView
	Heatmap    *heatmapView
	Period     *periodView
}

type assessmentView struct {
	AllIndicated bool
	Headline     string
	Conditions   []conditionView
}

type conditionView struct {
	Number   int
	Title    string
	Status   string
	Class    string
	Danish   string
	English  string
	Evidence []string
}

type columnView struct {
	Path, Description, Type, Role, Source, Context string
	Declared                                       bool
	Category                                       string
	CategoryHow                                    string
	Explanation                                    string
	Relevance                                      string
	Verdict                                        string
	VerdictClass                                   string
	Findings                                       []findingRef
	Waivers                                        []waiverView
	Class                                          string
}

type waiverView struct {
	Rule, Reason, Until string
}

type findingRef struct {
	Rule, Name, Class, Message string
}

type findingGroup struct {
	ID, Title string
	Findings  []findingView
}

type findingView struct {
	Rule, Name, Severity, Class string
	Dataset, Column, Message    string
	Fix, Position, How          string
	// PositionLabel says what Position is: "declared at", "purpose at".
	PositionLabel string
	Reason, Until string
	Legal         []string
	Evidence      []string
}

type ruleView struct {
	ID, Name, Severity, Class, Summary, Doc string
	Legal                                   []*rules.Citation
	Measures                                bool
}

func (p htmlPrinter) view(r *lint.Result) *htmlView {
	tr := p.tr
	v := &htmlView{
		Lang: string(tr.Lang()), Tool: r.Tool, Map: slashPath(r.Map), Policy: r.Policy, Baseline: slashPath(r.Baseline),
		Summary: r.Summary, Accepted: r.Summary.Waived + r.Summary.Documented + r.Summary.Baselined,
		SummaryLine: SummaryLine(tr, r), NotBaselined: notBaselined(tr, r), Disabled: disabledRules(tr, r),
	}
	v.Title = tr.Sprintf("Model review")
	v.PeriodDays = runPeriodDays(r)
	if r.Purpose != nil && r.Purpose.Name != "" {
		v.PurposeName = r.Purpose.Name
		v.Description = r.Purpose.Description
		v.Title = tr.Sprintf("Model review: %s", r.Purpose.Name)
	}
	if v.Policy == "default" {
		v.Policy = tr.Sprintf("built-in")
	}
	v.Purpose = purposeRows(tr, r.Purpose)
	v.Law = lawLine(tr, r.Purpose.Scope())
	v.Verdict, v.VerdictClass = htmlVerdict(tr, r)
	for _, d := range r.Datasets {
		if a := d.Assessment; a != nil && !a.AllIndicated {
			v.Headlines = append(v.Headlines, tr.Sprintf("AI Act art. 5(1)(c), %s: %s.", slashPath(d.Path), a.HeadlineIn(tr)))
		}
	}
	if len(r.Errors) > 0 {
		v.Incomplete = tr.Sprintf("Incomplete run: %s. The findings and the assessment cover only the files that were read.", unreadable(tr, unreadableCount(r)))
		for _, e := range r.Errors {
			v.Errors = append(v.Errors, errorView{Path: errorPath(e), Message: e.Message})
		}
	}
	byColumn := map[string][]*finding.Finding{}
	var open []*finding.Finding
	for i := range r.Findings {
		f := &r.Findings[i]
		byColumn[f.Dataset+"\x00"+f.Column] = append(byColumn[f.Dataset+"\x00"+f.Column], f)
		if f.Open() {
			open = append(open, f)
		} else {
			v.AcceptedFs = append(v.AcceptedFs, p.findingView(r, f))
		}
	}
	for _, sev := range []finding.Severity{finding.Error, finding.Warning, finding.Info} {
		g := findingGroup{ID: "findings-" + sev.String()}
		switch sev {
		case finding.Error:
			g.Title = tr.Sprintf("Errors")
		case finding.Warning:
			g.Title = tr.Sprintf("Warnings")
		default:
			g.Title = tr.Sprintf("Information")
		}
		for _, f := range open {
			if f.Severity == sev {
				g.Findings = append(g.Findings, p.findingView(r, f))
			}
		}
		if len(g.Findings) > 0 {
			v.Groups = append(v.Groups, g)
		}
	}
	for _, f := range mostSerious(open, 3) {
		v.Top = append(v.Top, p.findingView(r, f))
	}
	for i := range r.Datasets {
		v.Datasets = append(v.Datasets, p.datasetView(i+1, &r.Datasets[i], byColumn, r.Findings))
	}
	scope := r.Purpose.Scope()
	for _, rule := range firedRules(r) {
		v.Rules = append(v.Rules, ruleView{ID: rule.ID, Name: rule.Name, Severity: SeverityWord(tr, rule.Severity), Class: rule.Severity.String(),
			Summary: strings.ReplaceAll(tr.Sprintf(rule.Summary), "`", ""), Doc: rule.DocIn(scope), Legal: rule.LegalIn(scope), Measures: rule.Measures})
	}
	v.Method = []string{
		tr.Sprintf("Each column's category is inferred from its name, against a vocabulary in Danish, English, Norwegian, Swedish, German and Dutch, and from a sample of its values, by recognisers that validate check digits, dates and structure; an inferred category counts from a confidence of %.2f. A category the map declares takes precedence.", rules.MinConfidence),
		tr.Sprintf("The relevance policy (%s) says, for the purpose's context, which categories are irrelevant to the decision and which need a documented relevance.", v.Policy),
		tr.Sprintf("Associations are measured on every row in one pass: bias-corrected Cramér's V for a categorical input, the correlation ratio η for a numeric one, with the normalised mutual information and a test of independence. Columns with very many distinct values are grouped into a bounded number of levels so that memory stays within its budget."),
		tr.Sprintf("Beyond one coefficient per pair: the values of an input that give a protected group away, from the same tables, with a Wilson interval and an exact binomial test; for a numeric side the mutual information over equal-frequency bins, which sees relations the correlation ratio misses; and how well all the inputs together predict each protected group, by a regularised logistic regression cross-validated on a deterministic sample of rows. Each proxy rule keeps the false discovery rate over the dataset's tests (Benjamini–Hochberg); where the rows are too few to tell, the finding says the answer is unknown."),
		tr.Sprintf("The observation period is the time between the first and the last record of each subject (id and timestamp columns), over a hash sample of subjects when there are very many."),
	}
	v.Limits = []string{
		tr.Sprintf("saglig finds indications in the data and in the map; whether a practice is prohibited is a legal assessment that people make."),
		tr.Sprintf("What the data cannot show is not assessed as met or not met: the consequences of a score, its weight in the final decision, and whether a treatment is proportionate to the behaviour."),
		tr.Sprintf("An association says that an input carries information about a protected characteristic; it does not show that the model treats anyone differently because of it."),
		tr.Sprintf("The %d-day period for condition 3 is saglig's own heuristic (policy heuristics.period_days), not a number the law sets; the guidance asks for an overall picture.", runPeriodDays(r)),
		tr.Sprintf("Categories inferred from names and values can be wrong: a column the map declares is judged by its declaration."),
		tr.Sprintf("The report shows a value from the data only as evidence of a proxy, and only when at least as many rows carry it as the policy's k-anonymity asks (proxy.k_anonymity) and its column holds neither identifiers nor free text; identifiers appear only masked."),
	}
	return v
}

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
		{Label: tr.Sprintf("How the model is used"), Value: p.Description, Law: ruleLaw("SAG010", s)},
		{Label: tr.Sprintf("Controller"), Value: p.Controller, Law: ruleLaw("SAG010", s)},
		{Label: tr.Sprintf("Sector"), Value: p.Sector, Law: ruleLaw("SAG010", s)},
		{Label: tr.Sprintf("Context of the decision"), Value: p.Context, Law: "art. 5(1)(c) cond. 5(i)"},
		{Label: tr.Sprintf("In-context data sources"), Value: strings.Join(p.AllowedContexts, ", ")},
		{Label: tr.Sprintf("Output"), Value: p.Output, Law: "art. 5(1)(c) cond. 2"},
		{Label: tr.Sprintf("Solely automated"), Value: automated, Law: ruleLaw("SAG011", s)},
		{Label: tr.Sprintf("Human review"), Value: p.HumanReview, Law: ruleLaw("SAG011", s)},
		{Label: tr.Sprintf("Transparency to the citizen"), Value: p.Transparency, Law: ruleLaw("SAG012", s)},
		{Label: tr.Sprintf("Legal basis"), Value: p.LegalBasis, Law: ruleLaw("SAG010", s)},
		{Label: tr.Sprintf("Data processor"), Value: processor},
	}
	if p.Processor != "" {
		rows[len(rows)-1].Law = ruleLaw("SAG014", s)
		rows = append(rows, purposeRow{Label: tr.Sprintf("Data-processing agreement"), Value: p.ProcessorAgreement, Law: ruleLaw("SAG014", s)})
	}
	for i := range rows {
		rows[i].Law = strings.Join(lawRefs(tr, strings.Split(rows[i].Law, "; ")), "; ")
		val := strings.TrimSpace(rows[i].Value)
		rows[i].Missing = val == "" || strings.HasPrefix(strings.ToUpper(val), "TODO")
	}
	return rows
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
		Rule: f.Rule, Name: f.Name, Severity: SeverityWord(tr, f.Severity), Class: severityClass(f),
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
		fv.How, fv.Reason = how(tr, a), a.Reason
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
		cv := columnView{Path: c.Path, Description: c.Description, Type: c.Type, Role: rules.RoleWord(tr, featuremap.Role(c.Role)), Source: c.Source,
			Context: c.Context, Declared: c.Declared, Category: c.Category, Explanation: c.Explanation.In(tr),
			Relevance: c.Relevance}
		switch c.Role {
		case "protected":
			protected++
		case "input":
			inputs++
		}
		for _, w := range c.Waivers {
			wv := waiverView{Rule: w.Rule, Reason: w.Reason}
			if w.Expires != "" {
				wv.Until = tr.ISODate(w.Expires)
			}
			cv.Waivers = append(cv.Waivers, wv)
		}
		switch {
		case c.Category == "":
			if c.Inferred != "" {
				cv.CategoryHow = tr.Sprintf("inferred %s with confidence %.2f, below the threshold", c.Inferred, c.Confidence)
			}
		case c.CategoryDeclared:
			cv.CategoryHow = tr.Sprintf("declared")
		default:
			cv.CategoryHow = tr.Sprintf("inferred, confidence %.2f", c.Confidence)
		}
		worst, accepted := finding.Severity(0), false
		for _, f := range byColumn[d.Path+"\x00"+c.Path] {
			cv.Findings = append(cv.Findings, findingRef{Rule: f.Rule, Name: f.Name, Class: severityClass(f), Message: f.Message})
			if f.Open() {
				worst = max(worst, f.Severity)
			} else {
				accepted = true
			}
		}
		switch {
		case worst > 0:
			cv.Verdict, cv.VerdictClass = SeverityWord(tr, worst), worst.String()
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
