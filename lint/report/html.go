package report

import (
	_ "embed"
	"html/template"
	"io"
	"math"
	"sync"

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

// htmlTemplate parses the template on first use, not when the program
// starts: most runs write no HTML.
var htmlTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report").Funcs(template.FuncMap{
		"t":        func(string, ...any) string { return "" },
		"pct":      func(float64) string { return "" },
		"num":      func(any) string { return "" },
		"ref":      func(string) string { return "" },
		"boxWidth": func(a, b float64) float64 { return math.Max(1, b-a) },
	}).Parse(htmlSource))
})

func (p htmlPrinter) Print(w io.Writer, r *lint.Result) error {
	t, err := htmlTemplate().Clone()
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
	Description mapText
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
	// Lang marks a text of the map's author in another language.
	Lang    string
	Missing bool
}

// mapText is a text of the map's author, with the language to mark it
// with: the language it is written in, when that is not the report's.
type mapText struct {
	Text, Lang string
}

// shownText is a text of the map as the report shows it, in tr's language.
func shownText(tr *i18n.Printer, text string, l i18n.Lang) mapText {
	if l == "" || l == tr.Lang() {
		return mapText{Text: text}
	}
	return mapText{Text: text, Lang: string(l)}
}

type datasetView struct {
	Index   int
	Path    string
	Format  string
	Rows    int64
	Files   int
	Columns []columnView
	// Waivers is true when a column of the dataset has a waiver: the
	// inventory has a column for them only then.
	Waivers    bool
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
	Path, Type, Role, Context string
	Description, Source       mapText
	Declared                  bool
	Category                  string
	CategoryHow               string
	Explanation               string
	Relevance                 mapText
	Verdict                   string
	VerdictClass              string
	Findings                  []findingRef
	Waivers                   []waiverView
	Class                     string
}

type waiverView struct {
	Rule, Until string
	Reason      mapText
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
	Reason        mapText
	Until         string
	Legal         []string
	Evidence      []string
}

type ruleView struct {
	ID, Name, Severity, Class, Summary string
	Doc                                template.HTML
	Legal                              []*rules.Citation
	Measures                           bool
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
		v.Description = shownText(tr, r.Purpose.Description.Text, r.Purpose.Description.Lang)
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
			v.Errors = append(v.Errors, errorView{Path: errorPath(e), Message: e.In(tr)})
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
		v.Rules = append(v.Rules, ruleView{ID: rule.ID, Name: rule.NameIn(tr.Lang()), Severity: rule.Severity.In(tr), Class: rule.Severity.String(),
			Summary: rule.SummaryIn(tr), Doc: docHTML(rule.DocIn(tr, scope)), Legal: rule.LegalIn(scope), Measures: rule.Measures})
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
		tr.Sprintf("The %d-day period for condition 3 is saglig's own heuristic, which the relevance policy may change, not a number the law sets; the guidance asks for an overall picture.", runPeriodDays(r)),
		tr.Sprintf("Categories inferred from names and values can be wrong: a column the map declares is judged by its declaration."),
		tr.Sprintf("The report shows a value from the data only as evidence of a proxy, and only when at least as many rows carry it as the policy's k-anonymity asks and its column holds neither identifiers nor free text; identifiers appear only masked."),
	}
	return v
}
