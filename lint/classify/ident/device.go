package ident

import (
	"github.com/saglig/saglig/internal/i18n"
	"strconv"
	"strings"
)

// Device and cookie identifiers.
//
// Device ids: the mobile advertising ids — Apple's IDFA and Google's
// advertising id (GAID/AAID) — and most app-instance and device ids are
// UUIDs (RFC 9562: 8-4-4-4-12 hexadecimal digits, a version 1-8 and the
// RFC variant). A UUID says nothing about what it identifies: the same form
// serves as a record key or a pseudonym, so a UUID is Plain and a
// classifier needs the column's name (device_id, idfa, gaid,
// advertising_id, enheds_id) to call it a device id. The nil UUID (an
// advertising id with tracking limited) is only Shaped.
//
// Cookie ids: the Google Analytics client id of the _ga cookie
// (GA1.2.1234567890.1700000000, or the bare 1234567890.1700000000 that
// exports carry: a random number and the Unix time the cookie was set) and
// the Meta pixel's _fbp cookie (fb.1.1700000000000.1234567890). The time
// must lie between 2005 and 2040.

func init() {
	register(&Recogniser{
		Kind: KindDeviceID, Title: i18n.N("device ids (UUIDs: IDFA, GAID and the like)"), Class: OnlineIdentifier,
		Check: checkDeviceID, Mask: MaskUUID,
		MinShare: 0.9, Chance: 0.125, PlainWeight: 0.15,
	})
	register(&Recogniser{
		Kind: KindCookieID, Title: i18n.N("cookie ids (Google Analytics, Meta pixel)"), Class: OnlineIdentifier,
		Check: checkCookieID, Mask: MaskCookieID,
		MinShare: 0.9, Chance: 0.11, PlainWeight: 1,
	})
}

// Kinds of online identifiers.
const (
	KindDeviceID = "device-id"
	KindCookieID = "cookie-id"
)

// uuidShape reports whether v is 8-4-4-4-12 hexadecimal digits, optionally
// in braces.
func uuidShape(v string) (string, bool) {
	if len(v) == 38 && v[0] == '{' && v[37] == '}' {
		v = v[1:37]
	}
	if len(v) != 36 {
		return "", false
	}
	for i := 0; i < 36; i++ {
		switch i {
		case 8, 13, 18, 23:
			if v[i] != '-' {
				return "", false
			}
		default:
			if !isHex(v[i]) {
				return "", false
			}
		}
	}
	return strings.ToLower(v), true
}

func checkDeviceID(v string, _ bool) Verdict {
	u, ok := uuidShape(v)
	if !ok {
		return NoMatch
	}
	version, variant := u[14], u[19]
	if version < '1' || version > '8' || !strings.ContainsRune("89ab", rune(variant)) {
		return Shaped
	}
	return Plain
}

// MaskUUID keeps the version digit: "6f1c…-4…" → "••••••••-••••-4•••-••••-••••••••••••".
func MaskUUID(v string) string {
	u, ok := uuidShape(v)
	if !ok {
		return masked
	}
	return dots(8) + "-" + dots(4) + "-" + u[14:15] + dots(3) + "-" + dots(4) + "-" + dots(12)
}

// Cookie times must lie in 2005-01-01 … 2040-01-01 (Unix seconds).
const (
	cookieFrom = 1104537600
	cookieTo   = 2208988800
)

func plausibleUnix(s string, millis bool) bool {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return false
	}
	if millis {
		n /= 1000
	}
	return n >= cookieFrom && n < cookieTo
}

// cookieParts splits a cookie id into its fields and tells which form it
// has: "ga" or "fbp".
func cookieParts(v string) (form string, f []string) {
	if len(v) < 15 || len(v) > 60 {
		return "", nil
	}
	f = strings.Split(v, ".")
	switch {
	case len(f) == 4 && strings.EqualFold(f[0], "GA1") && isDigits(f[1]) && isDigits(f[2]) && isDigits(f[3]):
		return "ga", f[2:]
	case len(f) == 2 && isDigits(f[0]) && isDigits(f[1]) && len(f[0]) >= 6 && len(f[0]) <= 10 && len(f[1]) == 10:
		return "ga", f
	case len(f) == 4 && f[0] == "fb" && isDigits(f[1]) && len(f[2]) == 13 && isDigits(f[2]) && isDigits(f[3]):
		return "fbp", f[2:]
	}
	return "", nil
}

func checkCookieID(v string, _ bool) Verdict {
	form, f := cookieParts(v)
	switch form {
	case "ga":
		if plausibleUnix(f[1], false) {
			return Valid
		}
		return Shaped
	case "fbp":
		if plausibleUnix(f[0], true) {
			return Valid
		}
		return Shaped
	}
	return NoMatch
}

// MaskCookieID keeps the form and hides the numbers:
// "GA1.2.1234567890.1700000000" → "GA1.•.••••••••••.••••••••••".
func MaskCookieID(v string) string {
	form, f := cookieParts(v)
	switch form {
	case "ga":
		return "GA1." + dot + "." + dots(len(f[0])) + "." + dots(len(f[1]))
	case "fbp":
		return "fb." + dot + "." + dots(len(f[0])) + "." + dots(len(f[1]))
	}
	return masked
}
