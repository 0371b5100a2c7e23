package dataset

import (
	"fmt"
	"slices"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
)

// arrowSchema fills the columns and metadata of file from an Arrow schema.
func arrowSchema(s *arrow.Schema, file File) File {
	for i, f := range s.Fields() {
		arrowLeaves(f, "", false, []int{i}, &file.Columns)
	}
	if md := s.Metadata(); md.Len() > 0 {
		file.Metadata = make(map[string]string, md.Len())
		keys, values := md.Keys(), md.Values()
		for i, k := range keys {
			if _, dup := file.Metadata[k]; !dup {
				file.Metadata[k] = values[i]
			}
		}
	}
	return file
}

// arrowLeaves appends the columns of field f, at field index path at: a
// struct is walked into (dotted paths), any other type is one column. A
// column is nullable when it or any struct above it is.
func arrowLeaves(f arrow.Field, prefix string, nullable bool, at []int, out *[]Column) {
	path := f.Name
	if prefix != "" {
		path = prefix + "." + f.Name
	}
	null := nullable || f.Nullable
	if st, ok := f.Type.(*arrow.StructType); ok && len(at) <= arrowMaxDepth {
		for i, c := range st.Fields() {
			arrowLeaves(c, path, null, append(slices.Clone(at), i), out)
		}
		return
	}
	*out = append(*out, Column{Path: path, Type: arrowFieldType(f, 0), ColumnType: arrowFieldColumnType(f, 0),
		Nullable: null, Loc: Location{Leaf: -1, Fields: at}})
}

// arrowFieldColumnType is the typed type of a field, honouring an
// extension type that arrow-go did not register.
func arrowFieldColumnType(f arrow.Field, depth int) ColumnType {
	if ext, ok := unregisteredExtension(f); ok {
		return ext.typ
	}
	return arrowColumnType(f.Type, depth)
}

// arrowColumnType is the typed counterpart of arrowType: the kind of the
// values the scan reads (of a list's elements, a map's keys, a struct in
// a list its first field).
func arrowColumnType(dt arrow.DataType, depth int) ColumnType {
	if depth > arrowMaxDepth {
		return ColumnType{Kind: KindNull}
	}
	switch t := dt.(type) {
	case arrow.ExtensionType:
		if ext, ok := extensions[t.ExtensionName()]; ok {
			return ext.typ
		}
		return arrowColumnType(t.StorageType(), depth+1)
	case *arrow.DictionaryType:
		return arrowColumnType(t.ValueType, depth+1)
	case *arrow.RunEndEncodedType:
		return arrowColumnType(t.Encoded(), depth+1)
	case *arrow.TimestampType:
		return ColumnType{Kind: KindTimestamp, Unit: arrowUnit(t.Unit), UTC: strings.HasSuffix(arrowTimestamp(t), ", UTC]")}
	case *arrow.Time32Type:
		return ColumnType{Kind: KindTime, Unit: arrowUnit(t.Unit)}
	case *arrow.Time64Type:
		return ColumnType{Kind: KindTime, Unit: arrowUnit(t.Unit)}
	case *arrow.DurationType:
		return ColumnType{Kind: KindDuration, Unit: arrowUnit(t.Unit), Bits: 64}
	case arrow.DecimalType:
		return ColumnType{Kind: KindDecimal, Precision: t.GetPrecision(), Scale: t.GetScale()}
	case *arrow.MapType:
		ct := arrowFieldColumnType(t.KeyField(), depth+1)
		ct.Shape = Map
		return ct
	case arrow.ListLikeType:
		ct := arrowFieldColumnType(t.ElemField(), depth+1)
		ct.Shape = max(ct.Shape, List)
		return ct
	case *arrow.StructType:
		// Inside a list or map: its first field.
		if t.NumFields() == 0 {
			return ColumnType{Kind: KindNull}
		}
		return arrowFieldColumnType(t.Field(0), depth+1)
	case arrow.UnionType:
		return ColumnType{Kind: KindNull, Shape: Union}
	case arrow.FixedWidthDataType:
		switch dt.ID() {
		case arrow.BOOL:
			return ColumnType{Kind: KindBool}
		case arrow.INT8, arrow.INT16, arrow.INT32, arrow.INT64:
			return ColumnType{Kind: KindInt, Bits: uint8(t.BitWidth())}
		case arrow.UINT8, arrow.UINT16, arrow.UINT32, arrow.UINT64:
			return ColumnType{Kind: KindUint, Bits: uint8(t.BitWidth())}
		case arrow.FLOAT16, arrow.FLOAT32, arrow.FLOAT64:
			return ColumnType{Kind: KindFloat, Bits: uint8(t.BitWidth())}
		case arrow.DATE32, arrow.DATE64:
			return ColumnType{Kind: KindDate}
		case arrow.FIXED_SIZE_BINARY:
			return ColumnType{Kind: KindBinary}
		case arrow.INTERVAL_MONTHS, arrow.INTERVAL_DAY_TIME, arrow.INTERVAL_MONTH_DAY_NANO:
			return ColumnType{Kind: KindInterval}
		}
	}
	switch dt.ID() {
	case arrow.STRING, arrow.LARGE_STRING, arrow.STRING_VIEW:
		return ColumnType{Kind: KindString}
	case arrow.BINARY, arrow.LARGE_BINARY, arrow.BINARY_VIEW:
		return ColumnType{Kind: KindBinary}
	}
	return ColumnType{Kind: KindNull}
}

