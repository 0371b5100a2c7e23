package dataset

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/s2"
	"github.com/klauspost/compress/zstd"
	"github.com/parquet-go/parquet-go/format"
	"github.com/pierrec/lz4/v4"
	"github.com/saglig/saglig/internal/i18n"
)

// PageReader reads the pages of one Parquet column chunk: each page's
// header, its data checked against its CRC when it has one, and the data
// decompressed into a reused buffer of exactly the size the header
// declares, which the data may not outgrow. It decompresses every codec
// of the format but LZO: also the deprecated LZ4 codec, in Hadoop's framing
// or as a bare LZ4 block, as Arrow C++ reads it. A page whose compressed
// section is empty (a v2 page of nulls only) is not decompressed.
//
// It reads pages; decoding their levels and values is the caller's. Run
// Limits.CheckParquetPages on the chunk first: the reader trusts its
// headers' sizes only as far as that check does.
type PageReader struct {
	r        io.ReaderAt
	codec    format.CompressionCodec
	pos, end int64
	lim      Limits
	index    int

	comp, out []byte
	zstd      *zstd.Decoder
	gzip      *gzip.Reader
}

// Page is one page of a column chunk as PageReader returns it. Its slices
// are valid until the next call of Next.
type Page struct {
	Header *format.PageHeader
	// Index is the page's position in its column chunk.
	Index int
	// Levels are a v2 data page's repetition then definition levels,
	// which are never compressed; nil for other pages.
	Levels []byte
	// Data is the rest of the page, decompressed: for a v1 data page its
	// levels and values, for a v2 page its values, for a dictionary page
	// its entries.
	Data []byte
}

// ChunkRange is where a column chunk's pages lie, as parquet-go and Arrow
// read it: from the dictionary page offset when it is set (else the first
// data page) for TotalCompressedSize bytes.
func ChunkRange(md *format.ColumnMetaData) (start, end int64) {
	start = md.DataPageOffset
	if md.DictionaryPageOffset != 0 {
		start = md.DictionaryPageOffset
	}
	return start, start + md.TotalCompressedSize
}

// NewPageReader returns a reader of the pages of column chunk cc of a file
// of size bytes.
func (l Limits) NewPageReader(r io.ReaderAt, size int64, cc *format.ColumnChunk) (*PageReader, error) {
	if cc.CryptoMetadata.Value != nil || len(cc.EncryptedColumnMetadata) > 0 {
		return nil, ErrEncryptedParquet
	}
	md := &cc.MetaData
	start, end := ChunkRange(md)
	if start < 4 || md.TotalCompressedSize < 0 || md.TotalCompressedSize > size-8-start {
		return nil, chunkOutside(start, md.TotalCompressedSize)
	}
	switch md.Codec {
	case format.Uncompressed, format.Snappy, format.Gzip, format.Brotli, format.Zstd, format.Lz4Raw, format.Lz4:
	default:
		return nil, i18n.Errorf("unsupported compression codec: %s (rewrite the file with another codec)", md.Codec.String())
	}
	return &PageReader{r: r, codec: md.Codec, pos: start, end: end, lim: l.WithDefaults()}, nil
}

// Close releases the decoders.
func (p *PageReader) Close() {
	if p.zstd != nil {
		p.zstd.Close()
		p.zstd = nil
	}
}

// Next reads the next page; io.EOF after the last.
func (p *PageReader) Next() (*Page, error) {
	if p.pos >= p.end {
		return nil, io.EOF
	}
	i := p.index
	pg, err := p.next()
	if err != nil {
		return nil, pageError(i, p.pos, err)
	}
	return pg, nil
}

