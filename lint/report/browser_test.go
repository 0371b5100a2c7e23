//go:build browser

// The browser check of the HTML model-review report: the example's report,
// in English and in Danish, is rendered in headless Chromium; the
// assessment table and the heatmap must be laid out with a real size and
// paint something, and axe-core must find no accessibility violation
// (WCAG 2.1 A and AA, and its best practices). Run it with
//
//	go test -tags browser ./lint/report/
//
// and add -update to refresh docs/report-example.{html,png} and
// docs/report-example-da.{html,png}. It skips, with a message, only when no
// Chromium or Chrome is installed (set SAGLIG_CHROMIUM to use another
// binary). The accessibility check needs axe-core's axe.min.js: set
// SAGLIG_AXE to its path (.ci/run installs it with npm); without it that
// check skips.
package report

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint"
)

func findBrowser(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("SAGLIG_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "headless_shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium or Chrome found (apt-get install chromium, or set SAGLIG_CHROMIUM): skipping the browser check of the HTML report")
	return ""
}

// headless are the flags every run of the browser takes: headless, in a
// profile of its own, reaching nothing on the network.
func headless(t *testing.T) []string {
	return []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir(), "--hide-scrollbars"}
}

// chromium runs the browser headless on a file and returns its stdout.
func chromium(t *testing.T, browser, file string, width, height int, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	base := append(headless(t), "--force-device-scale-factor=1", fmt.Sprintf("--window-size=%d,%d", width, height))
	cmd := exec.CommandContext(ctx, browser, append(append(base, args...), "file://"+file)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s", browser, err, lastLines(stderr.String(), 10))
	}
	return stdout.Bytes()
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// box is an element's laid-out rectangle, in page coordinates (CSS px).
type box struct {
	X, Y, W, H float64
	Visibility string
	Display    string
}

type layout struct {
	Assessment, Heatmap, Period *box
	AssessmentRows              int
	HeatmapCells                int
	Height, Width               int
}

// probeScript measures the report once the browser has laid it out. It is
// added to a copy of the report only: the report itself has no script.
const probeScript = `<script>(function(){
function box(sel){var e=document.querySelector(sel);if(!e)return null;var r=e.getBoundingClientRect();var cs=getComputedStyle(e);
return {X:r.left+scrollX,Y:r.top+scrollY,W:r.width,H:r.height,Visibility:cs.visibility,Display:cs.display};}
var out={Assessment:box('#assessment table.assessment'),Heatmap:box('#heatmap svg.heatmap'),Period:box('#period'),
AssessmentRows:document.querySelectorAll('#assessment table.assessment tbody tr').length,
HeatmapCells:document.querySelectorAll('#heatmap svg.heatmap g rect').length,
Height:document.documentElement.scrollHeight,Width:document.documentElement.clientWidth};
var p=document.createElement('pre');p.id='saglig-probe';p.textContent=JSON.stringify(out);document.body.appendChild(p);})();</script>`

var probeOut = regexp.MustCompile(`<pre id="saglig-probe">([^<]*)</pre>`)

func measure(t *testing.T, browser, dir, page string) layout {
	t.Helper()
	probe := filepath.Join(dir, "probe.html")
	if err := os.WriteFile(probe, []byte(strings.Replace(page, "</body>", probeScript+"</body>", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	dom := chromium(t, browser, probe, pageWidth, 1000, "--dump-dom")
	m := probeOut.FindSubmatch(dom)
	if m == nil {
		t.Fatalf("the probe did not run; dumped DOM ends with:\n%s", lastLines(string(dom), 5))
	}
	var l layout
	if err := json.Unmarshal([]byte(html.UnescapeString(string(m[1]))), &l); err != nil {
		t.Fatalf("probe output %s: %v", m[1], err)
	}
	return l
}

const pageWidth = 1280

// checkVisible says what is wrong with an element's layout, or nil.
func checkVisible(name string, b *box, pageW int) error {
	switch {
	case b == nil:
		return fmt.Errorf("%s is missing", name)
	case b.Display == "none" || b.Visibility != "visible":
		return fmt.Errorf("%s is not displayed (display %s, visibility %s)", name, b.Display, b.Visibility)
	case b.W < 100 || b.H < 50:
		return fmt.Errorf("%s is %.0f×%.0f px: too small to read", name, b.W, b.H)
	case b.X < 0 || b.X+b.W > float64(pageW)+1:
		return fmt.Errorf("%s lies outside the page (x %.0f, width %.0f)", name, b.X, b.W)
	}
	return nil
}

// checkPainted says whether the region of the screenshot holds a drawing:
// enough pixels away from the white background, in enough colours.
func checkPainted(name string, img image.Image, b *box) error {
	r := image.Rect(int(b.X), int(b.Y), int(b.X+b.W), int(b.Y+b.H)).Intersect(img.Bounds())
	if r.Empty() {
		return fmt.Errorf("%s lies outside the screenshot", name)
	}
	inked, total := 0, 0
	colours := map[[3]uint32]bool{}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			cr, cg, cb = cr>>8, cg>>8, cb>>8
			total++
			if cr < 235 || cg < 235 || cb < 235 {
				inked++
			}
			colours[[3]uint32{cr >> 3, cg >> 3, cb >> 3}] = true
		}
	}
	if share := float64(inked) / float64(total); share < 0.03 || len(colours) < 8 {
		return fmt.Errorf("%s looks blank in the screenshot: %.1f%% of its pixels inked, %d colours", name, 100*share, len(colours))
	}
	return nil
}

func screenshot(t *testing.T, browser, dir, file string, height int) image.Image {
	t.Helper()
	shot := filepath.Join(dir, "shot.png")
	chromium(t, browser, file, pageWidth, height, "--screenshot="+shot)
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	return img
}

// exampleReport lints examples/jobcenter from the repository root, as a
// user would, and returns its HTML report in a language.
func exampleReport(t *testing.T, lang i18n.Lang) []byte {
	t.Helper()
	return exampleReportWith(t, lang, nil)
}

// exampleReportWith is exampleReport with the result changed by edit
// first, when it is not nil.
func exampleReportWith(t *testing.T, lang i18n.Lang, edit func(*lint.Result)) []byte {
	t.Helper()
	if _, err := os.Stat("go.mod"); err != nil {
		t.Chdir(filepath.Join("..", ".."))
	}
	m, err := featuremap.Load(filepath.Join("examples", "jobcenter", "saglig.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := lint.Run(context.Background(), lint.Options{Map: m, Lang: lang})
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(res)
	}
	res.Tool.Version = "devel" // the docs copy does not change with each release
	var buf bytes.Buffer
	if err := (htmlPrinter{tr: i18n.For(lang)}).Print(&buf, res); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// fallbackLang checks a report that shows a text of the map in the other
// language, as it does when the map has none in the report's: the human
// review, written in the other language only, is marked with its lang
// attribute, and axe-core finds no violation; with a language code that is
// none, it finds one.
func fallbackLang(t *testing.T, browser, axe, dir string, lang i18n.Lang) {
	other := i18n.Danish
	if lang == i18n.Danish {
		other = i18n.English
	}
	page := exampleReportWith(t, lang, func(r *lint.Result) {
		text := r.Purpose.ByLanguage["human_review"][other]
		if text == "" {
			t.Fatalf("the example's human review has no %s text", other)
		}
		r.Purpose.HumanReview = featuremap.Variant{Lang: other, Text: text}
	})
	marked := `<td lang="` + string(other) + `">`
	if !bytes.Contains(page, []byte(marked)) {
		t.Fatalf("the human review in %s is not marked %s", other, marked)
	}
	for _, v := range axeCheck(t, browser, axe, dir, string(page)) {
		t.Errorf("axe-core, a text in %s: %s (%s, %d elements): %s; e.g. %s", other, v.ID, v.Impact, v.Nodes, v.Help, strings.Join(v.Targets, ", "))
	}
	ids := map[string]bool{}
	for _, v := range axeCheck(t, browser, axe, dir, strings.Replace(string(page), marked, `<td lang="xx-nonsense">`, 1)) {
		ids[v.ID] = true
	}
	if !ids["valid-lang"] {
		t.Errorf("axe-core missed a text marked with a language that is none: %v", ids)
	}
}

// axeScript runs axe-core on the page once it is laid out and writes the
// violations into the page, for --dump-dom: each rule's id, impact, help
// and the first targets. It is added to a copy of the report only.
const axeScript = `<script>
axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}, resultTypes: ['violations']})
.then(function (r) {
  var out = r.violations.map(function (v) {
    return {ID: v.id, Impact: v.impact, Help: v.help, Targets: v.nodes.slice(0, 5).map(function (n) { return n.target.join(' '); }), Nodes: v.nodes.length};
  });
  var p = document.createElement('pre'); p.id = 'saglig-axe'; p.textContent = JSON.stringify(out); document.body.appendChild(p);
})
.catch(function (e) {
  var p = document.createElement('pre'); p.id = 'saglig-axe'; p.textContent = JSON.stringify([{ID: 'axe-error', Help: String(e)}]); document.body.appendChild(p);
});
</script>`

var axeOut = regexp.MustCompile(`<pre id="saglig-axe">([^<]*)</pre>`)

// violation is one axe-core rule the page breaks.
type violation struct {
	ID, Impact, Help string
	Targets          []string
	Nodes            int
}

// axeCheck runs axe-core on the page in the browser and returns its
// violations.
func axeCheck(t *testing.T, browser, axe, dir, page string) []violation {
	t.Helper()
	lib, err := os.ReadFile(axe)
	if err != nil {
		t.Fatalf("SAGLIG_AXE: %v", err)
	}
	inject := "<script>" + string(lib) + "</script>" + axeScript
	file := filepath.Join(dir, "axe.html")
	if err := os.WriteFile(file, []byte(strings.Replace(page, "</body>", inject+"</body>", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	// axe.run is asynchronous: the virtual time budget lets it finish
	// before the DOM is dumped.
	dom := chromium(t, browser, file, pageWidth, 1000, "--dump-dom", "--virtual-time-budget=60000")
	m := axeOut.FindSubmatch(dom)
	if m == nil {
		t.Fatalf("axe-core did not report; dumped DOM ends with:\n%s", lastLines(string(dom), 5))
	}
	var vs []violation
	if err := json.Unmarshal([]byte(html.UnescapeString(string(m[1]))), &vs); err != nil {
		t.Fatalf("axe-core output %s: %v", m[1], err)
	}
	return vs
}

func TestBrowserReport(t *testing.T) {
	for _, lang := range i18n.Langs() {
		t.Run(string(lang), func(t *testing.T) { browserReport(t, lang) })
	}
}

func browserReport(t *testing.T, lang i18n.Lang) {
	browser := findBrowser(t)
	dir := t.TempDir()
	page := exampleReport(t, lang) // the working directory is now the repository root
	if !bytes.Contains(page, []byte(`<html lang="`+string(lang)+`">`)) {
		t.Errorf("the report does not say its language is %s", lang)
	}
	report := filepath.Join(dir, "report.html")
	if err := os.WriteFile(report, page, 0o644); err != nil {
		t.Fatal(err)
	}

	l := measure(t, browser, dir, string(page))
	for _, e := range []struct {
		name string
		b    *box
	}{{"the assessment table", l.Assessment}, {"the heatmap", l.Heatmap}} {
		if err := checkVisible(e.name, e.b, l.Width); err != nil {
			t.Error(err)
		}
	}
	if l.AssessmentRows != 5 {
		t.Errorf("the assessment table has %d rows, want the five conditions", l.AssessmentRows)
	}
	if l.HeatmapCells < 2 {
		t.Errorf("the heatmap has %d cells", l.HeatmapCells)
	}
	if t.Failed() {
		return
	}
	if axe := os.Getenv("SAGLIG_AXE"); axe == "" {
		t.Log("SAGLIG_AXE is not set: skipping the axe-core accessibility check (.ci/run sets it)")
	} else {
		for _, v := range axeCheck(t, browser, axe, dir, string(page)) {
			t.Errorf("axe-core: %s (%s, %d elements): %s; e.g. %s", v.ID, v.Impact, v.Nodes, v.Help, strings.Join(v.Targets, ", "))
		}
		// The check can fail: an image without its text alternative and
		// a missing language are violations.
		broken := strings.Replace(string(page), `<html lang="`+string(lang)+`">`, "<html>", 1)
		broken = strings.Replace(broken, "</body>", `<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">`+"</body>", 1)
		ids := map[string]bool{}
		for _, v := range axeCheck(t, browser, axe, dir, broken) {
			ids[v.ID] = true
		}
		if !ids["html-has-lang"] || !ids["image-alt"] {
			t.Errorf("axe-core missed a missing lang attribute or image text: %v", ids)
		}
		fallbackLang(t, browser, axe, dir, lang)
	}
	height := min(int(max(l.Heatmap.Y+l.Heatmap.H, l.Assessment.Y+l.Assessment.H))+300, 16000)
	img := screenshot(t, browser, dir, report, height)
	for _, e := range []struct {
		name string
		b    *box
	}{{"the assessment table", l.Assessment}, {"the heatmap", l.Heatmap}} {
		if err := checkPainted(e.name, img, e.b); err != nil {
			t.Error(err)
		}
	}

	// The checks can fail: with the heatmap hidden by a style, both the
	// layout and the pixels say so.
	hidden := strings.Replace(string(page), "</head>", "<style>#heatmap svg{visibility:hidden}</style></head>", 1)
	hiddenFile := filepath.Join(dir, "hidden.html")
	if err := os.WriteFile(hiddenFile, []byte(hidden), 0o644); err != nil {
		t.Fatal(err)
	}
	hl := measure(t, browser, dir, hidden)
	if checkVisible("the hidden heatmap", hl.Heatmap, hl.Width) == nil {
		t.Error("checkVisible accepted a hidden heatmap")
	}
	if checkPainted("the hidden heatmap", screenshot(t, browser, dir, hiddenFile, height), hl.Heatmap) == nil {
		t.Error("checkPainted accepted a blank region")
	}

	if *update {
		docs := "docs"
		name := "report-example"
		if lang != i18n.English {
			name += "-" + string(lang)
		}
		if err := os.WriteFile(filepath.Join(docs, name+".html"), page, 0o644); err != nil {
			t.Fatal(err)
		}
		// The screenshot shows the report down to the observation period;
		// the findings and the rule texts are in the HTML copy.
		bottom := l.Heatmap.Y + l.Heatmap.H + 200
		if l.Period != nil {
			bottom = l.Period.Y + l.Period.H + 24
		}
		shot := filepath.Join(dir, "shot.png")
		chromium(t, browser, report, pageWidth, int(bottom), "--screenshot="+shot)
		b, err := os.ReadFile(shot)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(docs, name+".png"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
