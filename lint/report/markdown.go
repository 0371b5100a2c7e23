package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/rules"
)

func init() {
	registerFormat("markdown", func(o Options) Printer { return markdownPrinter{tr: o.tr(), max: o.MaxPerRule} })
}

// markdownPrinter writes a compact GitHub-flavoured Markdown summary for a
// pull-request comment or a job summary: the verdict, the counts, the open
// findings (at most max of a rule, 0: all) with their evidence, the art.
// 5(1)(c) assessment of each dataset, and the findings accepted on the
// record folded away. When some files could not be read, the heading says
// the run is incomplete and a list of them comes first.
type markdownPrinter struct {
	tr  *i18n.Printer
	max int
}

func (p markdownPrinter) Print(w io.Writer, r *lint.Result) error {
	tr := p.tr
	bw := bufio.NewWriter(w)
	s := r.Summary
	fmt.Fprintf(bw, "## saglig: %s\n\n", p.verdict(r))
	purpose := ""
	if r.Purpose != nil && r.Purpose.Name != "" {
		purpose = tr.Sprintf("Purpose %s", "**"+mdText(r.Purpose.Name)+"**")
		if r.Purpose.Context != "" {
			purpose += " " + tr.Sprintf("(context %s)", mdText(featuremap.ContextWord(r.Purpose.Context).In(tr)))
		}
		purpose += " · "
	}
	fmt.Fprintf(bw, "%s%s · %s · %s %s\n\n", purpose, tr.Sprintf("map %s", mdCode(slashPath(r.Map))),
		tr.Sprintf("%d datasets", len(r.Datasets)), mdText(r.Tool.Name), mdText(r.Tool.Version))

	fmt.Fprintf(bw, "| %s | %s | %s | %s | %s | %s |\n| ---: | ---: | ---: | ---: | ---: | ---: |\n",
		tr.Sprintf("errors"), tr.Sprintf("warnings"), tr.Sprintf("info"), tr.Sprintf("waived"), tr.Sprintf("relevance documented"), tr.Sprintf("baselined"))
	bw.WriteString("| " + strings.Join([]string{tr.Int(int64(s.Error)), tr.Int(int64(s.Warning)), tr.Int(int64(s.Info)),
		tr.Int(int64(s.Waived)), tr.Int(int64(s.Documented)), tr.Int(int64(s.Baselined))}, " | ") + " |\n\n")

	if len(r.Errors) > 0 {
		fmt.Fprintf(bw, "### %s\n\n%s\n\n", tr.Sprintf("Files that could not be read"),
			tr.Sprintf("The run went on without them: the findings below cover only the files that were read."))
		fmt.Fprintf(bw, "| %s | %s |\n| --- | --- |\n", tr.Sprintf("path"), tr.Sprintf("problem"))
		for _, e := range r.Errors {
			fmt.Fprintf(bw, "| %s | %s |\n", mdCell(errorPath(e)), mdCell(e.In(tr)))
		}
		bw.WriteString("\n")
	}

	var openFs []finding.Finding
	var closed []*finding.Finding
	for i := range r.Findings {
		if f := &r.Findings[i]; f.Open() {
			openFs = append(openFs, *f)
		} else {
			closed = append(closed, f)
		}
	}
	if len(openFs) > 0 {
		shown, left := capPerRule(openFs, p.max)
		fmt.Fprintf(bw, "### %s\n\n| %s | %s | %s | %s | %s |\n| --- | --- | --- | --- | --- |\n", tr.Sprintf("Findings"),
			tr.Sprintf("rule"), tr.Sprintf("severity"), tr.Sprintf("dataset"), tr.Sprintf("column"), tr.Sprintf("message"))
		for _, f := range shown {
			msg := mdCell(f.Message)
			if ev := evidence(tr, f); len(ev) > 0 {
				msg += "<br>*" + mdText(tr.Sprintf("evidence:")) + "* " + mdCell(strings.Join(ev, "; "))
			}
			fmt.Fprintf(bw, "| %s | %s | %s | %s | %s |\n", mdRule(tr, f), severityMark(tr, f.Severity),
				mdCell(datasetOrMap(r, f)), mdCell(columnOrPurpose(tr, f)), msg)
		}
		bw.WriteString("\n")
		for _, l := range left {
			bw.WriteString(mdText(tr.Sprintf("%s %s: %d more findings not shown (--max-per-rule %d; 0 shows them all)", l.rule, rules.NameOf(tr.Lang(), l.rule, l.name), l.n, p.max)) + "\n\n")
		}
	}
	for i := range r.Datasets {
		d := &r.Datasets[i]
		a := d.Assessment
		if a == nil {
			continue
		}
		verdict := a.HeadlineIn(tr)
		if a.AllIndicated {
			verdict = "**" + verdict + "**"
		}
		fmt.Fprintf(bw, "### %s\n\n%s\n\n", tr.Sprintf("AI Act art. 5(1)(c): %s", mdText(slashPath(d.Path))), verdict)
		fmt.Fprintf(bw, "| # | %s | %s | %s |\n| ---: | --- | --- | --- |\n", tr.Sprintf("condition"), tr.Sprintf("status"), tr.Sprintf("evidence"))
		for _, c := range a.Conditions {
			fmt.Fprintf(bw, "| %d | %s | %s | %s |\n", c.Number, mdCell(c.Label), statusMark(tr, c.Status),
				mdCell(strings.Join(clues(tr, c.Evidence, listMax(p.max)), "; ")))
		}
		bw.WriteString("\n")
	}
	if len(closed) > 0 {
		fmt.Fprintf(bw, "<details>\n<summary>%s</summary>\n\n", mdText(tr.Sprintf("%d findings accepted on the record", len(closed))))
		fmt.Fprintf(bw, "| %s | %s | %s | %s | %s |\n| --- | --- | --- | --- | --- |\n",
			tr.Sprintf("rule"), tr.Sprintf("dataset"), tr.Sprintf("column"), tr.Sprintf("state"), tr.Sprintf("reason"))
		for _, f := range closed {
			reason := f.Accepted.Reason
			if f.Accepted.Expires != "" {
				reason += " " + tr.Sprintf("(until %s)", tr.ISODate(f.Accepted.Expires))
			}
			if reason == "" {
				reason = f.Message
			}
			fmt.Fprintf(bw, "| %s | %s | %s | %s | %s |\n", mdRule(tr, f), mdCell(datasetOrMap(r, f)),
				mdCell(columnOrPurpose(tr, f)), state(tr, f), mdCell(reason))
		}
		bw.WriteString("\n</details>\n\n")
	}
	fmt.Fprintf(bw, "%s\n", mdText(SummaryLine(tr, r)))
	return bw.Flush()
}

