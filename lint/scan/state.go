package scan

import (
	"math"

	"github.com/saglig/saglig/lint/stats"
)

// colState is one column within one unit (a row group × column group, or a
// record batch): its profile accumulator, if this unit profiles it, its
// coder and window buffers, if it is aligned with others.
type colState struct {
	spec  *colSpec
	vt    valueType
	acc   *colAcc
	coder *coder
	// What the window needs from each row.
	wantNum, wantID, wantTS bool
	codes                   []int32 // −1 for null
	nums                    []float64
	ids                     []uint64
	idOK                    []bool
	times                   []int64 // nullTime for null
	pairsIn, pairsProt      []*pairUnit
	// dict is the dictionary of the column chunk or batch being read.
	dict *dictCache
}

func (c *colState) windowed() bool {
	return c.coder != nil || c.wantID || c.wantTS
}

// allocWindow sizes the window buffers for n rows.
func (c *colState) allocWindow(n int) {
	if c.coder != nil {
		c.codes = make([]int32, n)
	}
	if c.wantNum {
		c.nums = make([]float64, n)
	}
	if c.wantID {
		c.ids = make([]uint64, n)
		c.idOK = make([]bool, n)
	}
	if c.wantTS {
		c.times = make([]int64, n)
	}
}

// putNull records a null; w is the row in the window, or −1.
func (c *colState) putNull(w int) {
	if w < 0 {
		return
	}
	if c.coder != nil {
		c.codes[w] = -1
	}
	if c.wantID {
		c.idOK[w] = false
	}
	if c.wantTS {
		c.times[w] = nullTime
	}
}

// putInt records a canonical integer.
func (c *colState) putInt(v int64, w int) {
	h := stats.HashUint64(uint64(v))
	if c.acc != nil {
		c.acc.addInt(h, v, 1)
	}
	if w >= 0 {
		if c.coder != nil {
			c.code(uint64(v), w)
		}
		if c.wantNum {
			c.nums[w] = c.vt.intNumber(v)
		}
		if c.wantID {
			c.ids[w], c.idOK[w] = h, true
		}
		if c.wantTS {
			c.times[w] = c.vt.intMicros(v)
		}
	}
}

// putFloat records a float; NaN counts as null.
func (c *colState) putFloat(v float64, w int) {
	if math.IsNaN(v) {
		if c.acc != nil {
			c.acc.nulls++
		}
		c.putNull(w)
		return
	}
	v = canonFloat(v)
	bits := math.Float64bits(v)
	h := stats.HashUint64(bits)
	if c.acc != nil {
		c.acc.addFloat(h, v, 1)
	}
	if w >= 0 {
		if c.coder != nil {
			c.code(bits, w)
		}
		if c.wantNum {
			c.nums[w] = v
		}
		if c.wantID {
			c.ids[w], c.idOK[w] = h, true
		}
		if c.wantTS {
			c.times[w] = floatMicros(v)
		}
	}
}

// putBytes records a text or binary value.
func (c *colState) putBytes(b []byte, w int) {
	h := stats.HashBytes(b)
	if c.acc != nil {
		c.acc.addBytes(h, b, 1)
	}
	if w >= 0 {
		if c.coder != nil {
			c.code(h, w)
		}
		if c.wantID {
			c.ids[w], c.idOK[w] = h, true
		}
		if c.wantTS {
			c.times[w] = textMicros(b)
		}
	}
}

// code sets the window code of row w from the value's exact key, remapping
// what is already coded when the coder folds.
func (c *colState) code(key uint64, w int) int32 {
	cd, remap := c.coder.code(key)
	if remap != nil {
		c.remap(remap, w)
	}
	c.codes[w] = cd
	return cd
}

// remap moves everything coded so far (window rows before w, tables,
// dictionary codes) to the coder's new codes.
func (c *colState) remap(remap []int32, w int) {
	for i, x := range c.codes[:w] {
		if x >= 0 {
			c.codes[i] = remap[x]
		}
	}
	n := c.coder.len()
	for _, p := range c.pairsIn {
		p.remapIn(remap, n)
	}
	for _, p := range c.pairsProt {
		p.remapProt(remap, n)
	}
	if c.dict != nil && c.dict.codes != nil {
		for i, x := range c.dict.codes {
			if x >= 0 {
				c.dict.codes[i] = remap[x]
			}
		}
	}
}

// canon is a run of canonical values: one of ints, floats or byte views.
type canon struct {
	cls    class
	ints   []int64
	floats []float64
	bytes  bytesView
}

func (v *canon) len() int {
	switch v.cls {
	case clsInt:
		return len(v.ints)
	case clsFloat:
		return len(v.floats)
	}
	return v.bytes.len()
}

