package ident

import (
	_ "embed"
	"github.com/saglig/saglig/internal/i18n"
	"regexp"
	"strings"
	"sync"
)

// Street addresses in the common Danish, Norwegian, Swedish, German, Dutch
// and English forms: a street named by a street word (data/street_types.tsv:
// -vej, -gade, -gatan, -veien, -straße, Str., -straat, -laan, Street, Road,
// …) with a house number — after the street (Nørregade 12B, Hauptstr. 5a)
// or, in English, before it (221B Baker Street) — optionally followed by
// floor and side (3. tv, st. th., 2 sal) and a postcode and town
// (1165 København K, 114 55 Stockholm, 10115 Berlin, 1015 CJ Amsterdam,
// London SW1A 2AA). Valid: a street with a house number. Shaped: a street
// word without a house number, or a house number and postcode without a
// recognised street word (Am Hang 3, 12345 Berlin).

func init() {
	register(&Recogniser{
		Kind: KindAddress, Title: i18n.N("street addresses"), Class: ContactDetail,
		Check: checkAddress, Mask: MaskAddress,
		MinShare: 0.6, Chance: 0.01, PlainWeight: 1,
	})
}

// KindAddress is the kind of street addresses.
const KindAddress = "street-address"

//go:embed data/street_types.tsv
var streetTypesTSV string

type streetWords struct {
	suffix []string        // compound endings, longest first
	word   map[string]bool // whole words
}

var streetTypes = sync.OnceValue(func() streetWords {
	w := streetWords{word: map[string]bool{}}
	for _, f := range readTSV("data/street_types.tsv", streetTypesTSV) {
		switch f[2] {
		case "suffix":
			w.suffix = append(w.suffix, f[1])
			w.word[f[1]] = true
		case "word":
			w.word[f[1]] = true
		default:
			panic("ident: data/street_types.tsv: bad kind " + f[2])
		}
	}
	// Longest first, so that -vejen is found before -vej.
	for i := 1; i < len(w.suffix); i++ {
		for j := i; j > 0 && len(w.suffix[j]) > len(w.suffix[j-1]); j-- {
			w.suffix[j], w.suffix[j-1] = w.suffix[j-1], w.suffix[j]
		}
	}
	return w
})

var addressFold = strings.NewReplacer("æ", "ae", "Æ", "ae", "ø", "o", "Ø", "o", "å", "a", "Å", "a",
	"ä", "a", "Ä", "a", "ö", "o", "Ö", "o", "ü", "u", "Ü", "u", "ß", "ss", "é", "e", "É", "e")

// streetWord returns the street word a token is or ends with ("gade" for
// "Nørregade"), or "".
func streetWord(tok string) string {
	f := strings.ToLower(addressFold.Replace(tok))
	st := streetTypes()
	if st.word[f] {
		return f
	}
	for _, s := range st.suffix {
		if len(f) > len(s)+2 && strings.HasSuffix(f, s) && isLetters(f[:len(f)-len(s)]) {
			return s
		}
	}
	return ""
}

func isLetters(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z') && r < 0x80 {
			return false
		}
	}
	return s != ""
}

var (
	houseNumberRe = regexp.MustCompile(`^[0-9]{1,4}[A-Za-z]?(?:[-/][0-9]{1,4}[A-Za-z]?)?,?$`)
	postcodeRe    = regexp.MustCompile(`(?:^|[\s,])(?:[0-9]{4,5}|[0-9]{3} [0-9]{2}|[0-9]{4} ?[A-Z]{2}|[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2})(?:[\s,]|$)`)
)

// addressParts finds the street word and whether a house number stands
// next to it: after it (Nørregade 12) or at the start, before the street's
// name (221B Baker Street).
func addressParts(v string) (street string, number, postcode bool) {
	toks := strings.Fields(strings.ReplaceAll(v, ",", " , "))
	for i, t := range toks {
		s := streetWord(t)
		if s == "" {
			continue
		}
		after := i+1 < len(toks) && houseNumberRe.MatchString(toks[i+1])
		before := i >= 2 && houseNumberRe.MatchString(toks[0])
		if after || before {
			return s, true, postcodeRe.MatchString(v)
		}
		if street == "" {
			street = s
		}
	}
	return street, false, postcodeRe.MatchString(v)
}

func checkAddress(v string, integer bool) Verdict {
	if integer || len(v) < 5 || len(v) > 120 || !strings.ContainsAny(v, "0123456789") {
		return NoMatch
	}
	street, number, postcode := addressParts(v)
	switch {
	case street != "" && number:
		return Valid
	case street != "" || (postcode && hasHouseNumber(v)):
		return Shaped
	}
	return NoMatch
}

func hasHouseNumber(v string) bool {
	for _, t := range strings.Fields(strings.ReplaceAll(v, ",", " ")) {
		if houseNumberRe.MatchString(t) && len(t) <= 4 {
			return true
		}
	}
	return false
}

// MaskAddress keeps the street word and the first digit of a postcode:
// "Nørregade 12, 3. tv, 1165 København K" → "•••gade ••, 1••• •••".
func MaskAddress(v string) string {
	street, number, _ := addressParts(v)
	if street == "" {
		return masked
	}
	out := masked + street
	if number {
		out += " " + dots(2)
	}
	if m := postcodeRe.FindString(v); m != "" {
		pc := strings.Trim(m, " ,")
		if pc[0] >= '0' && pc[0] <= '9' {
			out += ", " + pc[:1] + dots(3) + " " + masked
		} else {
			out += ", " + masked
		}
	}
	return out
}
