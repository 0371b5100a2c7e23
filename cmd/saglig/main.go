// Command saglig lints training and feature datasets against a
// feature-purpose map. See https://github.com/saglig/saglig.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() { os.Exit(sagligMain()) }

// sagligMain runs saglig on the process's arguments, with stderr guarded
// against what third-party code prints to it (guardStderr). The first
// Ctrl-C (or SIGTERM) cancels the run, which ends with "interrupted" and
// exitInterrupted; a second one kills the process at once.
func sagligMain() int {
	stderr, restore := guardStderr()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop() // the next signal is not caught
	}()
	code := runContext(ctx, os.Args[1:], os.Stdout, stderr)
	stop()
	restore()
	return code
}
