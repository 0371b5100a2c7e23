package report

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/saglig/saglig/lint"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/rules"
)

// state says in a word or two how a finding was accepted on the record,
// or "" for an open one.
func state(f *finding.Finding) string {
	if f.Accepted == nil {
		return ""
	}
	switch f.Accepted.By {
	case finding.ByWaiver:
		return "waived"
	case finding.ByRelevance:
		return "relevance documented"
	}
	return "baselined"
}

// acceptance says how a finding was accepted, with the reason and expiry
// on record: "waived until 2027-06-30: reason", "relevance documented:
// reason", "baselined"; "" for an open finding.
func acceptance(f *finding.Finding) string {
	s := state(f)
	if s == "" {
		return ""
	}
	if f.Accepted.Expires != "" {
		s += " until " + f.Accepted.Expires
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

// SummaryLine is the one-line verdict every format ends with, and the CLI
// prints on stderr after writing a report to a file: what is open,
// what was waived or baselined, over how much data.
func SummaryLine(r *lint.Result) string {
	s := r.Summary
	scope := fmt.Sprintf("%s, %s", plural(len(r.Datasets), "dataset", "datasets"), plural(int(rowsOf(r)), "row", "rows"))
	var line string
	if n := s.Error + s.Warning + s.Info; n == 0 {
		line = "no problems in " + scope
	} else {
		line = fmt.Sprintf("%s (%s, %s, %s) in %s", plural(n, "problem", "problems"),
			plural(s.Error, "error", "errors"), plural(s.Warning, "warning", "warnings"), plural(s.Info, "info", "info"), scope)
	}
	for _, e := range summaryExtras(r) {
		line += "; " + e
	}
	if len(r.Errors) > 0 {
		line += "; " + incomplete(r)
	}
	return line
}

// summaryExtras are the summary line's notes after the open findings:
// what was accepted on the record and how, what a baseline could not
// accept, and the rules turned off for the run.
func summaryExtras(r *lint.Result) []string {
	s := r.Summary
	var accepted []string
	if s.Waived > 0 {
		accepted = append(accepted, fmt.Sprintf("%d waived", s.Waived))
	}
	if s.Documented > 0 {
		accepted = append(accepted, fmt.Sprintf("%d with documented relevance", s.Documented))
	}
	if s.Baselined > 0 {
		accepted = append(accepted, fmt.Sprintf("%d baselined", s.Baselined))
	}
	var out []string
	if len(accepted) > 0 {
		out = append(out, "accepted on the record: "+strings.Join(accepted, ", "))
	}
	if n := notBaselined(r); n != "" {
		out = append(out, n)
	}
	if d := disabledRules(r); d != "" {
		out = append(out, d)
	}
	return out
}

// notBaselined says which findings the baseline lists but may not accept,
// or "".
func notBaselined(r *lint.Result) string {
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
	return fmt.Sprintf("in the baseline but not baselinable, so still open: %s of %s", plural(n, "finding", "findings"), strings.Join(ids, ", "))
}

// disabledRules names the rules turned off for the run and by what, or "".
func disabledRules(r *lint.Result) string {
	if len(r.Disabled) == 0 {
		return ""
	}
	parts := make([]string, len(r.Disabled))
	for i, d := range r.Disabled {
		parts[i] = fmt.Sprintf("%s (%s)", d.Rule, d.By)
	}
	return "rules disabled: " + strings.Join(parts, ", ")
}

// incomplete says that some inputs could not be read, and how many: the
// run covered only the rest. Each error is listed elsewhere (on stderr by
// the CLI, and in each format that carries them).
func incomplete(r *lint.Result) string {
	return "incomplete: " + unreadable(unreadableCount(r))
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
func unreadable(n int) string {
	if n == 1 {
		return "1 file could not be read"
	}
	return fmt.Sprintf("%d files could not be read", n)
}

// errorPath names where an error is: its path, or a placeholder for an
// error that names none.
func errorPath(e lint.FileError) string {
	if e.Path == "" {
		return noPath
	}
	return slashPath(e.Path)
}

// errorLine is an error on one line, "path: message", as the CLI prints
// it on stderr, the path with forward slashes.
func errorLine(e lint.FileError) string {
	if e.Path != "" {
		e.Path = slashPath(e.Path)
	}
	return e.String()
}

// noPath stands for the path of an error that names none.
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

// kv is one evidence figure, rendered.
type kv struct{ Key, Value string }

// evidence renders a finding's evidence as sorted key/value pairs. Values
// that are not scalars are written as compact JSON. Evidence never holds a
// raw dataset value (the rules mask examples), so it can be printed.
func evidence(ev map[string]any) []kv {
	keys := make([]string, 0, len(ev))
	for k := range ev {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]kv, 0, len(keys))
	for _, k := range keys {
		out = append(out, kv{k, formatValue(ev[k])})
	}
	return out
}

func formatValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return x
	case float64:
		return formatFloat(x)
	case float32:
		return formatFloat(float64(x))
	case []string:
		return strings.Join(x, ", ")
	case fmt.Stringer:
		return x.String()
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// formatFloat writes a figure with at most three decimals.
func formatFloat(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return strconv.FormatFloat(math.Round(x*1000)/1000, 'f', -1, 64)
}

// purposeCase names findings on no column: the purpose, the map or the
// dataset as a whole.
const purposeCase = "(purpose)"

// columnOrPurpose names what a finding is about.
func columnOrPurpose(f *finding.Finding) string {
	if f.Column != "" {
		return f.Column
	}
	return purposeCase
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
func posLabel(f *finding.Finding) string {
	if f.Column == "" {
		return "purpose at"
	}
	return "declared at"
}
