package scan

import (
	"context"
	"encoding/binary"
	"io"
	"math/bits"
	"slices"
	"sync"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/encoding"
	"github.com/parquet-go/parquet-go/format"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/dataset"
)

// pqCol reads one column chunk page by page: lint/dataset's PageReader
// reads and decompresses each page, its levels and dictionary indices are
// decoded here (rle.go), and its values by parquet-go's encodings.
type pqCol struct {
	cs       *colState
	name     string
	conv     pqConv
	typ      parquet.Type
	maxDef   byte
	maxRep   byte
	repeated bool
	pages    *dataset.PageReader
	// dictID identifies the chunk's dictionary in the column's cache.
	dictID *dataset.Page
	// The current page: levels, definition and repetition levels, values
	// (or dictionary indices), and the positions of the next level and
	// value.
	n          int
	defs, reps []byte
	data       encoding.Values // the page's values (non-null only)
	vals       canon           // values [vbase, vbase+vals.len()) converted
	vbase      int
	idx        []int32
	lvl, val   int
	buf        *convBuf
	// Reused decoding buffers.
	defBuf, repBuf []byte
	idxBuf         []int32
	valBuf         []byte
	offBuf         []uint32
	// A repeated column's row in progress.
	inRow, rowHasValue bool
}

func newPqCol(cs *colState, src source, pages *dataset.PageReader) *pqCol {
	return &pqCol{
		cs:       cs,
		name:     cs.spec.path,
		conv:     src.conv,
		typ:      src.pqLeaf.Type,
		maxDef:   byte(src.pqLeaf.MaxDef),
		maxRep:   byte(src.pqLeaf.MaxRep),
		repeated: src.repeated,
		pages:    pages,
		buf:      convBufs.Get().(*convBuf),
	}
}

// convBufs recycles conversion buffers between column chunks.
var convBufs = sync.Pool{New: func() any { return new(convBuf) }}

func (pc *pqCol) close() {
	pc.cs.flushDict()
	if pc.pages != nil {
		pc.pages.Close()
		pc.pages = nil
	}
	if pc.buf != nil {
		convBufs.Put(pc.buf)
		pc.buf = nil
	}
	pc.cs.dict = nil
}

// plainDictionary is the PLAIN_DICTIONARY encoding, deprecated since
// Parquet 2.0 but still written by old writers: RLE_DICTIONARY's indices
// in a data page, PLAIN entries in a dictionary page.
const plainDictionary = format.Encoding(2)

// levelWidth is the bit width of levels up to max.
func levelWidth(max byte) uint { return uint(bits.Len8(max)) }

// nextPage reads the next data page (reading a dictionary page on the
// way); io.EOF at the end of the chunk.
func (pc *pqCol) nextPage() error {
	for {
		pg, err := pc.pages.Next()
		if err != nil {
			return err
		}
		switch pg.Header.Type {
		case format.DictionaryPage:
			if err := pc.readDictionary(pg); err != nil {
				return i18n.Errorf("page %d: dictionary: %v", pg.Index, err)
			}
		case format.DataPage, format.DataPageV2:
			if err := pc.readDataPage(pg); err != nil {
				return i18n.Errorf("page %d: %v", pg.Index, err)
			}
			return nil
		}
	}
}

// readDictionary decodes a dictionary page into the column's cache.
func (pc *pqCol) readDictionary(pg *dataset.Page) error {
	if pc.conv.op == opNull {
		return nil
	}
	h := &pg.Header.DictionaryPageHeader.V
	n := int(h.NumValues)
	if n < 0 {
		return i18n.Errorf("%d values", n)
	}
	enc := h.Encoding
	if enc == plainDictionary {
		enc = format.Plain
	}
	// The cache outlives the page buffers: fresh buffers.
	values := pc.typ.NewValues(make([]byte, 0, pc.typ.EstimateDecodeSize(n, pg.Data, parquet.LookupEncoding(enc))), make([]uint32, 0, n+1))
	values, err := pc.typ.Decode(values, pg.Data, parquet.LookupEncoding(enc))
	if err != nil {
		return err
	}
	if err := pc.conv.check(&values, n); err != nil {
		return err
	}
	var own convBuf
	pc.cs.flushDict()
	pc.dictID = pg
	pc.cs.dict = newDictCache(pc.cs, pg, pc.conv.decode(&values, 0, n, &own))
	return nil
}

