package ident

import "github.com/saglig/saglig/internal/i18n"

// Danish CPR numbers (personnummer): DDMMYY-SSSS or ten digits, the date
// valid with the century the seventh digit gives (CPR-kontoret's table).
// Modulus 11 is not checked: numbers issued since 2007 need not pass it.
// Integer columns lose the leading zero of days 01-09, so nine digits are
// read with it restored.

func init() {
	register(&Recogniser{
		Kind: KindCPR, Title: i18n.N("Danish CPR numbers"), Class: IdentityNumber,
		Check: checkCPR, Mask: MaskCPR,
		MinShare: 0.8, Chance: 0.04, PlainWeight: 1,
	})
}

// KindCPR is the kind of Danish CPR numbers.
const KindCPR = "cpr"

// CPRDigits returns the ten digits of a CPR-shaped value: six digits, an
// optional hyphen or space, four digits; nine digits from an integer column.
func CPRDigits(v string, integer bool) (string, bool) {
	v = padInteger(v, integer, 10, 1)
	switch {
	case len(v) == 10 && isDigits(v):
		return v, true
	case len(v) == 11 && (v[6] == '-' || v[6] == ' ') && isDigits(v[:6]) && isDigits(v[7:]):
		return v[:6] + v[7:], true
	}
	return "", false
}

// CPRBirthYear returns the year of birth of ten CPR digits, from the two
// year digits and the century the seventh digit gives.
func CPRBirthYear(d string) int {
	yy := atoi2(d[4:6])
	switch c := d[6] - '0'; {
	case c <= 3:
		return 1900 + yy
	case c == 4 || c == 9:
		if yy <= 36 {
			return 2000 + yy
		}
		return 1900 + yy
	default: // 5-8
		if yy <= 57 {
			return 2000 + yy
		}
		return 1800 + yy
	}
}

func checkCPR(v string, integer bool) Verdict {
	d, ok := CPRDigits(v, integer)
	if !ok {
		return NoMatch
	}
	if validDate(CPRBirthYear(d), atoi2(d[2:4]), atoi2(d[0:2])) {
		return Valid
	}
	return Shaped
}

// MaskCPR keeps the day and month of a CPR number and hides the rest:
// "010190-1234" → "0101••-••••". Anything without four leading digits
// becomes "•••".
func MaskCPR(s string) string {
	d := digitsOf(s)
	if len(d) < 4 {
		return masked
	}
	return d[:4] + dots(2) + "-" + dots(4)
}
