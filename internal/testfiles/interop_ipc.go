package testfiles

import (
	"bytes"
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
)

// arrowIPCCells writes each Arrow cell as an IPC file and as a stream,
// uncompressed and compressed with LZ4 and zstd, and streams whose
// dictionaries change between batches.
func arrowIPCCells(dir string) ([]Interop, error) {
	uj, err := uuidJSONArrowCell()
	if err != nil {
		return nil, err
	}
	base := []arrowCell{basicArrowCell("types", ""), numbersArrowCell(), stringsArrowCell(), decimalArrowCell(),
		timesArrowCell("timestamp[us, Europe/Copenhagen]"), float16ArrowCell(), uj,
		dictionaryArrowCell(), listArrowCell(), mapArrowCell(), structArrowCell()}
	for i := range base {
		base[i].cols = append([]Col(nil), base[i].cols...)
		for j := range base[i].cols {
			base[i].cols[j].Codec = ""
		}
	}
	compressions := []struct {
		name, feature string
		opt           []ipc.Option
	}{{"", "", nil}, {" lz4", FArrowLZ4, []ipc.Option{ipc.WithLZ4()}}, {" zstd", FArrowZstd, []ipc.Option{ipc.WithZstd()}}}
	var out []Interop
	for _, c := range base {
		for _, comp := range compressions {
			if comp.name != "" && c.feature != "types" && c.feature != "dictionary" {
				continue // compression is tested on plain and dictionary columns
			}
			for _, kind := range []string{"file", "stream"} {
				feature := kind + " " + c.feature + comp.name
				ext := ".arrow"
				covers := append([]string{FArrowFile}, c.covers...)
				if kind == "stream" {
					ext = ".arrows"
					covers[0] = FArrowStream
				}
				if comp.feature != "" {
					covers = append(covers, comp.feature)
				}
				p := cellPath(dir, ArrowIPC, feature, ext)
				if err := writeIPC(p, kind == "stream", c, comp.opt...); err != nil {
					return nil, fmt.Errorf("%s/%s: %w", ArrowIPC, feature, err)
				}
				out = append(out, Interop{Writer: ArrowIPC, Feature: feature, Path: p, Rows: InteropRows, Covers: covers, Columns: c.cols})
			}
		}
	}
	for _, delta := range []bool{true, false} {
		feature := "stream dictionary replacement"
		if delta {
			feature = "stream dictionary delta"
		}
		p := cellPath(dir, ArrowIPC, feature, ".arrows")
		cols, err := writeIPCDictionaries(p, delta)
		if err != nil {
			return nil, fmt.Errorf("%s/%s: %w", ArrowIPC, feature, err)
		}
		out = append(out, Interop{Writer: ArrowIPC, Feature: feature, Path: p, Rows: InteropRows,
			Covers: []string{FArrowStream, FArrowDictionary, FArrowDictionaryDelta}, Columns: cols})
	}
	return out, nil
}

func writeIPC(path string, stream bool, c arrowCell, opts ...ipc.Option) error {
	rec := c.record()
	defer rec.Release()
	// Two batches, so that a dictionary is carried across batches.
	half := int64(c.numRows() / 2)
	first, second := rec.NewSlice(0, half), rec.NewSlice(half, int64(c.numRows()))
	defer first.Release()
	defer second.Release()
	return writeIPCBatches(path, stream, c.schema, []arrow.RecordBatch{first, second}, opts...)
}

func writeIPCBatches(path string, stream bool, schema *arrow.Schema, batches []arrow.RecordBatch, opts ...ipc.Option) error {
	data, err := ipcBytes(stream, schema, batches, opts...)
	if err != nil {
		return err
	}
	return writeFile(path, data)
}

// ipcBytes is batches of schema written as an Arrow IPC stream (stream)
// or file.
func ipcBytes(stream bool, schema *arrow.Schema, batches []arrow.RecordBatch, opts ...ipc.Option) ([]byte, error) {
	opts = append([]ipc.Option{ipc.WithSchema(schema), ipc.WithAllocator(mem)}, opts...)
	var buf bytes.Buffer
	var w interface {
		Write(arrow.RecordBatch) error
		Close() error
	}
	if stream {
		w = ipc.NewWriter(&buf, opts...)
	} else {
		fw, err := ipc.NewFileWriter(&buf, opts...)
		if err != nil {
			return nil, err
		}
		w = fw
	}
	for _, r := range batches {
		if err := w.Write(r); err != nil {
			return nil, err
		}
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// dictWord is the dictionary entry k of the changing-dictionary cells.
func dictWord(k int) string { return fmt.Sprintf("word-%02d", k) }

// writeIPCDictionaries writes a stream of two batches of InteropRows/2
// rows whose dictionary column s changes: the second batch's dictionary
// extends the first's, written as a delta (delta) or replaces it with
// other words, written whole. Row i of the first batch is dictWord(i%5);
// of the second, dictWord(5+i%5) (a delta) or "other-"+dictWord(i%5).
func writeIPCDictionaries(path string, delta bool) ([]Col, error) {
	dt := &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int8, ValueType: arrow.BinaryTypes.String}
	schema := arrow.NewSchema([]arrow.Field{idField, {Name: "s", Type: dt, Nullable: true}}, nil)
	half := InteropRows / 2
	word := func(i int) string {
		switch {
		case i < half:
			return dictWord(i % 5)
		case delta:
			return dictWord(5 + i%5)
		}
		return "other-" + dictWord(i%5)
	}
	var batches []arrow.RecordBatch
	defer func() {
		for _, b := range batches {
			b.Release()
		}
	}()
	for part := range 2 {
		var dict []string
		for k := range 5 {
			dict = append(dict, dictWord(k))
		}
		switch {
		case part == 1 && delta:
			for k := 5; k < 10; k++ {
				dict = append(dict, dictWord(k))
			}
		case part == 1:
			for k := range dict {
				dict[k] = "other-" + dict[k]
			}
		}
		db := array.NewStringBuilder(mem)
		db.AppendValues(dict, nil)
		dictArr := db.NewArray()
		db.Release()
		ids := array.NewInt64Builder(mem)
		idx := array.NewInt8Builder(mem)
		for i := part * half; i < (part+1)*half; i++ {
			ids.Append(int64(i))
			if null(i) {
				idx.AppendNull()
				continue
			}
			k := i % 5
			if part == 1 && delta {
				k += 5
			}
			idx.Append(int8(k))
		}
		idArr, idxArr := ids.NewArray(), idx.NewArray()
		ids.Release()
		idx.Release()
		s := array.NewDictionaryArray(dt, idxArr, dictArr)
		batches = append(batches, array.NewRecordBatch(schema, []arrow.Array{idArr, s}, int64(half)))
		idArr.Release()
		idxArr.Release()
		dictArr.Release()
		s.Release()
	}
	opts := []ipc.Option{}
	if delta {
		opts = append(opts, ipc.WithDictionaryDeltas(true))
	}
	if err := writeIPCBatches(path, true, schema, batches, opts...); err != nil {
		return nil, err
	}
	return []Col{idCol, {Path: "s", Type: "string", Nullable: true, Nulls: InteropNulls, Values: orNull(word)}}, nil
}
