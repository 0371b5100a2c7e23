package scan

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"os"
	"sync"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/deprecated"
	"github.com/parquet-go/parquet-go/encoding"
	"github.com/parquet-go/parquet-go/format"
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
)

// pqConv converts one leaf column's page data into canonical values.
type pqConv struct {
	kind  parquet.Kind
	op    convOp
	scale int32
}

// parquetValueType returns a leaf's canonical type; float16 says the
// file's schema annotates it FLOAT16 (float16Leaves).
func parquetValueType(leaf *parquet.Column, float16 bool) valueType {
	vt, _ := parquetConv(leaf, float16)
	return vt
}

// float16Leaves returns the leaf column indices of a file's schema that
// are annotated FLOAT16. parquet-go's column types do not carry that
// annotation (Column.Type().LogicalType() is nil for it), so it is read
// from the schema elements, whose leaves come in the same depth-first
// order as the leaf columns. Only a 2-byte fixed-length leaf is read as
// FLOAT16, whatever a damaged schema says.
func float16Leaves(md *format.FileMetaData) map[int]bool {
	var out map[int]bool
	leaf := 0
	for i := 1; i < len(md.Schema); i++ {
		e := &md.Schema[i]
		if !e.Type.Valid { // a group, as parquet-go tells them
			continue
		}
		if _, ok := e.LogicalType.Value.(*format.Float16Type); ok {
			if out == nil {
				out = map[int]bool{}
			}
			out[leaf] = true
		}
		leaf++
	}
	return out
}

// parquetConv reads a leaf's physical and logical type; float16 says the
// file's schema annotates it FLOAT16, which its type does not say.
func parquetConv(leaf *parquet.Column, float16 bool) (valueType, pqConv) {
	t := leaf.Type()
	c := pqConv{kind: t.Kind()}
	var lt any
	if l := t.LogicalType(); l != nil {
		lt = l.Value
	}
	if d, ok := lt.(*format.DecimalType); ok {
		c.scale = d.Scale
		switch c.kind {
		case parquet.Int32, parquet.Int64:
			c.op = opDecimal
		default:
			c.op = opDecimalBytes
		}
		return valueType{cls: clsFloat, disp: dispDecimal, scale: d.Scale}, c
	}
	switch c.kind {
	case parquet.Boolean:
		return valueType{cls: clsInt, disp: dispBool}, c
	case parquet.Int32:
		switch l := lt.(type) {
		case *format.DateType:
			return valueType{cls: clsInt, disp: dispDate}, c
		case *format.TimeType:
			c.op = opMillisToMicros
			return valueType{cls: clsInt, disp: dispTime}, c
		case *format.IntType:
			if !l.IsSigned {
				c.op = opUint32
			}
		}
		return valueType{cls: clsInt}, c
	case parquet.Int64:
		switch l := lt.(type) {
		case *format.TimestampType:
			c.op = unitOp(&l.Unit)
			return valueType{cls: clsInt, disp: dispTimestamp}, c
		case *format.TimeType:
			c.op = unitOp(&l.Unit)
			return valueType{cls: clsInt, disp: dispTime}, c
		case *format.IntType:
			if !l.IsSigned {
				return valueType{cls: clsInt, disp: dispUint}, c
			}
		}
		return valueType{cls: clsInt}, c
	case parquet.Int96:
		c.op = opInt96
		return valueType{cls: clsInt, disp: dispTimestamp}, c
	case parquet.Float, parquet.Double:
		return valueType{cls: clsFloat}, c
	case parquet.FixedLenByteArray:
		if _, ok := lt.(*format.Float16Type); ok || (float16 && t.Length() == 2) {
			c.op = opFloat16
			return valueType{cls: clsFloat}, c
		}
		switch lt.(type) {
		case *format.UUIDType:
			return valueType{cls: clsBytes, disp: dispUUID}, c
		}
		return valueType{cls: clsBytes, disp: dispBinary}, c
	}
	switch lt.(type) {
	case *format.StringType, *format.EnumType, *format.JsonType:
		return valueType{cls: clsBytes}, c
	}
	return valueType{cls: clsBytes, disp: dispBinary}, c
}

