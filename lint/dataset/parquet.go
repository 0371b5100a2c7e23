package dataset

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/encoding/thrift"
	"github.com/parquet-go/parquet-go/format"
)

// ErrEncryptedParquet is the error of a file with encrypted columns or an
// encrypted footer.
var ErrEncryptedParquet = errors.New("encrypted Parquet is not supported")

// readParquet reads the schema, row count and key-value metadata of a
// Parquet file from its footer alone: the 4 magic bytes at the head, the
// 8-byte tail, and the footer before it. Nothing in between (data pages,
// page indexes, bloom filters) is read.
//
// The footer is decoded with parquet-go's thrift codec into its format
// types, not with parquet.OpenFile: the raw schema elements keep what
// parquet-go's column types drop (FLOAT16), and parquet-go recurses without
// bound on a hostile footer (deeply nested thrift, deeply nested groups),
// which overflows the stack where no recover helps. The footer's nesting is
// checked first, without recursion.
func readParquet(r io.ReaderAt, size int64, opt Options) (file File, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("cannot read Parquet footer: %v", p)
		}
	}()
	footer, err := readFooter(r, size, opt)
	if err != nil {
		return file, err
	}
	md, err := decodeFooter(footer, opt.Limits)
	if err != nil {
		var le *LimitError
		if errors.As(err, &le) {
			return file, err
		}
		return file, fmt.Errorf("cannot read Parquet footer: %v", err)
	}
	root, err := parquetTree(md.Schema, opt.parquetDepth())
	if err != nil {
		var le *LimitError
		if errors.As(err, &le) {
			return file, err
		}
		return file, fmt.Errorf("invalid Parquet schema: %w", err)
	}
	leaves := 0
	parquetLeaves(root, "", false, &leaves, &file.Columns)
	for i, rg := range md.RowGroups {
		if rg.NumRows < 0 {
			return file, fmt.Errorf("invalid Parquet footer: row group %d has %d rows", i, rg.NumRows)
		}
		if len(rg.Columns) != leaves {
			return file, fmt.Errorf("invalid Parquet footer: row group %d has %d column chunks for %d leaf columns", i, len(rg.Columns), leaves)
		}
		file.Rows += rg.NumRows
	}
	// A plaintext footer of a file whose columns are encrypted: the schema
	// can be read, the data cannot.
	file.Encrypted = md.EncryptionAlgorithm.Value != nil
	if len(md.KeyValueMetadata) > 0 {
		file.Metadata = make(map[string]string, len(md.KeyValueMetadata))
		for _, kv := range md.KeyValueMetadata {
			if _, dup := file.Metadata[kv.Key]; !dup {
				file.Metadata[kv.Key] = kv.Value
			}
		}
	}
	return file, nil
}

// readFooter reads a Parquet file's footer: the bytes between the head
// magic and the 8-byte tail (footer length and tail magic), within the
// footer size limit. An encrypted footer is ErrEncryptedParquet.
func readFooter(r io.ReaderAt, size int64, opt Options) ([]byte, error) {
	if size < 4 {
		return nil, fmt.Errorf("truncated file (%d bytes)", size)
	}
	head := make([]byte, 4)
	if err := readFull(r, head, 0); err != nil {
		return nil, err
	}
	switch {
	case bytes.Equal(head, magicParquetEncrypted):
		return nil, ErrEncryptedParquet
	case !bytes.Equal(head, magicParquet):
		return nil, errors.New("not a Parquet file (bad magic)")
	}
	// The smallest file: head magic, a footer of at least one byte, the
	// footer length and the tail magic.
	if size < 4+1+8 {
		return nil, fmt.Errorf("truncated file (%d bytes)", size)
	}
	tail := make([]byte, 8)
	if err := readFull(r, tail, size-8); err != nil {
		return nil, err
	}
	switch {
	case bytes.Equal(tail[4:], magicParquetEncrypted):
		return nil, ErrEncryptedParquet
	case !bytes.Equal(tail[4:], magicParquet):
		return nil, fmt.Errorf("truncated file (%d bytes): no footer (the file does not end with PAR1)", size)
	}
	n := int64(binary.LittleEndian.Uint32(tail[:4]))
	switch {
	case n == 0:
		return nil, errors.New("footer length 0 is invalid")
	case n > size-12:
		return nil, fmt.Errorf("footer length %d exceeds file size", n)
	case n > opt.maxFooterSize():
		return nil, limitError("--max-footer-size", "footer length %d exceeds the limit of %d bytes", n, opt.maxFooterSize())
	}
	footer := make([]byte, n)
	if err := readFull(r, footer, size-8-n); err != nil {
		return nil, err
	}
	return footer, nil
}

// signatureSize is the AES-GCM nonce and tag a signed plaintext footer of
// an encrypted file carries after its FileMetaData.
const signatureSize = 12 + 16

