package scan

import (
	"strconv"
	"time"

	"github.com/saglig/saglig/internal/i18n"
)

// partValue is a Hive partition value, canonical: constant for every row
// of a file.
type partValue struct {
	null bool
	i    int64
	f    float64
	b    []byte
}

// hiveNull is how Hive writes a null partition value.
const hiveNull = "__HIVE_DEFAULT_PARTITION__"

// parsePartition reads a partition value from a path as a value of type
// vt (lint/dataset types partition keys as strings).
func parsePartition(vt valueType, raw string) (partValue, error) {
	if raw == hiveNull {
		return partValue{null: true}, nil
	}
	var err error
	var pv partValue
	switch vt.cls {
	case clsInt:
		switch vt.disp {
		case dispBool:
			var b bool
			b, err = strconv.ParseBool(raw)
			if b {
				pv.i = 1
			}
		case dispDate:
			var t time.Time
			t, err = time.Parse(time.DateOnly, raw)
			pv.i = t.Unix() / 86400
		case dispUint:
			var u uint64
			u, err = strconv.ParseUint(raw, 10, 64)
			pv.i = int64(u)
		default:
			pv.i, err = strconv.ParseInt(raw, 10, 64)
		}
	case clsFloat:
		pv.f, err = strconv.ParseFloat(raw, 64)
		pv.f = canonFloat(pv.f)
	default:
		pv.b = []byte(raw)
	}
	if err != nil {
		return pv, i18n.Errorf("not a %s", vt)
	}
	return pv, nil
}
