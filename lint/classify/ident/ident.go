// Package ident recognises direct identifiers by their values: national
// identity numbers (Denmark, Sweden, Norway, Finland, the Netherlands,
// Germany, the United States, the United Kingdom), bank accounts (IBAN,
// Danish reg.+konto), payment cards, phone numbers of every country,
// e-mail and street addresses, online identifiers (IP and MAC addresses,
// device and cookie ids) and precise geographic coordinates.
//
// Each Recogniser judges one value at a time — Check says whether it has
// the identifier's shape and whether it passes the identifier's check
// digits or structure — and masks a value for display (Mask), keeping only
// what does not identify a person. Evaluate applies a recogniser to a
// column's distinct values and reports how many validate and how many only
// look right; Evidence.Passes applies the recogniser's documented
// threshold. The package holds pure functions over strings and has no
// dependency on the classifier that uses it.
package ident

import (
	"sort"
	"strings"
)

// Verdict is what a recogniser makes of one value.
type Verdict uint8

const (
	// NoMatch: the value does not have the identifier's shape.
	NoMatch Verdict = iota
	// Shaped: the value has the shape but fails a check (check digit,
	// date, range, registry length).
	Shaped
	// Plain: the value passes every check but is written in a form that
	// many other codes share (bare digits where the identifier's own
	// notation has a separator), so a match says less.
	Plain
	// Valid: the value passes every check, in the identifier's own
	// notation or with a check strong enough to stand alone.
	Valid
)

// Class groups recognisers by what the values are, which decides the
// contract category a classifier gives them.
type Class string

const (
	// IdentityNumber: a national identity or tax number.
	IdentityNumber Class = "identity-number"
	// FinancialAccount: a bank account or payment card number.
	FinancialAccount Class = "financial-account"
	// ContactDetail: a phone number, e-mail or street address.
	ContactDetail Class = "contact-detail"
	// OnlineIdentifier: an IP or MAC address, a device or cookie id.
	OnlineIdentifier Class = "online-identifier"
	// Location: precise geographic coordinates.
	Location Class = "location"
)

// Recogniser recognises one kind of direct identifier.
type Recogniser struct {
	// Kind names the identifier ("nl-bsn", "iban", "ipv4"); it is also
	// the direct-identifier kind a classifier reports.
	Kind string
	// Title is the plural noun phrase used in explanations: "Dutch
	// citizen service numbers (BSN)".
	Title string
	// Class is what the values are.
	Class Class
	// Check judges one value. integer is true when the value comes from
	// an integer column, where leading zeros are lost.
	Check func(v string, integer bool) Verdict
	// Mask shows a value without what identifies a person.
	Mask func(v string) string
	// MinShare is the least share of a column's distinct values that must
	// validate (Plain or Valid) for the column to pass.
	MinShare float64
	// Chance is the probability that a value of the right shape, drawn at
	// random, passes the checks: about 1/11 for the Dutch 11-proof, 1/10
	// for Luhn, 1 where only the shape is checked (e-mail, MAC addresses).
	// It says how much the checks add to the shape; the package's tests
	// measure it on random values and hold the declared figure to it.
	Chance float64
	// PlainWeight is what a Plain match is worth against a Valid one, 0..1:
	// a bare nine-digit number in the SSN ranges says much less than
	// 123-45-6789.
	PlainWeight float64
}

// MinDistinct is the least number of distinct values a column must have
// for any recogniser to pass: fewer can validate by chance or be test
// fixtures.
const MinDistinct = 5

// Evidence is a recogniser's result over a column's distinct values.
type Evidence struct {
	Kind string
	// Distinct is the number of distinct values judged.
	Distinct int
	// Shaped counts values of the right shape that fail a check; Plain
	// and Valid those that pass (see Verdict).
	Shaped, Plain, Valid int
	// Matched marks the values that validated, by index into the input.
	Matched []bool
	// Stopped is true when evaluation ended early because the column
	// could no longer reach the recogniser's MinShare; the counts then
	// cover only the values judged.
	Stopped bool
}

// Validated is the number of values that pass every check.
func (e Evidence) Validated() int { return e.Plain + e.Valid }

