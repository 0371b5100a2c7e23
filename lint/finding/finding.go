// Package finding holds what a rule reports: the Finding and its Severity.
package finding

import (
	"fmt"
	"strings"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/i18n"
)

// Severity orders findings; a higher value is more severe.
type Severity int

// Severities, least severe first.
const (
	Info Severity = iota + 1
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// In names the severity in tr's language: error, warning, info (fejl,
// advarsel, info).
func (s Severity) In(tr *i18n.Printer) string {
	switch s {
	case Error:
		return tr.Sprintf("error")
	case Warning:
		return tr.Sprintf("warning")
	}
	return tr.Sprintf("info")
}

// MarshalText writes the severity's name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity's name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseSeverity reads "error", "warning" or "info".
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(s) {
	case "error":
		return Error, nil
	case "warning":
		return Warning, nil
	case "info":
		return Info, nil
	}
	return 0, i18n.Errorf("unknown severity %q (want error, warning or info)", s)
}

// How a finding was accepted on the record.
const (
	// ByWaiver: a waiver in the map accepts the finding.
	ByWaiver = "waiver"
	// ByRelevance: the column documents its relevance to the decision, so
	// the finding is accepted with that relevance as its reason.
	ByRelevance = "relevance"
	// ByBaseline: the --baseline file records the finding.
	ByBaseline = "baseline"
)

// Acceptance is how a finding was accepted on the record. An accepted
// finding stays in the result and in the art. 5(1)(c) assessment; it does
// not fail the run.
type Acceptance struct {
	// By is ByWaiver, ByRelevance or ByBaseline.
	By string `json:"by"`
	// Reason is the waiver's reason or the documented relevance; empty for
	// a baseline.
	Reason string `json:"reason,omitempty"`
	// Lang is the language Reason is written in, when the map says
	// (docs/map.md, "Texts in more than one language"); a report in
	// another language marks it.
	Lang i18n.Lang `json:"language,omitempty"`
	// Expires is the waiver's last day (YYYY-MM-DD), if it has one.
	Expires string `json:"expires,omitempty"`
	// Pos is where the waiver or the relevance is written in the map.
	Pos *featuremap.Pos `json:"position,omitempty"`
}

// Finding is one problem found by one rule, on a column, a dataset or the
// purpose. It never holds a raw value from a dataset: Evidence carries
// figures and masked examples only.
type Finding struct {
	Rule     string   `json:"rule"`
	Name     string   `json:"name"`
	Severity Severity `json:"severity"`
	// Dataset is the dataset's path; empty for findings on the map alone.
	Dataset string `json:"dataset"`
	// Column is the column's dotted path, or the feature key for a map
	// entry; empty for purpose-level findings.
	Column  string `json:"column"`
	Message string `json:"message"`
	// Fix says what to do about it.
	Fix   string   `json:"fix,omitempty"`
	Legal []string `json:"legal"`
	// Waived is true when a valid waiver accepts the finding.
	Waived       bool   `json:"waived"`
	WaiverReason string `json:"waiver_reason,omitempty"`
	// Baselined is true when the finding is in the --baseline file.
	Baselined bool `json:"baselined,omitempty"`
	// Accepted says how the finding was accepted on the record (a waiver,
	// a documented relevance or the baseline); nil for an open finding.
	// Set it with Accept.
	Accepted *Acceptance `json:"accepted,omitempty"`
	// Protected is the protected column a proxy finding (SAG104) is about.
	Protected string `json:"protected,omitempty"`
	// Pos is where in the map the finding points, when it points anywhere.
	Pos *featuremap.Pos `json:"position,omitempty"`
	// Evidence holds measured figures and masked examples, typed by the
	// rule's kind of evidence.
	Evidence Evidence `json:"evidence,omitempty"`
}

// Evidence is what a rule measured or inferred for a finding: figures and
// masked examples, never a raw value. Each kind is a struct that marshals
// to the JSON evidence object of docs/cli.md; Describe says it in words for
// the human formats, in the printer's language.
type Evidence interface {
	Describe(p *i18n.Printer) []string
}

// Open reports whether the finding counts against the run: it has not been
// accepted on the record.
func (f *Finding) Open() bool { return f.Accepted == nil }

// Accept records how the finding was accepted, replacing an earlier
// acceptance (a waiver is a more explicit record than a documented
// relevance), and keeps Waived, WaiverReason and Baselined in step.
func (f *Finding) Accept(a Acceptance) {
	f.Accepted = &a
	f.Waived, f.WaiverReason, f.Baselined = false, "", false
	switch a.By {
	case ByWaiver:
		f.Waived, f.WaiverReason = true, a.Reason
	case ByBaseline:
		f.Baselined = true
	}
}

// Less orders findings by dataset, column, rule, then message.
func Less(a, b *Finding) bool {
	if a.Dataset != b.Dataset {
		return a.Dataset < b.Dataset
	}
	if a.Column != b.Column {
		return a.Column < b.Column
	}
	if a.Rule != b.Rule {
		return a.Rule < b.Rule
	}
	return a.Message < b.Message
}
