package ident

import "github.com/saglig/saglig/internal/i18n"

import "strings"

// Finnish henkilötunnus (personal identity code): DDMMYY, a century sign
// (+ for the 1800s; - or Y X W V U for the 1900s; A B C D E F for the
// 2000s), a three-digit individual number and a check character, the
// nine digits modulo 31 looked up in 0123456789ABCDEFHJKLMNPRSTUVWXY
// (Digi- ja väestötietovirasto).

func init() {
	register(&Recogniser{
		Kind: KindFIHenkilotunnus, Title: i18n.N("Finnish personal identity codes (henkilötunnus)"), Class: IdentityNumber,
		Check: checkFIHenkilotunnus, Mask: MaskFIHenkilotunnus,
		MinShare: 0.9, Chance: 0.002, PlainWeight: 1,
	})
}

// KindFIHenkilotunnus is the kind of Finnish henkilötunnus.
const KindFIHenkilotunnus = "fi-henkilotunnus"

const fiCheckChars = "0123456789ABCDEFHJKLMNPRSTUVWXY"

func fiCentury(c byte) int {
	switch {
	case c == '+':
		return 1800
	case c == '-' || strings.IndexByte("YXWVU", c) >= 0:
		return 1900
	case c >= 'A' && c <= 'F':
		return 2000
	}
	return 0
}

func checkFIHenkilotunnus(v string, _ bool) Verdict {
	if len(v) != 11 {
		return NoMatch
	}
	v = strings.ToUpper(v)
	century := fiCentury(v[6])
	if century == 0 || !isDigits(v[:6]) || !isDigits(v[7:10]) || strings.IndexByte(fiCheckChars, v[10]) < 0 {
		return NoMatch
	}
	n := 0
	for _, c := range v[:6] + v[7:10] {
		n = n*10 + int(c-'0')
	}
	if !validDate(century+atoi2(v[4:6]), atoi2(v[2:4]), atoi2(v[0:2])) || v[7:10] < "002" || fiCheckChars[n%31] != v[10] {
		return Shaped
	}
	return Valid
}

// MaskFIHenkilotunnus keeps day and month: "131052-308T" → "1310••-••••".
func MaskFIHenkilotunnus(s string) string {
	if len(s) != 11 || !isDigits(s[:4]) {
		return masked
	}
	return s[:4] + dots(2) + "-" + dots(4)
}
