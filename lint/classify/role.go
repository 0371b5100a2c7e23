package classify

import (
	"regexp"
	"strings"

	"github.com/saglig/saglig/internal/i18n"
)

// Roles `saglig init` may guess (the map's role: values).
const (
	RoleTarget    = "target"
	RoleWeight    = "weight"
	RoleID        = "id"
	RoleTimestamp = "timestamp"
)

type rolesYAML struct {
	Target     []string `yaml:"target"`
	Outcome    []string `yaml:"outcome"`
	Weight     []string `yaml:"weight"`
	BareWeight []string `yaml:"bare_weight"`
	ID         []string `yaml:"id"`
	Number     []string `yaml:"number"`
	Code       []string `yaml:"code"`
	Time       []string `yaml:"time"`
	TimeAlone  []string `yaml:"time_alone"`
	TimeSuffix []string `yaml:"time_suffix"`
	TimePrefix []string `yaml:"time_prefix"`
}

// roleWords are the role vocabulary, folded. Phrases are kept as their
// tokens joined by spaces and matched on the name's tokens and written solid.
type roleWords struct {
	target, outcome, weight, bareWeight, id, number, code, time, timeAlone map[string]bool
	timeSuffix, timePrefix                                                 []string
}

func newRoleWords(r rolesYAML) roleWords {
	set := func(list []string) map[string]bool {
		m := map[string]bool{}
		for _, w := range list {
			ws := words(w)
			m[strings.Join(ws, " ")] = true
			m[strings.Join(ws, "")] = true
		}
		return m
	}
	rw := roleWords{
		target: set(r.Target), outcome: set(r.Outcome), weight: set(r.Weight),
		bareWeight: set(r.BareWeight), id: set(r.ID), number: set(r.Number), code: set(r.Code),
		time: set(r.Time), timeAlone: set(r.TimeAlone),
	}
	for _, s := range r.TimeSuffix {
		rw.timeSuffix = append(rw.timeSuffix, fold(s))
	}
	for _, s := range r.TimePrefix {
		rw.timePrefix = append(rw.timePrefix, fold(s))
	}
	return rw
}

// find returns the first word or two-word phrase of the name in the set.
func find(set map[string]bool, tokens []string) (string, bool) {
	for i, t := range tokens {
		if i+1 < len(tokens) && set[t+" "+tokens[i+1]] {
			return t + " " + tokens[i+1], true
		}
		if set[t] {
			return t, true
		}
	}
	return "", false
}

// Role guessing thresholds.
const (
	// roleCharacteristic is the name strength from which a name names a
	// personal characteristic, which is never an id (kommune_id is a
	// residential area); a date is a timestamp unless it is a birth date.
	roleCharacteristic = 0.7
	// uniqueShare is the share of distinct values from which a sample of
	// at least fullSample values reads as keys.
	uniqueShare = 0.99
	// Body weights in kg or lb lie here; sampling weights rarely do.
	bodyWeightLo, bodyWeightHi = 30, 300
)

var thresholdRe = regexp.MustCompile(`^\s*(<=|>=|<|>|=<|=>)\s*[0-9][0-9.,]*\s*[a-zA-Z]*\s*\.?$`)