func (p *PageReader) next() (*Page, error) {
	h, n, err := readPageHeader(p.r, p.pos, p.end, p.lim)
	if err != nil {
		return nil, err
	}
	data := p.pos + int64(n)
	compressed, uncompressed := int64(h.CompressedPageSize), int64(h.UncompressedPageSize)
	switch {
	case compressed < 0 || uncompressed < 0:
		return nil, i18n.Errorf("invalid page sizes %d and %d", compressed, uncompressed)
	case compressed > p.end-data:
		return nil, pastChunk(compressed)
	case compressed > p.lim.MaxPageSize || uncompressed > p.lim.MaxPageSize:
		return nil, limitError("--max-page-size", i18n.M("a page of %s (%s uncompressed) exceeds the page size limit of %s",
			Size(compressed), Size(uncompressed), Size(p.lim.MaxPageSize)))
	}
	if int64(cap(p.comp)) < compressed {
		p.comp = make([]byte, compressed)
	}
	raw := p.comp[:compressed]
	if err := readFull(p.r, raw, data); err != nil {
		return nil, err
	}
	// A CRC of 0 is taken for none, as parquet-go and Arrow C++ take it
	// (the thrift decoder cannot tell an absent field from a zero).
	if h.CRC != 0 && crc32.ChecksumIEEE(raw) != uint32(h.CRC) {
		return nil, i18n.Errorf("CRC32 checksum mismatch: the page is corrupt (its header says %08x, its data %08x)", uint32(h.CRC), crc32.ChecksumIEEE(raw))
	}
	p.pos = data + compressed
	pg := &Page{Header: h, Index: p.index}
	p.index++
	compress := p.codec != format.Uncompressed
	switch h.Type {
	case format.DataPageV2:
		if !h.DataPageHeaderV2.Valid {
			return nil, errNoHeaderV2
		}
		v := &h.DataPageHeaderV2.V
		levels := int64(v.RepetitionLevelsByteLength) + int64(v.DefinitionLevelsByteLength)
		if v.RepetitionLevelsByteLength < 0 || v.DefinitionLevelsByteLength < 0 || levels > compressed || levels > uncompressed {
			return nil, levelsDoNotFit(levels)
		}
		pg.Levels, raw, uncompressed = raw[:levels], raw[levels:], uncompressed-levels
		if v.IsCompressed.Valid && !v.IsCompressed.V {
			compress = false
		}
	case format.DataPage:
		if !h.DataPageHeader.Valid {
			return nil, errNoHeaderV1
		}
	case format.DictionaryPage:
		if !h.DictionaryPageHeader.Valid {
			return nil, errNoHeaderDict
		}
	default:
		return pg, nil // an index page, or one of a later version: skipped
	}
	if !compress && p.codec != format.Uncompressed && int64(len(raw)) != uncompressed {
		// Arrow C++ before 3.0 (PyArrow 2.0) compressed the values of a v2
		// page that it flagged uncompressed (ARROW-10353); Arrow reads such
		// pages for compatibility, and so does saglig: a page whose size
		// is not what it declares is decompressed, which must then give
		// exactly that size.
		compress = true
	}
	switch {
	case !compress:
		if int64(len(raw)) != uncompressed {
			return nil, i18n.Errorf("an uncompressed page of %s declares %d", nBytes(len(raw)), uncompressed)
		}
		pg.Data = raw
	case len(raw) == 0:
		// Nothing was compressed (a v2 page of nulls only): there is
		// nothing to decompress, whatever the codec.
		if uncompressed != 0 {
			return nil, i18n.Errorf("an empty page declares %s", nBytes(uncompressed))
		}
		pg.Data = raw
	default:
		if int64(cap(p.out)) < uncompressed {
			p.out = make([]byte, uncompressed)
		}
		out := p.out[:uncompressed]
		n, err := p.decompress(out, raw)
		if err != nil {
			return nil, i18n.Errorf("cannot decompress %s: %v", p.codec.String(), err)
		}
		if n != len(out) {
			return nil, i18n.Errorf("%s decompress to %s, not the %s the header declares", Size(len(raw)), Size(n), Size(uncompressed))
		}
		pg.Data = out
	}
	return pg, nil
}

