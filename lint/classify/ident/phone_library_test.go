package ident

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// TestPhoneMetadataAgreesWithLibrary compares saglig's reading of the
// metadata with github.com/nyaruka/phonenumbers (the same libphonenumber
// release) on every territory's sampled numbers and on random digits.
func TestPhoneMetadataAgreesWithLibrary(t *testing.T) {
	m := phoneMeta()
	for cc := range 1000 {
		if phoneCallingCode(cc) != phonenumbers.GetSupportedCallingCodes()[cc] {
			t.Errorf("calling code %d", cc)
		}
	}
	for region := range phonenumbers.GetSupportedRegions() {
		if phoneCodeForRegion(region) != phonenumbers.GetCountryCodeForRegion(region) {
			t.Errorf("region %s", region)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	checked, valid := 0, 0
	check := func(cc int, nsn string) {
		num, ok := phoneNumber(cc, nsn)
		if !ok {
			return
		}
		checked++
		want := phonenumbers.IsValidNumber(num)
		if want {
			valid++
		}
		if got := validPhone(cc, nsn); got != want {
			t.Errorf("+%d %s: valid %v, library %v", cc, nsn, got, want)
		}
		for _, tr := range m.byCode[cc] {
			if tr.region == "001" {
				continue
			}
			if got, want := validPhoneForRegion(nsn, tr.region), phonenumbers.IsValidNumberForRegion(num, tr.region); got != want {
				t.Errorf("+%d %s in %s: valid %v, library %v", cc, nsn, tr.region, got, want)
			}
		}
	}
	for _, ts := range m.byCode {
		for _, tr := range ts {
			for _, c := range phoneCandidates(tr) {
				d := digitsOf(c.value)
				cc := strconv.Itoa(tr.code)
				d = strings.TrimPrefix(strings.TrimPrefix(d, "00"), cc)
				check(tr.code, d)
			}
			for range 50 {
				n := 4 + r.IntN(12)
				var b strings.Builder
				for range n {
					b.WriteByte(byte('0' + r.IntN(10)))
				}
				check(tr.code, b.String())
			}
		}
	}
	t.Logf("%d numbers compared, %d valid", checked, valid)
}
