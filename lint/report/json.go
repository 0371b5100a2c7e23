package report

import (
	"encoding/json"
	"io"

	"github.com/saglig/saglig/lint"
)

func init() { registerFormat("json", func(Options) Printer { return jsonPrinter{} }) }

// jsonPrinter writes the Result as one indented JSON object (docs/cli.md, "JSON output").
type jsonPrinter struct{}

func (jsonPrinter) Print(w io.Writer, r *lint.Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}
