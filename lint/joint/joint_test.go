package joint

import (
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/saglig/saglig/lint/stats"
)

// planted draws n rows of a sex column and inputs made by gen, which gets
// the row's sex (true = man) and the generator.
func planted(n int, seed uint64, gen func(man bool, r *rand.Rand) []float64, kinds []Kind) (*Sample, Column) {
	rng := rand.New(rand.NewPCG(seed, 1))
	s := &Sample{Keys: make([]uint64, n)}
	for j, k := range kinds {
		c := Column{Name: string(rune('a' + j)), Kind: k, Missing: make([]bool, n)}
		if k == Numeric {
			c.Nums = make([]float64, n)
		} else {
			c.Keys = make([]uint64, n)
		}
		s.Inputs = append(s.Inputs, c)
	}
	sex := Column{Name: "sex", Kind: Categorical, Keys: make([]uint64, n), Missing: make([]bool, n)}
	for r := range n {
		s.Keys[r] = stats.HashUint64(uint64(r))
		man := rng.IntN(2) == 0
		if man {
			sex.Keys[r] = 1
		} else {
			sex.Keys[r] = 2
		}
		for j, v := range gen(man, rng) {
			if kinds[j] == Numeric {
				s.Inputs[j].Nums[r] = v
			} else {
				s.Inputs[j].Keys[r] = uint64(v)
			}
		}
	}
	return s, sex
}

// weakLevel draws one of four levels whose share of men is 0.3, 0.45,
// 0.55 and 0.7: Cramér's V about 0.29 on its own.
func weakLevel(man bool, r *rand.Rand) float64 {
	p := []float64{0.3, 0.45, 0.55, 0.7}
	if !man {
		p = []float64{0.7, 0.55, 0.45, 0.3}
	}
	u := r.Float64() * 2
	for i, x := range p {
		if u < x {
			return float64(i)
		}
		u -= x
	}
	return 3
}

// threeWeak is the planted joint proxy: two categorical inputs and a
// numeric one, each weakly associated with sex, independent given sex.
func threeWeak(man bool, r *rand.Rand) []float64 {
	shift := -0.3
	if man {
		shift = 0.3
	}
	return []float64{weakLevel(man, r), weakLevel(man, r), r.NormFloat64() + shift, float64(r.IntN(5))}
}

func TestThreeWeakInputsPredictSex(t *testing.T) {
	s, sex := planted(6000, 1, threeWeak, []Kind{Categorical, Categorical, Numeric, Categorical})
	res := Evaluate(s, sex, Options{})
	if len(res.Classes) != 1 {
		t.Fatalf("classes %+v (%s), want one: a two-level target is one model", res.Classes, res.Note)
	}
	c := res.Classes[0]
	t.Logf("AUC %.3f [%.3f, %.3f], p %g, contributors %+v", c.AUC, c.Lo, c.Hi, c.P, c.Contributors)
	if c.AUC < 0.74 || c.Lo > c.AUC || c.Hi < c.AUC || c.P > 1e-10 {
		t.Errorf("joint AUC %.3f [%.3f, %.3f] p %g, want ≥ 0.74 and significant", c.AUC, c.Lo, c.Hi, c.P)
	}
	// The three planted inputs contribute; the noise input (d) does not
	// rank among them.
	names := map[string]bool{}
	for i, x := range c.Contributors {
		if i < 3 {
			names[x.Input] = true
		}
	}
	for _, in := range []string{"a", "b", "c"} {
		if !names[in] {
			t.Errorf("input %s not among the top three contributors %+v", in, c.Contributors)
		}
	}
	// Each alone is weak (Cramér's V about 0.29, η about 0.29): together
	// they predict clearly better than any one of them.
	for j := range 3 {
		one := &Sample{Keys: s.Keys, Inputs: s.Inputs[j : j+1]}
		r := Evaluate(one, sex, Options{})
		if a := r.Classes[0].AUC; a > 0.69 || c.AUC-a < 0.07 {
			t.Errorf("input %s alone: AUC %.3f (together %.3f), want a weak input", s.Inputs[j].Name, a, c.AUC)
		}
	}
}

func TestNoiseDoesNotPredict(t *testing.T) {
	noise := func(_ bool, r *rand.Rand) []float64 {
		return []float64{float64(r.IntN(4)), float64(r.IntN(40)), r.NormFloat64(), r.ExpFloat64()}
	}
	for seed := range uint64(5) {
		s, sex := planted(3000, 100+seed, noise, []Kind{Categorical, Categorical, Numeric, Numeric})
		c := Evaluate(s, sex, Options{}).Classes[0]
		if c.AUC > 0.56 || c.P < 0.001 {
			t.Errorf("seed %d: noise AUC %.3f [%.3f, %.3f] p %g", seed, c.AUC, c.Lo, c.Hi, c.P)
		}
	}
}

// TestNonLinearNumeric plants a numeric input whose two ends are one sex
// and the middle the other: bins see it.
func TestNonLinearNumeric(t *testing.T) {
	ends := func(man bool, r *rand.Rand) []float64 {
		x := r.NormFloat64() * 0.5
		if man {
			x = 2.5 + r.NormFloat64()*0.5
			if r.IntN(2) == 0 {
				x = -x
			}
		}
		return []float64{x}
	}
	s, sex := planted(4000, 7, ends, []Kind{Numeric})
	c := Evaluate(s, sex, Options{}).Classes[0]
	if c.AUC < 0.9 {
		t.Errorf("non-linear numeric proxy: AUC %.3f, want ≥ 0.9", c.AUC)
	}
}

