package testfiles

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"strconv"
	"sync"

	"github.com/klauspost/compress/zstd"
	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/encoding/thrift"
	"github.com/parquet-go/parquet-go/format"
)

// parquetFooterCases damage the footer of a Parquet file: each byte
// flipped, lengths beyond the file, encryption, a deep schema, a wide one
// and a footer of empty structs.
func (s *suite) parquetFooterCases(pq []byte) {
	n := int(binary.LittleEndian.Uint32(pq[len(pq)-8:]))
	for i := len(pq) - 8 - n; i < len(pq); i++ {
		bad := bytes.Clone(pq)
		bad[i] ^= 0xFF
		s.add("parquet/footer-flip-"+strconv.Itoa(i), ".parquet", Open, "", true, bad, nil)
	}
	long := bytes.Clone(pq)
	binary.LittleEndian.PutUint32(long[len(long)-8:], 0x7FFFFFFF)
	s.add("parquet/footer-length-2GiB", ".parquet", Open, "exceeds file size", false, long, nil)
	long = bytes.Clone(pq)
	binary.LittleEndian.PutUint32(long[len(long)-8:], uint32(len(pq)-11))
	s.add("parquet/footer-length-past-head", ".parquet", Open, "exceeds file size", false, long, nil)

	enc := bytes.Clone(pq)
	copy(enc, "PARE")
	copy(enc[len(enc)-4:], "PARE")
	s.add("parquet/encrypted", ".parquet", Open, "encrypted Parquet is not supported", false, enc, nil)

	// A schema of groups nested 300 deep.
	deep := []format.SchemaElement{{Name: "schema", NumChildren: thrift.New(int32(1))}}
	for i := range 300 {
		deep = append(deep, format.SchemaElement{Name: "g" + strconv.Itoa(i), RepetitionType: thrift.New(format.Optional), NumChildren: thrift.New(int32(1))})
	}
	deep = append(deep, format.SchemaElement{Name: "x", Type: thrift.New(format.Int32), RepetitionType: thrift.New(format.Optional)})
	data, err := ParquetFooter(CraftedMeta(1, deep...), nil)
	s.add("parquet/deep-schema", ".parquet", Open, "nested more than", false, data, err)

	// 10,000 columns.
	wide := []format.SchemaElement{{Name: "schema", NumChildren: thrift.New(int32(10000))}}
	for i := range 10000 {
		wide = append(wide, format.SchemaElement{Name: "c" + strconv.Itoa(i), Type: thrift.New(format.Int32), RepetitionType: thrift.New(format.Required)})
	}
	data, err = ParquetFooter(CraftedMeta(1, wide...), nil)
	s.add("parquet/10000-columns", ".parquet", Open, "--max-columns", false, data, err)

	// A row group of 200,000 empty column chunks: a few bytes each in the
	// file, hundreds in memory.
	md := CraftedMeta(1, format.SchemaElement{Name: "schema", NumChildren: thrift.New(int32(1))},
		format.SchemaElement{Name: "x", Type: thrift.New(format.Int32), RepetitionType: thrift.New(format.Required)})
	md.RowGroups[0].Columns = make([]format.ColumnChunk, 200000)
	data, err = ParquetFooter(md, nil)
	s.add("parquet/footer-of-empty-structs", ".parquet", Open, "memory", false, data, err)

	// A footer of nested struct headers, deep enough to overflow the stack
	// of a recursive thrift decoder.
	nested := bytes.Repeat([]byte{0x1C}, 1<<20)
	data = append(append([]byte("PAR1"), nested...), binary.LittleEndian.AppendUint32(nil, uint32(len(nested)))...)
	s.add("parquet/footer-nested-thrift", ".parquet", Open, "nested more than", false, append(data, "PAR1"...), nil)
}

// CraftedMeta is the metadata of a file with the given schema (root
// first) and one row group of rows rows, with a column chunk per leaf
// whose data pages would start just after the head magic.
func CraftedMeta(rows int64, schema ...format.SchemaElement) *format.FileMetaData {
	leaves := 0
	for _, el := range schema {
		if el.Type.Valid {
			leaves++
		}
	}
	chunks := make([]format.ColumnChunk, leaves)
	for i := range chunks {
		chunks[i].MetaData.NumValues = rows
		chunks[i].MetaData.DataPageOffset = 4
	}
	return &format.FileMetaData{Version: 1, Schema: schema, NumRows: rows,
		RowGroups: []format.RowGroup{{Columns: chunks, NumRows: rows}}}
}

