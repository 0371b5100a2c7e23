package classify

import (
	"math"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/classify/refdata"
	"github.com/saglig/saglig/lint/classify/textfold"
)

// sampleKeys are a sample's values as vocabulary keys (textfold.Key: case,
// diacritics, hyphens, underscores and spaces folded away), computed once
// for all reference-data detectors.
type sampleKeys struct {
	keys []string // keys[i] is the key of raw[i]
	// first[i] is true for the first value with its key: coverage counts
	// each distinct key once.
	first    []bool
	distinct int // distinct non-empty keys
}

func (s *Sample) keys() *sampleKeys {
	if s.keyed != nil {
		return s.keyed
	}
	k := &sampleKeys{keys: make([]string, len(s.raw)), first: make([]bool, len(s.raw))}
	seen := make(map[string]bool, len(s.raw))
	for i, v := range s.raw {
		key := textfold.Key(v)
		k.keys[i] = key
		if key != "" && !seen[key] {
			seen[key] = true
			k.first[i] = true
			k.distinct++
		}
	}
	s.keyed = k
	return k
}

// vocabMatch matches a sample's distinct values once: which matched, the
// share of examined values (weighted by count) that did, and the coverage
// of distinct values, which is what the vocabulary detectors judge by — a
// column is a vocabulary's when most of its different values are in it, not
// when one frequent value happens to be. match gets a value's index and
// key and says whether it matched and whether the match is generic
// ("Other"). Matching stops, with ok false, as soon as more values have
// missed than minCoverage allows: most columns are no vocabulary's, and
// they cost a few look-ups.
func vocabMatch(s *Sample, minCoverage float64, match func(i int, key string) (matched, generic bool)) (matched []bool, share float64, cov refdata.Coverage, ok bool) {
	k := s.keys()
	cov.Distinct = k.distinct
	// The most values that may miss before the coverage is out of reach.
	allowed := k.distinct - int(math.Ceil(float64(k.distinct)*minCoverage-1e-9))
	matched = make([]bool, len(s.raw))
	byKey := make(map[string]bool, len(s.raw))
	n, misses := 0, 0
	for i, key := range k.keys {
		if key == "" {
			continue
		}
		if !k.first[i] {
			if byKey[key] {
				matched[i] = true
				n += s.count[i]
			}
			continue
		}
		m, g := match(i, key)
		byKey[key] = m
		if !m {
			if misses++; misses > allowed {
				return nil, 0, cov, false
			}
			continue
		}
		matched[i] = true
		n += s.count[i]
		cov.Matched++
		if g {
			cov.Generic++
		}
	}
	return matched, s.Share(n), cov, true
}

// vocabMask shows a matched value as its vocabulary entry (the entry's
// value when it has one, such as an ISO code, else its term as the source
// writes it), never as the raw text; unmatched values are masked.
func vocabMask(vs ...refdata.Name) func(string) string {
	return func(v string) string {
		for _, n := range vs {
			if e, ok := refdata.Get(n).Lookup(v); ok {
				if e.Value != "" {
					return e.Value
				}
				return e.Term
			}
		}
		return masked
	}
}

// categoryVocab is a closed vocabulary of census categories (race,
// marital status, relationship): a column is one when nearly all its
// distinct values are categories of the vocabulary and at least a few of
// them say something ("Other" alone does not).
type categoryVocab struct {
	vocab       refdata.Name
	category    string
	weight      float64
	minCoverage float64
	minDistinct int
	minSpecific int
	what        string
}

func (c categoryVocab) detect(in *Input) []Evidence {
	if in.Sample.keys().distinct < c.minDistinct {
		return nil
	}
	v := refdata.Get(c.vocab)
	ok, share, cov, done := vocabMatch(in.Sample, c.minCoverage, func(_ int, key string) (bool, bool) {
		e, found := v.LookupKey(key)
		return found, found && e.Generic()
	})
	if !done || !cov.AtLeast(c.minCoverage, c.minDistinct) || cov.Specific() < c.minSpecific {
		return nil
	}
	return []Evidence{{
		Category: c.category, Share: share, Strength: c.weight * cov.Share(), Matched: ok,
		Detail: i18n.M("%d%% of them %s", pct(cov.Share()), i18n.M(c.what)),
	}}
}