// Weighted is the share of distinct values that validate, Plain matches
// counted at the recogniser's PlainWeight.
func (e Evidence) Weighted(r *Recogniser) float64 {
	if e.Distinct == 0 {
		return 0
	}
	return (float64(e.Valid) + r.PlainWeight*float64(e.Plain)) / float64(e.Distinct)
}

// Share is the share of distinct values that validate.
func (e Evidence) Share() float64 {
	if e.Distinct == 0 {
		return 0
	}
	return float64(e.Validated()) / float64(e.Distinct)
}

// LookAlike is the share of distinct values that have the shape but fail
// a check.
func (e Evidence) LookAlike() float64 {
	if e.Distinct == 0 {
		return 0
	}
	return float64(e.Shaped) / float64(e.Distinct)
}

// Passes reports whether the evidence meets the recogniser's threshold: at
// least MinDistinct distinct values, of which at least MinShare validate.
func (e Evidence) Passes(r *Recogniser) bool {
	return !e.Stopped && e.Distinct >= MinDistinct && e.Share() >= r.MinShare-1e-9
}

// Evaluate judges each of a column's distinct values. It stops early, with
// Stopped set, once so many values have failed that the column can no
// longer reach MinShare; the caller should pass distinct values only.
func (r *Recogniser) Evaluate(distinct []string, integer bool) Evidence {
	e := Evidence{Kind: r.Kind, Distinct: len(distinct), Matched: make([]bool, len(distinct))}
	maxFail := int(float64(len(distinct))*(1-r.MinShare) + 1e-9)
	failed := 0
	for i, v := range distinct {
		switch r.Check(v, integer) {
		case Valid:
			e.Valid++
			e.Matched[i] = true
			continue
		case Plain:
			e.Plain++
			e.Matched[i] = true
			continue
		case Shaped:
			e.Shaped++
		}
		failed++
		if failed > maxFail {
			e.Stopped = true
			return e
		}
	}
	return e
}

var registry = map[string]*Recogniser{}

// register adds a recogniser; each recogniser's file calls it from init.
func register(r *Recogniser) {
	if r.Kind == "" || r.Title == "" || r.Class == "" || r.Check == nil || r.Mask == nil ||
		r.MinShare <= 0 || r.MinShare > 1 || r.Chance < 0 || r.Chance > 1 || r.PlainWeight < 0 || r.PlainWeight > 1 {
		panic("ident: incomplete recogniser " + r.Kind)
	}
	if _, dup := registry[r.Kind]; dup {
		panic("ident: duplicate recogniser " + r.Kind)
	}
	registry[r.Kind] = r
}

// All returns every recogniser, ordered by kind.
func All() []*Recogniser {
	out := make([]*Recogniser, 0, len(registry))
	for _, r := range registry {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Kind < out[j].Kind })
	return out
}

// Lookup returns the recogniser of a kind.
func Lookup(kind string) (*Recogniser, bool) {
	r, ok := registry[kind]
	return r, ok
}

// ---- helpers shared by the recognisers ----------------------------------

// dot is the masking character; masked is what an unmaskable value becomes.
const (
	dot    = "•"
	masked = dot + dot + dot
)

// dots returns n masking dots.
func dots(n int) string { return strings.Repeat(dot, n) }

// digitsOf returns the ASCII digits of s.
func digitsOf(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// isDigits reports whether s is a non-empty run of ASCII digits.
func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) > 0
}

// atoi2 reads two ASCII digits.
func atoi2(s string) int { return int(s[0]-'0')*10 + int(s[1]-'0') }

// validDate reports whether year-month-day is a calendar date.
func validDate(year, month, day int) bool {
	if month < 1 || month > 12 || day < 1 {
		return false
	}
	return day <= daysIn(year, month)
}

func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// luhn reports whether a string of digits passes the Luhn (mod 10) check.
func luhn(d string) bool {
	sum, double := 0, false
	for i := len(d) - 1; i >= 0; i-- {
		n := int(d[i] - '0')
		if double {
			n *= 2
			if n > 9 {
				n -= 9
			}
		}
		sum += n
		double = !double
	}
	return sum%10 == 0
}

// padInteger restores the leading zeros an integer column lost: a value of
// fewer than want digits is padded when it lacks at most lost of them.
func padInteger(v string, integer bool, want, lost int) string {
	if integer && len(v) < want && len(v) >= want-lost && isDigits(v) {
		return strings.Repeat("0", want-len(v)) + v
	}
	return v
}
