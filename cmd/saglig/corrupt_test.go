package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/saglig/saglig/internal/testfiles"
)

// Budgets of one run of saglig on a file of the corrupt-file suite. The
// time is a hang detector, not a performance assertion: every case takes
// well under a second. The memory is the peak resident size of a saglig
// process with --memory 64MiB above that of saglig --version (the program
// itself: code, runtime and embedded vocabularies, which grow with
// features and which the budget does not cover): the compression bombs of the suite
// decompress to 300 MiB and its lying headers claim gigabytes, so a reader
// that trusted them would exceed it.
const (
	corruptHang      = 20 * time.Second
	corruptMaxGrowth = 64 << 20
	corruptMapForRun = "../../examples/jobcenter/saglig.yaml"
)

// runSaglig runs the saglig command in-process and returns its exit code,
// stdout and stderr; it fails the test if the command has not returned
// after corruptHang.
func runSaglig(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	done := make(chan int, 1)
	go func() { done <- run(args, &stdout, &stderr) }()
	select {
	case code := <-done:
		return code, stdout.String(), stderr.String()
	case <-time.After(corruptHang):
		t.Fatalf("saglig %s: still running after %v", strings.Join(args, " "), corruptHang)
	}
	return 0, "", ""
}

// checkFileError checks that stderr is exactly one line naming path and
// containing want, and no stack trace.
func checkFileError(t *testing.T, stderr, path, want string) {
	t.Helper()
	if strings.Count(stderr, "\n") != 1 || !strings.HasSuffix(stderr, "\n") {
		t.Errorf("stderr is not one line:\n%s", stderr)
	}
	if !strings.HasPrefix(stderr, "saglig: "+path+": ") {
		t.Errorf("stderr does not name the file first: %q", stderr)
	}
	if !strings.Contains(stderr, want) {
		t.Errorf("stderr %q does not say %q", stderr, want)
	}
	for _, bad := range []string{"panic", "goroutine", "internal error"} {
		if strings.Contains(stderr, bad) {
			t.Errorf("stderr shows a crash (%q): %q", bad, stderr)
		}
	}
}

// TestCorrupt runs saglig on the corrupt-file suite (internal/testfiles),
// written once for its subtests.
func TestCorrupt(t *testing.T) {
	cases, err := testfiles.WriteCorrupt(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Run("files", func(t *testing.T) { testCorruptFiles(t, cases) })
	t.Run("named", func(t *testing.T) { testCorruptNamedProblems(t, cases) })
	t.Run("memory", func(t *testing.T) { testCorruptMemory(t, cases) })
	t.Run("good-and-bad", func(t *testing.T) { testGoodAndCorruptFile(t, cases) })
}

// testCorruptFiles lints every file of the corrupt-file suite with the
// saglig command: each gives exit 2 and one line on stderr naming the file
// and its problem, or — for damage that may leave a valid file — lints
// correctly; none crashes or hangs.
func testCorruptFiles(t *testing.T, cases []testfiles.Case) {
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := runSaglig(t, "lint", "--map", corruptMapForRun, "--workers", "1", c.Path)
			if c.MayRead && code != exitFailure {
				if (code != exitOK && code != exitFindings) || stderr != "" {
					t.Errorf("exit %d, stderr %q", code, stderr)
				}
				return
			}
			if code != exitFailure {
				t.Fatalf("exit %d, want 2; stderr %q", code, stderr)
			}
			if stdout != "" {
				t.Errorf("a report of nothing: %q", stdout)
			}
			checkFileError(t, stderr, c.Path, c.Want)
		})
	}
}

