package ident

import (
	"github.com/saglig/saglig/lint/classify/ident/identtest"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestGenerated checks every recogniser against its generator: every valid
// value validates, no near miss does, and its mask hides the value.
func TestGenerated(t *testing.T) {
	if len(identtest.Generators()) != len(All()) {
		t.Errorf("%d generators for %d recognisers", len(identtest.Generators()), len(All()))
	}
	for _, g := range identtest.Generators() {
		t.Run(g.Kind, func(t *testing.T) {
			rec, ok := Lookup(g.Kind)
			if !ok {
				t.Fatalf("no recogniser %q", g.Kind)
			}
			r := rand.New(rand.NewPCG(15, uint64(len(g.Kind))))
			for range 2000 {
				v := g.Valid(r)
				if got := rec.Check(v, false); got != Valid && got != Plain {
					t.Fatalf("%q: %v, want it to validate", v, got)
				}
				m := rec.Mask(v)
				if m == v || leaks(v, m) {
					t.Fatalf("mask of %q is %q: it shows the value", v, m)
				}
				if g.NearMiss != nil {
					nm := g.NearMiss(r)
					if got := rec.Check(nm, false); got == Valid || got == Plain {
						t.Fatalf("near miss %q validates", nm)
					}
				}
			}
		})
	}
}

// leaks reports whether a mask shows a run of six or more of the value's
// digits or letters in a row (what would identify a person).
func leaks(v, mask string) bool {
	clean := func(s string) string {
		var b strings.Builder
		for _, r := range strings.ToLower(s) {
			if r >= '0' && r <= '9' || r >= 'a' && r <= 'z' {
				b.WriteRune(r)
			} else {
				b.WriteByte('|')
			}
		}
		return b.String()
	}
	cv, cm := clean(v), clean(mask)
	for _, run := range strings.Split(cm, "|") {
		if streetWord(run) == run {
			continue // a street word (straat, gatan) is vocabulary
		}
		if len(run) >= 6 && strings.Contains(cv, run) {
			return true
		}
	}
	return false
}

// TestChance measures, on random values of each identifier's shape, the
// share that validate, and checks the recogniser's declared Chance is not
// below it: the declared rate must never flatter the check.
func TestChance(t *testing.T) {
	for _, g := range identtest.Generators() {
		rec, _ := Lookup(g.Kind)
		r := rand.New(rand.NewPCG(7, uint64(len(g.Kind))))
		rate := chanceRate(rec, g, r, 20000)
		if rate > rec.Chance+0.01 {
			t.Errorf("%s: %.4f of random values validate, declared Chance %.4f", g.Kind, rate, rec.Chance)
		}
	}
}

func chanceRate(rec *Recogniser, g identtest.Generator, r *rand.Rand, n int) float64 {
	k := 0
	for range n {
		if v := rec.Check(g.Random(r), false); v == Valid || v == Plain {
			k++
		}
	}
	return float64(k) / float64(n)
}

// TestRandomBSNColumn: a column of random nine-digit codes is not a BSN,
// though about one in eleven passes the 11-proof.
func TestRandomBSNColumn(t *testing.T) {
	rec, _ := Lookup(KindNLBSN)
	r := rand.New(rand.NewPCG(9, 9))
	vals := make([]string, 500)
	for i := range vals {
		vals[i] = identtest.Digits(r, 9)
	}
	e := rec.Evaluate(vals, false)
	if e.Passes(rec) {
		t.Fatalf("random nine-digit codes pass as BSN: %+v", e)
	}
	all := Evidence{Distinct: len(vals)}
	for _, v := range vals {
		if rec.Check(v, false) == Valid {
			all.Valid++
		}
	}
	if s := all.Share(); s < 0.05 || s > 0.14 {
		t.Errorf("%.3f of random nine-digit codes pass the 11-proof, want about 1/11", s)
	}
}

func TestEvaluateStopsEarly(t *testing.T) {
	rec, _ := Lookup(KindIBAN)
	vals := []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}
	e := rec.Evaluate(vals, false)
	if !e.Stopped || e.Passes(rec) {
		t.Errorf("%+v: want an early stop", e)
	}
}

func TestMinDistinct(t *testing.T) {
	rec, _ := Lookup(KindIBAN)
	e := rec.Evaluate([]string{"DK5000400440116243", "DE89370400440532013000"}, false)
	if e.Valid != 2 || e.Passes(rec) {
		t.Errorf("%+v: two values validate but must not pass", e)
	}
}

