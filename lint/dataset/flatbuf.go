package dataset

// A minimal, bounds-checked reader for the few Arrow IPC flatbuffer tables
// saglig needs to count rows without reading record batch bodies: the file
// Footer (its record batch blocks) and a Message (its header type and, for a
// RecordBatch, its length). arrow-go keeps its generated flatbuffer code
// internal, and the flatbuffers runtime trusts its input (it panics on a
// malformed buffer); these few fields are read here with every offset
// checked instead. Layouts from format/Message.fbs and format/File.fbs of
// the Arrow specification.

import (
	"encoding/binary"
	"strconv"

	"github.com/saglig/saglig/internal/i18n"
)

// Message header types (MessageHeader union) and metadata versions.
const (
	messageSchema          = 1
	messageDictionaryBatch = 2
	messageRecordBatch     = 3
	maxMetadataVersion     = 4 // V5
)

var errFlatbuf = i18n.Errorf("malformed flatbuffer")

type fbTable struct {
	buf   []byte
	pos   uint64
	vt    uint64
	vtLen uint64
}

func fbU16(buf []byte, at uint64) (uint16, error) {
	if at+2 > uint64(len(buf)) {
		return 0, errFlatbuf
	}
	return binary.LittleEndian.Uint16(buf[at:]), nil
}

func fbU32(buf []byte, at uint64) (uint32, error) {
	if at+4 > uint64(len(buf)) {
		return 0, errFlatbuf
	}
	return binary.LittleEndian.Uint32(buf[at:]), nil
}

func fbU64(buf []byte, at uint64) (uint64, error) {
	if at+8 > uint64(len(buf)) {
		return 0, errFlatbuf
	}
	return binary.LittleEndian.Uint64(buf[at:]), nil
}

// fbRoot returns the root table of a flatbuffer.
func fbRoot(buf []byte) (fbTable, error) {
	off, err := fbU32(buf, 0)
	if err != nil {
		return fbTable{}, err
	}
	return fbTableAt(buf, uint64(off))
}

func fbTableAt(buf []byte, pos uint64) (fbTable, error) {
	so, err := fbU32(buf, pos)
	if err != nil {
		return fbTable{}, err
	}
	vt := int64(pos) - int64(int32(so))
	if vt < 0 {
		return fbTable{}, errFlatbuf
	}
	vtLen, err := fbU16(buf, uint64(vt))
	if err != nil || vtLen < 4 || uint64(vt)+uint64(vtLen) > uint64(len(buf)) {
		return fbTable{}, errFlatbuf
	}
	return fbTable{buf: buf, pos: pos, vt: uint64(vt), vtLen: uint64(vtLen)}, nil
}

// field returns the absolute position of field i, and false when the field
// is absent (left at its default). A field is present, as the flatbuffers
// runtime (and so arrow-go) reads it, when its slot starts within the
// vtable's declared length — even an odd length that cuts the slot in two.
func (t fbTable) field(i int) (uint64, bool, error) {
	slot := uint64(4 + 2*i)
	if slot >= t.vtLen {
		return 0, false, nil
	}
	o, err := fbU16(t.buf, t.vt+slot)
	if err != nil || o == 0 {
		return 0, false, err
	}
	return t.pos + uint64(o), true, nil
}

func (t fbTable) int64Field(i int) (int64, error) {
	p, ok, err := t.field(i)
	if !ok || err != nil {
		return 0, err
	}
	v, err := fbU64(t.buf, p)
	return int64(v), err
}

func (t fbTable) int16Field(i int) (int16, error) {
	p, ok, err := t.field(i)
	if !ok || err != nil {
		return 0, err
	}
	v, err := fbU16(t.buf, p)
	return int16(v), err
}

func (t fbTable) byteField(i int) (byte, error) {
	p, ok, err := t.field(i)
	if !ok || err != nil {
		return 0, err
	}
	if p >= uint64(len(t.buf)) {
		return 0, errFlatbuf
	}
	return t.buf[p], nil
}

// tableField returns the table that field i refers to.
func (t fbTable) tableField(i int) (fbTable, bool, error) {
	p, ok, err := t.field(i)
	if !ok || err != nil {
		return fbTable{}, false, err
	}
	off, err := fbU32(t.buf, p)
	if err != nil {
		return fbTable{}, false, err
	}
	sub, err := fbTableAt(t.buf, p+uint64(off))
	return sub, err == nil, err
}

