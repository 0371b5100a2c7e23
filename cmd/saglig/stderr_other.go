//go:build !unix

package main

import "os"

// guardStderr is guardStderr of stderr_unix.go: elsewhere, stderr is used
// as it is.
func guardStderr() (stderr *os.File, restore func()) { return os.Stderr, func() {} }
