package identtest

// Package identtest generates valid, near-miss and random values of every
// identifier package ident recognises, for tests: ident's own, the
// classifier's and the redaction audits. Check digits are computed here
// from the published rules, written apart from the implementation (by
// search over candidate digits, with math/big for the IBAN) and without
// importing it, so that a shared mistake cannot make both agree. All
// values are synthetic.

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"strings"
)

// Generator makes values of one identifier kind (ident's Kind names).
type Generator struct {
	Kind string
	// Valid returns a value that must validate.
	Valid func(r *rand.Rand) string
	// NearMiss returns a value one step from valid (a wrong check digit,
	// an impossible date, a forbidden prefix) that must not validate.
	NearMiss func(r *rand.Rand) string
	// Random returns a value of the identifier's shape drawn uniformly,
	// for the chance rate and the false-positive rate of columns.
	Random func(r *rand.Rand) string
}

// Generators returns a generator for every identifier kind.
func Generators() []Generator { return generators }

// deIDAlphabet is the character set of German document numbers.
const deIDAlphabet = "0123456789CFGHJKLMNPRTVWXYZ"

func digits(r *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + r.IntN(10))
	}
	return string(b)
}

func randomDate(r *rand.Rand, from, to int) (y, m, d int) {
	y = from + r.IntN(to-from+1)
	m = 1 + r.IntN(12)
	days := []int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m-1]
	if m == 2 && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		days = 29
	}
	return y, m, 1 + r.IntN(days)
}

// luhnDigit finds the digit that makes body+digit pass Luhn, by trying
// all ten and summing the doubled digits' digit sums.
func luhnDigit(body string) byte {
	for c := byte('0'); c <= '9'; c++ {
		s := body + string(c)
		total := 0
		for i := 0; i < len(s); i++ {
			n := int(s[len(s)-1-i] - '0')
			if i%2 == 1 {
				n = n*2/10 + n*2%10
			}
			total += n
		}
		if total%10 == 0 {
			return c
		}
	}
	panic("no Luhn digit")
}

func bump(c byte) byte { return '0' + (c-'0'+1)%10 }

// weighted returns Σ w[i]·digit[i].
func weighted(s string, w []int) int {
	t := 0
	for i, x := range w {
		t += x * int(s[i]-'0')
	}
	return t
}

func cprCentury(r *rand.Rand, y int) byte {
	switch {
	case y < 1937:
		return "0123"[r.IntN(4)]
	case y < 2000:
		return "01234"[r.IntN(5)] // 4 and 9 hold 1937-1999 as well
	default: // 2000-2036: 4, 9 or 5-8
		return "45678"[r.IntN(5)]
	}
}

