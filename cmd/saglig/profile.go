package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint"
	"github.com/saglig/saglig/lint/dataset"
	"github.com/spf13/cobra"
)

func (a *app) profileCommand() *cobra.Command {
	var (
		format     string
		schemaOnly bool
		limits     limitFlags
	)
	cmd := &cobra.Command{
		Use:   "profile PATH...",
		Short: i18n.N("Per-column profile: type, nulls, distinct, inferred category"),
		Long: i18n.N(`Print, for every column of the datasets at PATH: its type, rows, nulls, a
distinct estimate, the category inferred from its name and values, the
confidence and the evidence. No map is needed. Values are never printed.
PATH may be an object-storage URL (s3://, gs://, azblob://: docs/lakes.md),
or a table URL (postgres://host/db?table=…, see saglig lint --help): the
engine measures it (docs/warehouses.md).`),
		Args: needArgs(i18n.M("which dataset? give its PATH (a Parquet or Arrow file, a directory or a glob), e.g. saglig profile data/train.parquet")),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			if ctx == nil {
				ctx = context.Background()
			}
			if format != "text" && format != "json" {
				return i18n.Errorf("profile: unknown format %q (want text or json)", format)
			}
			lim, err := limits.limits()
			if err != nil {
				return err
			}
			bar := newProgress(ctx, a.stderr, a.log, a.tr())
			sets, errs, err := lint.Describe(ctx, args, lint.Options{SchemaOnly: schemaOnly, Dataset: dataset.Options{Limits: lim}, Progress: bar.update})
			if err := interrupted(ctx, bar); err != nil {
				return err
			}
			bar.done()
			if err != nil {
				return err
			}
			// What could be read is printed; what could not is named on
			// stderr, and the command fails.
			if len(sets) > 0 {
				if err := a.printProfile(format, sets, errs); err != nil {
					return err
				}
			}
			if len(errs) > 0 {
				printFileErrors(a.stderr, a.tr(), errs)
				return errReported
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", i18n.N("output format: text or json"))
	cmd.Flags().BoolVar(&schemaOnly, "schema-only", false, i18n.N("read schemas only; classify by column name"))
	addLimitFlags(cmd.Flags(), &limits)
	return cmd
}

// printProfile prints the profiles of the datasets, and in JSON the files
// that could not be read.
func (a *app) printProfile(format string, sets []lint.DatasetSummary, errs []lint.FileError) error {
	if format == "json" {
		enc := json.NewEncoder(a.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		out := map[string]any{"tool": lint.Tool{Name: "saglig", Version: lint.Version()}, "datasets": sets}
		if len(errs) > 0 {
			out["errors"] = errs
		}
		return enc.Encode(out)
	}
	tr := a.tr()
	for i, d := range sets {
		if i > 0 {
			fmt.Fprintln(a.stdout)
		}
		files := tr.Sprintf("%d files", d.Files)
		if d.Files == 0 && d.Format != "" {
			files = tr.Sprintf("a table in its engine")
		}
		fmt.Fprintf(a.stdout, "%s (%s, %s, %s, %s)\n", d.Path, d.Format, tr.Sprintf("%d rows", d.Rows), tr.Sprintf("%d columns", len(d.Columns)), files)
		tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, strings.Join([]string{tr.Sprintf("COLUMN"), tr.Sprintf("TYPE"), tr.Sprintf("ROWS"), tr.Sprintf("NULLS"),
			tr.Sprintf("DISTINCT"), tr.Sprintf("CATEGORY"), tr.Sprintf("CONFIDENCE"), tr.Sprintf("EVIDENCE")}, "\t"))
		for _, c := range d.Columns {
			rows, nulls, distinct := "-", "-", "-"
			if d.Measured {
				rows, nulls, distinct = tr.Int(c.Rows), tr.Int(c.Nulls), "~"+tr.Int(c.Distinct)
			}
			// The category in the reader's words; the map's key is what
			// init writes and JSON keeps.
			cat := featuremap.CategoryWord(c.Inferred).In(tr)
			if cat == "" {
				cat = "-"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c.Path, c.Type, rows, nulls, distinct, cat, tr.Float(c.Confidence, 2),
				strings.Join(strings.Fields(c.Explanation.In(tr)), " "))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		for _, n := range d.Notes {
			tr.Fprintf(a.stdout, "note: %s\n", n)
		}
	}
	return nil
}
