package dataset

import (
	"compress/gzip"
	"context"
	"encoding/binary"
	"errors"
	"io"
	"strings"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/zstd"
	"github.com/parquet-go/parquet-go/encoding/thrift"
	"github.com/parquet-go/parquet-go/format"
	"github.com/pierrec/lz4/v4"
	"github.com/saglig/saglig/internal/i18n"
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
// compression bomb declares little and holds much). That last check costs
// next to nothing for a snappy page (its length comes first) and a zstd
// page whose frames declare their content size (the decoder enforces the
// declaration, so their sum bounds the output; a frame without one is
// decoded into a buffer of the declared size, which it may not outgrow);
// a page of any other codec is decompressed here, its output counted and
// dropped. The chunk is read as parquet-go reads it, from the dictionary
// page offset (or the data page offset) for TotalCompressedSize bytes.
func (l Limits) CheckParquetPages(ctx context.Context, r io.ReaderAt, size int64, cc *format.ColumnChunk) error {
	if cc.CryptoMetadata.Value != nil || len(cc.EncryptedColumnMetadata) > 0 {
		return ErrEncryptedParquet
	}
	md := &cc.MetaData
	start := md.DataPageOffset
	if md.DictionaryPageOffset != 0 {
		start = md.DictionaryPageOffset
	}
	if start < 4 || md.TotalCompressedSize < 0 || md.TotalCompressedSize > size-8-start {
		return chunkOutside(start, md.TotalCompressedSize)
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
			return pageError(i, pos, err)
		}
		if err := l.checkPage(&dec, r, md.Codec, h, pos+int64(n), end); err != nil {
			return pageError(i, pos, err)
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
		n, err := thriftStructLen(buf, thriftPageHeader)
		switch {
		case errors.Is(err, errThriftEOF) && want < end-pos && want < maxPageHeader:
			want = min(end-pos, want*8, maxPageHeader)
			continue
		case errors.Is(err, errThriftEOF) && want == end-pos:
			return nil, 0, i18n.Errorf("the column chunk ends inside the page header")
		case errors.Is(err, errThriftEOF):
			return nil, 0, i18n.Errorf("a page header larger than %s", Size(maxPageHeader))
		case err != nil:
			return nil, 0, err
		}
		h := new(format.PageHeader)
		if err := thrift.Unmarshal(new(thrift.CompactProtocol), buf[:n], h); err != nil {
			return nil, 0, i18n.Errorf("page header: %v", err)
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
		return i18n.Errorf("invalid compressed size %d", compressed)
	case uncompressed < 0:
		return i18n.Errorf("invalid uncompressed size %d", uncompressed)
	case compressed > end-data:
		return pastChunk(compressed)
	}
	var values int64
	var levels int64 // level bytes of a v2 page, never compressed
	isCompressed := codec != format.Uncompressed
	switch h.Type {
	case format.DataPage:
		if !h.DataPageHeader.Valid {
			return errNoHeaderV1
		}
		values = int64(h.DataPageHeader.V.NumValues)
	case format.DataPageV2:
		if !h.DataPageHeaderV2.Valid {
			return errNoHeaderV2
		}
		v := &h.DataPageHeaderV2.V
		values = int64(v.NumValues)
		levels = int64(v.DefinitionLevelsByteLength) + int64(v.RepetitionLevelsByteLength)
		if v.DefinitionLevelsByteLength < 0 || v.RepetitionLevelsByteLength < 0 || levels > compressed || levels > uncompressed {
			return levelsDoNotFit(levels)
		}
		if v.IsCompressed.Valid && !v.IsCompressed.V {
			isCompressed = false
		}
	case format.DictionaryPage:
		if !h.DictionaryPageHeader.Valid {
			return errNoHeaderDict
		}
		values = int64(h.DictionaryPageHeader.V.NumValues)
	}
	if values < 0 {
		return i18n.Errorf("invalid number of values %d", values)
	}
	c := compressed
	if !isCompressed {
		c = -1
	}
	if err := l.CheckPageSize(c, uncompressed); err != nil {
		return err
	}
	if values > l.MaxPageSize/bytesPerValue {
		return limitError("--max-page-size", i18n.M("%d values take more than the page size limit of %s to decode", values, Size(l.MaxPageSize)))
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
		return i18n.Errorf("cannot decompress: %v", err)
	case got > uncompressed-levels:
		return i18n.Errorf("%s compressed decompress to more than the %s its header declares", Size(compressed), Size(uncompressed))
	}
	return nil
}

// The problems of a page that the page reader and the page check share.
var (
	errNoHeaderV1   = i18n.Errorf("a data page without its header")
	errNoHeaderV2   = i18n.Errorf("a data page v2 without its header")
	errNoHeaderDict = i18n.Errorf("a dictionary page without its header")
)

// pageError says which page of a column chunk err is about.
func pageError(i int, at int64, err error) error {
	return i18n.Errorf("page %d at offset %s: %v", i, offset(at), err)
}

// chunkOutside is a column chunk whose bytes the file does not hold.
func chunkOutside(start, size int64) error {
	return i18n.Errorf("the column chunk at offset %s of %s lies outside the file", offset(start), nBytes(size))
}

// pastChunk is a page of compressed bytes that runs past its chunk's end.
func pastChunk(compressed int64) error {
	return i18n.Errorf("a page of %s runs past the end of its column chunk", Size(compressed))
}

// levelsDoNotFit is a v2 page whose levels' length is more than it holds.
func levelsDoNotFit(levels int64) error {
	return i18n.Errorf("levels of %s do not fit the page", nBytes(levels))
}

var errUnknownCodec = i18n.Errorf("unknown codec")

// pageDecoders decompress pages to count their size, reusing their state
// from page to page.
type pageDecoders struct {
	zstd *zstd.Decoder
	gzip *gzip.Reader
	buf  []byte
}

// buffer returns a reused buffer of n bytes.
func (d *pageDecoders) buffer(n int64) []byte {
	if int64(cap(d.buf)) < n {
		d.buf = make([]byte, n)
	}
	return d.buf[:n]
}

func (d *pageDecoders) close() {
	if d.zstd != nil {
		d.zstd.Close()
	}
}

// decompressedSize returns the size of src decompressed with codec, or a
// size above limit as soon as it exceeds it, or, for zstd, a bound on it
// within limit: the sum of the content sizes its frames declare, which
// the decoder enforces as it decodes. Nothing is kept but a buffer of at
// most limit bytes (what the page's decoder allocates anyway) or a
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
			return 0, i18n.Errorf("snappy: corrupt input")
		}
		return int64(v), nil
	case format.Lz4Raw:
		// An LZ4 block says nothing of its decoded size: it is decoded into
		// a buffer of the declared size, which it must fit.
		in := make([]byte, src.Size())
		if _, err := io.ReadFull(src, in); err != nil {
			return 0, err
		}
		n, err := lz4.UncompressBlock(in, d.buffer(limit))
		if err != nil {
			return 0, i18n.Errorf("lz4: corrupt input or larger than %s", nBytes(limit))
		}
		return int64(n), nil
	case format.Zstd:
		if n, ok := zstdContentSize(src, src.Size()); ok && n <= uint64(limit) {
			return int64(n), nil
		}
		in := make([]byte, src.Size())
		if _, err := io.ReadFull(src, in); err != nil {
			return 0, err
		}
		// A frame that does not declare its size: decoded into a buffer
		// a little larger than limit, which decoding may not outgrow (the
		// decoder says so with ErrDecoderSizeExceeded or, past the buffer
		// in a block, "output bigger than max block size").
		if d.zstd == nil {
			z, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(1), zstd.WithDecodeAllCapLimit(true))
			if err != nil {
				return 0, err
			}
			d.zstd = z
		}
		out, err := d.zstd.DecodeAll(in, d.buffer(limit + zstdSlack)[:0])
		switch {
		case errors.Is(err, zstd.ErrDecoderSizeExceeded) || err != nil && strings.Contains(err.Error(), "bigger than max block size"):
			return limit + 1, nil
		case err != nil:
			return 0, err
		}
		return min(int64(len(out)), limit+1), nil
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

