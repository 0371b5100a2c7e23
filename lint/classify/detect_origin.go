package classify

import "github.com/saglig/saglig/internal/i18n"

func init() {
	register(&Detector{
		Name:  DetectorOrigin,
		Doc:   "Danmarks Statistik's origin words (dansk oprindelse, indvandrer, efterkommer, vestlig, ikke-vestlig) and Nordic and English peers",
		Kinds: []Kind{KindText},
		Mask: func(v string) string {
			if w, ok := values().originWord(v); ok {
				return w
			}
			return masked
		},
		Detect: detectOrigin,
	})
}

// DetectorOrigin is the origin-word detector's name.
const DetectorOrigin = "origin-dk"

const (
	originWeight      = 0.9
	originMinShare    = 0.6
	originMinDistinct = 2
)

func detectOrigin(in *Input) []Evidence {
	d := values()
	ok, share := in.Sample.Match(func(_ int, v, _ string) bool {
		_, m := d.originWord(v)
		return m
	})
	if share < originMinShare || in.Sample.distinct < originMinDistinct {
		return nil
	}
	return []Evidence{{
		Category: "ethnicity", Share: share, Strength: originWeight * share, Matched: ok,
		Detail: i18n.M("%d%% use Danmarks Statistik origin words (indvandrer, efterkommer, ...)", pct(share)),
	}}
}
