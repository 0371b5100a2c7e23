package report

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/policy"
	"github.com/saglig/saglig/lint/rules"
	"github.com/saglig/saglig/lint/scan"
)

// The two charts of the HTML report, as inline SVG: the heatmap of the
// associations between inputs and protected columns, and the box plot of
// the observation period. Every label is in the report's language and
// every figure in its number format.

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
	Label         string
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
func heatmapOf(tr *i18n.Printer, index int, d *lint.DatasetSummary, all []finding.Finding) *heatmapView {
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
		measures[rules.MeasureName(tr, a.Measure)] = true
	}
	sort.Strings(protected)
	flagged := map[[2]string]bool{}
	for i := range all {
		f := &all[i]
		if f.Rule == "SAG104" && f.Dataset == d.Path && f.Protected != "" {
			flagged[[2]string{f.Column, f.Protected}] = true
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
	hm := &heatmapView{ID: fmt.Sprintf("heatmap-%d", index), Label: tr.Sprintf("Heatmap of the associations between %s and %s", tr.Sprintf("%d inputs", len(inputs)), tr.Sprintf("%d protected columns", len(protected)))}
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
				c.Fill, c.Ink, c.Text = "#f1f1f1", "#4b5563", "—"
				c.Title = tr.Sprintf("%s × %s: not measured", in, p)
			} else {
				c.Fill, c.Ink = heatColour(a.Value)
				c.Text = tr.Float(a.Value, 2)
				c.Title = tr.Sprintf("%s × %s: %s %.3f, normalised mutual information %.3f, %s, %s", in, p, rules.MeasureName(tr, a.Measure),
					a.Value, a.NMI, rules.PValue(tr, a.PValue), tr.Sprintf("%d rows", a.N))
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
		hm.LegendTicks = append(hm.LegendTicks, tick{X: float64(left) + t*legendSteps*legendW, Text: formatFloat(tr, t)})
	}
	hm.LegendTextX = left + legendSteps*legendW + 10
	hm.Measures = strings.Join(sortedKeys(measures), "; ")
	hm.Width = max(gridW, hm.LegendTextX+int(float64(len([]rune(hm.Measures)))*6.2)) + 4
	hm.Height = hm.LegendY + 34
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

// heatColour returns the fill for a value in [0, 1] and the text colour,
// black or white, that contrasts more with it (WCAG relative luminance):
// one of the two always reaches 4.58:1, above the 4.5:1 WCAG AA asks of
// text, so every cell's figure can be read.
func heatColour(v float64) (fill, ink string) {
	v = math.Max(0, math.Min(1, v))
	var r, g, b int
	for i := 1; i < len(heatStops); i++ {
		s, e := heatStops[i-1], heatStops[i]
		if v <= e.at {
			t := (v - s.at) / (e.at - s.at)
			mix := func(x, y float64) int { return int(math.Round(x + t*(y-x))) }
			r, g, b = mix(s.r, e.r), mix(s.g, e.g), mix(s.b, e.b)
			break
		}
	}
	fill = fmt.Sprintf("#%02x%02x%02x", r, g, b)
	l := luminance(r, g, b)
	if 1.05/(l+0.05) > (l+0.05)/0.05 {
		return fill, "#ffffff"
	}
	return fill, "#000000"
}

// luminance is the WCAG 2 relative luminance of an sRGB colour.
func luminance(r, g, b int) float64 {
	lin := func(c int) float64 {
		x := float64(c) / 255
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
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
	Label        string
	Subjects     int64
	SampledShare float64
	MultiObs     float64
	Figures      []figure
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

// figure is one labelled figure, rendered.
type figure struct{ Label, Value string }

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

// runPeriodDays is the heuristic period of the run: that of its first
// assessed dataset.
func runPeriodDays(r *lint.Result) int {
	for i := range r.Datasets {
		if a := r.Datasets[i].Assessment; a != nil && a.PeriodDays > 0 {
			return a.PeriodDays
		}
	}
	return policy.DefaultHeuristics.PeriodDays
}

// periodOf draws the distribution of observation spans per subject as a
// box plot (minimum, quartiles, 90th percentile, maximum) on a day axis,
// with condition 3's threshold.
func periodOf(tr *i18n.Printer, p *scan.Period, days int) *periodView {
	if p == nil {
		return nil
	}
	pv := &periodView{Subjects: p.Subjects, SampledShare: p.SampledShare, MultiObs: p.MultiObs,
		Width: pcWidth, Height: 124, BoxTop: pcBoxTop, BoxH: pcBoxH, BoxMid: pcBoxTop + pcBoxH/2,
		BoxBottom: pcBoxTop + pcBoxH, AxisY: pcBoxTop + pcBoxH + 16, TickY: pcBoxTop + pcBoxH + 21,
		AxisX1: pcLeft, AxisX2: pcWidth - pcRight, Threshold: days}
	pv.Label = tr.Sprintf("Box plot of the days each of %s is observed: median %s, 90th percentile %s", tr.Sprintf("%d subjects", p.Subjects),
		tr.Sprintf("%s days", formatFloat(tr, math.Round(p.SpanDays["p50"]))), tr.Sprintf("%s days", formatFloat(tr, math.Round(p.SpanDays["p90"]))))
	for _, k := range []struct{ key, label string }{
		{"min", i18n.N("shortest")}, {"p25", i18n.N("first quartile")}, {"p50", i18n.N("median")},
		{"p75", i18n.N("third quartile")}, {"p90", i18n.N("90th percentile")}, {"max", i18n.N("longest")},
	} {
		if v, ok := p.SpanDays[k.key]; ok {
			pv.Figures = append(pv.Figures, figure{tr.Sprintf(k.label), tr.Sprintf("%s days", formatFloat(tr, v))})
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
		pv.Ticks = append(pv.Ticks, tick{X: scale(d), Text: formatFloat(tr, math.Round(d))})
	}
	return pv
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
