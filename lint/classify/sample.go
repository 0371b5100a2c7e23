package classify

import (
	"math"
	"strconv"
	"strings"
)

// Kind is the kind of values a column holds, as the detectors need it.
type Kind int

// Value kinds. The zero value means "unknown": detectors that look at
// values of a kind pass such a column by.
const (
	KindText Kind = iota + 1
	KindInt
	KindFloat
	KindDate
	KindBool
)

func (k Kind) String() string {
	switch k {
	case KindText:
		return "text"
	case KindInt:
		return "int"
	case KindFloat:
		return "float"
	case KindDate:
		return "date"
	case KindBool:
		return "bool"
	}
	return "unknown"
}

// Sample is a column's non-null sampled values, prepared once for all
// detectors. Detectors look at each distinct value once and weigh it by how
// often it occurs, so categorical columns cost little. Its slices are
// shared: detectors read them and never change them.
type Sample struct {
	raw    []string // distinct trimmed values, in first-seen order
	folded []string // fold(raw[i])
	count  []int    // occurrences of raw[i]
	total  int      // non-null values examined
	// distinct counts distinct values after folding ("Mand" = "mand").
	distinct int
	kind     Kind
	// keyed holds the values' vocabulary keys, computed on first use by
	// the reference-data detectors (refvalues.go).
	keyed *sampleKeys
}

func newSample(c Column) *Sample {
	d := values()
	s := &Sample{kind: c.Kind}
	size := min(len(c.Sample), maxExamined)
	index := make(map[string]int, size)
	seenFolded := make(map[string]bool, size)
	examined := 0
	for _, v := range c.Sample {
		if examined == maxExamined {
			break
		}
		examined++
		v = valueLabel(strings.TrimSpace(v))
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

// valueLabel returns the label of a coded value label as survey and
// statistics software write them, the code and its punctuation dropped:
// "[1] Verheiratet" (SOEP's Stata labels), "(2) Female", "1. Married",
// "3 = Divorced", "4: Widowed". Only a code in brackets, or a number
// followed by a dot, an equals sign or a colon, and then a space and a
// letter, is dropped, so that "12 Main Street", "3 rooms" and "(45) 1234
// 5678" stay as they are.
func valueLabel(v string) string {
	if len(v) < 4 {
		return v
	}
	i, closing := 0, byte(0)
	switch v[0] {
	case '[':
		closing = ']'
		i++
	case '(':
		closing = ')'
		i++
	}
	if i < len(v) && v[i] == '-' {
		i++
	}
	start := i
	for i < len(v) && v[i] >= '0' && v[i] <= '9' {
		i++
	}
	if i == start || i >= len(v) {
		return v
	}
	switch {
	case closing != 0 && v[i] == closing:
		i++
	case closing == 0 && (v[i] == '.' || v[i] == ':'):
		i++
	case closing == 0 && v[i] == ' ' && i+2 < len(v) && v[i+1] == '=' && v[i+2] == ' ':
		i += 2
	case closing == 0 && v[i] == '=':
		i++
	default:
		return v
	}
	if i >= len(v) || v[i] != ' ' {
		return v
	}
	rest := strings.TrimLeft(v[i:], " ")
	if rest == "" {
		return v
	}
	if r := rest[0]; !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= 0x80) {
		return v
	}
	return rest
}

// Values returns the distinct trimmed values, in first-seen order.
func (s *Sample) Values() []string { return s.raw }

// Folded returns the folded form of each of Values.
func (s *Sample) Folded() []string { return s.folded }

// Counts returns how often each of Values occurs.
func (s *Sample) Counts() []int { return s.count }

// N is the number of non-null values examined.
func (s *Sample) N() int { return s.total }

// Distinct is the number of distinct values after folding.
func (s *Sample) Distinct() int { return s.distinct }

// Match calls match for each distinct value and returns which matched and
// the share of examined values (weighted by count) that did.
func (s *Sample) Match(match func(i int, raw, folded string) bool) (matched []bool, share float64) {
	matched = make([]bool, len(s.raw))
	k := 0
	for i, v := range s.raw {
		if match(i, v, s.folded[i]) {
			matched[i] = true
			k += s.count[i]
		}
	}
	return matched, s.Share(k)
}

// Share is k examined values as a share of all examined values.
func (s *Sample) Share(k int) float64 {
	if s.total == 0 {
		return 0
	}
	return float64(k) / float64(s.total)
}

// numericShare is the share of sampled values that are numbers.
func (s *Sample) numericShare() float64 {
	_, share := s.Match(func(_ int, v, _ string) bool {
		_, err := strconv.ParseFloat(v, 64)
		return err == nil
	})
	return share
}

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

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) > 0
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

// floatValue reads a finite number.
func floatValue(v string) (float64, bool) {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}