// verdict is the heading: what blocks, what merely warns, and first of all
// whether the run is incomplete.
func (p markdownPrinter) verdict(r *lint.Result) string {
	mark, text := findingsVerdict(p.tr, r)
	if len(r.Errors) > 0 {
		if mark == "✅" {
			text = p.tr.Sprintf("%s in the files read", text)
		}
		return p.tr.Sprintf("❌ incomplete run: %s; %s", unreadable(p.tr, unreadableCount(r)), text)
	}
	return mark + " " + text
}

// findingsVerdict is the verdict on the findings: a mark and its words.
func findingsVerdict(tr *i18n.Printer, r *lint.Result) (string, string) {
	s := r.Summary
	all := false
	for _, d := range r.Datasets {
		if d.Assessment != nil && d.Assessment.AllIndicated {
			all = true
		}
	}
	errs, warns := tr.Sprintf("%d errors", s.Error), tr.Sprintf("%d warnings", s.Warning)
	switch {
	case all:
		return "❌", tr.Sprintf("indications on all five conditions of AI Act art. 5(1)(c), a legal assessment is required; %s", errs)
	case s.Error > 0:
		return "❌", errs + ", " + warns
	case s.Warning > 0:
		return "⚠️", warns
	case s.Info > 0:
		return "ℹ️", tr.Sprintf("%d info", s.Info)
	}
	return "✅", tr.Sprintf("no problems")
}

func severityMark(tr *i18n.Printer, s finding.Severity) string {
	switch s {
	case finding.Error:
		return "🔴 " + s.In(tr)
	case finding.Warning:
		return "🟡 " + s.In(tr)
	}
	return "🔵 " + s.In(tr)
}

func statusMark(tr *i18n.Printer, s rules.Status) string {
	switch s {
	case rules.Indicated:
		return "🔴 " + rules.StatusWord(tr, s)
	case rules.NotIndicated:
		return "🟢 " + rules.StatusWord(tr, s)
	}
	return "⚪ " + rules.StatusWord(tr, s)
}

// mdRule links the rule to its entry in the catalogue of tr's language,
// titled with what the language calls it (rules.Rule.NameIn).
func mdRule(tr *i18n.Printer, f *finding.Finding) string {
	rule := ruleOf(f.Rule)
	if rule == nil {
		return mdCell(f.Rule)
	}
	return fmt.Sprintf("[%s](%s \"%s\")", f.Rule, ruleDocURI(tr.Lang(), rule), mdText(rule.NameIn(tr.Lang())))
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
