package main

import (
	"math"
	"strconv"
	"strings"

	"github.com/rs/zerolog"
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/finding"
)

// The values of the flags that take a level, a size or a count, parsed and
// checked here so that each flag's message is in one place.

// parseFailOn reads --fail-on: error, warning (or warn, as --log-level
// spells it), info or none (0).
func parseFailOn(s string) (finding.Severity, error) {
	switch strings.ToLower(s) {
	case "none":
		return 0, nil
	case "warn":
		return finding.Warning, nil
	}
	sev, err := finding.ParseSeverity(s)
	if err != nil {
		return 0, i18n.Errorf("--fail-on: unknown level %q (want error, warning, info or none)", s)
	}
	return sev, nil
}

// parseLogLevel reads --log-level: debug, info, warn (or warning, as
// --fail-on spells it) or error.
func parseLogLevel(s string) (zerolog.Level, error) {
	switch l := strings.ToLower(s); l {
	case "debug", "info", "warn", "error":
		return zerolog.ParseLevel(l)
	case "warning":
		return zerolog.WarnLevel, nil
	}
	return 0, i18n.Errorf("--log-level: unknown level %q (want debug, info, warn or error)", s)
}

// parseSize reads a byte size: 256MiB, 2GiB, 512MB, 1048576.
func parseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"TiB", 1 << 40}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"TB", 1e12}, {"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1}} {
		if strings.HasSuffix(strings.ToUpper(t), strings.ToUpper(u.suffix)) {
			t, mult = strings.TrimSpace(t[:len(t)-len(u.suffix)]), u.mult
			break
		}
	}
	n, err := strconv.ParseFloat(t, 64)
	if err != nil || n <= 0 || math.IsInf(n, 0) || math.IsNaN(n) {
		return 0, i18n.Errorf("invalid size %q (e.g. 256MiB, 2GiB)", s)
	}
	if b := n * float64(mult); b < math.MaxInt64 {
		return int64(b), nil
	}
	return 0, i18n.Errorf("size %q is too large", s)
}

// minMemory is the smallest scan budget --memory accepts: below it the
// scan's fixed costs (a unit of work per column, the sketches) do not fit.
const minMemory = 16 << 20

// parseMemory reads --memory.
func parseMemory(s string) (int64, error) {
	n, err := parseSize(s)
	if err != nil {
		return 0, i18n.Errorf("--memory: %v", err)
	}
	if n < minMemory {
		return 0, i18n.Errorf("--memory: %s is below the smallest budget the scan can keep, 16MiB", strings.TrimSpace(s))
	}
	return n, nil
}

// maxWorkers bounds --workers: more workers than this only add memory.
const maxWorkers = 1024

// checkWorkers checks --workers: 0 (every core) to maxWorkers.
func checkWorkers(n int) error {
	if n < 0 || n > maxWorkers {
		return i18n.Errorf("--workers: %s is not a number of workers (want 1 to %s, or 0 for one per core)", strconv.Itoa(n), strconv.Itoa(maxWorkers))
	}
	return nil
}
