package classify

import (
	"github.com/saglig/saglig/internal/i18n"
)

func init() {
	register(&Detector{
		Name:   DetectorHealthWords,
		Doc:    "categories that name diseases, symptoms, tests or care (value labels such as \"Ear diseases\", \"Doctor said drugs causing it\", \"Below lower detection limit\"), read by the name vocabulary",
		Kinds:  []Kind{KindText},
		Mask:   maskHealthWords,
		Detect: detectHealthWords,
	})
}

// DetectorHealthWords is the health-words detector's name.
const DetectorHealthWords = "health-words"

// A survey's or a register's categorical values are often labels in words:
// a column whose labels name diseases, symptoms, medicines, tests or care
// is health data, whatever its name (NHANES's AUQ410c holds "Ear diseases",
// LBD049LC "Below lower detection limit"). Each distinct value is read as a
// name is, by the run's vocabulary (stems, compounds and the health terms
// of section 1 of docs/classification.md included): a value counts when
// the vocabulary reads it as health at healthWordsMinStrength. Yes/no
// answers are neither for nor against. The weight keeps the evidence below
// conflictValues: words in a label are an indication, not a recogniser's
// verdict, so they never overrule a name that says otherwise (a charge
// description naming a drug stays a criminal record).
const (
	healthWordsWeight      = 0.68
	healthWordsMinCoverage = 0.5
	healthWordsMinStrength = 0.6
	// healthWordsMaxWords: longer values are free text, not labels.
	healthWordsMaxWords = 12
)

func detectHealthWords(in *Input) []Evidence {
	s := in.Sample
	if in.vocab == nil {
		return nil
	}
	bools := values().booleans
	yesNo := 0 // distinct yes/no answers: neither for nor against
	matched, share, cov, _ := vocabMatch(s, 0, func(i int, _ string) (bool, bool) {
		if bools[s.folded[i]] {
			yesNo++
			return false, false
		}
		_, ok := healthReading(in.vocab, s.raw[i])
		return ok, false
	})
	if cov.Matched == 0 {
		return nil
	}
	c := float64(cov.Matched) / float64(cov.Distinct-yesNo)
	if c < healthWordsMinCoverage {
		return nil
	}
	return []Evidence{{Category: "health", Share: share, Strength: healthWordsWeight * c, Matched: matched,
		Detail: i18n.M("%d%% of them name diseases, symptoms, tests or care", pct(c))}}
}

// healthReading returns the vocabulary entry through which a value reads
// as health, if it does.
func healthReading(v *vocabulary, value string) (string, bool) {
	tokens := words(valueLabel(value))
	if len(tokens) == 0 || len(tokens) > healthWordsMaxWords {
		return "", false
	}
	best, entry := 0.0, ""
	for _, m := range v.match(tokens) {
		if m.Strength > best {
			best = m.Strength
			entry = ""
			if m.Category == "health" {
				entry = m.Entry
			}
		}
	}
	if entry == "" || best < healthWordsMinStrength {
		return "", false
	}
	return entry, true
}

// maskHealthWords shows a matched value as the vocabulary entry that read
// it ("diseases" → disease), never as the value itself.
func maskHealthWords(v string) string {
	if e, ok := healthReading(loadedVocabulary(), v); ok {
		return e
	}
	return masked
}
