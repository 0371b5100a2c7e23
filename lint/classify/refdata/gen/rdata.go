package main

import (
	"bytes"
	"compress/bzip2"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
)

// readRDataFrame reads the character columns of the one data frame an R
// data file (.rda, saved by save()) holds: the file is compressed with
// bzip2 or gzip and serialised in R's XDR format, version 2 or 3 ("R
// Internals", section 1.8, Serialization formats). Only what such a file
// needs is read — a pairlist naming the object, a list of string vectors —
// and the frame's attributes after the columns are ignored.
func readRDataFrame(b []byte) ([][]string, error) {
	var r io.Reader
	switch {
	case bytes.HasPrefix(b, []byte("BZh")):
		r = bzip2.NewReader(bytes.NewReader(b))
	case bytes.HasPrefix(b, []byte{0x1f, 0x8b}):
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, err
		}
		r = zr
	default:
		r = bytes.NewReader(b)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	x := &xdr{b: data}
	var version int32
	switch {
	case bytes.HasPrefix(data, []byte("RDX2\nX\n")):
		version = 2
	case bytes.HasPrefix(data, []byte("RDX3\nX\n")):
		version = 3
	default:
		return nil, fmt.Errorf("not an R data file in XDR format")
	}
	x.pos = 7
	x.int() // format version
	x.int() // R version that wrote it
	x.int() // oldest R version that reads it
	if version == 3 {
		x.bytes(int(x.int())) // native encoding
	}
	// The saved objects: a pairlist whose tag is the object's name.
	if typ, _, tag := x.flags(); typ != sxpList || !tag {
		return nil, fmt.Errorf("want a tagged pairlist, got type %d", typ)
	}
	if typ, _, _ := x.flags(); typ != sxpSym {
		return nil, fmt.Errorf("want a symbol, got type %d", typ)
	}
	x.charsxp()
	typ, _, _ := x.flags()
	if typ != sxpVec {
		return nil, fmt.Errorf("want a list of columns, got type %d", typ)
	}
	cols := make([][]string, x.int())
	for i := range cols {
		if typ, _, _ := x.flags(); typ != sxpStr {
			return nil, fmt.Errorf("column %d: want strings, got type %d", i+1, typ)
		}
		col := make([]string, x.int())
		for j := range col {
			col[j] = x.charsxp()
		}
		cols[i] = col
	}
	return cols, x.err
}

// Serialised object types (SEXPTYPE) the reader knows.
const (
	sxpSym  = 1
	sxpList = 2
	sxpChar = 9
	sxpStr  = 16
	sxpVec  = 19
)

// xdr reads big-endian integers and byte strings, remembering the first
// error (a truncated file).
type xdr struct {
	b   []byte
	pos int
	err error
}

func (x *xdr) int() int32 {
	if x.err != nil || x.pos+4 > len(x.b) {
		x.fail()
		return 0
	}
	v := int32(binary.BigEndian.Uint32(x.b[x.pos:]))
	x.pos += 4
	return v
}

func (x *xdr) bytes(n int) []byte {
	if x.err != nil || n < 0 || x.pos+n > len(x.b) {
		x.fail()
		return nil
	}
	v := x.b[x.pos : x.pos+n]
	x.pos += n
	return v
}

func (x *xdr) fail() {
	if x.err == nil {
		x.err = fmt.Errorf("truncated at byte %d", x.pos)
	}
}

// flags reads an object's header: its type and whether attributes and a
// tag follow.
func (x *xdr) flags() (typ int, attr, tag bool) {
	f := x.int()
	return int(f & 0xff), f&(1<<9) != 0, f&(1<<10) != 0
}

// charsxp reads one string; NA reads as "". Latin-1 strings (encoding bit
// 2 of the level field) are decoded; others are taken as UTF-8 or ASCII.
func (x *xdr) charsxp() string {
	f := x.int()
	if f&0xff != sxpChar {
		if x.err == nil {
			x.err = fmt.Errorf("want a string at byte %d, got type %d", x.pos-4, f&0xff)
		}
		return ""
	}
	n := x.int()
	if n == -1 {
		return ""
	}
	b := x.bytes(int(n))
	if (f>>12)&4 != 0 {
		return latin1(b)
	}
	return string(b)
}
