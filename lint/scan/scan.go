// Package scan measures a dataset in one streaming pass: a profile per
// column (nulls, distinct values, quantiles, heavy hitters, a value sample),
// the association of every input with every protected column, and the
// distribution of the observation period per subject.
//
// The native scanner reads Parquet page by page (dictionary pages once, then
// their indices) and Arrow IPC files and streams batch by batch, spreads row
// groups and column groups over workers, and merges per-piece partial
// results in a fixed order, so the answer does not depend on the number of
// workers; every statistic except the floating-point moments and the heavy
// hitters of columns with more distinct values than the sketch holds is also
// independent of how the rows are split into files and row groups. Memory
// stays within Request.Memory whatever the size of the files. docs/scan.md
// describes the design.
package scan

import (
	"context"
	"math"
	"strconv"
	"strings"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/dataset"
)

// Request says what to measure.
type Request struct {
	// Columns are the dotted column paths to profile; nil = every column.
	Columns []string
	// Inputs are associated, each, with each of Protected.
	Inputs    []string
	Protected []string
	// ID and Timestamp, when both are set, give the observation period per
	// subject. ID also counts the distinct subjects of each class of
	// QuasiIDs.
	ID, Timestamp string
	// QuasiIDs, when set, are the columns whose combination of values may
	// single a person out (birth date or age, postcode or area, sex,
	// nationality): the scan measures how many rows share their
	// combination with few others (Result.Reidentification).
	QuasiIDs []string
	// SampleSize is the size of the value sample per column for the
	// classifier (default 256).
	SampleSize int
	// Memory is the memory budget in bytes (default 256 MiB).
	Memory int64
	// Workers defaults to runtime.GOMAXPROCS(0).
	Workers int
	// Progress, when set, is called as bytes are consumed, from one
	// goroutine at a time; doneBytes never decreases and the last call has
	// doneBytes == totalBytes.
	Progress func(doneBytes, totalBytes int64)
	// Limits bound what each file may make the scan do, as when the
	// dataset was opened (zero fields take their defaults): every file's
	// metadata is checked again on the handle the scan reads, every
	// Parquet column chunk's pages are checked before a decoder sees them
	// (dataset.Limits.CheckParquetPages), and reading a file's data stops
	// after FileTimeout.
	Limits dataset.Limits
}

// Defaults of a Request.
const (
	DefaultSampleSize = 256
	DefaultMemory     = 256 << 20
)

// Profile is what one column's data look like. Top and Sample hold raw
// values from the dataset: they are for the classifier and never printed.
type Profile struct {
	Column string `json:"column"`
	// Type is the column's type as displayed; Kind is that type, typed.
	Type  string       `json:"type"`
	Kind  dataset.Kind `json:"-"`
	Rows  int64        `json:"rows"`
	Nulls int64        `json:"nulls"`
	// Distinct is exact while the column has at most TopCapacity distinct
	// values, else a HyperLogLog estimate (about 0.8% standard error),
	// never more than Rows − Nulls.
	Distinct int64 `json:"distinct"`
	// Min and Max are in text form, for numeric, boolean and date/time
	// columns only: for a string column they would be raw values and stay
	// empty, and so for an integer column whose values all have 8 to 10
	// digits (the shape of phone and CPR numbers).
	Min string `json:"min,omitempty"`
	Max string `json:"max,omitempty"`
	// Numeric is true for integer, floating-point and decimal columns
	// (not booleans, dates or times).
	Numeric bool `json:"numeric"`
	// Quantiles has "p05", "p25", "p50", "p75", "p95" for numeric columns:
	// exact while the column has at most TopCapacity distinct values, else
	// within 1% (DDSketch). Withheld with Min and Max.
	Quantiles map[string]float64 `json:"quantiles,omitempty"`
	// Top are the most frequent values with their counts (at most TopSize),
	// most frequent first. Internal use only — never print them raw.
	Top []ValueCount `json:"-"`
	// Sample is a deterministic sample of distinct values (the SampleSize
	// with the smallest hashes), for the classifier. Internal use only.
	Sample []string `json:"-"`
	// Estimators name, for a column measured elsewhere (SQL pushdown),
	// the estimator of each figure that is not exact: "distinct",
	// "quantiles". Nil for the native scan, whose estimators are fixed
	// (docs/scan.md).
	Estimators map[string]string `json:"estimators,omitempty"`
}

// ValueCount is a value in text form and how often it occurs (an upper
// bound, within 2n/TopCapacity, when the column has more than TopCapacity
// distinct values).
type ValueCount struct {
	Value string
	Count int64
}

