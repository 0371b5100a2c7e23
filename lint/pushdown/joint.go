package pushdown

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/dataset"
	"github.com/saglig/saglig/lint/joint"
	"github.com/saglig/saglig/lint/scan"
)

// The joint sample: whole rows of every paired column (and the subject id)
// for the model of how well the inputs together predict each protected
// column (SAG107), collected by the tables pass in the same scan as the
// contingency tables — the scan's own model (lint/joint) is then fitted on
// it, as on the local scan's sample.
//
// A row is chosen by a hash of its whole content (every measured column's
// text), which the engine computes: the rows with the smallest hashes, at
// most the scan's cap (scan.JointSampleCap, 8,192 rows by default) —
// deterministic, the same on every run, not TABLESAMPLE; rows identical in
// every column share a hash and come back as one group with its count. A
// row carries no raw text: each categorical column by its level key (the
// engine's hash of the value, its hash bucket or logarithmic bin), each
// scalar column by its bin and, when it is keyed exactly, its number, and
// the subject id by its hash, so that the model's folds keep a subject's
// rows together.

// jointSpec is the joint sample's plan.
type jointSpec struct {
	// cols are the paired columns in column order; id the subject id
	// (nil without one).
	cols []*column
	id   *column
	// cap is the most rows; frac the share of the hash range the rows are
	// drawn from (1: every row is a candidate), from pass 1's row count.
	cap  int
	frac float64
}

// jointKey is one value of a sampled row: the name jointSample reads it
// by, its expression over the base's outputs (b0), and whether it is a
// number (else an integer key).
type jointKey struct {
	alias, expr string
	number      bool
}

// planJoint decides the joint sample's columns.
func (p *plan) planJoint(req request) {
	if len(p.pairs) == 0 {
		return
	}
	j := &jointSpec{frac: 1}
	for _, c := range p.cols {
		if c.paired {
			j.cols = append(j.cols, c)
		}
	}
	// The id folds the rows by subject when the scan would: with a
	// timestamp or quasi-identifiers beside it.
	if id := p.byPath[req.ID]; id != nil && id.kind != kNone && (req.Timestamp != "" || len(req.QuasiIDs) > 0) {
		j.id = id
	}
	ncols := len(j.cols)
	if j.id != nil {
		ncols++
	}
	j.cap = scan.JointSampleCap(req.Memory, ncols)
	p.joint = j
}

// planJointRows sets the hash threshold from the table's rows: about four
// times the cap are candidates, so that duplicates and the hash's spread
// still leave the cap.
func (j *jointSpec) planJointRows(rows int64) {
	j.frac = 1
	if want := 4 * float64(j.cap); float64(rows) > want {
		j.frac = want / float64(rows)
	}
}

// rowHash is the hash of a row's content: every measured column's text,
// NULL written as '~', joined by '|'.
func (p *plan) rowHash() string {
	var parts []string
	for _, c := range p.cols {
		if c.kind == kNone {
			continue
		}
		v := p.value(c)
		if len(parts) > 0 {
			parts = append(parts, "'|'")
		}
		parts = append(parts, "CASE WHEN "+v+" IS NULL THEN '~' ELSE "+p.d.text(v, c.col.ColumnType)+" END")
	}
	return p.d.hash(concat(parts))
}

// concat joins text expressions with CONCAT, nested so that no call has
// more than 100 arguments (Trino's functions take at most 254).
func concat(parts []string) string {
	switch {
	case len(parts) == 1:
		return parts[0]
	case len(parts) <= 100:
		return "CONCAT(" + strings.Join(parts, ", ") + ")"
	}
	var chunks []string
	for i := 0; i < len(parts); i += 100 {
		chunks = append(chunks, concat(parts[i:min(i+100, len(parts))]))
	}
	return concat(chunks)
}

// jointBase are the base's columns the joint sample reads beyond the
// pairs' keys: the row's hash and the id's value.
func (p *plan) jointBase() []string {
	out := []string{p.rowHash() + " AS rh"}
	if p.joint.id != nil {
		out = append(out, p.value(p.joint.id)+" AS ji")
	}
	return out
}

