package textfold

import "testing"

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"køn", "kon"}, {"koen", "kon"}, {"kön", "kon"}, {"KON", "kon"},
		{"gæld", "gald"}, {"aar", "ar"}, {"Straße", "strasse"}, {"café", "cafe"},
		{"already", "already"}, {"", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := Fold(Fold(tt.in)); got != Fold(tt.in) {
			t.Errorf("Fold is not idempotent on %q", tt.in)
		}
	}
}

func TestKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"African-American", "africanamerican"},
		{"african american", "africanamerican"},
		{"AFRICAN_AMERICAN", "africanamerican"},
		{" Own-child ", "ownchild"},
		{"Not.in.family", "notinfamily"},
		{"Søren", "soren"}, {"SOEREN", "soren"},
		{"O'Brien", "obrien"},
		{"Outlying-US(Guam-USVI-etc)", "outlyingusguamusvietc"},
		{"E11.9", "e119"},
		{"---", ""}, {"", ""},
		{"Ελλάδα", "ελλάδα"},
	}
	for _, tt := range tests {
		if got := Key(tt.in); got != tt.want {
			t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := Key(Key(tt.in)); got != Key(tt.in) {
			t.Errorf("Key is not idempotent on %q", tt.in)
		}
	}
}

func FuzzKey(f *testing.F) {
	for _, s := range []string{"Anne-Marie", "køn", "AE", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Key(s)
		if Key(k) != k {
			t.Errorf("Key(Key(%q)) = %q, want %q", s, Key(k), k)
		}
		if Fold(Fold(s)) != Fold(s) {
			t.Errorf("Fold not idempotent on %q", s)
		}
	})
}
