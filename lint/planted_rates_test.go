package lint_test

import (
	"flag"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/saglig/saglig/lint/finding"
)

// plantedReps is how many datasets of each planted case and size
// TestPlantedRates draws. The default is a quick check; the rates recorded
// in docs/scan.md come from
//
//	go test ./lint -run TestPlantedRates -planted-reps 40 -v
var plantedReps = flag.Int("planted-reps", 3, "datasets per planted case and size in TestPlantedRates")

// plantedOutcome is what the proxy rules made of one planted dataset:
// whether every planted finding fired (at warning or error), whether one
// that did not was reported as unknown (info) instead — in a case with no
// plant, whether anything was — and the findings no plant calls for (false
// positives: any warning or error the case does not want).
type plantedOutcome struct {
	detected, unknown bool
	extra             []string
}

func judgePlanted(c plantedCase, fs []finding.Finding) plantedOutcome {
	var o plantedOutcome
	fired := map[string]bool{}
	info := map[string]bool{}
	for _, f := range fs {
		key := f.Rule + " " + f.Column
		switch {
		case f.Severity == finding.Info:
			info[key] = true
		case slices.Contains(c.want, key):
			fired[key] = true
		default:
			o.extra = append(o.extra, key)
		}
	}
	o.detected = len(c.want) > 0
	if len(c.want) == 0 {
		// Nothing is planted: any "unknown" is spurious.
		o.unknown = len(info) > 0
	}
	for _, w := range c.want {
		if !fired[w] {
			o.detected = false
			if info[w] {
				o.unknown = true
			}
		}
	}
	return o
}

// TestPlantedRates lints many datasets of each planted case, at several
// sizes, and measures how often the planted proxies are found, how often the
// rules say "unknown" instead, and how often anything the plant does not
// call for fires. At 6,000 rows every plant must be found in nine of ten
// datasets and false positives stay under one in ten datasets.
func TestPlantedRates(t *testing.T) {
	if testing.Short() {
		t.Skip("lints many datasets")
	}
	sizes := []int{6000}
	if *plantedReps > 3 {
		sizes = []int{300, 1000, 6000}
	}
	var table strings.Builder
	table.WriteString("| planted | rows | datasets | found | unknown | false positives |\n| --- | ---: | ---: | ---: | ---: | ---: |\n")
	for ci, c := range plantedCases {
		for _, n := range sizes {
			var found, unknown, fp int
			extras := map[string]int{}
			for rep := range *plantedReps {
				dir := t.TempDir()
				path := writePlantedRows(t, dir, c, uint64(1000*(ci+1)+rep), n)
				o := judgePlanted(c, proxyFindings(lintPlanted(t, dir, path, 2)))
				if o.detected {
					found++
				}
				if o.unknown {
					unknown++
				}
				if len(o.extra) > 0 {
					fp++
				}
				for _, e := range o.extra {
					extras[e]++
				}
			}
			reps := *plantedReps
			foundCell := fmt.Sprintf("%d/%d", found, reps)
			if len(c.want) == 0 {
				foundCell = "—"
			}
			var which []string
			for k, v := range extras {
				which = append(which, fmt.Sprintf("%s: %d", k, v))
			}
			slices.Sort(which)
			fpCell := fmt.Sprintf("%d/%d", fp, reps)
			if len(which) > 0 {
				fpCell += " (" + strings.Join(which, ", ") + ")"
			}
			fmt.Fprintf(&table, "| %s | %d | %d | %s | %d/%d | %s |\n", c.name, n, reps, foundCell, unknown, reps, fpCell)
			if n == 6000 {
				if len(c.want) > 0 && 10*found < 9*reps {
					t.Errorf("%s, %d rows: found in %d of %d datasets", c.name, n, found, reps)
				}
				if 10*fp > reps {
					t.Errorf("%s, %d rows: false positives in %d of %d datasets: %v", c.name, n, fp, reps, extras)
				}
			}
		}
	}
	t.Logf("planted-proxy rates:\n%s", table.String())
}
