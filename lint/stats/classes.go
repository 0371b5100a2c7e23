package stats

import "math"

// Classes measures the equivalence classes of a key — the combination of a
// row's quasi-identifier values — over a deterministic hash sample of the
// classes: how many rows each holds and how many distinct subjects. A class
// is kept while its hash is below 2^64 / 2^Level; the level rises (halving
// the share sampled) whenever more than Capacity (class, subject) pairs are
// kept, as Spans does for subjects. A sampled class was kept from its first
// row on, so its counts are exact, and the final level is the smallest at
// which the sample fits, so the merged state is the same whatever the split
// and merge order.
//
// Each entry is one (class, subject) pair, keyed by a hash of both, so that
// a subject observed many times with the same values counts once. Without
// subjects (NewClasses with bySubject false) every row is its own subject
// and an entry is a class.
type Classes struct {
	capacity  int
	bySubject bool
	level     uint
	m         Map64[classPair]
}

type classPair struct {
	class uint64
	rows  int64
}

// NewClasses returns an empty sample that keeps at most capacity entries.
// bySubject says whether Add's subject identifies a person (distinct
// subjects are counted per class) or is to be ignored (each row is a
// subject).
func NewClasses(capacity int, bySubject bool) *Classes {
	return &Classes{capacity: max(capacity, 1), bySubject: bySubject}
}

// keep reports whether class hash h is in the sample at the current level.
func (c *Classes) keep(h uint64) bool {
	return c.level == 0 || (c.level < 64 && h>>(64-c.level) == 0)
}

// pairKey is the entry of a (class, subject) pair.
func (c *Classes) pairKey(class, subject uint64) uint64 {
	if !c.bySubject {
		return class
	}
	return HashUint64(class ^ HashUint64(subject))
}

// Add records a row of class hash class, of the subject with hash subject.
func (c *Classes) Add(class, subject uint64) {
	if !c.keep(class) {
		return
	}
	e, found := c.m.Upsert(c.pairKey(class, subject))
	if !found {
		*e = classPair{class: class, rows: 1}
		c.shrink()
		return
	}
	e.rows++
}

// shrink raises the level until at most capacity entries are kept.
func (c *Classes) shrink() {
	for c.m.Len() > c.capacity && c.level < 64 {
		c.level++
		c.m.Retain(func(_ uint64, e classPair) bool { return c.keep(e.class) })
	}
}

// Merge adds o to c.
func (c *Classes) Merge(o *Classes) {
	if o == nil {
		return
	}
	if o.level > c.level {
		c.level = o.level
		c.m.Retain(func(_ uint64, e classPair) bool { return c.keep(e.class) })
	}
	for k, b := range o.m.All() {
		if !c.keep(b.class) {
			continue
		}
		a, found := c.m.Upsert(k)
		if !found {
			*a = b
			continue
		}
		a.rows += b.rows
	}
	c.shrink()
}

// Share is the share of all classes the sample is expected to hold,
// 2^−Level (1 when every class is kept).
func (c *Classes) Share() float64 { return math.Ldexp(1, -int(c.level)) }

// ClassSize is one sampled class: its distinct subjects and its rows.
type ClassSize struct {
	Subjects, Rows int64
}

// Sizes returns the sampled classes, in no particular order.
func (c *Classes) Sizes() []ClassSize {
	byClass := map[uint64]ClassSize{}
	for _, e := range c.m.All() {
		s := byClass[e.class]
		s.Rows += e.rows
		if c.bySubject {
			s.Subjects++
		} else {
			s.Subjects += e.rows
		}
		byClass[e.class] = s
	}
	out := make([]ClassSize, 0, len(byClass))
	for _, s := range byClass {
		out = append(out, s)
	}
	return out
}
