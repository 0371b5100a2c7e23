package featuremap

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/source/objstore"
)

// DefaultName is the map's file name.
const DefaultName = "saglig.yaml"

// Find resolves the map for a run (docs/cli.md, --map): the explicit --map when
// given; else saglig.yaml beside the first PATH (inside it, when the PATH is
// a directory); else saglig.yaml in the working directory.
func Find(explicit string, paths []string) (string, error) {
	if explicit != "" {
		if isURL(explicit) {
			return "", i18n.Errorf("%s: a map is read from a local file only, never from a store: keep it under version control beside the code (docs/lakes.md)", objstore.Display(explicit))
		}
		if _, err := os.Stat(explicit); err != nil {
			return "", i18n.Errorf("%s: %s", explicit, describe(err))
		}
		return explicit, nil
	}
	var tried []string
	// A map is never read from object storage: for a URL the map is
	// --map's or the working directory's.
	if len(paths) > 0 && !isURL(paths[0]) {
		dir := paths[0]
		if globbed, _ := filepath.Glob(dir); len(globbed) > 0 {
			dir = globbed[0]
		}
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			dir = filepath.Dir(dir)
		}
		cand := filepath.Join(dir, DefaultName)
		if isFile(cand) {
			return cand, nil
		}
		if cand != DefaultName {
			tried = append(tried, cand)
		}
	}
	if isFile(DefaultName) {
		return DefaultName, nil
	}
	tried = append(tried, DefaultName)
	if len(tried) > 1 {
		return "", i18n.Errorf("no feature map: looked for %s and %s (write one with `saglig init PATH`, or pass --map FILE)", tried[0], tried[1])
	}
	return "", i18n.Errorf("no feature map: looked for %s (write one with `saglig init PATH`, or pass --map FILE)", tried[0])
}

// isURL reports whether a PATH is a URL (s3://bucket/…) rather than a
// local path.
func isURL(p string) bool {
	scheme, _, ok := strings.Cut(p, "://")
	return ok && scheme != "" && !strings.ContainsAny(scheme, `/\.`)
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

// describe turns a file error into a short phrase.
func describe(err error) i18n.Msg {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return i18n.M("no such file")
	case errors.Is(err, fs.ErrPermission):
		return i18n.M("permission denied")
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return i18n.M("%s", pe.Err.Error())
	}
	return i18n.M("%s", err.Error())
}
