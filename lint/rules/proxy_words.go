package rules

import (
	"math"
	"strconv"
	"strings"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/dataset"
	"github.com/saglig/saglig/lint/scan"
	"github.com/saglig/saglig/lint/stats"
)

// Plain words for the proxy rules' value-level evidence (SAG104, SAG106,
// SAG107), and the k-anonymity that decides which values may be named.
// Every phrase goes through the printer (internal/i18n), so a report in
// Danish says it in Danish.

// showsValues reports whether a column's values may be named in a report
// at all: not an identifier (by role, category or a recognised identifier
// kind) and not free text (a text column with more distinct values than
// half its rows, or folded into hash buckets).
func showsValues(c *Column) bool {
	if c == nil {
		return false
	}
	if c.Role() == featuremap.RoleID || c.Class.Identifier != "" {
		return false
	}
	if cat, _ := c.Category(); cat == "identifier" || cat == "contact" {
		return false
	}
	if c.Kind == dataset.KindString && c.Profile != nil {
		nonNull := c.Profile.Rows - c.Profile.Nulls
		if nonNull > 0 && 2*c.Profile.Distinct > nonNull {
			return false
		}
	}
	return true
}

// How a level of a value table is shown in a report (ProxyValue.ValueKind,
// GroupKind): its value, a range of numbers, or why it is not named.
const (
	levelShown   = "value"   // the value itself
	levelRange   = "range"   // a range of numbers (From, To; an empty bound is open)
	levelAbove   = "above"   // above a numeric column's median (From)
	levelFolded  = "folded"  // a hash bucket of several values
	levelUnnamed = "unnamed" // a value whose text was not kept
	// levelUnsampled is a value of a table in a SQL engine whose text did
	// not leave the engine (it was not in the value sample).
	levelUnsampled = "unsampled"
	levelWithheld  = "withheld" // the column holds identifiers or free text
	levelRare      = "rare"     // fewer than k rows carry it
)

// levelView says how a level may be shown: its kind, and its value or
// bounds when they may be. The bounds of a range are never values of the
// data (they lie between two of them, rounded); a value is given only when
// the column may show values and at least k rows carry it.
func levelView(l scan.Level, show bool, k int) (kind string, value *string, from, to string) {
	switch {
	case l.Count < int64(k):
		return levelRare, nil, "", ""
	case l.Kind == scan.LevelRange:
		return levelRange, nil, l.From, l.To
	case l.Kind == scan.LevelFolded:
		return levelFolded, nil, "", ""
	case !show:
		return levelWithheld, nil, "", ""
	case l.Kind == scan.LevelUnnamed:
		return levelUnnamed, nil, "", ""
	case l.Kind == scan.LevelUnsampled:
		return levelUnsampled, nil, "", ""
	}
	v := l.Value
	return levelShown, &v, "", ""
}

// localNumber writes a bin boundary (numberText in lint/scan: digits and
// a decimal point, or a date) with the decimal mark of the printer's
// language: "56.5" in English, "56,5" in Danish.
func localNumber(tr *i18n.Printer, s string) string {
	if tr.Lang() != i18n.Danish {
		return s
	}
	if _, err := strconv.ParseFloat(s, 64); err != nil {
		return s
	}
	return strings.Replace(s, ".", ",", 1)
}

// valuePhrase names an input's level for a reader from its view. plural
// says whether the phrase names several values (a range).
func valuePhrase(tr *i18n.Printer, kind string, value *string, from, to string, k int) (phrase string, plural bool) {
	from, to = localNumber(tr, from), localNumber(tr, to)
	switch kind {
	case levelShown:
		if value != nil {
			return tr.Sprintf("the value '%s'", *value), false
		}
	case levelRange:
		switch {
		case from == "":
			return tr.Sprintf("values below %s", to), true
		case to == "":
			return tr.Sprintf("values of %s or more", from), true
		}
		return tr.Sprintf("values from %s to %s", from, to), true
	case levelFolded:
		return tr.Sprintf("a value (hash-folded, so it cannot be named)"), false
	case levelUnnamed:
		return tr.Sprintf("a value (not among the column's most frequent, so it cannot be named)"), false
	case levelUnsampled:
		return tr.Sprintf("a value (not in the value sample the engine returned, so it cannot be named)"), false
	case levelRare:
		return tr.Sprintf("a value carried by fewer than %d rows (not shown)", k), false
	}
	return tr.Sprintf("a value (withheld: the column holds identifiers or free text, so its values cannot be named)"), false
}

// groupPhrase names a protected group of column col from its view.
func groupPhrase(tr *i18n.Printer, kind string, value *string, from, to, col string, k int) string {
	from, to = localNumber(tr, from), localNumber(tr, to)
	switch kind {
	case levelShown:
		if value != nil {
			return "'" + *value + "'"
		}
	case levelRange:
		switch {
		case from == "":
			return tr.Sprintf("%s below %s", col, to)
		case to == "":
			return tr.Sprintf("%s of %s or more", col, from)
		}
		return tr.Sprintf("%s from %s to %s", col, from, to)
	case levelAbove:
		return tr.Sprintf("%s above its median (%s)", col, from)
	case levelFolded, levelUnnamed:
		return tr.Sprintf("one group of %s (hash-folded)", col)
	case levelUnsampled:
		return tr.Sprintf("one group of %s (not in the value sample the engine returned)", col)
	case levelWithheld:
		return tr.Sprintf("one group of %s (withheld: the column holds identifiers or free text)", col)
	}
	return tr.Sprintf("a group of %s with fewer than %d rows (not shown)", col, k)
}

