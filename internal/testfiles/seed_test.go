package testfiles

import (
	"bytes"
	"testing"
)

func TestDecodeSeed(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []byte
		ok   bool
	}{
		{"go test fuzz v1\n[]byte(\"PAR1\\x00\\xff\")\n", []byte("PAR1\x00\xff"), true},
		{"go test fuzz v1\n[]byte(\"\")", []byte{}, true},
		{"go test fuzz v1\nstring(\"x\")\n", nil, false},
		{"[]byte(\"x\")\n", nil, false},
		{"go test fuzz v1\n[]byte(x)\n", nil, false},
	} {
		got, err := DecodeSeed([]byte(tt.in))
		if (err == nil) != tt.ok {
			t.Errorf("DecodeSeed(%q) error %v, want ok=%v", tt.in, err, tt.ok)
			continue
		}
		if tt.ok && !bytes.Equal(got, tt.want) {
			t.Errorf("DecodeSeed(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
