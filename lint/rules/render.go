package rules

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/legal"
)

// Explain renders a rule for `saglig explain` in English: what it checks,
// the law it rests on (quoted in Danish, glossed in English), a failing
// and a passing example.
func (r *Rule) Explain() string { return r.ExplainIn(i18n.For(i18n.English)) }

// SummaryIn is the rule's summary in tr's language, without Markdown.
func (r *Rule) SummaryIn(tr *i18n.Printer) string { return Plain(tr.Sprintf(r.Summary)) }

// ExplainIn renders a rule for `saglig explain` in tr's language: its
// documentation and examples (Danish from Da), the headings, the summary
// and the references; the law is quoted in Danish, with an English gloss
// only in English.
func (r *Rule) ExplainIn(tr *i18n.Printer) string {
	var b strings.Builder
	t := r.In(tr.Lang())
	fmt.Fprintf(&b, "%s (%s)\n\n", r.Label(tr.Lang()), r.Severity.In(tr))
	tr.Fprintf(&b, "Fires when %s.\n\n", r.SummaryIn(tr))
	if l := r.lockNote(); l != "" {
		b.WriteString(tr.Sprintf(l) + "\n\n")
	}
	b.WriteString(Plain(t.Doc))
	b.WriteString("\n")
	if t.OrderDoc != "" {
		b.WriteString("\n" + tr.Sprintf(orderDocLead) + Plain(t.OrderDoc) + "\n")
	}
	if len(r.Legal) > 0 {
		b.WriteString("\n" + tr.Sprintf("Legal basis:") + "\n")
		for _, c := range r.Legal {
			fmt.Fprintf(&b, "\n  %s — %s\n", legal.RefIn(tr.Lang(), c.Ref), c.Source)
			fmt.Fprintf(&b, "%s\n", indentWrap("«"+c.Danish+"»", "    ", 80))
			if tr.Lang() != i18n.Danish {
				fmt.Fprintf(&b, "%s\n", indentWrap(c.English, "    ", 80))
			}
			if n := c.Applies.Note(); n != "" {
				fmt.Fprintf(&b, "%s\n", indentWrap(tr.Sprintf(n), "    ", 80))
			}
		}
	}
	tr.Fprintf(&b, "\nFails:\n\n%s\n", indent(t.Bad, "    "))
	tr.Fprintf(&b, "\nPasses:\n\n%s\n", indent(t.Good, "    "))
	if r.Measures {
		b.WriteString("\n" + tr.Sprintf("This rule measures the data; it is skipped with --schema-only.") + "\n")
	}
	return b.String()
}

// CatalogueFile is the rule catalogue's file in docs/ for a language:
// rules.md, rules-da.md.
func CatalogueFile(l i18n.Lang) string {
	if l == i18n.English {
		return "rules.md"
	}
	return "rules-" + string(l) + ".md"
}