// Association is how strongly an input is associated with a protected
// column in the data.
type Association struct {
	Input     string `json:"input"`
	Protected string `json:"protected"`
	// Measure is "cramers_v" (bias-corrected Cramér's V) for a categorical
	// input, "correlation_ratio" (η) for a numeric one, and
	// "mutual_information" (Binned.Correlation) when that is stronger.
	Measure string `json:"measure"`
	// Value is the measure used for the verdict, in [0, 1].
	Value float64 `json:"value"`
	// NaiveV is the uncorrected Cramér's V, for reference (categorical
	// inputs only).
	NaiveV float64 `json:"naive_v,omitempty"`
	// NMI is the normalised mutual information MI/sqrt(H(input)·H(protected))
	// of the (bounded) contingency table, plug-in estimates.
	NMI float64 `json:"nmi"`
	// PValue is the chi-square test's (categorical) or the F-test's
	// (numeric) p-value for independence; DF its (numerator) degrees of
	// freedom.
	PValue float64 `json:"p_value"`
	DF     int     `json:"df"`
	// N is the number of rows where both columns are non-null.
	N int64 `json:"n"`
	// InputLevels and ProtectedLevels are the levels of the table, after
	// bounding.
	InputLevels     int `json:"input_levels"`
	ProtectedLevels int `json:"protected_levels"`
	// Bounded is true when a column had more distinct values than its
	// level bound (MaxInputLevels, MaxProtectedLevels) and its values were
	// folded: text into that many hash buckets, numbers into at most
	// MaxNumericBins logarithmic bins.
	Bounded bool `json:"bounded"`
	// Estimator says, for an association measured elsewhere (SQL
	// pushdown), how its table differs from the scan's: text folded by the
	// engine's hash rather than the scan's. Empty otherwise.
	Estimator string `json:"estimator,omitempty"`
	// Binned is the mutual information over equal-frequency bins of the
	// numeric side, for a pair with a numeric input or protected column
	// (evidence.go). When its informational correlation exceeds η or V it
	// is the verdict: Measure is "mutual_information" and Classical keeps
	// the other. For such a pair PValue is doubled (two measures looked at).
	Binned    *BinnedMI  `json:"binned,omitempty"`
	Classical *Classical `json:"classical,omitempty"`
	// Table is the value table of value-level evidence; it holds raw
	// values and is never serialised.
	Table *ValueTable `json:"-"`
}

// Period is the distribution, over subjects, of how long each was observed.
type Period struct {
	// Subjects is the number of subjects measured (sampled).
	Subjects int64 `json:"subjects"`
	// SampledShare is the share of subjects in the hash sample (1 = all).
	SampledShare float64 `json:"sampled_share"`
	// MultiObs is the share of subjects with two observations or more.
	MultiObs float64 `json:"multi_obs"`
	// SpanDays has "min", "p25", "p50", "p75", "p90", "max" of last − first
	// observation per subject, in days.
	SpanDays map[string]float64 `json:"span_days"`
	// Estimator names the estimator of the span quantiles when they were
	// measured elsewhere (SQL pushdown); empty for the native scan's
	// exact interpolation (Hyndman–Fan type 7).
	Estimator string `json:"estimator,omitempty"`
}

// MaxClassSize is the largest class size Reidentification counts rows
// for; larger classes count only in its total.
const MaxClassSize = 100

// Reidentification is how the rows' combinations of quasi-identifier values
// — their equivalence classes — are distributed: how many rows sit in a
// class of one subject (unique), two, … up to MaxClassSize. A null is a
// value of its own. With an ID column a class's size is its number of
// distinct subjects, so a person observed many times counts once;
// without, every row counts as a subject. Counts are over a deterministic
// hash sample of the classes (SampledShare of them; exact at 1).
type Reidentification struct {
	// Columns are the quasi-identifiers combined, in dataset order.
	Columns []string `json:"columns"`
	// BySubject is true when classes are sized by distinct subjects.
	BySubject bool `json:"by_subject"`
	// Classes is the number of classes in the sample; Rows the rows in
	// them.
	Classes int64 `json:"classes"`
	Rows    int64 `json:"rows"`
	// SampledShare is the share of classes in the hash sample (1 = all).
	SampledShare float64 `json:"sampled_share"`
	// RowsBySize[s−1] is the number of sampled rows whose class has s
	// subjects, for s up to MaxClassSize; it ends at the last size that
	// has rows.
	RowsBySize []int64 `json:"rows_by_size"`
}

