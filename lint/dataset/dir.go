package dataset

import (
	"errors"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/source"
)

// hidden reports whether a directory entry is skipped: a dot file, or a
// name starting with "_" (_SUCCESS, _metadata, _temporary) unless it is a
// partition directory such as _source=x.
func hidden(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") && !strings.Contains(name, "=")
}

func openDir(root string, opt Options, keepGoing bool) (*Dataset, []error) {
	var (
		paths []string
		errs  []error
		// CSV files seen, for the hint when nothing else is there.
		csvs []string
	)
	// fail records an error; it ends the walk unless keepGoing.
	fail := func(err error) error {
		errs = append(errs, err)
		if keepGoing {
			return nil
		}
		return err
	}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == root {
				return fsError(p, err)
			}
			if err := fail(fsError(p, err)); err != nil {
				return err
			}
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if p == root {
			return nil
		}
		if hidden(d.Name()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			st, err := os.Stat(p)
			if err != nil {
				return fail(fsError(p, err))
			}
			if !st.Mode().IsRegular() {
				return nil // a link to a directory is not followed
			}
		} else if !d.Type().IsRegular() {
			return nil
		}
		ok, err := isDataFile(p)
		if err != nil {
			return fail(err)
		}
		if ok {
			paths = append(paths, p)
		} else if csvExt(p) != "" {
			csvs = append(csvs, p)
		}
		return nil
	})
	if err != nil {
		if len(errs) == 0 || errs[len(errs)-1] != err {
			errs = append(errs, err)
		}
		return nil, errs
	}
	if len(paths) == 0 {
		if len(errs) > 0 {
			return nil, errs
		}
		if len(csvs) > 0 {
			return nil, []error{pathError(dirName(root), i18n.Errorf("no Parquet or Arrow IPC files in the directory; %s", csvDirHint(root, csvs)))}
		}
		return nil, []error{pathError(dirName(root), i18n.Errorf("no Parquet or Arrow IPC files in the directory"))}
	}
	files := make([]File, 0, len(paths))
	for _, p := range paths {
		f, err := openDirFile(root, p, opt)
		if err != nil {
			if fail(err) != nil {
				return nil, errs
			}
			continue
		}
		files = append(files, f)
	}
	return mergeFiles(root, files, errs, keepGoing)
}

// openDirFile opens the file p of the directory dataset root, with the
// partition columns of its path.
func openDirFile(root, p string, opt Options) (File, error) {
	f, err := openFile(p, opt)
	if err != nil {
		return File{}, err
	}
	if err := addPartitions(root, &f); err != nil {
		return File{}, err
	}
	return f, nil
}

// addPartitions adds to a file of the directory dataset root the
// partition columns of its path (Hive's key=value directories).
func addPartitions(root string, f *File) error {
	parts, keys, err := partitions(root, f.Path)
	if err != nil || len(keys) == 0 {
		return err
	}
	f.Partitions = parts
	for _, k := range keys {
		for _, c := range f.Columns {
			if c.Path == k {
				return pathError(f.Path, i18n.Errorf("partition key %q is also a column of the file", k))
			}
		}
	}
	for _, k := range keys {
		f.Columns = append(f.Columns, Column{Path: k, Type: "string", ColumnType: ColumnType{Kind: KindString},
			Nullable: parts[k] == hiveDefaultPartition, Partition: true, Loc: noLocation})
	}
	return nil
}

// isDataFile tells whether a file in a directory is part of the dataset:
// a known extension, or Parquet or Arrow IPC content.
func isDataFile(p string) (bool, error) {
	if _, ok := extFormats[strings.ToLower(filepath.Ext(p))]; ok {
		return true, nil
	}
	fh, err := os.Open(p)
	if err != nil {
		return false, fsError(p, err)
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil {
		return false, fsError(p, err)
	}
	_, err = detect(fh, st.Size(), p)
	switch {
	case errors.Is(err, errUnknownFormat):
		return false, nil
	case err != nil:
		return false, &Error{Path: p, Err: err}
	}
	return true, nil
}

// partitions reads the Hive partitions (key=value directories) on the path
// from root to the file p, in path order.
func partitions(root, p string) (map[string]string, []string, error) {
	rel, ok := source.Rel(root, p)
	if !ok || !strings.Contains(rel, "/") {
		return nil, nil, nil
	}
	rel = rel[:strings.LastIndexByte(rel, '/')]
	var (
		parts map[string]string
		keys  []string
	)
	for _, dir := range strings.Split(rel, "/") {
		k, v, ok := strings.Cut(dir, "=")
		if !ok || k == "" {
			continue
		}
		if u, err := url.PathUnescape(v); err == nil {
			v = u
		}
		if parts == nil {
			parts = make(map[string]string)
		}
		if _, dup := parts[k]; dup {
			return nil, nil, pathError(p, i18n.Errorf("partition key %q appears twice in the path", k))
		}
		parts[k] = v
		keys = append(keys, k)
	}
	return parts, keys, nil
}

// dirName is a directory's path as errors show it, ending in a separator.
func dirName(p string) string {
	if strings.HasSuffix(p, string(filepath.Separator)) || strings.HasSuffix(p, "/") {
		return p
	}
	return p + string(filepath.Separator)
}
