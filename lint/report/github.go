package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/rules"
)

func init() {
	registerFormat("github", func(o Options) Printer { return githubPrinter{tr: o.tr(), max: o.MaxPerRule} })
}

// githubPrinter writes GitHub Actions workflow commands: an ::error,
// ::warning or ::notice annotation per open finding, at the column's line
// in the map when it has one, else on the dataset or the map file; waived
// and baselined findings are not annotated. Each file that could not be
// read comes first, as an ::error on that file. At most max findings of a
// rule are annotated (0: all), with a notice of how many were left out. It
// ends with a summary line.
type githubPrinter struct {
	tr  *i18n.Printer
	max int
}

func (p githubPrinter) Print(w io.Writer, r *lint.Result) error {
	bw := bufio.NewWriter(w)
	for _, e := range r.Errors {
		bw.WriteString(githubErrorAnnotation(p.tr, e))
		bw.WriteString("\n")
	}
	var open []finding.Finding
	for i := range r.Findings {
		if r.Findings[i].Open() {
			open = append(open, r.Findings[i])
		}
	}
	shown, left := capPerRule(open, p.max)
	for _, f := range shown {
		bw.WriteString(p.annotation(r, f))
		bw.WriteString("\n")
	}
	for _, l := range left {
		bw.WriteString("::notice title=" + githubProperty(rules.LabelOf(p.tr.Lang(), l.rule, l.name)) + "::" +
			githubData(p.tr.Sprintf("%s %s: %d more findings not shown (--max-per-rule %d; 0 shows them all)", l.rule, rules.NameOf(p.tr.Lang(), l.rule, l.name), l.n, p.max)) + "\n")
	}
	bw.WriteString("saglig: " + SummaryLine(p.tr, r) + "\n")
	return bw.Flush()
}

func (p githubPrinter) annotation(r *lint.Result, f *finding.Finding) string {
	cmd := "error"
	switch f.Severity {
	case finding.Warning:
		cmd = "warning"
	case finding.Info:
		cmd = "notice"
	}
	var props []string
	if path, line, col := anchor(r, f); path != "" {
		props = append(props, "file="+githubProperty(slashPath(path)))
		if line > 0 {
			props = append(props, fmt.Sprintf("line=%d", line))
			if col > 0 {
				props = append(props, fmt.Sprintf("col=%d", col))
			}
		}
	}
	props = append(props, "title="+githubProperty(rules.LabelOf(p.tr.Lang(), f.Rule, f.Name)))
	var msg strings.Builder
	if f.Dataset != "" {
		msg.WriteString(slashPath(f.Dataset) + ": ")
	}
	if f.Column != "" {
		msg.WriteString(f.Column + ": ")
	}
	msg.WriteString(f.Message)
	if len(f.Legal) > 0 {
		msg.WriteString(" [" + strings.Join(lawRefs(p.tr, f.Legal), "; ") + "]")
	}
	if ev := evidence(p.tr, f); len(ev) > 0 {
		msg.WriteString("\n" + p.tr.Sprintf("evidence:") + " " + strings.Join(ev, "; "))
	}
	if f.Fix != "" {
		msg.WriteString("\n" + p.tr.Sprintf("help:") + " " + f.Fix)
	}
	return "::" + cmd + " " + strings.Join(props, ",") + "::" + githubData(msg.String())
}

// githubErrorAnnotation is a file that could not be read, annotated on
// that file (when the error names one) with the line the CLI prints.
func githubErrorAnnotation(tr *i18n.Printer, e lint.FileError) string {
	var props []string
	if e.Path != "" {
		props = append(props, "file="+githubProperty(slashPath(e.Path)))
	}
	props = append(props, "title=saglig")
	return "::error " + strings.Join(props, ",") + "::" + githubData(errorLine(tr, e))
}

// githubData escapes a workflow command's message (as @actions/core does).
func githubData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// githubProperty escapes a workflow command's property value: the message
// escapes, and ':' and ',' that would end the value.
func githubProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
