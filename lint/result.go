package lint

import (
	"math"
	"runtime/debug"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/lint/dataset"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/rules"
	"github.com/saglig/saglig/lint/scan"
)

// version is set at build time with -ldflags "-X github.com/saglig/saglig/lint.version=v1.2.3".
var version string

// Version returns saglig's version: the linker-set one, the module version
// of an installed binary, or "devel".
func Version() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

// Tool names the program that produced a result.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Result is everything a run found, in the shape of contract §5.
type Result struct {
	Tool Tool   `json:"tool"`
	Map  string `json:"map"`
	// Policy is "default" or the --policy file.
	Policy   string            `json:"policy"`
	Datasets []DatasetSummary  `json:"datasets"`
	Findings []finding.Finding `json:"findings"`
	Summary  Summary           `json:"summary"`
}

// DatasetSummary describes one dataset that was linted, what was inferred
// about its columns and what was measured in it. It holds figures only,
// never a value from the data.
type DatasetSummary struct {
	Path    string          `json:"path"`
	Format  dataset.Format  `json:"format"`
	Rows    int64           `json:"rows"`
	Files   int             `json:"files"`
	Columns []ColumnSummary `json:"columns"`
	Notes   []string        `json:"notes,omitempty"`
	// Measured is false with --schema-only.
	Measured     bool               `json:"measured"`
	Associations []scan.Association `json:"associations,omitempty"`
	Period       *scan.Period       `json:"period,omitempty"`
	// Assessment is the five-condition assessment of AI Act art. 5(1)(c).
	Assessment *rules.Assessment `json:"assessment"`
}

// ColumnSummary is one column: its declaration, its inferred category and
// its aggregate profile.
type ColumnSummary struct {
	Path string `json:"path"`
	Type string `json:"type"`
	// Declared is false when no map entry declares the column.
	Declared bool   `json:"declared"`
	Role     string `json:"role,omitempty"`
	Source   string `json:"source,omitempty"`
	Context  string `json:"context,omitempty"`
	// Category is the declared category, else the inferred one.
	Category         string  `json:"category,omitempty"`
	CategoryDeclared bool    `json:"category_declared"`
	Inferred         string  `json:"inferred,omitempty"`
	Confidence       float64 `json:"confidence"`
	Explanation      string  `json:"explanation,omitempty"`
	Relevance        string  `json:"relevance,omitempty"`
	// Profile figures (absent with --schema-only).
	Rows      int64              `json:"rows,omitempty"`
	Nulls     int64              `json:"nulls,omitempty"`
	Distinct  int64              `json:"distinct,omitempty"`
	Quantiles map[string]float64 `json:"quantiles,omitempty"`
}

// minRowsForQuantiles keeps quantiles of small datasets out of reports: with
// few rows a quantile is one person's value.
const minRowsForQuantiles = 100

func summarise(ds *dataset.Dataset, cols []*rules.Column, sr *scan.Result, a *rules.Assessment) DatasetSummary {
	s := DatasetSummary{
		Path:       ds.Path,
		Format:     ds.Format,
		Rows:       ds.Rows,
		Files:      len(ds.Files),
		Notes:      ds.Notes,
		Measured:   sr != nil,
		Assessment: a,
		Columns:    make([]ColumnSummary, 0, len(cols)),
	}
	if sr != nil {
		s.Associations, s.Period = sr.Associations, sr.Period
	}
	for _, c := range cols {
		cs := ColumnSummary{Path: c.Path, Type: c.Type, Declared: c.Feature != nil,
			Inferred: c.Class.Category, Confidence: round3(c.Class.Confidence), Explanation: c.Class.Explanation}
		cs.Category, cs.CategoryDeclared = c.Category()
		if f := c.Feature; f != nil {
			cs.Role, cs.Source, cs.Context, cs.Relevance = string(f.EffectiveRole()), f.Source, f.Context, f.Relevance
		}
		if p := c.Profile; p != nil {
			cs.Rows, cs.Nulls, cs.Distinct = p.Rows, p.Nulls, p.Distinct
			if p.Numeric && p.Rows >= minRowsForQuantiles && c.Class.Identifier == "" &&
				c.Role() != featuremap.RoleID && len(p.Quantiles) > 0 {
				cs.Quantiles = p.Quantiles
			}
		}
		s.Columns = append(s.Columns, cs)
	}
	return s
}

func round3(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return math.Round(x*1000) / 1000
}

// Summary counts findings. Error, Warning and Info count findings that are
// neither waived nor baselined; Waived and Baselined count the others.
type Summary struct {
	Error     int `json:"error"`
	Warning   int `json:"warning"`
	Info      int `json:"info"`
	Waived    int `json:"waived"`
	Baselined int `json:"baselined"`
}

func (s *Summary) add(f *finding.Finding) {
	switch {
	case f.Waived:
		s.Waived++
	case f.Baselined:
		s.Baselined++
	case f.Severity == finding.Error:
		s.Error++
	case f.Severity == finding.Warning:
		s.Warning++
	default:
		s.Info++
	}
}

// Fails reports whether the result holds a finding, neither waived nor
// baselined, at or above threshold. A zero threshold (--fail-on none) never
// fails.
func (r *Result) Fails(threshold finding.Severity) bool {
	if threshold == 0 {
		return false
	}
	for i := range r.Findings {
		f := &r.Findings[i]
		if !f.Waived && !f.Baselined && f.Severity >= threshold {
			return true
		}
	}
	return false
}