// jointKeys are a sampled row's values, in the order they are packed: per
// paired column its level keys (hash, bin or bucket) and, keyed exactly by
// number, its number; then the id's hash.
func (p *plan) jointKeys() []jointKey {
	var out []jointKey
	for _, c := range p.joint.cols {
		v := "b0." + aliasOf("v", c, "")
		switch {
		case c.exact:
			out = append(out, jointKey{alias: "j" + aliasOf("h", c, ""), expr: p.hashOf(v, c)})
			if c.kind.scalar() {
				x := p.numberOf(v, c)
				out = append(out, jointKey{alias: "j" + aliasOf("b", c, ""), expr: p.binOf(x)},
					jointKey{alias: "j" + aliasOf("x", c, ""), expr: x, number: true})
			}
		case c.kind.scalar():
			out = append(out, jointKey{alias: "j" + aliasOf("b", c, ""), expr: p.binOf("b0." + aliasOf("x", c, ""))})
		default:
			out = append(out, jointKey{alias: "j" + aliasOf("f", c, ""), expr: "b0." + aliasOf("f", c, "")})
		}
	}
	if p.joint.id != nil {
		out = append(out, jointKey{alias: "jhi", expr: p.hashOf("b0.ji", p.joint.id)})
	}
	return out
}

// jointGate are the joint sample's two columns, set only on the rows whose
// hash is under the threshold (NULL elsewhere, so that the other rows make
// one group, which is dropped): jr, the row's hash, and jp, its keys packed
// into one text, '|' between them and nothing for NULL — one value, which
// the engine groups as cheaply as it is small, computed only for the rows
// sampled.
func (p *plan) jointGate() []string {
	in := "b0.rh <= " + threshold(p.joint.frac)
	if p.joint.frac >= 1 {
		in = "b0.rh IS NOT NULL"
	}
	var parts []string
	for i, k := range p.jointKeys() {
		if i > 0 {
			parts = append(parts, "'|'")
		}
		t := dataset.ColumnType{Kind: dataset.KindInt, Bits: 64}
		if k.number {
			t = dataset.ColumnType{Kind: dataset.KindFloat, Bits: 64}
		}
		parts = append(parts, "COALESCE("+p.d.text(k.expr, t)+", '')")
	}
	return []string{"CASE WHEN " + in + " THEN b0.rh END AS jr", "CASE WHEN " + in + " THEN " + concat(parts) + " END AS jp"}
}

// jointVals are a sampled row's values in the order of jointKeys: an
// integer key, or a number's bits; set says which are not NULL. Nine bytes
// a value: the sample holds up to scan.JointSampleCap rows of them.
type jointVals struct {
	v   []int64
	set []bool
}

// key is the integer at i (−1: no such value); false for NULL.
func (j jointVals) key(i int) (int64, bool) {
	if i < 0 || !j.set[i] {
		return 0, false
	}
	return j.v[i], true
}

// num is the number at i; false for NULL.
func (j jointVals) num(i int) (float64, bool) {
	k, ok := j.key(i)
	return math.Float64frombits(uint64(k)), ok
}

// unpackJoint reads a sampled row's packed values, keys being the plan's
// jointKeys.
func unpackJoint(keys []jointKey, packed any) (jointVals, error) {
	var text string
	switch v := packed.(type) {
	case string:
		text = v
	case []byte:
		text = string(v)
	default:
		return jointVals{}, i18n.Errorf("joint sample: a %T where its packed keys were expected", packed)
	}
	fields := strings.Split(text, "|")
	if len(fields) != len(keys) {
		return jointVals{}, i18n.Errorf("joint sample: %d packed keys, want %d", len(fields), len(keys))
	}
	out := jointVals{v: make([]int64, len(keys)), set: make([]bool, len(keys))}
	for i, k := range keys {
		f := strings.TrimSpace(fields[i])
		if f == "" {
			continue
		}
		if k.number {
			x, err := strconv.ParseFloat(f, 64)
			if err != nil {
				return jointVals{}, i18n.Errorf("joint sample: %s: not a number (%d characters)", k.alias, len(f))
			}
			out.v[i], out.set[i] = int64(math.Float64bits(x)), true
			continue
		}
		n, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return jointVals{}, i18n.Errorf("joint sample: %s: not an integer (%d characters)", k.alias, len(f))
		}
		out.v[i], out.set[i] = n, true
	}
	return out, nil
}

