package scan

import (
	"cmp"
	"encoding/hex"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/dataset"
	"github.com/saglig/saglig/lint/stats"
)

// Measured elsewhere. A dataset whose data stay in a SQL engine is
// measured by the engine (lint/pushdown); the functions of this file turn
// what it measured into the scan's Result with the scan's own code — the
// same conversions, the same withholding of minimum and maximum, the same
// exact quantiles, the same levels and association measures — so that the
// rules see the same figures.

// DriverValue is a value of a column measured elsewhere, as a database
// driver returns it (nil, bool, int64, float64, string, []byte,
// time.Time), and how often it occurs.
type DriverValue struct {
	Value any
	Count int64
}

// Measured is what an engine measured of one column.
type Measured struct {
	Rows, Nulls int64
	// Distinct is the engine's count or estimate; ignored when Complete.
	Distinct int64
	// Min and Max are driver values (nil when the column has no value).
	Min, Max any
	// Quantiles are the engine's, by name (p05 … p95); ignored when
	// Complete.
	Quantiles map[string]float64
	// Values are distinct values with their counts, in the order of the
	// engine's hash: every distinct value when Complete, else the sample.
	Values   []DriverValue
	Complete bool
}

// ExternalProfile makes the profile of a column measured elsewhere. When
// the engine returned every distinct value (Complete), the distinct count,
// the heavy hitters and the quantiles are computed from them exactly as the
// scan computes them; otherwise they are the engine's figures and the
// sample is the values given. Minimum, maximum and quantiles are withheld
// as the scan withholds them.
func ExternalProfile(col dataset.Column, m Measured) (*Profile, error) {
	vt := valueTypeOf(col.ColumnType)
	p := &Profile{Column: col.Path, Type: col.Type, Kind: col.Kind, Rows: m.Rows, Nulls: m.Nulls,
		Distinct: m.Distinct, Numeric: vt.numeric()}
	type item struct {
		text  string
		num   float64
		count int64
	}
	items := make([]item, 0, len(m.Values))
	for _, v := range m.Values {
		cv, err := canonical(vt, col.ColumnType, v.Value)
		if err != nil {
			return nil, i18n.Errorf("column %q: %v", col.Path, err)
		}
		if cv.null {
			continue
		}
		items = append(items, item{text: cv.text(vt), num: cv.number(vt), count: v.Count})
		p.Sample = append(p.Sample, cv.text(vt))
	}
	if m.Complete {
		p.Distinct = int64(len(items))
		top := slices.Clone(items)
		slices.SortStableFunc(top, func(x, y item) int {
			if x.count != y.count {
				return cmp.Compare(y.count, x.count)
			}
			if vt.cls == clsBytes {
				return strings.Compare(x.text, y.text)
			}
			return cmp.Compare(x.num, y.num)
		})
		for _, it := range top[:min(len(top), TopSize)] {
			p.Top = append(p.Top, ValueCount{Value: it.text, Count: it.count})
		}
	}
	if m.Min == nil || m.Max == nil || !vt.ordered() {
		return p, nil
	}
	lo, err := canonical(vt, col.ColumnType, m.Min)
	if err != nil {
		return nil, i18n.Errorf("column %q: minimum: %v", col.Path, err)
	}
	hi, err := canonical(vt, col.ColumnType, m.Max)
	if err != nil {
		return nil, i18n.Errorf("column %q: maximum: %v", col.Path, err)
	}
	if lo.null || hi.null {
		return p, nil
	}
	acc := &colAcc{vt: vt, has: true, minI: lo.i, maxI: hi.i}
	if acc.identifierShaped() {
		return p, nil
	}
	p.Min, p.Max = lo.text(vt), hi.text(vt)
	if !vt.numeric() {
		return p, nil
	}
	p.Quantiles = make(map[string]float64, len(quantileNames))
	if m.Complete {
		vals := make([]float64, len(items))
		counts := make([]int64, len(items))
		for i, it := range items {
			vals[i], counts[i] = it.num, it.count
		}
		for _, q := range quantileNames {
			p.Quantiles[q.name] = stats.ExactQuantile(vals, counts, q.p)
		}
	} else {
		for _, q := range quantileNames {
			if v, ok := m.Quantiles[q.name]; ok {
				p.Quantiles[q.name] = v
			}
		}
	}
	for k, v := range p.Quantiles {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			delete(p.Quantiles, k)
		}
	}
	if len(p.Quantiles) == 0 {
		p.Quantiles = nil
	}
	return p, nil
}

// QuantileNames are the quantiles a numeric Profile reports, with their
// probabilities, in order.
func QuantileNames() (names []string, ps []float64) {
	for _, q := range quantileNames {
		names = append(names, q.name)
		ps = append(ps, q.p)
	}
	return names, ps
}

