package scan

import (
	"encoding/binary"

	"github.com/saglig/saglig/internal/i18n"
)

// Parquet's RLE / bit-packing hybrid (Encodings.md), which holds the
// definition and repetition levels of every page and the indices of a
// dictionary-encoded one, decoded here into exactly the number of values
// the page declares. A run may claim up to 2^31 values whatever the size of
// its page; a decoder that believes it (parquet-go's expands every run
// before it compares the count with the page's) can be made to take
// gigabytes and minutes by a page of a few bytes.

var errRunsShort = i18n.Errorf("its runs hold fewer values than the page declares")

// hybridRuns calls run for each run of the hybrid data src of bit width
// bw until n values are covered: rle runs with their value, bit-packed
// runs with their packed bytes (a multiple of 8 values; the last may hold
// more than needed). Values past n are ignored, as the format allows for
// the padding of the last bit-packed run.
func hybridRuns(src []byte, bw uint, n int, rle func(v uint32, count int), packed func(data []byte, count int)) error {
	if bw > 32 {
		return i18n.Errorf("invalid bit width %d", bw)
	}
	width := int(bw+7) / 8
	for done := 0; done < n; {
		h, k := binary.Uvarint(src)
		if k <= 0 {
			if len(src) == 0 {
				return errRunsShort
			}
			return i18n.Errorf("invalid run header")
		}
		src = src[k:]
		if h&1 == 0 { // an RLE run
			count := h >> 1
			if len(src) < width {
				return errRunsShort
			}
			var v uint32
			for i := range width {
				v |= uint32(src[i]) << (8 * i)
			}
			src = src[width:]
			c := int(min(count, uint64(n-done)))
			rle(v, c)
			done += c
			continue
		}
		groups := h >> 1
		c := n - done
		if groups < uint64(c+7)/8 {
			c = int(groups * 8)
		}
		need := (c*int(bw) + 7) / 8
		if need > len(src) {
			return errRunsShort
		}
		size := uint64(len(src))
		if bw > 0 && groups <= size {
			size = min(size, groups*uint64(bw))
		}
		packed(src[:need], c)
		done += c
		src = src[size:]
	}
	return nil
}

// unpack reads count little-endian bit-packed values of bw bits from data.
func unpack(data []byte, bw uint, count int, put func(i int, v uint32)) {
	if bw == 0 {
		for i := range count {
			put(i, 0)
		}
		return
	}
	var acc uint64
	var have uint
	mask := uint64(1)<<bw - 1
	j := 0
	for i := range count {
		for have < bw {
			var b byte
			if j < len(data) {
				b = data[j]
			}
			acc |= uint64(b) << have
			j++
			have += 8
		}
		put(i, uint32(acc&mask))
		acc >>= bw
		have -= bw
	}
}

// decodeLevels decodes n levels of bit width bw into dst (reused).
func decodeLevels(dst []byte, src []byte, bw uint, n int) ([]byte, error) {
	if cap(dst) < n {
		dst = make([]byte, n)
	}
	dst = dst[:0]
	err := hybridRuns(src, bw, n, func(v uint32, count int) {
		b := byte(v)
		for range count {
			dst = append(dst, b)
		}
	}, func(data []byte, count int) {
		base := len(dst)
		dst = dst[:base+count]
		unpack(data, bw, count, func(i int, v uint32) { dst[base+i] = byte(v) })
	})
	return dst, err
}

// decodeIndices decodes n dictionary indices (the page's values: a bit
// width byte, then the hybrid runs) into dst (reused).
func decodeIndices(dst []int32, src []byte, n int) ([]int32, error) {
	if cap(dst) < n {
		dst = make([]int32, n)
	}
	dst = dst[:0]
	if n == 0 {
		return dst, nil
	}
	if len(src) == 0 {
		return dst, i18n.Errorf("dictionary indices: no bit width")
	}
	bw := uint(src[0])
	err := hybridRuns(src[1:], bw, n, func(v uint32, count int) {
		for range count {
			dst = append(dst, int32(v))
		}
	}, func(data []byte, count int) {
		base := len(dst)
		dst = dst[:base+count]
		unpack(data, bw, count, func(i int, v uint32) { dst[base+i] = int32(v) })
	})
	if err != nil {
		return dst, i18n.Errorf("dictionary indices: %v", err)
	}
	return dst, nil
}

// checkRuns checks that the hybrid runs of src hold no more than n values,
// beyond the padding of a last bit-packed run, before a decoder that
// expands every run is given them (RLE-encoded booleans).
func checkRuns(src []byte, bw uint, n int) error {
	total := uint64(0)
	width := int(bw+7) / 8
	for len(src) > 0 {
		h, k := binary.Uvarint(src)
		if k <= 0 {
			return i18n.Errorf("invalid run header")
		}
		src = src[k:]
		if h&1 == 0 {
			total += h >> 1
			src = src[min(width, len(src)):]
		} else {
			total += 8 * (h >> 1)
			src = src[min(uint64(len(src)), uint64(bw)*(h>>1)):]
		}
		if total > uint64(n)+7 {
			return i18n.Errorf("its runs hold more values than the %d the page declares", n)
		}
	}
	return nil
}
