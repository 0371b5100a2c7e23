package testfiles

import (
	"fmt"
	"strings"
)

// DecodeSeed reads a Go fuzz corpus file (testdata/fuzz/FuzzX/…) that
// holds one []byte value, and returns the value.
func DecodeSeed(seed []byte) ([]byte, error) {
	s := strings.TrimSpace(string(seed))
	head, body, ok := strings.Cut(s, "\n")
	if !ok || head != "go test fuzz v1" || !strings.HasPrefix(body, "[]byte(") || !strings.HasSuffix(body, ")") {
		return nil, fmt.Errorf("not a corpus file of one []byte")
	}
	var out string
	if _, err := fmt.Sscanf(strings.TrimSuffix(strings.TrimPrefix(body, "[]byte("), ")"), "%q", &out); err != nil {
		return nil, err
	}
	return []byte(out), nil
}
