package dataset

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/saglig/saglig/internal/i18n"
)

// readArrowFile reads the schema, row count and schema metadata of an Arrow
// IPC file. The schema comes from arrow-go's file reader (which reads the
// footer and the dictionary batches); the row count is the sum of the
// record batches' lengths, read from each batch's message metadata without
// reading its body. Every dictionary and record batch is checked against
// the limits first: its buffers lie within its body, and a compressed
// buffer's declared length (its first 8 bytes, the only body bytes read)
// is within MaxPageSize and MaxDecompressionRatio.
func readArrowFile(ra ipc.ReadAtSeeker, size int64, opt Options) (file File, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = i18n.Errorf("cannot read Arrow IPC file: %v", fmt.Sprint(p))
		}
	}()
	deadline := opt.Deadline(opt.now())
	head := make([]byte, min(size, 8))
	if err := readFull(ra, head, 0); err != nil {
		return file, err
	}
	if !bytes.HasPrefix(head, magicArrow) {
		return file, i18n.Errorf("not an Arrow IPC file")
	}
	// Magic and padding, an (empty) footer's length, the tail magic.
	const minSize = 8 + 4 + 6
	if size <= minSize {
		return file, i18n.Errorf("truncated file (%s)", nBytes(size))
	}
	tail := make([]byte, 10)
	if err := readFull(ra, tail, size-10); err != nil {
		return file, err
	}
	if !bytes.Equal(tail[4:], magicArrow) {
		return file, i18n.Errorf("truncated file (%s): no footer (the file does not end with ARROW1)", nBytes(size))
	}
	n := int64(int32(binary.LittleEndian.Uint32(tail)))
	switch {
	case n <= 0:
		return file, i18n.Errorf("footer length %d is invalid", n)
	case n > size-minSize:
		return file, i18n.Errorf("footer length %d exceeds file size", n)
	case n > opt.maxFooterSize():
		return file, limitError("--max-footer-size", i18n.M("footer length %d exceeds the limit of %s", n, Size(opt.maxFooterSize())))
	}
	footerStart := size - 10 - n
	footer := make([]byte, n)
	if err := readFull(ra, footer, footerStart); err != nil {
		return file, err
	}

	if err := checkFooterSchema(footer, opt.Limits); err != nil {
		return file, arrowError(arrowFile, i18n.Msg{}, err)
	}
	// The dictionaries first: arrow-go reads them when it opens the file.
	dicts, err := footerBlocks(footer, footerDictionaries)
	if err != nil {
		return file, i18n.Errorf("cannot read Arrow IPC file: footer: %v", err)
	}
	for i, b := range dicts {
		if _, err := checkBlock(ra, b, footerStart, messageDictionaryBatch, opt.Limits); err != nil {
			return file, arrowError(arrowFile, i18n.M("dictionary batch %d", i), err)
		}
		if opt.now().After(deadline) {
			return file, opt.TimeoutError()
		}
	}
	blocks, err := footerBlocks(footer, footerRecordBatches)
	if err != nil {
		return file, i18n.Errorf("cannot read Arrow IPC file: footer: %v", err)
	}

	rd, err := ipc.NewFileReader(ra, append(ipcLimits(size, opt), ipc.WithFooterOffset(size))...)
	if err != nil {
		return file, i18n.Errorf("cannot read Arrow IPC file: %s", reason(err))
	}
	defer rd.Close()
	schema := rd.Schema()
	if len(blocks) != rd.NumRecords() {
		return file, i18n.Errorf("cannot read Arrow IPC file: the footer lists %d record batches, arrow-go %d", len(blocks), rd.NumRecords())
	}
	for i, b := range blocks {
		msg, err := checkBlock(ra, b, footerStart, messageRecordBatch, opt.Limits)
		if err != nil {
			return file, arrowError(arrowFile, i18n.M("record batch %d", i), err)
		}
		file.Rows += msg.length
		if opt.now().After(deadline) {
			return file, opt.TimeoutError()
		}
	}
	return arrowSchema(schema, file), nil
}

