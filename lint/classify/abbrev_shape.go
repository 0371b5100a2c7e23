package classify

import "strings"

// The shapes of words and codes: vowels, consonant skeletons, where a
// compound's parts meet and where an abbreviation may cut a word
// (abbrev.go).

// isVowel reports whether b is a vowel (y included).
func isVowel(b byte) bool {
	switch b {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// skeleton is a word's consonant skeleton: its first letter, then its
// consonants without vowels, doubled letters once (health → hlth, religion
// → rlgn, parliament → prlmnt, occupation → ocptn).
func skeleton(w string) string {
	if w == "" {
		return ""
	}
	b := []byte{w[0]}
	for i := 1; i < len(w); i++ {
		c := w[i]
		if isVowel(c) || c == b[len(b)-1] {
			continue
		}
		b = append(b, c)
	}
	return string(b)
}

// vowelFree reports whether s has no vowel after its first letter.
func vowelFree(s string) bool {
	for i := 1; i < len(s); i++ {
		if isVowel(s[i]) {
			return false
		}
	}
	return true
}

// contracts reports whether p abbreviates w[from:] part by part: a prefix
// of at least 3 letters of the first part, then prefixes of at least 2
// letters of later parts, each starting where w's compound parts meet
// (boundary), at most parts in all: civ·st for civil·stand, fam·typ for
// familie·type, bost·bidr for bostads·bidrag, seng·dage for senge·dage.
func (ix *abbrevIndex) contracts(p, w string, from, parts int) bool {
	first := minAbbrevPiece
	if from > 0 {
		first = 2
	}
	if len(p) < first || from+first > len(w) || p[:first] != w[from:from+first] {
		return false
	}
	for a := first; a <= len(p) && from+a <= len(w); a++ {
		if p[a-1] != w[from+a-1] {
			return false
		}
		if a == len(p) {
			return from > 0 // the rest of p starts this part
		}
		if parts == 1 || len(p)-a < 2 {
			continue
		}
		for k := from + a + 1; k+2 <= len(w); k++ {
			if ix.boundary(w, k) && ix.contracts(p[a:], w, k, parts-1) {
				return true
			}
		}
	}
	return false
}

// boundary reports whether two compound parts of w meet at k: the first
// part (without a linking element) or the second is a vocabulary,
// phrase or structural word of at least 3 and 4 letters.
func (ix *abbrevIndex) boundary(w string, k int) bool {
	for _, l := range linkers {
		if strings.HasPrefix(w[k:], l) && ix.isWord(w[k+len(l):]) {
			return false // barn·e·trygd: the part starts after the linking element
		}
	}
	if k >= minAbbrevPiece && ix.isWord(w[:k]) {
		return true
	}
	for _, l := range linkers {
		if j := k - len(l); j >= minAbbrevPiece && w[j:k] == l && ix.isWord(w[:j]) {
			return true
		}
	}
	return len(w)-k >= minPart && ix.isWord(w[k:])
}

// modifierOnly reports whether prefix p of w names only the first part of
// a compound, not its head, which carries the meaning: it ends where w's
// parts meet (brutto·indkomst, civil·stand), or ends in or before a
// linking element (aktivitets·ersättning, sjuke·hus, bostad·s·bidrag).
func (ix *abbrevIndex) modifierOnly(p, w string) bool {
	if len(p) >= minAbbrevPiece && len(p) < len(w) && ix.boundary(w, len(p)) {
		return true
	}
	if len(p) >= 5 && len(w) >= len(p)+4 {
		switch p[len(p)-1] {
		case 's', 'e':
			return true
		}
		if w[len(p)] == 's' {
			return true // the linking element follows (bostad·s·bidrag, wirtschaft·s·zweig)
		}
	}
	return false
}

// syllableCut reports whether prefix p of w cuts w where abbreviations
// conventionally end: after a consonant, before a vowel (inc·ome, civ·il,
// statsb·orger), inside a doubled consonant (kom·mune), or late in the
// word (erhver·v, stillingsp·rosent: minLateCut of it). An early cut
// between two different consonants ends a word of its own more often than
// it abbreviates one: water·pokken, hoved·pine, wind·pocken are the words
// water, hoved (head) and wind.
func syllableCut(p, w string) bool {
	if len(p) >= len(w) {
		return true
	}
	last, next := p[len(p)-1], w[len(p)]
	return isVowel(next) || next == last || isVowel(last) || float64(len(p)) >= minLateCut*float64(len(w))
}

// vowels counts the vowels of s.
func vowels(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if isVowel(s[i]) {
			n++
		}
	}
	return n
}

// isLetters reports whether s is lower-case ASCII letters only.
func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}
