package ident

import "github.com/saglig/saglig/internal/i18n"

import "strings"

// United Kingdom National Insurance numbers: two prefix letters, six
// digits and a suffix A, B, C or D (HMRC, National Insurance Manual
// NIM39110). The first letter is not D, F, I, Q, U or V; the second not D,
// F, I, O, Q, U or V; the prefixes BG, GB, KN, NK, NT, TN and ZZ are not
// allocated. Spaces between the groups are allowed (QQ 12 34 56 C); the
// suffix may be missing.

func init() {
	register(&Recogniser{
		Kind: KindUKNINO, Title: i18n.N("UK National Insurance numbers"), Class: IdentityNumber,
		Check: checkUKNINO, Mask: MaskUKNINO,
		MinShare: 0.9, Chance: 0.55, PlainWeight: 1,
	})
}

// KindUKNINO is the kind of UK National Insurance numbers.
const KindUKNINO = "uk-nino"

func ninoCompact(v string) (string, bool) {
	if len(v) < 8 || len(v) > 13 {
		return "", false
	}
	c := strings.ToUpper(strings.ReplaceAll(v, " ", ""))
	if len(c) != 8 && len(c) != 9 {
		return "", false
	}
	if c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' || c[1] > 'Z' || !isDigits(c[2:8]) {
		return "", false
	}
	if len(c) == 9 && (c[8] < 'A' || c[8] > 'Z') {
		return "", false
	}
	return c, true
}

func checkUKNINO(v string, _ bool) Verdict {
	c, ok := ninoCompact(v)
	if !ok {
		return NoMatch
	}
	switch {
	case strings.IndexByte("DFIQUV", c[0]) >= 0, strings.IndexByte("DFIOQUV", c[1]) >= 0:
		return Shaped
	case strings.Contains(" BG GB KN NK NT TN ZZ ", " "+c[:2]+" "):
		return Shaped
	case len(c) == 9 && c[8] > 'D':
		return Shaped
	}
	return Valid
}

// MaskUKNINO keeps the prefix letters: "AB 12 34 56 C" → "AB••••••••".
func MaskUKNINO(s string) string {
	c, ok := ninoCompact(s)
	if !ok {
		return masked
	}
	return c[:2] + dots(len(c)-2)
}
