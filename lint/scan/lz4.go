package scan

import (
	"fmt"
	_ "unsafe" // for go:linkname

	"github.com/parquet-go/parquet-go"
	pqcompress "github.com/parquet-go/parquet-go/compress"
	pqlz4 "github.com/parquet-go/parquet-go/compress/lz4"
	"github.com/parquet-go/parquet-go/format"
	"github.com/pierrec/lz4/v4"
)

// parquet-go v0.32.0 misreads LZ4_RAW pages that compress less than about
// three times. Its codec (compress/lz4) decodes into a new buffer of three
// times the compressed size whenever the page buffer it is given holds
// less, and returns that; Column.decompress, which gave it the page buffer
// of the page's declared uncompressed size, keeps the returned slice only
// when its length differs from the declared size, so a page that decodes
// to exactly its declared size (every honest page) is read from the page
// buffer, which holds whatever the pool left in it: a decoding error at
// best ("DELTA_LENGTH_BYTE_ARRAY: invalid number of mini block",
// "RLE_DICTIONARY: ... invalid bit-width"), wrong values of a PLAIN
// fixed-width column at worst. The writers (parquet-go's and pqarrow's)
// are right: pqarrow reads both back.
//
// parquet-go has no way to register a codec, so the scan replaces the
// LZ4_RAW entry of its codec table (compressionCodecs, which
// LookupCompressionCodec reads and every Column takes its codec from when
// its file is opened) with lz4RawCodec, which decodes into the page
// buffer itself. TestLZ4RawCodecInstalled fails if a new parquet-go moves
// the table, and the interoperability cells "codec lz4_raw incompressible"
// fail if the workaround stops working; drop this file once parquet-go
// reads them without it.

//go:linkname pqCompressionCodecs github.com/parquet-go/parquet-go.compressionCodecs
var pqCompressionCodecs [format.Lz4Raw + 1]pqcompress.Codec

func init() { installLZ4Raw() }

// installLZ4Raw puts lz4RawCodec in parquet-go's codec table, after
// checking that the table is what this file assumes: at least
// format.Lz4Raw+1 entries (LookupCompressionCodec finds parquet-go's LZ4
// codec at format.Lz4Raw), the entry there being that codec. It reports
// whether it did.
func installLZ4Raw() bool {
	orig, ok := parquet.LookupCompressionCodec(format.Lz4Raw).(*pqlz4.Codec)
	if !ok || pqCompressionCodecs[format.Lz4Raw] != pqcompress.Codec(orig) {
		return false
	}
	pqCompressionCodecs[format.Lz4Raw] = lz4RawCodec{orig}
	return true
}

// lz4RawCodec is parquet-go's LZ4_RAW codec with a Decode that decodes into
// the buffer it is given.
type lz4RawCodec struct {
	*pqlz4.Codec // String, CompressionCodec and Encode (the writer is right)
}

// Decode decodes the LZ4 block src into dst, the page buffer parquet-go
// sizes to the page's declared uncompressed size (for a v2 page that size
// also counts the levels, so the values take less). A block that does not
// fit is corrupt or larger than its page says: an error, never a larger
// buffer (lint/dataset's page check refuses such pages before the scan
// reads them, so this only backs it up).
func (lz4RawCodec) Decode(dst, src []byte) ([]byte, error) {
	n, err := lz4.UncompressBlock(src, dst)
	if err != nil {
		return dst[:0], fmt.Errorf("LZ4_RAW: corrupt block, or larger than the page's declared %d bytes", len(dst))
	}
	return dst[:n], nil
}
