// Package source is where a dataset's bytes come from: files on the local
// disk, or objects in S3, Google Cloud Storage and Azure Blob Storage
// (package objstore), behind one set of functions that take a path or a URL
// — Stat, List, Open, ReadFile — and hand out an io.ReaderAt.
//
// The table formats (packages delta and iceberg) read their logs and
// manifests through it, and so do the dataset opener and the scan. A
// dataset whose data stay in a SQL engine is a different kind of source:
// it is measured by the engine, not read through a File (docs/warehouses.md).
package source

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/source/objstore"
)

// File is a file or object opened for reading.
type File interface {
	io.ReaderAt
	// Size is the size in bytes as the file was opened.
	Size() int64
	Close() error
}

// Prefetcher is a File that fetches announced ranges ahead of reading
// them (an object in a store); a local file is not one.
type Prefetcher interface {
	// Prefetch fetches the ranges, up to budget bytes, and keeps them
	// until release is called.
	Prefetch(ranges []objstore.Range, budget int64) (release func())
	// Version is the version (ETag, generation) the reads saw, "" before
	// the first.
	Version() string
}

// Entry is a file or directory found by Stat or List.
type Entry struct {
	// Path is the file's path or URL (scheme://bucket/key, without the
	// client's parameters).
	Path string
	Size int64
	Dir  bool
}

// IsRemote reports whether p is an object-store URL.
func IsRemote(p string) bool { return objstore.IsURL(p) }

// remote opens the store of a URL and returns it with the key.
func remote(ctx context.Context, p string) (*objstore.Store, objstore.Location, error) {
	loc, err := objstore.Parse(p)
	if err != nil {
		return nil, loc, err
	}
	s, err := objstore.Open(ctx, loc)
	return s, loc, err
}

// Stat tells what p is. A missing file satisfies errors.Is(err,
// fs.ErrNotExist).
func Stat(ctx context.Context, p string) (Entry, error) {
	if !IsRemote(p) {
		st, err := os.Stat(p)
		if err != nil {
			return Entry{}, err
		}
		return Entry{Path: p, Size: st.Size(), Dir: st.IsDir()}, nil
	}
	s, loc, err := remote(ctx, p)
	if err != nil {
		return Entry{}, err
	}
	obj, dir, err := s.Stat(ctx, loc.Key)
	if err != nil {
		return Entry{}, err
	}
	return Entry{Path: loc.With(obj.Key).String(), Size: obj.Size, Dir: dir}, nil
}

// List returns the files below the directory dir, at any depth, sorted by
// path. Locally, symbolic links to files are followed and other special
// files left out.
func List(ctx context.Context, dir string) ([]Entry, error) {
	if !IsRemote(dir) {
		var out []Entry
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				return nil
			}
			st, err := os.Stat(p)
			if err != nil {
				return err
			}
			if st.Mode().IsRegular() {
				out = append(out, Entry{Path: p, Size: st.Size()})
			}
			return nil
		})
		return out, err
	}
	s, loc, err := remote(ctx, dir)
	if err != nil {
		return nil, err
	}
	prefix := loc.Key
	if prefix != "" && !strings.HasSuffix(prefix, "/") {
		prefix += "/"
	}
	objs, err := s.List(ctx, prefix)
	if err != nil {
		return nil, err
	}
	out := make([]Entry, len(objs))
	for i, o := range objs {
		out[i] = Entry{Path: loc.With(o.Key).String(), Size: o.Size}
	}
	return out, nil
}

// Open opens the file p for reading. An object is stat'ed for its size
// (one request); OpenSized does without.
func Open(ctx context.Context, p string) (File, error) {
	if !IsRemote(p) {
		return openLocal(p)
	}
	s, loc, err := remote(ctx, p)
	if err != nil {
		return nil, err
	}
	obj, dir, err := s.Stat(ctx, loc.Key)
	if err != nil {
		return nil, err
	}
	if dir {
		return nil, i18n.Errorf("is a directory, not a file")
	}
	return s.OpenFile(ctx, obj.Key, obj.Size, ""), nil
}

