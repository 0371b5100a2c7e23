package ident

import (
	"github.com/saglig/saglig/internal/i18n"
	"net/netip"
	"strconv"
	"strings"
)

// IP addresses, IPv4 (dotted quad, no leading zeros) and IPv6 (RFC 4291
// text forms, zones allowed), parsed by net/netip. The unspecified,
// loopback and multicast addresses and the IPv4 broadcast address identify
// no one and are only Shaped, as are dotted quads with an octet above 255.

func init() {
	register(&Recogniser{
		Kind: KindIP, Title: i18n.N("IP addresses"), Class: OnlineIdentifier,
		Check: checkIP, Mask: MaskIP,
		MinShare: 0.9, Chance: 0.01, PlainWeight: 1,
	})
}

// KindIP is the kind of IP addresses.
const KindIP = "ip-address"

// dottedQuad reports whether v is four dot-separated runs of one to three
// digits.
func dottedQuad(v string) bool {
	parts := strings.Split(v, ".")
	if len(parts) != 4 {
		return false
	}
	for _, p := range parts {
		if len(p) == 0 || len(p) > 3 || !isDigits(p) {
			return false
		}
	}
	return true
}

func checkIP(v string, _ bool) Verdict {
	if len(v) < 2 || len(v) > 64 {
		return NoMatch
	}
	quad := dottedQuad(v)
	if !quad && strings.Count(v, ":") < 2 {
		return NoMatch
	}
	a, err := netip.ParseAddr(v)
	if err != nil {
		if quad {
			return Shaped
		}
		return NoMatch
	}
	if a.IsUnspecified() || a.IsLoopback() || a.IsMulticast() || a == netip.AddrFrom4([4]byte{255, 255, 255, 255}) {
		return Shaped
	}
	return Valid
}

// MaskIP keeps the first octet of an IPv4 address and the first group of an
// IPv6 address: "192.0.2.17" → "192.•.•.•", "2001:db8::1" → "2001:•••".
func MaskIP(v string) string {
	a, err := netip.ParseAddr(v)
	if err != nil {
		return masked
	}
	if a.Is4() {
		return strconv.Itoa(int(a.As4()[0])) + "." + dot + "." + dot + "." + dot
	}
	s := a.StringExpanded()
	return s[:4] + ":" + masked
}
