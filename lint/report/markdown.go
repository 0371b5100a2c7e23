package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/saglig/saglig/lint"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/rules"
)

func init() { registerFormat("markdown", func(Options) Printer { return markdownPrinter{} }) }

// markdownPrinter writes a compact GitHub-flavoured Markdown summary for a
// pull-request comment or a job summary: the verdict, the counts, the open
// findings, the art. 5(1)(c) assessment of each dataset, and the waived and
// baselined findings folded away. When some files could not be read, the
// heading says the run is incomplete and a list of them comes first.
type markdownPrinter struct{}

func (markdownPrinter) Print(w io.Writer, r *lint.Result) error {
	bw := bufio.NewWriter(w)
	s := r.Summary
	fmt.Fprintf(bw, "## saglig: %s\n\n", markdownVerdict(r))
	purpose := ""
	if r.Purpose != nil && r.Purpose.Name != "" {
		purpose = fmt.Sprintf("Purpose **%s**", mdText(r.Purpose.Name))
		if r.Purpose.Context != "" {
			purpose += fmt.Sprintf(" (context %s)", mdText(r.Purpose.Context))
		}
		purpose += " · "
	}
	fmt.Fprintf(bw, "%smap %s · %s · %s %s\n\n", purpose, mdCode(slashPath(r.Map)),
		plural(len(r.Datasets), "dataset", "datasets"), mdText(r.Tool.Name), mdText(r.Tool.Version))

	bw.WriteString("| errors | warnings | info | waived | relevance documented | baselined |\n| ---: | ---: | ---: | ---: | ---: | ---: |\n")
	fmt.Fprintf(bw, "| %d | %d | %d | %d | %d | %d |\n\n", s.Error, s.Warning, s.Info, s.Waived, s.Documented, s.Baselined)

	if len(r.Errors) > 0 {
		bw.WriteString("### Files that could not be read\n\nThe run went on without them: the findings below cover only the files that were read.\n\n")
		bw.WriteString("| path | problem |\n| --- | --- |\n")
		for _, e := range r.Errors {
			fmt.Fprintf(bw, "| %s | %s |\n", mdCell(errorPath(e)), mdCell(e.Message))
		}
		bw.WriteString("\n")
	}

	var openFs, closed []*finding.Finding
	for i := range r.Findings {
		if f := &r.Findings[i]; f.Open() {
			openFs = append(openFs, f)
		} else {
			closed = append(closed, f)
		}
	}
	if len(openFs) > 0 {
		bw.WriteString("### Findings\n\n| rule | severity | dataset | column | message |\n| --- | --- | --- | --- | --- |\n")
		for _, f := range openFs {
			fmt.Fprintf(bw, "| %s | %s | %s | %s | %s |\n", mdRule(f), severityMark(f.Severity),
				mdCell(datasetOrMap(r, f)), mdCell(columnOrPurpose(f)), mdCell(f.Message))
		}
		bw.WriteString("\n")
	}
	for i := range r.Datasets {
		d := &r.Datasets[i]
		a := d.Assessment
		if a == nil {
			continue
		}
		verdict := a.Headline()
		if a.AllIndicated {
			verdict = "**" + verdict + "**"
		}
		fmt.Fprintf(bw, "### AI Act art. 5(1)(c): %s\n\n%s\n\n", mdText(slashPath(d.Path)), verdict)
		bw.WriteString("| # | condition | status | evidence |\n| ---: | --- | --- | --- |\n")
		for _, c := range a.Conditions {
			fmt.Fprintf(bw, "| %d | %s | %s | %s |\n", c.Number, mdCell(c.Label), statusMark(c.Status),
				mdCell(strings.Join(c.Evidence, "; ")))
		}
		bw.WriteString("\n")
	}
	if len(closed) > 0 {
		fmt.Fprintf(bw, "<details>\n<summary>%s accepted on the record</summary>\n\n", plural(len(closed), "finding", "findings"))
		bw.WriteString("| rule | dataset | column | state | reason |\n| --- | --- | --- | --- | --- |\n")
		for _, f := range closed {
			reason := f.Accepted.Reason
			if f.Accepted.Expires != "" {
				reason += " (until " + f.Accepted.Expires + ")"
			}
			if reason == "" {
				reason = f.Message
			}
			fmt.Fprintf(bw, "| %s | %s | %s | %s | %s |\n", mdRule(f), mdCell(datasetOrMap(r, f)),
				mdCell(columnOrPurpose(f)), state(f), mdCell(reason))
		}
		bw.WriteString("\n</details>\n\n")
	}
	fmt.Fprintf(bw, "%s\n", mdText(SummaryLine(r)))
	return bw.Flush()
}