// vectorField returns the start and length of the vector field i refers to.
func (t fbTable) vectorField(i int) (start uint64, n int, err error) {
	p, ok, err := t.field(i)
	if !ok || err != nil {
		return 0, 0, err
	}
	off, err := fbU32(t.buf, p)
	if err != nil {
		return 0, 0, err
	}
	vp := p + uint64(off)
	l, err := fbU32(t.buf, vp)
	if err != nil {
		return 0, 0, err
	}
	return vp + 4, int(l), nil
}

// ipcBlock is a Block of an Arrow IPC file footer: where a message starts,
// the length of its (prefixed) metadata and of its body.
type ipcBlock struct {
	Offset     int64
	MetaLength int32
	BodyLength int64
}

// Fields of the Footer table that hold blocks.
const (
	footerDictionaries  = 2
	footerRecordBatches = 3
)

// footerBlocks reads a vector of blocks of an Arrow IPC file footer (table
// Footer, field 2 dictionaries or 3 recordBatches: [Block]).
func footerBlocks(footer []byte, field int) ([]ipcBlock, error) {
	t, err := fbRoot(footer)
	if err != nil {
		return nil, err
	}
	start, n, err := t.vectorField(field)
	if err != nil {
		return nil, err
	}
	const blockSize = 24 // struct Block { offset: long; metaDataLength: int; (pad); bodyLength: long }
	if start+uint64(n)*blockSize > uint64(len(footer)) {
		return nil, errFlatbuf
	}
	blocks := make([]ipcBlock, n)
	for i := range blocks {
		at := start + uint64(i)*blockSize
		blocks[i] = ipcBlock{
			Offset:     int64(binary.LittleEndian.Uint64(footer[at:])),
			MetaLength: int32(binary.LittleEndian.Uint32(footer[at+8:])),
			BodyLength: int64(binary.LittleEndian.Uint64(footer[at+16:])),
		}
	}
	return blocks, nil
}

// ipcMessage is what saglig reads of an Arrow IPC Message.
type ipcMessage struct {
	version int16
	header  byte
	// bodyLength is the length of the body that follows the metadata.
	bodyLength int64
	// length is the row count of a RecordBatch message.
	length int64
	// compressed is true when the buffers of a record or dictionary batch
	// are compressed (each starts with its uncompressed length).
	compressed bool
	// buffers are the buffers of a record or dictionary batch, within the
	// body.
	buffers []ipcBuffer
}

// ipcBuffer is a Buffer of a RecordBatch: where it lies in the body.
type ipcBuffer struct {
	offset, length int64
}

// parseMessage reads a Message flatbuffer (table Message: 0 version,
// 1 header_type, 2 header, 3 bodyLength; table DictionaryBatch: 1 data, a
// RecordBatch; table RecordBatch: 0 length, 2 buffers: [Buffer],
// 3 compression).
func parseMessage(buf []byte) (ipcMessage, error) {
	t, err := fbRoot(buf)
	if err != nil {
		return ipcMessage{}, err
	}
	var m ipcMessage
	if m.version, err = t.int16Field(0); err != nil {
		return m, err
	}
	if m.header, err = t.byteField(1); err != nil {
		return m, err
	}
	if m.bodyLength, err = t.int64Field(3); err != nil {
		return m, err
	}
	if m.bodyLength < 0 {
		return m, i18n.Errorf("negative body length %d", m.bodyLength)
	}
	var rb fbTable
	switch m.header {
	case messageRecordBatch:
		var ok bool
		if rb, ok, err = t.tableField(2); err != nil {
			return m, err
		} else if !ok {
			return m, i18n.Errorf("a record batch message without its header")
		}
	case messageDictionaryBatch:
		db, ok, err := t.tableField(2)
		if err != nil {
			return m, err
		}
		if !ok {
			return m, i18n.Errorf("a dictionary batch message without its header")
		}
		if rb, ok, err = db.tableField(1); err != nil {
			return m, err
		} else if !ok {
			return m, i18n.Errorf("a dictionary batch without data")
		}
	default:
		return m, nil
	}
	if m.length, err = rb.int64Field(0); err != nil {
		return m, err
	}
	if m.length < 0 {
		return m, i18n.Errorf("a record batch has a negative length %d", m.length)
	}
	start, n, err := rb.vectorField(2)
	if err != nil {
		return m, err
	}
	const bufferSize = 16 // struct Buffer { offset: long; length: long }
	if start+uint64(n)*bufferSize > uint64(len(buf)) {
		return m, errFlatbuf
	}
	m.buffers = make([]ipcBuffer, n)
	for i := range m.buffers {
		at := start + uint64(i)*bufferSize
		m.buffers[i] = ipcBuffer{
			offset: int64(binary.LittleEndian.Uint64(buf[at:])),
			length: int64(binary.LittleEndian.Uint64(buf[at+8:])),
		}
	}
	_, m.compressed, err = rb.tableField(3)
	return m, err
}

