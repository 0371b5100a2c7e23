package dataset

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/deprecated"
	"github.com/parquet-go/parquet-go/encoding/thrift"
	"github.com/parquet-go/parquet-go/format"
)

// ErrEncryptedParquet is the error of a file with encrypted columns or an
// encrypted footer.
var ErrEncryptedParquet = errors.New("encrypted Parquet is not supported")

// readParquet reads the schema, row count and key-value metadata of a
// Parquet file from its footer alone: the 4 magic bytes at the head, the
// 8-byte tail, and the footer before it. Nothing in between (data pages,
// page indexes, bloom filters) is read.
//
// The footer is decoded with parquet-go's thrift codec into its format
// types, not with parquet.OpenFile: the raw schema elements keep what
// parquet-go's column types drop (FLOAT16), and parquet-go recurses without
// bound on a hostile footer (deeply nested thrift, deeply nested groups),
// which overflows the stack where no recover helps. The footer's nesting is
// checked first, without recursion.
func readParquet(r io.ReaderAt, size int64, opt Options) (file File, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("cannot read Parquet footer: %v", p)
		}
	}()
	footer, err := readFooter(r, size, opt)
	if err != nil {
		return file, err
	}
	md, err := decodeFooter(footer, opt.Limits)
	if err != nil {
		var le *LimitError
		if errors.As(err, &le) {
			return file, err
		}
		return file, fmt.Errorf("cannot read Parquet footer: %v", err)
	}
	root, err := parquetTree(md.Schema, opt.parquetDepth())
	if err != nil {
		var le *LimitError
		if errors.As(err, &le) {
			return file, err
		}
		return file, fmt.Errorf("invalid Parquet schema: %w", err)
	}
	leaves := 0
	parquetLeaves(root, "", false, &leaves, &file.Columns)
	for i, rg := range md.RowGroups {
		if rg.NumRows < 0 {
			return file, fmt.Errorf("invalid Parquet footer: row group %d has %d rows", i, rg.NumRows)
		}
		if len(rg.Columns) != leaves {
			return file, fmt.Errorf("invalid Parquet footer: row group %d has %d column chunks for %d leaf columns", i, len(rg.Columns), leaves)
		}
		file.Rows += rg.NumRows
	}
	// A plaintext footer of a file whose columns are encrypted: the schema
	// can be read, the data cannot.
	file.Encrypted = md.EncryptionAlgorithm.Value != nil
	if len(md.KeyValueMetadata) > 0 {
		file.Metadata = make(map[string]string, len(md.KeyValueMetadata))
		for _, kv := range md.KeyValueMetadata {
			if _, dup := file.Metadata[kv.Key]; !dup {
				file.Metadata[kv.Key] = kv.Value
			}
		}
	}
	return file, nil
}

// readFooter reads a Parquet file's footer: the bytes between the head
// magic and the 8-byte tail (footer length and tail magic), within the
// footer size limit. An encrypted footer is ErrEncryptedParquet.
func readFooter(r io.ReaderAt, size int64, opt Options) ([]byte, error) {
	if size < 4 {
		return nil, fmt.Errorf("truncated file (%d bytes)", size)
	}
	head := make([]byte, 4)
	if err := readFull(r, head, 0); err != nil {
		return nil, err
	}
	switch {
	case bytes.Equal(head, magicParquetEncrypted):
		return nil, ErrEncryptedParquet
	case !bytes.Equal(head, magicParquet):
		return nil, errors.New("not a Parquet file (bad magic)")
	}
	// The smallest file: head magic, a footer of at least one byte, the
	// footer length and the tail magic.
	if size < 4+1+8 {
		return nil, fmt.Errorf("truncated file (%d bytes)", size)
	}
	tail := make([]byte, 8)
	if err := readFull(r, tail, size-8); err != nil {
		return nil, err
	}
	switch {
	case bytes.Equal(tail[4:], magicParquetEncrypted):
		return nil, ErrEncryptedParquet
	case !bytes.Equal(tail[4:], magicParquet):
		return nil, fmt.Errorf("truncated file (%d bytes): no footer (the file does not end with PAR1)", size)
	}
	n := int64(binary.LittleEndian.Uint32(tail[:4]))
	switch {
	case n == 0:
		return nil, errors.New("footer length 0 is invalid")
	case n > size-12:
		return nil, fmt.Errorf("footer length %d exceeds file size", n)
	case n > opt.maxFooterSize():
		return nil, limitError("--max-footer-size", "footer length %d exceeds the limit of %d bytes", n, opt.maxFooterSize())
	}
	footer := make([]byte, n)
	if err := readFull(r, footer, size-8-n); err != nil {
		return nil, err
	}
	return footer, nil
}

