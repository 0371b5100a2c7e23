package classify

import "github.com/saglig/saglig/lint/classify/refdata"

// vocabMatch matches a sample against a reference vocabulary (package
// refdata): which distinct values matched, the share of examined values
// (weighted by count) that did, and the coverage of distinct values, which
// is what the vocabulary detectors judge by — a column is a vocabulary's
// when most of its different values are in it, not when one frequent value
// happens to be.
func vocabMatch(s *Sample, match func(raw string) bool) (matched []bool, share float64, cov refdata.Coverage) {
	matched, share = s.Match(func(_ int, raw, _ string) bool { return match(raw) })
	cov = refdata.CoverageFunc(s.raw, match)
	return matched, share, cov
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
// distinct values are categories of the vocabulary and at least two of them
// say something ("Other" alone does not).
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
	v := refdata.Get(c.vocab)
	ok, share, cov := vocabMatch(in.Sample, v.Contains)
	if !cov.AtLeast(c.minCoverage, c.minDistinct) || cov.Specific() < c.minSpecific {
		return nil
	}
	return []Evidence{{
		Category: c.category, Share: share, Strength: c.weight * cov.Share(), Matched: ok,
		Detail: pct(cov.Share()) + " of them " + c.what,
	}}
}
