package classify

import "strings"

func init() {
	register(&Detector{
		Name:   DetectorPhone,
		Doc:    "Danish phone numbers: 8 digits starting 2-9, optionally +45/0045, spaces or dashes",
		Kinds:  []Kind{KindText, KindInt},
		Mask:   MaskPhone,
		Detect: detectPhone,
	})
}

// DetectorPhone is the Danish phone-number detector's name.
const DetectorPhone = "phone-dk"

// Numbers written as phone numbers (+45, spacing) say more than bare 8-digit
// numbers, which could be many things. A column where phoneMaxCVR of the
// numbers pass the CVR check holds company numbers; one where phoneMaxDates
// read as YYYYMMDD holds dates.
const (
	phoneWeight      = 0.9
	phoneBareWeight  = 0.6
	phoneMinShare    = 0.5
	phoneMinDistinct = 3
	phoneMaxCVR      = 0.9
	phoneMaxDates    = 0.5
	// phoneMinFormatted is the share of matches that must be written as
	// phone numbers for phoneWeight.
	phoneMinFormatted = 0.5
)

// phoneNumber returns the 8-digit national number of a Danish phone number
// and whether it was written with a +45/0045 prefix or spacing.
func phoneNumber(v string, k Kind) (num string, formatted, ok bool) {
	t := strings.TrimSpace(v)
	plus := strings.HasPrefix(t, "+")
	var b strings.Builder
	spaced := false
	for _, r := range t {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '-' || r == '.' || r == '(' || r == ')':
			spaced = true
		case r == '+' && b.Len() == 0:
		default:
			return "", false, false
		}
	}
	d := b.String()
	prefixed := false
	switch {
	case plus && len(d) == 10 && strings.HasPrefix(d, "45"):
		d, prefixed = d[2:], true
	case len(d) == 12 && strings.HasPrefix(d, "0045"):
		d, prefixed = d[4:], true
	case len(d) == 10 && strings.HasPrefix(d, "45") && k == KindText:
		d, prefixed = d[2:], true
	}
	if len(d) != 8 || d[0] < '2' {
		return "", false, false
	}
	return d, prefixed || spaced, true
}

// cvrValid reports whether 8 digits pass the CVR (company number) modulus-11
// check.
func cvrValid(d string) bool {
	w := []int{2, 7, 6, 5, 4, 3, 2, 1}
	sum := 0
	for i := 0; i < 8; i++ {
		sum += int(d[i]-'0') * w[i]
	}
	return sum%11 == 0
}

func detectPhone(in *Input) []Evidence {
	s := in.Sample
	k, formatted, cvr, dates := 0, 0, 0, 0
	ok, share := s.Match(func(i int, v, _ string) bool {
		d, f, isPhone := phoneNumber(v, in.Kind)
		if !isPhone {
			return false
		}
		c := s.count[i]
		k += c
		if f {
			formatted += c
		}
		if cvrValid(d) {
			cvr += c
		}
		if yyyymmdd(d) {
			dates += c
		}
		return true
	})
	fk := float64(k)
	if share < phoneMinShare || float64(cvr) >= phoneMaxCVR*fk || float64(dates) >= phoneMaxDates*fk || s.distinct < phoneMinDistinct {
		return nil
	}
	ev := Evidence{
		Category: "contact", Identifier: IdentPhone, Share: share, Matched: ok,
		Strength: phoneWeight * share, Detail: pct(share) + " Danish phone numbers",
	}
	if float64(formatted) < phoneMinFormatted*fk {
		ev.Strength, ev.Detail = phoneBareWeight*share, pct(share)+" 8-digit numbers shaped like Danish phone numbers"
	}
	return []Evidence{ev}
}
