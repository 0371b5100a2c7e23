package dataset

import (
	"compress/gzip"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/zstd"
	"github.com/parquet-go/parquet-go/encoding/thrift"
	"github.com/parquet-go/parquet-go/format"
	"github.com/pierrec/lz4/v4"
)

// Bounds of a page header read by CheckParquetPages: the first read, and
// the most a header may take (its statistics hold values of the column).
const (
	pageHeaderFirstRead = 4 << 10
	maxPageHeader       = 16 << 20
)

// bytesPerValue is the least memory a decoder spends on each value of a
// page (its levels and its offset or value), whatever its encoding: a page
// may hold at most MaxPageSize/bytesPerValue values.
const bytesPerValue = 8

// CheckParquetPages walks the pages of one column chunk of a Parquet file of
// size bytes, reading their headers from r, and checks each before a
// decoder sees it: its header lies within the chunk and is not nested too
// deeply (parquet-go's page header decoder allocates what a header claims);
// its compressed and uncompressed sizes and its number of values are within
// MaxPageSize; it decompresses to no more than MaxDecompressionRatio times
// its compressed size, and to no more than its header declares (a
// compression bomb declares little and holds much: the page is decompressed
// here, its output counted and dropped). The chunk is read as parquet-go
// reads it, from the dictionary page offset (or the data page offset) for
// TotalCompressedSize bytes.
func (l Limits) CheckParquetPages(ctx context.Context, r io.ReaderAt, size int64, cc *format.ColumnChunk) error {
	if cc.CryptoMetadata.Value != nil || len(cc.EncryptedColumnMetadata) > 0 {
		return errEncryptedParquet
	}
	md := &cc.MetaData
	start := md.DataPageOffset
	if md.DictionaryPageOffset != 0 {
		start = md.DictionaryPageOffset
	}
	if start < 4 || md.TotalCompressedSize < 0 || md.TotalCompressedSize > size-8-start {
		return fmt.Errorf("column chunk at offset %d of %d bytes lies outside the file", start, md.TotalCompressedSize)
	}
	end := start + md.TotalCompressedSize
	var dec pageDecoders
	defer dec.close()
	for pos, i := start, 0; pos < end; i++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		h, n, err := readPageHeader(r, pos, end, l)
		if err != nil {
			return fmt.Errorf("page %d at offset %d: %w", i, pos, err)
		}
		if err := l.checkPage(&dec, r, md.Codec, h, pos+int64(n), end); err != nil {
			return fmt.Errorf("page %d at offset %d: %w", i, pos, err)
		}
		pos += int64(n) + int64(h.CompressedPageSize)
	}
	return nil
}

// readPageHeader reads the page header at pos, which must end by end.
func readPageHeader(r io.ReaderAt, pos, end int64, l Limits) (*format.PageHeader, int, error) {
	want := min(end-pos, pageHeaderFirstRead)
	for {
		buf := make([]byte, want)
		if err := readFull(r, buf, pos); err != nil {
			return nil, 0, err
		}
		n, err := thriftStructLen(buf, "page header")
		switch {
		case errors.Is(err, errThriftEOF) && want < end-pos && want < maxPageHeader:
			want = min(end-pos, want*8, maxPageHeader)
			continue
		case errors.Is(err, errThriftEOF) && want == end-pos:
			return nil, 0, errors.New("the column chunk ends inside the page header")
		case errors.Is(err, errThriftEOF):
			return nil, 0, fmt.Errorf("page header larger than %s", Bytes(maxPageHeader))
		case err != nil:
			return nil, 0, err
		}
		h := new(format.PageHeader)
		if err := thrift.Unmarshal(new(thrift.CompactProtocol), buf[:n], h); err != nil {
			return nil, 0, fmt.Errorf("page header: %w", err)
		}
		return h, n, nil
	}
}

