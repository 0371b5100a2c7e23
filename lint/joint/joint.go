// Package joint measures joint proxies: how well all the inputs of a
// dataset, taken together, predict a protected column. Several inputs that
// are each only weakly associated with sex or origin can reveal it
// together, which is what a model trained on them will pick up; a pairwise
// measure (Cramér's V, η) cannot see that.
//
// Evaluate fits an L2-regularised logistic regression of each protected
// class on one-hot features of every input (a categorical input's most
// frequent levels, a numeric input's equal-frequency bins, "other" and
// "missing") and measures it out of sample by k-fold cross-validation: the
// area under the ROC curve with a confidence interval and a p-value
// against chance, and each input's contribution as the fall in AUC when
// its values are permuted among the held-out rows.
//
// Everything is a function of the sample: folds and permutations are
// chosen by the rows' keys (hashes), the features are ordered by count and
// key, and the fits are deterministic, so the same rows give the same
// figures however many workers evaluate them.
package joint

import (
	"cmp"
	"math"
	"slices"
	"sync"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/saglig/saglig/lint/stats"
)

// Kind says how a column's values are read.
type Kind int

// The kinds.
const (
	// Categorical columns are compared by level key (a code, a value's
	// hash, a folded bucket).
	Categorical Kind = iota
	// Numeric columns are read as numbers.
	Numeric
)

// Column is one column's values on the sampled rows.
type Column struct {
	Name string
	Kind Kind
	// Keys are the level keys (categorical), Nums the values (numeric);
	// Missing marks nulls. Each has one entry per sampled row.
	Keys    []uint64
	Nums    []float64
	Missing []bool
}

// Sample is the rows the model is fitted on.
type Sample struct {
	// Keys are the rows' hashes; they choose the permutations, and the
	// folds when Groups is nil.
	Keys []uint64
	// Groups, when set, are the rows' subjects (a hash of a person's id):
	// the folds are chosen by subject, so that a model is never tested on a
	// subject whose other rows it was trained on.
	Groups []uint64
	Inputs []Column
}

// Options tune the evaluation; zero fields take the defaults.
type Options struct {
	// Folds of the cross-validation (default 5).
	Folds int
	// Lambda is the L2 penalty (default 1).
	Lambda float64
	// MaxLevels is the most levels of a categorical input that are
	// features of their own (default 32); Bins the equal-frequency bins of
	// a numeric input (default 8).
	MaxLevels, Bins int
	// MaxClasses is the most classes of a protected column modelled one
	// against the rest (default 4); MinShare the least share of the rows a
	// class needs (default 0.02).
	MaxClasses int
	MinShare   float64
	// MinRows is the least number of rows with the target known, and
	// MinClassRows the least of each side of a class, for a class to be
	// modelled (defaults 200 and 20).
	MinRows, MinClassRows int
	// Workers fit the folds of the classes in parallel (default 1); the
	// result does not depend on it.
	Workers int
}

// Defaults of the options a report cites: the folds, the least rows with
// the target known, the least rows on each side of a class, and the least
// share of the rows on each side.
const (
	DefaultFolds        = 5
	DefaultMinRows      = 200
	DefaultMinClassRows = 20
	DefaultMinShare     = 0.02
)

// Why nothing was modelled (Result.Note).
const (
	NoteTooFewRows = "too few sampled rows"
	NoteNoInputs   = "no inputs"
	NoteNoClass    = "no class with enough rows on both sides"
)

func (o Options) withDefaults() Options {
	def := func(x *int, d int) {
		if *x <= 0 {
			*x = d
		}
	}
	def(&o.Folds, DefaultFolds)
	def(&o.MaxLevels, 32)
	def(&o.Bins, 8)
	def(&o.MaxClasses, 4)
	def(&o.MinRows, DefaultMinRows)
	def(&o.MinClassRows, DefaultMinClassRows)
	def(&o.Workers, 1)
	if o.Lambda <= 0 {
		o.Lambda = 1
	}
	if o.MinShare <= 0 {
		o.MinShare = DefaultMinShare
	}
	return o
}

// Result is how well the inputs together predict one protected column.
type Result struct {
	// Target is the protected column; Rows the sampled rows where it is
	// known.
	Target string
	Rows   int
	// Numeric is true when the target was split at its median: the one
	// class is "above Median".
	Numeric bool
	Median  float64
	Classes []Class
	// Note says why nothing was modelled, when Classes is empty.
	Note string
}

// Class is one protected class predicted against the rest.
type Class struct {
	// Key is the class's level key: a categorical target's key, the
	// float64 bits of a numeric target's value when it has few values;
	// 0 for a numeric target split at its median (the class is "above the
	// median").
	Key uint64
	// Count and Share are the class's rows and share among Rows: the base
	// rate a model without information would have.
	Count int
	Share float64
	// AUC is the mean over the folds of the held-out AUC, with its 95%
	// interval [Lo, Hi] from the folds' DeLong variances (on the logit
	// scale), and P the one-sided p-value of "no better than chance" from
	// the Mann–Whitney null variance.
	AUC, Lo, Hi, P float64
	// Contributors are the inputs whose permutation lowers the held-out
	// AUC, most first.
	Contributors []Contribution
}