// What an Arrow IPC error says was being read.
var (
	arrowFile   = i18n.M("cannot read Arrow IPC file")
	arrowStream = i18n.M("cannot read Arrow IPC stream")
	arrowNotA   = i18n.M("not an Arrow IPC stream")
)

// arrowError prefixes an error with what was being read (lead: "cannot
// read Arrow IPC file") and where (a batch or message: "record batch 3";
// zero for the schema); a LimitError, which speaks for itself, keeps only
// the place.
func arrowError(lead, where i18n.Msg, err error) error {
	var le *LimitError
	switch {
	case errors.As(err, &le) && where.IsZero():
		return err
	case errors.As(err, &le):
		return i18n.Errorf("%s: %v", where, err)
	case where.IsZero():
		return i18n.Errorf("%s: %v", lead, err)
	}
	return i18n.Errorf("%s: %s: %v", lead, where, err)
}

// checkBlock reads the message a footer block points to, checks that it is
// of type want and that its body lies within the file before the footer,
// and checks its buffers (checkBuffers).
func checkBlock(ra io.ReaderAt, b ipcBlock, footerStart int64, want byte, lim Limits) (ipcMessage, error) {
	if b.Offset < 8 || b.MetaLength < 8 || b.BodyLength < 0 || b.Offset > footerStart-int64(b.MetaLength) ||
		b.BodyLength > footerStart-b.Offset-int64(b.MetaLength) {
		return ipcMessage{}, i18n.Errorf("the block at offset %s with %d bytes of metadata and %d of body lies outside the file", offset(b.Offset), b.MetaLength, b.BodyLength)
	}
	if int64(b.MetaLength) > lim.WithDefaults().MaxFooterSize {
		return ipcMessage{}, limitError("--max-footer-size", i18n.M("message metadata of %s exceeds the limit of %s", nBytes(b.MetaLength), Size(lim.WithDefaults().MaxFooterSize)))
	}
	meta := make([]byte, b.MetaLength)
	if err := readFull(ra, meta, b.Offset); err != nil {
		return ipcMessage{}, err
	}
	buf, err := blockMessage(meta)
	if err != nil {
		return ipcMessage{}, err
	}
	msg, err := parseMessage(buf)
	if err != nil {
		return msg, err
	}
	if msg.header != want {
		return msg, i18n.Errorf("the message is %s, not %s", messageName(msg.header), messageName(want))
	}
	return msg, checkBuffers(ra, b.Offset+int64(b.MetaLength), b.BodyLength, msg, lim)
}

// messageName names a message header type, with its article.
func messageName(h byte) i18n.Msg {
	switch h {
	case messageSchema:
		return i18n.M("a schema")
	case messageDictionaryBatch:
		return i18n.M("a dictionary batch")
	case messageRecordBatch:
		return i18n.M("a record batch")
	}
	return i18n.M("a message of type %d", int(h))
}

// checkBuffers checks the buffers of a record or dictionary batch whose
// body of bodyLen bytes starts at bodyStart: each lies within the body,
// and, in a compressed batch, each declares (in its first 8 bytes) an
// uncompressed length within the limits, or −1 for a buffer left
// uncompressed.
func checkBuffers(ra io.ReaderAt, bodyStart, bodyLen int64, msg ipcMessage, lim Limits) error {
	var prefix [8]byte
	for i, b := range msg.buffers {
		if b.offset < 0 || b.length < 0 || b.offset > bodyLen || b.length > bodyLen-b.offset {
			return i18n.Errorf("buffer %d (offset %s, %s) lies outside the body of %s", i, offset(b.offset), nBytes(b.length), nBytes(bodyLen))
		}
		if !msg.compressed || b.length == 0 {
			continue
		}
		if b.length < 8 {
			return i18n.Errorf("compressed buffer %d has %s, too few for its length", i, nBytes(b.length))
		}
		if err := readFull(ra, prefix[:], bodyStart+b.offset); err != nil {
			return err
		}
		n := int64(binary.LittleEndian.Uint64(prefix[:]))
		if n == -1 {
			continue
		}
		if err := lim.CheckPageSize(b.length-8, n); err != nil {
			return i18n.Errorf("buffer %d: %v", i, err)
		}
		if err := checkZstdWindow(io.NewSectionReader(ra, bodyStart+b.offset+8, b.length-8), b.length-8, n); err != nil {
			return i18n.Errorf("buffer %d: %v", i, err)
		}
	}
	return nil
}