// checkFooter checks a plaintext footer before it is decoded: no more
// schema fields than MaxColumns, and an estimated size in memory within
// FooterMemoryFactor × MaxFooterSize and maxFooterAmplification times the
// footer's own size. It returns the FileMetaData as parquet-go's decoder
// is to read it, repaired where the format allows what that decoder
// refuses (a key-value pair without a value is given an empty one;
// docs/upstream.md), and the FileMetaData's length in footer.
func checkFooter(footer []byte, lim Limits) ([]byte, int, error) {
	scan, err := thriftScan(footer, "footer", structFileMetaData, nil)
	if err != nil {
		return nil, 0, err
	}
	n := scan.n
	if fields := scan.schemaElements - 1; fields > int64(lim.WithDefaults().MaxColumns) {
		return nil, 0, limitError("--max-columns", "the schema has %d fields, more than the limit of %d", fields, lim.WithDefaults().MaxColumns)
	}
	switch {
	case scan.mem > lim.maxFooterMemory():
		return nil, 0, limitError("--max-footer-size", "the footer would take about %s of memory to decode, more than %d times the footer size limit", Bytes(scan.mem), FooterMemoryFactor)
	case scan.mem > MinRatioCheckedSize && scan.mem > maxFooterAmplification*int64(n):
		return nil, 0, fmt.Errorf("the footer of %s would take about %s of memory to decode: it is not a real Parquet footer", Bytes(int64(n)), Bytes(scan.mem))
	}
	if scan.valueless == 0 {
		return footer[:n], n, nil
	}
	fixed := make([]byte, 0, n+scan.valueless*len(emptyValue))
	if _, err := thriftScan(footer, "footer", structFileMetaData, &fixed); err != nil {
		return nil, 0, err
	}
	return fixed, n, nil
}

// decodeFooter decodes the FileMetaData of a plaintext footer, once
// checkFooter passes it.
func decodeFooter(footer []byte, lim Limits) (*format.FileMetaData, error) {
	meta, n, err := checkFooter(footer, lim)
	if err != nil {
		return nil, err
	}
	var md format.FileMetaData
	if err := thrift.Unmarshal(new(thrift.CompactProtocol), meta, &md); err != nil {
		return nil, err
	}
	switch trailing := len(footer) - n; {
	case trailing == 0:
	case trailing == signatureSize && md.EncryptionAlgorithm.Value != nil:
		// A signed footer of a file with encrypted columns: the schema is
		// in plain text, and the signature is not needed to read it.
	default:
		return nil, fmt.Errorf("%d unexpected bytes after the file metadata", trailing)
	}
	return &md, nil
}

// OpenParquetFile opens a Parquet file with parquet-go, for its row groups
// and its columns' types, from its footer alone (no page index, no bloom
// filter). The footer is read and checked as when the dataset was opened
// (checkFooter, within lim), and parquet-go decodes those checked bytes,
// not a second reading of the file, repaired where the format allows what
// its decoder refuses (docs/upstream.md); the file's other bytes are read
// from r.
func OpenParquetFile(r io.ReaderAt, size int64, lim Limits) (*parquet.File, error) {
	opt := Options{Limits: lim}
	footer, err := readFooter(r, size, opt)
	if err != nil {
		return nil, err
	}
	meta, n, err := checkFooter(footer, lim)
	if err != nil {
		return nil, err
	}
	base := size - 8 - int64(len(footer))
	tail := make([]byte, 0, len(meta)+len(footer)-n+8)
	tail = append(append(tail, meta...), footer[n:]...)
	tail = binary.LittleEndian.AppendUint32(tail, uint32(len(tail)))
	tail = append(tail, magicParquet...)
	v := &footerView{r: r, base: base, tail: tail}
	return parquet.OpenFile(v, v.size(), parquet.SkipPageIndex(true), parquet.SkipBloomFilters(true), parquet.ReadBufferSize(64<<10))
}

// footerView is a Parquet file whose footer, footer length and tail magic
// (tail) are held in memory, after the file's first base bytes.
type footerView struct {
	r    io.ReaderAt
	base int64
	tail []byte
}

func (v *footerView) size() int64 { return v.base + int64(len(v.tail)) }

func (v *footerView) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, fmt.Errorf("read at negative offset %d", off)
	}
	n := 0
	if off < v.base {
		m := min(int64(len(p)), v.base-off)
		k, err := v.r.ReadAt(p[:m], off)
		n += k
		if k < int(m) {
			if err == nil {
				err = io.ErrUnexpectedEOF
			}
			return n, err
		}
		p, off = p[m:], off+m
	}
	if len(p) == 0 {
		return n, nil
	}
	if off >= v.size() {
		return n, io.EOF
	}
	k := copy(p, v.tail[off-v.base:])
	n += k
	if k < len(p) {
		return n, io.EOF
	}
	return n, nil
}

func readFull(r io.ReaderAt, p []byte, off int64) error {
	n, err := r.ReadAt(p, off)
	if n == len(p) {
		return nil
	}
	if err == nil || err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return fmt.Errorf("read %d bytes at offset %d: %w", len(p), off, err)
}
