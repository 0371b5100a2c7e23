package ident

import "github.com/saglig/saglig/internal/i18n"

// Norwegian fødselsnummer and D-nummer (the day plus 40): DDMMYY, a
// three-digit individual number and two modulus-11 check digits
// (Skatteetaten, Folkeregisteret). The date must be valid in some century.
// Integer columns lose the leading zero of days 01-09.

func init() {
	register(&Recogniser{
		Kind: KindNOFodselsnummer, Title: i18n.N("Norwegian national identity numbers (fødselsnummer, D-nummer)"), Class: IdentityNumber,
		Check: checkNOFodselsnummer, Mask: MaskNOFodselsnummer,
		MinShare: 0.9, Chance: 0.001, PlainWeight: 1,
	})
}

// KindNOFodselsnummer is the kind of Norwegian fødselsnummer and D-nummer.
const KindNOFodselsnummer = "no-fodselsnummer"

var (
	noWeights1 = [9]int{3, 7, 6, 1, 8, 9, 4, 5, 2}
	noWeights2 = [10]int{5, 4, 3, 2, 7, 6, 5, 4, 3, 2}
)

// noCheckDigit computes a modulus-11 check digit; -1 when the remainder
// makes the number invalid.
func noCheckDigit(d string, w []int) int {
	sum := 0
	for i, x := range w {
		sum += int(d[i]-'0') * x
	}
	k := 11 - sum%11
	switch k {
	case 11:
		return 0
	case 10:
		return -1
	}
	return k
}

func noDigits(v string, integer bool) (string, bool) {
	v = padInteger(v, integer, 11, 1)
	switch {
	case len(v) == 11 && isDigits(v):
		return v, true
	case len(v) == 12 && (v[6] == ' ' || v[6] == '-') && isDigits(v[:6]) && isDigits(v[7:]):
		return v[:6] + v[7:], true
	}
	return "", false
}

func checkNOFodselsnummer(v string, integer bool) Verdict {
	d, ok := noDigits(v, integer)
	if !ok {
		return NoMatch
	}
	day, month, yy := atoi2(d[0:2]), atoi2(d[2:4]), atoi2(d[4:6])
	if day > 40 {
		day -= 40 // D-nummer
	}
	if !validDate(1900+yy, month, day) && !validDate(2000+yy, month, day) {
		return Shaped
	}
	if noCheckDigit(d, noWeights1[:]) != int(d[9]-'0') || noCheckDigit(d, noWeights2[:]) != int(d[10]-'0') {
		return Shaped
	}
	return Valid
}

// MaskNOFodselsnummer keeps day and month: "01019012345" → "0101•• •••••".
func MaskNOFodselsnummer(s string) string {
	d := padInteger(digitsOf(s), true, 11, 1)
	if len(d) != 11 {
		return masked
	}
	return d[:4] + dots(2) + " " + dots(5)
}
