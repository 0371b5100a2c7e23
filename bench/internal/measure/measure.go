// Package measure runs a benchmark's child processes and reports their
// wall time, CPU time and peak resident size, and describes the machine
// they ran on: the helpers of bench/cmd/benchjc and bench/cmd/benchlake.
package measure

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Measurement is one child process's wall time, CPU time and peak RSS.
type Measurement struct {
	Wall   time.Duration
	CPU    time.Duration // user + system
	MaxRSS int64         // bytes
	Stdout []byte
}

var (
	mu          sync.Mutex
	minChildRSS int64
)

// Run runs cmd, a child process, and returns its wall time, CPU time and
// peak resident set size (getrusage's ru_maxrss, KiB on Linux). An exit
// code other than 0 and okCodes is an error with the first line of its
// stderr.
func Run(cmd *exec.Cmd, okCodes ...int) (Measurement, error) {
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) || !slices.Contains(okCodes, ee.ExitCode()) {
			return Measurement{}, fmt.Errorf("%s: %v: %s", strings.Join(cmd.Args, " "), err, FirstLine(errb.String()))
		}
	}
	m := Measurement{Wall: wall, Stdout: out.Bytes()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		m.MaxRSS = ru.Maxrss << 10
		m.CPU = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		mu.Lock()
		if minChildRSS == 0 || m.MaxRSS < minChildRSS {
			minChildRSS = m.MaxRSS
		}
		mu.Unlock()
	}
	return m, nil
}

// MinChildRSS is the least peak RSS measured of a child.
func MinChildRSS() int64 {
	mu.Lock()
	defer mu.Unlock()
	return minChildRSS
}

// SelfMaxRSS is the harness's own peak RSS: a floor under every child's
// figure, since a child that os/exec starts with vfork is charged its
// parent's peak until it execs.
func SelfMaxRSS() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Maxrss << 10
}

// Median returns the measurement of median wall time, with the largest
// peak RSS of all runs.
func Median(ms []Measurement) Measurement {
	s := slices.Clone(ms)
	slices.SortFunc(s, func(a, b Measurement) int { return int(a.Wall - b.Wall) })
	m := s[len(s)/2]
	for _, x := range ms {
		m.MaxRSS = max(m.MaxRSS, x.MaxRSS)
	}
	return m
}

// FirstLine is the first line of s, trimmed.
func FirstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

// CPUModel is the processor's model name.
func CPUModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return runtime.GOARCH
}

// MemTotal is the machine's memory, e.g. "23.5 GiB".
func MemTotal() string {
	b, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return "?"
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "MemTotal:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			if err == nil {
				return fmt.Sprintf("%.1f GiB", float64(kb)/(1<<20))
			}
		}
	}
	return "?"
}

// LoadAverage is the 1-, 5- and 15-minute load averages, e.g. "6.87 9.48
// 5.74", or "?".
func LoadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

// ProcessCPU is the CPU time (user + system) process pid has used so far;
// with children, also that of its children it has waited for (a
// PostgreSQL postmaster's backends once they have exited). Linux only.
func ProcessCPU(pid int, children bool) (time.Duration, error) {
	f, err := statFields(pid)
	if err != nil {
		return 0, err
	}
	// f[0] is field 3 (state): utime is field 14, stime 15, cutime 16,
	// cstime 17.
	if len(f) < 15 {
		return 0, fmt.Errorf("/proc/%d/stat: %d fields", pid, len(f)+2)
	}
	last := 13
	if children {
		last = 15
	}
	var ticks int64
	for _, x := range f[11:last] {
		n, err := strconv.ParseInt(x, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("/proc/%d/stat: %v", pid, err)
		}
		ticks += n
	}
	// USER_HZ is 100 on every Linux architecture Go runs on.
	return time.Duration(ticks) * (time.Second / 100), nil
}

// ParentPID is the parent of process pid (a PostgreSQL backend's
// postmaster). Linux only.
func ParentPID(pid int) (int, error) {
	f, err := statFields(pid)
	if err != nil {
		return 0, err
	}
	// f[1] is field 4, ppid.
	if len(f) < 2 {
		return 0, fmt.Errorf("/proc/%d/stat: %d fields", pid, len(f)+2)
	}
	return strconv.Atoi(f[1])
}

// statFields is /proc/pid/stat's fields from the third (state) on.
func statFields(pid int) ([]string, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return nil, err
	}
	// The command name, in parentheses, may hold spaces: fields are
	// counted after its closing parenthesis.
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return nil, fmt.Errorf("/proc/%d/stat: no command name", pid)
	}
	return strings.Fields(s[i+1:]), nil
}

// ParseSize reads a size such as "256MiB", "10GiB", "1.5GB" or "4096".
func ParseSize(s string) (int64, error) {
	s = strings.TrimSpace(s)
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		m      int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"GB", 1e9}, {"MB", 1e6}} {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSuffix(s, u.suffix), u.m
			break
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 {
		return 0, fmt.Errorf("bad size %q", s)
	}
	return int64(f * float64(mult)), nil
}

// MiB writes n bytes in whole MiB.
func MiB(n int64) string { return fmt.Sprintf("%.0f MiB", float64(n)/(1<<20)) }

// Secs writes d in seconds with two decimals.
func Secs(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }

// FileSize is the size of the file at path, or 0.
func FileSize(path string) int64 {
	st, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return st.Size()
}
