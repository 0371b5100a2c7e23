package dataset

import (
	"bytes"
	"encoding/binary"
	"io"
	"testing"

	"github.com/klauspost/compress/zstd"
	"github.com/parquet-go/parquet-go/format"
)

// zstdFrames compresses each input as one frame: with its content size
// declared (EncodeAll) or, streamed, without.
func zstdFrames(t *testing.T, declare bool, inputs ...[]byte) []byte {
	t.Helper()
	var out []byte
	for _, in := range inputs {
		if declare {
			enc, err := zstd.NewWriter(nil)
			if err != nil {
				t.Fatal(err)
			}
			out = enc.EncodeAll(in, out)
			continue
		}
		var buf bytes.Buffer
		enc, err := zstd.NewWriter(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := enc.Write(in); err != nil {
			t.Fatal(err)
		}
		if err := enc.Close(); err != nil {
			t.Fatal(err)
		}
		out = append(out, buf.Bytes()...)
	}
	return out
}

// TestZstdContentSize reads the declared sizes of zstd frames without
// decoding them, and refuses what it cannot bound.
func TestZstdContentSize(t *testing.T) {
	text := bytes.Repeat([]byte("saglig "), 40_000)
	one := zstdFrames(t, true, text)
	skippable := binary.LittleEndian.AppendUint32(binary.LittleEndian.AppendUint32(nil, 0x184D2A53), 3)
	skippable = append(skippable, 1, 2, 3)
	reserved := bytes.Clone(one)
	reserved[4] |= 1 << 3
	tests := []struct {
		name string
		data []byte
		want uint64
		ok   bool
	}{
		{"one frame", one, uint64(len(text)), true},
		{"300 bytes", zstdFrames(t, true, make([]byte, 300)), 300, true},
		// klauspost's encoder declares no size under 256 bytes.
		{"3 bytes", zstdFrames(t, true, []byte("abc")), 0, false},
		{"two frames", zstdFrames(t, true, text, text[:1000]), uint64(len(text)) + 1000, true},
		{"skippable frame first", append(bytes.Clone(skippable), one...), uint64(len(text)), true},
		{"no page", nil, 0, true},
		{"streamed: no content size", zstdFrames(t, false, text), 0, false},
		{"truncated", one[:len(one)-3], 0, false},
		{"trailing bytes", append(bytes.Clone(one), 0, 0), 0, false},
		{"reserved bit", reserved, 0, false},
		{"not zstd", []byte("this is not zstd at all"), 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := zstdContentSize(bytes.NewReader(tt.data), int64(len(tt.data)))
			if got != tt.want || ok != tt.ok {
				t.Errorf("got %d, %v; want %d, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

// TestDecompressedSize counts what a zstd page decompresses to, or bounds
// it within the limit, whether its frames declare their size or not.
func TestDecompressedSize(t *testing.T) {
	text := bytes.Repeat([]byte("saglig "), 40_000)
	n := int64(len(text))
	tests := []struct {
		name    string
		data    []byte
		limit   int64
		want    int64
		wantErr bool
	}{
		{"declared, within", zstdFrames(t, true, text), n, n, false},
		{"declared, beyond", zstdFrames(t, true, text), n - 1, n - 1 + 1, false},
		{"streamed, within", zstdFrames(t, false, text), n, n, false},
		{"streamed, beyond", zstdFrames(t, false, text), n / 2, n/2 + 1, false},
		{"garbage", []byte("not zstd"), 100, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d pageDecoders
			defer d.close()
			got, err := d.decompressedSize(format.Zstd, io.NewSectionReader(bytes.NewReader(tt.data), 0, int64(len(tt.data))), tt.limit)
			if (err != nil) != tt.wantErr || (!tt.wantErr && got != tt.want) {
				t.Errorf("got %d, %v; want %d (error %v)", got, err, tt.want, tt.wantErr)
			}
			if got > tt.limit && got != tt.limit+1 {
				t.Errorf("beyond the limit, got %d, want limit+1", got)
			}
		})
	}
}