// signatureSize is the AES-GCM nonce and tag a signed plaintext footer of
// an encrypted file carries after its FileMetaData.
const signatureSize = 12 + 16

// checkFooter checks a plaintext footer before it is decoded: no more
// schema fields than MaxColumns, and an estimated size in memory within
// FooterMemoryFactor × MaxFooterSize and maxFooterAmplification times the
// footer's own size. It returns the FileMetaData as parquet-go's decoder
// is to read it, repaired where the format allows what that decoder
// refuses (a key-value pair without a value is given an empty one;
// docs/upstream.md), and the FileMetaData's length in footer.
func checkFooter(footer []byte, lim Limits) ([]byte, int, error) {
	scan, err := thriftScan(footer, "footer", structFileMetaData, nil)
	if err != nil {
		return nil, 0, err
	}
	n := scan.n
	if fields := scan.schemaElements - 1; fields > int64(lim.WithDefaults().MaxColumns) {
		return nil, 0, limitError("--max-columns", "the schema has %d fields, more than the limit of %d", fields, lim.WithDefaults().MaxColumns)
	}
	switch {
	case scan.mem > lim.maxFooterMemory():
		return nil, 0, limitError("--max-footer-size", "the footer would take about %s of memory to decode, more than %d times the footer size limit", Bytes(scan.mem), FooterMemoryFactor)
	case scan.mem > MinRatioCheckedSize && scan.mem > maxFooterAmplification*int64(n):
		return nil, 0, fmt.Errorf("the footer of %s would take about %s of memory to decode: it is not a real Parquet footer", Bytes(int64(n)), Bytes(scan.mem))
	}
	if scan.valueless == 0 {
		return footer[:n], n, nil
	}
	fixed := make([]byte, 0, n+scan.valueless*len(emptyValue))
	if _, err := thriftScan(footer, "footer", structFileMetaData, &fixed); err != nil {
		return nil, 0, err
	}
	return fixed, n, nil
}

// decodeFooter decodes the FileMetaData of a plaintext footer, once
// checkFooter passes it.
func decodeFooter(footer []byte, lim Limits) (*format.FileMetaData, error) {
	meta, n, err := checkFooter(footer, lim)
	if err != nil {
		return nil, err
	}
	var md format.FileMetaData
	if err := thrift.Unmarshal(new(thrift.CompactProtocol), meta, &md); err != nil {
		return nil, err
	}
	switch trailing := len(footer) - n; {
	case trailing == 0:
	case trailing == signatureSize && md.EncryptionAlgorithm.Value != nil:
		// A signed footer of a file with encrypted columns: the schema is
		// in plain text, and the signature is not needed to read it.
	default:
		return nil, fmt.Errorf("%d unexpected bytes after the file metadata", trailing)
	}
	return &md, nil
}

// OpenParquetFile opens a Parquet file with parquet-go, for its row groups
// and its columns' types, from its footer alone (no page index, no bloom
// filter). The footer is read and checked as when the dataset was opened
// (checkFooter, within lim), and parquet-go decodes those checked bytes,
// not a second reading of the file, repaired where the format allows what
// its decoder refuses (docs/upstream.md); the file's other bytes are read
// from r.
func OpenParquetFile(r io.ReaderAt, size int64, lim Limits) (*parquet.File, error) {
	opt := Options{Limits: lim}
	footer, err := readFooter(r, size, opt)
	if err != nil {
		return nil, err
	}
	meta, n, err := checkFooter(footer, lim)
	if err != nil {
		return nil, err
	}
	base := size - 8 - int64(len(footer))
	tail := make([]byte, 0, len(meta)+len(footer)-n+8)
	tail = append(append(tail, meta...), footer[n:]...)
	tail = binary.LittleEndian.AppendUint32(tail, uint32(len(tail)))
	tail = append(tail, magicParquet...)
	v := &footerView{r: r, base: base, tail: tail}
	return parquet.OpenFile(v, v.size(), parquet.SkipPageIndex(true), parquet.SkipBloomFilters(true), parquet.ReadBufferSize(64<<10))
}