// OpenSized opens p, of size bytes as listed. For an object no request is
// made until the first read, and with version every read is pinned to
// that version of the object. A local file is opened and its size taken
// from the file.
func OpenSized(ctx context.Context, p string, size int64, version string) (File, error) {
	if !IsRemote(p) {
		return openLocal(p)
	}
	s, loc, err := remote(ctx, p)
	if err != nil {
		return nil, err
	}
	return s.OpenFile(ctx, loc.Key, size, version), nil
}

// local is an open local file.
type local struct {
	*os.File
	size int64
}

func (l *local) Size() int64 { return l.size }

func openLocal(p string) (File, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !st.Mode().IsRegular() {
		f.Close()
		if st.IsDir() {
			return nil, i18n.Errorf("is a directory, not a file")
		}
		return nil, i18n.Errorf("not a regular file")
	}
	return &local{File: f, size: st.Size()}, nil
}

// ReadFile reads a whole file of at most limit bytes (a log entry, a
// manifest): a larger one is an error.
func ReadFile(ctx context.Context, p string, limit int64) ([]byte, error) {
	f, err := Open(ctx, p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readAll(f, limit)
}

// ReadSized reads a whole file listed with size bytes, as ReadFile.
func ReadSized(ctx context.Context, p string, size, limit int64) ([]byte, error) {
	f, err := OpenSized(ctx, p, size, "")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readAll(f, limit)
}

func readAll(f File, limit int64) ([]byte, error) {
	n := f.Size()
	if n > limit {
		return nil, i18n.Errorf("a file of %s is larger than the limit of %s", i18n.M("%d bytes", n), i18n.M("%d bytes", limit))
	}
	buf := make([]byte, n)
	m, err := f.ReadAt(buf, 0)
	if err == io.EOF && int64(m) == n {
		err = nil
	}
	if err != nil {
		return nil, err
	}
	return buf, nil
}

// Join joins a relative slash-separated path to dir: with the OS's
// separator locally, with "/" in a URL (whose parameters, if any, are
// dropped: the store is already open).
func Join(dir, rel string) string {
	if !IsRemote(dir) {
		return filepath.Join(dir, filepath.FromSlash(rel))
	}
	if i := strings.IndexByte(dir, '?'); i >= 0 {
		dir = dir[:i]
	}
	scheme, rest, _ := strings.Cut(dir, "://")
	bucket, key, _ := strings.Cut(rest, "/")
	return strings.ToLower(scheme) + "://" + bucket + "/" + strings.TrimPrefix(path.Join(key, rel), "/")
}

// Rel is the slash-separated path of p below dir, or false when p is not
// below it.
func Rel(dir, p string) (string, bool) {
	if !IsRemote(dir) {
		r, err := filepath.Rel(dir, p)
		if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
			return "", false
		}
		return filepath.ToSlash(r), true
	}
	d := strings.TrimSuffix(Clean(dir), "/") + "/"
	if !strings.HasPrefix(p, d) {
		return "", false
	}
	return strings.TrimPrefix(p, d), true
}

// Clean is a URL without its parameters, as List and Stat name it; a
// local path is cleaned.
func Clean(p string) string {
	if !IsRemote(p) {
		return filepath.Clean(p)
	}
	loc, err := objstore.Parse(p)
	if err != nil {
		return objstore.Display(p)
	}
	return loc.String()
}

// Sort sorts entries by path.
func Sort(es []Entry) {
	sort.Slice(es, func(i, j int) bool { return es[i].Path < es[j].Path })
}

// JSONError says what is wrong with a JSON document (a table's log or
// metadata) without quoting its values: where a value of the wrong kind
// is, by its field and kind, never the value itself (encoding/json writes
// a number it cannot decode, and a number in a log may be a partition
// value); a syntax error as encoding/json says it, which quotes one
// character at most.
func JSONError(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		kind, _, _ := strings.Cut(te.Value, " ")
		field := te.Field
		if field == "" {
			field = te.Struct
		}
		return i18n.Errorf("invalid JSON: %s where %s expects %s", kind, field, te.Type.String())
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return i18n.Errorf("invalid JSON: %s (at byte %d)", se.Error(), se.Offset)
	}
	return i18n.Errorf("invalid JSON: %v", err)
}