// readDataPage decodes a data page's levels and values.
func (pc *pqCol) readDataPage(pg *dataset.Page) error {
	var (
		n            int
		enc          format.Encoding
		repData      []byte
		defData      []byte
		repEnc       = format.RLE
		defEnc       = format.RLE
		values       = pg.Data
		v2           = pg.Header.Type == format.DataPageV2
		wantNonNulls = -1
	)
	if v2 {
		h := &pg.Header.DataPageHeaderV2.V
		n, enc = int(h.NumValues), h.Encoding
		r := int(h.RepetitionLevelsByteLength)
		repData, defData = pg.Levels[:r], pg.Levels[r:]
		wantNonNulls = n - int(h.NumNulls)
	} else {
		h := &pg.Header.DataPageHeader.V
		n, enc = int(h.NumValues), h.Encoding
		repEnc, defEnc = h.RepetitionLevelEncoding, h.DefinitionLevelEncoding
	}
	if n < 0 {
		return i18n.Errorf("%d values", n)
	}
	pc.n, pc.lvl, pc.val = n, 0, 0
	pc.defs, pc.reps = nil, nil
	var err error
	if pc.maxRep > 0 {
		if !v2 {
			if repData, values, err = levelsV1(values, repEnc, pc.maxRep, n); err != nil {
				return i18n.Errorf("repetition levels: %v", err)
			}
		}
		if pc.repBuf, err = decodeLevelData(pc.repBuf, repData, repEnc, pc.maxRep, n); err != nil {
			return i18n.Errorf("repetition levels: %v", err)
		}
		pc.reps = pc.repBuf
		if n > 0 && pc.reps[0] != 0 {
			return i18n.Errorf("the first repetition level is %d, not 0", pc.reps[0])
		}
	}
	if pc.maxDef > 0 {
		if !v2 {
			if defData, values, err = levelsV1(values, defEnc, pc.maxDef, n); err != nil {
				return i18n.Errorf("definition levels: %v", err)
			}
		}
		if pc.defBuf, err = decodeLevelData(pc.defBuf, defData, defEnc, pc.maxDef, n); err != nil {
			return i18n.Errorf("definition levels: %v", err)
		}
		pc.defs = pc.defBuf
	}
	nonNull := n
	if pc.defs != nil {
		nonNull = 0
		for _, d := range pc.defs {
			switch {
			case d == pc.maxDef:
				nonNull++
			case d > pc.maxDef:
				return i18n.Errorf("definition level %d above the column's maximum %d", d, pc.maxDef)
			}
		}
	}
	if wantNonNulls >= 0 && pc.maxDef > 0 && pc.maxRep == 0 && nonNull != wantNonNulls {
		return i18n.Errorf("the page has %d values and %d nulls, its header says %d nulls", nonNull, n-nonNull, n-wantNonNulls)
	}
	pc.idx, pc.vals, pc.vbase = nil, canon{}, 0
	if pc.conv.op == opNull {
		// Every row is null, whatever the levels say.
		if pc.defs == nil {
			pc.defBuf = slices.Grow(pc.defBuf[:0], n)[:n]
			clear(pc.defBuf)
			pc.defs = pc.defBuf
		} else {
			for i := range pc.defs {
				pc.defs[i] = min(pc.defs[i], pc.maxDef-1)
			}
		}
		if pc.maxDef == 0 {
			pc.maxDef = 1 // levels of 0 are nulls
		}
		return nil
	}
	switch enc {
	case format.RLEDictionary, plainDictionary:
		if pc.cs.dict == nil || pc.dictID == nil {
			return i18n.Errorf("dictionary-encoded page without a dictionary page")
		}
		if pc.idxBuf, err = decodeIndices(pc.idxBuf, values, nonNull); err != nil {
			return err
		}
		size := int32(len(pc.cs.dict.hashes))
		for _, i := range pc.idxBuf {
			if i < 0 || i >= size {
				return i18n.Errorf("dictionary index %d out of range [0, %d)", i, size)
			}
		}
		pc.idx = pc.idxBuf
		return nil
	case format.RLE:
		if pc.conv.kind != parquet.Boolean {
			return i18n.Errorf("RLE encoding of %s values", pc.conv.kind)
		}
		if len(values) < 4 {
			return i18n.Errorf("RLE booleans: no length")
		}
		if k := binary.LittleEndian.Uint32(values); int64(k) > int64(len(values)-4) {
			return i18n.Errorf("RLE booleans: %d bytes declared, %d in the page", k, len(values)-4)
		} else if err := checkRuns(values[4:4+k], 1, nonNull); err != nil {
			return i18n.Errorf("RLE booleans: %v", err)
		}
	}
	e := parquet.LookupEncoding(enc)
	if e.Encoding() != enc {
		return i18n.Errorf("unsupported encoding %s", enc)
	}
	if pc.conv.kind == parquet.ByteArray {
		pc.offBuf = slices.Grow(pc.offBuf[:0], nonNull+1)
	}
	if est := pc.typ.EstimateDecodeSize(nonNull, values, e); cap(pc.valBuf) < est {
		pc.valBuf = make([]byte, 0, est)
	}
	pc.data, err = pc.typ.Decode(pc.typ.NewValues(pc.valBuf[:0], pc.offBuf[:0]), values, e)
	if err != nil {
		return err
	}
	return pc.conv.check(&pc.data, nonNull)
}

// levelsV1 splits a v1 page's levels of encoding enc off the front of
// data: RLE levels are prefixed by their length, bit-packed ones take
// exactly n values' bits.
func levelsV1(data []byte, enc format.Encoding, max byte, n int) (levels, rest []byte, err error) {
	switch enc {
	case format.RLE:
		if len(data) < 4 {
			return nil, nil, i18n.Errorf("no length")
		}
		k := int64(binary.LittleEndian.Uint32(data))
		if k > int64(len(data)-4) {
			return nil, nil, i18n.Errorf("%d bytes declared, %d in the page", k, len(data)-4)
		}
		return data[4 : 4+k], data[4+k:], nil
	case format.BitPacked:
		k := (n*int(levelWidth(max)) + 7) / 8
		if k > len(data) {
			return nil, nil, i18n.Errorf("%d bytes needed, %d in the page", k, len(data))
		}
		return data[:k], data[k:], nil
	}
	return nil, nil, i18n.Errorf("unsupported level encoding %s", enc)
}

