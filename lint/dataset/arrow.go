package dataset

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/ipc"
)

// readArrowFile reads the schema, row count and schema metadata of an Arrow
// IPC file. The schema comes from arrow-go's file reader (which reads the
// footer and the dictionary batches); the row count is the sum of the
// record batches' lengths, read from each batch's message metadata without
// reading its body.
func readArrowFile(ra ipc.ReadAtSeeker, size int64, opt Options) (file File, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("cannot read Arrow IPC file: %v", p)
		}
	}()
	head := make([]byte, min(size, 8))
	if err := readFull(ra, head, 0); err != nil {
		return file, err
	}
	if !bytes.HasPrefix(head, magicArrow) {
		return file, errors.New("not an Arrow IPC file")
	}
	// Magic and padding, an (empty) footer's length, the tail magic.
	const minSize = 8 + 4 + 6
	if size <= minSize {
		return file, fmt.Errorf("truncated file (%d bytes)", size)
	}
	tail := make([]byte, 10)
	if err := readFull(ra, tail, size-10); err != nil {
		return file, err
	}
	if !bytes.Equal(tail[4:], magicArrow) {
		return file, fmt.Errorf("truncated file (%d bytes): no footer (the file does not end with ARROW1)", size)
	}
	n := int64(int32(binary.LittleEndian.Uint32(tail)))
	switch {
	case n <= 0:
		return file, fmt.Errorf("footer length %d is invalid", n)
	case n > size-minSize:
		return file, fmt.Errorf("footer length %d exceeds file size", n)
	case n > opt.maxFooterSize():
		return file, fmt.Errorf("footer length %d exceeds the limit of %d bytes", n, opt.maxFooterSize())
	}
	footerStart := size - 10 - n
	footer := make([]byte, n)
	if err := readFull(ra, footer, footerStart); err != nil {
		return file, err
	}

	if err := checkFooterSchema(footer); err != nil {
		return file, fmt.Errorf("cannot read Arrow IPC file: %v", err)
	}

	rd, err := ipc.NewFileReader(ra, append(ipcLimits(size, opt), ipc.WithFooterOffset(size))...)
	if err != nil {
		return file, fmt.Errorf("cannot read Arrow IPC file: %s", reason(err))
	}
	defer rd.Close()
	schema := rd.Schema()

	blocks, err := footerRecordBatches(footer)
	if err != nil {
		return file, fmt.Errorf("cannot read Arrow IPC file: footer: %v", err)
	}
	if len(blocks) != rd.NumRecords() {
		return file, fmt.Errorf("cannot read Arrow IPC file: footer lists %d record batches, arrow-go %d", len(blocks), rd.NumRecords())
	}
	for i, b := range blocks {
		if b.Offset < 8 || b.MetaLength < 8 || b.Offset > footerStart-int64(b.MetaLength) {
			return file, fmt.Errorf("cannot read Arrow IPC file: record batch %d: block at offset %d with %d bytes of metadata lies outside the file", i, b.Offset, b.MetaLength)
		}
		meta := make([]byte, b.MetaLength)
		if err := readFull(ra, meta, b.Offset); err != nil {
			return file, err
		}
		buf, err := blockMessage(meta)
		if err != nil {
			return file, fmt.Errorf("cannot read Arrow IPC file: record batch %d: %v", i, err)
		}
		msg, err := parseMessage(buf)
		if err != nil {
			return file, fmt.Errorf("cannot read Arrow IPC file: record batch %d: %v", i, err)
		}
		if msg.header != messageRecordBatch {
			return file, fmt.Errorf("cannot read Arrow IPC file: record batch %d: message is not a record batch", i)
		}
		file.Rows += msg.length
	}
	return arrowSchema(schema, file), nil
}

// readArrowStream reads the schema, row count and schema metadata of an
// Arrow IPC stream. A stream has no footer: every record batch is read (and
// released at once) to count its rows.
func readArrowStream(ra io.ReaderAt, size int64, opt Options) (file File, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("cannot read Arrow IPC stream: %v", p)
		}
	}()
	if size < 8 {
		return file, fmt.Errorf("truncated file (%d bytes)", size)
	}
	if err := checkStreamSchema(ra, size, opt); err != nil {
		return file, fmt.Errorf("cannot read Arrow IPC stream: %v", err)
	}
	r := io.NewSectionReader(ra, 0, size)
	// ipc.NewReader does not pass the size limits on to its message reader
	// (arrow-go v18.8.0), so a corrupt length would be allocated as is; a
	// message reader made here honours them.
	limits := ipcLimits(size, opt)
	rd, err := ipc.NewReaderFromMessageReader(ipc.NewMessageReader(bufio.NewReaderSize(r, 1<<16), limits...), limits...)
	if err != nil {
		return file, fmt.Errorf("not an Arrow IPC stream: %s", reason(err))
	}
	defer rd.Release()
	for rd.Next() {
		file.Rows += rd.RecordBatch().NumRows()
	}
	if err := rd.Err(); err != nil {
		return file, fmt.Errorf("cannot read Arrow IPC stream: %s", reason(err))
	}
	return arrowSchema(rd.Schema(), file), nil
}

