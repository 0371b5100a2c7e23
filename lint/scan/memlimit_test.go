package scan

import (
	"runtime"
	"testing"
)

func TestHeapGrowth(t *testing.T) {
	const mib = 1 << 20
	for _, tc := range []struct {
		name                     string
		budget, need, held, want int64
	}{
		// The bench file: the program holds 78 MiB, the plan estimates
		// 147 MiB; 224 − 78 = 146 MiB, so the estimate rules.
		{"estimate above the room", 256 * mib, 147 * mib, 78 * mib, 147 * mib},
		// A plan that fits leaves the process within the budget.
		{"the process fits", 256 * mib, 100 * mib, 78 * mib, 146 * mib},
		{"resident size unknown", 256 * mib, 100 * mib, 0, 224 * mib},
		// A budget smaller than the program: the scan still grows by its
		// estimate, at most seven eighths of the budget.
		{"budget below the program", 16 * mib, 29 * mib, 117 * mib, 14 * mib},
		{"small estimate, small budget", 64 * mib, 20 * mib, 78 * mib, 20 * mib},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := heapGrowth(tc.budget, tc.need, tc.held); got != tc.want {
				t.Errorf("heapGrowth(%d, %d, %d) = %.1f MiB, want %.1f MiB", tc.budget/mib, tc.need/mib, tc.held/mib, float64(got)/mib, float64(tc.want)/mib)
			}
		})
	}
}

func TestResidentSize(t *testing.T) {
	rss := residentSize()
	if runtime.GOOS != "linux" {
		if rss != 0 {
			t.Errorf("residentSize() = %d off Linux, want 0", rss)
		}
		return
	}
	// The resident size holds the program's code besides the Go heap.
	if inUse := memoryInUse(); rss < inUse/2 || rss < 1<<20 {
		t.Errorf("residentSize() = %d, Go memory in use %d", rss, inUse)
	}
}
