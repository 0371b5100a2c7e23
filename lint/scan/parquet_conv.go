package scan

import (
	"math"
	"math/big"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/deprecated"
	"github.com/parquet-go/parquet-go/encoding"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/dataset"
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

// parquetConv decides how the values of a leaf, whose column is of type
// t in its file, become values of the dataset's canonical type want. It
// fails when they cannot: a file whose column holds another class of
// values than the dataset's, or a leaf whose physical type cannot be read
// (unless its column is of nulls, whose values are not read).
func parquetConv(leaf dataset.ParquetLeaf, t dataset.ColumnType, want valueType) (pqConv, error) {
	if t.Kind == dataset.KindNull {
		return pqConv{op: opNull}, nil
	}
	if leaf.Err != nil {
		return pqConv{}, leaf.Err
	}
	kind := leaf.Type.Kind()
	c := pqConv{kind: kind}
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
		return c, i18n.Errorf("unsupported physical type %s", kind)
	}
	switch {
	case got == want.cls:
	case got == clsInt && want.cls == clsFloat:
		c.toFloat = true
	default:
		return c, i18n.Errorf("holds %s values here but %s in the dataset", valueType{cls: got}, want)
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
				return i18n.Errorf("byte array offsets out of range")
			}
		}
		// Decoded byte arrays end where their last value ends, and a page
		// holds as many as its levels say: values past them would be
		// silently dropped.
		if have > 0 && int(offs[have]) != len(data) {
			return i18n.Errorf("byte array page holds %d bytes after its %d values", len(data)-int(offs[have]), have)
		}
		if have > n {
			return i18n.Errorf("byte array page holds %d values, more than the %d its levels say", have, n)
		}
	case parquet.FixedLenByteArray:
		data, size := v.FixedLenByteArray()
		if size <= 0 {
			return i18n.Errorf("fixed-length byte array of size %d", size)
		}
		if c.op == opFloat16 && size != 2 {
			return i18n.Errorf("float16 of %d bytes", size)
		}
		have = len(data) / size
	default:
		return i18n.Errorf("unsupported physical type %s", c.kind)
	}
	if have < n {
		return i18n.Errorf("page holds %d values, its levels say %d", have, n)
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
