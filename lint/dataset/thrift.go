package dataset

import (
	"errors"
	"fmt"
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

var errThriftEOF = errors.New("footer ends inside a value")

// thriftStructLen scans the thrift compact-protocol struct at the start of
// b without recursion and returns its length in bytes. It refuses nesting
// deeper than maxThriftDepth: parquet-go's thrift decoder skips unknown
// fields recursively, so a footer of a few megabytes of nested struct
// headers would otherwise overflow the stack, which no recover can catch.
func thriftStructLen(b []byte) (int, error) {
	type frame struct {
		kind      byte  // tStruct, tList (lists and sets) or tMap
		remaining int64 // elements left in a container
		elem      byte  // element type of a list; key type of a map
		value     byte  // value type of a map
		isKey     bool  // the next map element is a key
	}
	pos := 0
	varint := func() (uint64, error) {
		var v uint64
		for shift := 0; shift < 64; shift += 7 {
			if pos >= len(b) {
				return 0, errThriftEOF
			}
			c := b[pos]
			pos++
			v |= uint64(c&0x7f) << shift
			if c < 0x80 {
				return v, nil
			}
		}
		return 0, errors.New("varint too long in footer")
	}
	skip := func(n uint64) error {
		if n > uint64(len(b)-pos) {
			return errThriftEOF
		}
		pos += int(n)
		return nil
	}
	stack := []frame{{kind: tStruct}}
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		var t byte
		switch top.kind {
		case tStruct:
			if pos >= len(b) {
				return 0, errThriftEOF
			}
			h := b[pos]
			pos++
			if h == tStop {
				stack = stack[:len(stack)-1]
				continue
			}
			t = h & 0x0f
			if h>>4 == 0 { // the field id follows as a varint
				if _, err := varint(); err != nil {
					return 0, err
				}
			}
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
				return 0, err
			}
		case tI16, tI32, tI64:
			if _, err := varint(); err != nil {
				return 0, err
			}
		case tDouble:
			if err := skip(8); err != nil {
				return 0, err
			}
		case tUUID:
			if err := skip(16); err != nil {
				return 0, err
			}
		case tBinary:
			n, err := varint()
			if err != nil {
				return 0, err
			}
			if err := skip(n); err != nil {
				return 0, err
			}
		case tList, tSet:
			if pos >= len(b) {
				return 0, errThriftEOF
			}
			h := b[pos]
			pos++
			n := uint64(h >> 4)
			if n == 15 {
				var err error
				if n, err = varint(); err != nil {
					return 0, err
				}
			}
			if n > uint64(len(b)-pos) { // every element takes a byte at least
				return 0, errThriftEOF
			}
			push = &frame{kind: tList, remaining: int64(n), elem: h & 0x0f}
		case tMap:
			n, err := varint()
			if err != nil {
				return 0, err
			}
			if n > uint64(len(b)-pos) {
				return 0, errThriftEOF
			}
			f := frame{kind: tMap, remaining: int64(n), isKey: true}
			if n > 0 {
				if pos >= len(b) {
					return 0, errThriftEOF
				}
				f.elem, f.value = b[pos]>>4, b[pos]&0x0f
				pos++
			}
			push = &f
		case tStruct:
			push = &frame{kind: tStruct}
		default:
			return 0, fmt.Errorf("unknown thrift type %d in footer", t)
		}
		if push != nil {
			if len(stack) >= maxThriftDepth {
				return 0, fmt.Errorf("footer nested more than %d levels deep", maxThriftDepth)
			}
			stack = append(stack, *push)
		}
	}
	return pos, nil
}
