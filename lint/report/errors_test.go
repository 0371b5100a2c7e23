package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"regexp"
	"strings"
	"testing"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/rules"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The incomplete run's unreadable files (five: two errors share a path): a file beyond a limit, a file
// whose name and message would be markup in HTML and Markdown and end a
// property in a GitHub command, a file with two problems, an absolute path
// and an error that names no path.
const (
	fxBroken  = "data/part-3.parquet"
	fxHostile = `data/odd, name: <b>|x</b>%.arrow`
	fxTwice   = "data/shards"
	fxAbs     = "/srv/data/old.parquet"
)

var hostileMessage = `not a Parquet or Arrow IPC file: <script>alert("x")</script> & *bold* [link](y)`

// fixtureErrors is a run that could not read every file: one dataset
// linted, with an open error and a waived warning, and five errors on
// four paths and on none, sorted by path as the engine sorts them.
func fixtureErrors() *lint.Result {
	r := &lint.Result{Tool: lint.Tool{Name: "saglig", Version: "v1.2.3"}, Map: "saglig.yaml", Policy: "default",
		Purpose: &lint.Purpose{Name: "partial", Context: "employment"},
		Datasets: []lint.DatasetSummary{{Path: "data/x.parquet", Format: "parquet", Rows: 10, Files: 1, Measured: true,
			Columns: []lint.ColumnSummary{
				{Path: "a", Type: "int64", Declared: true, Role: "input", Rows: 10, Distinct: 4},
				{Path: "b", Type: "string", Declared: false, Inferred: "other", Rows: 10, Distinct: 2},
			}}},
		Errors: []lint.FileError{
			{Message: `no dataset matches "train/*.parquet"`},
			{Path: fxAbs, Message: "permission denied"},
			{Path: fxBroken, Message: `row group 2, column "alder": page 0 at offset 4: 300 MiB uncompressed exceeds the page size limit of 256 MiB (raise it with --max-page-size)`},
			{Path: fxHostile, Message: hostileMessage},
			{Path: fxTwice, Message: "part-1.parquet and part-2.parquet have different schemas"},
			{Path: fxTwice, Message: "the files left do not make a dataset together"},
		},
	}
	mk := func(id, column, msg string) finding.Finding {
		rule, err := rules.Lookup(id)
		if err != nil {
			panic(err)
		}
		return finding.Finding{Rule: id, Name: rule.Name, Severity: rule.Severity, Dataset: "data/x.parquet", Column: column,
			Message: msg, Legal: rule.Refs()}
	}
	r.Findings = []finding.Finding{
		mk("SAG001", "b", `column "b" is not declared in the map`),
		mk("SAG002", "a", `input "a" has no source`),
	}
	r.Findings[1].Accept(finding.Acceptance{By: finding.ByWaiver, Reason: "The source is the case system."})
	r.Recount()
	return r
}

// TestGoldenErrors pins every format's report of an incomplete run.
func TestGoldenErrors(t *testing.T) {
	for _, format := range Formats() {
		t.Run(format, func(t *testing.T) {
			got := render(t, format, fixtureErrors())
			golden(t, "errors."+goldenExt[format], ruleProse(format, got))
			if again := render(t, format, fixtureErrors()); !bytes.Equal(got, again) {
				t.Errorf("%s output is not deterministic", format)
			}
		})
	}
}

// TestIncompleteSaid checks that every format says that the run was
// incomplete when, and only when, some files could not be read.
func TestIncompleteSaid(t *testing.T) {
	said := map[string]string{
		"text": "incomplete: 5 files could not be read", "github": "incomplete: 5 files could not be read",
		"markdown": "❌ incomplete run: 5 files could not be read", "html": "Incomplete run: 5 files could not be read",
		"json": `"errors": [`, "sarif": `"executionSuccessful": false`, "junit": `errors="5"`,
	}
	for _, format := range Formats() {
		t.Run(format, func(t *testing.T) {
			want, ok := said[format]
			if !ok {
				t.Fatalf("no check for format %s", format)
			}
			if out := string(render(t, format, fixtureErrors())); !strings.Contains(out, want) {
				t.Errorf("the report of an incomplete run lacks %q", want)
			}
			for _, r := range []*lint.Result{fixture(), emptyResult()} {
				out := string(render(t, format, r))
				if strings.Contains(out, want) || strings.Contains(strings.ToLower(out), "could not be read") {
					t.Errorf("the report of a complete run says it is incomplete")
				}
			}
		})
	}
}

// TestTextErrorsCounted checks that the text report counts the unreadable
// files without listing them: the CLI prints each on stderr.
func TestTextErrorsCounted(t *testing.T) {
	r := fixtureErrors()
	out := string(render(t, "text", r))
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if last := lines[len(lines)-1]; !strings.HasSuffix(last, "; incomplete: 5 files could not be read") {
		t.Errorf("summary line %q does not count the unreadable files", last)
	}
	for _, e := range r.Errors {
		if strings.Contains(out, e.Message) {
			t.Errorf("the text report repeats the error %q that the CLI prints on stderr", e.Message)
		}
	}
	p, _ := New("text", Options{Color: true})
	var buf bytes.Buffer
	if err := p.Print(&buf, r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), ansiRed+"incomplete: 5 files could not be read"+ansiReset) {
		t.Error("with colour, the count of unreadable files is not red")
	}
}

