package stats

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"
)

// Table is a two-way contingency table of counts over levels identified by
// 64-bit keys (a value's hash, a code, a bin). It merges by key, so the
// merged table is the same whatever the split and merge order. Levels are
// bounded by the caller: RekeyRows and RekeyCols fold levels together.
// Counts are stored flat, row by row, stride columns per row.
type Table struct {
	rowIdx  map[uint64]int32
	rowKeys []uint64
	colIdx  map[uint64]int32
	colKeys []uint64
	stride  int
	cells   []int64
	n       int64
}

// NewTable returns an empty table.
func NewTable() *Table {
	return &Table{rowIdx: map[uint64]int32{}, colIdx: map[uint64]int32{}}
}

// N is the total count.
func (t *Table) N() int64 { return t.n }

// Add counts count occurrences of the pair (row, col).
func (t *Table) Add(row, col uint64, count int64) {
	if count == 0 {
		return
	}
	c, ok := t.colIdx[col]
	if !ok {
		c = int32(len(t.colKeys))
		t.colIdx[col] = c
		t.colKeys = append(t.colKeys, col)
		if len(t.colKeys) > t.stride {
			t.restride(max(2*t.stride, 2))
		}
	}
	r, ok := t.rowIdx[row]
	if !ok {
		r = int32(len(t.rowKeys))
		t.rowIdx[row] = r
		t.rowKeys = append(t.rowKeys, row)
		t.cells = append(t.cells, make([]int64, t.stride)...)
	}
	t.cells[int(r)*t.stride+int(c)] += count
	t.n += count
}

// restride lays the rows out with a wider stride.
func (t *Table) restride(stride int) {
	cells := make([]int64, len(t.rowKeys)*stride)
	for r := range t.rowKeys {
		copy(cells[r*stride:], t.cells[r*t.stride:(r+1)*t.stride])
	}
	t.cells, t.stride = cells, stride
}

// Merge adds o to t.
func (t *Table) Merge(o *Table) {
	if o == nil {
		return
	}
	o.Each(func(row, col uint64, n int64) { t.Add(row, col, n) })
}

// Each calls f for every non-zero cell, in no particular order.
func (t *Table) Each(f func(row, col uint64, n int64)) {
	for r, rk := range t.rowKeys {
		for c, n := range t.cells[r*t.stride : r*t.stride+len(t.colKeys)] {
			if n != 0 {
				f(rk, t.colKeys[c], n)
			}
		}
	}
}

// RekeyRows replaces every row key k by f(k), adding up rows that fold
// together.
func (t *Table) RekeyRows(f func(uint64) uint64) {
	old := *t
	*t = *NewTable()
	old.Each(func(row, col uint64, n int64) { t.Add(f(row), col, n) })
}

// RekeyCols replaces every column key k by f(k), adding up columns that
// fold together.
func (t *Table) RekeyCols(f func(uint64) uint64) {
	old := *t
	*t = *NewTable()
	old.Each(func(row, col uint64, n int64) { t.Add(row, f(col), n) })
}

// Dense returns the counts as a matrix with rows and columns in key order,
// levels with a zero total left out.
func (t *Table) Dense() [][]int64 {
	_, _, m := t.Keyed()
	return m
}

// Keyed returns the counts as Dense does, with the keys of its rows and
// columns.
func (t *Table) Keyed() (rowKeys, colKeys []uint64, m [][]int64) {
	rowTot := make([]int64, len(t.rowKeys))
	colTot := make([]int64, len(t.colKeys))
	for r := range t.rowKeys {
		for c := range t.colKeys {
			n := t.cells[r*t.stride+c]
			rowTot[r] += n
			colTot[c] += n
		}
	}
	rows := sortedLevels(t.rowKeys, rowTot)
	cols := sortedLevels(t.colKeys, colTot)
	m = make([][]int64, len(rows))
	rowKeys = make([]uint64, len(rows))
	colKeys = make([]uint64, len(cols))
	for j, c := range cols {
		colKeys[j] = t.colKeys[c]
	}
	for i, r := range rows {
		rowKeys[i] = t.rowKeys[r]
		m[i] = make([]int64, len(cols))
		for j, c := range cols {
			m[i][j] = t.cells[r*t.stride+c]
		}
	}
	return rowKeys, colKeys, m
}

// sortedLevels returns the indices of the levels with a non-zero total, in
// key order.
func sortedLevels(keys []uint64, tot []int64) []int {
	idx := make([]int, 0, len(keys))
	for i := range keys {
		if tot[i] != 0 {
			idx = append(idx, i)
		}
	}
	slices.SortFunc(idx, func(a, b int) int {
		switch {
		case keys[a] < keys[b]:
			return -1
		case keys[a] > keys[b]:
			return 1
		}
		return 0
	})
	return idx
}

