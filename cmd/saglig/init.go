package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint"
	"github.com/saglig/saglig/lint/classify"
	"github.com/saglig/saglig/lint/dataset"
	"github.com/saglig/saglig/lint/pushdown"
	"github.com/saglig/saglig/lint/report"
	"github.com/saglig/saglig/lint/source"
	"github.com/saglig/saglig/lint/source/objstore"
	"github.com/spf13/cobra"
)

func (a *app) initCommand() *cobra.Command {
	var (
		output     string
		force      bool
		schemaOnly bool
		name       string
		limits     limitFlags
	)
	cmd := &cobra.Command{
		Use:   "init PATH...",
		Short: i18n.N("Write a starter map for a dataset: every column, categories inferred"),
		Long: i18n.N(`Write a starter feature-purpose map for the datasets at PATH: every column,
a guessed role (target, weight, id or timestamp, from the column's name and
values, with the evidence as a comment), the category inferred from the
column's name and values with the reason as a comment (or, when the evidence
disagrees or is too weak, the reason no category was written), and TODO for the source,
context and relevance that a person must fill in. Lint treats TODO as missing,
so a fresh map fails until it is filled in.

The map is written to saglig.yaml beside the first PATH (inside it, for a
directory) unless -o says otherwise; an existing file is never overwritten
without --force. PATH may be an object-storage URL (s3://, gs://, azblob://:
docs/lakes.md): the map is written to the working directory and lists the URL
with the parameters that reached the store. PATH may be a table URL
(postgres://host/db?table=…, see saglig lint --help): the engine measures it,
the map is written to the working directory and lists the URL as given
(docs/warehouses.md).`),
		Args: needArgs(i18n.M("which dataset? give its PATH (a Parquet or Arrow file, a directory or a glob), e.g. saglig init data/train.parquet")),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			if ctx == nil {
				ctx = context.Background()
			}
			tr := a.tr()
			if output == "" {
				output = filepath.Join(besideDir(args[0]), featuremap.DefaultName)
			}
			if _, err := os.Stat(output); err == nil && !force {
				return i18n.Errorf("init: %s already exists (use --force to overwrite it)", output)
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
			if len(errs) > 0 {
				// A map without the columns of the files that could not
				// be read would be wrong: none is written.
				printFileErrors(a.stderr, a.tr(), errs)
				return errReported
			}
			var cols []featuremap.StarterColumn
			seen := map[string]bool{}
			var datasets []string
			mapDir := filepath.Dir(output)
			// A table is listed by its URL as given, with its parameters
			// (sslmode=, timeout= …): Parse refuses credentials in it.
			tables := map[string]string{}
			for _, arg := range args {
				if t, err := pushdown.Parse(arg); err == nil {
					tables[t.Display] = arg
				}
			}
			for _, d := range sets {
				if u, ok := tables[d.Path]; ok {
					datasets = append(datasets, u)
				} else if source.IsRemote(d.Path) {
					// With the parameters that reach the store (its
					// endpoint, region), so that lint finds it again.
					datasets = append(datasets, objstore.Configured(d.Path))
				} else {
					datasets = append(datasets, relativeTo(mapDir, d.Path))
				}
				for _, c := range d.Columns {
					if seen[c.Path] {
						continue
					}
					seen[c.Path] = true
					sc := featuremap.StarterColumn{Path: c.Path, Type: c.Type, Role: c.GuessedRole, RoleEvidence: c.RoleEvidence.In(tr),
						Explanation: classify.NotInferred(c.Explanation).In(tr)}
					if c.Confidence >= classify.MinConfidence {
						sc.Category, sc.Explanation = c.Inferred, c.Explanation.In(tr)
					}
					cols = append(cols, sc)
				}
			}
			if t, err := pushdown.Parse(args[0]); name == "" && err == nil {
				name = t.Table.Name
			}
			if name == "" && source.IsRemote(args[0]) {
				name = remoteName(args[0])
			}
			if name == "" {
				name = filepath.Base(filepath.Clean(besideDir(args[0])))
				if name == "." || name == string(filepath.Separator) {
					name = "model"
				}
			}
			doc := featuremap.Starter(tr, name, datasets, cols)
			if err := report.WriteFile(output, args, func(w io.Writer) error { _, err := w.Write(doc); return err }); err != nil {
				return err
			}
			tr.Fprintf(a.stderr, "wrote %s: %d columns; fill in every TODO, then run saglig lint\n", output, len(cols))
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVarP(&output, "output", "o", "", i18n.N("where to write the map (default: saglig.yaml beside the first PATH)"))
	f.BoolVar(&force, "force", false, i18n.N("overwrite an existing map"))
	f.BoolVar(&schemaOnly, "schema-only", false, i18n.N("infer categories from column names only; do not read the data"))
	f.StringVar(&name, "name", "", i18n.N("the purpose's name (default: the directory's name)"))
	addLimitFlags(f, &limits)
	return cmd
}

// besideDir is the directory a PATH argument's map lives in: the PATH
// itself for a directory, else its parent; the working directory for a
// URL (a map is never written to a store).
func besideDir(p string) string {
	if pushdown.IsURL(p) || source.IsRemote(p) {
		return "."
	}
	if st, err := os.Stat(p); err == nil && st.IsDir() {
		return p
	}
	if strings.ContainsAny(p, "*?[") {
		p = filepath.Dir(p)
		for strings.ContainsAny(p, "*?[") {
			p = filepath.Dir(p)
		}
		return p
	}
	return filepath.Dir(p)
}

// remoteName is the purpose's default name for a URL: the last segment of
// its key without a glob (the bucket's name at least).
func remoteName(u string) string {
	loc, err := objstore.Parse(u)
	if err != nil {
		return ""
	}
	segs := strings.Split(strings.TrimSuffix(loc.Key, "/"), "/")
	if !strings.HasSuffix(loc.Key, "/") && len(segs) > 0 {
		segs = segs[:len(segs)-1] // an object: its "directory"
	}
	for i := len(segs) - 1; i >= 0; i-- {
		if segs[i] != "" && !strings.ContainsAny(segs[i], "*[") {
			return segs[i]
		}
	}
	return loc.Bucket
}

// relativeTo writes path relative to dir when it can, with forward slashes.
func relativeTo(dir, path string) string {
	if pushdown.IsURL(path) {
		return path
	}
	if rel, err := filepath.Rel(dir, path); err == nil && !strings.HasPrefix(rel, "..") {
		if rel == "." {
			return "."
		}
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(path)
}
