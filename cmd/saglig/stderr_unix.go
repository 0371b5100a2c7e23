//go:build unix

package main

import (
	"bufio"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"golang.org/x/sys/unix"
)

// guardStderr keeps third-party code from breaking saglig's one-line
// errors. parquet-go prints some warnings with the built-in println,
// straight to file descriptor 2 ("parquet: warning: column 1 byte array
// page has 31 offsets but numValues is 29"); saglig detects the same
// damage itself and reports it as that file's error, naming the file. So
// descriptor 2 becomes a pipe whose lines are copied to the real stderr,
// except those warnings; saglig writes to the real stderr directly, and a
// fatal runtime error is also written there (debug.SetCrashOutput), so it
// is never lost with the pipe. restore puts descriptor 2 back and waits
// until the pipe is drained.
func guardStderr() (stderr *os.File, restore func()) {
	orig, err := unix.Dup(2)
	if err != nil {
		return os.Stderr, func() {}
	}
	unix.CloseOnExec(orig)
	real := os.NewFile(uintptr(orig), "/dev/stderr")
	r, w, err := os.Pipe()
	if err != nil {
		real.Close()
		return os.Stderr, func() {}
	}
	if err := unix.Dup2(int(w.Fd()), 2); err != nil {
		r.Close()
		w.Close()
		real.Close()
		return os.Stderr, func() {}
	}
	w.Close() // descriptor 2 holds the write end now
	_ = debug.SetCrashOutput(real, debug.CrashOptions{})
	os.Stderr = real
	done := make(chan struct{})
	go func() {
		defer close(done)
		copyStderr(real, r)
	}()
	return real, func() {
		_ = unix.Dup2(orig, 2) // closes the pipe's last write end
		<-done
		r.Close()
	}
}

// copyStderr copies lines from r to w, leaving out the warnings that
// decoders print and saglig reports itself.
func copyStderr(w io.Writer, r io.Reader) {
	br := bufio.NewReader(r)
	for {
		line, err := br.ReadString('\n')
		if line != "" && !strings.HasPrefix(line, "parquet: warning: ") {
			_, _ = io.WriteString(w, line)
		}
		if err != nil {
			return
		}
	}
}
