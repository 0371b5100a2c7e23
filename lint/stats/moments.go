package stats

// Moments are the count, mean and sum of squared deviations of a set of
// numbers, updated one value at a time with Welford's algorithm (Welford,
// "Note on a method for calculating corrected sums of squares and
// products", Technometrics 4(3), 1962) and merged with the pairwise formula
// of Chan, Golub & LeVeque ("Updating formulae and a pairwise algorithm for
// computing sample variances", 1979):
//
//	n = na + nb, δ = mean_b − mean_a,
//	mean = mean_a + δ·nb/n, M2 = M2a + M2b + δ²·na·nb/n.
type Moments struct {
	N    int64
	Mean float64
	M2   float64
}

// Add adds x.
func (m *Moments) Add(x float64) {
	m.N++
	d := x - m.Mean
	m.Mean += d / float64(m.N)
	m.M2 += d * (x - m.Mean)
}

// Merge adds o to m.
func (m *Moments) Merge(o Moments) {
	switch {
	case o.N == 0:
		return
	case m.N == 0:
		*m = o
		return
	}
	n := m.N + o.N
	d := o.Mean - m.Mean
	m.Mean += d * float64(o.N) / float64(n)
	m.M2 += o.M2 + d*d*float64(m.N)*float64(o.N)/float64(n)
	m.N = n
}
