//go:build large

package scan

import "testing"

// TestMemoryBoundLarge scans a 2–3 GB file with a 64 MiB budget. It takes
// minutes: go test -tags large -run MemoryBoundLarge -timeout 60m.
func TestMemoryBoundLarge(t *testing.T) {
	checkMemoryBound(t, 40_000_000, 1<<20, 64<<20)
}
