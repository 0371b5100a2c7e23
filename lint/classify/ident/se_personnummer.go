package ident

import "github.com/saglig/saglig/internal/i18n"

// Swedish personnummer and samordningsnummer (coordination numbers, the
// day plus 60): YYMMDD-NNNC (a + instead of - from the 100th year),
// YYYYMMDD-NNNC, or the same without the separator. The date must be valid
// in some century and the ten digits YYMMDDNNNC must pass Luhn (Skatteverket,
// SKV 704).

func init() {
	register(&Recogniser{
		Kind: KindSEPersonnummer, Title: i18n.N("Swedish personal identity or coordination numbers"), Class: IdentityNumber,
		Check: checkSEPersonnummer, Mask: MaskSEPersonnummer,
		MinShare: 0.9, Chance: 0.01, PlainWeight: 1,
	})
}

// KindSEPersonnummer is the kind of Swedish personnummer and
// samordningsnummer.
const KindSEPersonnummer = "se-personnummer"

// sePersonnummer returns the ten digits YYMMDDNNNC and the century digits
// ("19", "20" or "" when not written).
func sePersonnummer(v string, integer bool) (ten, century string, ok bool) {
	v = padInteger(v, integer, 10, 1)
	switch {
	case len(v) == 10 && isDigits(v):
		return v, "", true
	case len(v) == 11 && (v[6] == '-' || v[6] == '+') && isDigits(v[:6]) && isDigits(v[7:]):
		return v[:6] + v[7:], "", true
	case len(v) == 12 && isDigits(v) && (v[:2] == "18" || v[:2] == "19" || v[:2] == "20"):
		return v[2:], v[:2], true
	case len(v) == 13 && (v[8] == '-' || v[8] == '+') && isDigits(v[:8]) && isDigits(v[9:]) && (v[:2] == "18" || v[:2] == "19" || v[:2] == "20"):
		return v[2:8] + v[9:], v[:2], true
	}
	return "", "", false
}

func checkSEPersonnummer(v string, integer bool) Verdict {
	d, century, ok := sePersonnummer(v, integer)
	if !ok {
		return NoMatch
	}
	day, month, yy := atoi2(d[4:6]), atoi2(d[2:4]), atoi2(d[0:2])
	if day > 60 {
		day -= 60 // samordningsnummer
	}
	dateOK := false
	if century != "" {
		dateOK = validDate(atoi2(century)*100+yy, month, day)
	} else {
		dateOK = validDate(1900+yy, month, day) || validDate(2000+yy, month, day)
	}
	if dateOK && luhn(d) {
		return Valid
	}
	return Shaped
}

// MaskSEPersonnummer keeps month and day, as MaskCPR keeps day and month:
// "811218-9876" → "••1218-••••", "19811218-9876" → "••••1218-••••".
func MaskSEPersonnummer(s string) string {
	d := digitsOf(s)
	switch len(d) {
	case 10, 9:
		d = padInteger(d, true, 10, 1)
		return dots(2) + d[2:6] + "-" + dots(4)
	case 12:
		return dots(4) + d[4:8] + "-" + dots(4)
	}
	return masked
}