// errTooLarge is the error of a page that decompresses to more than its
// header declares.
var errTooLarge = i18n.Errorf("the page decompresses to more than its header declares")

// decompress decompresses src into dst, which is as long as the page
// declares, and returns the length of the output; more output is an error.
func (p *PageReader) decompress(dst, src []byte) (int, error) {
	switch p.codec {
	case format.Snappy:
		n, err := s2.DecodedLen(src)
		if err != nil {
			return 0, err
		}
		if n > len(dst) {
			return 0, errTooLarge
		}
		out, err := s2.Decode(dst[:n], src)
		return len(out), err
	case format.Lz4Raw:
		n, err := lz4.UncompressBlock(src, dst)
		if err != nil {
			return 0, i18n.Errorf("a corrupt block, or larger than the page declares")
		}
		return n, nil
	case format.Lz4:
		return decompressLZ4(dst, src)
	case format.Zstd:
		if p.zstd == nil {
			z, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(1), zstd.WithDecodeAllCapLimit(true))
			if err != nil {
				return 0, err
			}
			p.zstd = z
		}
		out, err := p.zstd.DecodeAll(src, dst[:0:len(dst)])
		if err != nil {
			if errors.Is(err, zstd.ErrDecoderSizeExceeded) {
				return 0, errTooLarge
			}
			return 0, err
		}
		if len(out) > 0 && &out[0] != &dst[0] {
			return 0, errTooLarge
		}
		return len(out), nil
	case format.Gzip:
		if p.gzip == nil {
			z, err := gzip.NewReader(bytes.NewReader(src))
			if err != nil {
				return 0, err
			}
			p.gzip = z
		} else if err := p.gzip.Reset(bytes.NewReader(src)); err != nil {
			return 0, err
		}
		return readExactly(p.gzip, dst)
	case format.Brotli:
		return readExactly(brotli.NewReader(bytes.NewReader(src)), dst)
	}
	return 0, i18n.Errorf("unsupported compression codec: %s", p.codec.String())
}

// readExactly fills dst from a decompressing reader, which must then end.
func readExactly(r io.Reader, dst []byte) (int, error) {
	n, err := io.ReadFull(r, dst)
	switch {
	case err == io.ErrUnexpectedEOF || err == io.EOF:
		return n, nil
	case err != nil:
		return n, err
	}
	var one [1]byte
	if k, _ := r.Read(one[:]); k > 0 {
		return 0, errTooLarge
	}
	return n, nil
}

// decompressLZ4 decompresses a page of the deprecated LZ4 codec. Hadoop
// wrote it as a sequence of frames, each a big-endian uncompressed length,
// a big-endian compressed length and an LZ4 block; other writers (older
// Arrow C++) wrote a bare LZ4 block. As Arrow C++ does, the Hadoop framing
// is tried first, then the bare block.
func decompressLZ4(dst, src []byte) (int, error) {
	if n, ok := hadoopLZ4(dst, src); ok {
		return n, nil
	}
	n, err := lz4.UncompressBlock(src, dst)
	if err != nil {
		return 0, i18n.Errorf("neither Hadoop-framed LZ4 nor an LZ4 block, or larger than the page declares")
	}
	return n, nil
}

// hadoopLZ4 decompresses Hadoop-framed LZ4 data, if it is that.
func hadoopLZ4(dst, src []byte) (int, bool) {
	total := 0
	for len(src) > 0 {
		if len(src) < 8 {
			return 0, false
		}
		want := int(binary.BigEndian.Uint32(src))
		size := int(binary.BigEndian.Uint32(src[4:]))
		src = src[8:]
		if size > len(src) || want > len(dst)-total || want < 0 || size < 0 {
			return 0, false
		}
		n, err := lz4.UncompressBlock(src[:size], dst[total:total+want])
		if err != nil || n != want {
			return 0, false
		}
		total += n
		src = src[size:]
	}
	return total, true
}