// guessRole guesses a column's role for `saglig init` and says why, or
// returns "" for an ordinary input.
func guessRole(v *vocabulary, c Column, r Result, s *Sample) (role string, why i18n.Msg) {
	rw := v.roles
	tokens, _ := normalise(c.Name)
	if len(tokens) == 0 {
		return "", i18n.Msg{}
	}
	binary, binaryWhy := isBinary(s)
	if w, ok := find(rw.target, tokens); ok {
		return RoleTarget, i18n.M("name: %q names a label", w)
	}
	if (len(tokens) == 1 && tokens[0] == "y") || (len(tokens) >= 2 && tokens[0] == "i" && tokens[1] == "job") {
		return RoleTarget, i18n.M("name: %q names a label", strings.Join(tokens, "_"))
	}
	if w, ok := find(rw.outcome, tokens); ok {
		switch {
		case binary:
			return RoleTarget, i18n.M("name: %q names an outcome; values: %s", w, binaryWhy)
		case s == nil || s.N() == 0:
			return RoleTarget, i18n.M("name: %q names an outcome; values: not sampled", w)
		}
	}
	if s != nil && s.N() >= minVerdict && s.Distinct() == 2 {
		if _, share := s.Match(func(_ int, raw, _ string) bool { return thresholdRe.MatchString(raw) }); share == 1 {
			return RoleTarget, i18n.M("values: 2 distinct, a number split at a threshold (a label made from an outcome)")
		}
	}
	if w, ok := find(rw.weight, tokens); ok {
		return RoleWeight, i18n.M("name: %q names a sampling weight", w)
	}
	if w, ok := weightCode(tokens); ok {
		return RoleWeight, i18n.M("name: %q begins with wt, the abbreviation of a sampling weight", w)
	}
	if w, ok := find(rw.bareWeight, tokens); ok && len(tokens) == 1 && s != nil && s.N() >= minVerdict {
		if fractionalOutside(s, bodyWeightLo, bodyWeightHi) {
			return RoleWeight, i18n.M("name: %q; values: positive fractions outside body weights", w)
		}
	}
	characteristic, age := false, false
	for _, m := range r.Name {
		if m.Category != "identifier" && m.Category != "contact" && m.Strength >= roleCharacteristic {
			characteristic = true
		}
		if m.Category == "age" && m.Strength >= roleCharacteristic {
			age = true
		}
	}
	if r.Identifier == IdentCPR {
		return RoleID, i18n.M("holds CPR numbers")
	}
	if r.Category == "identifier" && r.Identifier != IdentEmail && r.Identifier != IdentPhone {
		return RoleID, i18n.M("an identifier (%s)", r.evidence)
	}
	if !characteristic {
		if w, ok := find(rw.id, tokens); ok && !afterCode(rw, tokens, w) {
			return RoleID, i18n.M("name: %q names a key", w)
		}
		if w, ok := find(rw.number, tokens); ok {
			switch {
			case hasSubject(v, tokens):
				return RoleID, i18n.M("name: %q of a person", w)
			case s != nil && s.N() >= fullSample && unique(s):
				return RoleID, i18n.M("name: %q; values: all %d sampled distinct", w, s.N())
			}
		}
	}
	// A date is the time of an event (a move, an arrest) unless it is a
	// birth date, which is the person's age.
	if age || r.Category == "age" {
		return "", i18n.Msg{}
	}
	if len(tokens) == 1 && rw.timeAlone[tokens[0]] {
		return RoleTimestamp, i18n.M("name: %q names a time", tokens[0])
	}
	for _, t := range tokens {
		if rw.time[t] {
			return RoleTimestamp, i18n.M("name: %q names a time", t)
		}
		for _, suf := range rw.timeSuffix {
			if len(t) > len(suf) && strings.HasSuffix(t, suf) {
				return RoleTimestamp, i18n.M("name: %q ends in %q", t, suf)
			}
		}
		for _, pre := range rw.timePrefix {
			if len(t) > len(pre)+2 && strings.HasPrefix(t, pre) {
				return RoleTimestamp, i18n.M("name: %q starts with %q", t, pre)
			}
		}
	}
	if s != nil && s.kind == KindDate {
		return RoleTimestamp, i18n.M("type %s", c.Type)
	}
	return "", i18n.Msg{}
}

// afterCode reports whether the id word w follows a code word
// (admission_type_id keys a list of admission types, not a person).
func afterCode(rw roleWords, tokens []string, w string) bool {
	for i, t := range tokens {
		if t == w && i > 0 && rw.code[tokens[i-1]] {
			return true
		}
	}
	return false
}

// hasSubject reports whether the name names the data subject (patient_nbr,
// borger_nr).
func hasSubject(v *vocabulary, tokens []string) bool {
	for _, t := range tokens {
		if v.subjects[t] {
			return true
		}
	}
	return false
}

// isBinary reports whether the sample holds exactly two distinct values, or
// the column is boolean.
func isBinary(s *Sample) (bool, i18n.Msg) {
	if s == nil {
		return false, i18n.Msg{}
	}
	if s.kind == KindBool {
		return true, i18n.M("boolean")
	}
	if s.N() >= minVerdict && s.Distinct() == 2 {
		return true, i18n.M("2 distinct")
	}
	return false, i18n.Msg{}
}

func unique(s *Sample) bool {
	return float64(s.Distinct()) >= uniqueShare*float64(s.N())
}

// fractionalOutside reports whether the values are positive numbers, some
// with a fraction, mostly outside [lo, hi].
func fractionalOutside(s *Sample, lo, hi float64) bool {
	fraction, outside := false, 0
	for i, v := range s.raw {
		f, ok := floatValue(v)
		if !ok || f <= 0 {
			return false
		}
		if f != float64(int64(f)) {
			fraction = true
		}
		if f < lo || f > hi {
			outside += s.count[i]
		}
	}
	return fraction && s.Share(outside) >= 0.9
}

// weightCode reads a survey's weight variable written as a code that
// begins with wt (NHANES's WTMEC2YR, WTINT2YR, WTSVOC4Y; the CPS's
// WTFINL): no word of the six languages begins so. At least two letters
// must follow (wtd is "weighted", a statistic, not the weight).
func weightCode(tokens []string) (string, bool) {
	t := tokens[0]
	if len(t) < 4 || !strings.HasPrefix(t, "wt") {
		return "", false
	}
	for _, r := range t {
		if r < 'a' || r > 'z' {
			return "", false
		}
	}
	return t, true
}
