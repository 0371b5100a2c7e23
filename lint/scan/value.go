package scan

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/saglig/saglig/internal/i18n"
)

// class is how a column's values are held while scanning: every physical
// and logical type of Parquet and Arrow becomes one of three canonical forms,
// so that a column reads the same from any file.
type class uint8

const (
	// clsBytes: text and binary, identified by their hash.
	clsBytes class = iota
	// clsInt: integers, booleans (0/1), dates (days since 1970-01-01),
	// timestamps (µs since the epoch, UTC) and times of day (µs).
	clsInt
	// clsFloat: floating point and decimals.
	clsFloat
)

// display is how a canonical value is written as text.
type display uint8

const (
	dispPlain display = iota
	dispBool
	dispUint
	dispDate
	dispTimestamp
	dispTime
	dispDecimal
	dispBinary
	dispUUID
)

// valueType is a column's canonical form and display.
type valueType struct {
	cls   class
	disp  display
	scale int32 // decimal digits after the point, dispDecimal only
}

func (t valueType) String() string {
	switch t.cls {
	case clsInt:
		switch t.disp {
		case dispBool:
			return i18n.N("boolean")
		case dispDate:
			return i18n.N("date")
		case dispTimestamp:
			return i18n.N("timestamp")
		case dispTime:
			return i18n.N("time")
		}
		return i18n.N("integer")
	case clsFloat:
		return i18n.N("number")
	}
	return i18n.N("text")
}

// In names the type in p's language: a valueType is an i18n.Text.
func (t valueType) In(p *i18n.Printer) string { return p.Sprintf(t.String()) }

// numeric reports whether the column is a number (Profile.Numeric).
func (t valueType) numeric() bool {
	return t.cls == clsFloat || (t.cls == clsInt && (t.disp == dispPlain || t.disp == dispUint))
}

// ordered reports whether the values have an order worth Min/Max: numbers,
// booleans, dates and times.
func (t valueType) ordered() bool { return t.cls != clsBytes }

// scalar reports whether the values can be treated as numbers in an
// association (η): numbers, dates and times, not booleans.
func (t valueType) scalar() bool { return t.cls != clsBytes && t.disp != dispBool }

// encodeInt and encodeFloat write a canonical number as the 8 opaque bytes
// the sketches keep.
func encodeInt(buf *[8]byte, v int64) []byte {
	binary.LittleEndian.PutUint64(buf[:], uint64(v))
	return buf[:]
}

func encodeFloat(buf *[8]byte, v float64) []byte {
	binary.LittleEndian.PutUint64(buf[:], math.Float64bits(v))
	return buf[:]
}

// canonFloat makes −0 equal to 0, so both hash alike.
func canonFloat(v float64) float64 {
	if v == 0 {
		return 0
	}
	return v
}

// text writes a value the sketches kept (raw, as encoded) as text.
func (t valueType) text(raw []byte) string {
	switch t.cls {
	case clsInt:
		if len(raw) != 8 {
			return ""
		}
		return t.intText(int64(binary.LittleEndian.Uint64(raw)))
	case clsFloat:
		if len(raw) != 8 {
			return ""
		}
		return t.floatText(math.Float64frombits(binary.LittleEndian.Uint64(raw)))
	}
	switch t.disp {
	case dispUUID:
		if len(raw) == 16 {
			h := hex.EncodeToString(raw)
			return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
		}
		return hex.EncodeToString(raw)
	case dispBinary:
		if !utf8.Valid(raw) {
			return hex.EncodeToString(raw)
		}
	}
	return string(raw)
}

func (t valueType) intText(v int64) string {
	switch t.disp {
	case dispBool:
		return strconv.FormatBool(v != 0)
	case dispUint:
		return strconv.FormatUint(uint64(v), 10)
	case dispDate:
		return time.Unix(v*86400, 0).UTC().Format(time.DateOnly)
	case dispTimestamp:
		return time.UnixMicro(v).UTC().Format("2006-01-02T15:04:05.999999Z07:00")
	case dispTime:
		d := time.Duration(v) * time.Microsecond
		return fmt.Sprintf("%02d:%02d:%02d.%06d", int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60, v%1_000_000)
	}
	return strconv.FormatInt(v, 10)
}

func (t valueType) floatText(v float64) string {
	if t.disp == dispDecimal && t.scale >= 0 && t.scale <= 38 && !math.IsInf(v, 0) {
		return strconv.FormatFloat(v, 'f', int(t.scale), 64)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// decimalFloat is the float64 nearest to unscaled·10^−scale: one correctly
// rounded operation on exact operands while both are exact in a float64,
// exact arithmetic otherwise.
func decimalFloat(unscaled int64, scale int32) float64 {
	if unscaled > -1<<53 && unscaled < 1<<53 {
		switch {
		case scale >= 0 && scale <= 22:
			return float64(unscaled) / math.Pow10(int(scale))
		case scale < 0 && scale >= -22:
			return float64(unscaled) * math.Pow10(int(-scale))
		}
	}
	return bigDecimalFloat(big.NewInt(unscaled), scale)
}

// bigDecimalFloat is the float64 nearest to unscaled·10^−scale.
func bigDecimalFloat(unscaled *big.Int, scale int32) float64 {
	if scale < -400 || scale > 400 {
		// Beyond any float64 (and any decimal a writer produces).
		if scale > 0 || unscaled.Sign() == 0 {
			return 0
		}
		return math.Inf(unscaled.Sign())
	}
	pow := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(max(scale, -scale))), nil)
	r := new(big.Rat)
	if scale >= 0 {
		r.SetFrac(unscaled, pow)
	} else {
		r.SetInt(new(big.Int).Mul(unscaled, pow))
	}
	f, _ := r.Float64()
	return f
}

