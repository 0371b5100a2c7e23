package report

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/dataset"
	"github.com/saglig/saglig/lint/source"
	"github.com/saglig/saglig/lint/source/objstore"
)

// WriteFile writes an output file atomically: into a temporary file beside
// it, then renamed over it, so a reader never sees half a report. It refuses
// to write over any of the inputs (IsInput).
func WriteFile(path string, inputs []string, write func(io.Writer) error) error {
	if source.IsRemote(path) {
		return i18n.Errorf("%s: saglig writes its reports and maps to local files only, never to a store (docs/lakes.md)", objstore.Display(path))
	}
	if st, err := os.Stat(path); err == nil {
		if st.IsDir() {
			return i18n.Errorf("%s: is a directory", path)
		}
		if IsInput(path, st, inputs) {
			return i18n.Errorf("%s: refusing to overwrite an input with the report", path)
		}
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return i18n.Errorf("%s: cannot write: %v", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("%s: %v", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	return nil
}

// IsInput reports whether the existing file at path (st its FileInfo) is
// one of the inputs: the same file as an input file or a match of an input
// glob, or a file that reading an input directory (or a directory a glob
// matches) would read as data — a Parquet or Arrow IPC file, by content or
// extension, in it or below it. A new report in a dataset's directory (a
// file that is not data) is not an input.
func IsInput(path string, st os.FileInfo, inputs []string) bool {
	for _, in := range inputs {
		if in == "" || source.IsRemote(in) {
			// Outputs are local files: an object in a store is never one.
			continue
		}
		// The paths the run read the input as (a glob's matches); an
		// input that matches nothing holds nothing to protect.
		candidates, _ := dataset.Expand([]string{in})
		for _, c := range candidates {
			ist, err := os.Stat(c)
			switch {
			case err != nil:
			case !ist.IsDir():
				if os.SameFile(st, ist) {
					return true
				}
			case within(c, path):
				if _, err := dataset.DetectFormat(path); err == nil {
					return true
				}
			}
		}
	}
	return false
}

// within reports whether the existing file path is in the directory dir or
// below it, symbolic links resolved.
func within(dir, path string) bool {
	d, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return false
	}
	p, err := filepath.EvalSymlinks(path)
	if err != nil {
		return false
	}
	d, err1 := filepath.Abs(d)
	p, err2 := filepath.Abs(p)
	if err1 != nil || err2 != nil {
		return false
	}
	rel, err := filepath.Rel(d, p)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