// canonValue is a driver value in the scan's canonical form.
type canonValue struct {
	null bool
	i    int64
	f    float64
	b    []byte
}

func (c canonValue) text(vt valueType) string {
	switch vt.cls {
	case clsInt:
		return vt.intText(c.i)
	case clsFloat:
		return vt.floatText(c.f)
	}
	return vt.text(c.b)
}

func (c canonValue) number(vt valueType) float64 {
	switch vt.cls {
	case clsInt:
		return vt.intNumber(c.i)
	case clsFloat:
		return c.f
	}
	return math.NaN()
}

// canonical converts a driver value of a column of type ct into the
// scan's canonical form: integers, booleans (0/1), dates (days since
// 1970-01-01), timestamps and times of day (µs), floats and decimals
// (float64, NaN as null), text and bytes.
func canonical(vt valueType, ct dataset.ColumnType, v any) (canonValue, error) {
	v = normalize(v)
	if v == nil {
		return canonValue{null: true}, nil
	}
	switch vt.cls {
	case clsInt:
		i, err := canonInt(vt, ct, v)
		return canonValue{i: i}, err
	case clsFloat:
		var f float64
		switch x := v.(type) {
		case float64:
			f = x
		case float32:
			f = float64(x)
		case int64:
			f = float64(x)
		case string:
			var err error
			if f, err = strconv.ParseFloat(strings.TrimSpace(x), 64); err != nil {
				return canonValue{}, i18n.Errorf("not a number: %s", shape(x))
			}
		case []byte:
			var err error
			if f, err = strconv.ParseFloat(strings.TrimSpace(string(x)), 64); err != nil {
				return canonValue{}, i18n.Errorf("not a number: %s", shape(string(x)))
			}
		default:
			return canonValue{}, i18n.Errorf("a %T where a number was expected", v)
		}
		if math.IsNaN(f) {
			return canonValue{null: true}, nil
		}
		return canonValue{f: canonFloat(f)}, nil
	}
	switch x := v.(type) {
	case string:
		if vt.disp == dispUUID {
			if b, err := hex.DecodeString(strings.ReplaceAll(x, "-", "")); err == nil && len(b) == 16 {
				return canonValue{b: b}, nil
			}
		}
		return canonValue{b: []byte(x)}, nil
	case []byte:
		return canonValue{b: x}, nil
	case time.Time, bool, int64, float64:
		return canonValue{b: fmt.Append(nil, x)}, nil
	}
	return canonValue{}, i18n.Errorf("a %T where text was expected", v)
}

// normalize reduces what drivers return beyond database/sql's own types
// (int32 from DuckDB, decimals and UUIDs as their own types) to int64,
// float64, string, []byte, bool or time.Time.
func normalize(v any) any {
	switch x := v.(type) {
	case nil, int64, float64, string, []byte, bool, time.Time:
		return v
	case interface{ Float64() float64 }:
		if s, ok := v.(fmt.Stringer); ok {
			return s.String()
		}
		return x.Float64()
	}
	r := reflect.ValueOf(v)
	switch r.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return r.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return int64(r.Uint()) // canonical: a uint64 is kept in its bits
	case reflect.Float32, reflect.Float64:
		return r.Float()
	case reflect.String:
		return r.String()
	case reflect.Array:
		if r.Type().Elem().Kind() == reflect.Uint8 {
			b := make([]byte, r.Len())
			reflect.Copy(reflect.ValueOf(b), r)
			return b
		}
	case reflect.Pointer:
		if r.IsNil() {
			return nil
		}
		return normalize(r.Elem().Interface())
	}
	if s, ok := v.(fmt.Stringer); ok {
		return s.String()
	}
	return v
}