// footerView is a Parquet file whose footer, footer length and tail magic
// (tail) are held in memory, after the file's first base bytes.
type footerView struct {
	r    io.ReaderAt
	base int64
	tail []byte
}

func (v *footerView) size() int64 { return v.base + int64(len(v.tail)) }

func (v *footerView) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, fmt.Errorf("read at negative offset %d", off)
	}
	n := 0
	if off < v.base {
		m := min(int64(len(p)), v.base-off)
		k, err := v.r.ReadAt(p[:m], off)
		n += k
		if k < int(m) {
			if err == nil {
				err = io.ErrUnexpectedEOF
			}
			return n, err
		}
		p, off = p[m:], off+m
	}
	if len(p) == 0 {
		return n, nil
	}
	if off >= v.size() {
		return n, io.EOF
	}
	k := copy(p, v.tail[off-v.base:])
	n += k
	if k < len(p) {
		return n, io.EOF
	}
	return n, nil
}

func readFull(r io.ReaderAt, p []byte, off int64) error {
	n, err := r.ReadAt(p, off)
	if n == len(p) {
		return nil
	}
	if err == nil || err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return fmt.Errorf("read %d bytes at offset %d: %w", len(p), off, err)
}

// pnode is a node of a Parquet schema tree.
type pnode struct {
	el   *format.SchemaElement
	kids []*pnode
}

// parquetTree rebuilds the schema tree from its depth-first list, nested
// at most maxDepth levels deep.
func parquetTree(s []format.SchemaElement, maxDepth int) (*pnode, error) {
	if len(s) == 0 {
		return nil, errors.New("no root element")
	}
	i := 0
	var build func(depth int) (*pnode, error)
	build = func(depth int) (*pnode, error) {
		if depth > maxDepth {
			return nil, depthError(maxDepth, parquetMaxDepth)
		}
		n := &pnode{el: &s[i]}
		i++
		if n.el.Type.Valid {
			return n, nil
		}
		k := int(n.el.NumChildren.V)
		if k < 0 || k > len(s)-i {
			return nil, fmt.Errorf("group %q claims %d children but %d elements are left", n.el.Name, k, len(s)-i)
		}
		n.kids = make([]*pnode, 0, k)
		for range k {
			c, err := build(depth + 1)
			if err != nil {
				return nil, err
			}
			n.kids = append(n.kids, c)
		}
		return n, nil
	}
	root, err := build(0)
	if err != nil {
		return nil, err
	}
	if i != len(s) {
		return nil, fmt.Errorf("%d elements after the root group", len(s)-i)
	}
	return root, nil
}

func (n *pnode) repetition() format.FieldRepetitionType {
	if n.el.RepetitionType.Valid {
		return n.el.RepetitionType.V
	}
	return format.Required
}

func (n *pnode) leaf() bool { return n.el.Type.Valid }

func (n *pnode) countLeaves() int {
	if n.leaf() {
		return 1
	}
	c := 0
	for _, k := range n.kids {
		c += k.countLeaves()
	}
	return c
}

func (n *pnode) isList() bool {
	if _, ok := n.el.LogicalType.Value.(*format.ListType); ok {
		return true
	}
	return n.el.LogicalType.Value == nil && n.el.ConvertedType.Valid && n.el.ConvertedType.V == deprecated.List
}

func (n *pnode) isMap() bool {
	if _, ok := n.el.LogicalType.Value.(*format.MapType); ok {
		return true
	}
	return n.el.LogicalType.Value == nil && n.el.ConvertedType.Valid &&
		(n.el.ConvertedType.V == deprecated.Map || n.el.ConvertedType.V == deprecated.MapKeyValue)
}

func (n *pnode) isVariant() bool {
	_, ok := n.el.LogicalType.Value.(*format.VariantType)
	return ok
}

