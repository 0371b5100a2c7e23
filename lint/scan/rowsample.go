package scan

import (
	"math/bits"

	"github.com/saglig/saglig/lint/stats"
)

// The joint sample: whole rows of every input and protected column, for the
// model that measures how well the inputs together predict a protected
// column (lint/joint).
//
// A row is identified by a hash of its place — file, row group or batch,
// row within it — and kept while that hash is below 2⁶⁴/2^L; L rises
// (halving the sample) whenever more rows than the cap are kept. Every
// column group of a row group sees the same rows, so each unit fills in its
// own columns of the same sampled rows, and the merged sample is every row
// whose hash is below the final threshold: the same rows, with the same
// values, however many workers read the units and in whatever order they
// finish. It starts at L0 = ⌊log2(rows/cap)⌋ − 1 when the rows are known
// from the metadata, so a unit holds about twice its share of the sample
// and no more.

// sampleCell is one sampled value: its level key under the coder's
// transform at the time, that transform, or null.
type sampleCell struct {
	key uint64
	tr  transform
	set bool // false: null
}

// A cell is stored as its key and 16 bits: whether the unit recorded it
// (filled), whether it is non-null, whether it is folded, and the level.
const (
	cellFilled = 1 << 15
	cellSet    = 1 << 14
	cellFolded = 1 << 13
)

func packCell(c sampleCell) uint16 {
	m := uint16(cellFilled) | uint16(min(c.tr.level, 255))
	if c.set {
		m |= cellSet
	}
	if c.tr.folded {
		m |= cellFolded
	}
	return m
}

// rowSample holds sampled rows, each with one cell per sampled column.
type rowSample struct {
	ncols, cap int
	level      uint
	idx        stats.Map64[int32]
	hashes     []uint64
	keys       []uint64 // row by row, ncols per row
	meta       []uint16 // likewise: packCell
}

func newRowSample(ncols, cap int, level uint) *rowSample {
	return &rowSample{ncols: ncols, cap: cap, level: level}
}

// rowHash is the hash of a row's place: file, piece (row group or batch)
// and row within the piece.
func rowHash(file, part int, row int64) uint64 {
	return stats.HashUint64(stats.HashUint64(uint64(file)<<32|uint64(uint32(part))) + uint64(row))
}

// accepts reports whether a row hash is in the sample at level L.
func accepts(h uint64, level uint) bool {
	return level == 0 || h>>(64-level) == 0
}

// row returns the index of the row with hash h, adding it.
func (s *rowSample) row(h uint64) int {
	p, found := s.idx.Upsert(h)
	if found {
		return int(*p)
	}
	*p = int32(len(s.hashes))
	s.hashes = append(s.hashes, h)
	s.keys = append(s.keys, make([]uint64, s.ncols)...)
	s.meta = append(s.meta, make([]uint16, s.ncols)...)
	return int(*p)
}

// put records the cell of column col on row r.
func (s *rowSample) put(r, col int, c sampleCell) {
	s.keys[r*s.ncols+col] = c.key
	s.meta[r*s.ncols+col] = packCell(c)
}

// cell returns the cell of column col on row r, and whether it was
// recorded.
func (s *rowSample) cell(r, col int) (sampleCell, bool) {
	m := s.meta[r*s.ncols+col]
	c := sampleCell{key: s.keys[r*s.ncols+col], set: m&cellSet != 0,
		tr: transform{folded: m&cellFolded != 0, level: uint(m & 0xff)}}
	return c, m&cellFilled != 0
}

// shrink raises the level until at most cap rows remain.
func (s *rowSample) shrink() {
	for len(s.hashes) > s.cap && s.level < 64 {
		s.level++
		s.filter()
	}
}

// filter drops the rows the level no longer accepts.
func (s *rowSample) filter() {
	keep := 0
	s.idx.Clear()
	for r, h := range s.hashes {
		if !accepts(h, s.level) {
			continue
		}
		s.hashes[keep] = h
		copy(s.keys[keep*s.ncols:(keep+1)*s.ncols], s.keys[r*s.ncols:(r+1)*s.ncols])
		copy(s.meta[keep*s.ncols:(keep+1)*s.ncols], s.meta[r*s.ncols:(r+1)*s.ncols])
		p, _ := s.idx.Upsert(h)
		*p = int32(keep)
		keep++
	}
	s.hashes = s.hashes[:keep]
	s.keys = s.keys[:keep*s.ncols]
	s.meta = s.meta[:keep*s.ncols]
}

// merge adds a unit's sample, whose column j is column cols[j] here: the
// level is the higher of the two, and the unit's cells fill in the rows
// they share.
func (s *rowSample) merge(o *rowSample, cols []int) {
	if o.level > s.level {
		s.level = o.level
		s.filter()
	}
	for r, h := range o.hashes {
		if !accepts(h, s.level) {
			continue
		}
		dst := s.row(h)
		for j, c := range cols {
			if cell, ok := o.cell(r, j); ok {
				s.put(dst, c, cell)
			}
		}
	}
	s.shrink()
}

