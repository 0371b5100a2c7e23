package stats

import (
	"math"
	"slices"
)

// Spans measures, per subject, the first and last time it was observed and
// how often, over a deterministic hash sample of the subjects: a subject is
// kept while its hash is below 2^64 / 2^Level, and the level rises (halving
// the share sampled) whenever more than Capacity subjects are kept —
// adaptive sampling (Wegman; Flajolet, "On adaptive sampling", Computing
// 43, 1990). A subject in the final sample was kept from its first
// observation on, so its span and count are exact; and the final level is
// the smallest at which at most Capacity subjects qualify, so the merged
// state is the same whatever the split and merge order.
type Spans struct {
	capacity int
	level    uint
	m        Map64[span]
}

type span struct {
	first, last int64
	n           int64
}

// NewSpans returns an empty sample that keeps at most capacity subjects.
func NewSpans(capacity int) *Spans {
	if capacity < 1 {
		capacity = 1
	}
	return &Spans{capacity: capacity}
}

// keep reports whether hash h is in the sample at the current level.
func (s *Spans) keep(h uint64) bool {
	return s.level == 0 || (s.level < 64 && h>>(64-s.level) == 0)
}

// Add records an observation at time t (any unit) of the subject with
// hash h.
func (s *Spans) Add(h uint64, t int64) {
	if !s.keep(h) {
		return
	}
	sp, found := s.m.Upsert(h)
	if !found {
		*sp = span{first: t, last: t, n: 1}
		s.shrink()
		return
	}
	sp.first = min(sp.first, t)
	sp.last = max(sp.last, t)
	sp.n++
}

// shrink raises the level until at most capacity subjects are kept.
func (s *Spans) shrink() {
	for s.m.Len() > s.capacity && s.level < 64 {
		s.level++
		s.m.Retain(func(h uint64, _ span) bool { return s.keep(h) })
	}
}

// Merge adds o to s.
func (s *Spans) Merge(o *Spans) {
	if o == nil {
		return
	}
	if o.level > s.level {
		s.level = o.level
		s.m.Retain(func(h uint64, _ span) bool { return s.keep(h) })
	}
	for h, b := range o.m.All() {
		if !s.keep(h) {
			continue
		}
		a, found := s.m.Upsert(h)
		if !found {
			*a = b
			continue
		}
		*a = span{first: min(a.first, b.first), last: max(a.last, b.last), n: a.n + b.n}
	}
	s.shrink()
}

// Subjects is the number of subjects in the sample.
func (s *Spans) Subjects() int64 { return int64(s.m.Len()) }

// Share is the share of all subjects the sample is expected to hold,
// 2^−Level (1 when every subject is kept).
func (s *Spans) Share() float64 { return math.Ldexp(1, -int(s.level)) }

// MultiObs is the share of sampled subjects observed at least twice.
func (s *Spans) MultiObs() float64 {
	if s.m.Len() == 0 {
		return 0
	}
	k := 0
	for _, sp := range s.m.All() {
		if sp.n >= 2 {
			k++
		}
	}
	return float64(k) / float64(s.m.Len())
}

// SpanQuantiles returns quantiles ps of last − first over the sampled
// subjects, with linear interpolation between order statistics (Hyndman &
// Fan 1996, definition 7). It returns nil for an empty sample.
func (s *Spans) SpanQuantiles(ps []float64) []float64 {
	if s.m.Len() == 0 {
		return nil
	}
	d := make([]float64, 0, s.m.Len())
	for _, sp := range s.m.All() {
		d = append(d, float64(sp.last-sp.first))
	}
	slices.Sort(d)
	out := make([]float64, len(ps))
	for i, p := range ps {
		out[i] = interpolate(d, p)
	}
	return out
}

// interpolate returns the p-quantile of sorted xs, Hyndman–Fan type 7.
func interpolate(xs []float64, p float64) float64 {
	h := p * float64(len(xs)-1)
	lo := int(math.Floor(h))
	if lo >= len(xs)-1 {
		return xs[len(xs)-1]
	}
	if lo < 0 {
		return xs[0]
	}
	return xs[lo] + (h-float64(lo))*(xs[lo+1]-xs[lo])
}
