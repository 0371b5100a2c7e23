package pushdown

import (
	"sort"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/dataset"
	"github.com/saglig/saglig/lint/scan"
)

// Reading pass 2 as its rows come (a Sink): each row is turned into what
// the scan's code needs — a cell of a pair's table, a column's key, a
// sample value, a joint sample row — and dropped, so that the result is
// never held whole. What the reader keeps is counted against the memory
// budget: it may take half of it (the rest is the program, the joint
// model and the rules), and a result that needs more is refused with the
// budget to raise rather than outgrowing --memory.

// Estimates of what the reader keeps, in bytes: the entry and, while its
// slice or map grows, as much again.
const (
	// cellBytes: a cell (two key pairs, a count, two sums).
	cellBytes = 2 * 56
	// keyBytes: a column's key in its list and in the set that dedupes it.
	keyBytes = 2 * (16 + 24)
	// sampleBytes: a sample value with its number and hash while read,
	// and as the column's sample after; its text or bytes come on top.
	sampleBytes = 2*40 + 2*(24+8)
	// jointRowBytes, jointKeyBytes: a joint sample row (its hash, count
	// and two slice headers), and each of its values (8 bytes and whether
	// it is set).
	jointRowBytes = 2*64 + 2*16
	jointKeyBytes = 9
)

// tablesReader reads pass 2's rows into a pass2.
type tablesReader struct {
	p   *plan
	out *pass2
	// budget is what the reader may keep; held what it keeps.
	budget, held int64

	sidI, nI, ndI, rnI, shI, jpI int
	at                           map[int]*colIdx
	paired                       []*column
	pairOf                       map[[2]int]int
	seen                         map[int]map[keyPair]bool
	samples                      map[int][]sampled
	jointKeys                    []jointKey
}

// colIdx are a column's outputs' indexes (−1 where it has none).
type colIdx struct{ g, key, bin, s, ls, lq int }

// sampled is a sample value as it comes, with its number and hash.
type sampled struct {
	rn, h int64
	v     scan.DriverValue
}

// newTablesReader reads pass 2 within half of the memory budget memory
// (scan.DefaultMemory when 0).
func (p *plan) newTablesReader(memory int64) *tablesReader {
	if memory <= 0 {
		memory = scan.DefaultMemory
	}
	return &tablesReader{p: p, budget: memory / 2,
		out: &pass2{keys: map[int][]keyPair{}, cells: map[int][]cell{}, samples: map[int][]scan.DriverValue{},
			passed: map[int]int64{}, hashes: map[int][]int64{}},
		seen: map[int]map[keyPair]bool{}, samples: map[int][]sampled{}}
}

// Start finds the outputs by name.
func (t *tablesReader) Start(names []string) error {
	p := t.p
	r := &Rows{Columns: names}
	idx := func(name string) (int, error) {
		i := r.col(name)
		if i < 0 {
			return 0, i18n.Errorf("the tables pass returned no column %q", name)
		}
		return i, nil
	}
	var err error
	if t.sidI, err = idx("sid"); err != nil {
		return err
	}
	t.nI, _ = idx("n")
	t.ndI, _ = idx("nd")
	t.rnI, _ = idx("rn")
	t.shI, _ = idx("sh")
	t.at = map[int]*colIdx{}
	for _, c := range p.cols {
		ci := &colIdx{g: -1, key: -1, bin: -1, s: -1, ls: -1, lq: -1}
		t.at[c.idx] = ci
		if c.paired {
			t.paired = append(t.paired, c)
			prim, ks := p.keys(c)
			if ci.g, err = idx(aliasOf("g", c, "")); err != nil {
				return err
			}
			if ci.key, err = idx(prim); err != nil {
				return err
			}
			if len(ks) == 2 {
				ci.bin, _ = idx(ks[1])
			}
			ci.ls, ci.lq = r.col(aliasOf("ls", c, "")), r.col(aliasOf("lq", c, ""))
		}
		if c.sampled() {
			ci.s = r.col(aliasOf("s", c, ""))
		}
	}
	t.jpI = -1
	if p.joint != nil {
		if t.jpI, err = idx("jp"); err != nil {
			return err
		}
		t.jointKeys = p.jointKeys()
	}
	t.pairOf = map[[2]int]int{}
	for i, pr := range p.pairs {
		t.pairOf[[2]int{pr[0].idx, pr[1].idx}] = i
	}
	return nil
}

// keep counts n more bytes kept, and refuses them beyond the budget.
func (t *tablesReader) keep(n int64) error {
	t.held += n
	if t.held <= t.budget {
		return nil
	}
	var cells int
	for _, cs := range t.out.cells {
		cells += len(cs)
	}
	return i18n.Errorf("its result needs more than half of the memory budget (%s kept at %d cells of %d pairs' tables, %d joint sample rows): raise --memory",
		dataset.Bytes(t.budget), cells, len(t.p.pairs), len(t.out.joint))
}