func TestSARIFErrors(t *testing.T) {
	r := fixtureErrors()
	var log sarifLog
	if err := json.Unmarshal(render(t, "sarif", r), &log); err != nil {
		t.Fatal(err)
	}
	inv := log.Runs[0].Invocations
	if len(inv) != 1 || inv[0].ExecutionSuccessful {
		t.Fatalf("invocations %+v, want one that did not succeed", inv)
	}
	ns := inv[0].ToolExecutionNotifications
	if len(ns) != len(r.Errors) {
		t.Fatalf("%d notifications for %d errors", len(ns), len(r.Errors))
	}
	wantURI := map[string]string{fxBroken: fxBroken, fxHostile: "data/odd%2C%20name%3A%20%3Cb%3E%7Cx%3C/b%3E%25.arrow",
		fxTwice: fxTwice, fxAbs: "file:///srv/data/old.parquet"}
	for i, n := range ns {
		e := r.Errors[i]
		if n.Level != "error" || n.Message.Text != errorLine(i18n.For(i18n.English), e) {
			t.Errorf("notification %d: level %q, message %q; want error, %q", i, n.Level, n.Message.Text, errorLine(i18n.For(i18n.English), e))
		}
		if e.Path == "" {
			if len(n.Locations) != 0 {
				t.Errorf("notification %d: locations %+v for an error without a path", i, n.Locations)
			}
			continue
		}
		if len(n.Locations) != 1 {
			t.Fatalf("notification %d: locations %+v", i, n.Locations)
		}
		loc := n.Locations[0].PhysicalLocation.ArtifactLocation
		base := srcRoot
		if e.Path == fxAbs {
			base = ""
		}
		if loc.URI != wantURI[e.Path] || loc.URIBaseID != base {
			t.Errorf("notification %d: artifact %+v, want %s against %q", i, loc, wantURI[e.Path], base)
		}
	}
	if len(log.Runs[0].Results) != len(r.Findings) {
		t.Errorf("%d results for %d findings: the findings of what was read must stay", len(log.Runs[0].Results), len(r.Findings))
	}
	// A complete run succeeded and has no notifications.
	var ok sarifLog
	if err := json.Unmarshal(render(t, "sarif", fixture()), &ok); err != nil {
		t.Fatal(err)
	}
	if inv := ok.Runs[0].Invocations; len(inv) != 1 || !inv[0].ExecutionSuccessful || len(inv[0].ToolExecutionNotifications) != 0 {
		t.Errorf("complete run: invocations %+v", inv)
	}
}

// TestSARIFErrorsSchema validates a fresh rendering of the incomplete run,
// and proves that the schema checks notifications: one without a message
// is rejected.
func TestSARIFErrorsSchema(t *testing.T) {
	sch := loadSARIFSchema(t)
	out := render(t, "sarif", fixtureErrors())
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(v); err != nil {
		t.Errorf("the incomplete run does not validate against the SARIF 2.1.0 schema: %v", err)
	}
	bad := `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"invocations":[{"executionSuccessful":false,"toolExecutionNotifications":[{"level":"error"}]}]}]}`
	v, _ = jsonschema.UnmarshalJSON(strings.NewReader(bad))
	if sch.Validate(v) == nil {
		t.Error("the schema accepted a notification without a message")
	}
}

func TestJUnitErrors(t *testing.T) {
	r := fixtureErrors()
	var doc junitSuites
	if err := xml.Unmarshal(render(t, "junit", r), &doc); err != nil {
		t.Fatal(err)
	}
	// The map's suite, the dataset's, then one per path in error: the
	// error without a path, the absolute path, the broken, the hostile
	// and the twice-failed one.
	wantNames := []string{"saglig.yaml", "data/x.parquet", noPath, fxAbs, fxBroken, fxHostile, fxTwice}
	var names []string
	for _, s := range doc.Suites {
		names = append(names, s.Name)
	}
	if strings.Join(names, "\n") != strings.Join(wantNames, "\n") {
		t.Fatalf("suites %q, want %q", names, wantNames)
	}
	tests, failures, errs, errElems := 0, 0, 0, 0
	for _, s := range doc.Suites {
		e := 0
		for _, c := range s.Cases {
			if len(c.Errors) > 0 {
				e++
			}
			errElems += len(c.Errors)
		}
		if s.Errors != e || s.Tests != len(s.Cases) {
			t.Errorf("suite %s: errors=%d tests=%d, counted %d errors in %d cases", s.Name, s.Errors, s.Tests, e, len(s.Cases))
		}
		tests, failures, errs = tests+s.Tests, failures+s.Failures, errs+s.Errors
	}
	if doc.Errors != errs || doc.Tests != tests || doc.Failures != failures || errs != 5 {
		t.Errorf("testsuites errors=%d tests=%d failures=%d, suites sum to %d %d %d (want 5 errors)", doc.Errors, doc.Tests, doc.Failures, errs, tests, failures)
	}
	if errElems != len(r.Errors) {
		t.Errorf("%d <error> elements for %d errors", errElems, len(r.Errors))
	}
	hostile := doc.Suites[5].Cases[0]
	if hostile.ClassName != fxHostile || hostile.Name != junitReadCase || len(hostile.Errors) != 1 ||
		hostile.Errors[0].Message != hostileMessage || hostile.Errors[0].Type != "unreadable" {
		t.Errorf("the hostile path and message do not survive the XML round trip: %+v", hostile)
	}
	if twice := doc.Suites[6].Cases; len(twice) != 1 || len(twice[0].Errors) != 2 {
		t.Errorf("two errors on one path: %+v, want one case with two <error>", twice)
	}
	// A complete run has no errors anywhere.
	var ok junitSuites
	if err := xml.Unmarshal(render(t, "junit", fixture()), &ok); err != nil {
		t.Fatal(err)
	}
	if ok.Errors != 0 {
		t.Errorf("complete run: errors=%d", ok.Errors)
	}
}

