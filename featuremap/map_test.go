package featuremap

import (
	"testing"
	"time"
)

func TestLookup(t *testing.T) {
	m, err := Parse("saglig.yaml", []byte(lines(
		"version: 1",
		"features:",
		"  emb_*:",
		"  emb_1*:",
		"  emb_12:",
		"  address.*:",
		"  a?c:",
		"  \"*\":",
		"  x*y:",
		"  x*:",
		"  ab*:",
		"  a*c:",
	)))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		column string
		want   string // the key that declares it
	}{
		{"emb_12", "emb_12"},              // exact beats any glob
		{"emb_13", "emb_1*"},              // longest glob wins
		{"emb_2", "emb_*"},                // shorter glob when the longer does not match
		{"address.postcode", "address.*"}, // * crosses dots
		{"address.geo.lat", "address.*"},  // * crosses several dots
		{"abc", "a?c"},                    // a?c, ab*, a*c tie on length: the first written wins
		{"abbc", "ab*"},                   // a?c does not match: ? is exactly one character
		{"adc", "a?c"},
		{"addc", "a*c"},
		{"xzy", "x*y"}, // longest of the matching globs (x*y beats x*)
		{"xz", "x*"},
		{"anything", "*"},
		{"", "*"},
	}
	for _, tt := range tests {
		f := m.Lookup(tt.column)
		if f == nil || f.Key != tt.want {
			t.Errorf("Lookup(%q) = %v, want %q", tt.column, f, tt.want)
		}
	}
	empty := &Map{}
	if f := empty.Lookup("age"); f != nil {
		t.Errorf("Lookup on an empty map = %v", f)
	}
	if f := (&Map{Features: []*Feature{{Key: "age"}, {Key: "a*", Glob: true}}}).Lookup("ages"); f == nil || f.Key != "a*" {
		t.Errorf("Lookup(ages) = %v", f)
	}
}

func TestGlobMatch(t *testing.T) {
	tests := []struct {
		pattern, name string
		want          bool
	}{
		{"a*", "a.b.c", true},
		{"a?", "ab", true},
		{"a?", "abc", false},
		{"a?", "a", false},
		{"a[1]", "a[1]", true}, // brackets are literal
		{"a[1]", "a1", false},
		{`a\b`, `a\b`, true}, // so is a backslash
		{"a/*", "a/b/c", true},
		{"*.lat", "geo.lat", true},
		{"*.lat", "geo.lon", false},
	}
	for _, tt := range tests {
		if got := GlobMatch(tt.pattern, tt.name); got != tt.want {
			t.Errorf("GlobMatch(%q, %q) = %v, want %v", tt.pattern, tt.name, got, tt.want)
		}
	}
}

func TestAllowed(t *testing.T) {
	tests := []struct {
		name string
		p    Purpose
		want []string
	}{
		{"defaults to context", Purpose{Context: "employment"}, []string{"employment"}},
		{"explicit list", Purpose{Context: "employment", AllowedContexts: []string{"education", "tax"}}, []string{"education", "tax"}},
		{"empty list defaults", Purpose{Context: "health", AllowedContexts: []string{}}, []string{"health"}},
		{"nothing", Purpose{}, nil},
	}
	for _, tt := range tests {
		got := tt.p.Allowed()
		if len(got) != len(tt.want) {
			t.Errorf("%s: Allowed() = %q, want %q", tt.name, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%s: Allowed() = %q, want %q", tt.name, got, tt.want)
			}
		}
	}
}

func TestMissing(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"", true},
		{"   \n", true},
		{"TODO", true},
		{"TODO: who decides", true},
		{"  todo fill in", true},
		{"A caseworker decides.", false},
		{"Nothing TODO here", false},
	}
	for _, tt := range tests {
		if got := Missing(tt.s); got != tt.want {
			t.Errorf("Missing(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestWaiverExpired(t *testing.T) {
	day := func(y int, m time.Month, d int) *time.Time {
		t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		return &t
	}
	cph := time.FixedZone("CEST", 2*3600)
	tests := []struct {
		name    string
		expires *time.Time
		today   time.Time
		want    bool
	}{
		{"no expiry", nil, time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC), false},
		{"before", day(2027, 6, 30), time.Date(2027, 6, 29, 12, 0, 0, 0, time.UTC), false},
		{"on the day, late evening", day(2027, 6, 30), time.Date(2027, 6, 30, 23, 59, 0, 0, time.UTC), false},
		{"on the day in another zone", day(2027, 6, 30), time.Date(2027, 6, 30, 23, 30, 0, 0, cph), false},
		{"the day after", day(2027, 6, 30), time.Date(2027, 7, 1, 0, 0, 1, 0, time.UTC), true},
		{"long after", day(2020, 1, 1), time.Date(2027, 7, 1, 0, 0, 0, 0, time.UTC), true},
	}
	for _, tt := range tests {
		w := Waiver{Expires: tt.expires}
		if got := w.Expired(tt.today); got != tt.want {
			t.Errorf("%s: Expired = %v, want %v", tt.name, got, tt.want)
		}
	}
}
