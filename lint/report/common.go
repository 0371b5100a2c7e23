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

// isOpen reports whether a finding counts against the run: neither waived
// nor baselined.
func isOpen(f *finding.Finding) bool { return !f.Waived && !f.Baselined }

// state says in one word why a finding does not count, or "" when it does.
func state(f *finding.Finding) string {
	switch {
	case f.Waived:
		return "waived"
	case f.Baselined:
		return "baselined"
	}
	return ""
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
	var extra []string
	if s.Waived > 0 {
		extra = append(extra, fmt.Sprintf("%d waived", s.Waived))
	}
	if s.Baselined > 0 {
		extra = append(extra, fmt.Sprintf("%d baselined", s.Baselined))
	}
	if len(extra) > 0 {
		line += "; " + strings.Join(extra, ", ")
	}
	if len(r.Errors) > 0 {
		line += "; " + incomplete(r)
	}
	return line
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
