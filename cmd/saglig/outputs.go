package main

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/report"
)

// output is one report a lint run writes: a format, to a file or (path "")
// to stdout.
type output struct {
	format string
	path   string
	// flag is how the command line asked for it, for messages.
	flag string
}

// extFormat says what a report file's extension means: the format it is
// written in when --format does not say, and the formats it may hold.
type extFormat struct {
	exts  []string
	infer string
	allow []string
}

var extFormats = []extFormat{
	{[]string{".json"}, "json", []string{"json", "sarif"}},
	{[]string{".sarif"}, "sarif", []string{"sarif"}},
	{[]string{".xml"}, "junit", []string{"junit"}},
	{[]string{".md", ".markdown"}, "markdown", []string{"markdown"}},
	{[]string{".html", ".htm"}, "html", []string{"html"}},
	{[]string{".txt", ".log"}, "text", []string{"text", "github", "markdown"}},
}

// formatOf returns what a file name's extension says (nil for an
// extension that says nothing: the text format, unless --format says
// otherwise). ".sarif.json" counts as ".sarif".
func formatOf(path string) *extFormat {
	name := strings.ToLower(filepath.Base(path))
	if strings.HasSuffix(name, ".sarif.json") {
		return &extFormats[1]
	}
	ext := filepath.Ext(name)
	for i := range extFormats {
		if slices.Contains(extFormats[i].exts, ext) {
			return &extFormats[i]
		}
	}
	return nil
}

// planOutputs turns --format (repeated, each NAME or NAME:FILE) and -o FILE
// into the reports to write:
//
//   - no --format: one report, to -o in the format its extension says
//     (text for another extension), else text on stdout;
//   - --format NAME: that format, to -o or stdout; at most one --format may
//     lack a file;
//   - --format NAME:FILE: that format to FILE, as many as wanted; -o then
//     adds a report whose format its extension says, unless a --format
//     without a file takes it.
//
// A file whose extension contradicts its format (-o report.html --format
// json) is refused, and so is -o json, which names a format, not a file.
// writeBase is the --write-baseline file, which no report may replace.
func planOutputs(formats []string, o, writeBase string) ([]output, error) {
	var outs []output
	bare := -1
	for _, f := range formats {
		name, path, hasPath := strings.Cut(f, ":")
		if !slices.Contains(report.Formats(), name) {
			return nil, i18n.Errorf("--format: unknown format %q (want one of %s, each optionally with :FILE)", name, strings.Join(report.Formats(), ", "))
		}
		if !hasPath {
			if bare >= 0 {
				return nil, i18n.Errorf("--format %s and --format %s: only one report can go to stdout or -o; give the others a file (--format %s:FILE)", outs[bare].format, name, name)
			}
			bare = len(outs)
			outs = append(outs, output{format: name, flag: "--format " + name})
			continue
		}
		if path == "" || path == "-" {
			return nil, i18n.Errorf("--format %q: no file after the colon (write --format %s:FILE, or --format %s for stdout)", f, name, name)
		}
		outs = append(outs, output{format: name, path: path, flag: "--format " + f})
	}
	switch {
	case o == "" || o == "-":
		if len(outs) == 0 {
			outs = append(outs, output{format: "text", flag: "the default text format"})
		}
	case bare >= 0:
		outs[bare].path = o
		outs[bare].flag = fmt.Sprintf("-o %s with %s", o, outs[bare].flag)
	default:
		ef := formatOf(o)
		if ef == nil && slices.Contains(report.Formats(), o) {
			return nil, i18n.Errorf("-o %s: names a format, not a file (did you mean --format %s? -o takes the report's file, e.g. -o saglig.%s)", o, o, exampleExt(o))
		}
		format := "text"
		if ef != nil {
			format = ef.infer
		}
		outs = append(outs, output{format: format, path: o, flag: "-o " + o})
	}
	seen := map[string]string{}
	if writeBase != "" {
		seen[filepath.Clean(writeBase)] = "--write-baseline " + writeBase
	}
	for _, out := range outs {
		if out.path == "" {
			continue
		}
		if ef := formatOf(out.path); ef != nil && !slices.Contains(ef.allow, out.format) {
			if strings.HasPrefix(out.flag, "-o ") {
				return nil, i18n.Errorf("%s: a %s file holds %s, not %s (give it a .%s name, or drop --format to write %s)",
					out.flag, filepath.Ext(out.path), ef.infer, out.format, exampleExt(out.format), ef.infer)
			}
			return nil, i18n.Errorf("%s: a %s file holds %s, not %s (give it a .%s name)", out.flag, filepath.Ext(out.path), ef.infer, out.format, exampleExt(out.format))
		}
		key := filepath.Clean(out.path)
		if prev, ok := seen[key]; ok {
			return nil, i18n.Errorf("%s: %s is written by %s already", out.flag, out.path, prev)
		}
		seen[key] = out.flag
	}
	return outs, nil
}

// exampleExt is the extension a report of format f is best given.
func exampleExt(f string) string {
	switch f {
	case "junit":
		return "xml"
	case "markdown":
		return "md"
	case "text", "github":
		return "txt"
	}
	return f
}

// writeOutputs prints the result in every planned format: to stdout, or
// atomically to its file (never over an input). It returns the files
// written, and whether a report meant for people (text, github, markdown)
// went to stdout.
func (a *app) writeOutputs(outs []output, res *lint.Result, inputs []string, opt report.Options) (written []output, toReader bool, err error) {
	for _, out := range outs {
		opt.Color = out.path == "" && wantColor(a.stdout)
		p, err := report.New(out.format, opt)
		if err != nil {
			return written, toReader, err
		}
		if out.path == "" {
			var buf bytes.Buffer
			if err := p.Print(&buf, res); err != nil {
				return written, toReader, err
			}
			if _, err := io.Copy(a.stdout, &buf); err != nil {
				return written, toReader, err
			}
			toReader = out.format == "text" || out.format == "github" || out.format == "markdown"
			continue
		}
		if err := report.WriteFile(out.path, inputs, func(w io.Writer) error { return p.Print(w, res) }); err != nil {
			return written, toReader, err
		}
		written = append(written, out)
	}
	return written, toReader, nil
}

// wroteLine is the one line on stderr after reports were written to files:
// which, and the run's summary.
func wroteLine(tr *i18n.Printer, written []output, res *lint.Result) string {
	files := make([]string, len(written))
	for i, w := range written {
		files[i] = fmt.Sprintf("%s (%s)", w.path, w.format)
	}
	return "saglig: " + tr.Sprintf("wrote %s: %s", strings.Join(files, ", "), report.SummaryLine(tr, res))
}

// failLine says why a run fails on its findings, for a run whose report
// did not go to the terminal.
func failLine(tr *i18n.Printer, res *lint.Result, failOn finding.Severity, written []output) string {
	line := "saglig: " + tr.Sprintf("failed: %s at or above --fail-on %s, not accepted on the record", tr.Sprintf("%d findings", res.Failing(failOn)), failOn.String())
	if len(written) > 0 {
		line += " " + tr.Sprintf("(see %s)", written[0].path)
	}
	return line
}
