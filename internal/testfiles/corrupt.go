package testfiles

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"sync"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/klauspost/compress/zstd"
	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/encoding/thrift"
	"github.com/parquet-go/parquet-go/format"
)

// Stage is where a corrupt file's problem shows.
type Stage int

const (
	// Open: lint/dataset refuses the file when it opens it.
	Open Stage = iota
	// Scan: the file opens (its footer and schema are sound) and only the
	// data scan can see the problem, in a page or a record batch.
	Scan
)

func (s Stage) String() string {
	if s == Open {
		return "open"
	}
	return "scan"
}

// Case is one file of the corrupt-file suite.
type Case struct {
	Name  string
	Path  string
	Stage Stage
	// Want is a part of the error message, or "" when the message is not
	// pinned (a flipped byte can break a file in many ways).
	Want string
	// MayRead is true when the damage may leave a valid file — a flipped
	// byte in a statistic, a stream cut between two messages — which must
	// then be read without error.
	MayRead bool
	// PageCheck is true for a Parquet file whose pages lint/dataset's
	// page check (Limits.CheckParquetPages) refuses before any decoder
	// reads them.
	PageCheck bool
}

// BombSize is what the compression bombs of the suite decompress to: more
// than the default page size limit.
const BombSize = 300 << 20

// CorruptRows is the number of rows of the suite's base files.
const CorruptRows = 90

// corruptRow is a row of the suite's base Parquet files: three row groups
// of 30 rows, a dictionary-encoded string column and an optional one.
type corruptRow struct {
	ID    int64    `parquet:"id"`
	Name  string   `parquet:"name,dict"`
	Score *float64 `parquet:"score,optional"`
}

