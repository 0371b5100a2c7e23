package report

import (
	"bufio"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/rules"
)

func init() {
	registerFormat("text", func(o Options) Printer {
		return textPrinter{color: o.Color, tr: o.tr(), max: o.MaxPerRule, stats: o.Statistics}
	})
}

// textPrinter writes findings like a compiler: the severity first, then
// where, the rule and the message, wrapped at textWidth, each followed by
// where it is declared, its evidence in words and what to do; then the
// art. 5(1)(c) assessment and a summary line. At most max findings of a
// rule are shown (0: all), with a note of how many were left out; with
// stats, the findings are counted per rule instead of listed.
type textPrinter struct {
	color bool
	tr    *i18n.Printer
	max   int
	stats bool
}

// textWidth is the width text is wrapped at; a word longer than it (a
// long path) stays whole on its own line.
const textWidth = 100

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
	if p.stats {
		p.statistics(bw, r)
	} else {
		shown, left := capPerRule(r.Findings, p.max)
		group := "\x00"
		for _, f := range shown {
			if f.Dataset != group {
				if group != "\x00" {
					bw.WriteString("\n")
				}
				group = f.Dataset
			}
			p.finding(bw, f)
		}
		if len(shown) > 0 {
			bw.WriteString("\n")
		}
		if len(left) > 0 {
			for _, l := range left {
				p.line(bw, p.paint(ansiDim, p.tr.Sprintf("note:")), p.tr.Sprintf("%s %s: %d more findings not shown (--max-per-rule %d; 0 shows them all)", l.rule, rules.NameOf(p.tr.Lang(), l.rule, l.name), l.n, p.max), "    ")
			}
			bw.WriteString("\n")
		}
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
	colour := ansiRed
	switch f.Severity {
	case finding.Warning:
		colour = ansiYellow
	case finding.Info:
		colour = ansiBlue
	}
	if !f.Open() {
		colour = ansiDim
	}
	head := []string{p.paint(colour+ansiBold, f.Severity.In(p.tr))}
	if loc := location(f); loc != "" {
		head = append(head, p.paint(ansiBold, loc))
	}
	if f.Column != "" {
		head = append(head, f.Column)
	}
	// The rule goes with the message, kept on one line: a rule's Danish
	// title is long, and the head (severity, where, column) is never broken.
	msg := p.paint(colour, glue(rules.LabelOf(p.tr.Lang(), f.Rule, f.Name))) + ": " + keepTogether(f.Message)
	if len(f.Legal) > 0 {
		refs := make([]string, len(f.Legal))
		for i, r := range lawRefs(p.tr, f.Legal) {
			refs[i] = glue(r)
		}
		msg += " [" + strings.Join(refs, "; ") + "]"
	}
	if a := acceptance(p.tr, f); a != "" {
		msg += " " + p.paint(ansiDim, "("+a+")")
	}
	p.line(w, strings.Join(head, ": ")+":", msg, "    ")
	if f.Dataset != "" && f.Pos != nil {
		p.line(w, "   ", posLabel(p.tr, f)+" "+f.Pos.String(), "        ")
	}
	if ev := evidence(p.tr, f); len(ev) > 0 {
		p.line(w, "    "+p.tr.Sprintf("evidence:"), keepTogether(strings.Join(ev, "; ")), "        ")
	}
	if f.Fix != "" && f.Open() {
		p.line(w, "    "+p.paint(ansiBlue, p.tr.Sprintf("help:")), f.Fix, "        ")
	}
}

// line writes head and text wrapped at textWidth, the continuation lines
// indented. head may hold ANSI colours; they take no width.
func (p textPrinter) line(w *bufio.Writer, head, text, indent string) {
	for _, l := range wrap(head, text, indent, textWidth) {
		w.WriteString(l)
		w.WriteString("\n")
	}
}

