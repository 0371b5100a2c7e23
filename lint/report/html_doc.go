package report

import (
	"html/template"
	"strings"
)

// docHTML renders a rule's documentation — plain text wrapped at 80
// columns, paragraphs between blank lines, "- " items, indented blocks
// and `code` — as HTML that reflows to the width of its card: a paragraph
// per paragraph, a list per run of items, a pre for an indented block
// (a table laid out in spaces), code for what is between backticks.
func docHTML(doc string) template.HTML {
	var b strings.Builder
	for _, block := range strings.Split(strings.TrimSpace(doc), "\n\n") {
		lines := strings.Split(block, "\n")
		switch {
		case strings.HasPrefix(lines[0], "- "):
			b.WriteString("<ul>")
			var item []string
			flush := func() {
				if len(item) > 0 {
					b.WriteString("<li>" + inlineHTML(strings.Join(item, " ")) + "</li>")
				}
				item = nil
			}
			for _, l := range lines {
				if rest, ok := strings.CutPrefix(l, "- "); ok {
					flush()
					l = rest
				}
				item = append(item, strings.TrimSpace(l))
			}
			flush()
			b.WriteString("</ul>")
		case strings.HasPrefix(lines[0], " "):
			b.WriteString("<pre>" + template.HTMLEscapeString(strings.ReplaceAll(block, "`", "")) + "</pre>")
		default:
			for i := range lines {
				lines[i] = strings.TrimSpace(lines[i])
			}
			b.WriteString("<p>" + inlineHTML(strings.Join(lines, " ")) + "</p>")
		}
	}
	return template.HTML(b.String())
}

// inlineHTML escapes text and marks what is between backticks as code.
func inlineHTML(s string) string {
	parts := strings.Split(s, "`")
	if len(parts)%2 == 0 {
		// An unpaired backtick is a character, not a mark.
		return template.HTMLEscapeString(s)
	}
	var b strings.Builder
	for i, p := range parts {
		if i%2 == 1 {
			b.WriteString("<code>" + template.HTMLEscapeString(p) + "</code>")
		} else {
			b.WriteString(template.HTMLEscapeString(p))
		}
	}
	return b.String()
}