// marginals returns the row and column totals and the grand total of m.
func marginals(m [][]int64) (rows, cols []float64, n float64) {
	rows = make([]float64, len(m))
	if len(m) > 0 {
		cols = make([]float64, len(m[0]))
	}
	for i, row := range m {
		for j, x := range row {
			rows[i] += float64(x)
			cols[j] += float64(x)
			n += float64(x)
		}
	}
	return rows, cols, n
}

// nonZero counts the non-zero entries of xs.
func nonZero(xs []float64) int {
	k := 0
	for _, x := range xs {
		if x != 0 {
			k++
		}
	}
	return k
}

// ChiSquare is Pearson's chi-square test of independence.
type ChiSquare struct {
	// Stat is Σ (O−E)²/E over the cells, E = row total · column total / n.
	Stat float64
	// DF is (r−1)(c−1) over the levels with a non-zero total.
	DF int
	// P is the upper tail of the chi-square distribution with DF degrees of
	// freedom at Stat; 1 when DF is 0.
	P float64
	N int64
}

// ChiSquareTest computes Pearson's chi-square statistic of a contingency
// table, with the identity Σ (O−E)²/E = n·(Σ O²/(r_i·c_j) − 1) (summing
// over the non-zero cells only), and its p-value from gonum's chi-square
// survival function.
func ChiSquareTest(m [][]int64) ChiSquare {
	rows, cols, n := marginals(m)
	res := ChiSquare{N: int64(n), P: 1}
	r, c := nonZero(rows), nonZero(cols)
	if r < 2 || c < 2 {
		return res
	}
	var s float64
	for i, row := range m {
		for j, o := range row {
			if o != 0 {
				x := float64(o)
				s += x * x / (rows[i] * cols[j])
			}
		}
	}
	res.Stat = max(0, n*(s-1))
	res.DF = (r - 1) * (c - 1)
	res.P = distuv.ChiSquared{K: float64(res.DF)}.Survival(res.Stat)
	return res
}

// CramersV returns Cramér's V of a contingency table, bias-corrected and
// naive. With φ² = χ²/n, k rows and r columns (levels with a non-zero
// total), the naive V is sqrt(φ² / min(k−1, r−1)). The corrected V is
// Bergsma's ("A bias-correction for Cramér's V and Tschuprow's T", Journal
// of the Korean Statistical Society 42(3), 2013, eq. 3–4):
//
//	φ²₊ = max(0, φ² − (k−1)(r−1)/(n−1))
//	k̃ = k − (k−1)²/(n−1),  r̃ = r − (r−1)²/(n−1)
//	Ṽ = sqrt(φ²₊ / min(k̃−1, r̃−1))
//
// The naive V is biased upward on sparse tables (many levels for the
// number of rows): under independence E[φ²] ≈ (k−1)(r−1)/(n−1), which the
// correction subtracts. Both are 0 for a table with fewer than two levels
// on either side.
func CramersV(m [][]int64) (corrected, naive float64) {
	rows, cols, n := marginals(m)
	k, r := float64(nonZero(rows)), float64(nonZero(cols))
	if k < 2 || r < 2 || n < 2 {
		return 0, 0
	}
	chi := ChiSquareTest(m).Stat
	phi2 := chi / n
	naive = math.Sqrt(min(1, phi2/min(k-1, r-1)))
	phi2c := max(0, phi2-(k-1)*(r-1)/(n-1))
	kc := k - (k-1)*(k-1)/(n-1)
	rc := r - (r-1)*(r-1)/(n-1)
	d := min(kc-1, rc-1)
	if d <= 0 {
		return 0, naive
	}
	return math.Sqrt(min(1, phi2c/d)), naive
}

// NMI returns the normalised mutual information of a contingency table,
// MI / sqrt(H(X)·H(Y)) (the geometric normalisation of Strehl & Ghosh,
// "Cluster ensembles", JMLR 3, 2002), with the plug-in (maximum-likelihood)
// estimates MI = Σ p_ij ln(p_ij/(p_i p_j)) and H = −Σ p ln p. It is 0 when
// either side has a single level. Like naive V, the plug-in MI is biased
// upward on sparse tables, by about (k−1)(r−1)/(2n) nats.
func NMI(m [][]int64) float64 {
	rows, cols, n := marginals(m)
	if nonZero(rows) < 2 || nonZero(cols) < 2 {
		return 0
	}
	entropy := func(xs []float64) float64 {
		var h float64
		for _, x := range xs {
			if x > 0 {
				p := x / n
				h -= p * math.Log(p)
			}
		}
		return h
	}
	hx, hy := entropy(rows), entropy(cols)
	var mi float64
	for i, row := range m {
		for j, o := range row {
			if o > 0 {
				p := float64(o) / n
				mi += p * math.Log(float64(o)*n/(rows[i]*cols[j]))
			}
		}
	}
	return min(1, max(0, mi/math.Sqrt(hx*hy)))
}
