package joint

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/optimize"
)

// logistic is an L2-regularised logistic regression over a one-hot design:
// it minimises
//
//	Σ_r [log(1 + e^{s_r}) − y_r·s_r] + (λ/2)·‖w‖²,  s_r = b + Σ_j w[active(r, j)],
//
// the intercept b unpenalised, with gonum's L-BFGS (optimize.LBFGS). The
// objective is strictly convex, so the minimum is unique and the fit does
// not depend on where the search starts.
type logistic struct {
	w []float64
	b float64
}

// Fitting bounds: the search stops when the largest gradient component is
// below gradTol per row, or after maxIter iterations.
const (
	gradTol = 1e-3
	maxIter = 200
)

// fit fits the model on the rows train (indices into d) with labels y.
func fit(d *design, y []bool, train []int, lambda float64) logistic {
	nf := d.features
	// x = (w, b). Func and Grad are evaluated at the same points, so one
	// pass computes both and the other reuses it.
	var lastX []float64
	var lastF float64
	lastG := make([]float64, nf+1)
	eval := func(x []float64) {
		if lastX != nil && slices.Equal(x, lastX) {
			return
		}
		lastX = append(lastX[:0], x...)
		w, b := x[:nf], x[nf]
		clear(lastG)
		var f float64
		for _, r := range train {
			act := d.row(r)
			s := b
			for _, a := range act {
				s += w[a]
			}
			// log(1+e^s) − y·s and its derivative σ(s) − y, stable on both sides.
			var loss, p float64
			if s > 0 {
				e := math.Exp(-s)
				loss, p = s+math.Log1p(e), 1/(1+e)
			} else {
				e := math.Exp(s)
				loss, p = math.Log1p(e), e/(1+e)
			}
			g := p
			if y[r] {
				loss -= s
				g -= 1
			}
			f += loss
			for _, a := range act {
				lastG[a] += g
			}
			lastG[nf] += g
		}
		for k, wk := range w {
			f += lambda / 2 * wk * wk
			lastG[k] += lambda * wk
		}
		lastF = f
	}
	p := optimize.Problem{
		Func: func(x []float64) float64 { eval(x); return lastF },
		Grad: func(grad, x []float64) { eval(x); copy(grad, lastG) },
	}
	x0 := make([]float64, nf+1)
	// Start from the base rate's log-odds.
	var pos int
	for _, r := range train {
		if y[r] {
			pos++
		}
	}
	if pos > 0 && pos < len(train) {
		x0[nf] = math.Log(float64(pos) / float64(len(train)-pos))
	}
	settings := &optimize.Settings{
		GradientThreshold: gradTol * float64(len(train)),
		MajorIterations:   maxIter,
		Converger:         &optimize.FunctionConverge{Relative: 1e-9, Iterations: 20},
	}
	res, _ := optimize.Minimize(p, x0, settings, &optimize.LBFGS{})
	x := x0
	if res != nil && len(res.X) == len(x0) {
		// An iteration limit or a line search that can go no further still
		// leaves the best point found.
		x = res.X
	}
	return logistic{w: append([]float64(nil), x[:nf]...), b: x[nf]}
}

// score is the model's log-odds for row r of d.
func (m logistic) score(d *design, r int) float64 {
	s := m.b
	for _, a := range d.row(r) {
		s += m.w[a]
	}
	return s
}
