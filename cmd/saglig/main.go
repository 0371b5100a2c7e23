// Command saglig lints training and feature datasets against a
// feature-purpose map. See https://github.com/saglig/saglig.
package main

import "os"

func main() { os.Exit(sagligMain()) }

// sagligMain runs saglig on the process's arguments, with stderr guarded
// against what third-party code prints to it (guardStderr).
func sagligMain() int {
	stderr, restore := guardStderr()
	code := run(os.Args[1:], os.Stdout, stderr)
	restore()
	return code
}