// firstDataPage edits the first data page of column col in every row
// group.
func firstDataPage(col int, f func(p *Page)) pageEdit {
	return func(_, c int, _ *format.ColumnMetaData, pages []Page) []Page {
		if c != col {
			return pages
		}
		for i := range pages {
			if pages[i].Header.Type != format.DictionaryPage {
				f(&pages[i])
				break
			}
		}
		return pages
	}
}

// plainRow is a row of a Parquet file whose string column is PLAIN
// encoded, not dictionary encoded.
type plainRow struct {
	ID   int64  `parquet:"id"`
	Note string `parquet:"note,plain"`
}

// parquetValueCountCase writes a file whose first string page holds one
// value more than its header says. parquet-go cuts the page to the count
// of its header, printing a warning straight to file descriptor 2; saglig
// must refuse the page on one line.
func (s *suite) parquetValueCountCase() {
	rows := make([]plainRow, CorruptRows)
	for i := range rows {
		rows[i] = plainRow{ID: int64(i), Note: str(i)}
	}
	var buf bytes.Buffer
	w := parquet.NewGenericWriter[plainRow](&buf, parquet.Compression(&parquet.Uncompressed), parquet.MaxRowsPerRowGroup(30))
	_, err := w.Write(rows)
	if err == nil {
		err = w.Close()
	}
	if err != nil {
		s.add("parquet/page-values-one-more", ".parquet", Scan, "", false, nil, err)
		return
	}
	data, err := rewriteParquet(buf.Bytes(), firstDataPage(1, func(p *Page) {
		if p.Header.DataPageHeaderV2.Valid {
			p.Header.DataPageHeaderV2.V.NumValues--
			p.Header.DataPageHeaderV2.V.NumRows--
		} else {
			p.Header.DataPageHeader.V.NumValues--
		}
	}))
	s.add("parquet/page-values-one-more", ".parquet", Scan, "byte array page holds", false, data, err)
}