var generators = []Generator{
	{Kind: "cpr",
		Valid: func(r *rand.Rand) string {
			y, m, d := randomDate(r, 1900, 2030)
			s := fmt.Sprintf("%02d%02d%02d%c%s", d, m, y%100, cprCentury(r, y), digits(r, 3))
			if r.IntN(2) == 0 {
				return s[:6] + "-" + s[6:]
			}
			return s
		},
		NearMiss: func(r *rand.Rand) string {
			return fmt.Sprintf("%02d%02d%s-%s", 32+r.IntN(68), 1+r.IntN(12), digits(r, 2), digits(r, 4))
		},
		Random: func(r *rand.Rand) string { return digits(r, 10) },
	},
	{Kind: "se-personnummer",
		Valid: func(r *rand.Rand) string {
			y, m, d := randomDate(r, 1920, 2024)
			if r.IntN(4) == 0 {
				d += 60 // samordningsnummer
			}
			body := fmt.Sprintf("%02d%02d%02d%s", y%100, m, d, digits(r, 3))
			s := body + string(luhnDigit(body))
			switch r.IntN(4) {
			case 0:
				return s[:6] + "-" + s[6:]
			case 1:
				return fmt.Sprint(y/100) + s
			case 2:
				return fmt.Sprint(y/100) + s[:6] + "-" + s[6:]
			}
			return s
		},
		NearMiss: func(r *rand.Rand) string {
			y, m, d := randomDate(r, 1920, 2024)
			body := fmt.Sprintf("%02d%02d%02d%s", y%100, m, d, digits(r, 3))
			return body[:6] + "-" + body[6:] + string(bump(luhnDigit(body)))
		},
		Random: func(r *rand.Rand) string { return digits(r, 6) + "-" + digits(r, 4) },
	},
	{Kind: "no-fodselsnummer",
		Valid: func(r *rand.Rand) string {
			for {
				y, m, d := randomDate(r, 1900, 2024)
				if r.IntN(4) == 0 {
					d += 40 // D-nummer
				}
				s := fmt.Sprintf("%02d%02d%02d%s", d, m, y%100, digits(r, 3))
				k1 := (11 - weighted(s, []int{3, 7, 6, 1, 8, 9, 4, 5, 2})%11) % 11
				if k1 == 10 {
					continue
				}
				s += fmt.Sprint(k1)
				k2 := (11 - weighted(s, []int{5, 4, 3, 2, 7, 6, 5, 4, 3, 2})%11) % 11
				if k2 == 10 {
					continue
				}
				return s + fmt.Sprint(k2)
			}
		},
		Random: func(r *rand.Rand) string { return digits(r, 11) },
	},
	{Kind: "fi-henkilotunnus",
		Valid: func(r *rand.Rand) string {
			y, m, d := randomDate(r, 1850, 2024)
			sign := map[int]string{18: "+", 19: "-YXWVU", 20: "ABCDEF"}[y/100]
			ind := fmt.Sprintf("%03d", 2+r.IntN(898))
			n := 0
			fmt.Sscanf(fmt.Sprintf("%02d%02d%02d%s", d, m, y%100, ind), "%d", &n)
			check := "0123456789ABCDEFHJKLMNPRSTUVWXY"[n%31]
			return fmt.Sprintf("%02d%02d%02d%c%s%c", d, m, y%100, sign[r.IntN(len(sign))], ind, check)
		},
		Random: func(r *rand.Rand) string {
			return digits(r, 6) + "-" + digits(r, 3) + string("0123456789ABCDEFHJKLMNPRSTUVWXY"[r.IntN(31)])
		},
	},
	{Kind: "nl-bsn",
		Valid: func(r *rand.Rand) string {
			for {
				s := digits(r, 8)
				for c := byte('0'); c <= '9'; c++ {
					if (weighted(s, []int{9, 8, 7, 6, 5, 4, 3, 2})-int(c-'0'))%11 == 0 && s+string(c) != "000000000" {
						return s + string(c)
					}
				}
			}
		},
		Random: func(r *rand.Rand) string { return digits(r, 9) },
	},
	{Kind: "de-steuer-id",
		Valid: func(r *rand.Rand) string {
			for {
				// ten digits: one digit twice, eight others once, first not 0
				perm := r.Perm(10)
				pick := perm[:9]
				twice := pick[r.IntN(9)]
				ds := append([]int{}, pick...)
				ds = append(ds, twice)
				r.Shuffle(len(ds), func(i, j int) { ds[i], ds[j] = ds[j], ds[i] })
				if ds[0] == 0 {
					continue
				}
				var b strings.Builder
				for _, x := range ds {
					b.WriteByte(byte('0' + x))
				}
				return b.String() + string(steuerCheck(b.String()))
			}
		},
		NearMiss: func(r *rand.Rand) string {
			// all ten digits distinct: breaks the repetition rule
			perm := r.Perm(10)
			if perm[0] == 0 {
				perm[0], perm[1] = perm[1], perm[0]
			}
			var b strings.Builder
			for _, x := range perm {
				b.WriteByte(byte('0' + x))
			}
			return b.String() + string(steuerCheck(b.String()))
		},
		Random: func(r *rand.Rand) string { return string(byte('1'+r.IntN(9))) + digits(r, 10) },
	},
	{Kind: "de-id-card",
		Valid: func(r *rand.Rand) string {
			s := string("LMNPRTVWXY"[r.IntN(10)])
			for range 8 {
				s += string(deIDAlphabet[r.IntN(len(deIDAlphabet))])
			}
			return s + string(mrzDigit(s))
		},
		Random: func(r *rand.Rand) string {
			s := string("LMNPRTVWXY"[r.IntN(10)])
			for range 8 {
				s += string(deIDAlphabet[r.IntN(len(deIDAlphabet))])
			}
			return s + digits(r, 1)
		},
	},
	{Kind: "us-ssn",
		Valid: func(r *rand.Rand) string {
			area := 1 + r.IntN(899)
			for area == 666 {
				area = 1 + r.IntN(899)
			}
			return fmt.Sprintf("%03d-%02d-%04d", area, 1+r.IntN(99), 1+r.IntN(9999))
		},
		NearMiss: func(r *rand.Rand) string {
			switch r.IntN(4) {
			case 0:
				return fmt.Sprintf("000-%02d-%04d", 1+r.IntN(99), 1+r.IntN(9999))
			case 1:
				return fmt.Sprintf("666-%02d-%04d", 1+r.IntN(99), 1+r.IntN(9999))
			case 2:
				return fmt.Sprintf("%03d-%02d-%04d", 900+r.IntN(100), 1+r.IntN(99), 1+r.IntN(9999))
			}
			return fmt.Sprintf("%03d-00-%04d", 1+r.IntN(665), 1+r.IntN(9999))
		},
		Random: func(r *rand.Rand) string { return digits(r, 3) + "-" + digits(r, 2) + "-" + digits(r, 4) },
	},
	{Kind: "uk-nino",
		Valid: func(r *rand.Rand) string {
			first, second := "ABCEGHJKLMNOPRSTWXYZ", "ABCEGHJKLMNPRSTWXYZ"
			for {
				p := string(first[r.IntN(len(first))]) + string(second[r.IntN(len(second))])
				if strings.Contains("BG GB KN NK NT TN ZZ", p) {
					continue
				}
				if r.IntN(2) == 0 {
					return p + " " + digits(r, 2) + " " + digits(r, 2) + " " + digits(r, 2) + " " + string("ABCD"[r.IntN(4)])
				}
				return p + digits(r, 6) + string("ABCD"[r.IntN(4)])
			}
		},
		NearMiss: func(r *rand.Rand) string {
			bad := []string{"DA", "FA", "IA", "QA", "UA", "VA", "AD", "AO", "BG", "GB", "NK", "TN", "ZZ"}
			return bad[r.IntN(len(bad))] + digits(r, 6) + string("ABCD"[r.IntN(4)])
		},
		Random: func(r *rand.Rand) string {
			return string(byte('A'+r.IntN(26))) + string(byte('A'+r.IntN(26))) + digits(r, 6) + string("ABCD"[r.IntN(4)])
		},
	},
	{Kind: "iban", Valid: genIBAN, NearMiss: func(r *rand.Rand) string {
		s := genIBAN(r)
		s = strings.ReplaceAll(s, " ", "")
		i := len(s) - 1 - r.IntN(4) // change one BBAN digit: MOD 97 catches every single change
		return s[:i] + string(bump(s[i])) + s[i+1:]
	}, Random: func(r *rand.Rand) string { return "DK" + digits(r, 16) }},
	{Kind: "dk-bank-account",
		Valid: func(r *rand.Rand) string {
			return fmt.Sprintf("%04d", 1+r.IntN(9998)) + []string{"-", " "}[r.IntN(2)] + digits(r, 6+r.IntN(5))
		},
		NearMiss: func(r *rand.Rand) string { return "0000-" + digits(r, 10) },
		Random:   func(r *rand.Rand) string { return digits(r, 4) + "-" + digits(r, 10) },
	},
	{Kind: "payment-card",
		Valid: func(r *rand.Rand) string {
			prefix := []string{"4", "4571", "5019", "51", "55", "2221", "34", "37"}[r.IntN(8)]
			n := 16
			if prefix[0] == '3' {
				n = 15
			}
			body := prefix + digits(r, n-1-len(prefix))
			s := body + string(luhnDigit(body))
			if r.IntN(2) == 0 && n == 16 {
				return s[:4] + " " + s[4:8] + " " + s[8:12] + " " + s[12:]
			}
			return s
		},
		NearMiss: func(r *rand.Rand) string {
			body := "4" + digits(r, 14)
			return body + string(bump(luhnDigit(body)))
		},
		Random: func(r *rand.Rand) string { return digits(r, 16) },
	},
	{Kind: "phone",
		Valid: func(r *rand.Rand) string {
			switch r.IntN(8) {
			case 0:
				// 26-28: wholly allocated mobile ranges (libphonenumber's data lists
				// allocated ranges, not every eight-digit number)
				return "+45 2" + string("678"[r.IntN(3)]) + " " + digits(r, 2) + " " + digits(r, 2) + " " + digits(r, 2)
			case 1:
				return "+46 70 " + digits(r, 3) + " " + digits(r, 2) + " " + digits(r, 2)
			case 2:
				return "+47 9" + digits(r, 2) + " " + digits(r, 2) + " " + digits(r, 3)
			case 3:
				return "+358 40 " + digits(r, 7)
			case 4:
				return "+49 151 " + digits(r, 8)
			case 5:
				return "+31 6 " + string("12345"[r.IntN(5)]) + digits(r, 7)
			case 6:
				return "+44 7400 " + digits(r, 6)
			}
			return "+1 212 " + string("23456789"[r.IntN(8)]) + "0" + digits(r, 1) + " " + digits(r, 4) // no N11 exchange
		},
		NearMiss: func(r *rand.Rand) string { return "+45 2" + digits(r, 5) }, // seven digits: too short
		Random:   func(r *rand.Rand) string { return "+" + digits(r, 11) },
	},
	{Kind: "email",
		Valid: func(r *rand.Rand) string {
			return word(r, 2) + "." + word(r, 2) + fmt.Sprint(r.IntN(100)) + "@" + word(r, 2) + "." + []string{"dk", "se", "com", "org", "example"}[r.IntN(5)]
		},
		NearMiss: func(r *rand.Rand) string { return word(r, 2) + "@" + word(r, 3) },
		Random:   func(r *rand.Rand) string { return word(r, 2) + "@" + word(r, 2) + "." + word(r, 1) },
	},
	{Kind: "street-address",
		Valid: func(r *rand.Rand) string {
			stem := strings.ToUpper(word(r, 1)[:1]) + word(r, 2)
			switch r.IntN(6) {
			case 0:
				return fmt.Sprintf("%sgade %d, %d. tv, %04d København K", stem, 1+r.IntN(150), 1+r.IntN(5), 1000+r.IntN(8999))
			case 1:
				return fmt.Sprintf("%svej %d%c", stem, 1+r.IntN(150), "ABC"[r.IntN(3)])
			case 2:
				return fmt.Sprintf("%sgatan %d, %03d %02d Stockholm", stem, 1+r.IntN(150), 100+r.IntN(899), r.IntN(100))
			case 3:
				return fmt.Sprintf("%sstraße %d, %05d Berlin", stem, 1+r.IntN(150), 10000+r.IntN(89999))
			case 4:
				return fmt.Sprintf("%sstraat %d, %04d AB Amsterdam", stem, 1+r.IntN(150), 1000+r.IntN(8999))
			}
			return fmt.Sprintf("%d %s Road", 1+r.IntN(150), stem)
		},
		NearMiss: func(r *rand.Rand) string {
			return fmt.Sprintf("%s %d %s", []string{"Order", "Room", "Batch", "Invoice"}[r.IntN(4)], 1+r.IntN(999), word(r, 2))
		},
		Random: func(r *rand.Rand) string { return fmt.Sprintf("%s %d", word(r, 3), 1+r.IntN(200)) },
	},
	{Kind: "ip-address",
		Valid: func(r *rand.Rand) string {
			if r.IntN(3) == 0 {
				return fmt.Sprintf("2a02:%x:%x::%x", r.IntN(65536), r.IntN(65536), 1+r.IntN(65535))
			}
			return fmt.Sprintf("%d.%d.%d.%d", 1+r.IntN(126), r.IntN(256), r.IntN(256), 1+r.IntN(254))
		},
		NearMiss: func(r *rand.Rand) string {
			return fmt.Sprintf("%d.%d.%d.%d", 256+r.IntN(700), r.IntN(256), r.IntN(256), r.IntN(256))
		},
		Random: func(r *rand.Rand) string {
			return fmt.Sprintf("%d.%d.%d.%d", r.IntN(1000), r.IntN(1000), r.IntN(1000), r.IntN(1000))
		},
	},
	{Kind: "mac-address",
		Valid: func(r *rand.Rand) string {
			b := make([]string, 6)
			for i := range b {
				b[i] = fmt.Sprintf("%02x", r.IntN(256))
			}
			return strings.Join(b, []string{":", "-"}[r.IntN(2)])
		},
		NearMiss: func(r *rand.Rand) string { return "00:00:00:00:00:00" },
		Random: func(r *rand.Rand) string {
			b := make([]string, 6)
			for i := range b {
				b[i] = fmt.Sprintf("%02x", r.IntN(256))
			}
			return strings.Join(b, ":")
		},
	},
	{Kind: "device-id",
		Valid: func(r *rand.Rand) string {
			h := fmt.Sprintf("%016x%016x", r.Uint64(), r.Uint64())
			return h[:8] + "-" + h[8:12] + "-4" + h[13:16] + "-" + string("89ab"[r.IntN(4)]) + h[17:20] + "-" + h[20:]
		},
		NearMiss: func(r *rand.Rand) string {
			h := fmt.Sprintf("%016x%016x", r.Uint64(), r.Uint64())
			return h[:8] + "-" + h[8:12] + "-0" + h[13:16] + "-" + h[16:20] + "-" + h[20:]
		},
		Random: func(r *rand.Rand) string {
			h := fmt.Sprintf("%016x%016x", r.Uint64(), r.Uint64())
			return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
		},
	},
	{Kind: "cookie-id",
		Valid: func(r *rand.Rand) string {
			ts := 1262304000 + r.IntN(500000000)
			switch r.IntN(3) {
			case 0:
				return fmt.Sprintf("GA1.2.%d.%d", 100000000+r.IntN(1900000000), ts)
			case 1:
				return fmt.Sprintf("%d.%d", 100000000+r.IntN(1900000000), ts)
			}
			return fmt.Sprintf("fb.1.%d%03d.%d", ts, r.IntN(1000), r.IntN(2000000000))
		},
		NearMiss: func(r *rand.Rand) string {
			return fmt.Sprintf("GA1.2.%d.%d", 100000000+r.IntN(1900000000), 600000000+r.IntN(400000000))
		},
		Random: func(r *rand.Rand) string { return digits(r, 9) + "." + digits(r, 10) },
	},
	{Kind: "geo-coordinates",
		Valid: func(r *rand.Rand) string {
			lat, lon := 54.5+r.Float64()*3, 8+r.Float64()*7
			switch r.IntN(3) {
			case 0:
				return fmt.Sprintf("%.6f, %.6f", lat, lon)
			case 1:
				return fmt.Sprintf("POINT(%.5f %.5f)", lon, lat)
			}
			return fmt.Sprintf("%.4f %.4f", lat, lon)
		},
		NearMiss: func(r *rand.Rand) string {
			return fmt.Sprintf("%.2f, %.2f", 54.5+r.Float64()*3, 8+r.Float64()*7)
		},
		Random: func(r *rand.Rand) string {
			return fmt.Sprintf("%.6f, %.6f", r.Float64()*1000-500, r.Float64()*1000-500)
		},
	},
}

