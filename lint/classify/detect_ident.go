package classify

import (
	"strconv"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/classify/ident"
)

// The direct-identifier detectors: one per recogniser of package ident
// (national identity numbers, bank accounts, payment cards, phone numbers,
// e-mail and street addresses, online identifiers, coordinates), each
// registered under the recogniser's kind. A recogniser judges every
// distinct sampled value — valid, merely shaped like one, or neither — and
// the column counts only when at least the recogniser's MinShare of at
// least ident.MinDistinct distinct values validate; the evidence is that
// share, weighted by the class of identifier and by how much a bare-digit
// match says (ident.Recogniser.PlainWeight).

func init() {
	for _, r := range ident.All() {
		r := r
		register(&Detector{
			Name:   r.Kind,
			Doc:    r.Title + " (" + string(r.Class) + ")",
			Kinds:  identKinds(r),
			Mask:   r.Mask,
			Detect: func(in *Input) []Evidence { return detectIdent(r, in) },
		})
		identifierKinds[r.Kind] = r.Title
	}
}

// Detector names of the identifiers the classifier had before package
// ident; they are the recognisers' kinds.
const (
	DetectorCPR   = ident.KindCPR
	DetectorEmail = ident.KindEmail
	DetectorPhone = ident.KindPhone
)

// Strength of a full match, by what the values are. A valid national
// identity number, account or card number is certain; an e-mail address
// nearly so; phone numbers, online identifiers and coordinates a little
// less (other codes share their shapes); street addresses, which the
// recogniser reads from free text, less again.
const (
	identWeightIdentity = 1.0
	identWeightEmail    = 0.95
	identWeightPhone    = 0.9
	identWeightOnline   = 0.9
	identWeightLocation = 0.9
	identWeightAddress  = 0.85
	// identMinStrength is the least value evidence that names the
	// identifier kind without the column's name (identifierOf). UUIDs,
	// nine bare digits in the SSN ranges and reg.+konto shapes (PlainWeight
	// 0.15) stay below it and below minReport: they count only when the
	// name says what they are (identValuesShow).
	identMinStrength = 0.3
)

// Phone numbers: a column where phoneMaxCVR of the eight-digit numbers pass
// the Danish CVR (company number) modulus-11 check holds company numbers;
// one where phoneMaxDates read as YYYYMMDD holds dates.
const (
	phoneMaxCVR   = 0.9
	phoneMaxDates = 0.5
)

func identKinds(r *ident.Recogniser) []Kind {
	switch r.Kind {
	case ident.KindCPR, ident.KindSEPersonnummer, ident.KindNOFodselsnummer, ident.KindNLBSN,
		ident.KindDESteuerID, ident.KindUSSSN, ident.KindCard, ident.KindPhone:
		return []Kind{KindText, KindInt, KindFloat}
	}
	return []Kind{KindText}
}

func identWeight(r *ident.Recogniser) float64 {
	switch {
	case r.Kind == ident.KindEmail:
		return identWeightEmail
	case r.Kind == ident.KindPhone:
		return identWeightPhone
	case r.Kind == ident.KindAddress:
		return identWeightAddress
	case r.Class == ident.OnlineIdentifier:
		return identWeightOnline
	case r.Class == ident.Location:
		return identWeightLocation
	}
	return identWeightIdentity
}

// identCategory is the contract category of a recogniser's values: phone
// numbers, e-mail and street addresses are contact details; identity
// numbers, accounts, cards, online identifiers and location data (GDPR
// art. 4(1)'s "an identification number, location data, an online
// identifier") are identifiers.
func identCategory(r *ident.Recogniser) string {
	if r.Class == ident.ContactDetail {
		return "contact"
	}
	return "identifier"
}

// identValues returns the sample's distinct values as a recogniser reads
// them: whole numbers of a float column without their ".0".
func identValues(in *Input) []string {
	raw := in.Sample.Values()
	if in.Kind != KindFloat {
		return raw
	}
	out := make([]string, len(raw))
	for i, v := range raw {
		if n, ok := intValue(v); ok {
			out[i] = strconv.FormatInt(n, 10)
		} else {
			out[i] = v
		}
	}
	return out
}

func detectIdent(r *ident.Recogniser, in *Input) []Evidence {
	vals := identValues(in)
	e := r.Evaluate(vals, in.Kind == KindInt || in.Kind == KindFloat)
	if !e.Passes(r) {
		return nil
	}
	if r.Kind == ident.KindPhone && companyOrDateNumbers(vals, e.Matched) {
		return nil
	}
	share := e.Share()
	detail := i18n.M("%d%% valid %s", pct(share), i18n.M(r.Title))
	bare := e.Plain > 0 && 2*e.Plain >= e.Validated()
	switch {
	case bare && e.Shaped > 0:
		detail = i18n.M("%d%% valid %s (%d%% written bare, as other codes are), %d%% look alike but fail the check",
			pct(share), i18n.M(r.Title), pct(float64(e.Plain)/float64(e.Distinct)), pct(e.LookAlike()))
	case bare:
		detail = i18n.M("%d%% valid %s (%d%% written bare, as other codes are)", pct(share), i18n.M(r.Title), pct(float64(e.Plain)/float64(e.Distinct)))
	case e.Shaped > 0:
		detail = i18n.M("%d%% valid %s, %d%% look alike but fail the check", pct(share), i18n.M(r.Title), pct(e.LookAlike()))
	}
	return []Evidence{{
		Category: identCategory(r), Identifier: r.Kind, Share: share,
		Strength: identWeight(r) * e.Weighted(r), Detail: detail, Matched: e.Matched,
	}}
}

// companyOrDateNumbers reports whether the matched phone numbers are
// mostly eight-digit Danish company (CVR) numbers or YYYYMMDD dates.
func companyOrDateNumbers(vals []string, matched []bool) bool {
	eight, cvr, dates := 0, 0, 0
	for i, v := range vals {
		if !matched[i] || len(v) != 8 || !isDigits(v) {
			continue
		}
		eight++
		if cvrValid(v) {
			cvr++
		}
		if yyyymmdd(v) {
			dates++
		}
	}
	return eight > 0 && (float64(cvr) >= phoneMaxCVR*float64(eight) || float64(dates) >= phoneMaxDates*float64(eight))
}

// cvrValid reports whether 8 digits pass the CVR (company number) modulus-11
// check.
func cvrValid(d string) bool {
	w := []int{2, 7, 6, 5, 4, 3, 2, 1}
	sum := 0
	for i := 0; i < 8; i++ {
		sum += int(d[i]-'0') * w[i]
	}
	return sum%11 == 0
}

// preciseMinShare is the share of a column's distinct values that must be
// precise coordinates for a column named latitude or longitude to hold
// location data.
const preciseMinShare = 0.9

// preciseDegrees reports whether the sample is a column of single
// coordinates in decimal degrees with at least ident.PreciseDecimals
// decimals. Alone such numbers could be any fractions; the name decides.
func preciseDegrees(s *Sample) bool {
	vals := s.Values()
	if len(vals) < ident.MinDistinct {
		return false
	}
	k := 0
	for _, v := range vals {
		if ident.PreciseDegrees(v, 180) {
			k++
		}
	}
	return float64(k) >= preciseMinShare*float64(len(vals))
}

// identValuesShow reports whether the sample passes the recogniser of an
// identifier kind, Plain matches included: the values agree with a name
// that says what they are.
func identValuesShow(s *Sample, kind string) bool {
	r, ok := ident.Lookup(kind)
	if !ok {
		return false
	}
	return r.Evaluate(s.Values(), s.kind == KindInt || s.kind == KindFloat).Passes(r)
}
