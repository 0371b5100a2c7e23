package classify

import "regexp"

func init() {
	register(&Detector{
		Name:   DetectorEmail,
		Doc:    "e-mail addresses local@domain.tld",
		Kinds:  []Kind{KindText},
		Mask:   MaskEmail,
		Detect: detectEmail,
	})
}

// DetectorEmail is the e-mail detector's name.
const DetectorEmail = "email"

// An address shape is near-certain: a full match has strength emailWeight;
// below emailMinShare the column is not a column of addresses.
const (
	emailWeight   = 0.95
	emailMinShare = 0.5
)

var emailRe = regexp.MustCompile(`^[A-Za-z0-9._%+'\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}$`)

func detectEmail(in *Input) []Evidence {
	ok, share := in.Sample.Match(func(_ int, v, _ string) bool { return emailRe.MatchString(v) })
	if share < emailMinShare {
		return nil
	}
	return []Evidence{{
		Category: "contact", Identifier: IdentEmail, Share: share, Strength: emailWeight * share,
		Detail: pct(share) + " e-mail addresses", Matched: ok,
	}}
}
