package ident

import "github.com/saglig/saglig/internal/i18n"

// Danish bank account numbers, registreringsnummer + kontonummer: a
// four-digit reg.nr., a separator (hyphen, space, slash or dot) and an
// account number of six to ten digits (1234-0001234567, 1234 1234567).
//
// What can be validated is only the structure. The account number's check
// rule differs from bank to bank (modulus 11 for some, none published for
// others) and the register of reg.nr. is kept by Finans Danmark without an
// open edition, so a reg.+konto-shaped value passes as Plain: the shape is
// common to other codes, and a classifier needs the column's name as well
// (reg_nr, kontonummer). Bare fourteen-digit strings are not recognised.
// A Danish account written as an IBAN (DK50 0040 …) is recognised, with its
// check digits, by the IBAN recogniser.

func init() {
	register(&Recogniser{
		Kind: KindDKAccount, Title: i18n.N("Danish bank account numbers (reg.nr. and konto)"), Class: FinancialAccount,
		Check: checkDKAccount, Mask: MaskDKAccount,
		MinShare: 0.9, Chance: 0.99, PlainWeight: 0.15,
	})
}

// KindDKAccount is the kind of Danish reg.+konto numbers.
const KindDKAccount = "dk-bank-account"

func dkAccount(v string) (reg, konto string, ok bool) {
	if len(v) < 11 || len(v) > 16 || !isDigits(v[:4]) {
		return "", "", false
	}
	switch v[4] {
	case '-', ' ', '/', '.':
	default:
		return "", "", false
	}
	k := v[5:]
	if len(k) > 0 && k[0] == ' ' {
		k = k[1:]
	}
	if len(k) < 6 || len(k) > 10 || !isDigits(k) {
		return "", "", false
	}
	return v[:4], k, true
}

func checkDKAccount(v string, _ bool) Verdict {
	reg, konto, ok := dkAccount(v)
	if !ok {
		return NoMatch
	}
	if reg == "0000" || konto == "0000000000"[:len(konto)] {
		return Shaped
	}
	return Plain
}

// MaskDKAccount keeps the reg.nr. (it names a bank branch, not a person):
// "1234-0001234567" → "1234-••••••••••".
func MaskDKAccount(v string) string {
	reg, konto, ok := dkAccount(v)
	if !ok {
		return masked
	}
	return reg + "-" + dots(len(konto))
}
