package scan

import (
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go/deprecated"

	"github.com/saglig/saglig/lint/stats"
)

func TestTimes(t *testing.T) {
	at := time.Date(2024, 5, 17, 13, 45, 30, 250_000_000, time.UTC)
	nanosOfDay := uint64(49_530_250_000_000) // 13:45:30.25
	micros := at.UnixMicro()
	day := time.Date(2024, 5, 17, 0, 0, 0, 0, time.UTC).UnixMicro()
	plain := valueType{cls: clsInt}
	tests := []struct {
		name string
		got  int64
		want int64
	}{
		{"date", valueType{cls: clsInt, disp: dispDate}.intMicros(at.Unix() / 86400), day},
		{"timestamp", valueType{cls: clsInt, disp: dispTimestamp}.intMicros(micros), micros},
		{"epoch s", plain.intMicros(at.Unix()), at.Unix() * 1_000_000},
		{"epoch ms", plain.intMicros(at.UnixMilli()), at.UnixMilli() * 1000},
		{"epoch µs", plain.intMicros(micros), micros},
		{"epoch ns", plain.intMicros(at.UnixNano()), micros},
		{"yyyymmdd", plain.intMicros(20240517), day},
		{"not a yyyymmdd", plain.intMicros(20241341), 20241341 * 1_000_000},
		{"boolean", valueType{cls: clsInt, disp: dispBool}.intMicros(1), nullTime},
		{"float epoch s", floatMicros(float64(at.Unix()) + 0.25), micros},
		{"ISO date", textMicros([]byte("2024-05-17")), day},
		{"RFC 3339", textMicros([]byte("2024-05-17T13:45:30.25Z")), micros},
		{"RFC 3339 zone", textMicros([]byte("2024-05-17T15:45:30.25+02:00")), micros},
		{"space, no zone", textMicros([]byte("2024-05-17 13:45:30.25")), micros},
		{"minutes", textMicros([]byte("2024-05-17T13:45")), at.Truncate(time.Minute).UnixMicro()},
		{"not a time", textMicros([]byte("17/05/2024")), nullTime},
		{"not a date", textMicros([]byte("2024-13-45")), nullTime},
		// INT96: nanoseconds of the day, then the Julian day (2460448 is
		// 2024-05-17).
		{"int96", int96Micros(deprecated.Int96{uint32(nanosOfDay), uint32(nanosOfDay >> 32), 2460448}), micros},
		// Spark's year 290000 (int96_from_spark.parquet): a negative day
		// and negative nanoseconds, from Spark's wrapping arithmetic.
		{"int96 year 290000", int96Micros(deprecated.Int96{3350814720, 4294959726, 4189105064}), 9089380393200000000},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: %d, want %d", tt.name, tt.got, tt.want)
		}
	}
}

func TestValueText(t *testing.T) {
	tests := []struct {
		vt   valueType
		raw  []byte
		want string
	}{
		{valueType{cls: clsInt}, encodeInt(new([8]byte), -42), "-42"},
		{valueType{cls: clsInt, disp: dispUint}, encodeInt(new([8]byte), -1), "18446744073709551615"},
		{valueType{cls: clsInt, disp: dispBool}, encodeInt(new([8]byte), 1), "true"},
		{valueType{cls: clsInt, disp: dispDate}, encodeInt(new([8]byte), 19860), "2024-05-17"},
		{valueType{cls: clsInt, disp: dispTimestamp}, encodeInt(new([8]byte), 1715953530_250000), "2024-05-17T13:45:30.25Z"},
		{valueType{cls: clsInt, disp: dispTime}, encodeInt(new([8]byte), (13*3600+45*60+30)*1_000_000+5), "13:45:30.000005"},
		{valueType{cls: clsFloat}, encodeFloat(new([8]byte), 0.1), "0.1"},
		{valueType{cls: clsFloat, disp: dispDecimal, scale: 2}, encodeFloat(new([8]byte), 12.5), "12.50"},
		{valueType{cls: clsBytes}, []byte("Århus"), "Århus"},
		{valueType{cls: clsBytes, disp: dispBinary}, []byte{0xff, 0x00}, "ff00"},
		{valueType{cls: clsBytes, disp: dispUUID}, []byte{0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0, 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0},
			"12345678-9abc-def0-1234-56789abcdef0"},
	}
	for _, tt := range tests {
		if got := tt.vt.text(tt.raw); got != tt.want {
			t.Errorf("%v.text = %q, want %q", tt.vt, got, tt.want)
		}
	}
	if got := float16(0x3c00); got != 1 {
		t.Errorf("float16(1) = %g", got)
	}
	if got := float16(0xc000); got != -2 {
		t.Errorf("float16(-2) = %g", got)
	}
	if got := float16(0x0001); got != math.Ldexp(1, -24) {
		t.Errorf("float16(smallest subnormal) = %g", got)
	}
	// −1234.5 at scale 1 is −12345 = 0xcfc7 in two's complement.
	if got := decimalBytes([]byte{0xcf, 0xc7}, 1); got != -1234.5 {
		t.Errorf("decimalBytes = %g", got)
	}
}