// Contribution is an input's share in a prediction.
type Contribution struct {
	Input string
	// Drop is the mean fall in held-out AUC when the input's values are
	// permuted among the held-out rows (Breiman 2001's permutation
	// importance).
	Drop float64
}

// Evaluate measures how well the sample's inputs predict target.
func Evaluate(s *Sample, target Column, opt Options) Result {
	opt = opt.withDefaults()
	res := Result{Target: target.Name}
	// The rows where the target is known.
	var keep []int
	for r := range s.Keys {
		if !target.Missing[r] && (target.Kind != Numeric || !math.IsNaN(target.Nums[r])) {
			keep = append(keep, r)
		}
	}
	res.Rows = len(keep)
	if len(keep) < opt.MinRows {
		res.Note = NoteTooFewRows
		return res
	}
	if len(s.Inputs) == 0 {
		res.Note = NoteNoInputs
		return res
	}
	sub, tgt := s, target
	if len(keep) < len(s.Keys) {
		sub, tgt = subset(s, keep), subsetColumn(target, keep)
	}
	d := encode(sub.Inputs, len(keep), opt.MaxLevels, opt.Bins)
	classes := chooseClasses(&res, tgt, opt)
	if len(classes) == 0 {
		res.Note = NoteNoClass
		return res
	}
	folds := make([]int, len(keep))
	for i, k := range sub.Keys {
		if sub.Groups != nil {
			k = sub.Groups[i]
		}
		folds[i] = int(stats.HashUint64(k^foldSalt) % uint64(opt.Folds))
	}
	// Every fold of every class is fitted on its own, on as many workers as
	// allowed; the folds are then combined in their order, so the result
	// does not depend on the workers.
	out := make([][]foldResult, len(classes))
	for i := range out {
		out[i] = make([]foldResult, opt.Folds)
	}
	type task struct{ class, fold int }
	work := make(chan task)
	var wg sync.WaitGroup
	for range min(opt.Workers, len(classes)*opt.Folds) {
		wg.Go(func() {
			for t := range work {
				out[t.class][t.fold] = evaluateFold(d, sub, classes[t.class], folds, t.fold, opt)
			}
		})
	}
	for i := range classes {
		for k := range opt.Folds {
			work <- task{i, k}
		}
	}
	close(work)
	wg.Wait()
	res.Classes = make([]Class, len(classes))
	for i, t := range classes {
		res.Classes[i] = combineFolds(sub, t, out[i])
	}
	return res
}

// foldSalt and permSalt make the fold and permutation hashes independent
// of the sampling hash and of each other.
const (
	foldSalt = 0x6a6f_696e_7466_6f6c
	permSalt = 0x7065_726d_7574_6500
)

// target is one class to model: its key and the label of every row.
type target struct {
	key   uint64
	y     []bool
	count int
}

// chooseClasses picks the classes to model. A numeric target with more
// than maxCodeLevels distinct values is split at its median; otherwise the
// most frequent levels with at least MinShare of the rows (and not more
// than 1−MinShare), at most MaxClasses; of a two-level target only the
// smaller level, since the other's AUC is the same.
func chooseClasses(res *Result, t Column, opt Options) []target {
	n := len(t.Missing)
	enough := func(c int) bool {
		return c >= opt.MinClassRows && n-c >= opt.MinClassRows &&
			float64(c) >= opt.MinShare*float64(n) && float64(n-c) >= opt.MinShare*float64(n)
	}
	if t.Kind == Numeric && distinctNums(t.Nums) > maxCodeLevels {
		vals := slices.Clone(t.Nums)
		slices.Sort(vals)
		med := vals[(len(vals)-1)/2]
		y := make([]bool, n)
		c := 0
		for r, v := range t.Nums {
			if v > med {
				y[r] = true
				c++
			}
		}
		res.Numeric, res.Median = true, med
		if !enough(c) {
			return nil
		}
		return []target{{y: y, count: c}}
	}
	keys := t.Keys
	if t.Kind == Numeric {
		keys = make([]uint64, n)
		for r, v := range t.Nums {
			keys[r] = math.Float64bits(v)
		}
	}
	counts := map[uint64]int{}
	for _, k := range keys {
		counts[k]++
	}
	type lv struct {
		key uint64
		n   int
	}
	var levels []lv
	for k, c := range counts {
		levels = append(levels, lv{k, c})
	}
	slices.SortFunc(levels, func(a, b lv) int {
		if a.n != b.n {
			return cmp.Compare(b.n, a.n)
		}
		return cmp.Compare(a.key, b.key)
	})
	if len(levels) == 2 {
		levels = levels[1:]
	}
	var out []target
	for _, l := range levels {
		if len(out) == opt.MaxClasses {
			break
		}
		if !enough(l.n) {
			continue
		}
		y := make([]bool, n)
		for r, k := range keys {
			y[r] = k == l.key
		}
		out = append(out, target{key: l.key, y: y, count: l.n})
	}
	return out
}

// maxCodeLevels is the most distinct values a numeric protected column may
// have to be modelled level by level rather than split at its median.
const maxCodeLevels = 10

