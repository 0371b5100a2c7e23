package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/saglig/saglig/lint"
	"github.com/saglig/saglig/lint/finding"
)

func init() { registerFormat("text", func(o Options) Printer { return textPrinter{color: o.Color} }) }

// textPrinter writes findings like a compiler: one line each, grouped by
// dataset, each followed by what to do, then a summary line.
type textPrinter struct{ color bool }

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiBlue   = "\x1b[34m"
	ansiGreen  = "\x1b[32m"
)

func (p textPrinter) paint(code, s string) string {
	if !p.color || s == "" {
		return s
	}
	return code + s + ansiReset
}

func (p textPrinter) Print(w io.Writer, r *lint.Result) error {
	bw := bufio.NewWriter(w)
	group := "\x00"
	for i := range r.Findings {
		f := &r.Findings[i]
		if f.Dataset != group {
			if group != "\x00" {
				bw.WriteString("\n")
			}
			group = f.Dataset
		}
		p.finding(bw, f)
	}
	if len(r.Findings) > 0 {
		bw.WriteString("\n")
	}
	for i := range r.Datasets {
		p.assessment(bw, &r.Datasets[i])
	}
	p.summary(bw, r)
	return bw.Flush()
}

// location is where a finding points: the dataset for dataset findings, the
// map position for map findings.
func location(f *finding.Finding) string {
	if f.Dataset != "" {
		return f.Dataset
	}
	if f.Pos != nil {
		return f.Pos.String()
	}
	return ""
}

func (p textPrinter) finding(w *bufio.Writer, f *finding.Finding) {
	var b strings.Builder
	b.WriteString(p.paint(ansiBold, location(f)))
	b.WriteString(": ")
	if f.Column != "" {
		b.WriteString(f.Column)
		b.WriteString(": ")
	}
	sev := ansiRed
	switch f.Severity {
	case finding.Warning:
		sev = ansiYellow
	case finding.Info:
		sev = ansiBlue
	}
	if !f.Open() {
		sev = ansiDim
	}
	b.WriteString(p.paint(sev, f.Rule+" "+f.Name))
	b.WriteString(": ")
	b.WriteString(f.Message)
	if len(f.Legal) > 0 {
		b.WriteString(" [" + strings.Join(f.Legal, "; ") + "]")
	}
	if f.Severity != finding.Error {
		b.WriteString(" (" + f.Severity.String() + ")")
	}
	if a := acceptance(f); a != "" {
		b.WriteString(p.paint(ansiDim, " ("+a+")"))
	}
	b.WriteString("\n")
	if f.Dataset != "" && f.Pos != nil {
		b.WriteString("    " + posLabel(f) + " " + f.Pos.String() + "\n")
	}
	if f.Fix != "" && f.Open() {
		b.WriteString("    " + p.paint(ansiBlue, "help:") + " " + f.Fix + "\n")
	}
	w.WriteString(b.String())
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

func (p textPrinter) summary(w *bufio.Writer, r *lint.Result) {
	s := r.Summary
	var rows int64
	for _, d := range r.Datasets {
		rows += d.Rows
	}
	scope := fmt.Sprintf("%s, %s", plural(len(r.Datasets), "dataset", "datasets"), plural(int(rows), "row", "rows"))
	open := s.Error + s.Warning + s.Info
	var line string
	if open == 0 {
		line = p.paint(ansiGreen, "no problems") + " in " + scope
	} else {
		line = fmt.Sprintf("%s (%s, %s, %s) in %s",
			plural(open, "problem", "problems"),
			p.paint(ansiRed, plural(s.Error, "error", "errors")),
			p.paint(ansiYellow, plural(s.Warning, "warning", "warnings")),
			plural(s.Info, "info", "info"), scope)
	}
	for _, e := range summaryExtras(r) {
		line += "; " + e
	}
	// Only the count: the CLI prints each error on stderr, one line each,
	// so a terminal would otherwise show them twice.
	if len(r.Errors) > 0 {
		line += "; " + p.paint(ansiRed, incomplete(r))
	}
	w.WriteString(line + "\n")
}

// assessment prints the art. 5(1)(c) table of one dataset.
func (p textPrinter) assessment(w *bufio.Writer, d *lint.DatasetSummary) {
	a := d.Assessment
	if a == nil {
		return
	}
	verdict := a.Headline()
	if a.AllIndicated {
		verdict = p.paint(ansiRed, verdict)
	}
	fmt.Fprintf(w, "AI Act art. 5(1)(c) assessment of %s: %s\n", d.Path, verdict)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, c := range a.Conditions {
		fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\n", c.Number, c.Label, c.Status, strings.Join(c.Evidence, "; "))
	}
	tw.Flush()
	w.WriteString("\n")
}