// glueSpace stands for a space at which wrap must not break a line (inside
// a legal reference, "BEK § 2, stk. 4"); wrap writes it as a space.
const glueSpace = "\x1f"

// keepTogether glues the figures wrap must not break apart: "p < 0.001".
func keepTogether(s string) string {
	return strings.NewReplacer("p < ", "p"+glueSpace+"<"+glueSpace, "p = ", "p"+glueSpace+"="+glueSpace).Replace(s)
}

// glue keeps s on one line when wrapped.
func glue(s string) string { return strings.ReplaceAll(s, " ", glueSpace) }

// wrap breaks head + " " + text into lines of at most width visible
// characters at spaces, the lines after the first starting with indent. A
// word longer than a line is not broken. ANSI escape sequences take no
// width.
func wrap(head, text, indent string, width int) []string {
	var lines []string
	line, n := head, visibleLen(head)
	// sep is what goes before the next word: a space after the head or a
	// word, nothing at the start of a line.
	sep := ""
	if n > 0 {
		sep = " "
	}
	for _, word := range keepPercent(strings.Fields(text)) {
		wl := visibleLen(word)
		if sep == " " && n+1+wl > width && strings.TrimSpace(line) != "" {
			lines = append(lines, line)
			line, n, sep = indent, visibleLen(indent), ""
		}
		line += sep + word
		n += len(sep) + wl
		sep = " "
	}
	lines = append(lines, line)
	for i, l := range lines {
		lines[i] = strings.ReplaceAll(l, glueSpace, " ")
	}
	return lines
}

// keepPercent keeps a percent sign written apart from its number, as
// Danish writes it (95 %, 95 %-interval), on the number's line.
func keepPercent(words []string) []string {
	out := words[:0:0]
	for _, w := range words {
		if strings.HasPrefix(w, "%") && len(out) > 0 {
			out[len(out)-1] += glueSpace + w
			continue
		}
		out = append(out, w)
	}
	return out
}

