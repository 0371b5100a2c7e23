package ident

import "github.com/saglig/saglig/internal/i18n"

import "strings"

// MAC addresses (EUI-48): six hexadecimal octets separated by colons or
// hyphens (a4:83:e7:12:34:56), or three groups of four separated by dots
// (a483.e712.3456). The all-zero and broadcast addresses are only Shaped.

func init() {
	register(&Recogniser{
		Kind: KindMAC, Title: i18n.N("MAC addresses"), Class: OnlineIdentifier,
		Check: checkMAC, Mask: MaskMAC,
		MinShare: 0.9, Chance: 1, PlainWeight: 1,
	})
}

// KindMAC is the kind of MAC addresses.
const KindMAC = "mac-address"

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// macHex returns the twelve hex digits of a MAC address, lower-cased.
func macHex(v string) (string, bool) {
	var b []byte
	switch len(v) {
	case 17:
		sep := v[2]
		if sep != ':' && sep != '-' {
			return "", false
		}
		for i := 0; i < 17; i++ {
			if i%3 == 2 {
				if v[i] != sep {
					return "", false
				}
				continue
			}
			if !isHex(v[i]) {
				return "", false
			}
			b = append(b, v[i])
		}
	case 14:
		for i := 0; i < 14; i++ {
			if i%5 == 4 {
				if v[i] != '.' {
					return "", false
				}
				continue
			}
			if !isHex(v[i]) {
				return "", false
			}
			b = append(b, v[i])
		}
	default:
		return "", false
	}
	return strings.ToLower(string(b)), true
}

func checkMAC(v string, _ bool) Verdict {
	h, ok := macHex(v)
	if !ok {
		return NoMatch
	}
	if h == "000000000000" || h == "ffffffffffff" {
		return Shaped
	}
	return Valid
}

// MaskMAC keeps the first three octets, the manufacturer's OUI:
// "a4:83:e7:12:34:56" → "a4:83:e7:••:••:••".
func MaskMAC(v string) string {
	h, ok := macHex(v)
	if !ok {
		return masked
	}
	return h[0:2] + ":" + h[2:4] + ":" + h[4:6] + ":" + dot + dot + ":" + dot + dot + ":" + dot + dot
}