// parquetPageCases damage the pages of an uncompressed Parquet file: what
// only the scan sees.
func (s *suite) parquetPageCases(pq []byte) {
	rewrite := func(name, want string, edit pageEdit) {
		data, err := rewriteParquet(pq, edit)
		s.add("parquet/"+name, ".parquet", Scan, want, false, data, err)
		s.pageCheck(name != "dictionary-index-out-of-range")
	}
	rewrite("page-compressed-size-2GiB", "runs past the end of its column chunk", firstDataPage(0, func(p *Page) {
		p.Header.CompressedPageSize = 0x7FFFFFFF
	}))
	rewrite("page-uncompressed-size-2GiB", "--max-page-size", firstDataPage(0, func(p *Page) {
		p.Header.UncompressedPageSize = 0x7FFFFFFF
	}))
	rewrite("page-values-2G", "--max-page-size", firstDataPage(0, func(p *Page) {
		if p.Header.DataPageHeaderV2.Valid {
			p.Header.DataPageHeaderV2.V.NumValues = 0x7FFFFFFF
			p.Header.DataPageHeaderV2.V.NumRows = 0x7FFFFFFF
		} else {
			p.Header.DataPageHeader.V.NumValues = 0x7FFFFFFF
		}
	}))
	rewrite("page-negative-size", "invalid compressed size", firstDataPage(0, func(p *Page) {
		p.Header.CompressedPageSize = -5
	}))
	rewrite("page-header-nested-thrift", "nested more than", firstDataPage(0, func(p *Page) {
		p.Raw = bytes.Repeat([]byte{0x1C}, 1<<16)
	}))
	rewrite("page-header-huge-statistics", "inside the page header", firstDataPage(0, func(p *Page) {
		p.Raw = hugeStatistics(p.Header)
	}))
	// The dictionary of the name column cut to one value: the data pages'
	// indices point past it.
	rewrite("dictionary-index-out-of-range", "out of range", func(_, c int, _ *format.ColumnMetaData, pages []Page) []Page {
		if c != 1 {
			return pages
		}
		for i := range pages {
			if h := pages[i].Header; h.Type == format.DictionaryPage {
				n := binary.LittleEndian.Uint32(pages[i].Data)
				pages[i].Data = pages[i].Data[:4+n]
				h.DictionaryPageHeader.V.NumValues = 1
				h.CompressedPageSize, h.UncompressedPageSize = int32(4+n), int32(4+n)
				h.CRC = 0
			}
		}
		return pages
	})

	md, err := Footer(pq)
	if err != nil {
		s.err = err
		return
	}
	md.RowGroups[1].Columns[0].MetaData.DataPageOffset = 1 << 40
	md.RowGroups[1].Columns[0].MetaData.DictionaryPageOffset = 0
	data, err := withFooter(pq, md)
	s.add("parquet/column-chunk-outside-file", ".parquet", Scan, "outside the file", false, data, err)
	s.pageCheck(true)

	md, _ = Footer(pq)
	md.RowGroups[0].Columns[2].CryptoMetadata.Value = &format.EncryptionWithFooterKey{}
	data, err = withFooter(pq, md)
	s.add("parquet/encrypted-column", ".parquet", Scan, "encrypted Parquet is not supported", false, data, err)
	s.pageCheck(true)

	md, _ = Footer(pq)
	md.RowGroups[2].NumRows *= 1000
	md.NumRows = 0
	for _, rg := range md.RowGroups {
		md.NumRows += rg.NumRows
	}
	data, err = withFooter(pq, md)
	s.add("parquet/row-group-claims-more-rows", ".parquet", Scan, "", false, data, err)

	// Each byte of the first page header of each column flipped.
	for col := range md.RowGroups[0].Columns {
		cc := &md.RowGroups[0].Columns[col]
		start := cc.MetaData.DataPageOffset
		if cc.MetaData.DictionaryPageOffset != 0 {
			start = cc.MetaData.DictionaryPageOffset
		}
		pages, err := Pages(pq, cc)
		if err != nil {
			s.err = err
			return
		}
		headerLen := 0
		if len(pages) > 0 {
			headerLen = pages[0].HeaderLen
		}
		for i := int64(0); i < int64(headerLen); i++ {
			bad := bytes.Clone(pq)
			bad[start+i] ^= 0xFF
			s.add(fmt.Sprintf("parquet/page-header-flip-c%d-%d", col, i), ".parquet", Scan, "", true, bad, nil)
		}
	}
}

// hugeStatistics encodes a page header whose statistics claim a value of
// a gigabyte.
func hugeStatistics(h *format.PageHeader) []byte {
	marker := []byte("MAGICMAGIC")
	hh := *h
	if hh.DataPageHeaderV2.Valid {
		dp := hh.DataPageHeaderV2.V
		dp.Statistics.MaxValue = marker
		hh.DataPageHeaderV2.V = dp
	} else {
		dp := hh.DataPageHeader.V
		dp.Statistics.MaxValue = marker
		hh.DataPageHeader.V = dp
	}
	enc, err := thrift.Marshal(new(thrift.CompactProtocol), &hh)
	if err != nil {
		panic(err)
	}
	i := bytes.Index(enc, marker)
	out := append([]byte(nil), enc[:i-1]...)
	out = binary.AppendUvarint(out, 1<<30)
	return append(out, enc[i+len(marker):]...)
}

