package classify

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Value detectors, by the name they report in ValueMatch.Detector.
const (
	DetectorCPR          = "cpr"
	DetectorGender       = "gender-words"
	DetectorCountry      = "country"
	DetectorOrigin       = "origin-dk"
	DetectorPostcode     = "postcode-dk"
	DetectorMunicipality = "municipality-dk"
	DetectorEmail        = "email"
	DetectorPhone        = "phone-dk"
	DetectorBirthDate    = "birth-date"
	DetectorAge          = "age"
	DetectorPersonName   = "person-name"
)

// ValueMatch is what one value detector found in a column's sample.
type ValueMatch struct {
	// Detector is one of the Detector* names.
	Detector string
	Category string
	// Share is the share of examined values that match, 0..1.
	Share float64
	// N is the number of non-null values examined.
	N int
	// Distinct is the number of distinct values among them.
	Distinct int
	// Detail says what matched, e.g. "100% match Danish gender words".
	Detail string
	// Examples holds at most 3 masked matching values (see Mask).
	Examples []string
	// Strength is how surely the values alone indicate Category, 0..1: the
	// match share, discounted for small samples and for weak kinds of
	// evidence (bare gender codes, bare 8-digit numbers).
	Strength float64
}

// Sample sizes: below minVerdict non-null values a detector gives no
// verdict; from fullSample on it gets full weight; only the first
// maxExamined values are read.
const (
	minVerdict  = 5
	fullSample  = 20
	maxExamined = 1000
	// minReport is the weakest value evidence kept in Result.Values.
	minReport = 0.2
)

// sizeFactor discounts evidence from small samples: 0 below minVerdict,
// rising to 1 at fullSample.
func sizeFactor(n int) float64 {
	if n < minVerdict {
		return 0
	}
	if n >= fullSample {
		return 1
	}
	return 0.5 + 0.5*float64(n-minVerdict)/float64(fullSample-minVerdict)
}

type typeKind int

const (
	kindText typeKind = iota
	kindInt
	kindFloat
	kindDate
	kindBool
)

func kindOf(t string) typeKind {
	t = strings.ToLower(strings.TrimSpace(t))
	switch {
	case strings.HasPrefix(t, "int"), strings.HasPrefix(t, "uint"):
		return kindInt
	case strings.HasPrefix(t, "float"), strings.HasPrefix(t, "double"), strings.HasPrefix(t, "halffloat"), strings.HasPrefix(t, "decimal"):
		return kindFloat
	case strings.HasPrefix(t, "date"), strings.HasPrefix(t, "timestamp"):
		return kindDate
	case t == "bool" || t == "boolean":
		return kindBool
	}
	return kindText
}

// sample is a column's non-null sampled values, prepared once for all
// detectors. Detectors look at each distinct value once and weigh it by how
// often it occurs, so categorical columns cost little.
type sample struct {
	raw    []string // distinct trimmed values, in first-seen order
	folded []string // fold(raw[i])
	count  []int    // occurrences of raw[i]
	total  int      // non-null values examined
	// distinct counts distinct values after folding ("Mand" = "mand").
	distinct int
	kind     typeKind
}

func newSample(c Column) *sample {
	d := values()
	s := &sample{kind: kindOf(c.Type)}
	size := min(len(c.Sample), maxExamined)
	index := make(map[string]int, size)
	seenFolded := make(map[string]bool, size)
	examined := 0
	for _, v := range c.Sample {
		if examined == maxExamined {
			break
		}
		examined++
		v = strings.TrimSpace(v)
		if i, ok := index[v]; ok {
			s.count[i]++
			s.total++
			continue
		}
		f := fold(v)
		if d.nulls[f] {
			continue
		}
		index[v] = len(s.raw)
		s.raw = append(s.raw, v)
		s.folded = append(s.folded, f)
		s.count = append(s.count, 1)
		s.total++
		if !seenFolded[f] {
			seenFolded[f] = true
			s.distinct++
		}
	}
	return s
}

// n is the number of non-null values examined.
func (s *sample) n() int { return s.total }

