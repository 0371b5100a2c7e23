package ident

import (
	_ "embed"
	"github.com/saglig/saglig/internal/i18n"
	"strconv"
	"strings"
	"sync"
)

// Payment card numbers (PAN, ISO/IEC 7812): 12 to 19 digits, bare or in
// groups separated by spaces or hyphens, whose leading digits fall in a
// card scheme's IIN range with a length that scheme issues
// (data/card_iin.tsv), and whose last digit is the Luhn check digit.

func init() {
	register(&Recogniser{
		Kind: KindCard, Title: i18n.N("payment card numbers"), Class: FinancialAccount,
		Check: checkCard, Mask: MaskCard,
		MinShare: 0.9, Chance: 0.03, PlainWeight: 1,
	})
}

// KindCard is the kind of payment card numbers.
const KindCard = "payment-card"

//go:embed data/card_iin.tsv
var cardIINTSV string

type iinRange struct {
	scheme        string
	from, to      string
	minLen, maxLn int
}

var cardRanges = sync.OnceValue(func() []iinRange {
	var out []iinRange
	for _, f := range readTSV("data/card_iin.tsv", cardIINTSV) {
		lo, hi, _ := strings.Cut(f[3], "-")
		if hi == "" {
			hi = lo
		}
		a, err1 := strconv.Atoi(lo)
		b, err2 := strconv.Atoi(hi)
		if err1 != nil || err2 != nil || len(f[1]) != len(f[2]) {
			panic("ident: data/card_iin.tsv: bad range " + strings.Join(f, " "))
		}
		out = append(out, iinRange{f[0], f[1], f[2], a, b})
	}
	return out
})

// CardScheme returns the scheme whose IIN range and lengths fit a card
// number's digits, or "".
func CardScheme(d string) string {
	for _, r := range cardRanges() {
		if len(d) < len(r.from) || len(d) < r.minLen || len(d) > r.maxLn {
			continue
		}
		p := d[:len(r.from)]
		if p >= r.from && p <= r.to {
			return r.scheme
		}
	}
	return ""
}

// cardDigits returns the digits of a card number written bare or in groups
// of digits separated by single spaces or hyphens.
func cardDigits(v string) (string, bool) {
	if len(v) < 12 || len(v) > 23 {
		return "", false
	}
	b := make([]byte, 0, 19)
	prevSep := true
	var sep byte
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c >= '0' && c <= '9':
			b = append(b, c)
			prevSep = false
		case (c == ' ' || c == '-') && !prevSep && (sep == 0 || sep == c):
			sep, prevSep = c, true
		default:
			return "", false
		}
	}
	if prevSep || len(b) < 12 || len(b) > 19 {
		return "", false
	}
	return string(b), true
}

func checkCard(v string, _ bool) Verdict {
	d, ok := cardDigits(v)
	if !ok {
		return NoMatch
	}
	if CardScheme(d) != "" && luhn(d) {
		return Valid
	}
	return Shaped
}

// MaskCard keeps the first four digits (the scheme and, often, the bank):
// "4571 2345 6789 0123" → "4571 •••• •••• ••••".
func MaskCard(v string) string {
	d, ok := cardDigits(v)
	if !ok {
		return masked
	}
	var b strings.Builder
	b.WriteString(d[:4])
	for i := 4; i < len(d); i++ {
		if i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteString(dot)
	}
	return b.String()
}