func baseParquet(codec parquet.WriterOption) ([]byte, error) {
	rows := make([]corruptRow, CorruptRows)
	for i := range rows {
		rows[i] = corruptRow{ID: int64(i), Name: str(i), Score: ptr(i, float64(i)/3)}
	}
	var buf bytes.Buffer
	w := parquet.NewGenericWriter[corruptRow](&buf, codec, parquet.MaxRowsPerRowGroup(30))
	if _, err := w.Write(rows); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func baseArrow(stream bool, opts ...ipc.Option) ([]byte, error) {
	c := basicArrowCell("base", "")
	var buf bytes.Buffer
	rec := c.record()
	defer rec.Release()
	opts = append([]ipc.Option{ipc.WithSchema(c.schema)}, opts...)
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
	for range 3 {
		if err := w.Write(rec); err != nil {
			return nil, err
		}
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
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

// suite collects cases as it writes their files.
type suite struct {
	dir   string
	cases []Case
	err   error
}

func (s *suite) add(name, ext string, stage Stage, want string, mayRead bool, data []byte, err error) {
	if s.err != nil {
		return
	}
	if err != nil {
		s.err = fmt.Errorf("%s: %w", name, err)
		return
	}
	p := filepath.Join(s.dir, name+ext)
	if err := writeFile(p, data); err != nil {
		s.err = err
		return
	}
	s.cases = append(s.cases, Case{Name: name, Path: p, Stage: stage, Want: want, MayRead: mayRead})
}

// pageCheck marks the last case added as refused by the page check.
func (s *suite) pageCheck(refused bool) {
	if s.err == nil && len(s.cases) > 0 {
		s.cases[len(s.cases)-1].PageCheck = refused
	}
}

// WriteCorrupt writes the corrupt-file suite under dir.
func WriteCorrupt(dir string) ([]Case, error) {
	s := &suite{dir: dir}
	pq, err := baseParquet(parquet.Compression(&parquet.Uncompressed))
	if err != nil {
		return nil, err
	}
	af, err := baseArrow(false)
	if err != nil {
		return nil, err
	}
	as, err := baseArrow(true)
	if err != nil {
		return nil, err
	}
	bases := []struct {
		name, ext string
		data      []byte
	}{{"parquet", ".parquet", pq}, {"arrow-file", ".arrow", af}, {"arrow-stream", ".arrows", as}}

	for _, b := range bases {
		s.add(b.name+"/empty", b.ext, Open, "", false, nil, nil)
		bad := bytes.Clone(b.data)
		bad[0] ^= 0xFF
		s.add(b.name+"/wrong-magic", b.ext, Open, "", false, bad, nil)
		for _, n := range truncations(len(b.data)) {
			may := false
			if b.name == "arrow-stream" {
				may = streamBoundary(b.data, n)
			}
			s.add(b.name+"/truncated-at-"+strconv.Itoa(n), b.ext, Open, "", may, b.data[:n], nil)
		}
	}
	s.parquetFooterCases(pq)
	s.parquetPageCases(pq)
	s.parquetValueCountCase()
	s.parquetCodecCases()
	s.arrowCases(af, as)
	if s.err != nil {
		return nil, s.err
	}
	return s.cases, nil
}

// truncations are the lengths a file of size bytes is cut to: every
// sixteenth of it, and each of its last 16 bytes cut off one by one.
func truncations(size int) []int {
	seen := map[int]bool{}
	var out []int
	add := func(n int) {
		if n > 0 && n < size && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	for k := 1; k < 16; k++ {
		add(size * k / 16)
	}
	for k := 1; k <= 16; k++ {
		add(size - k)
	}
	return out
}

// streamBoundary reports whether an Arrow IPC stream cut to n bytes ends
// between two messages: a valid stream without its end-of-stream marker.
func streamBoundary(data []byte, n int) bool {
	pos := 0
	for pos < len(data) {
		if pos == n {
			return true
		}
		if len(data)-pos < 8 {
			return false
		}
		m := int(int32(binary.LittleEndian.Uint32(data[pos+4:])))
		if m == 0 { // end of stream
			return pos+8 == n
		}
		// The body length is field 3 of the Message table; rather than
		// parse it, find the next continuation marker after the metadata.
		next := bytes.Index(data[pos+8+m:], []byte{0xFF, 0xFF, 0xFF, 0xFF})
		if next < 0 {
			return false
		}
		pos += 8 + m + next
	}
	return pos == n
}

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
	data, err := footerOnly(crafted(1, deep))
	s.add("parquet/deep-schema", ".parquet", Open, "nested more than", false, data, err)

	// 10,000 columns.
	wide := []format.SchemaElement{{Name: "schema", NumChildren: thrift.New(int32(10000))}}
	for i := range 10000 {
		wide = append(wide, format.SchemaElement{Name: "c" + strconv.Itoa(i), Type: thrift.New(format.Int32), RepetitionType: thrift.New(format.Required)})
	}
	data, err = footerOnly(crafted(1, wide))
	s.add("parquet/10000-columns", ".parquet", Open, "--max-columns", false, data, err)

	// A row group of 200,000 empty column chunks: a few bytes each in the
	// file, hundreds in memory.
	md := crafted(1, []format.SchemaElement{{Name: "schema", NumChildren: thrift.New(int32(1))},
		{Name: "x", Type: thrift.New(format.Int32), RepetitionType: thrift.New(format.Required)}})
	md.RowGroups[0].Columns = make([]format.ColumnChunk, 200000)
	data, err = footerOnly(md)
	s.add("parquet/footer-of-empty-structs", ".parquet", Open, "memory", false, data, err)

	// A footer of nested struct headers, deep enough to overflow the stack
	// of a recursive thrift decoder.
	nested := bytes.Repeat([]byte{0x1C}, 1<<20)
	data = append(append([]byte("PAR1"), nested...), binary.LittleEndian.AppendUint32(nil, uint32(len(nested)))...)
	s.add("parquet/footer-nested-thrift", ".parquet", Open, "nested more than", false, append(data, "PAR1"...), nil)
}

// crafted is the metadata of a file with the given schema (root first) and
// one row group of rows rows, with a column chunk per leaf.
func crafted(rows int64, schema []format.SchemaElement) *format.FileMetaData {
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
