// Command saglig lints training and feature datasets against a
// feature-purpose map. See https://github.com/saglig/saglig.
package main

import "os"

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }
