package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/saglig/saglig/lint"
	"github.com/saglig/saglig/lint/finding"
)

func init() { registerFormat("github", func(Options) Printer { return githubPrinter{} }) }

// githubPrinter writes GitHub Actions workflow commands: an ::error,
// ::warning or ::notice annotation per open finding, at the column's line
// in the map when it has one, else on the dataset or the map file; waived
// and baselined findings are not annotated. Each file that could not be
// read comes first, as an ::error on that file. It ends with a summary line.
type githubPrinter struct{}

func (githubPrinter) Print(w io.Writer, r *lint.Result) error {
	bw := bufio.NewWriter(w)
	for _, e := range r.Errors {
		bw.WriteString(githubErrorAnnotation(e))
		bw.WriteString("\n")
	}
	for i := range r.Findings {
		f := &r.Findings[i]
		if !f.Open() {
			continue
		}
		bw.WriteString(githubAnnotation(r, f))
		bw.WriteString("\n")
	}
	bw.WriteString("saglig: " + SummaryLine(r) + "\n")
	return bw.Flush()
}

func githubAnnotation(r *lint.Result, f *finding.Finding) string {
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
	props = append(props, "title="+githubProperty(f.Rule+" "+f.Name))
	var msg strings.Builder
	if f.Dataset != "" {
		msg.WriteString(slashPath(f.Dataset) + ": ")
	}
	if f.Column != "" {
		msg.WriteString(f.Column + ": ")
	}
	msg.WriteString(f.Message)
	if len(f.Legal) > 0 {
		msg.WriteString(" [" + strings.Join(f.Legal, "; ") + "]")
	}
	if f.Fix != "" {
		msg.WriteString("\nhelp: " + f.Fix)
	}
	return "::" + cmd + " " + strings.Join(props, ",") + "::" + githubData(msg.String())
}

// githubErrorAnnotation is a file that could not be read, annotated on
// that file (when the error names one) with the line the CLI prints.
func githubErrorAnnotation(e lint.FileError) string {
	var props []string
	if e.Path != "" {
		props = append(props, "file="+githubProperty(slashPath(e.Path)))
	}
	props = append(props, "title=saglig")
	return "::error " + strings.Join(props, ",") + "::" + githubData(errorLine(e))
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
