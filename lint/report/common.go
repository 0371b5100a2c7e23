package report

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/legal"
	"github.com/saglig/saglig/lint/rules"
)

// state says in a word or two how a finding was accepted on the record,
// or "" for an open one.
func state(tr *i18n.Printer, f *finding.Finding) string {
	if f.Accepted == nil {
		return ""
	}
	switch f.Accepted.By {
	case finding.ByWaiver:
		return tr.Sprintf("waived")
	case finding.ByRelevance:
		return tr.Sprintf("relevance documented")
	}
	return tr.Sprintf("baselined")
}

// acceptance says how a finding was accepted, with the reason and expiry
// on record: "waived until 30 June 2027: reason", "relevance documented:
// reason", "baselined"; "" for an open finding.
func acceptance(tr *i18n.Printer, f *finding.Finding) string {
	s := state(tr, f)
	if s == "" {
		return ""
	}
	if f.Accepted.Expires != "" {
		s = tr.Sprintf("%s until %s", s, tr.ISODate(f.Accepted.Expires))
	}
	if f.Accepted.Reason != "" {
		s += ": " + f.Accepted.Reason
	}
	return s
}

// rowsOf totals the rows of the result's datasets.
func rowsOf(r *lint.Result) int64 {
	var n int64
	for _, d := range r.Datasets {
		n += d.Rows
	}
	return n
}

// counts are the phrases of a summary: "3 problems", "2 errors", ...
type counts struct {
	problems, errors, warnings, info, scope string
	none                                    bool
}

func countsOf(tr *i18n.Printer, r *lint.Result) counts {
	s := r.Summary
	n := s.Error + s.Warning + s.Info
	return counts{
		problems: tr.Sprintf("%d problems", n),
		errors:   tr.Sprintf("%d errors", s.Error),
		warnings: tr.Sprintf("%d warnings", s.Warning),
		info:     tr.Sprintf("%d info", s.Info),
		scope:    tr.Sprintf("%s, %s", tr.Sprintf("%d datasets", len(r.Datasets)), tr.Sprintf("%d rows", rowsOf(r))),
		none:     n == 0,
	}
}

// SummaryLine is the one-line verdict every format ends with, and the CLI
// prints on stderr after writing a report to a file: what is open,
// what was waived or baselined, over how much data.
func SummaryLine(tr *i18n.Printer, r *lint.Result) string {
	c := countsOf(tr, r)
	var line string
	if c.none {
		line = tr.Sprintf("no problems in %s", c.scope)
	} else {
		line = tr.Sprintf("%s (%s, %s, %s) in %s", c.problems, c.errors, c.warnings, c.info, c.scope)
	}
	for _, e := range summaryExtras(tr, r) {
		line += "; " + e
	}
	if len(r.Errors) > 0 {
		line += "; " + incomplete(tr, r)
	}
	return line
}

// summaryExtras are the summary line's notes after the open findings:
// what was accepted on the record and how, what a baseline could not
// accept, and the rules turned off for the run.
func summaryExtras(tr *i18n.Printer, r *lint.Result) []string {
	s := r.Summary
	var accepted []string
	if s.Waived > 0 {
		accepted = append(accepted, tr.Sprintf("%d waived", s.Waived))
	}
	if s.Documented > 0 {
		accepted = append(accepted, tr.Sprintf("%d with documented relevance", s.Documented))
	}
	if s.Baselined > 0 {
		accepted = append(accepted, tr.Sprintf("%d baselined", s.Baselined))
	}
	var out []string
	if len(accepted) > 0 {
		out = append(out, tr.Sprintf("accepted on the record: %s", strings.Join(accepted, ", ")))
	}
	if n := notBaselined(tr, r); n != "" {
		out = append(out, n)
	}
	if d := disabledRules(tr, r); d != "" {
		out = append(out, d)
	}
	return out
}

// notBaselined says which findings the baseline lists but may not accept,
// or "".
func notBaselined(tr *i18n.Printer, r *lint.Result) string {
	if len(r.NotBaselined) == 0 {
		return ""
	}
	ids := make([]string, 0, len(r.NotBaselined))
	n := 0
	for id, k := range r.NotBaselined {
		ids = append(ids, id)
		n += k
	}
	sort.Strings(ids)
	return tr.Sprintf("in the baseline but not baselinable, so still open: %s of %s", tr.Sprintf("%d findings", n), strings.Join(ids, ", "))
}

// disabledRules names the rules turned off for the run and by what, or "".
func disabledRules(tr *i18n.Printer, r *lint.Result) string {
	if len(r.Disabled) == 0 {
		return ""
	}
	parts := make([]string, len(r.Disabled))
	for i, d := range r.Disabled {
		by := d.By
		if by == "map" {
			by = tr.Sprintf("map")
		}
		parts[i] = fmt.Sprintf("%s (%s)", d.Rule, by)
	}
	return tr.Sprintf("rules disabled: %s", strings.Join(parts, ", "))
}

// incomplete says that some inputs could not be read, and how many: the
// run covered only the rest. Each error is listed elsewhere (on stderr by
// the CLI, and in each format that carries them).
func incomplete(tr *i18n.Printer, r *lint.Result) string {
	return tr.Sprintf("incomplete: %s", unreadable(tr, unreadableCount(r)))
}

// unreadableCount counts the paths in error: a path with two problems is
// one file (errors without a path count as one).
func unreadableCount(r *lint.Result) int {
	seen := map[string]bool{}
	for _, e := range r.Errors {
		seen[errorPath(e)] = true
	}
	return len(seen)
}

// unreadable is "1 file could not be read" or "N files could not be read".
// An error may name a directory or an argument; to the reader they are
// all files the run had to go without.
func unreadable(tr *i18n.Printer, n int) string {
	return tr.Sprintf("%d files could not be read", n)
}