// jointRow is a sampled row group: its hash, its count (identical rows) and
// its values.
type jointRow struct {
	hash int64
	n    int64
	vals jointVals
}

// jointSample makes the model's sample of the sampled rows, in hash order,
// at most cap rows (a group of identical rows counts as its rows).
func (p *plan) jointSample(rows []jointRow, l map[int]levels, profiles map[string]*scan.Profile, total int64) (*joint.Sample, map[int]joint.Column, float64, error) {
	j := p.joint
	slices.SortFunc(rows, func(a, b jointRow) int { return cmp.Compare(a.hash, b.hash) })
	at := map[string]int{}
	for i, k := range p.jointKeys() {
		at[k.alias] = i
	}
	index := func(alias string) int {
		if i, ok := at[alias]; ok {
			return i
		}
		return -1
	}
	var keys []uint64
	var groups []uint64
	var take []int // row group of each sampled row
	for i, r := range rows {
		for range r.n {
			if len(keys) == j.cap {
				break
			}
			keys = append(keys, uint64(r.hash))
			take = append(take, i)
		}
	}
	if j.id != nil {
		groups = make([]uint64, len(keys))
		for i, r := range take {
			groups[i] = keys[i] // a row without an id is its own subject
			if h, ok := rows[r].vals.key(index("jhi")); ok {
				groups[i] = uint64(h)
			}
		}
	}
	cols := map[int]joint.Column{}
	for _, c := range j.cols {
		lv := l[c.idx]
		prim, ks := p.keys(c)
		col := joint.Column{Name: c.col.Path, Missing: make([]bool, len(keys))}
		numeric := c.kind.scalar() && !scan.IsCode(c.col.Path, profiles[c.col.Path])
		if numeric {
			col.Kind, col.Nums = joint.Numeric, make([]float64, len(keys))
		} else {
			col.Kind, col.Keys = joint.Categorical, make([]uint64, len(keys))
		}
		for i, r := range take {
			vals := rows[r].vals
			k, ok := vals.key(index("j" + prim))
			if !ok {
				col.Missing[i] = true
				continue
			}
			kp := keyPair{key: k}
			if len(ks) == 2 {
				kp.bin, _ = vals.key(index("j" + ks[1]))
			} else if c.kind.scalar() && !c.exact {
				kp.bin = k
			}
			key := lv.of(kp)
			switch {
			case !numeric:
				col.Keys[i] = key
			case lv.nl != nil:
				col.Nums[i] = lv.nl.Number(key)
			default:
				x, ok := vals.num(index("j" + aliasOf("x", c, "")))
				if !ok || math.IsNaN(x) {
					col.Missing[i] = true
					continue
				}
				col.Nums[i] = x
			}
		}
		cols[c.idx] = col
	}
	share := 1.0
	if total > 0 && int64(len(keys)) < total {
		share = float64(len(keys)) / float64(total)
	}
	return &joint.Sample{Keys: keys, Groups: groups}, cols, share, nil
}

// joints models each protected column from the inputs paired with it, in
// the order of the pairs, by the scan's code.
func (p *plan) joints(s *joint.Sample, cols map[int]joint.Column, share float64, sides *sides, l map[int]levels, profiles map[string]*scan.Profile, workers int) []scan.JointProxy {
	return scan.JointByProtected(p.pairs, func(pr [2]*column) (*column, *column) { return pr[0], pr[1] }, s.Keys, s.Groups,
		func(c *column) joint.Column { return cols[c.idx] },
		func(prot *column, sample *joint.Sample) scan.JointProxy {
			name := sides.of(prot, l[prot.idx], profiles[prot.col.Path]).Name
			return scan.ExternalJoint(sample, cols[prot.idx], share, prot.col.ColumnType, name, workers)
		})
}