func TestExamples(t *testing.T) {
	tests := []struct {
		kind, in string
		want     Verdict
		mask     string
	}{
		{KindCPR, "010190-1234", Valid, "0101••-••••"},
		{KindCPR, "320190-1234", Shaped, "3201••-••••"},
		{KindSEPersonnummer, "811218-9876", Valid, "••1218-••••"},
		{KindSEPersonnummer, "19811218-9876", Valid, "••••1218-••••"},
		{KindSEPersonnummer, "811218-9877", Shaped, "••1218-••••"},
		{KindNLBSN, "111222333", Valid, "•••••••••"},
		{KindNLBSN, "123456782", Valid, "•••••••••"},
		{KindNLBSN, "123456789", Shaped, "•••••••••"},
		{KindDESteuerID, "86095742719", Valid, "•••••••••••"},
		{KindDESteuerID, "86095742718", Shaped, "•••••••••••"},
		{KindDEIDCard, "T220001293", Valid, "T•••••••••"},
		{KindFIHenkilotunnus, "131052-308T", Valid, "1310••-••••"},
		{KindFIHenkilotunnus, "131052-308U", Shaped, "1310••-••••"},
		{KindUSSSN, "123-45-6789", Valid, "•••-••-••••"},
		{KindUSSSN, "666-45-6789", Shaped, "•••-••-••••"},
		{KindUSSSN, "123456789", Plain, "•••••••••"},
		{KindUKNINO, "AB 12 34 56 C", Valid, "AB•••••••"},
		{KindUKNINO, "QQ123456C", Shaped, "QQ•••••••"},
		{KindIBAN, "DK50 0040 0440 1162 43", Valid, "DK•• 0040 ••••••••••"},
		{KindIBAN, "GB82WEST12345698765432", Valid, "GB•• WEST ••••••••••••••"},
		{KindIBAN, "GB82WEST12345698765433", Shaped, "GB•• WEST ••••••••••••••"},
		{KindDKAccount, "1234-0001234567", Plain, "1234-••••••••••"},
		{KindCard, "4111 1111 1111 1111", Valid, "4111 •••• •••• ••••"},
		{KindCard, "4111 1111 1111 1112", Shaped, "4111 •••• •••• ••••"},
		{KindPhone, "+45 20 12 34 56", Valid, "+45 20••••••"},
		{KindPhone, "+46 70 123 45 67", Valid, "+46 70•••••••"},
		{KindPhone, "20123456", Plain, "20••••••"},
		{KindPhone, "2024-01-15", NoMatch, "20••••••"},
		{KindEmail, "bo@example.dk", Valid, "b•••@•••.dk"},
		{KindAddress, "Nørregade 12, 3. tv, 1165 København K", Valid, "•••gade ••, 1••• •••"},
		{KindAddress, "221B Baker Street, London NW1 6XE", Valid, "•••street ••, •••"},
		{KindAddress, "Hauptstr. 5a, 10115 Berlin", Valid, "•••str. ••, 1••• •••"},
		{KindIP, "192.0.2.17", Valid, "192.•.•.•"},
		{KindIP, "2001:db8::1", Valid, "2001:•••"},
		{KindIP, "127.0.0.1", Shaped, "127.•.•.•"},
		{KindMAC, "A4:83:E7:12:34:56", Valid, "a4:83:e7:••:••:••"},
		{KindDeviceID, "6F1C2B3A-8D4E-4F5A-9B6C-7D8E9F0A1B2C", Plain, "••••••••-••••-4•••-••••-••••••••••••"},
		{KindCookieID, "GA1.2.1234567890.1700000000", Valid, "GA1.•.••••••••••.••••••••••"},
		{KindGeo, "55.676098, 12.568337", Valid, "55.••••, 12.••••"},
		{KindGeo, "55.68, 12.57", Shaped, "55.••••, 12.••••"},
	}
	for _, tt := range tests {
		rec, ok := Lookup(tt.kind)
		if !ok {
			t.Fatalf("no %s", tt.kind)
		}
		if got := rec.Check(tt.in, false); got != tt.want {
			t.Errorf("%s %q: %v, want %v", tt.kind, tt.in, got, tt.want)
		}
		if got := rec.Mask(tt.in); got != tt.mask {
			t.Errorf("%s mask %q = %q, want %q", tt.kind, tt.in, got, tt.mask)
		}
	}
}

// TestIntegerColumns: integer columns lose leading zeros.
func TestIntegerColumns(t *testing.T) {
	for _, tt := range []struct{ kind, v string }{
		{KindCPR, "101901234"},  // 0101901234 without its leading zero
		{KindNLBSN, "12345674"}, // 012345674
		{KindSEPersonnummer, "512189874"},
		{KindNOFodselsnummer, "1019012345"},
	} {
		rec, _ := Lookup(tt.kind)
		if rec.Check(tt.v, true) == NoMatch {
			t.Errorf("%s: integer %s not read", tt.kind, tt.v)
		}
		if rec.Check(tt.v, false) != NoMatch {
			t.Errorf("%s: text %s read as the identifier", tt.kind, tt.v)
		}
	}
}