// detectValues runs every detector and returns the matches worth reporting,
// strongest first.
func detectValues(c Column) ([]ValueMatch, *sample) {
	s := newSample(c)
	if s.n() < minVerdict || s.kind == kindBool {
		return nil, s
	}
	var out []ValueMatch
	for _, det := range detectors {
		if m, ok := det(s); ok && m.Strength >= minReport {
			m.N, m.Distinct = s.n(), s.distinct
			m.Strength = round2(m.Strength * sizeFactor(s.n()))
			m.Share = round2(m.Share)
			if m.Strength >= minReport {
				out = append(out, m)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Strength != out[j].Strength {
			return out[i].Strength > out[j].Strength
		}
		return out[i].Detector < out[j].Detector
	})
	return out, s
}

// numericShare is the share of sampled values that are numbers.
func (s *sample) numericShare() float64 {
	if s.n() == 0 {
		return 0
	}
	k := 0
	for i, v := range s.raw {
		if _, err := strconv.ParseFloat(v, 64); err == nil {
			k += s.count[i]
		}
	}
	return float64(k) / float64(s.n())
}

var detectors = []func(*sample) (ValueMatch, bool){
	detectCPR, detectEmail, detectPhone, detectGender, detectOrigin, detectCountry,
	detectPostcode, detectMunicipality, detectBirthDate, detectAge, detectPersonName,
}

// examples returns up to 3 distinct masked values for which match is true.
func examples(s *sample, detector string, match func(i int) bool) []string {
	var out []string
	seen := map[string]bool{}
	for i := range s.raw {
		if len(out) == 3 {
			break
		}
		if !match(i) {
			continue
		}
		m := Mask(detector, s.raw[i])
		if !seen[m] {
			seen[m] = true
			out = append(out, m)
		}
	}
	return out
}

func pct(f float64) string { return fmt.Sprintf("%d%%", int(math.Round(f*100))) }

// ---- CPR -----------------------------------------------------------------

var cprRe = regexp.MustCompile(`^(\d{6})[- ]?(\d{4})$`)

// cprDigits returns the ten digits of a CPR-shaped value. Integer columns
// lose the leading zero of days 01-09, so nine digits are padded there.
func cprDigits(v string, k typeKind) (string, bool) {
	if k == kindInt && len(v) == 9 && isDigits(v) {
		v = "0" + v
	}
	m := cprRe.FindStringSubmatch(v)
	if m == nil {
		return "", false
	}
	return m[1] + m[2], true
}

// validCPRDate checks the birth date a CPR number encodes, with the century
// given by the seventh digit (CPR-kontoret's table).
func validCPRDate(d string) bool {
	day, _ := strconv.Atoi(d[0:2])
	month, _ := strconv.Atoi(d[2:4])
	yy, _ := strconv.Atoi(d[4:6])
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

func validDate(year, month, day int) bool {
	if month < 1 || month > 12 || day < 1 {
		return false
	}
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	return t.Day() == day && int(t.Month()) == month
}

func detectCPR(s *sample) (ValueMatch, bool) {
	shaped, valid := 0, 0
	ok := make([]bool, len(s.raw))
	for i, v := range s.raw {
		d, isCPR := cprDigits(v, s.kind)
		if !isCPR {
			continue
		}
		shaped += s.count[i]
		if validCPRDate(d) {
			valid += s.count[i]
			ok[i] = true
		}
	}
	n := float64(s.n())
	share := float64(valid) / n
	if float64(shaped)/n < 0.5 || share < 0.8 {
		return ValueMatch{}, false
	}
	return ValueMatch{
		Detector: DetectorCPR, Category: "identifier", Share: share,
		Detail:   "CPR-like, " + pct(share) + " valid dates",
		Examples: examples(s, DetectorCPR, func(i int) bool { return ok[i] }),
		Strength: share,
	}, true
}

// ---- e-mail ----------------------------------------------------------------

var emailRe = regexp.MustCompile(`^[A-Za-z0-9._%+'\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}$`)

func detectEmail(s *sample) (ValueMatch, bool) {
	if s.kind != kindText {
		return ValueMatch{}, false
	}
	ok := make([]bool, len(s.raw))
	k := 0
	for i, v := range s.raw {
		if emailRe.MatchString(v) {
			ok[i] = true
			k += s.count[i]
		}
	}
	share := float64(k) / float64(s.n())
	if share < 0.5 {
		return ValueMatch{}, false
	}
	return ValueMatch{
		Detector: DetectorEmail, Category: "contact", Share: share,
		Detail:   pct(share) + " e-mail addresses",
		Examples: examples(s, DetectorEmail, func(i int) bool { return ok[i] }),
		Strength: 0.95 * share,
	}, true
}

// ---- phone -----------------------------------------------------------------

// phoneNumber returns the 8-digit national number of a Danish phone number
// and whether it was written with a +45/0045 prefix or spacing.
func phoneNumber(v string, k typeKind) (num string, formatted, ok bool) {
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
	case len(d) == 10 && strings.HasPrefix(d, "45") && k == kindText:
		d, prefixed = d[2:], true
	}
	if len(d) != 8 || d[0] < '2' {
		return "", false, false
	}
	return d, prefixed || spaced, true
}

// cvrValid reports whether 8 digits pass the CVR (company number) modulus-11
// check; a column where nearly all do holds company numbers, not phones.
func cvrValid(d string) bool {
	w := []int{2, 7, 6, 5, 4, 3, 2, 1}
	sum := 0
	for i := 0; i < 8; i++ {
		sum += int(d[i]-'0') * w[i]
	}
	return sum%11 == 0
}

// yyyymmdd reports whether 8 digits read as a date 1900-2099.
func yyyymmdd(d string) bool {
	if len(d) != 8 || !(strings.HasPrefix(d, "19") || strings.HasPrefix(d, "20")) {
		return false
	}
	y, _ := strconv.Atoi(d[:4])
	m, _ := strconv.Atoi(d[4:6])
	day, _ := strconv.Atoi(d[6:])
	return validDate(y, m, day)
}

func detectPhone(s *sample) (ValueMatch, bool) {
	if s.kind != kindText && s.kind != kindInt {
		return ValueMatch{}, false
	}
	ok := make([]bool, len(s.raw))
	k, formatted, cvr, dates := 0, 0, 0, 0
	for i, v := range s.raw {
		d, f, isPhone := phoneNumber(v, s.kind)
		if !isPhone {
			continue
		}
		ok[i] = true
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
	}
	n := float64(s.n())
	share := float64(k) / n
	if share < 0.5 || float64(cvr) >= 0.9*float64(k) || float64(dates) >= 0.5*float64(k) || s.distinct < 3 {
		return ValueMatch{}, false
	}
	strength, detail := 0.9*share, pct(share)+" Danish phone numbers"
	if float64(formatted) < 0.5*float64(k) {
		// Bare 8-digit numbers could be many things.
		strength, detail = 0.6*share, pct(share)+" 8-digit numbers shaped like Danish phone numbers"
	}
	return ValueMatch{
		Detector: DetectorPhone, Category: "contact", Share: share, Detail: detail,
		Examples: examples(s, DetectorPhone, func(i int) bool { return ok[i] }),
		Strength: strength,
	}, true
}

// ---- gender ----------------------------------------------------------------

var languageNames = map[string]string{
	"da": "Danish", "en": "English", "no": "Norwegian", "sv": "Swedish", "de": "German", "nl": "Dutch",
}

func detectGender(s *sample) (ValueMatch, bool) {
	d := values()
	wordsN, codesN, otherN := 0, 0, 0
	langVotes := map[string]int{}
	ok := make([]bool, len(s.raw))
	distinct := map[string]bool{}
	allBoolean := true
	for i, f := range s.folded {
		distinct[f] = true
		if !d.booleans[f] {
			allBoolean = false
		}
		c := s.count[i]
		switch {
		case len(d.genderWords[f]) > 0:
			wordsN += c
			for _, l := range d.genderWords[f] {
				langVotes[l] += c
			}
		case d.genderCodes[f]:
			codesN += c
		case d.genderOther[f]:
			otherN += c
		default:
			continue
		}
		ok[i] = true
	}
	if allBoolean || len(distinct) > 8 {
		return ValueMatch{}, false // a yes/no column is never sex
	}
	n := float64(s.n())
	share := float64(wordsN+codesN+otherN) / n
	m := ValueMatch{
		Detector: DetectorGender, Category: "sex", Share: share,
		Examples: examples(s, DetectorGender, func(i int) bool { return ok[i] }),
	}
	switch {
	case float64(wordsN)/n >= 0.5 && share >= 0.9:
		lang := "da"
		for _, l := range []string{"da", "en", "no", "sv", "de", "nl"} {
			if langVotes[l] > langVotes[lang] {
				lang = l
			}
		}
		m.Detail = pct(share) + " match " + languageNames[lang] + " gender words"
		m.Strength = 0.95 * share
	case float64(codesN)/n >= 0.8 && share >= 0.95 && len(distinct) >= 2 && len(distinct) <= 3:
		// M/K, M/F or 1/2: only with support from the column's name.
		codes := make([]string, 0, len(distinct))
		for v := range distinct {
			if d.genderCodes[v] {
				codes = append(codes, strings.ToUpper(v))
			}
		}
		sort.Strings(codes)
		m.Detail = pct(share) + " gender codes " + strings.Join(codes, "/")
		if !distinct["1"] && !distinct["2"] {
			m.Strength = 0.4 * share // letters: M/K, M/F
		} else {
			m.Strength = 0.25 * share // digits: 1/2 say even less
		}
	default:
		return ValueMatch{}, false
	}
	return m, true
}

// ---- origin and nationality -------------------------------------------------

func detectOrigin(s *sample) (ValueMatch, bool) {
	if s.kind != kindText {
		return ValueMatch{}, false
	}
	d := values()
	ok := make([]bool, len(s.raw))
	k := 0
	for i, v := range s.raw {
		if _, m := d.originWord(v); m {
			ok[i] = true
			k += s.count[i]
		}
	}
	share := float64(k) / float64(s.n())
	if share < 0.6 || s.distinct < 2 {
		return ValueMatch{}, false
	}
	return ValueMatch{
		Detector: DetectorOrigin, Category: "ethnicity", Share: share,
		Detail:   pct(share) + " use Danmarks Statistik origin words (indvandrer, efterkommer, ...)",
		Examples: examples(s, DetectorOrigin, func(i int) bool { return ok[i] }),
		Strength: 0.9 * share,
	}, true
}

func detectCountry(s *sample) (ValueMatch, bool) {
	if s.kind != kindText {
		return ValueMatch{}, false
	}
	d := values()
	ok := make([]bool, len(s.raw))
	alpha2, other := 0, 0
	for i, v := range s.raw {
		f := s.folded[i]
		if _, m := d.countries[f]; m {
			ok[i] = true
			if len(v) == 2 {
				alpha2 += s.count[i]
			} else {
				other += s.count[i]
			}
		} else if d.nationality[f] {
			ok[i] = true
			other += s.count[i]
		}
	}
	share := float64(alpha2+other) / float64(s.n())
	if share < 0.8 || s.distinct < 2 {
		return ValueMatch{}, false
	}
	m := ValueMatch{
		Detector: DetectorCountry, Category: "nationality", Share: share,
		Examples: examples(s, DetectorCountry, func(i int) bool { return ok[i] }),
	}
	if alpha2 > other {
		m.Detail, m.Strength = pct(share)+" ISO 3166 country codes", 0.8*share
	} else {
		m.Detail, m.Strength = pct(share)+" country names, codes or nationality words", 0.9*share
	}
	return m, true
}

// ---- postcodes and municipalities -------------------------------------------

// intValue reads an integer written as "8000", "8000.0" or "-3".
func intValue(v string) (int64, bool) {
	if v == "" {
		return 0, false
	}
	if isDigits(v) || (v[0] == '-' && isDigits(v[1:])) {
		n, err := strconv.ParseInt(v, 10, 64)
		return n, err == nil
	}
	if !strings.ContainsAny(v, ".eE") {
		return 0, false // not a number; skip ParseFloat's error allocation
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f != math.Trunc(f) || math.Abs(f) > 1e15 {
		return 0, false
	}
	return int64(f), true
}

func detectPostcode(s *sample) (ValueMatch, bool) {
	if s.kind == kindDate {
		return ValueMatch{}, false
	}
	d := values()
	ok := make([]bool, len(s.raw))
	k, years := 0, 0
	for i, v := range s.raw {
		if len(v) < 3 || len(v) > 6 {
			continue
		}
		n, isInt := intValue(v)
		if !isInt {
			continue
		}
		if n >= 1900 && n <= 2035 {
			years += s.count[i]
		}
		if d.postcodes[int(n)] {
			ok[i] = true
			k += s.count[i]
		}
	}
	nn := float64(s.n())
	share := float64(k) / nn
	if share < 0.9 || float64(years)/nn >= 0.8 || s.distinct < 3 {
		return ValueMatch{}, false
	}
	return ValueMatch{
		Detector: DetectorPostcode, Category: "residential-area", Share: share,
		Detail:   pct(share) + " valid Danish postcodes",
		Examples: examples(s, DetectorPostcode, func(i int) bool { return ok[i] }),
		Strength: 0.85 * share,
	}, true
}

func detectMunicipality(s *sample) (ValueMatch, bool) {
	if s.kind == kindDate {
		return ValueMatch{}, false
	}
	d := values()
	ok := make([]bool, len(s.raw))
	codes, names := 0, 0
	for i, v := range s.raw {
		if n, isInt := intValue(v); isInt && len(v) <= 5 {
			if _, m := d.municipality[int(n)]; m {
				ok[i] = true
				codes += s.count[i]
			}
			continue
		}
		if _, m := d.municipalityCode(v); m {
			ok[i] = true
			names += s.count[i]
		}
	}
	nn := float64(s.n())
	switch {
	case float64(codes)/nn >= 0.9 && s.distinct >= 3:
		share := float64(codes) / nn
		return ValueMatch{
			Detector: DetectorMunicipality, Category: "residential-area", Share: share,
			Detail:   pct(share) + " Danish municipality codes",
			Examples: examples(s, DetectorMunicipality, func(i int) bool { return ok[i] }),
			Strength: 0.8 * share,
		}, true
	case float64(names)/nn >= 0.8 && s.distinct >= 2:
		share := float64(names) / nn
		return ValueMatch{
			Detector: DetectorMunicipality, Category: "residential-area", Share: share,
			Detail:   pct(share) + " Danish municipality names",
			Examples: examples(s, DetectorMunicipality, func(i int) bool { return ok[i] }),
			Strength: 0.85 * share,
		}, true
	}
	return ValueMatch{}, false
}

// ---- birth dates and ages ----------------------------------------------------

// refYear is the current year; birth years must lie in 1900..refYear-15.
var refYear = time.Now().Year()

var dateLayouts = []string{"2006-01-02", "02-01-2006", "02.01.2006", "02/01/2006", "2006/01/02", "20060102"}

// parseDate reads the date part of a date, timestamp or date-like string.
func parseDate(v string) (time.Time, bool) {
	if len(v) >= 10 && (v[4] == '-' || v[4] == '/') {
		if t, err := time.Parse(dateLayoutFor(v[4]), v[:10]); err == nil {
			return t, true
		}
	}
	for _, l := range dateLayouts {
		if len(v) == len(l) {
			if t, err := time.Parse(l, v); err == nil {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

func dateLayoutFor(sep byte) string {
	if sep == '/' {
		return "2006/01/02"
	}
	return "2006-01-02"
}

// birthYearOf returns the four-digit year of a date value.
func birthYearOf(v string) (string, bool) {
	t, ok := parseDate(strings.TrimSpace(v))
	if !ok {
		return "", false
	}
	return strconv.Itoa(t.Year()), t.Year() >= 1000
}

// birthSpread checks that years look like a population's birth years: at
// least 20 years between the oldest and youngest, an interquartile range of
// at least 8 years, and a median at least 18 years back.
func birthSpread(years []int) bool {
	if len(years) < minVerdict {
		return false
	}
	y := append([]int(nil), years...)
	sort.Ints(y)
	q1, med, q3 := y[len(y)/4], y[len(y)/2], y[3*len(y)/4]
	return y[len(y)-1]-y[0] >= 20 && q3-q1 >= 8 && med <= refYear-18
}

func detectBirthDate(s *sample) (ValueMatch, bool) {
	ok := make([]bool, len(s.raw))
	var years []int
	asYears := false
	for i, v := range s.raw {
		var y int
		if t, isDate := parseDate(v); isDate && (s.kind == kindDate || s.kind == kindText || len(v) == 8) {
			y = t.Year()
		} else if s.kind == kindInt || s.kind == kindText {
			n, isInt := intValue(v)
			if !isInt || len(v) != 4 {
				continue
			}
			y, asYears = int(n), true
		} else {
			continue
		}
		if y >= 1900 && y <= refYear-15 {
			ok[i] = true
			for k := 0; k < s.count[i]; k++ {
				years = append(years, y)
			}
		}
	}
	share := float64(len(years)) / float64(s.n())
	if !birthSpread(years) {
		return ValueMatch{}, false
	}
	m := ValueMatch{
		Detector: DetectorBirthDate, Category: "age", Share: share,
		Examples: examples(s, DetectorBirthDate, func(i int) bool { return ok[i] }),
	}
	switch {
	case asYears && share >= 0.95:
		m.Detail, m.Strength = pct(share)+" plausible birth years", 0.55*share
		m.Examples = nil
	case !asYears && share >= 0.9:
		m.Detail, m.Strength = pct(share)+" dates with a spread of birth dates", 0.7*share
	default:
		return ValueMatch{}, false
	}
	return m, true
}

func detectAge(s *sample) (ValueMatch, bool) {
	if s.kind != kindInt && s.kind != kindFloat && s.kind != kindText {
		return ValueMatch{}, false
	}
	var ages []float64
	for i, v := range s.raw {
		n, isInt := intValue(v)
		if !isInt {
			return ValueMatch{}, false
		}
		if n >= 15 && n <= 100 {
			for k := 0; k < s.count[i]; k++ {
				ages = append(ages, float64(n))
			}
		}
	}
	share := float64(len(ages)) / float64(s.n())
	if share < 0.98 {
		return ValueMatch{}, false
	}
	mean, sd := meanSD(ages)
	if mean < 25 || mean > 70 {
		return ValueMatch{}, false
	}
	lo, hi := ages[0], ages[0]
	for _, a := range ages {
		lo, hi = math.Min(lo, a), math.Max(hi, a)
	}
	m := ValueMatch{
		Detector: DetectorAge, Category: "age", Share: share,
		Detail: fmt.Sprintf("%s whole numbers 15-100, mean %.0f", pct(share), mean),
	}
	if sd >= 8 && sd <= 25 && hi-lo >= 30 && s.distinct >= 15 {
		m.Detail += ", spread like adult ages"
		m.Strength = 0.6 * share
	} else {
		m.Strength = 0.3 * share // consistent with ages; needs the name to say so
	}
	return m, true
}

func meanSD(xs []float64) (float64, float64) {
	var sum float64
	for _, x := range xs {
		sum += x
	}
	mean := sum / float64(len(xs))
	var ss float64
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(ss / float64(len(xs)))
}

// ---- person names --------------------------------------------------------------

func detectPersonName(s *sample) (ValueMatch, bool) {
	if s.kind != kindText {
		return ValueMatch{}, false
	}
	d := values()
	ok := make([]bool, len(s.raw))
	k := 0
	for i, v := range s.raw {
		ws := strings.Fields(strings.ReplaceAll(v, ",", " "))
		if len(ws) == 0 || len(ws) > 4 {
			continue
		}
		first, surname, allAlpha := false, false, true
		for _, w := range ws {
			if !isNameWord(w) {
				allAlpha = false
				break
			}
			f := fold(w)
			first = first || d.firstNames[f]
			surname = surname || d.surnames[f]
		}
		// A common first name, or a common surname with another name
		// (Ayse Jensen).
		if allAlpha && (first || (surname && len(ws) >= 2)) {
			ok[i] = true
			k += s.count[i]
		}
	}
	share := float64(k) / float64(s.n())
	if share < 0.5 || s.distinct < 3 {
		return ValueMatch{}, false
	}
	return ValueMatch{
		Detector: DetectorPersonName, Category: "identifier", Share: share,
		Detail:   pct(share) + " person names (common Danish first names and surnames)",
		Examples: examples(s, DetectorPersonName, func(i int) bool { return ok[i] }),
		Strength: 0.85 * share,
	}, true
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

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) > 0
}