// bytesView is a run of byte strings: variable length (data with n+1
// offsets) or fixed length (size).
type bytesView struct {
	data []byte
	offs []uint32
	size int
}

func (b *bytesView) len() int {
	if b.offs != nil {
		return max(0, len(b.offs)-1)
	}
	if b.size > 0 {
		return len(b.data) / b.size
	}
	return 0
}

func (b *bytesView) at(j int) []byte {
	if b.offs != nil {
		return b.data[b.offs[j]:b.offs[j+1]]
	}
	return b.data[j*b.size : (j+1)*b.size]
}

// dictCache holds, per dictionary entry, what the scan needs from it, so
// each distinct value is hashed and converted once; rows then only carry
// indices. Counts per entry are added to the profile in one go (flush).
type dictCache struct {
	id     any // the dictionary this cache is for
	vals   canon
	hashes []uint64
	keys   []uint64
	null   []bool // NaN entries
	codes  []int32
	counts []int64
	touch  []int32
}

// newDictCache prepares the cache of a dictionary of canonical values vals
// for column c.
func newDictCache(c *colState, id any, vals canon) *dictCache {
	n := vals.len()
	d := &dictCache{id: id, vals: vals, hashes: make([]uint64, n), keys: make([]uint64, n)}
	for i := range n {
		switch vals.cls {
		case clsInt:
			d.keys[i] = uint64(vals.ints[i])
			d.hashes[i] = stats.HashUint64(d.keys[i])
		case clsFloat:
			f := vals.floats[i]
			if math.IsNaN(f) {
				if d.null == nil {
					d.null = make([]bool, n)
				}
				d.null[i] = true
			}
			d.keys[i] = math.Float64bits(canonFloat(f))
			d.hashes[i] = stats.HashUint64(d.keys[i])
		default:
			d.hashes[i] = stats.HashBytes(vals.bytes.at(i))
			d.keys[i] = d.hashes[i]
		}
	}
	if c.coder != nil {
		d.codes = make([]int32, n)
		for i := range d.codes {
			d.codes[i] = -1
		}
	}
	if c.acc != nil {
		d.counts = make([]int64, n)
	}
	return d
}

// dictRow records row w (or −1) holding dictionary entry i.
func (c *colState) dictRow(i int32, w int) {
	d := c.dict
	if d.null != nil && d.null[i] {
		if c.acc != nil {
			c.acc.nulls++
		}
		c.putNull(w)
		return
	}
	if d.counts != nil {
		if d.counts[i] == 0 {
			d.touch = append(d.touch, i)
		}
		d.counts[i]++
	}
	if w < 0 {
		return
	}
	if c.coder != nil {
		if cd := d.codes[i]; cd >= 0 {
			c.codes[w] = cd
		} else {
			d.codes[i] = c.code(d.keys[i], w)
		}
	}
	switch d.vals.cls {
	case clsInt:
		v := d.vals.ints[i]
		if c.wantNum {
			c.nums[w] = c.vt.intNumber(v)
		}
		if c.wantTS {
			c.times[w] = c.vt.intMicros(v)
		}
	case clsFloat:
		v := canonFloat(d.vals.floats[i])
		if c.wantNum {
			c.nums[w] = v
		}
		if c.wantTS {
			c.times[w] = floatMicros(v)
		}
	default:
		if c.wantTS {
			c.times[w] = textMicros(d.vals.bytes.at(int(i)))
		}
	}
	if c.wantID {
		c.ids[w], c.idOK[w] = d.hashes[i], true
	}
}

// flushDict adds the dictionary entries counted so far to the profile.
func (c *colState) flushDict() {
	d := c.dict
	if d == nil || d.counts == nil || c.acc == nil {
		return
	}
	for _, i := range d.touch {
		n := d.counts[i]
		d.counts[i] = 0
		switch d.vals.cls {
		case clsInt:
			c.acc.addInt(d.hashes[i], d.vals.ints[i], n)
		case clsFloat:
			c.acc.addFloat(d.hashes[i], canonFloat(d.vals.floats[i]), n)
		default:
			c.acc.addBytes(d.hashes[i], d.vals.bytes.at(int(i)), n)
		}
	}
	d.touch = d.touch[:0]
}

// putCanon records value j of a canonical run.
func (c *colState) putCanon(v *canon, j int, w int) {
	switch v.cls {
	case clsInt:
		c.putInt(v.ints[j], w)
	case clsFloat:
		c.putFloat(v.floats[j], w)
	default:
		c.putBytes(v.bytes.at(j), w)
	}
}