// canonInt converts a driver value of an integer-class column.
func canonInt(vt valueType, ct dataset.ColumnType, v any) (int64, error) {
	switch x := v.(type) {
	case int64:
		if vt.disp == dispBool {
			return min(max(x, 0), 1), nil
		}
		return x, nil
	case bool:
		if x {
			return 1, nil
		}
		return 0, nil
	case float64:
		return int64(x), nil
	case time.Time:
		x = x.UTC()
		switch vt.disp {
		case dispDate:
			y, m, d := x.Date()
			return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400, nil
		case dispTime:
			h, m, s := x.Clock()
			return (int64(h)*3600+int64(m)*60+int64(s))*microsPerSecond + int64(x.Nanosecond()/1000), nil
		}
		return x.UnixMicro(), nil
	case []byte:
		return canonInt(vt, ct, string(x))
	case string:
		s := strings.TrimSpace(x)
		switch vt.disp {
		case dispBool:
			b, err := strconv.ParseBool(strings.ToLower(s))
			if err != nil {
				switch strings.ToLower(s) {
				case "t", "yes", "y":
					return 1, nil
				case "f", "no", "n":
					return 0, nil
				}
				return 0, i18n.Errorf("not a boolean: %s", shape(s))
			}
			if b {
				return 1, nil
			}
			return 0, nil
		case dispDate:
			t, err := time.Parse(time.DateOnly, s)
			if err != nil {
				return 0, i18n.Errorf("not a date: %s", shape(s))
			}
			return t.Unix() / 86400, nil
		case dispTime:
			t, err := time.Parse("15:04:05.999999999", s)
			if err != nil {
				return 0, i18n.Errorf("not a time of day: %s", shape(s))
			}
			return (int64(t.Hour())*3600+int64(t.Minute())*60+int64(t.Second()))*microsPerSecond + int64(t.Nanosecond()/1000), nil
		case dispTimestamp:
			if us := textMicros([]byte(s)); us != nullTime {
				return us, nil
			}
			return 0, i18n.Errorf("not a timestamp: %s", shape(s))
		case dispUint:
			u, err := strconv.ParseUint(s, 10, 64)
			return int64(u), err
		}
		i, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return 0, i18n.Errorf("not an integer: %s", shape(s))
		}
		return i, nil
	}
	return 0, i18n.Errorf("a %T where an integer was expected", v)
}

// shape describes a value without printing it: its length and the kinds
// of characters it has.
func shape(s string) string {
	var digits, letters, other int
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
			letters++
		default:
			other++
		}
	}
	return fmt.Sprintf("%d characters (%d digits, %d letters, %d other)", len(s), digits, letters, other)
}

// NumericLevels are a numeric column's levels in a contingency table, as
// the scan bounds them, for a column whose values were keyed elsewhere.
type NumericLevels struct {
	spec     *levelSpec
	from, to transform
}

// FitBins bounds the levels of a numeric column whose distinct values
// fall into the level-0 bins bins (BinKey), which are more than max
// distinct values.
func FitBins(bins []uint64, max int) *NumericLevels {
	spec := newLevelSpec(valueType{cls: clsFloat}, max)
	from := transform{folded: true}
	return &NumericLevels{spec: spec, from: from, to: spec.fit(bins, from)}
}

// Folded reports whether the values were folded into bins.
func (l *NumericLevels) Folded() bool { return l.to.folded }

// KeyOfBin is the level of the level-0 bin key bin.
func (l *NumericLevels) KeyOfBin(bin uint64) uint64 { return l.spec.convert(bin, l.from, l.to) }

// BinKey is the level-0 bin key of a number with sign (−1, 0 or 1) and
// logarithmic bin index ⌊ln|x| / ln 1.01⌋, as an engine computes them.
func BinKey(sign int, index int64) uint64 {
	switch {
	case sign == 0:
		return binZero
	case sign > 0:
		return binPositive | uint64(index+binOffset)
	}
	return binNegative | uint64(index+binOffset)
}

// BinGammaLn is ln γ of the logarithmic bins (γ = 1.01).
const BinGammaLn = binGammaLn

// Associate measures the association of an input with a protected column
// from their contingency table (keyed by level) and, for a scalar input
// (numbers, dates, times), the correlation ratio over the protected levels
// (eta; nil for another input), as the scan does: bias-corrected
// Cramér's V for a categorical input or a code (IsCode, from the input's
// profile), else the correlation ratio η.
func Associate(input, protected string, inProfile *Profile, table *stats.Table, eta *stats.Eta, bounded bool) Association {
	a := Association{Input: input, Protected: protected, PValue: 1}
	m := table.Dense()
	a.InputLevels = len(m)
	if len(m) > 0 {
		a.ProtectedLevels = len(m[0])
	}
	a.N = table.N()
	a.Bounded = bounded
	a.NMI = stats.NMI(m)
	if eta != nil && !IsCode(input, inProfile) {
		e := *eta
		a.Measure, a.Value, a.PValue, a.DF = "correlation_ratio", e.Eta, e.P, e.DF1
	} else {
		cs := stats.ChiSquareTest(m)
		a.Measure, a.PValue, a.DF = "cramers_v", cs.P, cs.DF
		a.Value, a.NaiveV = stats.CramersV(m)
	}
	for _, x := range []*float64{&a.Value, &a.NaiveV, &a.NMI, &a.PValue} {
		if math.IsNaN(*x) || math.IsInf(*x, 0) {
			*x = 0
		}
	}
	return a
}

// SortAssociations orders associations by input, then protected column,
// as a Result holds them.
func SortAssociations(as []Association) {
	slices.SortFunc(as, func(a, b Association) int {
		return cmp.Or(cmp.Compare(a.Input, b.Input), cmp.Compare(a.Protected, b.Protected))
	})
}

// MicrosPerDay converts the µs of a span to days.
const MicrosPerDay = microsPerDay
