package classify

import (
	"strings"
	"unicode"
)

func init() {
	register(&Detector{
		Name:   DetectorPersonName,
		Doc:    "person names: 1-4 words of letters with a common first name, or a common surname beside another name",
		Kinds:  []Kind{KindText},
		Mask:   MaskName,
		Detect: detectPersonName,
	})
}

// DetectorPersonName is the person-name detector's name.
const DetectorPersonName = "person-name"

const (
	personNameWeight      = 0.85
	personNameMinShare    = 0.5
	personNameMinDistinct = 3
	personNameMaxWords    = 4
)

func detectPersonName(in *Input) []Evidence {
	d := values()
	ok, share := in.Sample.Match(func(_ int, v, _ string) bool {
		ws := strings.Fields(strings.ReplaceAll(v, ",", " "))
		if len(ws) == 0 || len(ws) > personNameMaxWords {
			return false
		}
		first, surname := false, false
		for _, w := range ws {
			if !isNameWord(w) {
				return false
			}
			f := fold(w)
			first = first || d.firstNames[f]
			surname = surname || d.surnames[f]
		}
		// A common first name, or a common surname with another name
		// (Ayse Jensen).
		return first || (surname && len(ws) >= 2)
	})
	if share < personNameMinShare || in.Sample.distinct < personNameMinDistinct {
		return nil
	}
	return []Evidence{{
		Category: "identifier", Identifier: IdentName, Share: share, Strength: personNameWeight * share, Matched: ok,
		Detail: pct(share) + " person names (common Danish first names and surnames)",
	}}
}

// isNameWord reports whether w is a word of letters, possibly with - or '.
func isNameWord(w string) bool {
	letters := 0
	for _, r := range w {
		switch {
		case r == '-' || r == '\'' || r == '.':
		case unicode.IsLetter(r):
			letters++
		default:
			return false
		}
	}
	return letters > 0
}