// parquetLeaves appends the columns under n: a leaf, a LIST, a MAP, a
// variant or a repeated field is one column at its dotted path; a plain
// group (a struct) is walked into. A column is nullable when it or any
// group above it is optional. leaves counts the leaf columns before the
// next one, which is where that column's first leaf is.
func parquetLeaves(n *pnode, prefix string, nullable bool, leaves *int, out *[]Column) {
	for _, c := range n.kids {
		path := c.el.Name
		if prefix != "" {
			path = prefix + "." + c.el.Name
		}
		null := nullable || c.repetition() == format.Optional
		col := Column{Path: path, Nullable: null, Loc: Location{Leaf: *leaves}}
		switch {
		case c.repetition() == format.Repeated:
			// A repeated field outside a LIST or MAP group is a list of
			// its elements, which are never null themselves.
			col.Type, col.Nullable = "list<"+parquetType(c)+">", nullable
			col.ColumnType = parquetColumnType(c, List)
		case c.leaf(), c.isList(), c.isMap(), c.isVariant():
			col.Type = parquetType(c)
			col.ColumnType = parquetColumnType(c, Scalar)
		default:
			parquetLeaves(c, path, null, leaves, out)
			continue
		}
		k := c.countLeaves()
		if k == 0 {
			col.Loc.Leaf = -1 // an empty group: nulls, no column chunk
		}
		*leaves += k
		*out = append(*out, col)
	}
}

// parquetColumnType is the typed type of the column at n: a leaf's own,
// or a container's shape with the kind of its first leaf, which is what
// the scan reads of it (a list's elements, a map's keys, a variant's
// metadata, a struct's first field). shape is List for a repeated field.
func parquetColumnType(n *pnode, shape Shape) ColumnType {
	switch {
	case n.isVariant():
		shape = Variant
	case n.isMap():
		shape = Map
	case n.isList():
		shape = List
	}
	leaf := n
	for !leaf.leaf() {
		if len(leaf.kids) == 0 {
			return ColumnType{Kind: KindNull, Shape: shape}
		}
		if leaf.repetition() == format.Repeated && leaf != n {
			shape = max(shape, List)
		}
		leaf = leaf.kids[0]
	}
	if leaf != n && leaf.repetition() == format.Repeated && shape == Scalar {
		shape = List
	}
	t := parquetLeafColumnType(leaf.el)
	t.Shape = shape
	return t
}

// parquetType describes the type of a node, whatever its own repetition.
func parquetType(n *pnode) string {
	switch {
	case n.leaf():
		return parquetLeafType(n.el)
	case n.isList():
		return "list<" + parquetListElement(n) + ">"
	case n.isMap():
		return parquetMapType(n)
	case n.isVariant():
		return "variant"
	}
	return parquetStructType(n.kids)
}

// parquetFieldType is parquetType with the node's own repetition: a
// repeated field is a list.
func parquetFieldType(n *pnode) string {
	if n.repetition() == format.Repeated {
		return "list<" + parquetType(n) + ">"
	}
	return parquetType(n)
}

func parquetStructType(kids []*pnode) string {
	var b strings.Builder
	b.WriteString("struct<")
	for i, k := range kids {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(k.el.Name)
		b.WriteByte(':')
		b.WriteString(parquetFieldType(k))
	}
	b.WriteByte('>')
	return b.String()
}

// parquetListElement finds the element type of a LIST group, following the
// backward-compatibility rules of the Parquet format (LogicalTypes.md, "Lists").
func parquetListElement(g *pnode) string {
	if len(g.kids) != 1 {
		return parquetStructType(g.kids)
	}
	r := g.kids[0]
	switch {
	case r.repetition() != format.Repeated, r.leaf():
		// A repeated primitive is the element itself (2-level list).
		return parquetType(r)
	case len(r.kids) != 1, r.el.Name == "array", r.el.Name == g.el.Name+"_tuple":
		// A repeated group with several fields, or named as old writers
		// named it, is the element itself.
		return parquetType(r)
	}
	// The standard 3-level list: repeated group list { element; }.
	return parquetFieldType(r.kids[0])
}