// TestBins checks that coarsening a bin key equals binning at the coarser
// level directly, the property that makes folded levels independent of
// when a piece folded.
func TestBins(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	for range 10_000 {
		x := math.Exp(r.NormFloat64()*10) * float64(1-2*r.IntN(2))
		l := uint(r.IntN(20))
		more := uint(r.IntN(20))
		if got, want := coarsenBin(binKey(x, l), more), binKey(x, l+more); got != want {
			t.Fatalf("x=%g: coarsen(bin(x, %d), %d) = %x, bin(x, %d) = %x", x, l, more, got, l+more, want)
		}
	}
	// Bins keep order within a sign: a larger magnitude never falls in a
	// lower bin; the bins of 1 and 1.0101 differ (γ = 1.01).
	if binKey(1, 0) == binKey(1.0101, 0) || binKey(1, 0) != binKey(1.0099, 0) {
		t.Error("bins at level 0 are not 1% wide")
	}
	if binKey(0, 3) != binZero || binKey(-5, 0) == binKey(5, 0) {
		t.Error("zero and sign classes")
	}
}

// TestLevelsMerge checks that coding pieces separately and absorbing them,
// in any order, ends at the same transform and keys as one pass.
func TestLevelsMerge(t *testing.T) {
	tests := []struct {
		name string
		vt   valueType
		max  int
		gen  func(r *rand.Rand) uint64
	}{
		{"few ints", valueType{cls: clsInt}, 64, func(r *rand.Rand) uint64 { return uint64(r.IntN(50)) }},
		{"many ints", valueType{cls: clsInt}, 64, func(r *rand.Rand) uint64 { return uint64(r.IntN(1_000_000)) }},
		{"floats", valueType{cls: clsFloat}, 64, func(r *rand.Rand) uint64 { return math.Float64bits(r.NormFloat64() * 1e4) }},
		{"text", valueType{cls: clsBytes}, 64, func(r *rand.Rand) uint64 { return stats.HashUint64(uint64(r.IntN(5000))) }},
		{"text, few", valueType{cls: clsBytes}, 64, func(r *rand.Rand) uint64 { return stats.HashUint64(uint64(r.IntN(60))) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(2, 2))
			keys := make([]uint64, 20_000)
			for i := range keys {
				keys[i] = tt.gen(r)
			}
			spec := newLevelSpec(tt.vt, tt.max)
			code := func(keys []uint64) *coder {
				c := newCoder(spec)
				for _, k := range keys {
					c.code(k)
				}
				if len(c.keys) > spec.bound(c.tr) {
					t.Fatalf("coder holds %d keys, bound %d", len(c.keys), spec.bound(c.tr))
				}
				return c
			}
			whole := newLevelState(spec)
			c := code(keys)
			whole.absorb(c.keys, c.tr)
			for _, parts := range []int{3, 11} {
				var pieces []*coder
				for p := range parts {
					pieces = append(pieces, code(keys[p*len(keys)/parts:(p+1)*len(keys)/parts]))
				}
				for _, reverse := range []bool{false, true} {
					if reverse {
						slices.Reverse(pieces)
					}
					merged := newLevelState(spec)
					for _, pc := range pieces {
						merged.absorb(pc.keys, pc.tr)
					}
					if merged.tr != whole.tr || len(merged.keys) != len(whole.keys) {
						t.Fatalf("%d parts: transform %+v with %d keys, one pass %+v with %d", parts, merged.tr, len(merged.keys), whole.tr, len(whole.keys))
					}
					for k := range whole.keys {
						if _, ok := merged.keys[k]; !ok {
							t.Fatalf("%d parts: key %x missing", parts, k)
						}
					}
				}
			}
		})
	}
}

// TestDecimals checks that an unscaled decimal becomes the float64 nearest
// to its value, from INT64, from big-endian bytes of any width and beyond
// 64 bits, where a division in floating point would be off.
func TestDecimals(t *testing.T) {
	be := func(v int64, width int) []byte {
		b := make([]byte, width)
		u := uint64(v)
		for k := range width {
			if k < 8 {
				b[width-1-k] = byte(u >> (8 * k))
			} else if v < 0 {
				b[width-1-k] = 0xff
			}
		}
		return b
	}
	cases := []struct {
		name  string
		got   float64
		exact string // the decimal's value
	}{
		{"int64 small", decimalFloat(-900, 2), "-9"},
		{"int64 beyond 2^53", decimalFloat(9_007_199_254_740_993, 3), "9007199254740.993"},
		{"int64 negative scale", decimalFloat(12, -3), "12000"},
		{"int64 scale 30", decimalFloat(123, 30), "123e-30"},
		{"bytes 2", decimalBytes(be(-300, 2), 1), "-30"},
		{"bytes 16 within 64 bits", decimalBytes(be(-15_000, 16), 3), "-15"},
		{"bytes 16 negative at 2^63", decimalBytes(be(math.MinInt64, 16), 0), "-9223372036854775808"},
		{"bytes 16 beyond 64 bits", decimalBytes(beBig(t, "10000000000000000000000001", 16), 10), "1000000000000000.0000000001"},
		{"bytes 16 negative beyond 64 bits", decimalBytes(beBig(t, "-30000000000000000000000007", 16), 10), "-3000000000000000.0000000007"},
	}
	for _, c := range cases {
		want, _ := new(big.Rat).SetString(c.exact)
		w, _ := want.Float64()
		if c.got != w {
			t.Errorf("%s: %v, want %v", c.name, c.got, w)
		}
	}
}

// beBig is v as a big-endian two's complement integer of width bytes.
func beBig(t *testing.T, v string, width int) []byte {
	n, ok := new(big.Int).SetString(v, 10)
	if !ok {
		t.Fatalf("bad integer %q", v)
	}
	if n.Sign() < 0 {
		n.Add(n, new(big.Int).Lsh(big.NewInt(1), uint(8*width)))
	}
	return n.FillBytes(make([]byte, width))
}
