package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/legal"
	"github.com/saglig/saglig/lint/rules"
	"github.com/spf13/cobra"
)

func (a *app) rulesCommand() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "rules",
		Short: i18n.N("List the rules"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			switch format {
			case "text":
				tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
				tr := a.tr()
				fmt.Fprintln(tw, strings.Join([]string{tr.Sprintf("ID"), tr.Sprintf("NAME"), tr.Sprintf("SEVERITY"), tr.Sprintf("FIRES WHEN"), tr.Sprintf("LEGAL")}, "\t"))
				for _, r := range rules.All() {
					refs := make([]string, 0, len(r.Legal))
					for _, ref := range r.Refs() {
						refs = append(refs, legal.RefIn(tr.Lang(), ref))
					}
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.NameIn(tr.Lang()), r.Severity.In(tr), r.SummaryIn(tr), strings.Join(refs, "; "))
				}
				return tw.Flush()
			case "json":
				type ruleJSON struct {
					ID       string   `json:"id"`
					Name     string   `json:"name"`
					Severity string   `json:"severity"`
					Summary  string   `json:"summary"`
					Legal    []string `json:"legal"`
					Measures bool     `json:"measures"`
				}
				var out []ruleJSON
				for _, r := range rules.All() {
					out = append(out, ruleJSON{r.ID, r.Name, r.Severity.String(), r.Summary, r.Refs(), r.Measures})
				}
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				return enc.Encode(out)
			case "markdown":
				_, err := fmt.Fprint(a.stdout, rules.Catalogue(a.tr()))
				return err
			}
			return i18n.Errorf("rules: unknown format %q (want text, json or markdown)", format)
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", i18n.N("output format: text, json, markdown"))
	return cmd
}

func (a *app) explainCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "explain RULE...",
		Short: i18n.N("Explain a rule: what it checks, its legal text, an example"),
		Long: i18n.N(`Explain a rule: what it checks, the legal provisions it rests on (Danish
text and English gloss), and a map that fails and one that passes. RULE is a
rule id (SAG102) or name (irrelevant-characteristic); saglig rules lists them.`),
		Example: `  saglig explain SAG102
  saglig explain proxy`,
		Args: needArgs(i18n.M("which rule? give its id or name, e.g. saglig explain SAG102 (saglig rules lists them)")),
		RunE: func(cmd *cobra.Command, args []string) error {
			for i, id := range args {
				r, err := rules.Lookup(id)
				if err != nil {
					return i18n.Errorf("explain: %v", err)
				}
				if i > 0 {
					fmt.Fprintln(a.stdout)
				}
				if _, err := fmt.Fprint(a.stdout, r.ExplainIn(a.tr())); err != nil {
					return err
				}
			}
			return nil
		},
	}
}
