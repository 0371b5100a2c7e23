package testfiles

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
)

// arrowCases damage Arrow IPC files and streams: flipped bytes in the
// footer and the schema, wild footer lengths, compressed buffers that
// claim to decompress to terabytes, a deep schema, a wide one and
// dictionary indices out of range.
func (s *suite) arrowCases(af, as []byte) {
	n := int(int32(binary.LittleEndian.Uint32(af[len(af)-10:])))
	for i := len(af) - 10 - n; i < len(af); i++ {
		bad := bytes.Clone(af)
		bad[i] ^= 0xFF
		s.add("arrow-file/footer-flip-"+strconv.Itoa(i), ".arrow", Open, "", true, bad, nil)
	}
	long := bytes.Clone(af)
	binary.LittleEndian.PutUint32(long[len(long)-10:], 1<<30)
	s.add("arrow-file/footer-length-1GiB", ".arrow", Open, "exceeds file size", false, long, nil)
	schemaLen := int(int32(binary.LittleEndian.Uint32(as[4:])))
	for i := 0; i < 8+schemaLen; i++ {
		bad := bytes.Clone(as)
		bad[i] ^= 0xFF
		s.add("arrow-stream/schema-flip-"+strconv.Itoa(i), ".arrows", Open, "", true, bad, nil)
	}
	for _, comp := range []struct {
		name  string
		opt   ipc.Option
		magic []byte
	}{{"zstd", ipc.WithZstd(), []byte{0x28, 0xB5, 0x2F, 0xFD}}, {"lz4", ipc.WithLZ4(), []byte{0x04, 0x22, 0x4D, 0x18}}} {
		for _, stream := range []bool{false, true} {
			data, err := baseArrow(stream, comp.opt)
			if err != nil {
				s.err = err
				return
			}
			kind, ext := "arrow-file", ".arrow"
			if stream {
				kind, ext = "arrow-stream", ".arrows"
			}
			s.add(kind+"/"+comp.name+"-buffer-1TiB", ext, Open, "--max-page-size", false, compressedPrefix(data, comp.magic, 1<<40), nil)
			s.add(kind+"/"+comp.name+"-buffer-ratio", ext, Open, "--max-decompression-ratio", false, compressedPrefix(data, comp.magic, 200<<20), nil)
			s.add(kind+"/"+comp.name+"-buffer-negative", ext, Open, "invalid uncompressed size", false, compressedPrefix(data, comp.magic, -7), nil)
			if comp.name == "zstd" {
				// Frames that declare a window of 512 MiB, which a
				// streaming decoder allocates up front.
				data, err := zstdHugeWindow(data)
				s.add(kind+"/zstd-window-512MiB", ext, Open, "declares a window of 512 MiB", false, data, err)
			}
		}
	}

	deepType := arrow.DataType(arrow.PrimitiveTypes.Int64)
	for i := range 70 {
		deepType = arrow.StructOf(arrow.Field{Name: "s" + strconv.Itoa(i), Type: deepType})
	}
	wideFields := make([]arrow.Field, 10000)
	for i := range wideFields {
		wideFields[i] = arrow.Field{Name: "c" + strconv.Itoa(i), Type: arrow.PrimitiveTypes.Int8}
	}
	schemas := []struct {
		name, want string
		schema     *arrow.Schema
	}{
		{"deep-schema", "nested more than", arrow.NewSchema([]arrow.Field{{Name: "deep", Type: deepType}}, nil)},
		{"10000-columns", "--max-columns", arrow.NewSchema(wideFields, nil)},
	}
	for _, sc := range schemas {
		for _, stream := range []bool{false, true} {
			data, err := emptyArrow(sc.schema, stream)
			kind, ext := "arrow-file", ".arrow"
			if stream {
				kind, ext = "arrow-stream", ".arrows"
			}
			s.add(kind+"/"+sc.name, ext, Open, sc.want, false, data, err)
		}
	}
	for _, stream := range []bool{false, true} {
		data, err := badDictionary(stream)
		kind, ext := "arrow-file", ".arrow"
		if stream {
			kind, ext = "arrow-stream", ".arrows"
		}
		s.add(kind+"/dictionary-index-out-of-range", ext, Scan, "", false, data, err)
	}
}

// compressedPrefix sets the declared uncompressed length of every
// compressed buffer of an Arrow IPC file or stream to n: each buffer is
// its length, then a frame starting with magic.
func compressedPrefix(data, magic []byte, n int64) []byte {
	out := bytes.Clone(data)
	for i := 8; i+4 <= len(out); i++ {
		if bytes.Equal(out[i:i+4], magic) {
			binary.LittleEndian.PutUint64(out[i-8:], uint64(n))
		}
	}
	return out
}

// zstdHugeWindow sets the window descriptor of every zstd frame of an
// Arrow IPC file or stream written by arrow-go (frames with a window
// descriptor, not single-segment) to declare a 512 MiB window.
func zstdHugeWindow(data []byte) ([]byte, error) {
	out := bytes.Clone(data)
	magic := []byte{0x28, 0xB5, 0x2F, 0xFD}
	n := 0
	for i := 8; i+6 <= len(out); i++ {
		if !bytes.Equal(out[i:i+4], magic) || out[i+4]&(1<<5) != 0 {
			continue
		}
		out[i+5] = (29 - 10) << 3 // a window of 2^29 bytes
		n++
	}
	if n == 0 {
		return nil, fmt.Errorf("no zstd frame with a window descriptor")
	}
	return out, nil
}

// emptyArrow writes an Arrow IPC file or stream of schema with no batch.
func emptyArrow(schema *arrow.Schema, stream bool) ([]byte, error) {
	var buf bytes.Buffer
	if stream {
		w := ipc.NewWriter(&buf, ipc.WithSchema(schema))
		err := w.Close()
		return buf.Bytes(), err
	}
	w, err := ipc.NewFileWriter(&buf, ipc.WithSchema(schema))
	if err != nil {
		return nil, err
	}
	err = w.Close()
	return buf.Bytes(), err
}

// badDictionary writes a dictionary-encoded column whose indices point
// past its dictionary of three values.
func badDictionary(stream bool) ([]byte, error) {
	dt := &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int16, ValueType: arrow.BinaryTypes.String}
	schema := arrow.NewSchema([]arrow.Field{{Name: "s", Type: dt}}, nil)
	ib := array.NewInt16Builder(mem)
	defer ib.Release()
	ib.AppendValues([]int16{0, 1, 2, 7, 30000, 1}, nil)
	idx := ib.NewArray()
	defer idx.Release()
	vb := array.NewStringBuilder(mem)
	defer vb.Release()
	vb.AppendValues([]string{"a", "b", "c"}, nil)
	dict := vb.NewArray()
	defer dict.Release()
	col := array.NewDictionaryArray(dt, idx, dict)
	defer col.Release()
	rec := array.NewRecordBatch(schema, []arrow.Array{col}, int64(col.Len()))
	defer rec.Release()
	var buf bytes.Buffer
	if stream {
		w := ipc.NewWriter(&buf, ipc.WithSchema(schema))
		if err := w.Write(rec); err != nil {
			return nil, err
		}
		err := w.Close()
		return buf.Bytes(), err
	}
	w, err := ipc.NewFileWriter(&buf, ipc.WithSchema(schema))
	if err != nil {
		return nil, err
	}
	if err := w.Write(rec); err != nil {
		return nil, err
	}
	err = w.Close()
	return buf.Bytes(), err
}