func init() {
	// Near misses made from a valid value by changing its check digit or
	// check character: the check must catch every such change.
	bumpLast := func(valid func(*rand.Rand) string) func(*rand.Rand) string {
		return func(r *rand.Rand) string {
			v := valid(r)
			return v[:len(v)-1] + string(bump(v[len(v)-1]))
		}
	}
	for i := range generators {
		g := &generators[i]
		switch g.Kind {
		case "no-fodselsnummer", "nl-bsn", "de-id-card":
			g.NearMiss = bumpLast(g.Valid)
		case "fi-henkilotunnus":
			valid := g.Valid
			g.NearMiss = func(r *rand.Rand) string {
				v := valid(r)
				const chars = "0123456789ABCDEFHJKLMNPRSTUVWXY"
				k := strings.IndexByte(chars, v[10])
				return v[:10] + string(chars[(k+1)%len(chars)])
			}
		}
	}
}

// steuerCheck computes the ISO 7064 MOD 11,10 check digit by the
// standard's validation rule: the digit c with which the recursion over all
// eleven digits (S = P + d; P = 2·(S mod 10, or 10) mod 11, from P = 10)
// ends in S ≡ 1 (mod 10).
func steuerCheck(s string) byte {
	for c := byte('0'); c <= '9'; c++ {
		p, last := 10, 0
		for _, x := range s + string(c) {
			last = (p + int(x-'0')) % 10
			if last == 0 {
				last = 10
			}
			p = last * 2 % 11
		}
		if last%10 == 1 {
			return c
		}
	}
	panic("no MOD 11,10 digit")
}

