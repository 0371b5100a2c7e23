package testfiles

import (
	"os"
	"path/filepath"
	"testing"
)

// CopyDir copies the directory src into a new temporary directory of the
// test, under src's base name, and returns the copy's path: a test that
// changes a table or dataset works on the copy.
func CopyDir(tb testing.TB, src string) string {
	tb.Helper()
	dst := filepath.Join(tb.TempDir(), filepath.Base(src))
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		tb.Fatal(err)
	}
	return dst
}
