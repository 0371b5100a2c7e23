package ident

import "github.com/saglig/saglig/internal/i18n"

// United States Social Security numbers: AAA-GG-SSSS with the area not
// 000, 666 or 900-999, the group not 00 and the serial not 0000 (Social
// Security Administration; numbers have been randomised since 2011, so no
// narrower area ranges apply). The two numbers the SSA retired after they
// were printed in advertisements, 078-05-1120 and 219-09-9999, are not
// valid. Nine bare digits in these ranges are Plain: nearly nine in ten
// random nine-digit numbers are.

func init() {
	register(&Recogniser{
		Kind: KindUSSSN, Title: i18n.N("US Social Security numbers"), Class: IdentityNumber,
		Check: checkUSSSN, Mask: maskDigitsOnly,
		MinShare: 0.9, Chance: 0.89, PlainWeight: 0.15,
	})
}

// KindUSSSN is the kind of US Social Security numbers.
const KindUSSSN = "us-ssn"

func checkUSSSN(v string, integer bool) Verdict {
	d, dashed := v, false
	switch {
	case len(v) == 11 && (v[3] == '-' && v[6] == '-' || v[3] == ' ' && v[6] == ' ') && isDigits(v[:3]) && isDigits(v[4:6]) && isDigits(v[7:]):
		d, dashed = v[:3]+v[4:6]+v[7:], true
	case integer && len(v) >= 7 && len(v) < 9 && isDigits(v):
		d = padInteger(v, true, 9, 2)
	case len(v) != 9 || !isDigits(v):
		return NoMatch
	}
	area := d[:3]
	if area == "000" || area == "666" || area[0] == '9' || d[3:5] == "00" || d[5:] == "0000" ||
		d == "078051120" || d == "219099999" {
		return Shaped
	}
	if dashed {
		return Valid
	}
	return Plain
}