// intNumber is the number a canonical integer stands for in statistics:
// unsigned 64-bit values are read as unsigned.
func (t valueType) intNumber(v int64) float64 {
	if t.disp == dispUint {
		return float64(uint64(v))
	}
	return float64(v)
}

// Time conversions into µs since the epoch, for observation periods.

const (
	microsPerDay    = 86_400_000_000
	microsPerSecond = 1_000_000
)

// nullTime marks a missing or unreadable timestamp.
const nullTime = math.MinInt64

// intMicros reads a canonical integer of type t as a point in time: dates
// and timestamps are exact; a plain integer is an epoch whose unit is
// guessed from its magnitude (s, ms, µs or ns), or a yyyymmdd date.
func (t valueType) intMicros(v int64) int64 {
	switch t.disp {
	case dispDate:
		return v * microsPerDay
	case dispTimestamp:
		return v
	case dispTime, dispBool:
		return nullTime
	}
	if t.disp == dispUint && v < 0 {
		return nullTime
	}
	if v >= 1900_01_01 && v <= 2199_12_31 {
		y, m, d := int(v/10000), time.Month(v/100%100), int(v%100)
		if m >= 1 && m <= 12 && d >= 1 && d <= 31 {
			tm := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
			if tm.Day() == d {
				return tm.UnixMicro()
			}
		}
	}
	a := v
	if a < 0 {
		a = -a
	}
	switch {
	case a < 100_000_000_000: // seconds, up to the year 5138
		return v * microsPerSecond
	case a < 100_000_000_000_000: // milliseconds
		return v * 1000
	case a < 100_000_000_000_000_000: // microseconds
		return v
	}
	return v / 1000 // nanoseconds
}

// floatMicros reads a float as epoch seconds (or ms, µs by magnitude).
func floatMicros(v float64) int64 {
	a := math.Abs(v)
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return nullTime
	case a < 1e11:
		return int64(v * microsPerSecond)
	case a < 1e14:
		return int64(v * 1000)
	case a < 1e17:
		return int64(v)
	}
	return nullTime
}

// timeLayouts are the ISO 8601 forms read from text timestamps.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04",
}

// textMicros parses an ISO 8601 date or timestamp; a timestamp without a
// zone is read as UTC.
func textMicros(b []byte) int64 {
	if len(b) < 10 || len(b) > 40 || b[4] != '-' || b[7] != '-' {
		return nullTime
	}
	s := string(b)
	if len(s) == 10 {
		if tm, err := time.Parse(time.DateOnly, s); err == nil {
			return tm.UnixMicro()
		}
		return nullTime
	}
	for _, l := range timeLayouts {
		if tm, err := time.Parse(l, s); err == nil {
			return tm.UnixMicro()
		}
	}
	return nullTime
}

// Numeric levels. A numeric column's level key is its exact value while
// the column has few distinct values; beyond that values fall into
// logarithmic bins, bin i holding magnitudes in [γ^i, γ^(i+1)) with
// γ = 1.01, and bins coarsen by powers of two (level L merges 2^L
// neighbouring bins) until the bound holds. A bin key packs the sign class
// and the bin index.

const (
	binGammaLn  = 0.009950330853168083 // ln(1.01)
	binOffset   = 1 << 40
	binZero     = uint64(1) << 62
	binPositive = uint64(2) << 62
	binNegative = uint64(3) << 62
	binMask     = uint64(1)<<62 - 1
)

// binKey returns the key of the bin of x at coarsening level.
func binKey(x float64, level uint) uint64 {
	switch {
	case x == 0 || math.IsNaN(x):
		return binZero
	case math.IsInf(x, 0):
		x = math.Copysign(math.MaxFloat64, x)
	}
	a := math.Abs(x)
	i := int64(math.Floor(math.Log(a) / binGammaLn))
	i >>= level
	if x > 0 {
		return binPositive | uint64(i+binOffset)
	}
	return binNegative | uint64(i+binOffset)
}

// coarsenBin coarsens a bin key by more levels.
func coarsenBin(k uint64, more uint) uint64 {
	sign := k &^ binMask
	if sign == binZero || more == 0 {
		return k
	}
	i := int64(k&binMask) - binOffset
	i >>= more
	return sign | uint64(i+binOffset)
}