// pct writes a share as a percentage a reader can take in: whole percent in
// the middle, more digits near 0 and 1, trailing zeros dropped, and never
// 100% or 0% for a share that is not exactly that; in the printer's
// language ("98.1%", "98,1 %").
func pct(tr *i18n.Printer, x float64) string {
	var v float64
	digits := 0
	switch {
	case math.IsNaN(x):
		return "?"
	case x >= 1:
		v = 100
	case x <= 0:
		v = 0
	case x >= 0.9999:
		v, digits = 99.99, 2
	case x < 0.0001:
		v, digits = 0.01, 2
	default:
		switch {
		case x >= 0.99 || x < 0.01:
			digits = 2
		case x >= 0.9 || x < 0.1:
			digits = 1
		}
		v = roundTo(100*x, digits)
	}
	for digits > 0 && roundTo(v, digits-1) == v {
		digits--
	}
	switch digits {
	case 2:
		return tr.Sprintf("%.2f%%", v)
	case 1:
		return tr.Sprintf("%.1f%%", v)
	}
	return tr.Sprintf("%.0f%%", v)
}

func roundTo(x float64, digits int) float64 {
	p := math.Pow10(digits)
	return math.Round(x*p) / p
}

// ProxyValue is one value-level piece of evidence: a value of an input and
// the protected group it over-represents, with the purity's Wilson 95%
// interval, the group's share of all rows (the base rate) and the lift.
// ValueKind and GroupKind say how each is shown (value, range, folded,
// unnamed, withheld, rare); Value and Group are nil unless the value may be
// named: at least k rows carry it and its column holds neither identifiers
// nor free text.
type ProxyValue struct {
	Value     *string `json:"value"`
	ValueKind string  `json:"value_kind"`
	From      string  `json:"from,omitempty"`
	To        string  `json:"to,omitempty"`
	Rows      int64   `json:"rows"`
	Share     float64 `json:"share"`
	Group     *string `json:"group"`
	GroupKind string  `json:"group_kind"`
	GroupFrom string  `json:"group_from,omitempty"`
	GroupTo   string  `json:"group_to,omitempty"`
	Purity    float64 `json:"purity"`
	PurityLo  float64 `json:"purity_lo"`
	PurityHi  float64 `json:"purity_hi"`
	Base      float64 `json:"base_rate"`
	Lift      float64 `json:"lift"`
	QValue    float64 `json:"q_value,omitempty"`
	// Protected is the protected column and K the k-anonymity, for the
	// words (the evidence around the value holds both).
	Protected string `json:"-"`
	K         int    `json:"-"`
}

// Sentence says the value's evidence in words: "the value 'Husband' (57%
// of rows) is 99.99% 'Male' (95% interval 99.96%–99.99%), against 76% of
// all rows".
func (v *ProxyValue) Sentence(tr *i18n.Printer) string {
	phrase, plural := valuePhrase(tr, v.ValueKind, v.Value, v.From, v.To, v.K)
	group := groupPhrase(tr, v.GroupKind, v.Group, v.GroupFrom, v.GroupTo, v.Protected, v.K)
	if plural {
		return tr.Sprintf("%s (%s of rows) are %s %s (95%% interval %s–%s), against %s of all rows",
			phrase, pct(tr, v.Share), pct(tr, v.Purity), group, pct(tr, v.PurityLo), pct(tr, v.PurityHi), pct(tr, v.Base))
	}
	return tr.Sprintf("%s (%s of rows) is %s %s (95%% interval %s–%s), against %s of all rows",
		phrase, pct(tr, v.Share), pct(tr, v.Purity), group, pct(tr, v.PurityLo), pct(tr, v.PurityHi), pct(tr, v.Base))
}

// describeValue makes the evidence of one value's group in a value table.
func describeValue(t *scan.ValueTable, g stats.ValueGroup, in, prot *Column, protName string, k int) ProxyValue {
	v := ProxyValue{Rows: g.Count, Share: round4(g.Share), Purity: round4(g.Purity), PurityLo: round4(g.Lo), PurityHi: round4(g.Hi),
		Base: round4(g.Base), Lift: round3(g.Lift), Protected: protName, K: k}
	v.ValueKind, v.Value, v.From, v.To = levelView(t.Inputs[g.Row], showsValues(in), k)
	v.GroupKind, v.Group, v.GroupFrom, v.GroupTo = levelView(t.Groups[g.Col], showsValues(prot), k)
	return v
}

// topValues returns the most revealing values of an association (by their
// part of the mutual information) that at least k rows carry and whose
// group is over-represented beyond its interval, at most n, and how many
// values fewer than k rows carry (counted, never shown).
func topValues(a scan.Association, in, prot *Column, k, n int) ([]ProxyValue, int) {
	if a.Table == nil {
		return nil, 0
	}
	var out []ProxyValue
	rare := 0
	for _, g := range stats.ValueGroups(a.Table.Counts) {
		if g.Count < int64(k) {
			rare++
			continue
		}
		// Only a group over-represented beyond its interval is evidence.
		if len(out) < n && g.Lo > g.Base {
			out = append(out, describeValue(a.Table, g, in, prot, a.Protected, k))
		}
	}
	return out, rare
}

func round4(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return math.Round(x*10000) / 10000
}