// mrzDigit is the ICAO 9303 check digit: weights 7, 3, 1; A=10 … Z=35.
func mrzDigit(s string) byte {
	total := 0
	for i, c := range s {
		v := strings.IndexRune("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", c)
		total += v * []int{7, 3, 1}[i%3]
	}
	return byte('0' + total%10)
}

// genIBAN makes an IBAN for a few countries, computing the check digits
// with math/big: 98 − (BBAN + country + "00" as a number) mod 97.
func genIBAN(r *rand.Rand) string {
	countries := []struct{ cc, bban string }{
		{"DK", digits(r, 14)}, {"DE", digits(r, 18)}, {"NO", digits(r, 11)}, {"FI", digits(r, 14)},
		{"SE", digits(r, 20)}, {"NL", "ABNA" + digits(r, 10)}, {"GB", "NWBK" + digits(r, 14)},
		{"FR", digits(r, 10) + "ABCDEFGHIJK" + digits(r, 2)},
	}
	c := countries[r.IntN(len(countries))]
	var num strings.Builder
	for _, ch := range c.bban + c.cc + "00" {
		if ch >= 'A' && ch <= 'Z' {
			fmt.Fprint(&num, int(ch-'A')+10)
		} else {
			num.WriteRune(ch)
		}
	}
	n, _ := new(big.Int).SetString(num.String(), 10)
	check := 98 - int(new(big.Int).Mod(n, big.NewInt(97)).Int64())
	s := fmt.Sprintf("%s%02d%s", c.cc, check, c.bban)
	if r.IntN(2) == 0 {
		var b strings.Builder
		for i := 0; i < len(s); i += 4 {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(s[i:min(i+4, len(s))])
		}
		return b.String()
	}
	return s
}