// parquetCodecCases are compression bombs and corrupt compressed pages,
// one per codec.
func (s *suite) parquetCodecCases() {
	zb, gb, err := compressionBombs()
	if err != nil {
		s.err = err
		return
	}
	codecs := []struct {
		name  string
		codec parquet.WriterOption
		data  []byte
		want  string
	}{
		{"zstd-bomb", parquet.Compression(&parquet.Zstd), zb, "decompress to more than"},
		{"gzip-bomb", parquet.Compression(&parquet.Gzip), gb, "decompress to more than"},
		// A snappy block says it decodes to 4 GiB.
		{"snappy-bomb", parquet.Compression(&parquet.Snappy), append(binary.AppendUvarint(nil, 1<<32-1), 0, 0, 0, 0), "decompress to more than"},
		{"lz4-corrupt", parquet.Compression(&parquet.Lz4Raw), bytes.Repeat([]byte{0xF0}, 64), "lz4"},
		{"brotli-corrupt", parquet.Compression(&parquet.Brotli), bytes.Repeat([]byte{0xFF}, 64), "cannot decompress"},
	}
	for _, c := range codecs {
		base, err := baseParquet(c.codec)
		if err != nil {
			s.err = err
			return
		}
		data, err := rewriteParquet(base, firstDataPage(0, func(p *Page) {
			p.Data = c.data
			p.Header.CompressedPageSize = int32(len(c.data))
			p.Header.CRC = 0
		}))
		s.add("parquet/"+c.name, ".parquet", Scan, c.want, false, data, err)
		s.pageCheck(true)
	}
	// The zstd bomb with a frame header that declares 100 bytes of
	// content: the page check takes the declaration, which the decoder
	// enforces, so the scan's decoder refuses it after a block.
	lying, err := zstdDeclaring(zb, 100)
	if err != nil {
		s.err = err
		return
	}
	base, err := baseParquet(parquet.Compression(&parquet.Zstd))
	if err != nil {
		s.err = err
		return
	}
	data, err := rewriteParquet(base, firstDataPage(0, func(p *Page) {
		p.Data = lying
		p.Header.CompressedPageSize = int32(len(lying))
		p.Header.CRC = 0
	}))
	s.add("parquet/zstd-bomb-lying-size", ".parquet", Scan, "decompresses to more than its header declares", false, data, err)
	s.pageCheck(false)
	// A page declared 100 MiB uncompressed, from a few dozen bytes.
	data, err = rewriteParquet(base, firstDataPage(0, func(p *Page) { p.Header.UncompressedPageSize = 100 << 20 }))
	s.add("parquet/decompression-ratio", ".parquet", Scan, "--max-decompression-ratio", false, data, err)
	s.pageCheck(true)
}

// zstdDeclaring rewrites the header of a single zstd frame written by a
// streaming encoder (no content size) to declare n bytes of content.
func zstdDeclaring(frame []byte, n uint32) ([]byte, error) {
	if len(frame) < 6 || binary.LittleEndian.Uint32(frame) != 0xFD2FB528 {
		return nil, fmt.Errorf("not a zstd frame")
	}
	fhd := frame[4]
	if fhd>>6 != 0 || fhd&(1<<5) != 0 || fhd&3 != 0 {
		return nil, fmt.Errorf("zstd frame header %#x: want one with a window and no content size or dictionary", fhd)
	}
	out := append([]byte(nil), frame[:4]...)
	out = append(out, fhd|2<<6, frame[5]) // a 4-byte content size; the window
	out = binary.LittleEndian.AppendUint32(out, n)
	return append(out, frame[6:]...), nil
}

var bombs struct {
	once       sync.Once
	zstd, gzip []byte
	err        error
}

// zeroReader reads zeros.
type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// compressionBombs returns BombSize zero bytes compressed with zstd and
// gzip, made once.
func compressionBombs() ([]byte, []byte, error) {
	bombs.once.Do(func() {
		var zb bytes.Buffer
		zw, err := zstd.NewWriter(&zb, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderConcurrency(1))
		if err != nil {
			bombs.err = err
			return
		}
		if _, err := io.CopyN(zw, zeroReader{}, BombSize); err != nil {
			bombs.err = err
			return
		}
		if err := zw.Close(); err != nil {
			bombs.err = err
			return
		}
		var gb bytes.Buffer
		gw, err := gzip.NewWriterLevel(&gb, gzip.BestCompression)
		if err != nil {
			bombs.err = err
			return
		}
		if _, err := io.CopyN(gw, zeroReader{}, BombSize); err != nil {
			bombs.err = err
			return
		}
		if err := gw.Close(); err != nil {
			bombs.err = err
			return
		}
		bombs.zstd, bombs.gzip = zb.Bytes(), gb.Bytes()
	})
	return bombs.zstd, bombs.gzip, bombs.err
}
