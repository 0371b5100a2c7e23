package ident

import (
	"github.com/saglig/saglig/internal/i18n"
	"strconv"
	"strings"
)

// Precise geographic coordinates: a latitude and a longitude in decimal
// degrees in one value — "55.676098, 12.568337", "55.676098 12.568337",
// "(55.676098; 12.568337)", "[12.568337, 55.676098]" (GeoJSON order, read
// either way), "POINT(12.568337 55.676098)" (WKT, longitude first) — both
// in range and both with at least PreciseDecimals decimals. Four decimals
// are about 11 m of latitude (at 56° N, 6 m of longitude): a building.
// Pairs with fewer decimals are only Shaped: three decimals (about 110 m)
// place a person in a block, not at an address.
//
// A column of latitudes or of longitudes alone holds single numbers, which
// this recogniser does not take: any column of fractions has many
// decimals. PreciseDegrees lets a classifier check the values of a column
// whose name says latitude or longitude.

func init() {
	register(&Recogniser{
		Kind: KindGeo, Title: i18n.N("precise geographic coordinates"), Class: Location,
		Check: checkGeo, Mask: MaskGeo,
		MinShare: 0.9, Chance: 0.1, PlainWeight: 1,
	})
}

// KindGeo is the kind of precise coordinates.
const KindGeo = "geo-coordinates"

// PreciseDecimals is the least number of decimals a coordinate needs to be
// precise location data.
const PreciseDecimals = 4

// DecimalDegrees reads one coordinate: its value and its number of
// decimals.
func DecimalDegrees(s string) (deg float64, decimals int, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 24 {
		return 0, 0, false
	}
	dot := strings.IndexByte(s, '.')
	body := s
	if body[0] == '-' || body[0] == '+' {
		body = body[1:]
	}
	if dot >= 0 {
		decimals = len(s) - dot - 1
		if !isDigits(strings.Replace(body, ".", "", 1)) {
			return 0, 0, false
		}
	} else if !isDigits(body) {
		return 0, 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, 0, false
	}
	return f, decimals, true
}

// PreciseDegrees reports whether s is a single coordinate in [-limit, limit]
// with at least PreciseDecimals decimals.
func PreciseDegrees(s string, limit float64) bool {
	f, d, ok := DecimalDegrees(s)
	return ok && d >= PreciseDecimals && f >= -limit && f <= limit
}

// geoPair splits a value into its two coordinates, latitude first.
func geoPair(v string) (lat, lon string, ok bool) {
	if len(v) < 7 || len(v) > 80 {
		return "", "", false
	}
	s := v
	wkt := false
	if u := strings.ToUpper(s); strings.HasPrefix(u, "POINT") {
		s, wkt = strings.TrimSpace(s[5:]), true
	}
	s = strings.Trim(s, "()[] ")
	var a, b string
	switch {
	case strings.Contains(s, ","):
		a, b, _ = strings.Cut(s, ",")
	case strings.Contains(s, ";"):
		a, b, _ = strings.Cut(s, ";")
	default:
		f := strings.Fields(s)
		if len(f) != 2 {
			return "", "", false
		}
		a, b = f[0], f[1]
	}
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	if _, _, ok := DecimalDegrees(a); !ok {
		return "", "", false
	}
	if _, _, ok := DecimalDegrees(b); !ok {
		return "", "", false
	}
	if wkt || strings.HasPrefix(v, "[") {
		a, b = b, a
	}
	return a, b, true
}

func checkGeo(v string, _ bool) Verdict {
	lat, lon, ok := geoPair(v)
	if !ok {
		return NoMatch
	}
	la, dla, _ := DecimalDegrees(lat)
	lo, dlo, _ := DecimalDegrees(lon)
	if la < -90 || la > 90 || lo < -180 || lo > 180 {
		// GeoJSON written latitude first, or the other way round.
		if lo >= -90 && lo <= 90 && la >= -180 && la <= 180 {
			la, lo = lo, la
		} else {
			return NoMatch
		}
	}
	if dla == 0 || dlo == 0 {
		return NoMatch // whole numbers: a pair of counts, not degrees
	}
	if dla >= PreciseDecimals && dlo >= PreciseDecimals {
		return Valid
	}
	return Shaped
}

// MaskGeo keeps the whole degrees (a region some 100 km across):
// "55.676098, 12.568337" → "55.••••, 12.••••".
func MaskGeo(v string) string {
	lat, lon, ok := geoPair(v)
	if !ok {
		return masked
	}
	whole := func(s string) string {
		i := strings.IndexByte(s, '.')
		if i < 0 {
			return masked
		}
		return s[:i] + "." + dots(4)
	}
	return whole(lat) + ", " + whole(lon)
}