// testCorruptNamedProblems pins the problems of the suite that the issue
// names, so that the suite cannot lose them: each is refused with its own
// message.
func testCorruptNamedProblems(t *testing.T, cases []testfiles.Case) {
	byName := map[string]testfiles.Case{}
	for _, c := range cases {
		byName[c.Name] = c
	}
	tests := []struct{ name, want string }{
		{"parquet/empty", "truncated file (0 bytes)"},
		{"parquet/wrong-magic", ""},
		{"parquet/encrypted", "encrypted Parquet is not supported"},
		{"parquet/encrypted-column", "encrypted Parquet is not supported"},
		{"parquet/footer-length-2GiB", "exceeds file size"},
		{"parquet/page-uncompressed-size-2GiB", "(raise it with --max-page-size)"},
		{"parquet/page-compressed-size-2GiB", "runs past the end of its column chunk"},
		{"parquet/deep-schema", "nested more than"},
		{"parquet/10000-columns", "(raise it with --max-columns)"},
		{"parquet/dictionary-index-out-of-range", "out of range"},
		{"parquet/zstd-bomb", "decompress to more than"},
		{"parquet/gzip-bomb", "decompress to more than"},
		{"parquet/decompression-ratio", "(raise it with --max-decompression-ratio)"},
		{"arrow-file/zstd-buffer-1TiB", "(raise it with --max-page-size)"},
		{"arrow-stream/10000-columns", "(raise it with --max-columns)"},
		{"arrow-file/deep-schema", "nested more than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, ok := byName[tt.name]
			if !ok {
				t.Fatalf("the suite has no case %s", tt.name)
			}
			code, _, stderr := runSaglig(t, "lint", "--map", corruptMapForRun, c.Path)
			if code != exitFailure {
				t.Fatalf("exit %d, want 2; stderr %q", code, stderr)
			}
			checkFileError(t, stderr, c.Path, tt.want)
		})
	}
}

// sagligPeak runs saglig, then writes the peak resident size of the
// process (VmHWM, in KiB, from /proc/self/status) to $SAGLIG_PEAK_FILE.
// The peak is read by the process itself: the rusage of a child started
// from the test process counts the test's own pages, which the child
// shares until it execs.
func sagligPeak() {
	code := sagligMain()
	if status, err := os.ReadFile("/proc/self/status"); err == nil {
		for line := range strings.Lines(string(status)) {
			if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
				_ = os.WriteFile(os.Getenv("SAGLIG_PEAK_FILE"), []byte(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB"))), 0o644)
			}
		}
	}
	os.Exit(code)
}

// testCorruptMemory runs saglig as a process, with --memory 64MiB, on the
// files of the suite that attack memory — compression bombs, lying sizes,
// deep and wide schemas: every case with a pinned message — and checks
// the peak resident size of each.
func testCorruptMemory(t *testing.T, cases []testfiles.Case) {
	if testing.Short() {
		t.Skip("runs a process per file")
	}
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("no /proc/self/status to read the peak resident size from")
	}
	bin, err := exec.LookPath("saglig-peak")
	if err != nil {
		t.Fatalf("saglig-peak is not on $PATH (TestMain puts it there): %v", err)
	}
	peaks := t.TempDir()
	base := peakOf(t, bin, filepath.Join(peaks, "base"), "--version")
	t.Logf("peak resident size of saglig --version %.1f MiB", float64(base)/1024)
	for i, c := range cases {
		if c.Want == "" {
			continue
		}
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			peakFile := filepath.Join(peaks, strconv.Itoa(i))
			var stderr bytes.Buffer
			cmd := exec.Command(bin, "lint", "--map", corruptMapForRun, "--memory", "64MiB", c.Path)
			cmd.Env = append(os.Environ(), "SAGLIG_PEAK_FILE="+peakFile)
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			var err error
			select {
			case err = <-done:
			case <-time.After(corruptHang):
				cmd.Process.Kill()
				<-done
				t.Fatalf("still running after %v", corruptHang)
			}
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != exitFailure {
				t.Fatalf("%v, want exit 2; stderr %q", err, stderr.String())
			}
			checkFileError(t, stderr.String(), c.Path, c.Want)
			kib := readPeak(t, peakFile)
			t.Logf("peak resident size %.1f MiB", float64(kib)/1024)
			if (kib-base)<<10 > corruptMaxGrowth {
				t.Errorf("peak resident size %.1f MiB, %.1f MiB above saglig --version's; budget %d MiB above it",
					float64(kib)/1024, float64(kib-base)/1024, corruptMaxGrowth>>20)
			}
		})
	}
}