// blockMessage returns the flatbuffer of the message a footer block points
// to, given the block's metadata bytes: the continuation marker and an int32
// length (or, before Arrow 0.15, the length alone), then the flatbuffer.
func blockMessage(meta []byte) ([]byte, error) {
	if len(meta) < 8 {
		return nil, errFlatbuf
	}
	prefix := 4
	if binary.LittleEndian.Uint32(meta) == ipcContinuation {
		prefix = 8
	}
	n := int64(int32(binary.LittleEndian.Uint32(meta[prefix-4:])))
	if n <= 0 || n > int64(len(meta)-prefix) {
		return nil, i18n.Errorf("message length %d does not fit its block of %s", n, nBytes(len(meta)))
	}
	return meta[prefix : prefix+int(n)], nil
}

// checkArrowSchema walks the fields of a Schema flatbuffer table (field 1,
// fields: [Field]; a Field's children are its field 5) and refuses nesting
// deeper than the schema depth limit or more fields in all than
// MaxColumns. arrow-go reads a schema recursively without a bound, so a
// field whose children refer back to it would overflow the stack, which no
// recover can catch; the field count also stops a small buffer that shares
// children from unfolding into an exponential tree. The custom metadata
// of the schema (field 2) and of each field (field 6) is checked too:
// arrow-go allocates as many keys and values as a vector's length says,
// which a damaged length makes gigabytes — a fatal error, not a panic.
func checkArrowSchema(schema fbTable, lim Limits) error {
	maxDepth, maxFields := lim.arrowDepth(), lim.WithDefaults().MaxColumns
	count := 0
	// decoded is what the metadata's strings take once arrow-go copies
	// them; a buffer whose entries share strings can make it far larger
	// than the buffer, which no honest writer does.
	var decoded uint64
	var walk func(t fbTable, slot, depth int) error
	walk = func(t fbTable, slot, depth int) error {
		start, n, err := t.vectorField(slot)
		if err != nil {
			return err
		}
		if n > 0 && depth >= maxDepth {
			return depthError(maxDepth, arrowMaxDepth)
		}
		for i := range n {
			if count++; count > maxFields {
				return limitError("--max-columns", i18n.M("the schema has more than %s fields", strconv.Itoa(maxFields)))
			}
			p := start + 4*uint64(i)
			off, err := fbU32(t.buf, p)
			if err != nil {
				return err
			}
			child, err := fbTableAt(t.buf, p+uint64(off))
			if err != nil {
				return err
			}
			if err := checkKeyValues(child, 6, &decoded); err != nil {
				return err
			}
			if err := walk(child, 5, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if err := checkKeyValues(schema, 2, &decoded); err != nil {
		return err
	}
	if err := walk(schema, 1, 0); err != nil {
		return err
	}
	if decoded > uint64(len(schema.buf)) {
		return i18n.Errorf("schema metadata of %s in a message of %s: %v", Size(min(decoded, 1<<62)), Size(len(schema.buf)), errFlatbuf)
	}
	return nil
}

// checkKeyValues checks the custom metadata vector ([KeyValue], a table of
// 0 key and 1 value strings) in field slot of t: the vector, each entry
// and each string lie within the buffer; the strings' lengths are added
// to *decoded.
func checkKeyValues(t fbTable, slot int, decoded *uint64) error {
	start, n, err := t.vectorField(slot)
	if err != nil {
		return err
	}
	if start+4*uint64(n) > uint64(len(t.buf)) {
		return errFlatbuf
	}
	for i := range n {
		p := start + 4*uint64(i)
		off, err := fbU32(t.buf, p)
		if err != nil {
			return err
		}
		kv, err := fbTableAt(t.buf, p+uint64(off))
		if err != nil {
			return err
		}
		for f := range 2 {
			l, err := kv.stringLen(f)
			if err != nil {
				return err
			}
			*decoded += l + 16 // a string header
		}
	}
	return nil
}

// stringLen returns the length of the string field i refers to (0 when
// absent), once it is known to lie within the buffer.
func (t fbTable) stringLen(i int) (uint64, error) {
	p, ok, err := t.field(i)
	if !ok || err != nil {
		return 0, err
	}
	off, err := fbU32(t.buf, p)
	if err != nil {
		return 0, err
	}
	sp := p + uint64(off)
	l, err := fbU32(t.buf, sp)
	if err != nil {
		return 0, err
	}
	if sp+4+uint64(l) > uint64(len(t.buf)) {
		return 0, errFlatbuf
	}
	return uint64(l), nil
}
