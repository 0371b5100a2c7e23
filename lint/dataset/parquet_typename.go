package dataset

import (
	"fmt"
	"strings"

	"github.com/parquet-go/parquet-go/format"
)

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
	switch lt := logicalType(el).(type) {
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
	if isInterval(el) {
		return "interval"
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
