package classify

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/saglig/saglig/featuremap"
	"gopkg.in/yaml.v3"
)

// The real-data evaluation corpus lives in testdata/eval/ (see its
// README.md): one YAML file per public dataset or published schema, split
// by dataset into tune/ and heldout/. This file loads it; eval_test.go
// scores the classifier on it.

// evalDataset is one corpus file.
type evalDataset struct {
	Dataset    string       `yaml:"dataset"`
	Title      string       `yaml:"title"`
	Language   string       `yaml:"language"`
	Source     string       `yaml:"source"`
	Licence    string       `yaml:"licence"`
	Rows       int64        `yaml:"rows"`
	Labelled   string       `yaml:"labelled"`
	ValuesNote string       `yaml:"values_note"`
	Columns    []evalColumn `yaml:"columns"`

	path string
}

// evalColumn is one labelled column.
type evalColumn struct {
	Name string `yaml:"name"`
	// Category is a contract category, or "-" for none.
	Category string `yaml:"category"`
	// Role is input, target, weight, id or timestamp; "" when not obvious.
	Role string `yaml:"role"`
	// Direct marks a direct identifier (a name, a national id number, a case
	// number, an address): the value alone points to one person.
	Direct bool   `yaml:"direct"`
	Type   string `yaml:"type"`
	// Lang overrides the dataset's language for this column.
	Lang  string `yaml:"lang"`
	Label string `yaml:"label"`
	// Values are distinct real values, most common first; Counts their
	// frequencies in the source (absent: each value once, e.g. quantiles).
	Values   []string `yaml:"values"`
	Counts   []int64  `yaml:"counts"`
	Nulls    int64    `yaml:"nulls"`
	Distinct int64    `yaml:"distinct"`
	// Withheld says why no values are stored although the column has some:
	// names, dates or ids of real persons.
	Withheld string `yaml:"withheld"`
	Note     string `yaml:"note"`
	// Table is the table of the source the column belongs to, where the
	// dataset documents several; the harness classifies each table as one
	// (ClassifyTable). Absent: the whole dataset is one table.
	Table string `yaml:"table"`
}

var (
	evalLanguages = map[string]bool{"da": true, "en": true, "no": true, "sv": true, "de": true, "nl": true}
	evalRoles     = map[string]bool{"": true, "input": true, "target": true, "weight": true, "id": true, "timestamp": true}
	evalWithheld  = map[string]bool{"": true, "names": true, "dates": true, "ids": true}
)

// evalSampleSize is the most values a column's sample holds, like a real
// sampled profile.
const evalSampleSize = 200

// loadEvalPart reads every *.yaml file of one part (tune or heldout),
// strictly: unknown keys, unknown categories, roles, languages, duplicate
// column names and malformed value lists are errors.
func loadEvalPart(dir string) ([]evalDataset, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var out []evalDataset
	for _, f := range files {
		d, err := loadEvalFile(f)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

func loadEvalFile(path string) (evalDataset, error) {
	var d evalDataset
	b, err := os.ReadFile(path)
	if err != nil {
		return d, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&d); err != nil {
		return d, fmt.Errorf("%s: %w", path, err)
	}
	if err := dec.Decode(new(any)); !errors.Is(err, io.EOF) {
		return d, fmt.Errorf("%s: more than one YAML document", path)
	}
	d.path = path
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%s: %s", path, fmt.Sprintf(format, args...))
	}
	if d.Dataset == "" || d.Source == "" || d.Licence == "" || d.Labelled == "" {
		return d, bad("dataset, source, licence and labelled are required")
	}
	if base := strings.TrimSuffix(filepath.Base(path), ".yaml"); base != d.Dataset {
		return d, bad("dataset %q does not match the file name", d.Dataset)
	}
	if !evalLanguages[d.Language] {
		return d, bad("unknown language %q", d.Language)
	}
	if len(d.Columns) == 0 {
		return d, bad("no columns")
	}
	seen := map[string]bool{}
	for _, c := range d.Columns {
		where := fmt.Sprintf("column %q", c.Name)
		if c.Name == "" || seen[c.Name] {
			return d, bad("%s: empty or repeated name", where)
		}
		seen[c.Name] = true
		if c.Category != "-" && !featuremap.ValidCategory(c.Category) {
			return d, bad("%s: unknown category %q", where, c.Category)
		}
		if strings.HasPrefix(c.Category, "x-") || c.Category == "" {
			return d, bad("%s: want a contract category or -", where)
		}
		if !evalRoles[c.Role] {
			return d, bad("%s: unknown role %q", where, c.Role)
		}
		if c.Lang != "" && !evalLanguages[c.Lang] {
			return d, bad("%s: unknown language %q", where, c.Lang)
		}
		if !evalWithheld[c.Withheld] {
			return d, bad("%s: unknown withheld reason %q", where, c.Withheld)
		}
		if c.Withheld != "" && len(c.Values) > 0 {
			return d, bad("%s: values given although withheld", where)
		}
		if len(c.Counts) > 0 && len(c.Counts) != len(c.Values) {
			return d, bad("%s: %d counts for %d values", where, len(c.Counts), len(c.Values))
		}
		for _, n := range c.Counts {
			if n <= 0 {
				return d, bad("%s: counts must be positive", where)
			}
		}
		if c.Nulls < 0 || c.Distinct < 0 {
			return d, bad("%s: negative nulls or distinct", where)
		}
	}
	return d, nil
}

// lang is the column's language.
func (c evalColumn) lang(d evalDataset) string {
	if c.Lang != "" {
		return c.Lang
	}
	return d.Language
}

// tables groups the dataset's columns by table (evalColumn.Table), in
// the order each table first appears; columns without a table form one.
func (d evalDataset) tables() [][]evalColumn {
	var order []string
	by := map[string][]evalColumn{}
	for _, c := range d.Columns {
		if _, ok := by[c.Table]; !ok {
			order = append(order, c.Table)
		}
		by[c.Table] = append(by[c.Table], c)
	}
	out := make([][]evalColumn, 0, len(order))
	for _, t := range order {
		out = append(out, by[t])
	}
	return out
}

// column builds what the classifier sees: the name, the type, and, when
// values are stored, a sample of at most evalSampleSize values in which
// each stored value appears in proportion to its count (at least once) and
// nulls in proportion to the null count.
func (c evalColumn) column(d evalDataset) Column {
	col := Column{Name: c.Name, Type: c.Type, Rows: d.Rows}
	if col.Type == "" {
		col.Type = "string"
	}
	col.Kind = testKind(col.Type)
	if len(c.Values) == 0 {
		return col
	}
	var total int64
	for i := range c.Values {
		total += c.count(i)
	}
	scale := 1.0
	if all := total + c.Nulls; all > evalSampleSize {
		scale = float64(evalSampleSize) / float64(all)
	}
	for i, v := range c.Values {
		n := max(1, int(math.Round(float64(c.count(i))*scale)))
		for range n {
			col.Sample = append(col.Sample, v)
		}
	}
	for range int(math.Round(float64(c.Nulls) * scale)) {
		col.Sample = append(col.Sample, "")
	}
	if col.Rows < total+c.Nulls {
		col.Rows = total + c.Nulls
	}
	col.Nulls = c.Nulls
	col.Distinct = c.Distinct
	if col.Distinct == 0 {
		col.Distinct = int64(len(c.Values))
	}
	return col
}

func (c evalColumn) count(i int) int64 {
	if len(c.Counts) == 0 {
		return 1
	}
	return c.Counts[i]
}
