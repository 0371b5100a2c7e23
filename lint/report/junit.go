package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/rules"
)

func init() { registerFormat("junit", func(o Options) Printer { return junitPrinter{tr: o.tr()} }) }

// junitPrinter writes JUnit XML as Jenkins, GitLab and most CI servers read
// it: one testsuite per dataset and one for the map, one testcase per
// column (a column without findings passes), a failure per open finding; a
// column whose findings are all waived or baselined is skipped. Each file
// that could not be read is a suite of its own whose one test case is an
// error, so that the run shows as broken rather than as passing.
type junitPrinter struct{ tr *i18n.Printer }

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Properties *junitPropsList `xml:"properties,omitempty"`
	Cases      []junitCase     `xml:"testcase"`
}

type junitPropsList struct {
	Props []junitProp `xml:"property"`
}

type junitProp struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	ClassName string         `xml:"classname,attr"`
	Name      string         `xml:"name,attr"`
	Failures  []junitFailure `xml:"failure"`
	Errors    []junitError   `xml:"error"`
	Skipped   *junitSkipped  `xml:"skipped"`
	SystemOut *junitCData    `xml:"system-out"`
}

type junitFailure struct {
	Type    string `xml:"type,attr"`
	Message string `xml:"message,attr"`
	Text    string `xml:",cdata"`
}

// junitError is a test that could not be run: a file that could not be
// read.
type junitError struct {
	Type    string `xml:"type,attr"`
	Message string `xml:"message,attr"`
	Text    string `xml:",cdata"`
}

