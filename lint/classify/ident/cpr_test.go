package ident

import "testing"

func TestCPRDate(t *testing.T) {
	tests := []struct {
		digits string
		want   bool
	}{
		{"0101900000", true},  // 1 Jan 1990
		{"3112990000", true},  // 31 Dec 1999
		{"3202900000", false}, // no 32 Feb
		{"2902000000", false}, // 29 Feb 1900 (7th digit 0: 1900s), not a leap year
		{"2902004000", true},  // 29 Feb 2000 (7th digit 4, year 00: 2000s)
		{"2902009000", true},  // 7th digit 9, year 00: 2000
		{"2902975000", false}, // 7th digit 5, year 97: 1897, not a leap year
		{"2902925000", true},  // 1892 is a leap year
		{"0113900000", false}, // month 13
		{"0001900000", false}, // day 0
		{"3104900000", false}, // 31 April
	}
	for _, tt := range tests {
		if got := checkCPR(tt.digits, false) == Valid; got != tt.want {
			t.Errorf("checkCPR(%s) valid = %v, want %v", tt.digits, got, tt.want)
		}
	}
}
