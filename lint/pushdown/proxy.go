package pushdown

import (
	"github.com/saglig/saglig/lint/scan"
)

// The proxy measures beyond one coefficient per pair, from what the tables
// pass returned: the binned mutual information and the value table of
// every pair (the scan's code, scan.ExternalEvidence, on the pair's table
// over hashed or binned levels), naming a level only by a value of the
// column's value sample — the only values that leave the engine — and the
// joint model of the inputs (joint.go).

// sides reads the pairs' columns for the scan's evidence.
type sides struct {
	two *pass2
	// named are the sampled values of each column by their hash.
	named map[int]map[int64]sampledValue
	// bins are the logarithmic bins of an exactly keyed scalar column's
	// keys.
	bins map[int]map[int64]int64
}

// sampledValue is a value of the sample in the scan's text form, and its
// number.
type sampledValue struct {
	text string
	num  float64
}

func newSides(two *pass2) *sides {
	return &sides{two: two, named: map[int]map[int64]sampledValue{}, bins: map[int]map[int64]int64{}}
}

// sample returns column c's sampled values by hash.
func (s *sides) sample(c *column) map[int64]sampledValue {
	if m, ok := s.named[c.idx]; ok {
		return m
	}
	m := map[int64]sampledValue{}
	hs := s.two.hashes[c.idx]
	for i, v := range s.two.samples[c.idx] {
		if i >= len(hs) {
			break
		}
		text, num, null, err := scan.ValueText(c.col.ColumnType, v.Value)
		if err != nil || null {
			continue
		}
		m[hs[i]] = sampledValue{text: text, num: num}
	}
	s.named[c.idx] = m
	return m
}

// binsOf returns the logarithmic bin of each key of an exactly keyed
// scalar column.
func (s *sides) binsOf(c *column) map[int64]int64 {
	if m, ok := s.bins[c.idx]; ok {
		return m
	}
	m := map[int64]int64{}
	for _, k := range s.two.keys[c.idx] {
		m[k.key] = k.bin
	}
	s.bins[c.idx] = m
	return m
}

// of is how the scan reads column c's side of a pair, with levels l and
// profile prof: a level of an exactly keyed column is named by its value
// when the value came back in the sample, else it is unsampled (and a
// number stands for the centre of its logarithmic bin, within 0.5% of the
// value); a folded level is a bucket or a bin, as in the scan.
func (s *sides) of(c *column, l levels, prof *scan.Profile) scan.ExternalSide {
	e := scan.ExternalSide{Type: c.col.ColumnType, Folded: l.folded,
		Numeric: c.kind.scalar() && !scan.IsCode(c.col.Path, prof)}
	if l.folded {
		e.Name = func(uint64) scan.Level { return scan.Level{Kind: scan.LevelFolded} }
		if l.nl != nil {
			e.Number = l.nl.Number
		}
		return e
	}
	named := s.sample(c)
	e.Name = func(key uint64) scan.Level {
		if v, ok := named[int64(key)]; ok {
			return scan.Level{Kind: scan.LevelValue, Value: v.text}
		}
		return scan.Level{Kind: scan.LevelUnsampled}
	}
	if c.kind.scalar() {
		bins := s.binsOf(c)
		e.Number = func(key uint64) float64 {
			if v, ok := named[int64(key)]; ok {
				return v.num
			}
			return scan.BinNumber(binKey(bins[int64(key)]))
		}
	}
	return e
}
