package stats

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"
)

// Grouped holds Moments per group, groups identified by 64-bit keys. It
// merges by key.
type Grouped struct {
	idx  map[uint64]int
	keys []uint64
	m    []Moments
}

// NewGrouped returns an empty set of grouped moments.
func NewGrouped() *Grouped { return &Grouped{idx: map[uint64]int{}} }

// Group returns the moments of the group with key k, creating it.
func (g *Grouped) Group(k uint64) *Moments {
	i, ok := g.idx[k]
	if !ok {
		i = len(g.keys)
		g.idx[k] = i
		g.keys = append(g.keys, k)
		g.m = append(g.m, Moments{})
	}
	return &g.m[i]
}

// Add adds x to the group with key k.
func (g *Grouped) Add(k uint64, x float64) { g.Group(k).Add(x) }

// Merge adds o to g, group by group.
func (g *Grouped) Merge(o *Grouped) {
	if o == nil {
		return
	}
	for i, k := range o.keys {
		g.Group(k).Merge(o.m[i])
	}
}

// Rekey replaces every group key k by f(k), merging groups that fold
// together (in key order, so the result does not depend on insertion order).
func (g *Grouped) Rekey(f func(uint64) uint64) {
	keys, ms := g.sorted()
	*g = *NewGrouped()
	for i, k := range keys {
		g.Group(f(k)).Merge(ms[i])
	}
}

// Moments returns the groups' moments in key order.
func (g *Grouped) Moments() []Moments {
	_, ms := g.sorted()
	return ms
}

func (g *Grouped) sorted() ([]uint64, []Moments) {
	order := make([]int, len(g.keys))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		switch {
		case g.keys[a] < g.keys[b]:
			return -1
		case g.keys[a] > g.keys[b]:
			return 1
		}
		return 0
	})
	keys := make([]uint64, len(order))
	ms := make([]Moments, len(order))
	for i, j := range order {
		keys[i], ms[i] = g.keys[j], g.m[j]
	}
	return keys, ms
}

// Eta is the correlation ratio of a numeric variable over groups, with the
// one-way ANOVA F-test of equal group means.
type Eta struct {
	// Eta is sqrt(SS_between / SS_total), in [0, 1].
	Eta float64
	// F = (SS_between/(k−1)) / (SS_within/(n−k)), DF1 = k−1, DF2 = n−k.
	F        float64
	DF1, DF2 int
	// P is the upper tail of the F distribution at F; 1 when undefined.
	P      float64
	N      int64
	Groups int
}

// CorrelationRatio computes Pearson's correlation ratio η of a numeric
// variable given a categorical one, from the variable's moments in each
// group (Fisher, "Statistical Methods for Research Workers", 1925, §45):
//
//	SS_between = Σ n_g (mean_g − mean)²,  SS_within = Σ M2_g,
//	η² = SS_between / (SS_between + SS_within),
//
// and the F-test of one-way analysis of variance, its p-value from gonum's
// F survival function. Empty groups are left out; with fewer than two
// groups, or no variance, η is 0 and P is 1.
func CorrelationRatio(groups []Moments) Eta {
	var all Moments
	k := 0
	for _, g := range groups {
		if g.N > 0 {
			all.Merge(g)
			k++
		}
	}
	var ssb, ssw float64
	for _, g := range groups {
		if g.N > 0 {
			d := g.Mean - all.Mean
			ssb += float64(g.N) * d * d
			ssw += g.M2
		}
	}
	return CorrelationRatioSums(ssb, ssw, k, all.N)
}

// CorrelationRatioSums computes η and its F-test from the sums of squares
// between and within k non-empty groups of n values in all, as
// CorrelationRatio does from the groups' moments: for an engine that sums
// the squares itself (lint/pushdown).
func CorrelationRatioSums(ssb, ssw float64, k int, n int64) Eta {
	res := Eta{N: n, Groups: k, P: 1}
	if k < 2 || n <= int64(k) {
		return res
	}
	ssb, ssw = max(ssb, 0), max(ssw, 0)
	sst := ssb + ssw
	if sst <= 0 {
		return res
	}
	res.Eta = math.Sqrt(min(1, ssb/sst))
	res.DF1, res.DF2 = k-1, int(n)-k
	switch {
	case ssw <= 0:
		res.F, res.P = math.Inf(1), 0
	default:
		res.F = (ssb / float64(res.DF1)) / (ssw / float64(res.DF2))
		res.P = distuv.F{D1: float64(res.DF1), D2: float64(res.DF2)}.Survival(res.F)
	}
	return res
}