// checkPage checks one page whose data starts at data, given its header.
func (l Limits) checkPage(dec *pageDecoders, r io.ReaderAt, codec format.CompressionCodec, h *format.PageHeader, data, end int64) error {
	l = l.WithDefaults()
	compressed, uncompressed := int64(h.CompressedPageSize), int64(h.UncompressedPageSize)
	switch {
	case compressed < 0:
		return fmt.Errorf("invalid compressed size %d", compressed)
	case uncompressed < 0:
		return fmt.Errorf("invalid uncompressed size %d", uncompressed)
	case compressed > end-data:
		return fmt.Errorf("page of %s runs past the end of its column chunk", Bytes(compressed))
	}
	var values int64
	var levels int64 // level bytes of a v2 page, never compressed
	isCompressed := codec != format.Uncompressed
	switch h.Type {
	case format.DataPage:
		if !h.DataPageHeader.Valid {
			return errors.New("data page without its header")
		}
		values = int64(h.DataPageHeader.V.NumValues)
	case format.DataPageV2:
		if !h.DataPageHeaderV2.Valid {
			return errors.New("data page v2 without its header")
		}
		v := &h.DataPageHeaderV2.V
		values = int64(v.NumValues)
		levels = int64(v.DefinitionLevelsByteLength) + int64(v.RepetitionLevelsByteLength)
		if v.DefinitionLevelsByteLength < 0 || v.RepetitionLevelsByteLength < 0 || levels > compressed || levels > uncompressed {
			return fmt.Errorf("levels of %d bytes do not fit the page", levels)
		}
		if v.IsCompressed.Valid && !v.IsCompressed.V {
			isCompressed = false
		}
	case format.DictionaryPage:
		if !h.DictionaryPageHeader.Valid {
			return errors.New("dictionary page without its header")
		}
		values = int64(h.DictionaryPageHeader.V.NumValues)
	}
	if values < 0 {
		return fmt.Errorf("invalid number of values %d", values)
	}
	c := compressed
	if !isCompressed {
		c = -1
	}
	if err := l.CheckPageSize("page", c, uncompressed); err != nil {
		return unprefix(err, "page: ")
	}
	if values > l.MaxPageSize/bytesPerValue {
		return limitError("--max-page-size", "%d values take more than the page size limit of %s to decode", values, Bytes(l.MaxPageSize))
	}
	if !isCompressed || h.Type == format.IndexPage || compressed == levels {
		return nil
	}
	// Only the values of a v2 page are compressed.
	src := io.NewSectionReader(r, data+levels, compressed-levels)
	got, err := dec.decompressedSize(codec, src, uncompressed-levels)
	switch {
	case errors.Is(err, errUnknownCodec):
		return nil // parquet-go refuses it with its own message
	case err != nil:
		return fmt.Errorf("cannot decompress: %v", err)
	case got > uncompressed-levels:
		return fmt.Errorf("%s compressed decompress to more than the %s its header declares", Bytes(compressed), Bytes(uncompressed))
	}
	return nil
}

// unprefix removes prefix from the message of a LimitError.
func unprefix(err error, prefix string) error {
	var le *LimitError
	if errors.As(err, &le) && len(le.Msg) > len(prefix) && le.Msg[:len(prefix)] == prefix {
		return &LimitError{Flag: le.Flag, Msg: le.Msg[len(prefix):]}
	}
	return err
}

var errUnknownCodec = errors.New("unknown codec")

// pageDecoders decompress pages to count their size, reusing their state
// from page to page.
type pageDecoders struct {
	zstd *zstd.Decoder
	gzip *gzip.Reader
	buf  []byte
}

func (d *pageDecoders) close() {
	if d.zstd != nil {
		d.zstd.Close()
	}
}

// decompressedSize returns the size of src decompressed with codec, or a
// size above limit as soon as it exceeds it. Nothing is kept but the
// decoder's window.
func (d *pageDecoders) decompressedSize(codec format.CompressionCodec, src *io.SectionReader, limit int64) (int64, error) {
	var rd io.Reader
	switch codec {
	case format.Snappy:
		// A snappy block starts with its decoded length, which snappy's
		// decoder allocates at once and then checks.
		var head [binary.MaxVarintLen32]byte
		n, err := src.ReadAt(head[:min(int64(len(head)), src.Size())], 0)
		if err != nil && err != io.EOF {
			return 0, err
		}
		v, k := binary.Uvarint(head[:n])
		if k <= 0 || v > 1<<32-1 {
			return 0, errors.New("snappy: corrupt input")
		}
		return int64(v), nil
	case format.Lz4Raw:
		// An LZ4 block says nothing of its decoded size: it is decoded into
		// a buffer of the declared size, which it must fit.
		in := make([]byte, src.Size())
		if _, err := io.ReadFull(src, in); err != nil {
			return 0, err
		}
		if int64(cap(d.buf)) < limit {
			d.buf = make([]byte, limit)
		}
		n, err := lz4.UncompressBlock(in, d.buf[:limit])
		if err != nil {
			return 0, fmt.Errorf("lz4: corrupt input or larger than %d bytes", limit)
		}
		return int64(n), nil
	case format.Zstd:
		if d.zstd == nil {
			z, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(1), zstd.WithDecoderLowmem(true))
			if err != nil {
				return 0, err
			}
			d.zstd = z
		}
		if err := d.zstd.Reset(src); err != nil {
			return 0, err
		}
		rd = d.zstd
	case format.Gzip:
		if d.gzip == nil {
			z, err := gzip.NewReader(src)
			if err != nil {
				return 0, err
			}
			d.gzip = z
		} else if err := d.gzip.Reset(src); err != nil {
			return 0, err
		}
		rd = d.gzip
	case format.Brotli:
		rd = brotli.NewReader(src)
	default:
		return 0, errUnknownCodec
	}
	n, err := io.CopyN(io.Discard, rd, limit+1)
	if err == io.EOF {
		err = nil
	}
	return n, err
}
