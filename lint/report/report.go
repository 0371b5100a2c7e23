// Package report writes a lint Result in each output format. Every format is
// one Printer in its own file; New picks one by name.
package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

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
}

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
		return nil, fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats(), ", "))
	}
	return mk(opt), nil
}
