package ident

import (
	"github.com/saglig/saglig/internal/i18n"
	"strconv"
	"strings"
)

// Phone numbers of every country, validated by libphonenumber's metadata
// (phone_metadata.go, data/phone_metadata.tsv): a number in international
// form (+46 70 123 45 67, 0046701234567) must be valid for its country
// calling code; a number in national form (070-123 45 67, 20 12 34 56,
// (555) 123-4567) must be valid in one of the countries whose data saglig
// reads — Denmark, Sweden, Norway, Finland, Germany, the Netherlands, the
// United Kingdom and the United States, tried in that order; bare digits
// only as eight-digit Danish or Norwegian numbers or with a trunk 0
// (bareNational). International and formatted national numbers are Valid;
// bare digits that are valid national numbers are Plain (an eight-digit
// code is as often something else). Dates written with separators,
// decimal numbers (26000.62) and the Nordic identity-number notation
// (DDMMYY-SSSS) are never phone numbers.

func init() {
	register(&Recogniser{
		Kind: KindPhone, Title: i18n.N("phone numbers"), Class: ContactDetail,
		Check: checkPhone, Mask: MaskPhone,
		MinShare: 0.5, Chance: 0.2, PlainWeight: 2.0 / 3,
	})
}

// KindPhone is the kind of phone numbers.
const KindPhone = "phone"

// PhoneRegions are the regions a number in national form is tried in.
var PhoneRegions = []string{"DK", "SE", "NO", "FI", "DE", "NL", "GB", "US"}

// phoneShape reads a value made of digits and phone punctuation: it
// returns the digits, whether the number is international (+ or 00) and
// whether it was written with separators.
func phoneShape(v string) (digits string, international, formatted, ok bool) {
	if len(v) < 6 || len(v) > 30 {
		return "", false, false, false
	}
	b := make([]byte, 0, len(v))
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c >= '0' && c <= '9':
			b = append(b, c)
		case c == '+' && i == 0:
			international = true
		case c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/':
			formatted = true
		default:
			return "", false, false, false
		}
	}
	d := string(b)
	if !international && strings.Count(v, ".") == 1 && len(d) == len(v)-1 {
		return "", false, false, false // a decimal number, 26000.62
	}
	if len(v) == 11 && v[6] == '-' && len(d) == 10 {
		return "", false, false, false // DDMMYY-SSSS: the identity-number notation
	}
	if len(d) >= 4 && d[:2] == "00" && !international {
		d, international = d[2:], true
	}
	if len(d) < 6 || len(d) > 17 || looksLikeDate(v) {
		return "", false, false, false
	}
	return d, international, formatted, true
}

// looksLikeDate reports whether v is a date written with separators:
// 2024-01-15, 15-01-2024, 15.01.2024, 15/01/2024.
func looksLikeDate(v string) bool {
	if len(v) != 10 {
		return false
	}
	s := v[4]
	if (s == '-' || s == '/' || s == '.') && v[7] == s && isDigits(v[:4]) && isDigits(v[5:7]) && isDigits(v[8:]) {
		return true
	}
	s = v[2]
	return (s == '-' || s == '/' || s == '.') && v[5] == s && isDigits(v[:2]) && isDigits(v[3:5]) && isDigits(v[6:])
}

// ParsePhone returns the number's country calling code and national
// significant number when v is a valid phone number; international says
// whether it was written with its country code. The number is taken apart
// here (country calling codes are prefix-free; a national number loses its
// trunk prefix) and only validated by libphonenumber's metadata
// (phone_metadata.go).
func ParsePhone(v string) (countryCode int, national string, international, ok bool) {
	d, intl, formatted, shaped := phoneShape(v)
	if !shaped {
		return 0, "", false, false
	}
	if intl {
		for n := 1; n <= 3 && n < len(d); n++ {
			cc, _ := strconv.Atoi(d[:n])
			if !phoneCallingCode(cc) {
				continue
			}
			nsn := d[n:]
			if !phoneNumber(nsn) || !validPhone(cc, nsn) {
				return 0, "", true, false
			}
			return cc, nsn, true, true
		}
		return 0, "", true, false
	}
	for _, region := range PhoneRegions {
		if !formatted && !bareNational(d, region) {
			continue
		}
		nsn := d
		switch region {
		case "DK", "NO":
		case "US":
			if len(nsn) == 11 && nsn[0] == '1' {
				nsn = nsn[1:]
			}
		default:
			if nsn[0] == '0' {
				nsn = nsn[1:]
			}
		}
		if phoneNumber(nsn) && validPhoneForRegion(nsn, region) {
			return phoneCodeForRegion(region), nsn, false, true
		}
	}
	return 0, "", false, false
}

// phoneNumber reports whether digits can be a national significant number
// at all: 2 to 17 digits, not all zeros (leading zeros belong to the number,
// as in Italy).
func phoneNumber(nsn string) bool {
	return len(nsn) >= 2 && len(nsn) <= 17 && strings.TrimLeft(nsn, "0") != ""
}

// bareNational reports whether bare digits can be a national number of a
// region: eight digits in Denmark and Norway, which have no trunk prefix; a
// leading trunk 0 in Sweden, Finland, Germany, the Netherlands and the
// United Kingdom. Bare ten-digit US numbers are too like any other
// ten-digit code to be read without their punctuation.
func bareNational(d, region string) bool {
	switch region {
	case "DK", "NO":
		return len(d) == 8
	case "US":
		return false
	}
	return d[0] == '0'
}

func checkPhone(v string, integer bool) Verdict {
	_, _, formatted, shaped := phoneShape(v)
	if !shaped {
		return NoMatch
	}
	_, _, international, ok := ParsePhone(v)
	switch {
	case !ok:
		return Shaped
	case international || (formatted && !integer):
		return Valid
	}
	return Plain
}

// MaskPhone keeps the country calling code, when the number is written
// with one, and the first two digits of the national number:
// "+45 20 12 34 56" → "+45 20••••••", "070-123 45 67" → "70•••••••".
func MaskPhone(v string) string {
	cc, nsn, international, ok := ParsePhone(v)
	if !ok {
		d := digitsOf(v)
		if len(d) < 6 {
			return masked
		}
		return d[:2] + dots(len(d)-2)
	}
	if len(nsn) < 4 {
		return masked
	}
	out := nsn[:2] + dots(len(nsn)-2)
	if international {
		out = "+" + strconv.Itoa(cc) + " " + out
	}
	return out
}
