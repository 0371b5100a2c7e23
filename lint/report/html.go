package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/saglig/saglig/lint"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/legal"
	"github.com/saglig/saglig/lint/policy"
	"github.com/saglig/saglig/lint/rules"
	"github.com/saglig/saglig/lint/scan"
)

func init() { registerFormat("html", func(Options) Printer { return htmlPrinter{} }) }

// htmlPrinter writes the model-review report: one self-contained HTML file
// (inline CSS and SVG, no scripts, no external resources) for the meeting
// that approves a model — the purpose and its legal basis, the art. 5(1)(c)
// assessment, every column with its declaration and findings, the measured
// associations as a heatmap, the observation period, the findings and the
// rules that fired with their legal text. Everything from the map or the
// data is escaped by html/template. The output holds no timestamp, so the
// same result gives the same file.
type htmlPrinter struct{}

//go:embed html.tmpl
var htmlSource string

var htmlTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"join":     strings.Join,
	"pct":      percent,
	"boxWidth": func(a, b float64) float64 { return math.Max(1, b-a) },
}).Parse(htmlSource))

func (htmlPrinter) Print(w io.Writer, r *lint.Result) error {
	return htmlTemplate.Execute(w, newHTMLView(r))
}

type htmlView struct {
	Title string
	// Law names the instruments the review is made against, in the map's
	// scope.
	Law          string
	Tool         lint.Tool
	Map          string
	Policy       string
	Baseline     string
	Purpose      []purposeRow
	PurposeName  string
	Verdict      string
	VerdictClass string
	Summary      lint.Summary
	SummaryLine  string
	// Incomplete is the banner of a run in which some files could not be
	// read, Errors those files; both empty when every file was read.
	Incomplete string
	Errors     []errorView
	Datasets   []datasetView
	Open       []findingView
	Closed     []findingView
	Rules      []ruleView
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
	Measured   bool
	Notes      []string
	Assessment *assessmentView
	Columns    []columnView
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
	Evidence []string
}

type columnView struct {
	Path, Description, Type, Role, Source, Context string
	Declared                                       bool
	Category                                       string
	CategoryHow                                    string
	Explanation                                    string
	Relevance                                      string
	Findings                                       []findingRef
	Waivers                                        []lint.Waiver
	Class                                          string
}

type findingRef struct {
	Rule, Name, Class, Message string
}

type findingView struct {
	Rule, Name, Severity, Class string
	Dataset, Column, Message    string
	Fix, Position, State        string
	// PositionLabel says what Position is: "declared at", "purpose at".
	PositionLabel string
	Reason        string
	Legal         []string
	Evidence      []kv
}

type ruleView struct {
	ID, Name, Severity, Summary, Doc string
	Legal                            []*rules.Citation
	Measures                         bool
}

func newHTMLView(r *lint.Result) *htmlView {
	v := &htmlView{
		Tool: r.Tool, Map: slashPath(r.Map), Policy: r.Policy, Baseline: slashPath(r.Baseline),
		Summary: r.Summary, SummaryLine: SummaryLine(r),
	}
	v.Title = "Model review"
	if r.Purpose != nil && r.Purpose.Name != "" {
		v.PurposeName = r.Purpose.Name
		v.Title = "Model review: " + r.Purpose.Name
	}
	v.Purpose = purposeRows(r.Purpose)
	v.Law = lawLine(r.Purpose.Scope())
	v.Verdict, v.VerdictClass = htmlVerdict(r)
	if len(r.Errors) > 0 {
		v.Incomplete = fmt.Sprintf("Incomplete run: %s. The findings and the assessment cover only the files that were read.", unreadable(unreadableCount(r)))
		for _, e := range r.Errors {
			v.Errors = append(v.Errors, errorView{Path: errorPath(e), Message: e.Message})
		}
	}
	byColumn := map[string][]*finding.Finding{}
	for i := range r.Findings {
		f := &r.Findings[i]
		byColumn[f.Dataset+"\x00"+f.Column] = append(byColumn[f.Dataset+"\x00"+f.Column], f)
		fv := findingViewOf(r, f)
		if f.Open() {
			v.Open = append(v.Open, fv)
		} else {
			v.Closed = append(v.Closed, fv)
		}
	}
	for i := range r.Datasets {
		v.Datasets = append(v.Datasets, datasetViewOf(i+1, &r.Datasets[i], byColumn, r.Findings))
	}
	scope := r.Purpose.Scope()
	for _, rule := range firedRules(r) {
		v.Rules = append(v.Rules, ruleView{ID: rule.ID, Name: rule.Name, Severity: rule.Severity.String(),
			Summary: strings.ReplaceAll(rule.Summary, "`", ""), Doc: rule.DocIn(scope), Legal: rule.LegalIn(scope), Measures: rule.Measures})
	}
	return v
}