// Trim drops the sizes after the last that has rows.
func (r *Reidentification) Trim() {
	n := len(r.RowsBySize)
	for n > 0 && r.RowsBySize[n-1] == 0 {
		n--
	}
	r.RowsBySize = r.RowsBySize[:n:n]
}

// ShareBelow is the share of rows whose class has fewer than k subjects
// (estimated from the sample when SampledShare < 1); k is at most
// MaxClassSize+1.
func (r *Reidentification) ShareBelow(k int) float64 {
	if r == nil || r.Rows == 0 {
		return 0
	}
	var n int64
	for s := 1; s < k && s <= len(r.RowsBySize); s++ {
		n += r.RowsBySize[s-1]
	}
	return float64(n) / float64(r.Rows)
}

// Result is what a scan measured.
type Result struct {
	Rows     int64
	Profiles map[string]*Profile
	// Associations are sorted by Input, then Protected.
	Associations []Association
	// Joint says how well the inputs together predict each protected
	// column, in the order of Request.Protected (jointproxy.go).
	Joint []JointProxy
	// Period is nil without ID and Timestamp.
	Period *Period
	// Reidentification is nil without QuasiIDs.
	Reidentification *Reidentification
	// Notes say what was requested but could not be measured, and why.
	Notes []i18n.Msg
}

// FileErrors is the error of a scan that could not read some files of the
// dataset: one *dataset.Error per file, naming it, in the dataset's file
// order. Nothing is measured then; a caller that wants the rest measured
// leaves these files out (dataset.Dataset.Without) and scans again. A
// file's error is the first the scan met in it, in the order of its row
// groups or batches, so it does not depend on the number of workers.
type FileErrors []*dataset.Error

func (e FileErrors) Error() string { return e.In(i18n.For(i18n.English)) }

// In writes the files' errors in p's language, separated by "; ".
func (e FileErrors) In(p *i18n.Printer) string {
	var b strings.Builder
	for i, fe := range e {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(fe.In(p))
	}
	return b.String()
}

// Profiler computes profiles behind one interface, because a later issue
// will compute the same statistics by pushing SQL down to an engine
// (DuckDB, PostgreSQL, Trino).
type Profiler interface {
	Profile(ctx context.Context, ds *dataset.Dataset, req Request) (*Result, error)
}

// New returns the native file scanner.
func New() Profiler { return native{} }

// Bounds of the scan's sketches and tables.
const (
	// TopCapacity is the number of heavy-hitter counters per column.
	TopCapacity = 512
	// TopSize is the number of heavy hitters a Profile reports.
	TopSize = 32
	// MaxInputLevels bounds the levels of an input in a contingency table
	// (a power of two). It is above the 2,000 distinct values up to which
	// an integer column can be a code, so codes are never bounded.
	MaxInputLevels = 2048
	// MaxProtectedLevels bounds the levels of a protected column.
	MaxProtectedLevels = 128
	// MaxNumericBins bounds the logarithmic bins a numeric column with
	// more distinct values than its level bound falls into.
	MaxNumericBins = 256
	// MaxCodeDistinct is the most distinct values a code column has.
	MaxCodeDistinct = 2000
	// maxShapeCodeDistinct is the most distinct values of a column taken
	// for a code by the shape of its values alone.
	maxShapeCodeDistinct = 200
)

// codeNames are name fragments of code columns: postcodes, municipality
// codes, zip codes, and anything called a code (kode in Danish).
var codeNames = []string{"postnr", "postnummer", "postcode", "postal", "post_nr", "kommune", "zip", "code", "kode"}

// IsCode reports whether an integer column is really a code, to be treated
// as categorical: at most MaxCodeDistinct distinct values, and either a
// name that says so (postnr, postcode, kommune, zip, code, kode …) or values
// that are all 3–4 digit integers with at most 200 distinct values.
func IsCode(name string, p *Profile) bool {
	if p == nil || !p.Numeric || p.Distinct > MaxCodeDistinct || p.Distinct == 0 {
		return false
	}
	if !p.Kind.Integer() {
		return false
	}
	lower := strings.ToLower(name)
	if i := strings.LastIndexByte(lower, '.'); i >= 0 {
		lower = lower[i+1:]
	}
	for _, frag := range codeNames {
		if strings.Contains(lower, frag) {
			return true
		}
	}
	if p.Distinct > maxShapeCodeDistinct {
		return false
	}
	lo, err1 := strconv.ParseFloat(p.Min, 64)
	hi, err2 := strconv.ParseFloat(p.Max, 64)
	return err1 == nil && err2 == nil && lo >= 100 && hi <= 9999 && lo == math.Trunc(lo)
}