// checkFooterSchema checks the schema in an Arrow IPC file footer (table
// Footer, field 1) before arrow-go reads it.
func checkFooterSchema(footer []byte) error {
	t, err := fbRoot(footer)
	if err != nil {
		return fmt.Errorf("footer: %w", err)
	}
	schema, ok, err := t.tableField(1)
	if err != nil {
		return fmt.Errorf("footer: %w", err)
	}
	if !ok {
		return errors.New("footer has no schema")
	}
	return checkArrowSchema(schema)
}

// checkStreamSchema checks the schema message that starts an Arrow IPC
// stream before arrow-go reads it. A first message that does not even look
// like a schema is left for arrow-go to report.
func checkStreamSchema(ra io.ReaderAt, size int64, opt Options) error {
	head := make([]byte, 8)
	if err := readFull(ra, head, 0); err != nil {
		return err
	}
	start, n := int64(4), int64(int32(binary.LittleEndian.Uint32(head)))
	if uint32(n) == ipcContinuation {
		start, n = 8, int64(int32(binary.LittleEndian.Uint32(head[4:])))
	}
	if n <= 0 || n > size-start || n > opt.maxFooterSize() {
		return nil
	}
	buf := make([]byte, n)
	if err := readFull(ra, buf, start); err != nil {
		return err
	}
	t, err := fbRoot(buf)
	if err != nil {
		return nil
	}
	if h, err := t.byteField(1); err != nil || h != messageSchema {
		return nil
	}
	schema, ok, err := t.tableField(2)
	if err != nil || !ok {
		return nil
	}
	return checkArrowSchema(schema)
}

// ipcLimits bound the messages arrow-go reads by what the file can hold:
// no message is larger than the file, so a corrupt length cannot make it
// allocate more, and a large but valid batch is not refused by arrow-go's
// default 256 MiB body limit. Metadata is also bounded by MaxFooterSize.
func ipcLimits(size int64, opt Options) []ipc.Option {
	return []ipc.Option{
		ipc.WithMetadataSizeLimit(max(1, min(size, opt.maxFooterSize()))),
		ipc.WithBodySizeLimit(max(1, size)),
	}
}

// arrowSchema fills the columns and metadata of file from an Arrow schema.
func arrowSchema(s *arrow.Schema, file File) File {
	for _, f := range s.Fields() {
		arrowLeaves(f, "", false, &file.Columns, 0)
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

// arrowLeaves appends the columns of field f: a struct is walked into
// (dotted paths), any other type is one column. A column is nullable when
// it or any struct above it is.
func arrowLeaves(f arrow.Field, prefix string, nullable bool, out *[]Column, depth int) {
	path := f.Name
	if prefix != "" {
		path = prefix + "." + f.Name
	}
	null := nullable || f.Nullable
	if st, ok := f.Type.(*arrow.StructType); ok && depth < maxSchemaDepth {
		for _, c := range st.Fields() {
			arrowLeaves(c, path, null, out, depth+1)
		}
		return
	}
	*out = append(*out, Column{Path: path, Type: arrowFieldType(f, 0), Nullable: null})
}

// arrowFieldType names a field's type, honouring an extension type that
// arrow-go did not register (known from the field's metadata only).
func arrowFieldType(f arrow.Field, depth int) string {
	if _, ok := f.Type.(arrow.ExtensionType); !ok {
		if name, ok := f.Metadata.GetValue("ARROW:extension:name"); ok {
			if t, ok := extensionTypes[name]; ok {
				return t
			}
		}
	}
	return arrowType(f.Type, depth)
}

// extensionTypes names the canonical Arrow extension types saglig knows.
var extensionTypes = map[string]string{
	"arrow.uuid":            "uuid",
	"arrow.json":            "json",
	"arrow.bool8":           "bool",
	"arrow.parquet.variant": "variant",
	"parquet.variant":       "variant",
}

// arrowType names an Arrow type in saglig's vocabulary, shared with Parquet
// columns: utf8 → string, date32 → date, timestamp[us, tz=UTC] →
// timestamp[us, UTC], a dictionary → its value type, and so on. Types with
// no obvious counterpart keep arrow-go's name.
func arrowType(dt arrow.DataType, depth int) string {
	if depth > maxSchemaDepth {
		return dt.String()
	}
	switch t := dt.(type) {
	case arrow.ExtensionType:
		if name, ok := extensionTypes[t.ExtensionName()]; ok {
			return name
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
