package dataset

import (
	"context"
	"errors"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/saglig/saglig/internal/testfiles"
)

// Budgets of one file of the corrupt-file suite: generous, so that the
// test never flakes, and far below what an unbounded reader would take
// (the bombs decompress to 300 MiB, the lying headers claim gigabytes).
const (
	corruptTimeBudget = 5 * time.Second
	corruptHeapBudget = 64 << 20
)

// measure runs f and returns how long it took and how many bytes it
// allocated.
func measure(f func()) (time.Duration, uint64) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	f()
	d := time.Since(start)
	runtime.ReadMemStats(&after)
	return d, after.TotalAlloc - before.TotalAlloc
}

// TestCorruptOpen opens every file of the corrupt-file suite. A file
// damaged in its footer or schema is refused with one line naming it; a
// file whose damage only the data scan can see opens (its footer is
// sound), and the page check refuses the Parquet ones whose pages lie.
// Each stays within a time and an allocation budget.
func TestCorruptOpen(t *testing.T) {
	cases, err := testfiles.WriteCorrupt(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			var err error
			took, alloc := measure(func() { _, err = Open(c.Path, Options{}) })
			if took > corruptTimeBudget || alloc > corruptHeapBudget {
				t.Errorf("took %v and allocated %s, budget %v and %s", took, Bytes(int64(alloc)), corruptTimeBudget, Bytes(corruptHeapBudget))
			}
			switch {
			case c.Stage == testfiles.Scan && err != nil:
				t.Fatalf("a file with sound metadata does not open: %v", err)
			case c.Stage == testfiles.Open && err == nil && !c.MayRead:
				t.Fatal("opened")
			case err != nil:
				checkOneLine(t, err, c)
			}
			if c.PageCheck {
				err := checkAllPages(c.Path)
				if err == nil {
					t.Fatal("the page check passes")
				}
				if !strings.Contains(err.Error(), c.Want) {
					t.Errorf("page check: %q, want it to contain %q", err, c.Want)
				}
			}
		})
	}
}

// checkOneLine checks that err is one line, names the file and contains
// what the case wants.
func checkOneLine(t *testing.T, err error, c testfiles.Case) {
	t.Helper()
	msg := err.Error()
	var de *Error
	if !errors.As(err, &de) {
		t.Errorf("error %T, want *Error", err)
	}
	if !strings.HasPrefix(msg, c.Path+": ") {
		t.Errorf("%q does not start with the file's name", msg)
	}
	if strings.ContainsAny(msg, "\r\n") || strings.Contains(msg, "goroutine") || strings.Contains(msg, "panic") {
		t.Errorf("not a clean one-line error: %q", msg)
	}
	if !strings.Contains(msg, c.Want) {
		t.Errorf("%q does not contain %q", msg, c.Want)
	}
}

// checkAllPages runs the page check on every column chunk of a Parquet
// file.
func checkAllPages(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	md, err := testfiles.Footer(data)
	if err != nil {
		return err
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	for _, rg := range md.RowGroups {
		for i := range rg.Columns {
			if err := (Limits{}).CheckParquetPages(context.Background(), f, int64(len(data)), &rg.Columns[i]); err != nil {
				return err
			}
		}
	}
	return nil
}