func htmlVerdict(r *lint.Result) (string, string) {
	for _, d := range r.Datasets {
		if d.Assessment != nil && d.Assessment.AllIndicated {
			return "AI Act art. 5(1)(c): " + d.Assessment.Headline() + ".", "bad"
		}
	}
	s := r.Summary
	switch {
	case s.Error > 0:
		return fmt.Sprintf("Not ready for approval: %s and %s to resolve.", plural(s.Error, "error", "errors"), plural(s.Warning, "warning", "warnings")), "bad"
	case s.Warning > 0:
		return fmt.Sprintf("No errors; %s to review.", plural(s.Warning, "warning", "warnings")), "warn"
	}
	return "No open findings.", "good"
}

// lawLine names what the review checks against: the order only in its
// scope.
func lawLine(s legal.Scope) string {
	if s.Order() {
		return "AI Act art. 5(1)(c), GDPR and the draft order (BEK) on AI in the employment effort"
	}
	return "AI Act art. 5(1)(c) and GDPR"
}

// ruleLaw is what the rule checking a purpose key cites in scope s.
func ruleLaw(id string, s legal.Scope) string {
	r := ruleOf(id)
	if r == nil {
		return ""
	}
	return strings.Join(r.RefsIn(s), "; ")
}

func purposeRows(p *lint.Purpose) []purposeRow {
	if p == nil {
		return nil
	}
	s := p.Scope()
	automated := ""
	if p.Automated != nil {
		automated = "no — a person decides"
		if *p.Automated {
			automated = "yes — decisions are solely automated"
		}
	}
	rows := []purposeRow{
		{Label: "Name", Value: p.Name},
		{Label: "How the model is used", Value: p.Description, Law: ruleLaw("SAG010", s)},
		{Label: "Controller", Value: p.Controller, Law: ruleLaw("SAG010", s)},
		{Label: "Sector", Value: p.Sector, Law: ruleLaw("SAG010", s)},
		{Label: "Context of the decision", Value: p.Context, Law: "art. 5(1)(c) cond. 5(i)"},
		{Label: "In-context data sources", Value: strings.Join(p.AllowedContexts, ", ")},
		{Label: "Output", Value: p.Output, Law: "art. 5(1)(c) cond. 2"},
		{Label: "Solely automated", Value: automated, Law: ruleLaw("SAG011", s)},
		{Label: "Human review", Value: p.HumanReview, Law: ruleLaw("SAG011", s)},
		{Label: "Transparency to the citizen", Value: p.Transparency, Law: ruleLaw("SAG012", s)},
		{Label: "Legal basis", Value: p.LegalBasis, Law: ruleLaw("SAG010", s)},
		{Label: "Data processor", Value: p.Processor},
	}
	for i := range rows {
		if rows[i].Label == "Data processor" && rows[i].Value == "" {
			rows[i].Value = "none named"
			continue
		}
		rows[i].Missing = strings.TrimSpace(rows[i].Value) == "" || strings.HasPrefix(strings.ToUpper(strings.TrimSpace(rows[i].Value)), "TODO")
	}
	return rows
}

func severityClass(f *finding.Finding) string {
	if !f.Open() {
		return "accepted"
	}
	return f.Severity.String()
}

func findingViewOf(r *lint.Result, f *finding.Finding) findingView {
	fv := findingView{
		Rule: f.Rule, Name: f.Name, Severity: f.Severity.String(), Class: severityClass(f),
		Dataset: slashPath(f.Dataset), Column: columnOrPurpose(f), Message: f.Message, Fix: f.Fix,
		State: state(f), Legal: f.Legal, Evidence: evidence(f.Evidence),
	}
	if a := f.Accepted; a != nil {
		fv.Reason = a.Reason
		if a.Expires != "" {
			fv.State += " until " + a.Expires
		}
	}
	if fv.Dataset == "" {
		fv.Dataset = slashPath(r.Map)
	}
	if f.Pos != nil {
		fv.Position, fv.PositionLabel = f.Pos.String(), posLabel(f)
	}
	return fv
}