// share is the sampled share of the rows, 2^−L.
func (s *rowSample) share() float64 {
	return 1 / float64(uint64(1)<<min(s.level, 63))
}

// sampleRows records the window's sampled rows: first is the window's first
// row within the unit's piece.
func (u *unit) sampleRows(first int64, n int) {
	s := u.sample
	for w := range n {
		h := rowHash(u.file.idx, u.part, first+int64(w))
		if !accepts(h, s.level) {
			continue
		}
		r := s.row(h)
		for j, sc := range u.sampled {
			c := sampleCell{}
			switch {
			case sc.id:
				c = sampleCell{key: sc.cs.ids[w], set: sc.cs.idOK[w]}
			case sc.cs.codes[w] >= 0:
				c = sampleCell{key: sc.cs.coder.keys[sc.cs.codes[w]], tr: sc.cs.coder.tr, set: true}
			}
			s.put(r, j, c)
		}
		if len(s.hashes) > s.cap {
			s.shrink()
		}
	}
}

// Sample sizes: at most maxSampleRows rows, fewer when a sixteenth of the
// memory budget cannot hold them, and never fewer than minSampleRows.
const (
	maxSampleRows  = 8192
	minSampleRows  = 1024
	sampleCellSize = 8 + 2 // key and packCell
)

// JointSampleCap is the most rows of a joint sample of cols columns
// within the memory budget memory (DefaultMemory when 0): maxSampleRows,
// fewer when a sixteenth of the budget cannot hold them, never fewer than
// minSampleRows.
func JointSampleCap(memory int64, cols int) int {
	if memory <= 0 {
		memory = DefaultMemory
	}
	return int(min(max(memory/16/int64(max(cols, 1)*sampleCellSize), minSampleRows), maxSampleRows))
}

// sampleBudget decides the joint sample's columns (the inputs and
// protected columns of the pairs, and the subject id), cap and starting
// level.
func (p *plan) sampleBudget(rows int64) {
	p.sampleCol = make([]int, len(p.cols))
	for i := range p.sampleCol {
		p.sampleCol[i] = -1
	}
	if len(p.pairs) == 0 {
		return
	}
	for _, cs := range p.cols {
		if cs.levels != nil || cs.idx == p.id {
			p.sampleCol[cs.idx] = p.sampleCols
			p.sampleCols++
		}
	}
	p.sampleCap = JointSampleCap(p.req.Memory, p.sampleCols)
	if rows > int64(p.sampleCap) {
		if l := bits.Len64(uint64(rows/int64(p.sampleCap))) - 2; l > 0 {
			p.sampleLevel = uint(l)
		}
	}
}

// sampleBytes is the memory of a full sample of ncols columns.
func (p *plan) sampleBytes(ncols int) int64 {
	return int64(p.sampleCap) * int64(ncols*sampleCellSize+16)
}

// sampleOwners decides which column group records each sampled column: an
// input's own group; for a protected column, the first group that reads it
// with an input (every such group reads it, one records it).
func (p *plan) sampleOwners() {
	p.sampleOwner = make([]int, len(p.cols))
	for i := range p.sampleOwner {
		p.sampleOwner[i] = -1
	}
	if p.id >= 0 && p.sampleCol[p.id] >= 0 {
		p.sampleOwner[p.id] = p.owner[p.id]
	}
	for _, pr := range p.pairs {
		g := p.owner[pr.in]
		p.sampleOwner[pr.in] = g
		if o := p.sampleOwner[pr.prot]; o < 0 || g < o {
			p.sampleOwner[pr.prot] = g
		}
	}
}

// sampledCol is a column a unit records in the joint sample (its column j
// is u.sampled[j]), with its place among the merged sample's columns.
type sampledCol struct {
	cs  *colState
	col int
	// id is true for the subject id, which is recorded by its hash, so
	// that the model's folds keep a subject's rows together.
	id bool
}

// startSample prepares a unit's part of the joint sample.
func (p *plan) startSample(u *unit) {
	if p.sampleCols == 0 {
		return
	}
	for _, cs := range u.cols {
		c := cs.spec.idx
		if p.sampleCol[c] < 0 || (u.group >= 0 && p.sampleOwner[c] != u.group) {
			continue
		}
		switch {
		case c == p.id && cs.wantID:
			u.sampled = append(u.sampled, sampledCol{cs: cs, col: p.sampleCol[c], id: true})
		case cs.coder != nil:
			u.sampled = append(u.sampled, sampledCol{cs: cs, col: p.sampleCol[c]})
		}
	}
	if len(u.sampled) > 0 {
		u.sample = newRowSample(len(u.sampled), p.sampleCap, p.sampleLevel)
	}
}
