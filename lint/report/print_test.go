//go:build browser

// The print check of the HTML model-review report: the example's report, in
// English and in Danish, printed by headless Chromium as a user prints it
// (chromium --headless --no-pdf-header-footer --print-to-pdf=…), must give
// A4 pages, at least one for each section (each starts a page) and not
// absurdly many; and laid out in print media at the printable width of an
// A4 page (the DevTools protocol's media emulation), no element may reach
// past that width or be clipped, each section but the first must start a
// page and no heading may end one. Run it with the browser check:
//
//	go test -tags browser -run TestPrint ./lint/report/
package report

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/saglig/saglig/internal/i18n"
)

// A4 is 210 mm × 297 mm: 595.28 × 841.89 points. Chromium rounds the
// page to whole CSS pixels (594.96 × 841.92).
const a4W, a4H, pageTolerance = 595.28, 841.89, 1.5

// maxPrintedPages bounds the pages of the example's report: it prints on
// 20 to 30 pages; a print style gone wrong (a break before every row, a
// chart split over pages) prints many more.
const maxPrintedPages = 45

func TestPrint(t *testing.T) {
	for _, lang := range i18n.Langs() {
		t.Run(string(lang), func(t *testing.T) { printReport(t, lang) })
	}
}

func printReport(t *testing.T, lang i18n.Lang) {
	browser := findBrowser(t)
	dir := t.TempDir()
	page := string(exampleReport(t, lang))
	sections := strings.Count(page, "<section ")

	pages, err := checkPDF(printPDF(t, browser, dir, page), sections)
	if err != nil {
		t.Error(err)
	}
	t.Logf("%s: %d A4 pages, %d sections", lang, pages, sections)
	for _, problem := range printLayout(t, browser, dir, page) {
		t.Error(problem)
	}

	// The checks can fail: a Letter page, a table wider than the page, a
	// section that does not start a page and a heading that may end one
	// are each reported.
	letter := strings.Replace(page, "size: A4;", "size: letter;", 1)
	if _, err := checkPDF(printPDF(t, browser, dir, letter), sections); err == nil || !strings.Contains(err.Error(), "not A4") {
		t.Errorf("a report printed on Letter pages passed the check (%v)", err)
	}
	broken := strings.Replace(page, "</head>", `<style>@media print { table.columns { min-width: 1400px; }
 section#findings { break-before: auto; } h2 { break-after: auto; } }</style></head>`, 1)
	want := []string{"table.columns", "section#findings", "h2"}
	problems := strings.Join(printLayout(t, browser, dir, broken), "\n")
	for _, w := range want {
		if !strings.Contains(problems, w) {
			t.Errorf("the print layout check missed %s in a broken report; it said:\n%s", w, problems)
		}
	}
}

