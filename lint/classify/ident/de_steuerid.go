package ident

import "github.com/saglig/saglig/internal/i18n"

// German steuerliche Identifikationsnummer (Steuer-IdNr, § 139b AO): eleven
// digits, the first not 0; among the first ten, exactly one digit occurs
// twice or three times (three times not all side by side) and every other
// at most once; the eleventh is the ISO 7064 MOD 11,10 check digit
// (Bundeszentralamt für Steuern). Written bare or grouped (12 345 678 901).

func init() {
	register(&Recogniser{
		Kind: KindDESteuerID, Title: i18n.N("German tax identification numbers (Steuer-IdNr)"), Class: IdentityNumber,
		Check: checkDESteuerID, Mask: maskDigitsOnly,
		MinShare: 0.9, Chance: 0.005, PlainWeight: 1,
	})
}

// KindDESteuerID is the kind of German tax identification numbers.
const KindDESteuerID = "de-steuer-id"

// iso7064Mod1110 computes the ISO 7064 MOD 11,10 check digit of a digit
// string.
func iso7064Mod1110(d string) int {
	product := 10
	for i := 0; i < len(d); i++ {
		sum := (int(d[i]-'0') + product) % 10
		if sum == 0 {
			sum = 10
		}
		product = (2 * sum) % 11
	}
	check := 11 - product
	if check == 10 {
		return 0
	}
	return check
}

// steuerIDDigits reports whether the first ten digits follow the
// repetition rule.
func steuerIDDigits(d string) bool {
	var count [10]int
	for i := 0; i < 10; i++ {
		count[d[i]-'0']++
	}
	repeated := -1
	for digit, n := range count {
		switch {
		case n > 3:
			return false
		case n >= 2:
			if repeated >= 0 {
				return false
			}
			repeated = digit
		}
	}
	if repeated < 0 {
		return false
	}
	if count[repeated] == 3 {
		r := byte('0' + repeated)
		for i := 0; i+2 < 10; i++ {
			if d[i] == r && d[i+1] == r && d[i+2] == r {
				return false
			}
		}
	}
	return true
}

func checkDESteuerID(v string, _ bool) Verdict {
	d := v
	if !isDigits(v) {
		// 12 345 678 901 / 12/345/678/901
		d = digitsOf(v)
		for i := 0; i < len(v); i++ {
			if c := v[i]; (c < '0' || c > '9') && c != ' ' && c != '/' {
				return NoMatch
			}
		}
		if len(v)-len(d) > 3 {
			return NoMatch
		}
	}
	if len(d) != 11 || d[0] == '0' {
		return NoMatch
	}
	if steuerIDDigits(d) && iso7064Mod1110(d[:10]) == int(d[10]-'0') {
		return Valid
	}
	return Shaped
}
