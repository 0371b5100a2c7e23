package rules

import (
	"fmt"
	"strings"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/legal"
)

// Explain renders a rule for `saglig explain` in English: what it checks,
// the law it rests on (quoted in Danish, glossed in English), a failing
// and a passing example.
func (r *Rule) Explain() string { return r.ExplainIn(i18n.For(i18n.English)) }

// SummaryIn is the rule's summary in tr's language, without Markdown.
func (r *Rule) SummaryIn(tr *i18n.Printer) string {
	return strings.ReplaceAll(tr.Sprintf(r.Summary), "`", "")
}

// ExplainIn renders a rule for `saglig explain` in tr's language: the
// headings, the summary and the references are translated and the Danish
// quotations need no English gloss; the rule's documentation (Doc) is
// English.
func (r *Rule) ExplainIn(tr *i18n.Printer) string {
	var b strings.Builder
	danish := tr.Lang() == i18n.Danish
	fmt.Fprintf(&b, "%s %s (%s)\n\n", r.ID, r.Name, r.Severity)
	tr.Fprintf(&b, "Fires when %s.\n\n", r.SummaryIn(tr))
	if l := r.lockNote(); l != "" {
		b.WriteString(l + "\n\n")
	}
	b.WriteString(r.Doc)
	b.WriteString("\n")
	if r.OrderDoc != "" {
		b.WriteString("\n" + orderDocLead + r.OrderDoc + "\n")
	}
	if len(r.Legal) > 0 {
		b.WriteString("\n" + tr.Sprintf("Legal basis:") + "\n")
		for _, c := range r.Legal {
			fmt.Fprintf(&b, "\n  %s — %s\n", legal.RefIn(tr.Lang(), c.Ref), c.Source)
			fmt.Fprintf(&b, "%s\n", indentWrap("«"+c.Danish+"»", "    ", 80))
			if !danish {
				fmt.Fprintf(&b, "%s\n", indentWrap(c.English, "    ", 80))
			}
			if n := c.Applies.Note(); n != "" {
				fmt.Fprintf(&b, "%s\n", indentWrap(n, "    ", 80))
			}
		}
	}
	tr.Fprintf(&b, "\nFails:\n\n%s\n", indent(r.Bad, "    "))
	tr.Fprintf(&b, "\nPasses:\n\n%s\n", indent(r.Good, "    "))
	if r.Measures {
		b.WriteString("\n" + tr.Sprintf("This rule measures the data; it is skipped with --schema-only.") + "\n")
	}
	return b.String()
}

// Catalogue renders docs/rules.md from the registry.
func Catalogue() string {
	var b strings.Builder
	b.WriteString("# Rule catalogue\n\n")
	b.WriteString("<!-- Generated from lint/rules by `go test ./lint/rules -update`; do not edit. -->\n\n")
	b.WriteString("Every rule saglig runs, with the law it rests on. `saglig rules` lists them and\n")
	b.WriteString("`saglig explain ID` prints one. A finding cites only the provisions that apply in the\n")
	b.WriteString("map's scope: the draft order (BEK) only for a municipality's purpose in the employment\n")
	b.WriteString("effort; see [docs/legal.md](legal.md) for the sources and the scope table. A finding can\n")
	b.WriteString("be accepted on the record — waived on its column or the purpose with a reason (see [the map\n")
	b.WriteString("reference](map.md#waivers)), or recorded in a baseline — and stays in the report and the\n")
	b.WriteString("assessment, marked accepted. SAG004 and SAG005 cannot be waived; SAG202 and SAG301 cannot be\n")
	b.WriteString("baselined or disabled.\n\n")
	b.WriteString("| id | name | severity | fires when | legal hook |\n| --- | --- | --- | --- | --- |\n")
	for _, r := range All() {
		fmt.Fprintf(&b, "| [%s](#%s) | %s | %s | %s | %s |\n", r.ID, strings.ToLower(r.ID+"-"+r.Name),
			r.Name, r.Severity, r.Summary, strings.Join(r.Refs(), "; "))
	}
	for _, r := range All() {
		fmt.Fprintf(&b, "\n## %s %s\n\n", r.ID, r.Name)
		fmt.Fprintf(&b, "Default severity: **%s**. Scope: %s.", r.Severity, r.Scope)
		if l := r.lockNote(); l != "" {
			b.WriteString(" " + l)
		}
		if r.Measures {
			b.WriteString(" Measures the data (skipped with `--schema-only`).")
		}
		fmt.Fprintf(&b, "\n\nFires when %s.\n\n%s\n", r.Summary, r.Doc)
		if r.OrderDoc != "" {
			fmt.Fprintf(&b, "\n*%s*%s\n", orderDocLead, r.OrderDoc)
		}
		if len(r.Legal) > 0 {
			b.WriteString("\n**Legal basis**\n")
			for _, c := range r.Legal {
				fmt.Fprintf(&b, "\n- **%s** — %s\n\n  > %s\n\n  %s\n", c.Ref, c.Source, c.Danish, c.English)
				if n := c.Applies.Note(); n != "" {
					fmt.Fprintf(&b, "\n  *%s*\n", n)
				}
			}
		}
		fmt.Fprintf(&b, "\n**Fails**\n\n```yaml\n%s\n```\n\n**Passes**\n\n```yaml\n%s\n```\n", r.Bad, r.Good)
	}
	return b.String()
}

// lockNote says how the rule's findings cannot be accepted, or "".
func (r *Rule) lockNote() string {
	switch {
	case !r.Waivable() && !r.Baselinable():
		return "Its findings cannot be waived or baselined, and it cannot be disabled."
	case !r.Waivable():
		return "Its findings cannot be waived."
	case !r.Baselinable():
		return "Its findings cannot be baselined, and it cannot be disabled; a waiver can accept them on the record."
	}
	return ""
}

func indent(s, prefix string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = prefix + l
		}
	}
	return strings.Join(lines, "\n")
}

// indentWrap wraps text at width, prefixing every line.
func indentWrap(s, prefix string, width int) string {
	var lines []string
	line := prefix
	for _, w := range strings.Fields(s) {
		if len(line) > len(prefix) && len(line)+1+len(w) > width {
			lines = append(lines, line)
			line = prefix
		}
		if len(line) > len(prefix) {
			line += " "
		}
		line += w
	}
	if len(line) > len(prefix) {
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}