// decodeLevelData decodes n levels up to max, of encoding enc.
func decodeLevelData(dst, data []byte, enc format.Encoding, max byte, n int) ([]byte, error) {
	bw := levelWidth(max)
	if enc == format.BitPacked {
		// The deprecated encoding packs from the most significant bit.
		if cap(dst) < n {
			dst = make([]byte, n)
		}
		dst = dst[:n]
		for i := range n {
			var v byte
			for b := range bw {
				bit := uint(i)*bw + b
				if data[bit/8]>>(7-bit%8)&1 != 0 {
					v |= 1 << (bw - 1 - b)
				}
			}
			dst[i] = v
		}
		return dst, nil
	}
	return decodeLevels(dst, data, bw, n)
}

// chunkLevels bounds the levels converted at a time, and so the conversion
// buffers, whatever the size of a page (a bit-packed boolean page can hold
// a whole row group).
const chunkLevels = 4096

// convert makes values [pc.val, pc.val+n) available in pc.vals.
func (pc *pqCol) convert(n int) {
	if pc.idx != nil || n == 0 {
		return
	}
	pc.vals, pc.vbase = pc.conv.decode(&pc.data, pc.val, n, pc.buf), pc.val
}

// nonNull counts the values among levels [from, from+k).
func (pc *pqCol) nonNull(from, k int) int {
	if pc.defs == nil {
		return k
	}
	n := 0
	for _, d := range pc.defs[from : from+k] {
		if d == pc.maxDef {
			n++
		}
	}
	return n
}

// run records k levels of the current page; rows go to window rows w0,
// w0+1 … or, with w0 < 0, to the profile only.
func (pc *pqCol) run(k, w0 int) {
	cs := pc.cs
	defs, md := pc.defs, pc.maxDef
	pc.convert(pc.nonNull(pc.lvl, k))
	nulls := 0
	for i := range k {
		w := -1
		if w0 >= 0 {
			w = w0 + i
		}
		if defs != nil && defs[pc.lvl] != md {
			cs.putNull(w)
			nulls++
			pc.lvl++
			continue
		}
		pc.lvl++
		if pc.idx != nil {
			cs.dictRow(pc.idx[pc.val], w)
		} else {
			cs.putCanon(&pc.vals, pc.val-pc.vbase, w)
		}
		pc.val++
	}
	if cs.acc != nil {
		cs.acc.rows += int64(k)
		cs.acc.nulls += int64(nulls)
	}
}

// runRepeated records the rest of a repeated column's page: a row begins
// at repetition level 0, and is null when none of its levels holds a value.
func (pc *pqCol) runRepeated() {
	cs := pc.cs
	for pc.lvl < pc.n {
		k := min(chunkLevels, pc.n-pc.lvl)
		pc.convert(pc.nonNull(pc.lvl, k))
		pc.runRepeatedLevels(cs, pc.lvl+k)
	}
}

// runRepeatedLevels records levels up to end, whose values are converted.
func (pc *pqCol) runRepeatedLevels(cs *colState, end int) {
	for ; pc.lvl < end; pc.lvl++ {
		if pc.reps[pc.lvl] == 0 {
			pc.endRow()
			pc.inRow = true
			cs.acc.rows++
		}
		if pc.defs == nil || pc.defs[pc.lvl] == pc.maxDef {
			if pc.idx != nil {
				cs.dictRow(pc.idx[pc.val], -1)
			} else {
				cs.putCanon(&pc.vals, pc.val-pc.vbase, -1)
			}
			pc.val++
			pc.rowHasValue = true
		}
	}
}

func (pc *pqCol) endRow() {
	if pc.inRow && !pc.rowHasValue {
		pc.cs.acc.nulls++
	}
	pc.inRow, pc.rowHasValue = false, false
}

// profileAll reads the whole chunk into the profile.
func (pc *pqCol) profileAll(ctx context.Context) error {
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		err := pc.nextPage()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if pc.repeated {
			pc.runRepeated()
			continue
		}
		for pc.lvl < pc.n {
			pc.run(min(chunkLevels, pc.n-pc.lvl), -1)
		}
	}
	if pc.repeated {
		pc.endRow()
	}
	return nil
}

// fill records the next n rows into window rows 0…n−1 and returns how many
// rows the chunk had left.
func (pc *pqCol) fill(n int) (int, error) {
	done := 0
	for done < n {
		if pc.lvl >= pc.n {
			err := pc.nextPage()
			if err == io.EOF {
				break
			}
			if err != nil {
				return done, err
			}
			continue
		}
		k := min(n-done, pc.n-pc.lvl)
		pc.run(k, done)
		done += k
	}
	return done, nil
}