func distinctNums(xs []float64) int {
	seen := map[float64]struct{}{}
	for _, x := range xs {
		seen[x] = struct{}{}
		if len(seen) > maxCodeLevels {
			break
		}
	}
	return len(seen)
}

// foldResult is one fold's held-out evaluation of a class: its AUC with
// the DeLong and the null variance, and each input's fall in AUC when its
// values are permuted; ok is false when the fold's held-out rows hold only
// one side.
type foldResult struct {
	ok           bool
	auc, v, null float64
	drops        []float64
}

// evaluateFold fits the model of one class on all folds but k and
// evaluates it on fold k.
func evaluateFold(d *design, s *Sample, t target, folds []int, k int, opt Options) foldResult {
	var train, test []int
	for r, f := range folds {
		if f == k {
			test = append(test, r)
		} else {
			train = append(train, r)
		}
	}
	m := fit(d, t.y, train, opt.Lambda)
	scores := make([]float64, len(test))
	labels := make([]bool, len(test))
	for i, r := range test {
		scores[i] = m.score(d, r)
		labels[i] = t.y[r]
	}
	roc := stats.AUC(scores, labels)
	if math.IsNaN(roc.AUC) {
		return foldResult{}
	}
	fr := foldResult{ok: true, auc: roc.AUC, v: roc.Var, null: roc.NullVar(), drops: make([]float64, len(s.Inputs))}
	// Permutation importance: input j's feature on each held-out row is
	// replaced by that of another held-out row, the rows ordered by a hash
	// of their key (one permutation per fold, each input permuted on its
	// own).
	perm := slices.Clone(test)
	slices.SortFunc(perm, func(a, b int) int {
		return cmp.Compare(stats.HashUint64(s.Keys[a]^permSalt), stats.HashUint64(s.Keys[b]^permSalt))
	})
	permuted := make([]float64, len(test))
	for j := range s.Inputs {
		for i, r := range test {
			own := d.active[r*d.inputs+j]
			other := d.active[perm[i]*d.inputs+j]
			permuted[i] = scores[i] - m.w[own] + m.w[other]
		}
		fr.drops[j] = roc.AUC - stats.AUC(permuted, labels).AUC
	}
	return fr
}

// combineFolds makes a class's result of its folds': the mean held-out
// AUC, its interval from the mean DeLong variance, the p-value against
// chance from the null variance, and the inputs' mean falls in AUC.
func combineFolds(s *Sample, t target, folds []foldResult) Class {
	n := len(t.y)
	c := Class{Key: t.key, Count: t.count, Share: float64(t.count) / float64(n)}
	drops := make([]float64, len(s.Inputs))
	var aucSum, varSum, nullSum float64
	used := 0
	for _, fr := range folds {
		if !fr.ok {
			continue
		}
		used++
		aucSum += fr.auc
		varSum += fr.v
		nullSum += fr.null
		for j, x := range fr.drops {
			drops[j] += x
		}
	}
	if used == 0 {
		c.AUC, c.Lo, c.Hi, c.P = math.NaN(), math.NaN(), math.NaN(), 1
		return c
	}
	u := float64(used)
	c.AUC = aucSum / u
	v := varSum / (u * u)
	c.Lo, c.Hi = stats.LogitInterval(c.AUC, v, stats.Z95)
	z := (c.AUC - 0.5) / math.Sqrt(nullSum/(u*u))
	c.P = distuv.UnitNormal.Survival(z)
	for j, in := range s.Inputs {
		if drop := drops[j] / u; drop > 0 {
			c.Contributors = append(c.Contributors, Contribution{Input: in.Name, Drop: drop})
		}
	}
	slices.SortStableFunc(c.Contributors, func(a, b Contribution) int {
		if x := cmp.Compare(b.Drop, a.Drop); x != 0 {
			return x
		}
		return cmp.Compare(a.Input, b.Input)
	})
	return c
}

// subset returns the sample restricted to rows.
func subset(s *Sample, rows []int) *Sample {
	out := &Sample{Keys: make([]uint64, len(rows)), Inputs: make([]Column, len(s.Inputs))}
	if s.Groups != nil {
		out.Groups = make([]uint64, len(rows))
	}
	for i, r := range rows {
		out.Keys[i] = s.Keys[r]
		if s.Groups != nil {
			out.Groups[i] = s.Groups[r]
		}
	}
	for j, c := range s.Inputs {
		out.Inputs[j] = subsetColumn(c, rows)
	}
	return out
}

func subsetColumn(c Column, rows []int) Column {
	out := Column{Name: c.Name, Kind: c.Kind, Missing: make([]bool, len(rows))}
	if c.Keys != nil {
		out.Keys = make([]uint64, len(rows))
	}
	if c.Nums != nil {
		out.Nums = make([]float64, len(rows))
	}
	for i, r := range rows {
		out.Missing[i] = c.Missing[r]
		if c.Keys != nil {
			out.Keys[i] = c.Keys[r]
		}
		if c.Nums != nil {
			out.Nums[i] = c.Nums[r]
		}
	}
	return out
}
