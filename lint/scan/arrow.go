package scan

import (
	"context"
	"io"
	"unsafe"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"

	"github.com/saglig/saglig/internal/i18n"
)

// unitMicros is the factor from an Arrow time unit to microseconds, or a
// divisor when negative.
func unitMicros(u arrow.TimeUnit) int64 {
	switch u {
	case arrow.Second:
		return microsPerSecond
	case arrow.Millisecond:
		return 1000
	case arrow.Nanosecond:
		return -1000
	}
	return 1
}

func scaleMicros(v, f int64) int64 {
	if f < 0 {
		return floorDiv(v, -f)
	}
	return v * f
}

// bytesOf views a string's bytes without copying; the scan never modifies
// them.
func bytesOf(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

// scalar is one canonical value.
type scalar struct {
	cls class
	i   int64
	f   float64
	b   []byte
}

// arrowValue reads row i of arr (a non-null value) as a canonical value.
func arrowValue(arr arrow.Array, i int) scalar {
	switch a := arr.(type) {
	case *array.Boolean:
		if a.Value(i) {
			return scalar{cls: clsInt, i: 1}
		}
		return scalar{cls: clsInt}
	case *array.Int8:
		return scalar{cls: clsInt, i: int64(a.Value(i))}
	case *array.Int16:
		return scalar{cls: clsInt, i: int64(a.Value(i))}
	case *array.Int32:
		return scalar{cls: clsInt, i: int64(a.Value(i))}
	case *array.Int64:
		return scalar{cls: clsInt, i: a.Value(i)}
	case *array.Uint8:
		return scalar{cls: clsInt, i: int64(a.Value(i))}
	case *array.Uint16:
		return scalar{cls: clsInt, i: int64(a.Value(i))}
	case *array.Uint32:
		return scalar{cls: clsInt, i: int64(a.Value(i))}
	case *array.Uint64:
		return scalar{cls: clsInt, i: int64(a.Value(i))}
	case *array.Duration:
		return scalar{cls: clsInt, i: int64(a.Value(i))}
	case *array.Float16:
		return scalar{cls: clsFloat, f: float64(a.Value(i).Float32())}
	case *array.Float32:
		return scalar{cls: clsFloat, f: float64(a.Value(i))}
	case *array.Float64:
		return scalar{cls: clsFloat, f: a.Value(i)}
	case *array.Decimal32:
		return scalar{cls: clsFloat, f: decimalFloat(int64(a.Value(i)), a.DataType().(*arrow.Decimal32Type).Scale)}
	case *array.Decimal64:
		return scalar{cls: clsFloat, f: decimalFloat(int64(a.Value(i)), a.DataType().(*arrow.Decimal64Type).Scale)}
	case *array.Decimal128:
		// arrow-go's ToFloat64 is off by some units in the last place
		// beyond 2^53: the value is converted as a Parquet decimal is.
		n, scale := a.Value(i), a.DataType().(*arrow.Decimal128Type).Scale
		if lo := n.LowBits(); signExtends([]uint64{uint64(n.HighBits())}, lo) {
			return scalar{cls: clsFloat, f: decimalFloat(int64(lo), scale)}
		}
		return scalar{cls: clsFloat, f: bigDecimalFloat(n.BigInt(), scale)}
	case *array.Decimal256:
		n, scale := a.Value(i), a.DataType().(*arrow.Decimal256Type).Scale
		if w := n.Array(); signExtends(w[1:], w[0]) {
			return scalar{cls: clsFloat, f: decimalFloat(int64(w[0]), scale)}
		}
		return scalar{cls: clsFloat, f: bigDecimalFloat(n.BigInt(), scale)}
	case *array.Date32:
		return scalar{cls: clsInt, i: int64(a.Value(i))}
	case *array.Date64:
		return scalar{cls: clsInt, i: floorDiv(int64(a.Value(i)), 86_400_000)}
	case *array.Timestamp:
		return scalar{cls: clsInt, i: scaleMicros(int64(a.Value(i)), unitMicros(a.DataType().(*arrow.TimestampType).Unit))}
	case *array.Time32:
		return scalar{cls: clsInt, i: scaleMicros(int64(a.Value(i)), unitMicros(a.DataType().(*arrow.Time32Type).Unit))}
	case *array.Time64:
		return scalar{cls: clsInt, i: scaleMicros(int64(a.Value(i)), unitMicros(a.DataType().(*arrow.Time64Type).Unit))}
	case *array.String:
		return scalar{cls: clsBytes, b: bytesOf(a.Value(i))}
	case *array.LargeString:
		return scalar{cls: clsBytes, b: bytesOf(a.Value(i))}
	case *array.StringView:
		return scalar{cls: clsBytes, b: bytesOf(a.Value(i))}
	case *array.Binary:
		return scalar{cls: clsBytes, b: a.Value(i)}
	case *array.LargeBinary:
		return scalar{cls: clsBytes, b: a.Value(i)}
	case *array.BinaryView:
		return scalar{cls: clsBytes, b: a.Value(i)}
	case *array.FixedSizeBinary:
		return scalar{cls: clsBytes, b: a.Value(i)}
	}
	return scalar{cls: clsBytes, b: bytesOf(arr.ValueStr(i))}
}

// arrowPut records row i of arr (a non-null value) for column cs.
func arrowPut(cs *colState, arr arrow.Array, i, w int) {
	v := arrowValue(arr, i)
	switch {
	case v.cls == clsInt && cs.vt.cls == clsFloat:
		// Integers of a column other files widen to floating point.
		cs.putFloat(float64(v.i), w)
	case v.cls != cs.vt.cls:
		// Within a file an Arrow type maps to one class (valueTypeOf and
		// arrowValue agree); a value of no class the column can hold —
		// a type saglig does not know — counts as null.
		if cs.acc != nil {
			cs.acc.nulls++
		}
		cs.putNull(w)
	case v.cls == clsInt:
		cs.putInt(v.i, w)
	case v.cls == clsFloat:
		cs.putFloat(v.f, w)
	default:
		cs.putBytes(v.b, w)
	}
}

// storage unwraps extension arrays.
func storage(arr arrow.Array) arrow.Array {
	for {
		ext, ok := arr.(array.ExtensionArray)
		if !ok {
			return arr
		}
		arr = ext.Storage()
	}
}

// arrowCanon converts a dictionary's values into canonical values (null
// entries are never looked up: rows pointing at them are null).
func arrowCanon(cs *colState, arr arrow.Array) canon {
	n := arr.Len()
	switch cs.vt.cls {
	case clsInt:
		out := make([]int64, n)
		for i := range n {
			if !arr.IsNull(i) {
				out[i] = arrowValue(arr, i).i
			}
		}
		return canon{cls: clsInt, ints: out}
	case clsFloat:
		out := make([]float64, n)
		for i := range n {
			if !arr.IsNull(i) {
				out[i] = arrowValue(arr, i).f
			}
		}
		return canon{cls: clsFloat, floats: out}
	}
	var data []byte
	offs := make([]uint32, 1, n+1)
	for i := range n {
		if !arr.IsNull(i) {
			data = append(data, arrowValue(arr, i).b...)
		}
		offs = append(offs, uint32(len(data)))
	}
	return canon{cls: clsBytes, bytes: bytesView{data: data, offs: offs}}
}

// runArrow reads one record batch.
func (u *unit) runArrow(ctx context.Context) error {
	rec := u.batch
	if rec == nil {
		f, err := u.file.open(u.file.path)
		if err != nil {
			return err
		}
		defer f.Close()
		// Progress counts the batch, not the footer every unit rereads.
		cf := &countingReaderAt{r: f}
		r, err := ipc.NewFileReader(io.NewSectionReader(cf, 0, u.file.size), u.file.ipcOptions()...)
		if err != nil {
			return err
		}
		defer r.Close()
		cf.n = u.done
		rec, err = r.RecordBatchAt(u.part)
		if err != nil {
			return i18n.Errorf("record batch %d: %v", u.part, err)
		}
		defer rec.Release()
	}
	rows := rec.NumRows()
	u.rows = rows
	arrays := make([][]arrow.Array, len(u.cols))
	for i, cs := range u.cols {
		src := u.file.cols[cs.spec.idx]
		if src.kind != srcArrow {
			continue
		}
		chain, err := arrowChain(rec, src.fields)
		if err != nil {
			return i18n.Errorf("column %q: %v", cs.spec.path, err)
		}
		arrays[i] = chain
	}
	for i, cs := range u.cols {
		if cs.windowed() || cs.acc == nil {
			continue
		}
		u.colName = cs.spec.path
		if err := ctx.Err(); err != nil {
			return err
		}
		if arrays[i] == nil {
			u.constant(cs, u.file.cols[cs.spec.idx], rows, -1)
			continue
		}
		if err := arrowRun(cs, arrays[i], 0, int(rows), -1); err != nil {
			return err
		}
	}
	var wcols []int
	for i, cs := range u.cols {
		if cs.windowed() {
			wcols = append(wcols, i)
			cs.allocWindow(int(min(int64(u.window), rows)))
		}
	}
	if len(wcols) == 0 {
		return nil
	}
	for done := 0; done < int(rows); {
		if err := ctx.Err(); err != nil {
			return err
		}
		n := min(u.window, int(rows)-done)
		for _, i := range wcols {
			cs := u.cols[i]
			u.colName = cs.spec.path
			if arrays[i] == nil {
				u.constant(cs, u.file.cols[cs.spec.idx], int64(n), 0)
				continue
			}
			if err := arrowRun(cs, arrays[i], done, n, 0); err != nil {
				return err
			}
		}
		u.colName = ""
		u.window1(int64(done), n)
		done += n
	}
	return nil
}

// arrowChain finds a column's array by field index path; the chain holds
// the enclosing struct arrays, whose nulls make the column null too.
func arrowChain(rec arrow.RecordBatch, fields []int) ([]arrow.Array, error) {
	if len(fields) == 0 || fields[0] >= int(rec.NumCols()) {
		return nil, i18n.Errorf("not in the record batch")
	}
	arr := rec.Column(fields[0])
	chain := []arrow.Array{arr}
	for _, f := range fields[1:] {
		st, ok := storage(arr).(*array.Struct)
		if !ok || f >= st.NumField() {
			return nil, i18n.Errorf("record batch does not match the schema")
		}
		arr = st.Field(f)
		chain = append(chain, arr)
	}
	return chain, nil
}

// signExtends reports whether the high words of a two's complement
// integer only extend the sign of its low word: whether it fits an int64.
func signExtends(high []uint64, low uint64) bool {
	ext := uint64(0)
	if int64(low) < 0 {
		ext = ^uint64(0)
	}
	for _, w := range high {
		if w != ext {
			return false
		}
	}
	return true
}

// arrowRun records rows [from, from+n) of a column (the last array of
// chain) into window rows w0… or, with w0 < 0, the profile only.
func arrowRun(cs *colState, chain []arrow.Array, from, n, w0 int) error {
	arr := storage(chain[len(chain)-1])
	parents := chain[:len(chain)-1]
	var dict *array.Dictionary
	if d, ok := arr.(*array.Dictionary); ok {
		dict = d
		if cs.dict == nil || cs.dict.id != any(d.Dictionary()) {
			cs.flushDict()
			cs.dict = newDictCache(cs, d.Dictionary(), arrowCanon(cs, storage(d.Dictionary())))
		}
		defer cs.flushDict()
	}
	list, nested := arr.(array.ListLike)
	ree, _ := arr.(*array.RunEndEncoded)
	union, _ := arr.(array.Union)
	nulls := 0
	for r := from; r < from+n; r++ {
		w := -1
		if w0 >= 0 {
			w = w0 + r - from
		}
		null := arr.IsNull(r)
		for _, p := range parents {
			null = null || p.IsNull(r)
		}
		if union != nil {
			null = null || unionNull(union, r)
		}
		switch {
		case ree != nil:
			// A run-end encoded column: its values' nulls are its own.
			values, i := storage(ree.Values()), ree.GetPhysicalIndex(r)
			if i < 0 || i >= values.Len() {
				return i18n.Errorf("run-end index %d out of range [0, %d)", i, values.Len())
			}
			if null || values.IsNull(i) {
				cs.putNull(w)
				nulls++
			} else {
				arrowPut(cs, values, i, w)
			}
		case nested:
			start, end := list.ValueOffsets(r)
			if null || start >= end {
				nulls++
				continue
			}
			arrowElements(cs, list.ListValues(), int(start), int(end))
		case null:
			cs.putNull(w)
			nulls++
		case dict != nil:
			i := dict.GetValueIndex(r)
			dv := dict.Dictionary()
			if i < 0 || i >= dv.Len() {
				return i18n.Errorf("dictionary index %d out of range [0, %d)", i, dv.Len())
			}
			if dv.IsNull(i) {
				cs.putNull(w)
				nulls++
			} else {
				cs.dictRow(int32(i), w)
			}
		default:
			arrowPut(cs, arr, r, w)
		}
	}
	if cs.acc != nil {
		cs.acc.rows += int64(n)
		cs.acc.nulls += int64(nulls)
	}
	return nil
}

// unionNull reports whether row i of a union holds a null: a union has no
// validity of its own, its value is its child's (Arrow's columnar format,
// "Union Layout"), and a child of the null type holds only nulls.
func unionNull(u array.Union, i int) bool {
	child := u.Field(u.ChildID(i))
	j := i
	if d, ok := u.(*array.DenseUnion); ok {
		j = int(d.ValueOffset(i))
	}
	return child.DataType().ID() == arrow.NULL || j < 0 || j >= child.Len() || child.IsNull(j)
}

// arrowElements profiles the elements [from, to) of a nested column's
// values: lists are flattened, a struct (a map's entries) gives its first
// field.
func arrowElements(cs *colState, arr arrow.Array, from, to int) {
	arr = storage(arr)
	switch a := arr.(type) {
	case *array.Struct:
		if a.NumField() > 0 {
			arrowElements(cs, a.Field(0), from, to)
		}
		return
	case array.ListLike:
		for r := from; r < to; r++ {
			if a.IsNull(r) {
				continue
			}
			s, e := a.ValueOffsets(r)
			arrowElements(cs, a.ListValues(), int(s), int(e))
		}
		return
	case *array.Dictionary:
		dv := storage(a.Dictionary())
		for r := from; r < to; r++ {
			if i := a.GetValueIndex(r); !a.IsNull(r) && i >= 0 && i < dv.Len() && !dv.IsNull(i) {
				arrowPut(cs, dv, i, -1)
			}
		}
		return
	}
	for r := from; r < to; r++ {
		if !arr.IsNull(r) {
			arrowPut(cs, arr, r, -1)
		}
	}
}