// testGoodAndCorruptFile lints a directory holding a good file and a
// corrupt one: the good one is linted and reported as if alone, the bad
// one named on stderr, and the exit code is 2.
func testGoodAndCorruptFile(t *testing.T, cases []testfiles.Case) {
	good, err := os.ReadFile("../../examples/jobcenter/data/forloeb.parquet")
	if err != nil {
		t.Fatal(err)
	}
	var bad testfiles.Case
	for _, c := range cases {
		if c.Name == "parquet/page-uncompressed-size-2GiB" {
			bad = c
		}
	}
	badData, err := os.ReadFile(bad.Path)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		// bad is the corrupt file's name: it sorts before or after the
		// good one, and it fails when opened or only when scanned.
		bad  string
		data []byte
	}{
		{"fails in the scan, after", "z.parquet", badData},
		{"fails in the scan, before", "a.parquet", badData},
		{"fails when opened", "b.parquet", []byte("PAR1 this is no Parquet file PAR1")},
	}
	alone := t.TempDir()
	writeTestFile(t, filepath.Join(alone, "m.parquet"), good)
	_, want, _ := runSaglig(t, "lint", "--map", corruptMapForRun, "--format", "json", alone)
	wantFindings := findingsOf(t, want, alone)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeTestFile(t, filepath.Join(dir, "m.parquet"), good)
			badPath := filepath.Join(dir, tt.bad)
			writeTestFile(t, badPath, tt.data)
			code, stdout, stderr := runSaglig(t, "lint", "--map", corruptMapForRun, "--format", "json", dir)
			if code != exitFailure {
				t.Fatalf("exit %d, want 2; stderr %q", code, stderr)
			}
			checkFileError(t, stderr, badPath, "")
			var res struct {
				Datasets []struct {
					Path  string `json:"path"`
					Rows  int64  `json:"rows"`
					Files int    `json:"files"`
				} `json:"datasets"`
				Errors []struct {
					Path    string `json:"path"`
					Message string `json:"message"`
				} `json:"errors"`
			}
			if err := json.Unmarshal([]byte(stdout), &res); err != nil {
				t.Fatalf("report: %v\n%s", err, stdout)
			}
			if len(res.Datasets) != 1 || res.Datasets[0].Rows != 6000 || res.Datasets[0].Files != 1 {
				t.Errorf("datasets %+v, want the good file's 6000 rows alone", res.Datasets)
			}
			if len(res.Errors) != 1 || res.Errors[0].Path != badPath || res.Errors[0].Message == "" {
				t.Errorf("errors %+v, want one naming %s", res.Errors, badPath)
			}
			if got := findingsOf(t, stdout, dir); got != wantFindings {
				t.Errorf("findings differ from the good file's alone:\n%s\nwant\n%s", got, wantFindings)
			}
		})
	}
}

// findingsOf lists the findings of a JSON report, one per line, with the
// dataset's directory dropped from their paths.
func findingsOf(t *testing.T, report, dir string) string {
	t.Helper()
	var res struct {
		Findings []struct {
			Rule, Column, Severity, Message string
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(report), &res); err != nil {
		t.Fatalf("report: %v\n%s", err, report)
	}
	var b strings.Builder
	for _, f := range res.Findings {
		fmt.Fprintf(&b, "%s %s %s %s\n", f.Rule, f.Column, f.Severity, strings.ReplaceAll(f.Message, dir, "DIR"))
	}
	return b.String()
}

func writeTestFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// peakOf runs saglig-peak with args and returns its peak resident size in
// KiB: the size of the program itself (its code, the runtime, the
// embedded vocabularies), which the memory budget does not cover.
func peakOf(t *testing.T, bin, peakFile string, args ...string) int64 {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "SAGLIG_PEAK_FILE="+peakFile)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("saglig %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return readPeak(t, peakFile)
}

// readPeak reads the peak resident size, in KiB, that saglig-peak wrote.
func readPeak(t *testing.T, peakFile string) int64 {
	t.Helper()
	b, err := os.ReadFile(peakFile)
	if err != nil {
		t.Fatalf("no peak resident size: %v", err)
	}
	kib, err := strconv.ParseInt(string(b), 10, 64)
	if err != nil {
		t.Fatalf("peak resident size %q: %v", b, err)
	}
	return kib
}
