package stats

import (
	"cmp"
	"math"
	"slices"
)

// ValueGroup is one value of an input (a row of a contingency table) and
// the protected group (a column) it over-represents the most.
type ValueGroup struct {
	// Row is the value's row in the table, Col the group's column.
	Row, Col int
	// Count is the rows with the value, Hits those of them in the group.
	Count, Hits int64
	// Share is Count over all rows of the table.
	Share float64
	// Purity is Hits/Count, the share of the value's rows in the group,
	// with its Wilson 95% interval [Lo, Hi].
	Purity, Lo, Hi float64
	// Base is the group's share of all rows, the purity a value that
	// carries no information would have.
	Base float64
	// Lift is Purity/Base: how many times more common the group is among
	// the value's rows than overall.
	Lift float64
	// Info is the value's part of the table's mutual information, in nats:
	// Share · KL(P(group | value) ‖ P(group)). The parts add up to the
	// plug-in MI, so a value that is both extreme and common ranks first.
	Info float64
}

// ValueGroups returns, for every row of the table with a non-zero total,
// the column whose share among the row's counts is furthest above its
// overall share — the largest ratio of the Wilson lower bound of the
// purity to the base rate, so that a group seen in a handful of rows does
// not win by chance — sorted by Info (largest first, ties by row).
func ValueGroups(m [][]int64) []ValueGroup {
	rows, cols, n := marginals(m)
	if n == 0 {
		return nil
	}
	out := make([]ValueGroup, 0, len(m))
	for i, row := range m {
		if rows[i] == 0 {
			continue
		}
		cnt := int64(rows[i])
		best := ValueGroup{Row: i, Col: -1, Count: cnt, Share: rows[i] / n}
		bestScore := math.Inf(-1)
		var info float64
		for j, x := range row {
			if cols[j] == 0 {
				continue
			}
			base := cols[j] / n
			purity := float64(x) / rows[i]
			if x > 0 {
				info += purity * math.Log(purity/base)
			}
			lo, hi := Wilson(x, cnt, Z95)
			score := lo / base
			if score > bestScore || (score == bestScore && purity > best.Purity) {
				bestScore = score
				best.Col, best.Hits, best.Purity, best.Lo, best.Hi, best.Base = j, x, purity, lo, hi, base
				best.Lift = purity / base
			}
		}
		best.Info = max(0, best.Share*info)
		out = append(out, best)
	}
	slices.SortStableFunc(out, func(a, b ValueGroup) int {
		if c := cmp.Compare(b.Info, a.Info); c != 0 {
			return c
		}
		return cmp.Compare(a.Row, b.Row)
	})
	return out
}

// PurityTest is the test of whether one value identifies one group: H0
// "at most Tau of the value's rows are in the group", by the exact
// one-sided binomial test.
type PurityTest struct {
	Row, Col    int
	Count, Hits int64
	// Purity is Hits/Count; Base the group's share of all rows.
	Purity, Base float64
	// P is P(X ≥ Hits) for X ~ Binomial(Count, Tau).
	P float64
}

// PurityTests returns the tests of every row with at least minCount rows
// against every column whose share of all rows is below tau (a value
// cannot tell more about a group than "almost everyone is in it" already
// does), in row, then column order. Which rows are tested depends on
// their totals only, never on how their rows split over the groups, so
// the selection does not bias the tests.
func PurityTests(m [][]int64, minCount int64, tau float64) []PurityTest {
	rows, cols, n := marginals(m)
	var out []PurityTest
	if n == 0 {
		return nil
	}
	for i, row := range m {
		cnt := int64(rows[i])
		if cnt == 0 || cnt < minCount {
			continue
		}
		for j, x := range row {
			base := cols[j] / n
			if cols[j] == 0 || base >= tau {
				continue
			}
			out = append(out, PurityTest{Row: i, Col: j, Count: cnt, Hits: x,
				Purity: float64(x) / float64(cnt), Base: base, P: BinomialUpperTail(x, cnt, tau)})
		}
	}
	return out
}
