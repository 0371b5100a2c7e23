package scan

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"math/bits"
	"slices"
	"sync"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/deprecated"
	"github.com/parquet-go/parquet-go/encoding"
	"github.com/parquet-go/parquet-go/format"

	"github.com/saglig/saglig/lint/dataset"
	"github.com/saglig/saglig/lint/source/objstore"
)

// convOp is how a Parquet physical value becomes canonical.
type convOp uint8

const (
	opNone convOp = iota
	opUint32
	opMillisToMicros
	opNanosToMicros
	opInt96
	opDecimal
	opFloat16
	opDecimalBytes
	// opNull: a column of the NULL logical type, whose values (there
	// should be none) are not read: every row is null.
	opNull
)

// pqConv converts one leaf column's page data into canonical values.
type pqConv struct {
	kind  parquet.Kind
	op    convOp
	scale int32
	// toFloat: integers of a column that other files widen to floating
	// point (schema drift).
	toFloat bool
}

// parquetConv decides how the values of a leaf of physical kind, whose
// column is of type t in its file, become values of the dataset's
// canonical type want. It fails when they cannot: a file whose column
// holds another class of values than the dataset's.
func parquetConv(kind parquet.Kind, t dataset.ColumnType, want valueType) (pqConv, error) {
	c := pqConv{kind: kind}
	if t.Kind == dataset.KindNull {
		c.op = opNull
		return c, nil
	}
	got := clsInt
	switch kind {
	case parquet.Boolean, parquet.Int96:
		if kind == parquet.Int96 {
			c.op = opInt96
		}
	case parquet.Int32, parquet.Int64:
		switch {
		case t.Kind == dataset.KindDecimal:
			c.op, c.scale, got = opDecimal, t.Scale, clsFloat
		case t.Kind == dataset.KindUint && kind == parquet.Int32:
			c.op = opUint32
		case t.Kind == dataset.KindTime && kind == parquet.Int32:
			c.op = opMillisToMicros
		case t.Kind == dataset.KindTime || t.Kind == dataset.KindTimestamp:
			c.op = unitOp(t.Unit)
		}
	case parquet.Float, parquet.Double:
		got = clsFloat
	case parquet.ByteArray, parquet.FixedLenByteArray:
		switch {
		case t.Kind == dataset.KindDecimal:
			c.op, c.scale, got = opDecimalBytes, t.Scale, clsFloat
		case t.Kind == dataset.KindFloat && t.Bits == 16 && kind == parquet.FixedLenByteArray:
			c.op, got = opFloat16, clsFloat
		default:
			got = clsBytes
		}
	default:
		return c, fmt.Errorf("unsupported physical type %s", kind)
	}
	switch {
	case got == want.cls:
	case got == clsInt && want.cls == clsFloat:
		c.toFloat = true
	default:
		return c, fmt.Errorf("holds %s values here but %s in the dataset", valueType{cls: got}, want)
	}
	return c, nil
}

func unitOp(u dataset.TimeUnit) convOp {
	switch u {
	case dataset.Milli:
		return opMillisToMicros
	case dataset.Nano:
		return opNanosToMicros
	}
	return opNone
}

// convBuf holds reused conversion buffers.
type convBuf struct {
	ints   []int64
	floats []float64
}

func (b *convBuf) intsN(n int) []int64 {
	if cap(b.ints) < n {
		b.ints = make([]int64, n)
	}
	return b.ints[:n]
}

func (b *convBuf) floatsN(n int) []float64 {
	if cap(b.floats) < n {
		b.floats = make([]float64, n)
	}
	return b.floats[:n]
}

// check verifies that page data hold at least n values.
func (c pqConv) check(v *encoding.Values, n int) error {
	var have int
	switch c.kind {
	case parquet.Boolean:
		have = len(v.Boolean()) * 8
	case parquet.Int32:
		have = len(v.Int32())
	case parquet.Int64:
		have = len(v.Int64())
	case parquet.Int96:
		have = len(v.Int96())
	case parquet.Float:
		have = len(v.Float())
	case parquet.Double:
		have = len(v.Double())
	case parquet.ByteArray:
		data, offs := v.ByteArray()
		have = max(0, len(offs)-1)
		for j := range min(n, have) {
			if offs[j] > offs[j+1] || int(offs[j+1]) > len(data) {
				return errors.New("byte array offsets out of range")
			}
		}
		// Decoded byte arrays end where their last value ends, and a page
		// holds as many as its levels say: values past them would be
		// silently dropped.
		if have > 0 && int(offs[have]) != len(data) {
			return fmt.Errorf("byte array page holds %d bytes after its %d values", len(data)-int(offs[have]), have)
		}
		if have > n {
			return fmt.Errorf("byte array page holds %d values, more than the %d its levels say", have, n)
		}
	case parquet.FixedLenByteArray:
		data, size := v.FixedLenByteArray()
		if size <= 0 {
			return fmt.Errorf("fixed-length byte array of size %d", size)
		}
		if c.op == opFloat16 && size != 2 {
			return fmt.Errorf("float16 of %d bytes", size)
		}
		have = len(data) / size
	default:
		return fmt.Errorf("unsupported physical type %s", c.kind)
	}
	if have < n {
		return fmt.Errorf("page holds %d values, its levels say %d", have, n)
	}
	return nil
}