// markdownVerdict is the heading: what blocks, what merely warns, and
// first of all whether the run is incomplete.
func markdownVerdict(r *lint.Result) string {
	mark, text := findingsVerdict(r)
	if len(r.Errors) > 0 {
		if mark == "✅" {
			text += " in the files read"
		}
		return fmt.Sprintf("❌ incomplete run: %s; %s", unreadable(unreadableCount(r)), text)
	}
	return mark + " " + text
}

// findingsVerdict is the verdict on the findings: a mark and its words.
func findingsVerdict(r *lint.Result) (string, string) {
	s := r.Summary
	all := false
	for _, d := range r.Datasets {
		if d.Assessment != nil && d.Assessment.AllIndicated {
			all = true
		}
	}
	switch {
	case all:
		return "❌", fmt.Sprintf("indications on all five conditions of AI Act art. 5(1)(c), a legal assessment is required; %s", plural(s.Error, "error", "errors"))
	case s.Error > 0:
		return "❌", fmt.Sprintf("%s, %s", plural(s.Error, "error", "errors"), plural(s.Warning, "warning", "warnings"))
	case s.Warning > 0:
		return "⚠️", plural(s.Warning, "warning", "warnings")
	case s.Info > 0:
		return "ℹ️", plural(s.Info, "info", "info")
	}
	return "✅", "no problems"
}

func severityMark(s finding.Severity) string {
	switch s {
	case finding.Error:
		return "🔴 error"
	case finding.Warning:
		return "🟡 warning"
	}
	return "🔵 info"
}

func statusMark(s rules.Status) string {
	switch s {
	case rules.Indicated:
		return "🔴 indicated"
	case rules.NotIndicated:
		return "🟢 not indicated"
	}
	return "⚪ " + string(s)
}

// mdRule links the rule to its entry in the catalogue.
func mdRule(f *finding.Finding) string {
	if ruleOf(f.Rule) == nil {
		return mdCell(f.Rule)
	}
	return fmt.Sprintf("[%s](%s#%s \"%s\")", f.Rule, rulesDocURI, strings.ToLower(f.Rule+"-"+f.Name), mdText(f.Name))
}

func datasetOrMap(r *lint.Result, f *finding.Finding) string {
	if f.Dataset != "" {
		return slashPath(f.Dataset)
	}
	if f.Pos != nil {
		return f.Pos.String()
	}
	return slashPath(r.Map)
}

// mdText escapes text so that Markdown and the HTML GitHub allows in it
// show it literally: column names and messages are user data.
func mdText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '\\', '`', '*', '_', '[', ']', '|', '#', '~', '!':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mdCell escapes text for a table cell: no line breaks.
func mdCell(s string) string {
	s = strings.ReplaceAll(strings.TrimSpace(s), "\r", "")
	return strings.ReplaceAll(mdText(s), "\n", "<br>")
}

// mdCode writes a path in a code span, or escaped text when it holds a
// backtick a code span cannot show.
func mdCode(s string) string {
	if s == "" || strings.Contains(s, "`") {
		return mdText(s)
	}
	return "`" + s + "`"
}
