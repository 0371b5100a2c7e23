package classify

import (
	"regexp"
)

func init() {
	register(&Detector{
		Name:   DetectorCPR,
		Doc:    "Danish CPR numbers DDMMYY-SSSS or ten digits (nine in integer columns) whose date is valid",
		Kinds:  []Kind{KindText, KindInt, KindFloat},
		Mask:   MaskCPR,
		Detect: detectCPR,
	})
}

// DetectorCPR is the CPR-number detector's name.
const DetectorCPR = "cpr"

// Thresholds: at least cprMinShaped of the values CPR-shaped and at least
// cprMinValid valid dates. A full match is a certain identifier, so the
// strength is the share itself.
const (
	cprMinShaped = 0.5
	cprMinValid  = 0.8
)

var cprRe = regexp.MustCompile(`^(\d{6})[- ]?(\d{4})$`)

// cprDigits returns the ten digits of a CPR-shaped value. Integer columns
// lose the leading zero of days 01-09, so nine digits are padded there.
func cprDigits(v string, k Kind) (string, bool) {
	if k == KindInt && len(v) == 9 && isDigits(v) {
		v = "0" + v
	}
	m := cprRe.FindStringSubmatch(v)
	if m == nil {
		return "", false
	}
	return m[1] + m[2], true
}

// validCPRDate checks the birth date a CPR number encodes, with the century
// given by the seventh digit (CPR-kontoret's table). Modulus 11 is not
// checked: it is not used for numbers issued since 2007.
func validCPRDate(d string) bool {
	day := atoi2(d[0:2])
	month := atoi2(d[2:4])
	yy := atoi2(d[4:6])
	c := d[6] - '0'
	var year int
	switch {
	case c <= 3:
		year = 1900 + yy
	case c == 4 || c == 9:
		if yy <= 36 {
			year = 2000 + yy
		} else {
			year = 1900 + yy
		}
	default: // 5-8
		if yy <= 57 {
			year = 2000 + yy
		} else {
			year = 1800 + yy
		}
	}
	return validDate(year, month, day)
}

func atoi2(s string) int { return int(s[0]-'0')*10 + int(s[1]-'0') }

func detectCPR(in *Input) []Evidence {
	s := in.Sample
	shaped := 0
	ok, share := s.Match(func(i int, v, _ string) bool {
		d, isCPR := cprDigits(v, in.Kind)
		if !isCPR {
			return false
		}
		shaped += s.count[i]
		return validCPRDate(d)
	})
	if s.Share(shaped) < cprMinShaped || share < cprMinValid {
		return nil
	}
	return []Evidence{{
		Category: "identifier", Identifier: IdentCPR, Share: share, Strength: share,
		Detail: "CPR-like, " + pct(share) + " valid dates", Matched: ok,
	}}
}
