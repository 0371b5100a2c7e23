package ident

import (
	_ "embed"
	"github.com/saglig/saglig/internal/i18n"
	"strconv"
	"strings"
	"sync"
)

// International Bank Account Numbers (ISO 13616): a country code, two check
// digits and the country's BBAN, of the length and structure SWIFT's IBAN
// Registry gives for that country (data/iban_registry.tsv, every IBAN
// country), with the whole passing ISO 7064 MOD 97-10. Written compact or
// in groups of four.

func init() {
	register(&Recogniser{
		Kind: KindIBAN, Title: i18n.N("IBANs (bank account numbers)"), Class: FinancialAccount,
		Check: checkIBAN, Mask: MaskIBAN,
		MinShare: 0.9, Chance: 0.0103, PlainWeight: 1,
	})
}

// KindIBAN is the kind of IBANs.
const KindIBAN = "iban"

//go:embed data/iban_registry.tsv
var ibanRegistryTSV string

type ibanCountry struct {
	length int
	bban   []ibanSegment
}

type ibanSegment struct {
	n    int
	kind byte // n: digits, a: capital letters, c: digits and letters
}

var ibanRegistry = sync.OnceValue(func() map[string]ibanCountry {
	out := map[string]ibanCountry{}
	for _, f := range readTSV("data/iban_registry.tsv", ibanRegistryTSV) {
		n, err := strconv.Atoi(f[1])
		if err != nil {
			panic("ident: data/iban_registry.tsv: bad length " + f[1])
		}
		out[f[0]] = ibanCountry{length: n, bban: parseBBAN(f[2])}
	}
	return out
})

// parseBBAN reads a registry structure such as 4!n9!n1!n.
func parseBBAN(s string) []ibanSegment {
	var out []ibanSegment
	for s != "" {
		i := strings.IndexByte(s, '!')
		if i <= 0 || i+1 >= len(s) {
			panic("ident: data/iban_registry.tsv: bad BBAN structure " + s)
		}
		n, err := strconv.Atoi(s[:i])
		if err != nil {
			panic("ident: data/iban_registry.tsv: bad BBAN structure " + s)
		}
		out = append(out, ibanSegment{n, s[i+1]})
		s = s[i+2:]
	}
	return out
}

func (c ibanCountry) matches(bban string) bool {
	for _, seg := range c.bban {
		if len(bban) < seg.n {
			return false
		}
		for i := 0; i < seg.n; i++ {
			ch := bban[i]
			digit, letter := ch >= '0' && ch <= '9', ch >= 'A' && ch <= 'Z'
			if (seg.kind == 'n' && !digit) || (seg.kind == 'a' && !letter) || (seg.kind == 'c' && !digit && !letter) {
				return false
			}
		}
		bban = bban[seg.n:]
	}
	return bban == ""
}

// ibanCompact removes the spaces of the print form and upper-cases.
func ibanCompact(v string) (string, bool) {
	if len(v) < 15 || len(v) > 42 {
		return "", false
	}
	b := make([]byte, 0, len(v))
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c == ' ':
			continue
		case c >= 'a' && c <= 'z':
			c -= 'a' - 'A'
		case (c < 'A' || c > 'Z') && (c < '0' || c > '9'):
			return "", false
		}
		b = append(b, c)
	}
	s := string(b)
	if len(s) < 15 || len(s) > 34 || s[0] < 'A' || s[0] > 'Z' || s[1] < 'A' || s[1] > 'Z' || !isDigits(s[2:4]) {
		return "", false
	}
	return s, true
}

// mod97 is the ISO 7064 MOD 97-10 remainder of an IBAN: the first four
// characters moved to the end, letters read as 10-35.
func mod97(s string) int {
	r := 0
	for _, c := range s[4:] + s[:4] {
		if c >= 'A' {
			r = (r*100 + int(c-'A') + 10) % 97
		} else {
			r = (r*10 + int(c-'0')) % 97
		}
	}
	return r
}

func checkIBAN(v string, _ bool) Verdict {
	s, ok := ibanCompact(v)
	if !ok {
		return NoMatch
	}
	c, known := ibanRegistry()[s[:2]]
	if !known {
		return NoMatch
	}
	if len(s) == c.length && c.matches(s[4:]) && mod97(s) == 1 {
		return Valid
	}
	return Shaped
}

// MaskIBAN keeps the country code and the first four characters of the
// BBAN (in most countries the bank's code): "DK50 0040 0440 1162 43" →
// "DK•• 0040 ••••••••••".
func MaskIBAN(v string) string {
	s, ok := ibanCompact(v)
	if !ok {
		return masked
	}
	return s[:2] + dots(2) + " " + s[4:8] + " " + dots(len(s)-8)
}