func datasetViewOf(index int, d *lint.DatasetSummary, byColumn map[string][]*finding.Finding, all []finding.Finding) datasetView {
	dv := datasetView{Index: index, Path: slashPath(d.Path), Format: string(d.Format), Rows: d.Rows, Files: d.Files,
		Measured: d.Measured, Notes: d.Notes}
	if a := d.Assessment; a != nil {
		av := &assessmentView{AllIndicated: a.AllIndicated, Headline: a.Headline()}
		for _, c := range a.Conditions {
			cls := "unknown"
			switch c.Status {
			case rules.Indicated:
				cls = "met"
			case rules.NotIndicated:
				cls = "notmet"
			}
			av.Conditions = append(av.Conditions, conditionView{Number: c.Number, Title: c.Title, Status: string(c.Status), Class: cls, Evidence: c.Evidence})
		}
		dv.Assessment = av
	}
	for _, c := range d.Columns {
		cv := columnView{Path: c.Path, Description: c.Description, Type: c.Type, Role: c.Role, Source: c.Source,
			Context: c.Context, Declared: c.Declared, Category: c.Category, Explanation: c.Explanation,
			Relevance: c.Relevance, Waivers: c.Waivers}
		switch {
		case c.Category == "":
			if c.Inferred != "" {
				cv.CategoryHow = fmt.Sprintf("inferred %s with confidence %s, below the threshold", c.Inferred, formatFloat(c.Confidence))
			}
		case c.CategoryDeclared:
			cv.CategoryHow = "declared"
		default:
			cv.CategoryHow = "inferred, confidence " + formatFloat(c.Confidence)
		}
		worst := ""
		for _, f := range byColumn[d.Path+"\x00"+c.Path] {
			cv.Findings = append(cv.Findings, findingRef{Rule: f.Rule, Name: f.Name, Class: severityClass(f), Message: f.Message})
			if f.Open() && (worst == "" || f.Severity.String() == "error") {
				worst = f.Severity.String()
			}
		}
		switch {
		case !c.Declared:
			cv.Class = "undeclared"
		case worst != "":
			cv.Class = "has-" + worst
		}
		dv.Columns = append(dv.Columns, cv)
	}
	dv.Heatmap = heatmapOf(index, d, all)
	dv.Period = periodOf(d.Period, periodDays(d))
	return dv
}

// Heatmap geometry, in SVG user units (CSS pixels at 100%).
const (
	hmCellH   = 34
	hmCellMin = 96
	hmCellMax = 170
	hmCharW   = 7.8
	hmLabelMx = 40 // longest label shown in full, in characters
	hmGap     = 12
)

type heatmapView struct {
	ID            string
	Width, Height int
	Rows          []hmLabel
	Cols          []hmLabel
	Cells         []hmCell
	Legend        []hmLegend
	LegendTicks   []tick
	LegendY       int
	LegendTextX   int
	Measures      string
}

type hmLabel struct {
	X, Y       float64
	Text, Full string
}

type hmCell struct {
	X, Y, W, H  int
	TX, TY      float64
	Fill, Ink   string
	Text, Title string
	Flagged     bool
}

type hmLegend struct {
	X, W int
	Fill string
}

