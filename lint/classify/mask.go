package classify

import (
	"strings"
	"unicode"
)

// The masking dot. Masked values never contain a run of raw characters long
// enough to identify a person.
const dot = "•"

// masked is what an unmaskable value becomes.
const masked = dot + dot + dot

// MaskCPR keeps the day and month of a CPR number and hides the rest:
// "010190-1234" → "0101••-••••". Anything without four leading digits
// becomes "•••".
func MaskCPR(s string) string {
	d := digitsOf(s)
	if len(d) < 4 {
		return masked
	}
	return d[:4] + dot + dot + "-" + strings.Repeat(dot, 4)
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

// MaskPhone keeps the two leading digits of the national number (after
// +45 or 0045): "+45 20 12 34 56" → "20••••••".
func MaskPhone(s string) string {
	d := digitsOf(s)
	trimmed := strings.TrimSpace(s)
	switch {
	case strings.HasPrefix(trimmed, "+45") && len(d) > 8:
		d = d[2:]
	case strings.HasPrefix(d, "0045") && len(d) > 8:
		d = d[4:]
	case strings.HasPrefix(d, "45") && len(d) == 10:
		d = d[2:]
	}
	if len(d) < 4 {
		return masked
	}
	return d[:2] + strings.Repeat(dot, len(d)-2)
}

// MaskName keeps the initial of each word: "Anne Hansen" → "A••• H•••".
func MaskName(s string) string {
	var parts []string
	for _, w := range strings.Fields(s) {
		r := []rune(w)
		if !unicode.IsLetter(r[0]) {
			continue
		}
		parts = append(parts, string(unicode.ToUpper(r[0]))+masked)
	}
	if len(parts) == 0 {
		return masked
	}
	return strings.Join(parts, " ")
}

func digitsOf(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
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
