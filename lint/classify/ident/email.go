package ident

import (
	"github.com/saglig/saglig/internal/i18n"
	"regexp"
	"strings"
	"unicode"
)

// E-mail addresses: local@domain.tld with an alphabetic top-level domain.

func init() {
	register(&Recogniser{
		Kind: KindEmail, Title: i18n.N("e-mail addresses"), Class: ContactDetail,
		Check: checkEmail, Mask: MaskEmail,
		MinShare: 0.5, Chance: 1, PlainWeight: 1,
	})
}

// KindEmail is the kind of e-mail addresses.
const KindEmail = "email"

var emailRe = regexp.MustCompile(`^[A-Za-z0-9._%+'\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}$`)

func checkEmail(v string, integer bool) Verdict {
	if integer || strings.IndexByte(v, '@') < 0 {
		return NoMatch
	}
	if emailRe.MatchString(v) {
		return Valid
	}
	if strings.Count(v, "@") == 1 && !strings.ContainsAny(v, " \t") && v[0] != '@' && v[len(v)-1] != '@' {
		return Shaped
	}
	return NoMatch
}

// MaskEmail keeps the first letter of the local part and a short alphabetic
// top-level domain: "bo@example.dk" → "b•••@•••.dk".
func MaskEmail(s string) string {
	s = strings.TrimSpace(s)
	at := strings.LastIndexByte(s, '@')
	if at <= 0 || at == len(s)-1 {
		return masked
	}
	local, domain := s[:at], s[at+1:]
	first := []rune(local)[0]
	if !unicode.IsLetter(first) && !unicode.IsDigit(first) {
		return masked
	}
	out := string(first) + masked + "@" + masked
	if i := strings.LastIndexByte(domain, '.'); i >= 0 {
		tld := domain[i+1:]
		if len(tld) >= 2 && len(tld) <= 6 && isASCIILetters(tld) {
			out += "." + strings.ToLower(tld)
		}
	}
	return out
}

func isASCIILetters(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}