// errorPath names where an error is: its path, or a placeholder for an
// error that names none.
func errorPath(e lint.FileError) string {
	if e.Path == "" {
		return noPath
	}
	return slashPath(e.Path)
}

// errorLine is an error on one line in tr's language, "path: message", as
// the CLI prints it on stderr, the path with forward slashes.
func errorLine(tr *i18n.Printer, e lint.FileError) string {
	if e.Path != "" {
		e.Path = slashPath(e.Path)
	}
	return e.Line(tr)
}

// noPath stands for the path of an error that names none. It is a
// machine name in JUnit and SARIF, so it is not translated.
const noPath = "(no path)"

// ruleOf returns the registered rule of a finding, or nil for an unknown id.
func ruleOf(id string) *rules.Rule {
	r, err := rules.Lookup(id)
	if err != nil {
		return nil
	}
	return r
}

// firedRules returns the rules that produced at least one finding, by id.
func firedRules(r *lint.Result) []*rules.Rule {
	seen := map[string]bool{}
	var out []*rules.Rule
	for i := range r.Findings {
		id := r.Findings[i].Rule
		if seen[id] {
			continue
		}
		seen[id] = true
		if rule := ruleOf(id); rule != nil {
			out = append(out, rule)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// evidence says a finding's evidence in words, in tr's language; nil when
// it has none. Evidence never holds a raw dataset value (the rules mask
// examples), so it can be printed.
func evidence(tr *i18n.Printer, f *finding.Finding) []string {
	if f.Evidence == nil {
		return nil
	}
	return f.Evidence.Describe(tr)
}

// formatFloat writes a figure with at most three decimals, in tr's
// language (0.65, 0,65).
func formatFloat(tr *i18n.Printer, x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	x = math.Round(x*1000) / 1000
	for d := 0; d < 3; d++ {
		if s := math.Pow(10, float64(d)); math.Round(x*s) == x*s {
			return tr.Float(x, d)
		}
	}
	return tr.Float(x, 3)
}

// purposeCase names findings on no column: the purpose, the map or the
// dataset as a whole.
const purposeCase = "(purpose)"

// caseName is the column a finding is about, or purposeCase: a JUnit test
// case's name, which CI servers track across runs, so not translated.
func caseName(f *finding.Finding) string {
	if f.Column != "" {
		return f.Column
	}
	return purposeCase
}

// listMax is how many items of a list in the assessment's evidence a
// report for people shows, given the --max-per-rule cap: 20, or all when
// the cap is off.
func listMax(perRule int) int {
	if perRule <= 0 {
		return 0
	}
	return 20
}

// htmlListMax is listMax for the HTML report, whose data inventory lists
// every column anyway.
const htmlListMax = 50

// clues writes a condition's evidence, each list cut to max items.
func clues(tr *i18n.Printer, cs []rules.Clue, max int) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.In(tr, max)
	}
	return out
}

// lawRefs writes a finding's legal references in tr's language
// (legal.RefIn).
func lawRefs(tr *i18n.Printer, refs []string) []string {
	out := make([]string, len(refs))
	for i, r := range refs {
		out[i] = legal.RefIn(tr.Lang(), r)
	}
	return out
}

// columnOrPurpose names what a finding is about, for a reader.
func columnOrPurpose(tr *i18n.Printer, f *finding.Finding) string {
	if f.Column != "" {
		return f.Column
	}
	return tr.Sprintf("(purpose)")
}

// anchor is the file, line and column a finding is shown at in SARIF and
// in annotations: its position in the map (the column's entry; the
// purpose for a purpose-level finding), else the dataset, else the map.
// line and col are 0 when unknown.
func anchor(r *lint.Result, f *finding.Finding) (path string, line, col int) {
	switch {
	case f.Pos != nil && f.Pos.File != "":
		return f.Pos.File, f.Pos.Line, f.Pos.Col
	case f.Dataset != "":
		return f.Dataset, 0, 0
	}
	return r.Map, 0, 0
}

// posLabel names a finding's position in the map: the column's entry, or
// for a purpose-level finding the purpose.
func posLabel(tr *i18n.Printer, f *finding.Finding) string {
	if f.Column == "" {
		return tr.Sprintf("purpose at")
	}
	return tr.Sprintf("declared at")
}

// TypeWord says a column's physical type (dataset.Column.Type: "string",
// "int32", "timestamp[us, UTC]") in words for a reader: "text", "whole
// number", "date and time". A nested type (list<…>, struct<…>, map<…>)
// is written as the data's schema writes it.
func TypeWord(tr *i18n.Printer, t string) string {
	switch {
	case t == "string" || t == "large_string" || t == "utf8":
		return tr.Sprintf("text")
	case t == "bool":
		return tr.Sprintf("yes or no")
	case t == "date" || strings.HasPrefix(t, "date32") || strings.HasPrefix(t, "date64"):
		return tr.Sprintf("date")
	case strings.HasPrefix(t, "timestamp"):
		return tr.Sprintf("date and time")
	case strings.HasPrefix(t, "time["):
		return tr.Sprintf("time of day")
	case strings.HasPrefix(t, "duration") || t == "interval":
		return tr.Sprintf("duration")
	case t == "binary" || t == "large_binary" || strings.HasPrefix(t, "fixed_size_binary"):
		return tr.Sprintf("binary data")
	case strings.HasPrefix(t, "int") || strings.HasPrefix(t, "uint"):
		return tr.Sprintf("whole number")
	case strings.HasPrefix(t, "float") || strings.HasPrefix(t, "double") || strings.HasPrefix(t, "decimal"):
		return tr.Sprintf("decimal number")
	}
	return t
}
