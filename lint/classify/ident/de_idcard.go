package ident

import "github.com/saglig/saglig/internal/i18n"

import "strings"

// German identity card (Personalausweis) and passport document numbers,
// issued since November 2010: nine characters from the digits and the
// consonants C F G H J K L M N P R T V W X Y Z, the first a letter, then a
// check digit over the nine with weights 7, 3, 1 repeated and letters
// counted A = 10 … Z = 35 (ICAO Doc 9303, part 3), optionally followed by
// the nationality letter D. Cards issued before 2010 used ten digits and
// are not recognised (bare ten-digit numbers are too common).

func init() {
	register(&Recogniser{
		Kind: KindDEIDCard, Title: i18n.N("German identity card numbers"), Class: IdentityNumber,
		Check: checkDEIDCard, Mask: MaskDEIDCard,
		MinShare: 0.9, Chance: 0.1, PlainWeight: 1,
	})
}

// KindDEIDCard is the kind of German identity card numbers.
const KindDEIDCard = "de-id-card"

const deIDAlphabet = "0123456789CFGHJKLMNPRTVWXYZ"

// icaoCheckDigit is the ICAO 9303 check digit of a string of digits and
// capital letters.
func icaoCheckDigit(s string) int {
	w := [3]int{7, 3, 1}
	sum := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		v := int(c - '0')
		if c >= 'A' && c <= 'Z' {
			v = int(c-'A') + 10
		}
		sum += v * w[i%3]
	}
	return sum % 10
}

func deIDNumber(v string) (string, bool) {
	v = strings.ToUpper(v)
	if len(v) == 11 && v[10] == 'D' {
		v = v[:10]
	}
	if len(v) != 10 || v[0] < 'C' || v[0] > 'Z' || v[9] < '0' || v[9] > '9' {
		return "", false
	}
	for i := 0; i < 9; i++ {
		if strings.IndexByte(deIDAlphabet, v[i]) < 0 {
			return "", false
		}
	}
	return v, true
}

func checkDEIDCard(v string, _ bool) Verdict {
	d, ok := deIDNumber(v)
	if !ok {
		return NoMatch
	}
	if icaoCheckDigit(d[:9]) == int(d[9]-'0') {
		return Valid
	}
	return Shaped
}

// MaskDEIDCard keeps the first character: "T220001293" → "T•••••••••".
func MaskDEIDCard(s string) string {
	d, ok := deIDNumber(s)
	if !ok {
		return masked
	}
	return d[:1] + dots(9)
}
