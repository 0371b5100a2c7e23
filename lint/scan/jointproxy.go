package scan

import (
	"cmp"
	"math"
	"slices"

	"github.com/saglig/saglig/lint/joint"
)

// JointProxy is how well all the inputs together predict one protected
// column, measured on the joint sample (lint/joint).
type JointProxy struct {
	Protected string `json:"protected"`
	// Inputs are the inputs the model was given.
	Inputs []string `json:"inputs"`
	// Rows are the sampled rows where the protected column is known;
	// SampledShare the share of the dataset's rows in the sample.
	Rows         int     `json:"rows"`
	SampledShare float64 `json:"sampled_share"`
	// Median is where a numeric protected column was split (the class is
	// "above the median"); Numeric says so.
	Numeric bool         `json:"numeric,omitempty"`
	Median  float64      `json:"median,omitempty"`
	Classes []JointClass `json:"classes"`
	// Note says why nothing was modelled, when Classes is empty.
	Note string `json:"note,omitempty"`
}

// JointClass is one protected class predicted against the rest.
type JointClass struct {
	// Group names the class (raw: the rules show it under k-anonymity);
	// a numeric column's class is the range above its median.
	Group Level `json:"-"`
	// Share is the class's share of the sampled rows (the base rate).
	Share float64 `json:"share"`
	// AUC is the cross-validated area under the ROC curve, [Lo, Hi] its
	// 95% interval, P the one-sided p-value against chance (0.5).
	AUC float64 `json:"auc"`
	Lo  float64 `json:"auc_lo"`
	Hi  float64 `json:"auc_hi"`
	P   float64 `json:"p_value"`
	// Contributors are the inputs whose permutation lowers the held-out
	// AUC, most first, with that fall.
	Contributors []joint.Contribution `json:"contributors"`
}

// joint evaluates, for each protected column, the model of the inputs
// paired with it on the merged joint sample.
func (g *global) joint(profileOf func(int) *Profile) []JointProxy {
	p, s := g.p, g.sample
	if s == nil || len(s.hashes) == 0 {
		return nil
	}
	// Rows in hash order, so that nothing depends on the order in which
	// units were merged.
	order := make([]int, len(s.hashes))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(s.hashes[a], s.hashes[b]) })
	keys := make([]uint64, len(order))
	var groups []uint64
	if p.id >= 0 && p.sampleCol[p.id] >= 0 {
		groups = make([]uint64, len(order))
	}
	for i, r := range order {
		keys[i] = s.hashes[r]
		if groups != nil {
			// A row without an id is its own subject.
			groups[i] = keys[i]
			if cell, _ := s.cell(r, p.sampleCol[p.id]); cell.set {
				groups[i] = cell.key
			}
		}
	}
	column := func(c int) joint.Column {
		cs := p.cols[c]
		ls := g.levels[c]
		col := joint.Column{Name: cs.path, Missing: make([]bool, len(order))}
		numeric := g.numeric(c, profileOf)
		if numeric {
			col.Kind, col.Nums = joint.Numeric, make([]float64, len(order))
		} else {
			col.Kind, col.Keys = joint.Categorical, make([]uint64, len(order))
		}
		sc := p.sampleCol[c]
		for i, r := range order {
			cell, filled := s.cell(r, sc)
			if !cell.set || !filled {
				col.Missing[i] = true
				continue
			}
			key := ls.spec.convert(cell.key, cell.tr, ls.tr)
			if numeric {
				col.Nums[i] = levelNumber(ls.spec, key, ls.tr)
			} else {
				col.Keys[i] = key
			}
		}
		return col
	}
	cols := map[int]joint.Column{}
	get := func(c int) joint.Column {
		col, ok := cols[c]
		if !ok {
			col = column(c)
			cols[c] = col
		}
		return col
	}
	return JointByProtected(p.pairs, func(pr pairSpec) (int, int) { return pr.in, pr.prot }, keys, groups, get,
		func(prot int, sample *joint.Sample) JointProxy {
			return jointProxy(sample, get(prot), s.share(), p.cols[prot].vt, g.namer(prot).level, p.req.Workers)
		})
}

// JointByProtected models each protected column the pairs name, in the
// order they first name it, from the inputs paired with it: pair gives a
// pair's input and protected column, column a column of the joint sample
// of rows keys (subjects groups), and model the JointProxy of a protected
// column given the sample of its inputs. The scan and lint/pushdown model
// their joint samples through it.
func JointByProtected[P any, C comparable](pairs []P, pair func(P) (in, prot C), keys, groups []uint64, column func(C) joint.Column, model func(prot C, sample *joint.Sample) JointProxy) []JointProxy {
	var prots []C
	for _, pr := range pairs {
		if _, prot := pair(pr); !slices.Contains(prots, prot) {
			prots = append(prots, prot)
		}
	}
	var out []JointProxy
	for _, prot := range prots {
		sample := &joint.Sample{Keys: keys, Groups: groups}
		for _, pr := range pairs {
			if in, pp := pair(pr); pp == prot {
				sample.Inputs = append(sample.Inputs, column(in))
			}
		}
		out = append(out, model(prot, sample))
	}
	return out
}

// jointProxy models the protected column tgt from the sample's inputs and
// names its classes: share is the sampled share of the rows, vt the
// column's value type and name names a level key of a categorical column.
func jointProxy(sample *joint.Sample, tgt joint.Column, share float64, vt valueType, name func(uint64) Level, workers int) JointProxy {
	var names []string
	for _, in := range sample.Inputs {
		names = append(names, in.Name)
	}
	r := joint.Evaluate(sample, tgt, joint.Options{Workers: workers})
	jp := JointProxy{Protected: tgt.Name, Inputs: names, Rows: r.Rows, SampledShare: share,
		Numeric: r.Numeric, Median: r.Median, Note: r.Note}
	for _, c := range r.Classes {
		jc := JointClass{Share: c.Share, AUC: c.AUC, Lo: c.Lo, Hi: c.Hi, P: c.P, Contributors: c.Contributors}
		switch {
		case r.Numeric:
			jc.Group = Level{Kind: LevelRange, From: numberText(vt, r.Median)}
		case tgt.Kind == joint.Numeric:
			jc.Group = Level{Kind: LevelValue, Value: numberText(vt, math.Float64frombits(c.Key))}
		default:
			jc.Group = name(c.Key)
		}
		jc.Group.Count = int64(c.Count)
		for _, x := range []*float64{&jc.AUC, &jc.Lo, &jc.Hi} {
			if math.IsNaN(*x) {
				*x = 0
			}
		}
		jp.Classes = append(jp.Classes, jc)
	}
	return jp
}
