package pushdown

import (
	"fmt"
	"math"
	"math/big"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/saglig/saglig/internal/i18n"
)

// Driver values.

// normalizeNumber reduces a driver's number types (int32 from DuckDB,
// *big.Int for HUGEINT, decimals with a String method) to int64, float64
// or string.
func normalizeNumber(v any) any {
	switch x := v.(type) {
	case nil, int64, float64, string, []byte, bool, time.Time:
		return v
	case *big.Int:
		if x == nil {
			return nil
		}
		if x.IsInt64() {
			return x.Int64()
		}
		return x.String()
	case fmt.Stringer:
		return x.String()
	}
	r := reflect.ValueOf(v)
	switch r.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return r.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return float64(r.Uint())
	case reflect.Float32, reflect.Float64:
		return r.Float()
	}
	return v
}

func toInt(v any) (int64, error) {
	switch x := normalizeNumber(v).(type) {
	case nil:
		return 0, nil
	case int64:
		return x, nil
	case int32:
		return int64(x), nil
	case int:
		return int64(x), nil
	case int16:
		return int64(x), nil
	case int8:
		return int64(x), nil
	case uint8:
		return int64(x), nil
	case bool:
		if x {
			return 1, nil
		}
		return 0, nil
	case float64:
		return int64(math.Round(x)), nil
	case float32:
		return int64(math.Round(float64(x))), nil
	case []byte:
		return toInt(string(x))
	case string:
		s := strings.TrimSpace(x)
		if i, err := strconv.ParseInt(s, 10, 64); err == nil {
			return i, nil
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return 0, i18n.Errorf("not a number (%d characters)", len(s))
		}
		return int64(math.Round(f)), nil
	}
	return 0, i18n.Errorf("a %T where a number was expected", v)
}

// toFloat reads a number; ok is false for NULL.
func toFloat(v any) (float64, bool, error) {
	switch x := normalizeNumber(v).(type) {
	case nil:
		return 0, false, nil
	case float64:
		return x, true, nil
	case float32:
		return float64(x), true, nil
	case int64:
		return float64(x), true, nil
	case int32:
		return float64(x), true, nil
	case int:
		return float64(x), true, nil
	case []byte:
		return toFloat(string(x))
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		if err != nil {
			return 0, false, i18n.Errorf("not a number (%d characters)", len(x))
		}
		return f, true, nil
	case time.Time:
		return 0, false, i18n.Errorf("a time where a number was expected")
	}
	return 0, false, i18n.Errorf("a %T where a number was expected", v)
}