func unitOp(u *format.TimeUnit) convOp {
	switch u.Value.(type) {
	case *format.MilliSeconds:
		return opMillisToMicros
	case *format.NanoSeconds:
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
		// Decoded byte arrays end where their last value ends. parquet-go
		// cuts the offsets of a page that holds more values than its header
		// says (and prints a warning); the values past the cut would be
		// silently dropped.
		if have > 0 && int(offs[have]) != len(data) {
			return fmt.Errorf("byte array page holds %d bytes after its %d values", len(data)-int(offs[have]), have)
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
// low 8 bytes, the Julian day in the high 4.
func int96Micros(x deprecated.Int96) int64 {
	nanos := int64(uint64(x[0]) | uint64(x[1])<<32)
	const julianUnixEpoch = 2440588
	return (int64(x[2])-julianUnixEpoch)*microsPerDay + nanos/1000
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

// pqCol reads one column chunk page by page.
type pqCol struct {
	cs       *colState
	name     string
	conv     pqConv
	maxDef   byte
	repeated bool
	pages    parquet.Pages
	page     parquet.Page
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
	// A repeated column's row in progress.
	inRow, rowHasValue bool
}

func newPqCol(cs *colState, leaf *parquet.Column, float16 bool, chunk parquet.ColumnChunk, r io.ReaderAt) (*pqCol, error) {
	fc, ok := chunk.(*parquet.FileColumnChunk)
	if !ok {
		return nil, fmt.Errorf("column %q: not a file column chunk", cs.spec.path)
	}
	_, conv := parquetConv(leaf, float16)
	return &pqCol{
		cs:       cs,
		name:     cs.spec.path,
		conv:     conv,
		maxDef:   byte(leaf.MaxDefinitionLevel()),
		repeated: leaf.MaxRepetitionLevel() > 0,
		pages:    fc.PagesFrom(r),
		buf:      convBufs.Get().(*convBuf),
	}, nil
}

// convBufs recycles conversion buffers between column chunks.
var convBufs = sync.Pool{New: func() any { return new(convBuf) }}

func (pc *pqCol) close() {
	pc.cs.flushDict()
	if pc.page != nil {
		parquet.Release(pc.page)
		pc.page = nil
	}
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

// nextPage reads the next page; io.EOF at the end of the chunk.
func (pc *pqCol) nextPage() error {
	if pc.page != nil {
		parquet.Release(pc.page)
		pc.page = nil
	}
	pg, err := pc.pages.ReadPage()
	if err != nil {
		return err
	}
	pc.page = pg
	pc.n = int(pg.NumValues())
	pc.defs, pc.reps = nil, nil
	if pc.maxDef > 0 {
		pc.defs = pg.DefinitionLevels()
		if len(pc.defs) != pc.n {
			return fmt.Errorf("page has %d definition levels for %d values", len(pc.defs), pc.n)
		}
	}
	if pc.repeated {
		pc.reps = pg.RepetitionLevels()
		if len(pc.reps) != pc.n {
			return fmt.Errorf("page has %d repetition levels for %d values", len(pc.reps), pc.n)
		}
	}
	nonNull := pc.n
	if pc.defs != nil {
		nonNull = 0
		for _, d := range pc.defs {
			if d == pc.maxDef {
				nonNull++
			}
		}
	}
	pc.lvl, pc.val = 0, 0
	if d := pg.Dictionary(); d != nil {
		if pc.cs.dict == nil || pc.cs.dict.id != d {
			pc.cs.flushDict()
			var own convBuf // the cache outlives the page buffers
			dv := d.Page().Data()
			if err := pc.conv.check(&dv, d.Len()); err != nil {
				return fmt.Errorf("dictionary: %w", err)
			}
			pc.cs.dict = newDictCache(pc.cs, d, pc.conv.decode(&dv, 0, d.Len(), &own))
		}
		data := pg.Data()
		idx := data.Int32()
		if len(idx) < nonNull {
			return fmt.Errorf("page has %d dictionary indices for %d values", len(idx), nonNull)
		}
		size := int32(len(pc.cs.dict.hashes))
		for _, i := range idx[:nonNull] {
			if i < 0 || i >= size {
				return fmt.Errorf("dictionary index %d out of range [0, %d)", i, size)
			}
		}
		pc.idx, pc.vals = idx, canon{}
		return nil
	}
	pc.idx = nil
	pc.data = pg.Data()
	pc.vals, pc.vbase = canon{}, 0
	return pc.conv.check(&pc.data, nonNull)
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

// parquetUnit reads one row group × column group.
func (u *unit) runParquet(ctx context.Context) error {
	fi := u.file
	osf, err := os.Open(fi.path)
	if err != nil {
		return unwrapPath(err)
	}
	defer osf.Close()
	r := &countingReaderAt{r: osf, n: u.done}
	rg := fi.pq.RowGroups()[u.part]
	rows := rg.NumRows()
	chunks := rg.ColumnChunks()
	// A column chunk's pages are checked before parquet-go reads them; the
	// check reads the file directly, so progress counts each byte once.
	open := func(cs *colState) (*pqCol, error) {
		src := fi.cols[cs.spec.idx]
		if err := fi.check(ctx, osf, u.part, src.leaf.Index(), cs.spec.shared); err != nil {
			return nil, err
		}
		return newPqCol(cs, src.leaf, src.float16, chunks[src.leaf.Index()], r)
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
		u.window1(n)
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