// decode converts values [from, from+n) of checked page data into
// canonical values, aliasing the page's buffers when no conversion is
// needed and converting into buf (at most n values) otherwise.
func (c pqConv) decode(v *encoding.Values, from, n int, buf *convBuf) canon {
	switch c.kind {
	case parquet.Boolean:
		bits := v.Boolean()
		out := buf.intsN(n)
		for j := range out {
			k := from + j
			out[j] = int64(bits[k>>3] >> (k & 7) & 1)
		}
		return canon{cls: clsInt, ints: out}
	case parquet.Int32:
		xs := v.Int32()[from : from+n]
		if c.op == opDecimal {
			out := buf.floatsN(n)
			for j, x := range xs {
				out[j] = decimalFloat(int64(x), c.scale)
			}
			return canon{cls: clsFloat, floats: out}
		}
		out := buf.intsN(n)
		for j, x := range xs {
			switch c.op {
			case opUint32:
				out[j] = int64(uint32(x))
			case opMillisToMicros:
				out[j] = int64(x) * 1000
			default:
				out[j] = int64(x)
			}
		}
		return canon{cls: clsInt, ints: out}
	case parquet.Int64:
		xs := v.Int64()[from : from+n]
		switch c.op {
		case opNone:
			return canon{cls: clsInt, ints: xs}
		case opDecimal:
			out := buf.floatsN(n)
			for j, x := range xs {
				out[j] = decimalFloat(x, c.scale)
			}
			return canon{cls: clsFloat, floats: out}
		}
		out := buf.intsN(n)
		for j, x := range xs {
			if c.op == opMillisToMicros {
				out[j] = x * 1000
			} else {
				out[j] = floorDiv(x, 1000)
			}
		}
		return canon{cls: clsInt, ints: out}
	case parquet.Int96:
		out := buf.intsN(n)
		for j, x := range v.Int96()[from : from+n] {
			out[j] = int96Micros(x)
		}
		return canon{cls: clsInt, ints: out}
	case parquet.Float:
		out := buf.floatsN(n)
		for j, x := range v.Float()[from : from+n] {
			out[j] = float64(x)
		}
		return canon{cls: clsFloat, floats: out}
	case parquet.Double:
		return canon{cls: clsFloat, floats: v.Double()[from : from+n]}
	}
	var bv bytesView
	if c.kind == parquet.ByteArray {
		data, offs := v.ByteArray()
		bv = bytesView{data: data, offs: offs[from : from+n+1]}
	} else {
		data, size := v.FixedLenByteArray()
		bv = bytesView{data: data[from*size : (from+n)*size], size: size}
	}
	switch c.op {
	case opDecimalBytes:
		out := buf.floatsN(n)
		for j := range out {
			out[j] = decimalBytes(bv.at(j), c.scale)
		}
		return canon{cls: clsFloat, floats: out}
	case opFloat16:
		out := buf.floatsN(n)
		for j := range out {
			b := bv.at(j)
			out[j] = float16(uint16(b[0]) | uint16(b[1])<<8)
		}
		return canon{cls: clsFloat, floats: out}
	}
	return canon{cls: clsBytes, bytes: bv}
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// int96Micros reads a legacy INT96 timestamp: nanoseconds of the day in the
// low 8 bytes, the Julian day in the high 4, both signed, as Spark writes
// and reads them. Spark computes the two from microseconds in wrapping
// 64-bit arithmetic, so a timestamp after about the year 287,500 is stored
// with a negative day (int96_from_spark.parquet's year 290000): the same
// arithmetic here gives back the instant Spark wrote.
func int96Micros(x deprecated.Int96) int64 {
	nanos := int64(uint64(x[0]) | uint64(x[1])<<32)
	const julianUnixEpoch = 2440588
	return (int64(int32(x[2]))-julianUnixEpoch)*microsPerDay + nanos/1000
}

// decimalBytes reads a big-endian two's complement unscaled decimal.
func decimalBytes(b []byte, scale int32) float64 {
	if len(b) == 0 {
		return 0
	}
	ext := byte(0)
	if b[0]&0x80 != 0 {
		ext = 0xff
	}
	narrow := b
	if len(b) > 8 {
		// Within 64 bits when the high bytes only extend the sign.
		narrow = b[len(b)-8:]
		for _, x := range b[:len(b)-8] {
			if x != ext {
				narrow = nil
				break
			}
		}
		if narrow != nil && (narrow[0]^ext)&0x80 != 0 {
			narrow = nil
		}
	}
	if narrow != nil {
		v := int64(0)
		if ext != 0 {
			v = -1
		}
		for _, x := range narrow {
			v = v<<8 | int64(x)
		}
		return decimalFloat(v, scale)
	}
	u := new(big.Int).SetBytes(b)
	if ext != 0 {
		u.Sub(u, new(big.Int).Lsh(big.NewInt(1), uint(8*len(b))))
	}
	return bigDecimalFloat(u, scale)
}

// float16 converts an IEEE 754 half-precision value.
func float16(h uint16) float64 {
	sign := 1.0
	if h&0x8000 != 0 {
		sign = -1
	}
	exp := int(h>>10) & 0x1f
	frac := float64(h & 0x3ff)
	switch exp {
	case 0:
		return sign * math.Ldexp(frac, -24)
	case 0x1f:
		if frac != 0 {
			return math.NaN()
		}
		return math.Inf(int(sign))
	}
	return sign * math.Ldexp(1+frac/1024, exp-15)
}

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
		typ:      src.leaf.Type(),
		maxDef:   byte(src.leaf.MaxDefinitionLevel()),
		maxRep:   byte(src.leaf.MaxRepetitionLevel()),
		repeated: src.leaf.MaxRepetitionLevel() > 0,
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
				return fmt.Errorf("page %d: dictionary: %w", pg.Index, err)
			}
		case format.DataPage, format.DataPageV2:
			if err := pc.readDataPage(pg); err != nil {
				return fmt.Errorf("page %d: %w", pg.Index, err)
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
		return fmt.Errorf("%d values", n)
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
		return fmt.Errorf("%d values", n)
	}
	pc.n, pc.lvl, pc.val = n, 0, 0
	pc.defs, pc.reps = nil, nil
	var err error
	if pc.maxRep > 0 {
		if !v2 {
			if repData, values, err = levelsV1(values, repEnc, pc.maxRep, n); err != nil {
				return fmt.Errorf("repetition levels: %w", err)
			}
		}
		if pc.repBuf, err = decodeLevelData(pc.repBuf, repData, repEnc, pc.maxRep, n); err != nil {
			return fmt.Errorf("repetition levels: %w", err)
		}
		pc.reps = pc.repBuf
		if n > 0 && pc.reps[0] != 0 {
			return fmt.Errorf("the first repetition level is %d, not 0", pc.reps[0])
		}
	}
	if pc.maxDef > 0 {
		if !v2 {
			if defData, values, err = levelsV1(values, defEnc, pc.maxDef, n); err != nil {
				return fmt.Errorf("definition levels: %w", err)
			}
		}
		if pc.defBuf, err = decodeLevelData(pc.defBuf, defData, defEnc, pc.maxDef, n); err != nil {
			return fmt.Errorf("definition levels: %w", err)
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
				return fmt.Errorf("definition level %d above the column's maximum %d", d, pc.maxDef)
			}
		}
	}
	if wantNonNulls >= 0 && pc.maxDef > 0 && pc.maxRep == 0 && nonNull != wantNonNulls {
		return fmt.Errorf("the page has %d values and %d nulls, its header says %d nulls", nonNull, n-nonNull, n-wantNonNulls)
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
			return errors.New("dictionary-encoded page without a dictionary page")
		}
		if pc.idxBuf, err = decodeIndices(pc.idxBuf, values, nonNull); err != nil {
			return err
		}
		size := int32(len(pc.cs.dict.hashes))
		for _, i := range pc.idxBuf {
			if i < 0 || i >= size {
				return fmt.Errorf("dictionary index %d out of range [0, %d)", i, size)
			}
		}
		pc.idx = pc.idxBuf
		return nil
	case format.RLE:
		if pc.conv.kind != parquet.Boolean {
			return fmt.Errorf("RLE encoding of %s values", pc.conv.kind)
		}
		if len(values) < 4 {
			return errors.New("RLE booleans: no length")
		}
		if k := binary.LittleEndian.Uint32(values); int64(k) > int64(len(values)-4) {
			return fmt.Errorf("RLE booleans: %d bytes declared, %d in the page", k, len(values)-4)
		} else if err := checkRuns(values[4:4+k], 1, nonNull); err != nil {
			return fmt.Errorf("RLE booleans: %w", err)
		}
	}
	e := parquet.LookupEncoding(enc)
	if e.Encoding() != enc {
		return fmt.Errorf("unsupported encoding %s", enc)
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
			return nil, nil, errors.New("no length")
		}
		k := int64(binary.LittleEndian.Uint32(data))
		if k > int64(len(data)-4) {
			return nil, nil, fmt.Errorf("%d bytes declared, %d in the page", k, len(data)-4)
		}
		return data[4 : 4+k], data[4+k:], nil
	case format.BitPacked:
		k := (n*int(levelWidth(max)) + 7) / 8
		if k > len(data) {
			return nil, nil, fmt.Errorf("%d bytes needed, %d in the page", k, len(data))
		}
		return data[:k], data[k:], nil
	}
	return nil, nil, fmt.Errorf("unsupported level encoding %s", enc)
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