func parquetMapType(g *pnode) string {
	if len(g.kids) != 1 || g.kids[0].leaf() {
		return parquetStructType(g.kids)
	}
	kv := g.kids[0]
	key, value := "null", "null"
	if len(kv.kids) > 0 {
		key = parquetFieldType(kv.kids[0])
	}
	if len(kv.kids) > 1 {
		value = parquetFieldType(kv.kids[1])
	}
	return "map<" + key + "," + value + ">"
}

// parquetLeafType names a leaf's type: its logical type when present, else
// its converted type, else its physical type.
func parquetLeafType(el *format.SchemaElement) string {
	switch lt := el.LogicalType.Value.(type) {
	case *format.StringType:
		return "string"
	case *format.EnumType:
		return "enum"
	case *format.JsonType:
		return "json"
	case *format.BsonType:
		return "bson"
	case *format.UUIDType:
		return "uuid"
	case *format.Float16Type:
		return "float16"
	case *format.DateType:
		return "date"
	case *format.NullType:
		return "null"
	case *format.VariantType:
		return "variant"
	case *format.GeometryType:
		return "geometry"
	case *format.GeographyType:
		return "geography"
	case *format.TimeType:
		return "time[" + parquetUnit(lt.Unit) + "]"
	case *format.TimestampType:
		return timestampType(parquetUnit(lt.Unit), lt.IsAdjustedToUTC)
	case *format.DecimalType:
		return decimalType(lt.Precision, lt.Scale)
	case *format.IntType:
		return intType(int(lt.BitWidth), lt.IsSigned)
	}
	if el.ConvertedType.Valid {
		switch el.ConvertedType.V {
		case deprecated.UTF8:
			return "string"
		case deprecated.Enum:
			return "enum"
		case deprecated.Json:
			return "json"
		case deprecated.Bson:
			return "bson"
		case deprecated.Date:
			return "date"
		case deprecated.Interval:
			return "interval"
		case deprecated.TimeMillis:
			return "time[ms]"
		case deprecated.TimeMicros:
			return "time[us]"
		case deprecated.TimestampMillis:
			return timestampType("ms", true)
		case deprecated.TimestampMicros:
			return timestampType("us", true)
		case deprecated.Decimal:
			return decimalType(el.Precision.V, el.Scale.V)
		case deprecated.Int8:
			return "int8"
		case deprecated.Int16:
			return "int16"
		case deprecated.Int32:
			return "int32"
		case deprecated.Int64:
			return "int64"
		case deprecated.Uint8:
			return "uint8"
		case deprecated.Uint16:
			return "uint16"
		case deprecated.Uint32:
			return "uint32"
		case deprecated.Uint64:
			return "uint64"
		}
	}
	switch el.Type.V {
	case format.Boolean:
		return "bool"
	case format.Int32:
		return "int32"
	case format.Int64:
		return "int64"
	case format.Int96:
		return "int96"
	case format.Float:
		return "float32"
	case format.Double:
		return "float64"
	case format.ByteArray:
		return "binary"
	case format.FixedLenByteArray:
		return fmt.Sprintf("fixed_size_binary[%d]", el.TypeLength.V)
	}
	return fmt.Sprintf("unknown(%d)", int(el.Type.V))
}