// zstdSlack is the room a zstd page's output buffer has past the page's
// declared size, so that the decoder never needs more to fit an honest
// page.
const zstdSlack = 1 << 10

// zstdContentSize reads the frames of a zstd page of size bytes from r,
// walking their headers and their blocks' headers without decoding them,
// and returns the sum of the content sizes the frames declare; ok is false
// unless every frame declares its size and the page is exactly a sequence
// of well-formed frames (skippable frames included). The decoder enforces
// the declared size of each frame as it decodes it (klauspost's DecodeAll
// fails with ErrFrameSizeExceeded past it), so the page cannot decompress
// to much more than the sum.
func zstdContentSize(r io.ReaderAt, size int64) (total uint64, ok bool) {
	info, ok := walkZstd(r, size)
	if !ok || !info.declared {
		return 0, false
	}
	return info.content, true
}

// zstdInfo is what the headers of a sequence of zstd frames declare.
type zstdInfo struct {
	// frames is the number of frames (skippable ones not counted).
	frames int
	// content is the sum of the content sizes the frames declare, and
	// declared is true when every frame declares one.
	content  uint64
	declared bool
	// window is the largest window a frame declares: a streaming decoder
	// allocates it (twice over) when the frame starts. A single-segment
	// frame's window is its content size.
	window uint64
}

