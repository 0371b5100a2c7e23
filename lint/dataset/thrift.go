package dataset

import (
	"errors"

	"github.com/saglig/saglig/internal/i18n"
)

// maxThriftDepth bounds the nesting of structs and containers in a Parquet
// footer. The deepest path in the format (FileMetaData → RowGroup →
// ColumnChunk → ColumnMetaData → GeospatialStatistics → BoundingBox, or a
// LogicalType → TimestampType → TimeUnit) is under 10 levels.
const maxThriftDepth = 32

// Thrift compact protocol types.
const (
	tStop   = 0
	tTrue   = 1
	tFalse  = 2
	tI8     = 3
	tI16    = 4
	tI32    = 5
	tI64    = 6
	tDouble = 7
	tBinary = 8
	tList   = 9
	tSet    = 10
	tMap    = 11
	tStruct = 12
	tUUID   = 13
)

// errThriftEOF is a thrift struct cut short.
var errThriftEOF = errors.New("a thrift struct cut short")

// Estimated Go sizes of decoded footer values, for footerScan.mem: a
// SchemaElement, a RowGroup, the largest struct of the format (ColumnChunk,
// which every other list of structs is taken to be), and any other list
// element (a string header, an integer).
const (
	sizeSchemaElement = 96
	sizeRowGroup      = 88
	sizeStruct        = 560
	sizeScalar        = 24
)

// Fields of FileMetaData that footerScan counts.
const (
	fieldSchema    = 2
	fieldRowGroups = 4
)

// thriftStruct names the structs of a Parquet footer that thriftScan tells
// apart: those on the way to a KeyValue.
type thriftStruct uint8

const (
	structOther thriftStruct = iota
	structFileMetaData
	structRowGroup
	structColumnChunk
	structColumnMetaData
	structKeyValue
)

// childStruct is the struct that field id of a parent struct holds, itself
// or as the elements of a list: FileMetaData.row_groups (4) and
// key_value_metadata (5), RowGroup.columns (1), ColumnChunk.meta_data (3),
// ColumnMetaData.key_value_metadata (8).
func childStruct(parent thriftStruct, id int64) thriftStruct {
	switch {
	case parent == structFileMetaData && id == fieldRowGroups:
		return structRowGroup
	case parent == structFileMetaData && id == 5, parent == structColumnMetaData && id == 8:
		return structKeyValue
	case parent == structRowGroup && id == 1:
		return structColumnChunk
	case parent == structColumnChunk && id == 3:
		return structColumnMetaData
	}
	return structOther
}

// emptyValue is the field a KeyValue without a value is given: field 2 (a
// long-form header: type binary, then the id as a zigzag varint) holding
// an empty string.
var emptyValue = []byte{tBinary, 2 << 1, 0}

// footerScan is what thriftScan learns of a thrift struct (a Parquet
// FileMetaData) before it is decoded.
type footerScan struct {
	// n is the struct's length in bytes.
	n int
	// mem estimates, from above, what decoding it allocates: every list
	// element at the Go size of its type, and every string and binary.
	mem int64
	// schemaElements and rowGroups are the lengths of the root struct's
	// fields 2 and 4 (FileMetaData.schema and row_groups).
	schemaElements, rowGroups int64
	// valueless counts the key-value pairs of a footer (the file's and
	// each column chunk's key_value_metadata) that have a key and no
	// value: the format allows it (KeyValue.value is optional), and
	// parquet-go's decoder refuses it (docs/upstream.md). A pair takes 3
	// bytes at least, so repairing them at most doubles the footer.
	valueless int
}

// thriftStructLen returns the length of the thrift struct at the start of
// b (see thriftScan); what names it in errors (thriftFooter,
// thriftPageHeader).
func thriftStructLen(b []byte, what i18n.Msg) (int, error) {
	s, err := thriftScan(b, what, structOther, nil)
	return s.n, err
}

