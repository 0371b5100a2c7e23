package ident

import "github.com/saglig/saglig/internal/i18n"

// Dutch burgerservicenummer (BSN, citizen service number): nine digits
// passing the 11-proof, 9·d1 + 8·d2 + … + 2·d8 − d9 ≡ 0 (mod 11)
// (Wet algemene bepalingen burgerservicenummer; RvIG, Logisch Ontwerp BSN).
// Written bare, or grouped with dots or spaces (1234.56.782, 123 456 782).
// Integer columns and old numbers drop a leading zero: eight digits are
// read with it restored. A random nine-digit number passes the 11-proof
// about one time in eleven, so a column is called BSNs only when nearly
// all its distinct values pass (MinShare).

func init() {
	register(&Recogniser{
		Kind: KindNLBSN, Title: i18n.N("Dutch citizen service numbers (BSN)"), Class: IdentityNumber,
		Check: checkNLBSN, Mask: maskDigitsOnly,
		MinShare: 0.9, Chance: 0.09, PlainWeight: 1,
	})
}

// KindNLBSN is the kind of Dutch citizen service numbers.
const KindNLBSN = "nl-bsn"

func bsnDigits(v string, integer bool) (string, bool) {
	if !isDigits(v) {
		// 1234.56.782, 123.456.782, 123 456 782
		if len(v) != 11 {
			return "", false
		}
		sep := v[3]
		if v[4] == '.' {
			sep = v[4]
		}
		if sep != '.' && sep != ' ' {
			return "", false
		}
		d := digitsOf(v)
		if len(d) != 9 || len(v)-len(d) != 2 {
			return "", false
		}
		if !(v[3] == sep && v[7] == sep) && !(v[4] == sep && v[7] == sep) {
			return "", false
		}
		return d, true
	}
	if len(v) == 8 && integer {
		v = "0" + v
	}
	return v, len(v) == 9
}

// elevenProof reports whether nine digits pass the BSN 11-proof.
func elevenProof(d string) bool {
	sum := 0
	for i := 0; i < 8; i++ {
		sum += (9 - i) * int(d[i]-'0')
	}
	sum -= int(d[8] - '0')
	return sum%11 == 0 && d != "000000000"
}

func checkNLBSN(v string, integer bool) Verdict {
	d, ok := bsnDigits(v, integer)
	if !ok {
		return NoMatch
	}
	if elevenProof(d) {
		return Valid
	}
	return Shaped
}

// maskDigitsOnly hides every digit and keeps the layout, for numbers whose
// digits carry nothing that is safe to show: "123456782" → "•••••••••",
// "123-45-6789" → "•••-••-••••".
func maskDigitsOnly(s string) string {
	var b []byte
	n := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			b = append(b, dot...)
			n++
		case c == '-' || c == ' ' || c == '.':
			b = append(b, c)
		default:
			return masked
		}
	}
	if n == 0 {
		return masked
	}
	return string(b)
}