// parquetLeafColumnType is the typed counterpart of parquetLeafType.
func parquetLeafColumnType(el *format.SchemaElement) ColumnType {
	switch lt := el.LogicalType.Value.(type) {
	case *format.StringType, *format.EnumType, *format.JsonType:
		return ColumnType{Kind: KindString}
	case *format.BsonType, *format.GeometryType, *format.GeographyType, *format.VariantType:
		return ColumnType{Kind: KindBinary}
	case *format.UUIDType:
		return ColumnType{Kind: KindUUID}
	case *format.Float16Type:
		return ColumnType{Kind: KindFloat, Bits: 16}
	case *format.DateType:
		return ColumnType{Kind: KindDate}
	case *format.NullType:
		return ColumnType{Kind: KindNull}
	case *format.TimeType:
		return ColumnType{Kind: KindTime, Unit: parquetTimeUnit(lt.Unit), UTC: lt.IsAdjustedToUTC}
	case *format.TimestampType:
		return ColumnType{Kind: KindTimestamp, Unit: parquetTimeUnit(lt.Unit), UTC: lt.IsAdjustedToUTC}
	case *format.DecimalType:
		return ColumnType{Kind: KindDecimal, Precision: lt.Precision, Scale: lt.Scale}
	case *format.IntType:
		if lt.IsSigned {
			return ColumnType{Kind: KindInt, Bits: uint8(lt.BitWidth)}
		}
		return ColumnType{Kind: KindUint, Bits: uint8(lt.BitWidth)}
	}
	if el.ConvertedType.Valid {
		switch el.ConvertedType.V {
		case deprecated.UTF8, deprecated.Enum, deprecated.Json:
			return ColumnType{Kind: KindString}
		case deprecated.Bson:
			return ColumnType{Kind: KindBinary}
		case deprecated.Date:
			return ColumnType{Kind: KindDate}
		case deprecated.Interval:
			return ColumnType{Kind: KindInterval}
		case deprecated.TimeMillis:
			return ColumnType{Kind: KindTime, Unit: Milli, UTC: true}
		case deprecated.TimeMicros:
			return ColumnType{Kind: KindTime, Unit: Micro, UTC: true}
		case deprecated.TimestampMillis:
			return ColumnType{Kind: KindTimestamp, Unit: Milli, UTC: true}
		case deprecated.TimestampMicros:
			return ColumnType{Kind: KindTimestamp, Unit: Micro, UTC: true}
		case deprecated.Decimal:
			return ColumnType{Kind: KindDecimal, Precision: el.Precision.V, Scale: el.Scale.V}
		case deprecated.Int8:
			return ColumnType{Kind: KindInt, Bits: 8}
		case deprecated.Int16:
			return ColumnType{Kind: KindInt, Bits: 16}
		case deprecated.Int32:
			return ColumnType{Kind: KindInt, Bits: 32}
		case deprecated.Int64:
			return ColumnType{Kind: KindInt, Bits: 64}
		case deprecated.Uint8:
			return ColumnType{Kind: KindUint, Bits: 8}
		case deprecated.Uint16:
			return ColumnType{Kind: KindUint, Bits: 16}
		case deprecated.Uint32:
			return ColumnType{Kind: KindUint, Bits: 32}
		case deprecated.Uint64:
			return ColumnType{Kind: KindUint, Bits: 64}
		}
	}
	switch el.Type.V {
	case format.Boolean:
		return ColumnType{Kind: KindBool}
	case format.Int32:
		return ColumnType{Kind: KindInt, Bits: 32}
	case format.Int64:
		return ColumnType{Kind: KindInt, Bits: 64}
	case format.Int96:
		return ColumnType{Kind: KindTimestamp, Unit: Nano, UTC: true}
	case format.Float:
		return ColumnType{Kind: KindFloat, Bits: 32}
	case format.Double:
		return ColumnType{Kind: KindFloat, Bits: 64}
	case format.ByteArray, format.FixedLenByteArray:
		return ColumnType{Kind: KindBinary}
	}
	return ColumnType{Kind: KindNull}
}

func parquetTimeUnit(u format.TimeUnit) TimeUnit {
	switch u.Value.(type) {
	case *format.MilliSeconds:
		return Milli
	case *format.MicroSeconds:
		return Micro
	case *format.NanoSeconds:
		return Nano
	}
	return UnitNone
}

func parquetUnit(u format.TimeUnit) string {
	switch u.Value.(type) {
	case *format.MilliSeconds:
		return "ms"
	case *format.MicroSeconds:
		return "us"
	case *format.NanoSeconds:
		return "ns"
	}
	return "?"
}

// The type names shared by Parquet and Arrow columns.

func timestampType(unit string, utc bool) string {
	if utc {
		return "timestamp[" + unit + ", UTC]"
	}
	return "timestamp[" + unit + "]"
}

func decimalType(precision, scale int32) string {
	return fmt.Sprintf("decimal(%d,%d)", precision, scale)
}

func intType(bits int, signed bool) string {
	if signed {
		return fmt.Sprintf("int%d", bits)
	}
	return fmt.Sprintf("uint%d", bits)
}
