package dataset

import (
	"github.com/parquet-go/parquet-go/deprecated"
	"github.com/parquet-go/parquet-go/format"
	"github.com/saglig/saglig/internal/i18n"
)

// pnode is a node of a Parquet schema tree.
type pnode struct {
	el   *format.SchemaElement
	kids []*pnode
}

// parquetTree rebuilds the schema tree from its depth-first list, nested
// at most maxDepth levels deep.
func parquetTree(s []format.SchemaElement, maxDepth int) (*pnode, error) {
	if len(s) == 0 {
		return nil, i18n.Errorf("no root element")
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
			return nil, i18n.Errorf("group %q claims %d children but %d elements are left", n.el.Name, k, len(s)-i)
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
		return nil, i18n.Errorf("%d elements after the root group", len(s)-i)
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

// parquetLeafColumnType is the typed counterpart of parquetLeafType.
func parquetLeafColumnType(el *format.SchemaElement) ColumnType {
	switch lt := logicalType(el).(type) {
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
	if isInterval(el) {
		return ColumnType{Kind: KindInterval}
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

// logicalType is a leaf's logical type: its own, else the one its
// converted type stands for (parquet.thrift gives each ConvertedType its
// LogicalType; the integer ones are numbered by width, UINT_8 = 11 to
// UINT_64 = 14 and INT_8 = 15 to INT_64 = 18), else nil. INTERVAL has
// none (isInterval).
func logicalType(el *format.SchemaElement) format.LogicalTypeValue {
	if lt := el.LogicalType.Value; lt != nil || !el.ConvertedType.Valid {
		return lt
	}
	unit := func(u format.TimeUnitValue) format.TimeUnit { return format.TimeUnit{Value: u} }
	switch c := el.ConvertedType.V; c {
	case deprecated.UTF8:
		return &format.StringType{}
	case deprecated.Enum:
		return &format.EnumType{}
	case deprecated.Json:
		return &format.JsonType{}
	case deprecated.Bson:
		return &format.BsonType{}
	case deprecated.Date:
		return &format.DateType{}
	case deprecated.TimeMillis:
		return &format.TimeType{IsAdjustedToUTC: true, Unit: unit(&format.MilliSeconds{})}
	case deprecated.TimeMicros:
		return &format.TimeType{IsAdjustedToUTC: true, Unit: unit(&format.MicroSeconds{})}
	case deprecated.TimestampMillis:
		return &format.TimestampType{IsAdjustedToUTC: true, Unit: unit(&format.MilliSeconds{})}
	case deprecated.TimestampMicros:
		return &format.TimestampType{IsAdjustedToUTC: true, Unit: unit(&format.MicroSeconds{})}
	case deprecated.Decimal:
		return &format.DecimalType{Precision: el.Precision.V, Scale: el.Scale.V}
	case deprecated.Uint8, deprecated.Uint16, deprecated.Uint32, deprecated.Uint64:
		return &format.IntType{BitWidth: 8 << (c - deprecated.Uint8)}
	case deprecated.Int8, deprecated.Int16, deprecated.Int32, deprecated.Int64:
		return &format.IntType{BitWidth: 8 << (c - deprecated.Int8), IsSigned: true}
	}
	return nil
}

// isInterval is a leaf of the INTERVAL converted type, which has no
// logical type.
func isInterval(el *format.SchemaElement) bool {
	return el.LogicalType.Value == nil && el.ConvertedType.Valid && el.ConvertedType.V == deprecated.Interval
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