// TestDeterministic: the same sample gives the same result on one worker
// and four, and in a different row order.
func TestDeterministic(t *testing.T) {
	s, _ := planted(3000, 3, threeWeak, []Kind{Categorical, Categorical, Numeric, Categorical})
	// A four-level target: the first input's level.
	tgt := Column{Name: "t", Kind: Categorical, Keys: s.Inputs[0].Keys, Missing: s.Inputs[0].Missing}
	in := &Sample{Keys: s.Keys, Inputs: s.Inputs[1:]}
	one := Evaluate(in, tgt, Options{Workers: 1})
	four := Evaluate(in, tgt, Options{Workers: 4})
	if !reflect.DeepEqual(one, four) {
		t.Errorf("1 worker: %+v\n4 workers: %+v", one, four)
	}
	if len(one.Classes) != 4 {
		t.Errorf("classes %d, want 4", len(one.Classes))
	}
}

func TestNumericTarget(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	const n = 2000
	s := &Sample{Keys: make([]uint64, n), Inputs: []Column{{Name: "exp", Kind: Numeric, Nums: make([]float64, n), Missing: make([]bool, n)}}}
	age := Column{Name: "age", Kind: Numeric, Nums: make([]float64, n), Missing: make([]bool, n)}
	for r := range n {
		s.Keys[r] = stats.HashUint64(uint64(r))
		a := float64(18 + rng.IntN(50))
		age.Nums[r] = a
		s.Inputs[0].Nums[r] = max(0, a-20+rng.NormFloat64()*3)
		if r%10 == 0 {
			s.Inputs[0].Missing[r] = true
		}
		if r%50 == 0 {
			age.Missing[r] = true
		}
	}
	res := Evaluate(s, age, Options{})
	if !res.Numeric || len(res.Classes) != 1 {
		t.Fatalf("%+v", res)
	}
	if res.Rows != n-n/50 {
		t.Errorf("rows %d, want %d (target nulls left out)", res.Rows, n-n/50)
	}
	if res.Median < 35 || res.Median > 50 {
		t.Errorf("median %g", res.Median)
	}
	if c := res.Classes[0]; c.AUC < 0.9 || math.Abs(c.Share-0.5) > 0.05 {
		t.Errorf("class %+v", c)
	}
}

func TestTooFewRows(t *testing.T) {
	s, sex := planted(100, 1, threeWeak, []Kind{Categorical, Categorical, Numeric, Categorical})
	res := Evaluate(s, sex, Options{})
	if len(res.Classes) != 0 || res.Note == "" {
		t.Errorf("%+v", res)
	}
}

func BenchmarkEvaluate(b *testing.B) {
	kinds := make([]Kind, 24)
	for j := range kinds {
		if j%2 == 0 {
			kinds[j] = Numeric
		}
	}
	gen := func(man bool, r *rand.Rand) []float64 {
		out := make([]float64, 24)
		for j := range out {
			out[j] = float64(r.IntN(40))
			if kinds[j] == Numeric {
				out[j] = r.NormFloat64()
				if man && j < 4 {
					out[j] += 0.3
				}
			}
		}
		return out
	}
	s, sex := planted(8192, 1, gen, kinds)
	b.ResetTimer()
	for range b.N {
		Evaluate(s, sex, Options{})
	}
}

// TestSubjectFolds: each subject has eight identical rows and a label of
// its own; the input (one of 30 groups of 20 subjects) says nothing about
// the label of a new subject. Folds by row test on subjects the model was
// trained on and see a signal that is not there; folds by subject do not.
func TestSubjectFolds(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	const subjects, per = 600, 8
	n := subjects * per
	s := &Sample{Keys: make([]uint64, n), Groups: make([]uint64, n),
		Inputs: []Column{{Name: "g", Kind: Categorical, Keys: make([]uint64, n), Missing: make([]bool, n)}}}
	tgt := Column{Name: "t", Kind: Categorical, Keys: make([]uint64, n), Missing: make([]bool, n)}
	for subj := range subjects {
		label := uint64(rng.IntN(2))
		for j := range per {
			r := subj*per + j
			s.Keys[r] = stats.HashUint64(uint64(r))
			s.Groups[r] = stats.HashUint64(uint64(subj) + 1<<40)
			s.Inputs[0].Keys[r] = uint64(subj % 30)
			tgt.Keys[r] = label
		}
	}
	grouped := Evaluate(s, tgt, Options{}).Classes[0]
	byRow := Evaluate(&Sample{Keys: s.Keys, Inputs: s.Inputs}, tgt, Options{}).Classes[0]
	t.Logf("by subject: AUC %.3f p %.3g; by row: AUC %.3f p %.3g", grouped.AUC, grouped.P, byRow.AUC, byRow.P)
	if grouped.AUC > 0.56 || grouped.P < 0.001 {
		t.Errorf("folds by subject: AUC %.3f, p %g: want no signal", grouped.AUC, grouped.P)
	}
	if byRow.AUC < grouped.AUC+0.05 {
		t.Errorf("folds by row: AUC %.3f, want the leak to show (by subject %.3f)", byRow.AUC, grouped.AUC)
	}
}
