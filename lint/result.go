package lint

import (
	"math"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/dataset"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/legal"
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

// Result is everything a run found, in the shape docs/cli.md ("JSON output")
// describes.
type Result struct {
	Tool Tool   `json:"tool"`
	Map  string `json:"map"`
	// Purpose is the map's purpose, as declared, for the reports.
	Purpose *Purpose `json:"purpose,omitempty"`
	// Policy is "default" or the --policy file.
	Policy string `json:"policy"`
	// Baseline is the --baseline file applied to the findings, if any.
	Baseline string `json:"baseline,omitempty"`
	// NotBaselined counts, by rule, the findings the baseline records but
	// may not accept (SAG202, SAG301): they stay open. Absent when none.
	NotBaselined map[string]int `json:"not_baselined,omitempty"`
	// Disabled lists the rules turned off for the run (the map's disable:
	// and --disable, less --enable); their findings are left out of the
	// report, their evidence stays in the assessment.
	Disabled []Disabled        `json:"disabled,omitempty"`
	Datasets []DatasetSummary  `json:"datasets"`
	Findings []finding.Finding `json:"findings"`
	Summary  Summary           `json:"summary"`
	// Errors are the files, directories and arguments that could not be
	// read, sorted by path; the run went on without them and exits 2.
	// Absent when every file was read.
	Errors []FileError `json:"errors,omitempty"`
}

// Purpose is the decision the model supports, as the map declares it
// (docs/map.md, "purpose"). Absent fields stay empty: the findings say what is missing.
//
// The free texts are shown in the run's language, else in the language the
// map has them in (docs/map.md, "Texts in more than one language"); each
// marshals to the string shown. ByLanguage holds every text the map gives
// in a language it says, by key and language.
type Purpose struct {
	Name        string             `json:"name"`
	Description featuremap.Variant `json:"description,omitzero"`
	// Controller and Sector say which law applies (docs/legal.md).
	Controller      string   `json:"controller,omitempty"`
	Sector          string   `json:"sector,omitempty"`
	Context         string   `json:"context,omitempty"`
	AllowedContexts []string `json:"allowed_contexts,omitempty"`
	Output          string   `json:"output,omitempty"`
	// Automated is nil when the map does not say.
	Automated    *bool              `json:"automated,omitempty"`
	HumanReview  featuremap.Variant `json:"human_review,omitzero"`
	Transparency featuremap.Variant `json:"transparency,omitzero"`
	LegalBasis   featuremap.Variant `json:"legal_basis,omitzero"`
	Processor    string             `json:"processor,omitempty"`
	// ProcessorAgreement is the data-processing agreement with Processor.
	ProcessorAgreement featuremap.Variant `json:"processor_agreement,omitzero"`
	ByLanguage         ByLanguage         `json:"by_language,omitempty"`
}

// ByLanguage is the free texts of a level of the map (the purpose, a
// column, a waiver) the map gives in a language it says: by key, by
// language.
type ByLanguage map[string]map[i18n.Lang]string

// shown returns t as a reader of l sees it and records it in b under key;
// b is made when needed.
func (b *ByLanguage) shown(key string, t featuremap.Text, l i18n.Lang) featuremap.Variant {
	if by := t.ByLanguage(); by != nil {
		if *b == nil {
			*b = ByLanguage{}
		}
		(*b)[key] = by
	}
	v := t.In(l)
	v.Pos = featuremap.Pos{}
	return v
}

// Scope is the legal scope the purpose declares.
func (p *Purpose) Scope() legal.Scope {
	if p == nil {
		return legal.Scope{}
	}
	return legal.Scope{Controller: p.Controller, Sector: p.Sector}
}

// NewPurpose copies the map's purpose, its free texts in language l;
// allowed contexts default to the purpose's context as the rules read them.
func NewPurpose(m *featuremap.Map, l i18n.Lang) *Purpose {
	p := &m.Purpose
	out := &Purpose{
		Name: p.Name, Controller: p.Controller, Sector: p.Sector, Context: p.Context,
		AllowedContexts: append([]string(nil), p.Allowed()...), Output: string(p.Output),
		Processor: strings.TrimSpace(p.Processor),
	}
	b := &out.ByLanguage
	out.Description = b.shown("description", p.Description, l)
	out.HumanReview = b.shown("human_review", p.HumanReview, l)
	out.Transparency = b.shown("transparency", p.Transparency, l)
	out.LegalBasis = b.shown("legal_basis", p.LegalBasis, l)
	out.ProcessorAgreement = b.shown("processor_agreement", p.ProcessorAgreement, l)
	if p.Automated != nil {
		a := *p.Automated
		out.Automated = &a
	}
	return out
}

// Waiver is a waiver declared on a column's map entry.
type Waiver struct {
	Rule   string             `json:"rule"`
	Reason featuremap.Variant `json:"reason"`
	// Expires is the ISO date the waiver expires, if it does.
	Expires    string     `json:"expires,omitempty"`
	ByLanguage ByLanguage `json:"by_language,omitempty"`
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
	Notes   []i18n.Msg      `json:"notes,omitempty"`
	// Measured is false with --schema-only.
	Measured     bool               `json:"measured"`
	Associations []scan.Association `json:"associations,omitempty"`
	Period       *scan.Period       `json:"period,omitempty"`
	// Reidentification is how the rows fall into classes of the
	// quasi-identifiers (SAG302), when there are any.
	Reidentification *scan.Reidentification `json:"reidentification,omitempty"`
	// Assessment is the five-condition assessment of AI Act art. 5(1)(c).
	Assessment *rules.Assessment `json:"assessment"`
}

// ColumnSummary is one column: its declaration, its inferred category and
// its aggregate profile.
type ColumnSummary struct {
	Path string `json:"path"`
	Type string `json:"type"`
	// Declared is false when no map entry declares the column.
	Declared bool `json:"declared"`
	// Description, Source and Relevance are shown as Purpose's texts are.
	Description featuremap.Variant `json:"description,omitzero"`
	Role        string             `json:"role,omitempty"`
	Source      featuremap.Variant `json:"source,omitzero"`
	Context     string             `json:"context,omitempty"`
	// Category is the declared category, else the inferred one.
	Category         string   `json:"category,omitempty"`
	CategoryDeclared bool     `json:"category_declared"`
	Inferred         string   `json:"inferred,omitempty"`
	Confidence       float64  `json:"confidence"`
	Explanation      i18n.Msg `json:"explanation,omitzero"`
	// Candidates are the categories the evidence points to when it
	// disagrees, so that none was inferred.
	Candidates []string `json:"candidates,omitempty"`
	// GuessedRole is, for a column the map does not declare, the role the
	// classifier guesses from its name and values (what `saglig init`
	// writes), with its evidence.
	GuessedRole  string             `json:"guessed_role,omitempty"`
	RoleEvidence i18n.Msg           `json:"role_evidence,omitzero"`
	Relevance    featuremap.Variant `json:"relevance,omitzero"`
	// Waivers are the waivers on the column's map entry, valid or not.
	Waivers    []Waiver   `json:"waivers,omitempty"`
	ByLanguage ByLanguage `json:"by_language,omitempty"`
	// Profile figures (absent with --schema-only).
	Rows      int64              `json:"rows,omitempty"`
	Nulls     int64              `json:"nulls,omitempty"`
	Distinct  int64              `json:"distinct,omitempty"`
	Quantiles map[string]float64 `json:"quantiles,omitempty"`
	// Estimators name the estimator of each figure that is not exact, for
	// a table measured by its engine (SQL pushdown): "distinct",
	// "quantiles".
	Estimators map[string]string `json:"estimators,omitempty"`
}

// minRowsForQuantiles keeps quantiles of small datasets out of reports: with
// few rows a quantile is one person's value.
const minRowsForQuantiles = 100

// summarise shows the map's free texts in language l.
func summarise(ds *dataset.Dataset, cols []*rules.Column, sr *scan.Result, a *rules.Assessment, l i18n.Lang) DatasetSummary {
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
		s.Associations, s.Period, s.Reidentification = sr.Associations, sr.Period, sr.Reidentification
		// What was asked for and not measured, and why.
		s.Notes = append(slices.Clone(s.Notes), sr.Notes...)
	}
	for _, c := range cols {
		cs := ColumnSummary{Path: c.Path, Type: c.Type, Declared: c.Feature != nil,
			Inferred: c.Class.Category, Confidence: round3(c.Class.Confidence), Explanation: c.Class.Explanation,
			Candidates: c.Class.Conflict}
		if c.Feature == nil {
			cs.GuessedRole, cs.RoleEvidence = c.Class.Role, c.Class.RoleEvidence
		}
		cs.Category, cs.CategoryDeclared = c.Category()
		if f := c.Feature; f != nil {
			cs.Role, cs.Context = string(f.EffectiveRole()), f.Context
			b := &cs.ByLanguage
			cs.Description = b.shown("description", f.Description, l)
			cs.Source = b.shown("source", f.Source, l)
			cs.Relevance = b.shown("relevance", f.Relevance, l)
			for _, w := range f.Waivers {
				ws := Waiver{Rule: w.Rule}
				ws.Reason = ws.ByLanguage.shown("reason", w.Reason, l)
				if w.Expires != nil {
					ws.Expires = w.Expires.Format("2006-01-02")
				}
				cs.Waivers = append(cs.Waivers, ws)
			}
		}
		if p := c.Profile; p != nil {
			cs.Rows, cs.Nulls, cs.Distinct, cs.Estimators = p.Rows, p.Nulls, p.Distinct, p.Estimators
			// Quantiles of a code (a postcode) are codes, not figures.
			if p.Numeric && p.Rows >= minRowsForQuantiles && c.Class.Identifier == "" &&
				c.Role() != featuremap.RoleID && !scan.IsCode(c.Path, p) && len(p.Quantiles) > 0 {
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

// Summary counts findings. Error, Warning and Info count the open ones;
// Waived, Documented and Baselined count those accepted on the record by a
// waiver, by the column's documented relevance and by the baseline.
type Summary struct {
	Error      int `json:"error"`
	Warning    int `json:"warning"`
	Info       int `json:"info"`
	Waived     int `json:"waived"`
	Documented int `json:"documented"`
	Baselined  int `json:"baselined"`
}

func (s *Summary) add(f *finding.Finding) {
	switch {
	case f.Accepted != nil && f.Accepted.By == finding.ByWaiver:
		s.Waived++
	case f.Accepted != nil && f.Accepted.By == finding.ByRelevance:
		s.Documented++
	case f.Accepted != nil:
		s.Baselined++
	case f.Severity == finding.Error:
		s.Error++
	case f.Severity == finding.Warning:
		s.Warning++
	default:
		s.Info++
	}
}

// Recount recounts the summary after findings were accepted outside the
// engine (ApplyBaseline).
func (r *Result) Recount() {
	r.Summary = Summary{}
	for i := range r.Findings {
		r.Summary.add(&r.Findings[i])
	}
}

// Fails reports whether the result holds an open finding (not accepted on
// the record) at or above threshold. A zero threshold (--fail-on none) never
// fails.
func (r *Result) Fails(threshold finding.Severity) bool { return r.Failing(threshold) > 0 }

// Failing counts the open findings (not accepted on the record) at or
// above threshold: those that fail the run. A zero threshold counts none.
func (r *Result) Failing(threshold finding.Severity) int {
	if threshold == 0 {
		return 0
	}
	n := 0
	for i := range r.Findings {
		f := &r.Findings[i]
		if f.Open() && f.Severity >= threshold {
			n++
		}
	}
	return n
}