// thriftScan scans the thrift compact-protocol struct at the start of b,
// a root (structFileMetaData for a footer, structOther for anything else),
// without recursion. It refuses nesting deeper than maxThriftDepth:
// parquet-go's thrift decoder skips unknown fields recursively, so a footer
// of a few megabytes of nested struct headers would otherwise overflow the
// stack, which no recover can catch. It also estimates the memory the
// decoded struct takes, because a list of empty structs costs one byte a
// struct in the file but hundreds in memory.
//
// With fix non-nil, it also appends to *fix the struct repaired for
// parquet-go's decoder: each KeyValue without a value given an empty one
// (footerScan.valueless), the rest unchanged.
func thriftScan(b []byte, what i18n.Msg, root thriftStruct, fix *[]byte) (footerScan, error) {
	type frame struct {
		kind      byte         // tStruct, tList (lists and sets) or tMap
		st        thriftStruct // a struct's kind; the kind of a list's struct elements
		remaining int64        // elements left in a container
		elem      byte         // element type of a list; key type of a map
		value     byte         // value type of a map
		isKey     bool         // the next map element is a key
		hasKey    bool         // a KeyValue's field 1 was seen
		hasValue  bool         // a KeyValue's field 2 was seen
		lastID    int64        // the last field id of a struct
	}
	var out footerScan
	pos := 0
	copied := 0 // b[:copied] is in *fix
	varint := func() (uint64, error) {
		var v uint64
		for shift := 0; shift < 64; shift += 7 {
			if pos >= len(b) {
				return 0, thriftEOF(what)
			}
			c := b[pos]
			pos++
			v |= uint64(c&0x7f) << shift
			if c < 0x80 {
				return v, nil
			}
		}
		return 0, i18n.Errorf("a varint too long in %s", what)
	}
	skip := func(n uint64) error {
		if n > uint64(len(b)-pos) {
			return thriftEOF(what)
		}
		pos += int(n)
		return nil
	}
	stack := []frame{{kind: tStruct, st: root}}
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		var (
			t     byte
			field int64 = -1          // the field id, for a field of the root struct
			child       = structOther // the struct kind of the value that follows
		)
		switch top.kind {
		case tStruct:
			if pos >= len(b) {
				return out, thriftEOF(what)
			}
			h := b[pos]
			pos++
			if h == tStop {
				if top.st == structKeyValue && top.hasKey && !top.hasValue {
					out.valueless++
					if fix != nil {
						*fix = append(append(*fix, b[copied:pos-1]...), emptyValue...)
						copied = pos - 1
					}
				}
				stack = stack[:len(stack)-1]
				continue
			}
			t = h & 0x0f
			if delta := int64(h >> 4); delta != 0 {
				top.lastID += delta
			} else { // the field id follows as a zigzag varint
				v, err := varint()
				if err != nil {
					return out, err
				}
				top.lastID = int64(v>>1) ^ -int64(v&1)
			}
			if len(stack) == 1 {
				field = top.lastID
			}
			if top.st == structKeyValue {
				top.hasKey = top.hasKey || top.lastID == 1
				top.hasValue = top.hasValue || top.lastID == 2
			}
			child = childStruct(top.st, top.lastID)
			if t == tTrue || t == tFalse { // a bool field's value is its type
				continue
			}
		case tList:
			if top.remaining == 0 {
				stack = stack[:len(stack)-1]
				continue
			}
			top.remaining--
			t = top.elem
			child = top.st
		case tMap:
			if top.remaining == 0 {
				stack = stack[:len(stack)-1]
				continue
			}
			if top.isKey {
				t = top.elem
			} else {
				t = top.value
				top.remaining--
			}
			top.isKey = !top.isKey
		}
		var push *frame
		switch t {
		case tTrue, tFalse, tI8:
			if err := skip(1); err != nil {
				return out, err
			}
		case tI16, tI32, tI64:
			if _, err := varint(); err != nil {
				return out, err
			}
		case tDouble:
			if err := skip(8); err != nil {
				return out, err
			}
		case tUUID:
			if err := skip(16); err != nil {
				return out, err
			}
		case tBinary:
			n, err := varint()
			if err != nil {
				return out, err
			}
			if err := skip(n); err != nil {
				return out, err
			}
			out.mem += int64(n)
		case tList, tSet:
			if pos >= len(b) {
				return out, thriftEOF(what)
			}
			h := b[pos]
			pos++
			n := uint64(h >> 4)
			if n == 15 {
				var err error
				if n, err = varint(); err != nil {
					return out, err
				}
			}
			if n > uint64(len(b)-pos) { // every element takes a byte at least
				return out, thriftEOF(what)
			}
			elem := h & 0x0f
			size := int64(sizeScalar)
			if elem == tStruct {
				switch field {
				case fieldSchema:
					size = sizeSchemaElement
				case fieldRowGroups:
					size = sizeRowGroup
				default:
					size = sizeStruct
				}
			}
			switch field {
			case fieldSchema:
				out.schemaElements = int64(n)
			case fieldRowGroups:
				out.rowGroups = int64(n)
			}
			out.mem += int64(n) * size
			push = &frame{kind: tList, st: child, remaining: int64(n), elem: elem}
		case tMap:
			n, err := varint()
			if err != nil {
				return out, err
			}
			if n > uint64(len(b)-pos) {
				return out, thriftEOF(what)
			}
			f := frame{kind: tMap, remaining: int64(n), isKey: true}
			if n > 0 {
				if pos >= len(b) {
					return out, thriftEOF(what)
				}
				f.elem, f.value = b[pos]>>4, b[pos]&0x0f
				pos++
			}
			out.mem += int64(n) * 2 * sizeStruct
			push = &f
		case tStruct:
			push = &frame{kind: tStruct, st: child}
		default:
			return out, i18n.Errorf("unknown thrift type %d in %s", int(t), what)
		}
		if push != nil {
			if len(stack) >= maxThriftDepth {
				return out, i18n.Errorf("%s is nested more than %d levels deep", what, maxThriftDepth)
			}
			stack = append(stack, *push)
		}
	}
	out.n = pos
	if fix != nil {
		*fix = append(*fix, b[copied:pos]...)
	}
	return out, nil
}

// What a thrift struct is, as errors name it.
var (
	thriftFooter     = i18n.M("the footer")
	thriftPageHeader = i18n.M("the page header")
)

// thriftEOF names what a struct cut short was.
func thriftEOF(what i18n.Msg) error {
	return i18n.Because(errThriftEOF, "%s ends inside a value", what)
}
