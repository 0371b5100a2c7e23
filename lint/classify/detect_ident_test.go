package classify

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/saglig/saglig/lint/classify/ident"
	"github.com/saglig/saglig/lint/classify/ident/identtest"
)

// nameNeeded lists the kinds whose values alone are too common a shape to
// name the identifier (docs/classification.md): the column's name must
// say what they are.
var nameNeeded = map[string]string{
	ident.KindDeviceID:  "device_id",
	ident.KindDKAccount: "kontonummer",
}

// TestIdentifierColumns: every recogniser finds a column of its values
// under a meaningless name (or, for the kinds in nameNeeded, under its usual
// name), masks its examples, and a column of near misses is not called that
// identifier.
func TestIdentifierColumns(t *testing.T) {
	for _, g := range identtest.Generators() {
		t.Run(g.Kind, func(t *testing.T) {
			vals := identtest.Column(g, 200, 3)
			name := "a1"
			if n, ok := nameNeeded[g.Kind]; ok {
				name = n
				r := Classify(Column{Name: "a1", Type: "string", Kind: KindText, Sample: vals}, Options{})
				if r.Identifier == g.Kind {
					t.Errorf("a1: %s from values alone: %s", g.Kind, r.Explanation)
				}
			}
			r := Classify(Column{Name: name, Type: "string", Kind: KindText, Sample: vals}, Options{})
			if r.Identifier != g.Kind {
				t.Fatalf("%s: identifier %q, want %q: %s", name, r.Identifier, g.Kind, r.Explanation)
			}
			want := "identifier"
			if g.Kind == ident.KindPhone || g.Kind == ident.KindEmail || g.Kind == ident.KindAddress {
				want = "contact"
			}
			if r.Category != want {
				t.Errorf("category %q, want %q: %s", r.Category, want, r.Explanation)
			}
			out := r.Explanation.String() + fmt.Sprint(r.Values)
			for _, v := range vals {
				if strings.Contains(out, v) {
					t.Fatalf("the result shows the raw value %q: %s", v, out)
				}
			}
			rng := rand.New(rand.NewPCG(4, 4))
			var near []string
			for range 200 {
				near = append(near, g.NearMiss(rng))
			}
			if r := Classify(Column{Name: "a1", Type: "string", Kind: KindText, Sample: near}, Options{}); r.Identifier == g.Kind {
				t.Errorf("near misses called %s: %s", g.Kind, r.Explanation)
			}
		})
	}
}

func TestIdentifierNames(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	random9 := make([]string, 100)
	for i := range random9 {
		random9[i] = identtest.Digits(r, 9)
	}
	lat := make([]string, 100)
	coarse := make([]string, 100)
	for i := range lat {
		lat[i] = fmt.Sprintf("%.6f", 54.5+r.Float64()*3)
		coarse[i] = fmt.Sprintf("%.2f", 54.5+r.Float64()*3)
	}
	tests := []struct {
		name   string
		sample []string
		want   string
	}{
		{"bsn", random9, ""}, // random nine-digit codes are no BSNs, whatever the name
		{"breddegrad", lat, ident.KindGeo},
		{"latitude", coarse, ""}, // two decimals: about 1 km, not precise location data
		{"bsn", nil, ident.KindNLBSN},
		{"ip_adresse", nil, ident.KindIP},
		{"steuer_idnr", nil, ident.KindDESteuerID},
		{"henkilotunnus", nil, ident.KindFIHenkilotunnus},
		{"kortnummer", nil, ident.KindCard},
	}
	for _, tt := range tests {
		got := Classify(Column{Name: tt.name, Type: "string", Kind: KindText, Sample: tt.sample}, Options{})
		if got.Identifier != tt.want {
			t.Errorf("%s (%d values): identifier %q, want %q: %s", tt.name, len(tt.sample), got.Identifier, tt.want, got.Explanation)
		}
	}
}
