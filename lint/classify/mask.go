package classify

import (
	"strings"
	"unicode"

	"github.com/saglig/saglig/lint/classify/ident"
)

// The masking dot. Masked values never contain a run of raw characters long
// enough to identify a person.
const dot = "•"

// masked is what an unmaskable value becomes.
const masked = dot + dot + dot

// MaskCPR keeps the day and month of a CPR number: "010190-1234" →
// "0101••-••••" (ident.MaskCPR).
func MaskCPR(s string) string { return ident.MaskCPR(s) }

// MaskEmail keeps the first letter of the local part and a short alphabetic
// top-level domain: "bo@example.dk" → "b•••@•••.dk" (ident.MaskEmail).
func MaskEmail(s string) string { return ident.MaskEmail(s) }

// MaskPhone keeps the country calling code, when written, and the first
// two digits of the national number: "+45 20 12 34 56" → "+45 20••••••"
// (ident.MaskPhone).
func MaskPhone(s string) string { return ident.MaskPhone(s) }

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
