package dataset

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/encoding/thrift"
	"github.com/parquet-go/parquet-go/format"
	"github.com/saglig/saglig/internal/i18n"
)

// ErrEncryptedParquet is the error of a file with encrypted columns or an
// encrypted footer.
var ErrEncryptedParquet = i18n.Errorf("encrypted Parquet is not supported")

// readParquet reads the schema, row count and key-value metadata of a
// Parquet file from its footer alone: the 4 magic bytes at the head, the
// 8-byte tail, and the footer before it. Nothing in between (data pages,
// page indexes, bloom filters) is read. It also returns the footer it
// decoded (ParquetFooter), which the scan reads the file by.
//
// The footer is decoded with parquet-go's thrift codec into its format
// types, not with parquet.OpenFile: the raw schema elements keep what
// parquet-go's column types drop (FLOAT16), and parquet-go recurses without
// bound on a hostile footer (deeply nested thrift, deeply nested groups),
// which overflows the stack where no recover helps. The footer's nesting is
// checked first, without recursion.
func readParquet(r io.ReaderAt, size int64, opt Options) (file File, pf *ParquetFooter, err error) {
	defer func() {
		if p := recover(); p != nil {
			pf, err = nil, i18n.Errorf("cannot read Parquet footer: %v", fmt.Sprint(p))
		}
	}()
	footer, err := readFooter(r, size, opt)
	if err != nil {
		return file, nil, err
	}
	md, err := decodeFooter(footer, opt.Limits)
	if err != nil {
		var le *LimitError
		if errors.As(err, &le) {
			return file, nil, err
		}
		return file, nil, i18n.Errorf("cannot read Parquet footer: %v", err)
	}
	root, err := parquetTree(md.Schema, opt.parquetDepth())
	if err != nil {
		var le *LimitError
		if errors.As(err, &le) {
			return file, nil, err
		}
		return file, nil, i18n.Errorf("invalid Parquet schema: %v", err)
	}
	leaves := 0
	parquetLeaves(root, "", false, &leaves, &file.Columns)
	for i, rg := range md.RowGroups {
		if rg.NumRows < 0 {
			return file, nil, i18n.Errorf("invalid Parquet footer: row group %d has %d rows", i, rg.NumRows)
		}
		if len(rg.Columns) != leaves {
			return file, nil, i18n.Errorf("invalid Parquet footer: row group %d has %d column chunks for %d leaf columns", i, len(rg.Columns), leaves)
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
	return file, &ParquetFooter{Meta: md, Leaves: parquetLeafColumns(root, 0, 0, make([]ParquetLeaf, 0, leaves))}, nil
}

// ParquetFooter is a Parquet file's footer as the scan reads the file by:
// read once, checked within the limits and decoded once, when Recheck
// read the file's metadata.
type ParquetFooter struct {
	// Meta is the decoded FileMetaData: the row groups, their column
	// chunks and row counts.
	Meta *format.FileMetaData
	// Leaves are the schema's leaf columns in order: leaf i is column
	// chunk i of every row group, and the column whose Location.Leaf is i.
	Leaves []ParquetLeaf
}

// ParquetLeaf is a leaf column of a Parquet schema, as its pages are
// decoded.
type ParquetLeaf struct {
	// Type is the leaf's physical type, which decodes its pages' values
	// (parquet.Type.Decode); nil when the schema gives none that can be
	// read, and Err says why.
	Type parquet.Type
	Err  error
	// MaxDef and MaxRep are the leaf's highest definition and repetition
	// levels: every optional or repeated field on its path (the root
	// excluded) adds a definition level, every repeated one a repetition
	// level.
	MaxDef, MaxRep int
}

// parquetLeafColumns appends the leaves under n, whose definition and
// repetition levels are def and rep, in schema order.
func parquetLeafColumns(n *pnode, def, rep int, out []ParquetLeaf) []ParquetLeaf {
	for _, c := range n.kids {
		d, r := def, rep
		switch c.repetition() {
		case format.Optional:
			d++
		case format.Repeated:
			d, r = d+1, r+1
		}
		if !c.leaf() {
			out = parquetLeafColumns(c, d, r, out)
			continue
		}
		t, err := physicalType(c.el)
		out = append(out, ParquetLeaf{Type: t, Err: err, MaxDef: d, MaxRep: r})
	}
	return out
}

// physicalType is the parquet-go type of a leaf's physical type, which
// decodes its values whatever its logical type.
func physicalType(el *format.SchemaElement) (parquet.Type, error) {
	switch el.Type.V {
	case format.Boolean:
		return parquet.BooleanType, nil
	case format.Int32:
		return parquet.Int32Type, nil
	case format.Int64:
		return parquet.Int64Type, nil
	case format.Int96:
		return parquet.Int96Type, nil
	case format.Float:
		return parquet.FloatType, nil
	case format.Double:
		return parquet.DoubleType, nil
	case format.ByteArray:
		return parquet.ByteArrayType, nil
	case format.FixedLenByteArray:
		if n := el.TypeLength.V; !el.TypeLength.Valid || n <= 0 {
			return nil, i18n.Errorf("FIXED_LEN_BYTE_ARRAY of length %d", n)
		}
		return parquet.FixedLenByteArrayType(int(el.TypeLength.V)), nil
	}
	return nil, i18n.Errorf("unknown physical type %d", int(el.Type.V))
}

// readFooter reads a Parquet file's footer: the bytes between the head
// magic and the 8-byte tail (footer length and tail magic), within the
// footer size limit. An encrypted footer is ErrEncryptedParquet.
func readFooter(r io.ReaderAt, size int64, opt Options) ([]byte, error) {
	if size < 4 {
		return nil, i18n.Errorf("truncated file (%s)", nBytes(size))
	}
	head := make([]byte, 4)
	if err := readFull(r, head, 0); err != nil {
		return nil, err
	}
	switch {
	case bytes.Equal(head, magicParquetEncrypted):
		return nil, ErrEncryptedParquet
	case !bytes.Equal(head, magicParquet):
		return nil, i18n.Errorf("not a Parquet file (bad magic)")
	}
	// The smallest file: head magic, a footer of at least one byte, the
	// footer length and the tail magic.
	if size < 4+1+8 {
		return nil, i18n.Errorf("truncated file (%s)", nBytes(size))
	}
	tail := make([]byte, 8)
	if err := readFull(r, tail, size-8); err != nil {
		return nil, err
	}
	switch {
	case bytes.Equal(tail[4:], magicParquetEncrypted):
		return nil, ErrEncryptedParquet
	case !bytes.Equal(tail[4:], magicParquet):
		return nil, i18n.Errorf("truncated file (%s): no footer (the file does not end with PAR1)", nBytes(size))
	}
	n := int64(binary.LittleEndian.Uint32(tail[:4]))
	switch {
	case n == 0:
		return nil, i18n.Errorf("footer length %d is invalid", 0)
	case n > size-12:
		return nil, i18n.Errorf("footer length %d exceeds file size", n)
	case n > opt.maxFooterSize():
		return nil, limitError("--max-footer-size", i18n.M("footer length %d exceeds the limit of %s", n, Size(opt.maxFooterSize())))
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
	scan, err := thriftScan(footer, thriftFooter, structFileMetaData, nil)
	if err != nil {
		return nil, 0, err
	}
	n := scan.n
	if fields := scan.schemaElements - 1; fields > int64(lim.WithDefaults().MaxColumns) {
		return nil, 0, limitError("--max-columns", i18n.M("the schema has %d fields, more than the limit of %s", fields, strconv.Itoa(lim.WithDefaults().MaxColumns)))
	}
	switch {
	case scan.mem > lim.maxFooterMemory():
		return nil, 0, limitError("--max-footer-size", i18n.M("the footer would take about %s of memory to decode, more than %d times the footer size limit", Size(scan.mem), FooterMemoryFactor))
	case scan.mem > MinRatioCheckedSize && scan.mem > maxFooterAmplification*int64(n):
		return nil, 0, i18n.Errorf("the footer of %s would take about %s of memory to decode: it is not a real Parquet footer", Size(n), Size(scan.mem))
	}
	if scan.valueless == 0 {
		return footer[:n], n, nil
	}
	fixed := make([]byte, 0, n+scan.valueless*len(emptyValue))
	if _, err := thriftScan(footer, thriftFooter, structFileMetaData, &fixed); err != nil {
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
		return nil, i18n.Errorf("%d unexpected bytes after the file metadata", trailing)
	}
	return &md, nil
}

func readFull(r io.ReaderAt, p []byte, off int64) error {
	n, err := r.ReadAt(p, off)
	if n == len(p) {
		return nil
	}
	if err == nil || err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return i18n.Errorf("cannot read %s at offset %s: %v", nBytes(len(p)), offset(off), err)
}
