package classify

import "github.com/saglig/saglig/internal/i18n"

func init() {
	register(&Detector{
		Name:   DetectorMunicipality,
		Doc:    "Danish municipality codes 101-860 or names (Danmarks Statistik's kommunekoder)",
		Kinds:  []Kind{KindText, KindInt, KindFloat},
		Mask:   maskLeadingDigit,
		Detect: detectMunicipality,
	})
}

// DetectorMunicipality is the Danish municipality detector's name.
const DetectorMunicipality = "municipality-dk"

const (
	municipalityCodeWeight   = 0.8
	municipalityNameWeight   = 0.85
	municipalityMinCodeShare = 0.9
	municipalityMinCodes     = 3 // distinct
	municipalityMinNameShare = 0.8
	municipalityMinNames     = 2 // distinct
)

func detectMunicipality(in *Input) []Evidence {
	s := in.Sample
	d := values()
	var isCode []bool
	codeOK, codes := s.Match(func(_ int, v, _ string) bool {
		n, isInt := intValue(v)
		isCode = append(isCode, isInt && len(v) <= 5)
		if !isInt || len(v) > 5 {
			return false
		}
		_, m := d.municipality[int(n)]
		return m
	})
	if codes >= municipalityMinCodeShare && s.distinct >= municipalityMinCodes {
		return []Evidence{{
			Category: "residential-area", Share: codes, Strength: municipalityCodeWeight * codes, Matched: codeOK,
			Detail: i18n.M("%d%% Danish municipality codes", pct(codes)),
		}}
	}
	nameOK, names := s.Match(func(i int, v, _ string) bool {
		if isCode[i] {
			return false
		}
		_, m := d.municipalityCode(v)
		return m
	})
	if names >= municipalityMinNameShare && s.distinct >= municipalityMinNames {
		return []Evidence{{
			Category: "residential-area", Share: names, Strength: municipalityNameWeight * names, Matched: nameOK,
			Detail: i18n.M("%d%% Danish municipality names", pct(names)),
		}}
	}
	return nil
}
