package classify

import (
	"testing"

	"github.com/saglig/saglig/lint/classify/ident"
)

func TestMask(t *testing.T) {
	tests := []struct {
		name string
		fn   func(string) string
		in   string
		want string
	}{
		{"cpr", ident.MaskCPR, "010190-1234", "0101••-••••"},
		{"cpr ten digits", ident.MaskCPR, "0101901234", "0101••-••••"},
		{"cpr too short", ident.MaskCPR, "12", "•••"},
		{"cpr no digits", ident.MaskCPR, "abcd", "•••"},
		{"email", ident.MaskEmail, "bo@example.dk", "b•••@•••.dk"},
		{"email upper tld", ident.MaskEmail, "Anne.H@Kommune.DK", "A•••@•••.dk"},
		{"email odd tld", ident.MaskEmail, "x@host.local123", "x•••@•••"},
		{"email no at", ident.MaskEmail, "not-an-email", "•••"},
		{"email empty local", ident.MaskEmail, "@example.dk", "•••"},
		{"email trailing at", ident.MaskEmail, "bo@", "•••"},
		{"phone", ident.MaskPhone, "20123456", "20••••••"},
		{"phone +45 spaced", ident.MaskPhone, "+45 20 12 34 56", "+45 20••••••"},
		{"phone 0045", ident.MaskPhone, "004520123456", "+45 20••••••"},
		{"phone short", ident.MaskPhone, "123", "•••"},
		{"name", MaskName, "Anne Hansen", "A••• H•••"},
		{"name lower", MaskName, "søren jensen", "S••• J•••"},
		{"name empty", MaskName, "  ", "•••"},
	}
	for _, tt := range tests {
		if got := tt.fn(tt.in); got != tt.want {
			t.Errorf("%s: %q → %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestMaskDispatch(t *testing.T) {
	tests := []struct{ detector, in, want string }{
		{DetectorCPR, "010190-1234", "0101••-••••"},
		{DetectorEmail, "bo@example.dk", "b•••@•••.dk"},
		{DetectorPhone, "+4520123456", "+45 20••••••"},
		{DetectorPersonName, "Anne Hansen", "A••• H•••"},
		{DetectorGender, "Kvinde", "kvinde"}, // the vocabulary entry, not the raw text
		{DetectorGender, "something else", "•••"},
		{DetectorCountry, "Tyrkiet", "TR"},
		{DetectorCountry, "dnk", "DK"},
		{DetectorCountry, "Atlantis", "•••"},
		{DetectorOrigin, "Indvandrere fra vestlige lande", "vestlige lande"},
		{DetectorPostcode, "8000", "8•••"},
		{DetectorMunicipality, "751", "7••"},
		{DetectorMunicipality, "Aarhus", "•••"},
		{DetectorBirthDate, "1987-04-12", "198•-••-••"},
		{DetectorBirthDate, "not a date", "•••"},
		{DetectorAge, "43", "••"},
		{"no-such-detector", "secret", "•••"},
		{"", "secret", "•••"},
	}
	for _, tt := range tests {
		if got := Mask(tt.detector, tt.in); got != tt.want {
			t.Errorf("Mask(%q, %q) = %q, want %q", tt.detector, tt.in, got, tt.want)
		}
	}
}