// Catalogue renders the rule catalogue from the registry in tr's
// language: docs/rules.md in English, docs/rules-da.md in Danish.
func Catalogue(tr *i18n.Printer) string {
	var b strings.Builder
	danish := tr.Lang() == i18n.Danish
	b.WriteString(tr.Sprintf("# Rule catalogue") + "\n\n")
	b.WriteString("<!-- Generated from lint/rules by `go test ./lint/rules -update`; do not edit. -->\n\n")
	b.WriteString(tr.Sprintf("Every rule saglig runs, with the law it rests on. `saglig rules` lists them and\n" +
		"`saglig explain ID` prints one. A finding cites only the provisions that apply in the\n" +
		"map's scope: the draft order (BEK) only for a municipality's purpose in the employment\n" +
		"effort; see [docs/legal.md](legal.md) for the sources and the scope table. A finding can\n" +
		"be accepted on the record — waived on its column or the purpose with a reason (see [the map\n" +
		"reference](map.md#waivers)), or recorded in a baseline — and stays in the report and the\n" +
		"assessment, marked accepted. SAG004 and SAG005 cannot be waived; SAG202 and SAG301 cannot be\n" +
		"baselined or disabled.\n\n"))
	for _, l := range i18n.Langs() {
		if l != tr.Lang() {
			b.WriteString(i18n.For(l).Sprintf("In English: [%s](%s).", CatalogueFile(l), CatalogueFile(l)) + "\n\n")
		}
	}
	b.WriteString(tr.Sprintf("| id | name | severity | fires when | legal hook |\n| --- | --- | --- | --- | --- |\n"))
	for _, r := range All() {
		refs := make([]string, 0, len(r.Legal))
		for _, ref := range r.Refs() {
			refs = append(refs, legal.RefIn(tr.Lang(), ref))
		}
		fmt.Fprintf(&b, "| [%s](#%s) | %s | %s | %s | %s |\n", r.ID, r.Anchor(tr.Lang()),
			r.NameIn(tr.Lang()), r.Severity.In(tr), tr.Sprintf(r.Summary), strings.Join(refs, "; "))
	}
	for _, r := range All() {
		t := r.In(tr.Lang())
		fmt.Fprintf(&b, "\n## %s\n\n", r.Label(tr.Lang()))
		tr.Fprintf(&b, "Default severity: **%s**. Scope: %s.", r.Severity.In(tr), tr.Sprintf(r.Scope.String()))
		if l := r.lockNote(); l != "" {
			b.WriteString(" " + tr.Sprintf(l))
		}
		if r.Measures {
			b.WriteString(tr.Sprintf(" Measures the data (skipped with `--schema-only`)."))
		}
		tr.Fprintf(&b, "\n\nFires when %s.\n\n%s\n", tr.Sprintf(r.Summary), t.Doc)
		if t.OrderDoc != "" {
			fmt.Fprintf(&b, "\n*%s*%s\n", tr.Sprintf(orderDocLead), t.OrderDoc)
		}
		if len(r.Legal) > 0 {
			b.WriteString("\n**" + tr.Sprintf("Legal basis") + "**\n")
			for _, c := range r.Legal {
				fmt.Fprintf(&b, "\n- **%s** — %s\n\n  > %s\n", legal.RefIn(tr.Lang(), c.Ref), c.Source, c.Danish)
				if !danish {
					fmt.Fprintf(&b, "\n  %s\n", c.English)
				}
				if n := c.Applies.Note(); n != "" {
					fmt.Fprintf(&b, "\n  *%s*\n", tr.Sprintf(n))
				}
			}
		}
		tr.Fprintf(&b, "\n**Fails**\n\n```yaml\n%s\n```\n\n**Passes**\n\n```yaml\n%s\n```\n", t.Bad, t.Good)
	}
	return b.String()
}

// Anchor is the fragment of the rule's heading in the catalogue of language
// l (CatalogueFile), as GitHub makes it of the heading's text (Label):
// lower case, spaces as hyphens, what is neither a letter, a digit, a
// hyphen nor an underscore left out ("sag012-no-transparency",
// "sag003-kolonne-som-datasættet-ikke-har").
func (r *Rule) Anchor(l i18n.Lang) string {
	var b strings.Builder
	for _, c := range strings.ToLower(r.Label(l)) {
		switch {
		case c == ' ':
			b.WriteRune('-')
		case c == '-' || c == '_' || unicode.IsLetter(c) || unicode.IsDigit(c):
			b.WriteRune(c)
		}
	}
	return b.String()
}

// lockNote says how the rule's findings cannot be accepted, as a
// catalogue key, or "".
func (r *Rule) lockNote() string {
	switch {
	case !r.Waivable() && !r.Baselinable():
		return i18n.N("Its findings cannot be waived or baselined, and it cannot be disabled.")
	case !r.Waivable():
		return i18n.N("Its findings cannot be waived.")
	case !r.Baselinable():
		return i18n.N("Its findings cannot be baselined, and it cannot be disabled; a waiver can accept them on the record.")
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
