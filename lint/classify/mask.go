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