func TestGitHubErrors(t *testing.T) {
	r := fixtureErrors()
	out := string(render(t, "github", r))
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	open := r.Summary.Error + r.Summary.Warning + r.Summary.Info
	if len(lines) != len(r.Errors)+open+1 {
		t.Fatalf("%d lines for %d errors, %d open findings and a summary:\n%s", len(lines), len(r.Errors), open, out)
	}
	cmd := regexp.MustCompile(`^::error (file=[^,:]+,)?title=saglig::[^\n]+$`)
	for i, e := range r.Errors {
		l := lines[i]
		if !cmd.MatchString(l) {
			t.Errorf("not a workflow command: %s", l)
		}
		if (e.Path != "") != strings.HasPrefix(l, "::error file=") {
			t.Errorf("error %d: %s, want a file property exactly when the error has a path", i, l)
		}
	}
	for _, want := range []string{
		"::error title=saglig::no dataset matches \"train/*.parquet\"",
		"::error file=data/part-3.parquet,title=saglig::data/part-3.parquet: row group 2, column \"alder\": ",
		"::error file=data/odd%2C name%3A <b>|x</b>%25.arrow,title=saglig::data/odd, name: <b>|x</b>%25.arrow: " + hostileMessage,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if last := lines[len(lines)-1]; last != "saglig: "+SummaryLine(i18n.For(i18n.English), r) || !strings.HasSuffix(last, "; incomplete: 5 files could not be read") {
		t.Errorf("summary line %q", last)
	}
}

// TestErrorsEscaped checks that the hostile path and message are shown,
// escaped, and never as markup, and that the list sits near the top.
func TestErrorsEscaped(t *testing.T) {
	tests := []struct {
		format  string
		forbid  []string
		require []string
		// section is the heading of the list, which must come before the
		// findings.
		section, findings string
	}{
		{"html", []string{"<script", "<b>|x"}, []string{
			"<td class=\"path\"><code>data/odd, name: &lt;b&gt;|x&lt;/b&gt;%.arrow</code></td><td>not a Parquet or Arrow IPC file: &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; *bold* [link](y)</td>",
			`<a href="#errors">`, `<section id="errors"`},
			`<h2 id="errors-h">Files that could not be read</h2>`, `<section id="findings"`},
		{"markdown", []string{"<script", "<b>|x"}, []string{
			`| data/odd, name: &lt;b&gt;\|x&lt;/b&gt;%.arrow | not a Parquet or Arrow IPC file: &lt;script&gt;alert("x")&lt;/script&gt; &amp; \*bold\* \[link\](y) |`,
			"| (no path) | no dataset matches \"train/\\*.parquet\" |"},
			"### Files that could not be read", "### Findings"},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			out := string(render(t, tt.format, fixtureErrors()))
			checkContains(t, out, tt.forbid, tt.require)
			i, j := strings.Index(out, tt.section), strings.Index(out, tt.findings)
			if i < 0 || j < 0 || i > j {
				t.Errorf("the list of unreadable files (at %d) must come before the findings (at %d)", i, j)
			}
			for _, r := range []*lint.Result{fixture(), emptyResult()} {
				if strings.Contains(string(render(t, tt.format, r)), tt.section) {
					t.Error("a complete run lists unreadable files")
				}
			}
		})
	}
}

// TestHTMLErrorsSelfContained: the incomplete run's report stays
// self-contained and script-free.
func TestHTMLErrorsSelfContained(t *testing.T) {
	out := strings.ToLower(string(render(t, "html", fixtureErrors())))
	for _, bad := range []string{"<script", "<link", " src=", "@import", "url(http", "<iframe"} {
		if strings.Contains(out, bad) {
			t.Errorf("the report must be self-contained and script-free; it contains %q", bad)
		}
	}
}