// zstdMagic is the magic number of a zstd frame; skippable frames have
// 0x184D2A50 to 0x184D2A5F.
const (
	zstdMagic     = 0xFD2FB528
	zstdSkippable = 0x184D2A50
)

// walkZstd reads the headers of the zstd frames of size bytes from r
// (zstd.Header decodes each), and their blocks' headers, without decoding
// them. ok is false unless the bytes are exactly a sequence of well-formed
// frames; the info then covers the frames read before the fault.
func walkZstd(r io.ReaderAt, size int64) (info zstdInfo, ok bool) {
	info.declared = true
	var buf [4 + zstd.HeaderMaxSize]byte // the magic number and the headers
	pos := int64(0)
	for pos < size {
		n, err := r.ReadAt(buf[:min(int64(len(buf)), size-pos)], pos)
		if n == 0 && err != nil {
			return info, false
		}
		var h zstd.Header
		if err := h.Decode(buf[:n]); err != nil {
			return info, false
		}
		pos += int64(h.HeaderSize)
		if h.Skippable {
			if int64(h.SkippableSize) > size-pos {
				return info, false
			}
			pos += int64(h.SkippableSize)
			continue
		}
		info.frames++
		window := h.WindowSize
		if !h.HasFCS {
			info.declared = false
		} else {
			if h.SingleSegment {
				window = h.FrameContentSize
			}
			if h.FrameContentSize > 1<<50 || info.content > 1<<50 {
				info.window = max(info.window, window)
				return info, false
			}
			info.content += h.FrameContentSize
		}
		info.window = max(info.window, window)
		for last := false; !last; {
			if size-pos < 3 {
				return info, false
			}
			if _, err := r.ReadAt(buf[:3], pos); err != nil {
				return info, false
			}
			pos += 3
			b := uint32(buf[0]) | uint32(buf[1])<<8 | uint32(buf[2])<<16
			last = b&1 != 0
			n := int64(b >> 3)
			switch (b >> 1) & 3 {
			case 0, 2: // raw, compressed: n bytes follow
			case 1: // RLE: one byte, repeated n times
				n = 1
			default:
				return info, false
			}
			if n > size-pos {
				return info, false
			}
			pos += n
		}
		if h.HasCheckSum {
			if size-pos < 4 {
				return info, false
			}
			pos += 4
		}
	}
	return info, true
}

// minZstdWindow is the window a zstd buffer may declare whatever its size:
// what streaming encoders use by default.
const minZstdWindow = 8 << 20

// checkZstdWindow checks the zstd frames, if they are, of a compressed
// Arrow IPC buffer of size bytes that declares n bytes uncompressed: a
// frame may not declare a window larger than max(2n, 8 MiB). arrow-go's
// streaming decoder allocates the window a frame declares before it
// decodes a byte (a frame of a few bytes can make it allocate a
// gigabyte), and no honest encoder makes it larger than the data it holds
// needs, or than 8 MiB.
func checkZstdWindow(r io.ReaderAt, size, n int64) error {
	var head [4]byte
	if size < 4 {
		return nil
	}
	if _, err := r.ReadAt(head[:], 0); err != nil {
		return err
	}
	if m := binary.LittleEndian.Uint32(head[:]); m != zstdMagic && m&0xFFFFFFF0 != zstdSkippable {
		return nil // not zstd (LZ4 frames bound their blocks to 4 MiB)
	}
	info, _ := walkZstd(r, size)
	if bound := max(2*uint64(n), minZstdWindow); info.window > bound {
		return i18n.Errorf("a zstd frame declares a window of %s, more than a buffer of %s needs", Size(min(info.window, 1<<62)), Size(n))
	}
	return nil
}