// readArrowStream reads the schema, row count and schema metadata of an
// Arrow IPC stream. A stream has no footer: its messages are walked, each
// checked like a file's blocks, and the record batches' lengths summed from
// their metadata without reading their bodies. The schema, from the first
// message, is decoded by arrow-go.
func readArrowStream(ra io.ReaderAt, size int64, opt Options) (file File, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = i18n.Errorf("cannot read Arrow IPC stream: %v", fmt.Sprint(p))
		}
	}()
	if size < 8 {
		return file, i18n.Errorf("truncated file (%s)", nBytes(size))
	}
	if err := checkStreamSchema(ra, size, opt); err != nil {
		return file, arrowError(arrowStream, i18n.Msg{}, err)
	}
	deadline := opt.Deadline(opt.now())
	var schemaEnd int64
	pos := int64(0)
	for i := 0; pos < size; i++ {
		if opt.now().After(deadline) {
			return file, opt.TimeoutError()
		}
		msg, end, eos, err := streamMessage(ra, pos, size, opt.Limits)
		if err == nil && !eos {
			switch {
			case i == 0 && msg.header != messageSchema:
				err = i18n.Errorf("the stream starts with %s, not a schema", messageName(msg.header))
			case i > 0 && msg.header == messageSchema:
				err = i18n.Errorf("a second schema message")
			case msg.header != messageSchema && msg.header != messageRecordBatch && msg.header != messageDictionaryBatch:
				err = i18n.Errorf("a message saglig does not read: %s", messageName(msg.header))
			}
		}
		if err != nil {
			if i == 0 {
				return file, arrowError(arrowNotA, i18n.Msg{}, err)
			}
			return file, arrowError(arrowStream, i18n.M("message %d at offset %s", i, offset(pos)), err)
		}
		if eos {
			if i == 0 {
				return file, i18n.Errorf("not an Arrow IPC stream: it ends before its schema")
			}
			break
		}
		if i == 0 {
			schemaEnd = end
		}
		if msg.header == messageRecordBatch {
			file.Rows += msg.length
		}
		pos = end
	}
	// arrow-go reads the schema from the first message alone.
	r := io.NewSectionReader(ra, 0, schemaEnd)
	limits := ipcLimits(size, opt)
	rd, err := ipc.NewReaderFromMessageReader(ipc.NewMessageReader(r, limits...), limits...)
	if err != nil {
		return file, i18n.Errorf("not an Arrow IPC stream: %s", reason(err))
	}
	defer rd.Release()
	return arrowSchema(rd.Schema(), file), nil
}