var wordSyllables = []string{"ka", "vu", "ril", "mo", "zan", "tre", "lis", "dor", "fex", "bly", "nor", "sy"}

func word(r *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(wordSyllables[r.IntN(len(wordSyllables))])
	}
	return b.String()
}

// Digits returns n random decimal digits.
func Digits(r *rand.Rand, n int) string { return digits(r, n) }

// Column returns n distinct valid values of a generator, drawn from a
// generator seeded with seed, so that tests get the same values every run.
func Column(g Generator, n int, seed uint64) []string {
	r := rand.New(rand.NewPCG(seed, uint64(len(g.Kind))))
	seen := map[string]bool{}
	var out []string
	for tries := 0; len(out) < n && tries < 20*n; tries++ {
		v := g.Valid(r)
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

// AuditColumn is a column of one identifier kind for the redaction audits.
type AuditColumn struct {
	Kind, Name string
	Values     []string
}

// auditNames are the columns' names: meaningless, except where the values
// alone are too common a shape to name the identifier (UUIDs, reg.+konto),
// where the usual name says what they are.
var auditNames = map[string]string{"device-id": "device_id", "dk-bank-account": "kontonummer"}

// AuditColumns returns a column of n valid values for every kind, named x01,
// x02, … (or by auditNames), and the strings no output may contain: every
// value and, for values with six or more digits, their digits alone.
func AuditColumns(n int, seed uint64) (cols []AuditColumn, secrets []string) {
	for i, g := range generators {
		vals := make([]string, n)
		r := rand.New(rand.NewPCG(seed, uint64(i)))
		for j := range vals {
			vals[j] = g.Valid(r)
			secrets = append(secrets, vals[j])
			var d strings.Builder
			for _, c := range vals[j] {
				if c >= '0' && c <= '9' {
					d.WriteRune(c)
				}
			}
			if d.Len() >= 6 {
				secrets = append(secrets, d.String())
			}
		}
		name := fmt.Sprintf("x%02d", i+1)
		if n, ok := auditNames[g.Kind]; ok {
			name = n
		}
		cols = append(cols, AuditColumn{Kind: g.Kind, Name: name, Values: vals})
	}
	return cols, secrets
}