func arrowUnit(u arrow.TimeUnit) TimeUnit {
	switch u {
	case arrow.Second:
		return Second
	case arrow.Millisecond:
		return Milli
	case arrow.Nanosecond:
		return Nano
	}
	return Micro
}

// arrowFieldType names a field's type, honouring an extension type that
// arrow-go did not register (known from the field's metadata only).
func arrowFieldType(f arrow.Field, depth int) string {
	if ext, ok := unregisteredExtension(f); ok {
		return ext.name
	}
	return arrowType(f.Type, depth)
}

// unregisteredExtension is the known extension type a field has by its
// metadata only, arrow-go having read its storage type.
func unregisteredExtension(f arrow.Field) (extension, bool) {
	if _, ok := f.Type.(arrow.ExtensionType); ok {
		return extension{}, false
	}
	name, ok := f.Metadata.GetValue("ARROW:extension:name")
	if !ok {
		return extension{}, false
	}
	ext, ok := extensions[name]
	return ext, ok
}

// extension is how saglig names and types a canonical Arrow extension.
type extension struct {
	name string
	typ  ColumnType
}

// extensions are the canonical Arrow extension types saglig knows.
var extensions = map[string]extension{
	"arrow.uuid":            {"uuid", ColumnType{Kind: KindUUID}},
	"arrow.json":            {"json", ColumnType{Kind: KindString}},
	"arrow.bool8":           {"bool", ColumnType{Kind: KindBool}},
	"arrow.parquet.variant": {"variant", ColumnType{Kind: KindBinary, Shape: Variant}},
	"parquet.variant":       {"variant", ColumnType{Kind: KindBinary, Shape: Variant}},
}

// arrowType names an Arrow type in saglig's vocabulary, shared with Parquet
// columns: utf8 → string, date32 → date, timestamp[us, tz=UTC] →
// timestamp[us, UTC], a dictionary → its value type, and so on. Types with
// no obvious counterpart keep arrow-go's name.
func arrowType(dt arrow.DataType, depth int) string {
	if depth > arrowMaxDepth {
		return dt.String()
	}
	switch t := dt.(type) {
	case arrow.ExtensionType:
		if ext, ok := extensions[t.ExtensionName()]; ok {
			return ext.name
		}
		return "extension<" + t.ExtensionName() + ">"
	case *arrow.DictionaryType:
		return arrowType(t.ValueType, depth+1)
	case *arrow.RunEndEncodedType:
		return arrowType(t.Encoded(), depth+1)
	case *arrow.TimestampType:
		return arrowTimestamp(t)
	case *arrow.Time32Type:
		return "time[" + t.Unit.String() + "]"
	case *arrow.Time64Type:
		return "time[" + t.Unit.String() + "]"
	case *arrow.DurationType:
		return "duration[" + t.Unit.String() + "]"
	case arrow.DecimalType:
		return decimalType(t.GetPrecision(), t.GetScale())
	case *arrow.FixedSizeBinaryType:
		return fmt.Sprintf("fixed_size_binary[%d]", t.ByteWidth)
	case *arrow.MapType:
		return "map<" + arrowFieldType(t.KeyField(), depth+1) + "," + arrowFieldType(t.ItemField(), depth+1) + ">"
	case *arrow.FixedSizeListType:
		return fmt.Sprintf("fixed_size_list<%s>[%d]", arrowFieldType(t.ElemField(), depth+1), t.Len())
	case arrow.ListLikeType:
		return "list<" + arrowFieldType(t.ElemField(), depth+1) + ">"
	case *arrow.StructType:
		var b strings.Builder
		b.WriteString("struct<")
		for i, f := range t.Fields() {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(f.Name)
			b.WriteByte(':')
			b.WriteString(arrowFieldType(f, depth+1))
		}
		b.WriteByte('>')
		return b.String()
	}
	switch dt.ID() {
	case arrow.BOOL:
		return "bool"
	case arrow.STRING, arrow.LARGE_STRING, arrow.STRING_VIEW:
		return "string"
	case arrow.BINARY, arrow.LARGE_BINARY, arrow.BINARY_VIEW:
		return "binary"
	case arrow.DATE32, arrow.DATE64:
		return "date"
	case arrow.INTERVAL_MONTHS, arrow.INTERVAL_DAY_TIME, arrow.INTERVAL_MONTH_DAY_NANO:
		return "interval"
	}
	return dt.String()
}

// arrowTimestamp names a timestamp; any UTC spelling of the zone reads UTC,
// as a Parquet timestamp adjusted to UTC does.
func arrowTimestamp(t *arrow.TimestampType) string {
	switch strings.ToUpper(t.TimeZone) {
	case "":
		return timestampType(t.Unit.String(), false)
	case "UTC", "ETC/UTC", "Z", "+00:00", "00:00", "GMT", "ETC/GMT":
		return timestampType(t.Unit.String(), true)
	}
	return "timestamp[" + t.Unit.String() + ", " + t.TimeZone + "]"
}