// visibleLen counts the characters of s a terminal shows: runes, less ANSI
// escape sequences.
func visibleLen(s string) int {
	n := 0
	for i := 0; i < len(s); {
		if s[i] == 0x1b {
			j := strings.IndexByte(s[i:], 'm')
			if j < 0 {
				break
			}
			i += j + 1
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		n++
	}
	return n
}

func (p textPrinter) summary(w *bufio.Writer, r *lint.Result) {
	c := countsOf(p.tr, r)
	var line string
	if c.none {
		line = p.tr.Sprintf("no problems in %s", c.scope)
		line = p.paint(ansiGreen, line)
	} else {
		line = p.tr.Sprintf("%s (%s, %s, %s) in %s", c.problems, p.paint(ansiRed, c.errors), p.paint(ansiYellow, c.warnings), c.info, c.scope)
	}
	for _, e := range summaryExtras(p.tr, r) {
		line += "; " + e
	}
	// Only the count: the CLI prints each error on stderr, one line each,
	// so a terminal would otherwise show them twice.
	if len(r.Errors) > 0 {
		line += "; " + p.paint(ansiRed, incomplete(p.tr, r))
	}
	// One line, however long, as the last line of every run: scripts and
	// people look for it there.
	w.WriteString(line + "\n")
}

// assessment prints the art. 5(1)(c) assessment of one dataset: each
// condition with its status, and its evidence wrapped below it.
func (p textPrinter) assessment(w *bufio.Writer, d *lint.DatasetSummary) {
	a := d.Assessment
	if a == nil {
		return
	}
	verdict := a.HeadlineIn(p.tr)
	if a.AllIndicated {
		verdict = p.paint(ansiRed, verdict)
	}
	p.line(w, "", p.tr.Sprintf("AI Act art. 5(1)(c) assessment of %s: %s", d.Path, verdict), "    ")
	for _, c := range a.Conditions {
		p.line(w, "  "+strconv.Itoa(c.Number), c.Label+": "+rules.StatusWord(p.tr, c.Status), "     ")
		for _, e := range c.Evidence {
			p.line(w, "     ", e.In(p.tr, listMax(p.max)), "      ")
		}
	}
	w.WriteString("\n")
}

// statistics counts the findings per rule, most frequent first, as ruff's
// --statistics does: the count, the rule, and how many are open at each
// severity or accepted.
func (p textPrinter) statistics(w *bufio.Writer, r *lint.Result) {
	stats := ruleStatistics(r.Findings)
	if len(stats) == 0 {
		return
	}
	p.line(w, "", p.tr.Sprintf("Findings per rule:"), "")
	numW, nameW := 0, 0
	for _, s := range stats {
		numW = max(numW, utf8.RuneCountInString(p.tr.Int(int64(s.total))))
		nameW = max(nameW, utf8.RuneCountInString(rules.LabelOf(p.tr.Lang(), s.rule, s.name)))
	}
	for _, s := range stats {
		var parts []string
		if s.errors > 0 {
			parts = append(parts, p.tr.Sprintf("%d errors", s.errors))
		}
		if s.warnings > 0 {
			parts = append(parts, p.tr.Sprintf("%d warnings", s.warnings))
		}
		if s.info > 0 {
			parts = append(parts, p.tr.Sprintf("%d info", s.info))
		}
		if s.accepted > 0 {
			parts = append(parts, p.tr.Sprintf("%d accepted", s.accepted))
		}
		n := p.tr.Int(int64(s.total))
		id := rules.LabelOf(p.tr.Lang(), s.rule, s.name)
		w.WriteString("  " + strings.Repeat(" ", numW-utf8.RuneCountInString(n)) + n + "  " + id +
			strings.Repeat(" ", nameW-utf8.RuneCountInString(id)) + "  " + strings.Join(parts, ", ") + "\n")
	}
	w.WriteString("\n")
}

// ruleCount is one rule's findings, counted.
type ruleCount struct {
	rule, name                              string
	total, errors, warnings, info, accepted int
}

// ruleStatistics counts findings per rule, most frequent first, then by
// rule id.
func ruleStatistics(fs []finding.Finding) []ruleCount {
	by := map[string]*ruleCount{}
	var out []*ruleCount
	for i := range fs {
		f := &fs[i]
		c := by[f.Rule]
		if c == nil {
			c = &ruleCount{rule: f.Rule, name: f.Name}
			by[f.Rule] = c
			out = append(out, c)
		}
		c.total++
		switch {
		case !f.Open():
			c.accepted++
		case f.Severity == finding.Error:
			c.errors++
		case f.Severity == finding.Warning:
			c.warnings++
		default:
			c.info++
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].total != out[j].total {
			return out[i].total > out[j].total
		}
		return out[i].rule < out[j].rule
	})
	res := make([]ruleCount, len(out))
	for i, c := range out {
		res[i] = *c
	}
	return res
}

// leftOut is how many findings of a rule a capped report did not show.
type leftOut struct {
	rule, name string
	n          int
}

// capPerRule returns the findings to show, at most max of each rule in the
// order given (0: all), and per rule, by id, how many were left out.
func capPerRule(fs []finding.Finding, max int) ([]*finding.Finding, []leftOut) {
	seen := map[string]int{}
	var shown []*finding.Finding
	var left []leftOut
	idx := map[string]int{}
	for i := range fs {
		f := &fs[i]
		seen[f.Rule]++
		if max <= 0 || seen[f.Rule] <= max {
			shown = append(shown, f)
			continue
		}
		j, ok := idx[f.Rule]
		if !ok {
			j = len(left)
			idx[f.Rule] = j
			left = append(left, leftOut{rule: f.Rule, name: f.Name})
		}
		left[j].n++
	}
	sort.Slice(left, func(i, j int) bool { return left[i].rule < left[j].rule })
	return shown, left
}
