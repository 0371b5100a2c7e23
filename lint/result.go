package lint

import (
	"runtime/debug"

	"github.com/saglig/saglig/lint/dataset"
	"github.com/saglig/saglig/lint/finding"
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
	Tool     Tool              `json:"tool"`
	Map      string            `json:"map"`
	Datasets []DatasetSummary  `json:"datasets"`
	Findings []finding.Finding `json:"findings"`
	Summary  Summary           `json:"summary"`
}

// DatasetSummary describes one dataset that was linted.
type DatasetSummary struct {
	Path    string         `json:"path"`
	Format  dataset.Format `json:"format"`
	Rows    int64          `json:"rows"`
	Columns int            `json:"columns"`
	Files   int            `json:"files"`
	Notes   []string       `json:"notes,omitempty"`
}

func summarise(ds *dataset.Dataset) DatasetSummary {
	return DatasetSummary{
		Path:    ds.Path,
		Format:  ds.Format,
		Rows:    ds.Rows,
		Columns: len(ds.Columns),
		Files:   len(ds.Files),
	}
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