// streamMessage reads the message of an Arrow IPC stream at pos: the
// continuation marker (absent before Arrow 0.15), the metadata length, the
// metadata and the body. It returns the message, where the next begins,
// and whether it is the end-of-stream marker. The body is not read, but
// the buffers of a batch are checked (checkBuffers).
func streamMessage(ra io.ReaderAt, pos, size int64, lim Limits) (msg ipcMessage, end int64, eos bool, err error) {
	if size-pos < 4 {
		return msg, 0, false, i18n.Errorf("the stream ends %s into a message header", nBytes(size-pos))
	}
	head := make([]byte, min(8, size-pos))
	if err := readFull(ra, head, pos); err != nil {
		return msg, 0, false, err
	}
	prefix, n := int64(4), int64(int32(binary.LittleEndian.Uint32(head)))
	switch {
	case uint32(n) == ipcContinuation:
		if len(head) < 8 {
			return msg, 0, false, i18n.Errorf("the stream ends %s into a message header", nBytes(size-pos))
		}
		prefix, n = 8, int64(int32(binary.LittleEndian.Uint32(head[4:])))
		if n == 0 {
			return msg, pos + 8, true, nil
		}
	case n == 0:
		return msg, pos + 4, true, nil
	}
	max := lim.WithDefaults().MaxFooterSize
	switch {
	case n < 8:
		return msg, 0, false, i18n.Errorf("invalid message metadata length %d", n)
	case n > size-pos-prefix:
		return msg, 0, false, i18n.Errorf("message metadata length %d exceeds the rest of the file (%s)", n, nBytes(size-pos-prefix))
	case n > max:
		return msg, 0, false, limitError("--max-footer-size", i18n.M("message metadata length %d exceeds the limit of %s", n, Size(max)))
	}
	meta := make([]byte, n)
	if err := readFull(ra, meta, pos+prefix); err != nil {
		return msg, 0, false, err
	}
	if msg, err = parseMessage(meta); err != nil {
		return msg, 0, false, err
	}
	bodyStart := pos + prefix + n
	if msg.bodyLength > size-bodyStart {
		return msg, 0, false, i18n.Errorf("a message body of %s exceeds the rest of the file (%s)", nBytes(msg.bodyLength), nBytes(size-bodyStart))
	}
	if err := checkBuffers(ra, bodyStart, msg.bodyLength, msg, lim); err != nil {
		return msg, 0, false, err
	}
	return msg, bodyStart + msg.bodyLength, false, nil
}

// checkFooterSchema checks the schema in an Arrow IPC file footer (table
// Footer, field 1) before arrow-go reads it.
func checkFooterSchema(footer []byte, lim Limits) error {
	t, err := fbRoot(footer)
	if err != nil {
		return i18n.Errorf("footer: %v", err)
	}
	schema, ok, err := t.tableField(1)
	if err != nil {
		return i18n.Errorf("footer: %v", err)
	}
	if !ok {
		return i18n.Errorf("the footer has no schema")
	}
	return checkArrowSchema(schema, lim)
}

// checkStreamSchema checks the schema message that starts an Arrow IPC
// stream before arrow-go reads it. A first message that does not even look
// like a schema is left for the stream walk to report; a schema message
// whose schema table is missing or lies outside the message is refused
// here, as the walk reads no schema: arrow-go would read it anyway, beyond
// the message, and allocate as many fields as whatever it finds there says
// (hundreds of megabytes from a file of a kilobyte).
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
	switch {
	case err != nil:
		return i18n.Errorf("schema message: %v", err)
	case !ok:
		return i18n.Errorf("a schema message without a schema")
	}
	return checkArrowSchema(schema, opt.Limits)
}

// ipcLimits bound the messages arrow-go reads by what the file can hold:
// no message is larger than the file, so a corrupt length cannot make it
// allocate more, and a large but valid batch is not refused by arrow-go's
// default 256 MiB body limit. Metadata is also bounded by MaxFooterSize.
func ipcLimits(size int64, opt Options) []ipc.Option {
	return IPCOptions(size, opt.Limits)
}

// IPCOptions are the arrow-go reader options that bound what a reader of
// an Arrow IPC file or stream of size bytes allocates for a message: its
// metadata within MaxFooterSize and the file, its body within the file.
func IPCOptions(size int64, lim Limits) []ipc.Option {
	return []ipc.Option{
		ipc.WithMetadataSizeLimit(max(1, min(size, lim.WithDefaults().MaxFooterSize))),
		ipc.WithBodySizeLimit(max(1, size)),
	}
}
