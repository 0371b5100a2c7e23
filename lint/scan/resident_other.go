//go:build !linux

package scan

// residentSize is the process's resident set size where the system does
// not expose it cheaply: unknown (0), so the soft memory limit counts only
// the Go runtime's own memory.
func residentSize() int64 { return 0 }