type junitCData struct {
	Text string `xml:",cdata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}

func (p junitPrinter) Print(w io.Writer, r *lint.Result) error {
	// Group the findings by dataset ("" = the map), then by column.
	byDataset := map[string]map[string][]*finding.Finding{}
	for i := range r.Findings {
		f := &r.Findings[i]
		if byDataset[f.Dataset] == nil {
			byDataset[f.Dataset] = map[string][]*finding.Finding{}
		}
		c := caseName(f)
		byDataset[f.Dataset][c] = append(byDataset[f.Dataset][c], f)
	}
	out := junitSuites{Name: "saglig"}
	// The map's suite: the purpose, and map entries with findings of their own.
	mapName := slashPath(r.Map)
	if mapName == "" {
		mapName = p.tr.Sprintf("feature-purpose map")
	}
	props := []junitProp{{"map", slashPath(r.Map)}, {"policy", r.Policy}}
	if d := disabledRules(p.tr, r); d != "" {
		props = append(props, junitProp{"disabled", d})
	}
	if n := notBaselined(p.tr, r); n != "" {
		props = append(props, junitProp{"not_baselined", n})
	}
	out.Suites = append(out.Suites, p.suite(mapName, mapName, []string{purposeCase}, byDataset[""], props))
	for _, d := range r.Datasets {
		cols := make([]string, 0, len(d.Columns)+1)
		cols = append(cols, purposeCase)
		for _, c := range d.Columns {
			cols = append(cols, c.Path)
		}
		name := slashPath(d.Path)
		out.Suites = append(out.Suites, p.suite(name, name, cols, byDataset[d.Path],
			[]junitProp{{"format", string(d.Format)}, {"rows", fmt.Sprint(d.Rows)}, {"files", fmt.Sprint(d.Files)}}))
	}
	// Findings on datasets the result does not summarise (none from the
	// engine, but a result may be assembled by hand) still get a suite.
	known := map[string]bool{"": true}
	for _, d := range r.Datasets {
		known[d.Path] = true
	}
	var extra []string
	for ds := range byDataset {
		if !known[ds] {
			extra = append(extra, ds)
		}
	}
	sort.Strings(extra)
	for _, ds := range extra {
		out.Suites = append(out.Suites, p.suite(slashPath(ds), slashPath(ds), []string{purposeCase}, byDataset[ds], nil))
	}
	out.Suites = append(out.Suites, junitErrorSuites(p.tr, r.Errors)...)
	for _, s := range out.Suites {
		out.Tests += s.Tests
		out.Failures += s.Failures
		out.Errors += s.Errors
		out.Skipped += s.Skipped
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// suite builds one suite: a case per column in order, then a case
// per other column that has findings (map entries missing from the data).
func (p junitPrinter) suite(name, class string, columns []string, findings map[string][]*finding.Finding, props []junitProp) junitSuite {
	s := junitSuite{Name: name}
	if len(props) > 0 {
		s.Properties = &junitPropsList{Props: props}
	}
	seen := map[string]bool{}
	var order []string
	for _, c := range columns {
		if !seen[c] {
			seen[c] = true
			order = append(order, c)
		}
	}
	var rest []string
	for c := range findings {
		if !seen[c] {
			rest = append(rest, c)
		}
	}
	sort.Strings(rest)
	order = append(order, rest...)
	for _, c := range order {
		tc := p.testCase(class, c, findings[c])
		s.Tests++
		switch {
		case len(tc.Failures) > 0:
			s.Failures++
		case tc.Skipped != nil:
			s.Skipped++
		}
		s.Cases = append(s.Cases, tc)
	}
	return s
}

func (p junitPrinter) testCase(class, column string, fs []*finding.Finding) junitCase {
	tc := junitCase{ClassName: class, Name: column}
	var accepted []string
	for _, f := range fs {
		if f.Open() {
			tc.Failures = append(tc.Failures, junitFailure{
				Type:    f.Rule,
				Message: f.Message,
				Text:    p.detail(f),
			})
			continue
		}
		line := rules.LabelOf(p.tr.Lang(), f.Rule, f.Name) + ": " + acceptance(p.tr, f)
		if f.Accepted.Reason == "" {
			line += ": " + f.Message
		}
		accepted = append(accepted, line)
	}
	switch {
	case len(accepted) == 0:
	case len(tc.Failures) == 0:
		tc.Skipped = &junitSkipped{Message: strings.Join(accepted, "; ")}
	default:
		tc.SystemOut = &junitCData{Text: strings.Join(accepted, "\n") + "\n"}
	}
	return tc
}

// junitReadCase names the test case of a file that could not be read.
const junitReadCase = "(read)"

// junitErrorSuites makes a suite of each file, directory or argument that
// could not be read, in the order of the errors: one test case, in error,
// with an <error> per problem reported on that path.
func junitErrorSuites(tr *i18n.Printer, errs []lint.FileError) []junitSuite {
	var out []junitSuite
	at := map[string]int{}
	for _, e := range errs {
		name := errorPath(e)
		i, ok := at[name]
		if !ok {
			i = len(out)
			at[name] = i
			out = append(out, junitSuite{Name: name, Tests: 1, Errors: 1,
				Cases: []junitCase{{ClassName: name, Name: junitReadCase}}})
		}
		c := &out[i].Cases[0]
		c.Errors = append(c.Errors, junitError{Type: "unreadable", Message: e.In(tr), Text: errorLine(tr, e) + "\n"})
	}
	return out
}

// detail is the failure's body: everything a reader needs without the
// other formats.
func (p junitPrinter) detail(f *finding.Finding) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s)\n%s\n", rules.LabelOf(p.tr.Lang(), f.Rule, f.Name), f.Severity.In(p.tr), f.Message)
	if f.Dataset != "" {
		p.tr.Fprintf(&b, "dataset: %s\n", slashPath(f.Dataset))
	}
	if f.Column != "" {
		p.tr.Fprintf(&b, "column: %s\n", f.Column)
	}
	if f.Pos != nil {
		fmt.Fprintf(&b, "%s: %s\n", posLabel(p.tr, f), f.Pos)
	}
	if len(f.Legal) > 0 {
		p.tr.Fprintf(&b, "law: %s\n", strings.Join(lawRefs(p.tr, f.Legal), "; "))
	}
	if f.Fix != "" {
		p.tr.Fprintf(&b, "help: %s\n", f.Fix)
	}
	for _, e := range evidence(p.tr, f) {
		p.tr.Fprintf(&b, "evidence: %s\n", e)
	}
	return b.String()
}
