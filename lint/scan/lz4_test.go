package scan

import (
	"bytes"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"
)

// TestLZ4RawCodecInstalled checks that parquet-go reads LZ4_RAW pages with
// lz4RawCodec: a parquet-go whose codec table moved or changed makes
// installLZ4Raw give up, and this test fail.
func TestLZ4RawCodecInstalled(t *testing.T) {
	c := parquet.LookupCompressionCodec(format.Lz4Raw)
	if _, ok := c.(lz4RawCodec); !ok {
		t.Fatalf("parquet-go's LZ4_RAW codec is %T, want lz4RawCodec", c)
	}
	if c.String() != "LZ4_RAW" || c.CompressionCodec() != format.Lz4Raw {
		t.Errorf("codec %s (%d), want LZ4_RAW (%d)", c, c.CompressionCodec(), format.Lz4Raw)
	}
	if installLZ4Raw() {
		t.Error("installLZ4Raw replaced its own codec")
	}
}

// TestLZ4RawDecode decodes blocks written by parquet-go's encoder into page
// buffers as parquet-go sizes them: the page's declared uncompressed size,
// more for a v2 page (the levels are counted but not compressed).
func TestLZ4RawDecode(t *testing.T) {
	// Pseudo-random bytes barely compress; repeated text compresses 40 times.
	random := make([]byte, 10_000)
	for i := range random {
		random[i] = byte(mix64(uint64(i)))
	}
	repeated := bytes.Repeat([]byte("abcdefghij"), 1000)
	codec := lz4RawCodec{&parquet.Lz4Raw}
	for _, tc := range []struct {
		name    string
		data    []byte
		dst     int // the page buffer's length
		corrupt bool
		wantErr string
	}{
		{name: "incompressible", data: random, dst: len(random)},
		{name: "compressible", data: repeated, dst: len(repeated)},
		{name: "v2 page, levels counted", data: random, dst: len(random) + 100},
		{name: "empty", data: nil, dst: 0},
		{name: "larger than declared", data: random, dst: len(random) - 1, wantErr: "larger than the page's declared 9999 bytes"},
		{name: "corrupt", data: random, dst: len(random), corrupt: true, wantErr: "corrupt block"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			block, err := codec.Encode(nil, tc.data)
			if err != nil {
				t.Fatal(err)
			}
			if tc.corrupt {
				block = block[:len(block)/2]
			}
			// A dirty buffer, as the pool hands it out.
			dst := bytes.Repeat([]byte{0xAA}, tc.dst)
			got, err := codec.Decode(dst, block)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, tc.data) {
				t.Fatalf("decoded %d bytes, not the %d encoded", len(got), len(tc.data))
			}
			if len(got) > 0 && &got[0] != &dst[0] {
				t.Error("decoded into a buffer of its own, not the page buffer")
			}
		})
	}
}

func mix64(z uint64) uint64 {
	z += 0x9e3779b97f4a7c15
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}
