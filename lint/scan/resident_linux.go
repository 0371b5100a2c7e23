package scan

import (
	"bytes"
	"os"
	"strconv"
)

// residentSize is the process's resident set size in bytes (the second
// field of /proc/self/statm, in pages), or 0 if it cannot be read.
func residentSize() int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := bytes.Fields(b)
	if len(f) < 2 {
		return 0
	}
	pages, err := strconv.ParseInt(string(f[1]), 10, 64)
	if err != nil {
		return 0
	}
	return pages * int64(os.Getpagesize())
}
