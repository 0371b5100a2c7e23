// Package report writes a lint Result in each output format. Every format is
// one Printer in its own file; New picks one by name.
package report

import (
	"io"
	"sort"
	"strings"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint"
)

// Printer writes a result in one format.
type Printer interface {
	Print(w io.Writer, r *lint.Result) error
}

// Options are what printers may need beyond the result.
type Options struct {
	// Color turns on ANSI colours (text only; the CLI decides from the
	// terminal and NO_COLOR).
	Color bool
	// Lang is the language of everything a person reads (the JSON keys,
	// rule ids and SARIF levels stay as they are); empty is English.
	Lang i18n.Lang
	// MaxPerRule caps the findings of one rule that the text, GitHub and
	// Markdown formats show, with a note of how many were left out; 0
	// shows every finding. The machine formats show them all.
	MaxPerRule int
	// Statistics makes the text format count the findings per rule
	// instead of listing them (ruff's --statistics).
	Statistics bool
}

// DefaultMaxPerRule is the cap the CLI applies unless told otherwise.
const DefaultMaxPerRule = 50

// tr is the printer of the options' language.
func (o Options) tr() *i18n.Printer { return i18n.For(o.Lang) }

var printers = map[string]func(Options) Printer{}

// registerFormat adds a printer; each format's file calls it from init.
func registerFormat(name string, mk func(Options) Printer) { printers[name] = mk }

// Formats lists the format names, sorted.
func Formats() []string {
	names := make([]string, 0, len(printers))
	for n := range printers {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// New returns the printer for a format name.
func New(format string, opt Options) (Printer, error) {
	mk, ok := printers[format]
	if !ok {
		return nil, i18n.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats(), ", "))
	}
	return mk(opt), nil
}