// prefetchOff, set by a benchmark, reads objects in a store without
// fetching a unit's chunks ahead.
var prefetchOff bool

// parquetUnit reads one row group × column group.
func (u *unit) runParquet(ctx context.Context) error {
	fi := u.file
	f, err := fi.open(fi.path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := &countingReaderAt{r: f, n: u.done}
	md := &fi.pq.Metadata().RowGroups[u.part]
	if pf, ok := f.(prefetcher); ok && !prefetchOff {
		// An object in a store: the unit's column chunks are fetched at
		// once, neighbours merged into one request.
		var ranges []objstore.Range
		for _, cs := range u.cols {
			if src := fi.cols[cs.spec.idx]; src.kind == srcParquet {
				start, end := dataset.ChunkRange(&md.Columns[src.leaf.Index()].MetaData)
				ranges = append(ranges, objstore.Range{Off: start, Len: end - start})
			}
		}
		defer pf.Prefetch(ranges, u.prefetch)()
	}
	rows := md.NumRows
	// A column chunk's pages are checked before they are read; the check
	// reads the file directly, so progress counts each byte once.
	open := func(cs *colState) (*pqCol, error) {
		src := fi.cols[cs.spec.idx]
		leaf := src.leaf.Index()
		if err := fi.check(ctx, f, u.part, leaf, cs.spec.shared); err != nil {
			return nil, err
		}
		pages, err := fi.lim.NewPageReader(r, fi.size, &md.Columns[leaf])
		if err != nil {
			return nil, err
		}
		return newPqCol(cs, src, pages), nil
	}
	u.rows = rows
	// Columns read on their own: the profile only.
	for _, cs := range u.cols {
		if cs.windowed() || cs.acc == nil {
			continue
		}
		u.colName = cs.spec.path
		src := fi.cols[cs.spec.idx]
		switch src.kind {
		case srcParquet:
			pc, err := open(cs)
			if err != nil {
				return err
			}
			before := cs.acc.rows
			err = pc.profileAll(ctx)
			pc.close()
			if err != nil {
				return err
			}
			if got := cs.acc.rows - before; got != rows {
				return fmt.Errorf("the column chunk holds %d rows; the row group has %d", got, rows)
			}
		default:
			u.constant(cs, src, rows, -1)
		}
	}
	// Row-aligned columns, a window at a time.
	var wcols []*colState
	var readers []*pqCol
	defer func() {
		for _, pc := range readers {
			if pc != nil {
				pc.close()
			}
		}
	}()
	for _, cs := range u.cols {
		if !cs.windowed() {
			continue
		}
		var pc *pqCol
		if src := fi.cols[cs.spec.idx]; src.kind == srcParquet {
			u.colName = cs.spec.path
			if pc, err = open(cs); err != nil {
				return err
			}
		}
		wcols = append(wcols, cs)
		readers = append(readers, pc)
		cs.allocWindow(int(min(int64(u.window), rows)))
	}
	if len(wcols) == 0 {
		return nil
	}
	for done := int64(0); done < rows; {
		if err := ctx.Err(); err != nil {
			return err
		}
		n := int(min(int64(u.window), rows-done))
		for i, cs := range wcols {
			u.colName = cs.spec.path
			pc := readers[i]
			if pc == nil {
				u.constant(cs, fi.cols[cs.spec.idx], int64(n), 0)
				continue
			}
			got, err := pc.fill(n)
			if err != nil {
				return err
			}
			if got != n {
				return fmt.Errorf("the column chunk ends after %d rows; the row group has %d", done+int64(got), rows)
			}
		}
		u.colName = ""
		u.window1(done, n)
		done += int64(n)
	}
	return nil
}

// countingReaderAt counts the bytes read, for progress.
type countingReaderAt struct {
	r io.ReaderAt
	n *progressCounter
}

func (c *countingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(p, off)
	c.n.add(int64(n))
	return n, err
}