// heatmapOf lays out the associations of a dataset's inputs (rows) with
// its protected columns (columns), each cell coloured by the value of the
// measure and labelled with it; a cell SAG104 reported is outlined.
func heatmapOf(index int, d *lint.DatasetSummary, all []finding.Finding) *heatmapView {
	if len(d.Associations) == 0 {
		return nil
	}
	var inputs, protected []string
	seenIn, seenProt := map[string]bool{}, map[string]bool{}
	cell := map[[2]string]scan.Association{}
	measures := map[string]bool{}
	for _, a := range d.Associations {
		if !seenIn[a.Input] {
			seenIn[a.Input] = true
			inputs = append(inputs, a.Input)
		}
		if !seenProt[a.Protected] {
			seenProt[a.Protected] = true
			protected = append(protected, a.Protected)
		}
		cell[[2]string{a.Input, a.Protected}] = a
		measures[measureLabel(a.Measure)] = true
	}
	sort.Strings(protected)
	flagged := map[[2]string]bool{}
	for i := range all {
		f := &all[i]
		if f.Rule == "SAG104" && f.Dataset == d.Path {
			if p, ok := f.Evidence["protected"].(string); ok {
				flagged[[2]string{f.Column, p}] = true
			}
		}
	}
	labelW := 0.0
	for _, s := range inputs {
		labelW = math.Max(labelW, float64(len([]rune(shorten(s, hmLabelMx))))*hmCharW)
	}
	left := int(labelW) + hmGap
	cw := hmCellMin
	for _, s := range protected {
		cw = max(cw, int(float64(len([]rune(s)))*hmCharW)+12)
	}
	cw = min(cw, hmCellMax)
	top := 28
	hm := &heatmapView{ID: fmt.Sprintf("heatmap-%d", index)}
	for j, p := range protected {
		hm.Cols = append(hm.Cols, hmLabel{X: float64(left + j*cw + cw/2), Y: float64(top - 10),
			Text: shorten(p, int(float64(cw-8)/hmCharW)), Full: p})
	}
	for i, in := range inputs {
		y := top + i*hmCellH
		hm.Rows = append(hm.Rows, hmLabel{X: float64(left - hmGap/2), Y: float64(y) + hmCellH/2 + 4, Text: shorten(in, hmLabelMx), Full: in})
		for j, p := range protected {
			a, ok := cell[[2]string{in, p}]
			c := hmCell{X: left + j*cw, Y: y, W: cw - 2, H: hmCellH - 2, TX: float64(left+j*cw) + float64(cw-2)/2, TY: float64(y) + hmCellH/2 + 4}
			if !ok || math.IsNaN(a.Value) {
				c.Fill, c.Ink, c.Text = "#f1f1f1", "#777777", "—"
				c.Title = fmt.Sprintf("%s × %s: not measured", in, p)
			} else {
				c.Fill, c.Ink = heatColour(a.Value)
				c.Text = strconv.FormatFloat(a.Value, 'f', 2, 64)
				c.Title = fmt.Sprintf("%s × %s: %s %s, NMI %s, p %s, n=%d", in, p, measureLabel(a.Measure),
					strconv.FormatFloat(a.Value, 'f', 3, 64), strconv.FormatFloat(a.NMI, 'f', 3, 64), pValue(a.PValue), a.N)
				c.Flagged = flagged[[2]string{in, p}]
			}
			hm.Cells = append(hm.Cells, c)
		}
	}
	gridW := left + len(protected)*cw
	hm.LegendY = top + len(inputs)*hmCellH + 16
	const legendSteps, legendW = 10, 26
	for k := 0; k < legendSteps; k++ {
		fill, _ := heatColour((float64(k) + 0.5) / legendSteps)
		hm.Legend = append(hm.Legend, hmLegend{X: left + k*legendW, W: legendW, Fill: fill})
	}
	for _, t := range []float64{0, 0.5, 1} {
		hm.LegendTicks = append(hm.LegendTicks, tick{X: float64(left) + t*legendSteps*legendW, Text: formatFloat(t)})
	}
	hm.LegendTextX = left + legendSteps*legendW + 10
	hm.Width = max(gridW, hm.LegendTextX+int(float64(len([]rune(strings.Join(sortedKeys(measures), "; "))))*6.2)) + 4
	hm.Height = hm.LegendY + 34
	hm.Measures = strings.Join(sortedKeys(measures), "; ")
	return hm
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func measureLabel(m string) string {
	switch m {
	case "cramers_v":
		return "Cramér's V (bias-corrected)"
	case "correlation_ratio":
		return "correlation ratio η"
	}
	return m
}

func pValue(p float64) string {
	if p < 0.001 {
		return "<0.001"
	}
	return strconv.FormatFloat(p, 'f', 3, 64)
}

// shorten cuts s to n characters with an ellipsis.
func shorten(s string, n int) string {
	r := []rune(s)
	if n < 2 || len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// heatStops is a sequential white-to-red scale (ColorBrewer Reds).
var heatStops = []struct {
	at      float64
	r, g, b float64
}{
	{0, 0xff, 0xf5, 0xf0}, {0.1, 0xfe, 0xe0, 0xd2}, {0.2, 0xfc, 0xbb, 0xa1}, {0.3, 0xfc, 0x92, 0x72},
	{0.45, 0xfb, 0x6a, 0x4a}, {0.6, 0xef, 0x3b, 0x2c}, {0.75, 0xcb, 0x18, 0x1d}, {1, 0x99, 0x00, 0x0d},
}

// heatColour returns the fill for a value in [0, 1] and a text colour that
// reads on it.
func heatColour(v float64) (fill, ink string) {
	v = math.Max(0, math.Min(1, v))
	for i := 1; i < len(heatStops); i++ {
		a, b := heatStops[i-1], heatStops[i]
		if v <= b.at {
			t := (v - a.at) / (b.at - a.at)
			mix := func(x, y float64) int { return int(math.Round(x + t*(y-x))) }
			fill = fmt.Sprintf("#%02x%02x%02x", mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b))
			break
		}
	}
	ink = "#1a1a1a"
	if v >= 0.45 {
		ink = "#ffffff"
	}
	return fill, ink
}

// Period chart geometry.
const (
	pcWidth  = 760
	pcLeft   = 20
	pcRight  = 20
	pcBoxTop = 34
	pcBoxH   = 30
)

type periodView struct {
	Subjects     int64
	SampledShare float64
	MultiObs     float64
	Figures      []kv
	Width        int
	Height       int
	// Box plot, in x coordinates.
	MinX, P25X, P50X, P75X, P90X, MaxX float64
	BoxTop, BoxH, BoxMid, BoxBottom    int
	Ticks                              []tick
	ThresholdX                         float64
	Threshold                          int
	AxisY, TickY, AxisX1, AxisX2       int
}

type tick struct {
	X    float64
	Text string
}

// periodDays is the heuristic period of condition 3 the dataset was
// assessed with.
func periodDays(d *lint.DatasetSummary) int {
	if d.Assessment != nil && d.Assessment.PeriodDays > 0 {
		return d.Assessment.PeriodDays
	}
	return policy.DefaultHeuristics.PeriodDays
}

// periodOf draws the distribution of observation spans per subject as a
// box plot (minimum, quartiles, 90th percentile, maximum) on a day axis,
// with condition 3's threshold.
func periodOf(p *scan.Period, days int) *periodView {
	if p == nil {
		return nil
	}
	pv := &periodView{Subjects: p.Subjects, SampledShare: p.SampledShare, MultiObs: p.MultiObs,
		Width: pcWidth, Height: 124, BoxTop: pcBoxTop, BoxH: pcBoxH, BoxMid: pcBoxTop + pcBoxH/2,
		BoxBottom: pcBoxTop + pcBoxH, AxisY: pcBoxTop + pcBoxH + 16, TickY: pcBoxTop + pcBoxH + 21,
		AxisX1: pcLeft, AxisX2: pcWidth - pcRight, Threshold: days}
	for _, k := range []string{"min", "p25", "p50", "p75", "p90", "max"} {
		if v, ok := p.SpanDays[k]; ok {
			pv.Figures = append(pv.Figures, kv{k, formatFloat(v)})
		}
	}
	hi := niceCeil(math.Max(p.SpanDays["max"], float64(days)))
	scale := func(d float64) float64 {
		return math.Round((pcLeft+(pcWidth-pcLeft-pcRight)*math.Max(0, d)/hi)*10) / 10
	}
	pv.MinX, pv.P25X, pv.P50X = scale(p.SpanDays["min"]), scale(p.SpanDays["p25"]), scale(p.SpanDays["p50"])
	pv.P75X, pv.P90X, pv.MaxX = scale(p.SpanDays["p75"]), scale(p.SpanDays["p90"]), scale(p.SpanDays["max"])
	pv.ThresholdX = scale(float64(days))
	for i := 0; i <= 5; i++ {
		d := hi * float64(i) / 5
		pv.Ticks = append(pv.Ticks, tick{X: scale(d), Text: formatFloat(math.Round(d))})
	}
	return pv
}

// percent writes a share as a percentage with at most one decimal.
func percent(x float64) string {
	return strconv.FormatFloat(math.Round(1000*x)/10, 'f', -1, 64) + "%"
}

// niceCeil rounds up to a round axis maximum: 1, 1.2, 1.5, 2, 2.5, 3, 4,
// 5, 6 or 8 times a power of ten.
func niceCeil(x float64) float64 {
	if x <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, m := range []float64{1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10} {
		if m*p >= x {
			return m * p
		}
	}
	return 10 * p
}
