package classify

import (
	"strconv"
	"strings"
	"time"
)

func validDate(year, month, day int) bool {
	if month < 1 || month > 12 || day < 1 {
		return false
	}
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	return t.Day() == day && int(t.Month()) == month
}

// yyyymmdd reports whether 8 digits read as a date 1900-2099.
func yyyymmdd(d string) bool {
	if len(d) != 8 || !(strings.HasPrefix(d, "19") || strings.HasPrefix(d, "20")) {
		return false
	}
	y, _ := strconv.Atoi(d[:4])
	m, _ := strconv.Atoi(d[4:6])
	day, _ := strconv.Atoi(d[6:])
	return validDate(y, m, day)
}

var dateLayouts = []string{"2006-01-02", "02-01-2006", "02.01.2006", "02/01/2006", "2006/01/02", "20060102"}

// parseDate reads the date part of a date, timestamp or date-like string.
func parseDate(v string) (time.Time, bool) {
	if len(v) >= 10 && (v[4] == '-' || v[4] == '/') {
		layout := "2006-01-02"
		if v[4] == '/' {
			layout = "2006/01/02"
		}
		if t, err := time.Parse(layout, v[:10]); err == nil {
			return t, true
		}
	}
	for _, l := range dateLayouts {
		if len(v) == len(l) {
			if t, err := time.Parse(l, v); err == nil {
				return t, true
			}
		}
	}
	return time.Time{}, false
}