// printPDF prints a page as a user does, with Chromium's own --print-to-pdf,
// and returns the PDF.
func printPDF(t *testing.T, browser, dir, page string) []byte {
	t.Helper()
	src, pdf := filepath.Join(dir, "print.html"), filepath.Join(dir, "print.pdf")
	if err := os.WriteFile(src, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Remove(pdf)
	chromium(t, browser, src, pageWidth, 1000, "--no-pdf-header-footer", "--print-to-pdf="+pdf)
	b, err := os.ReadFile(pdf)
	if err != nil {
		t.Fatalf("chromium printed no PDF: %v", err)
	}
	return b
}

// mediaBox matches a page's size in a PDF that Chromium (Skia) writes: one
// uncompressed /MediaBox per page.
var mediaBox = regexp.MustCompile(`/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]`)

// checkPDF says what is wrong with a printed report: a page that is not A4,
// fewer pages than sections (each starts a page) or more than
// maxPrintedPages. It returns the number of pages.
func checkPDF(pdf []byte, sections int) (int, error) {
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		return 0, fmt.Errorf("the print is no PDF")
	}
	boxes := mediaBox.FindAllSubmatch(pdf, -1)
	for i, m := range boxes {
		w, _ := strconv.ParseFloat(string(m[1]), 64)
		h, _ := strconv.ParseFloat(string(m[2]), 64)
		if abs(w-a4W) > pageTolerance || abs(h-a4H) > pageTolerance {
			return len(boxes), fmt.Errorf("page %d is %.1f × %.1f pt, not A4 (%.1f × %.1f pt)", i+1, w, h, a4W, a4H)
		}
	}
	switch {
	case len(boxes) < sections:
		return len(boxes), fmt.Errorf("%d pages for %d sections, each of which starts a page", len(boxes), sections)
	case len(boxes) > maxPrintedPages:
		return len(boxes), fmt.Errorf("%d pages, more than %d: a print style breaks pages where it should not", len(boxes), maxPrintedPages)
	}
	return len(boxes), nil
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// pageRule is the report's page: A4, with its margins (vertical,
// horizontal) in millimetres.
var pageRule = regexp.MustCompile(`@page\s*\{\s*size:\s*A4;\s*margin:\s*([\d.]+)mm\s+([\d.]+)mm;\s*\}`)

// printProbe lays out the page in print media and lists what does not fit
// the printable width W: every element reaching past it (its selector and
// right edge), every element whose content is clipped (a scroll box wider
// than it shows, which paper cannot scroll), each section after the first
// that does not start a page, and each heading that a page may end.
const printProbe = `(function (W) {
  function sel(e) {
    var s = e.tagName.toLowerCase();
    if (e.id) s += '#' + e.id;
    var c = e.getAttribute('class');
    if (c) s += '.' + c.trim().split(/\s+/).join('.');
    return s;
  }
  var out = {Print: matchMedia('print').matches, Width: document.documentElement.clientWidth, Problems: []};
  var seen = {};
  function report(p) { if (!seen[p]) { seen[p] = true; out.Problems.push(p); } }
  document.querySelectorAll('body *').forEach(function (e) {
    var cs = getComputedStyle(e);
    if (cs.display === 'none' || cs.visibility === 'hidden') return;
    var r = e.getBoundingClientRect();
    if (r.width > 0 && (r.right > W + 1 || r.left < -1)) {
      report(sel(e) + ' reaches from ' + Math.round(r.left) + ' to ' + Math.round(r.right) + ' px, past the printable width of ' + Math.round(W) + ' px');
    }
    if (cs.overflowX !== 'visible' && e.scrollWidth > e.clientWidth + 1) {
      report(sel(e) + ' is clipped: ' + e.scrollWidth + ' px of content in ' + e.clientWidth + ' px');
    }
  });
  document.querySelectorAll('main > section').forEach(function (s, i) {
    var b = getComputedStyle(s).breakBefore;
    if (i > 0 && b !== 'page') report(sel(s) + ' does not start a page (break-before: ' + b + ')');
  });
  document.querySelectorAll('main h2, main h3').forEach(function (h) {
    var a = getComputedStyle(h).breakAfter;
    if (a !== 'avoid' && a !== 'avoid-page') report(sel(h) + ' "' + h.textContent.trim().slice(0, 40) + '" may end a page (break-after: ' + a + ')');
  });
  return JSON.stringify(out);
})`

// printLayout lays the page out in print media at the printable width of
// its A4 page, through the DevTools protocol, and returns what does not fit
// (printProbe).
func printLayout(t *testing.T, browser, dir, page string) []string {
	t.Helper()
	m := pageRule.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("the report's print styles have no @page rule for A4 with margins in mm (%s)", pageRule)
	}
	side, _ := strconv.ParseFloat(m[2], 64)
	// CSS pixels are 1/96 in: the width Chromium lays a printed page out in.
	width := (210 - 2*side) / 25.4 * 96

	src := filepath.Join(dir, "layout.html")
	if err := os.WriteFile(src, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	d := startDevTools(t, browser)
	defer d.close()
	var target struct{ TargetID string }
	d.call(t, "", "Target.createTarget", map[string]any{"url": "about:blank"}, &target)
	var attached struct{ SessionID string }
	d.call(t, "", "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &attached)
	s := attached.SessionID
	d.call(t, s, "Page.enable", nil, nil)
	d.call(t, s, "Emulation.setDeviceMetricsOverride", map[string]any{"width": int(width), "height": 1000, "deviceScaleFactor": 1, "mobile": false}, nil)
	d.call(t, s, "Emulation.setEmulatedMedia", map[string]any{"media": "print"}, nil)
	d.call(t, s, "Page.navigate", map[string]any{"url": "file://" + src}, nil)
	d.waitEvent(t, s, "Page.loadEventFired")
	var res struct {
		Result struct{ Value string }
		// ExceptionDetails is set when the probe threw.
		ExceptionDetails *struct{ Text string }
	}
	d.call(t, s, "Runtime.evaluate", map[string]any{"expression": fmt.Sprintf("%s(%g)", printProbe, float64(int(width))), "returnByValue": true}, &res)
	if res.ExceptionDetails != nil {
		t.Fatalf("the print probe failed: %s", res.ExceptionDetails.Text)
	}
	var out struct {
		Print    bool
		Width    int
		Problems []string
	}
	if err := json.Unmarshal([]byte(res.Result.Value), &out); err != nil {
		t.Fatalf("print probe output %q: %v", res.Result.Value, err)
	}
	if !out.Print || out.Width != int(width) {
		t.Fatalf("the page was not laid out in print media at %d px (print %v, width %d)", int(width), out.Print, out.Width)
	}
	return out.Problems
}

// devTools is a headless Chromium driven over the DevTools protocol on a
// pipe (--remote-debugging-pipe: it reads commands on its fd 3 and writes
// answers and events on its fd 4, each a JSON message ended by a NUL byte).
type devTools struct {
	cmd    *exec.Cmd
	cancel context.CancelFunc
	in     io.WriteCloser
	out    *bufio.Reader
	next   int
	events []devToolsMessage
}

type devToolsMessage struct {
	ID        int             `json:"id,omitempty"`
	SessionID string          `json:"sessionId,omitempty"`
	Method    string          `json:"method,omitempty"`
	Params    any             `json:"params,omitempty"`
	Result    json.RawMessage `json:"result,omitempty"`
	Error     *struct {
		Message string `json:"message"`
	} `json:"error,omitempty"`
}

func startDevTools(t *testing.T, browser string) *devTools {
	t.Helper()
	// A bound on a browser that hangs, not a measurement.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	cmdR, cmdW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(ctx, browser, append(headless(t), "--remote-debugging-pipe", "about:blank")...)
	cmd.ExtraFiles = []*os.File{cmdR, outW} // fds 3 and 4
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatalf("%s: %v", browser, err)
	}
	cmdR.Close()
	outW.Close()
	t.Cleanup(func() {
		if t.Failed() && stderr.Len() > 0 {
			t.Logf("chromium's stderr ends with:\n%s", lastLines(stderr.String(), 10))
		}
	})
	return &devTools{cmd: cmd, cancel: cancel, in: cmdW, out: bufio.NewReader(outR)}
}

func (d *devTools) close() {
	d.in.Close() // Chromium exits when its pipe closes
	done := make(chan struct{})
	go func() { d.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		d.cmd.Process.Kill()
		<-done
	}
	d.cancel()
}

// read returns the next message from the browser.
func (d *devTools) read(t *testing.T) devToolsMessage {
	t.Helper()
	b, err := d.out.ReadBytes(0)
	if err != nil {
		t.Fatalf("the DevTools pipe: %v", err)
	}
	var m devToolsMessage
	if err := json.Unmarshal(b[:len(b)-1], &m); err != nil {
		t.Fatalf("a DevTools message %.200q: %v", b, err)
	}
	return m
}

// call sends a command (to a session, or to the browser when session is
// "") and decodes its result into result, keeping the events that arrive
// meanwhile.
func (d *devTools) call(t *testing.T, session, method string, params, result any) {
	t.Helper()
	d.next++
	msg, err := json.Marshal(devToolsMessage{ID: d.next, SessionID: session, Method: method, Params: params})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.in.Write(append(msg, 0)); err != nil {
		t.Fatalf("%s: %v", method, err)
	}
	for {
		m := d.read(t)
		if m.ID != d.next {
			if m.Method != "" {
				d.events = append(d.events, m)
			}
			continue
		}
		if m.Error != nil {
			t.Fatalf("%s: %s", method, m.Error.Message)
		}
		if result != nil {
			if err := json.Unmarshal(m.Result, result); err != nil {
				t.Fatalf("%s: %v", method, err)
			}
		}
		return
	}
}

// waitEvent waits for an event of a session.
func (d *devTools) waitEvent(t *testing.T, session, method string) {
	t.Helper()
	for i, e := range d.events {
		if e.Method == method && e.SessionID == session {
			d.events = append(d.events[:i], d.events[i+1:]...)
			return
		}
	}
	for {
		m := d.read(t)
		if m.Method == method && m.SessionID == session {
			return
		}
		if m.Method != "" {
			d.events = append(d.events, m)
		}
	}
}