// addKey adds a paired column's key, once: a paired column's keys are
// those of its pairs' tables, its level in a row without the other
// column's too.
func (t *tablesReader) addKey(c *column, kp keyPair) error {
	if t.seen[c.idx] == nil {
		t.seen[c.idx] = map[keyPair]bool{}
	}
	if t.seen[c.idx][kp] {
		return nil
	}
	t.seen[c.idx][kp] = true
	t.out.keys[c.idx] = append(t.out.keys[c.idx], kp)
	return t.keep(keyBytes)
}

// keyOf is a paired column's key in a row; false when it is NULL.
func (t *tablesReader) keyOf(row []any, c *column) (keyPair, bool, error) {
	ci := t.at[c.idx]
	k, err := toInt(row[ci.key])
	if row[ci.key] == nil || err != nil {
		return keyPair{}, false, err
	}
	kp := keyPair{key: k}
	if ci.bin >= 0 && row[ci.bin] != nil {
		if kp.bin, err = toInt(row[ci.bin]); err != nil {
			return keyPair{}, false, err
		}
	} else if c.kind.scalar() && !c.exact {
		kp.bin = k
	}
	return kp, true, nil
}

// Row reads one row: a joint sample row (set −1), a sample value (set
// > 0) or a cell of a pair's table (set 0).
func (t *tablesReader) Row(row []any) error {
	p := t.p
	sid, err := toInt(row[t.sidI])
	if err != nil {
		return i18n.Errorf("set id: %v", err)
	}
	n, err := toInt(row[t.nI])
	if err != nil {
		return i18n.Errorf("count: %v", err)
	}
	if sid == -1 && p.joint != nil {
		h, err := toInt(row[t.shI])
		if err != nil {
			return i18n.Errorf("joint sample: row hash: %v", err)
		}
		vals, err := unpackJoint(t.jointKeys, row[t.jpI])
		if err != nil {
			return err
		}
		t.out.joint = append(t.out.joint, jointRow{hash: h, n: n, vals: vals})
		return t.keep(jointRowBytes + int64(len(t.jointKeys))*jointKeyBytes)
	}
	if sid > 0 {
		c := p.colAt(int(sid - 1))
		if c == nil || t.at[c.idx].s < 0 {
			return i18n.Errorf("the tables pass returned an unknown set %d", sid)
		}
		rn, _ := toInt(row[t.rnI])
		nd, _ := toInt(row[t.ndI])
		h, err := toInt(row[t.shI])
		if err != nil {
			return i18n.Errorf("column %q: sample hash: %v", c.col.Path, err)
		}
		t.out.passed[c.idx] = nd
		v := row[t.at[c.idx].s]
		t.samples[c.idx] = append(t.samples[c.idx], sampled{rn: rn, h: h, v: scan.DriverValue{Value: v, Count: n}})
		size := int64(sampleBytes)
		switch x := v.(type) {
		case string:
			size += 2 * int64(len(x))
		case []byte:
			size += 2 * int64(len(x))
		}
		return t.keep(size)
	}
	var grouped []*column
	for _, c := range t.paired {
		g, err := toInt(row[t.at[c.idx].g])
		if err != nil {
			return i18n.Errorf("grouping flag: %v", err)
		}
		if g == 0 {
			grouped = append(grouped, c)
		}
	}
	if len(grouped) != 2 {
		return i18n.Errorf("the tables pass returned a row of %d grouped columns", len(grouped))
	}
	in, prot := grouped[0], grouped[1]
	if !in.input {
		in, prot = prot, in
	}
	pi, known := t.pairOf[[2]int{in.idx, prot.idx}]
	if !known {
		return i18n.Errorf("the tables pass returned an unknown pair %q × %q", in.col.Path, prot.col.Path)
	}
	a, okA, err := t.keyOf(row, in)
	if err != nil {
		return i18n.Errorf("column %q: key: %v", in.col.Path, err)
	}
	b, okB, err := t.keyOf(row, prot)
	if err != nil {
		return i18n.Errorf("column %q: key: %v", prot.col.Path, err)
	}
	if okA {
		if err := t.addKey(in, a); err != nil {
			return err
		}
	}
	if okB {
		if err := t.addKey(prot, b); err != nil {
			return err
		}
	}
	if !okA || !okB {
		return nil
	}
	cl := cell{in: a, prot: b, n: n}
	if ci := t.at[in.idx]; ci.ls >= 0 {
		cl.levelS, _, _ = toFloat(row[ci.ls])
		cl.levelQ, _, _ = toFloat(row[ci.lq])
	}
	t.out.cells[pi] = append(t.out.cells[pi], cl)
	return t.keep(cellBytes)
}

// result is what was read, each sample in its engine's order.
func (t *tablesReader) result() *pass2 {
	out := t.out
	for ci, ss := range t.samples {
		sort.Slice(ss, func(i, j int) bool { return ss[i].rn < ss[j].rn })
		for _, s := range ss {
			out.samples[ci] = append(out.samples[ci], s.v)
			out.hashes[ci] = append(out.hashes[ci], s.h)
		}
	}
	t.samples = nil
	t.seen = nil
	return out
}
