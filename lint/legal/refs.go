package legal

import (
	"regexp"
	"strings"

	"github.com/saglig/saglig/internal/i18n"
)

// Danish ways of writing a reference: art. 5(1)(c) is "art. 5, stk. 1,
// litra c", condition 5(i) of it "betingelse 5, udfald i)".
var (
	danishCondPart = regexp.MustCompile(`cond\. (\d+)\((i+)\)`)
	danishCond     = regexp.MustCompile(`cond\. (\d+)`)
	danishLitra    = regexp.MustCompile(`art\. (\d+)\((\d+)\)\(([a-z])\)`)
	danishStk      = regexp.MustCompile(`art\. (\d+)\((\d+)\)`)
)

// RefIn writes a citation's reference (Citation.Ref) in a language: as it
// is in English; in Danish the way Danish law writes it ("AI-forordningens
// art. 5, stk. 1, litra c", "GDPR art. 9, stk. 1"). The references of the
// Danish sources (BEK, Vejledning, databeskyttelsesloven) are Danish in
// both.
func RefIn(lang i18n.Lang, ref string) string {
	if lang != i18n.Danish {
		return ref
	}
	s := strings.Replace(ref, " cond.", ", cond.", 1)
	s = danishCondPart.ReplaceAllString(s, "betingelse $1, udfald $2)")
	s = danishCond.ReplaceAllString(s, "betingelse $1")
	s = danishLitra.ReplaceAllString(s, "art. $1, stk. $2, litra $3")
	s = danishStk.ReplaceAllString(s, "art. $1, stk. $2")
	if rest, ok := strings.CutPrefix(s, "AI Act "); ok {
		s = "AI-forordningens " + rest
	}
	return s
}
