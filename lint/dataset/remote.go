package dataset

import (
	"context"
	"errors"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/source"
	"github.com/saglig/saglig/lint/source/objstore"
)

// Object storage: PATH arguments that are URLs (s3://, gs://, azblob://)
// are read as local paths are — a file, a "directory" (every object under
// the prefix), a glob over keys, Hive partitions, Delta and Iceberg
// tables — through lint/source, whose reads are ranged requests.

// maxConcurrentOpens bounds the objects whose footers are read at once.
const maxConcurrentOpens = 16

// expandRemote expands one URL argument. A key holding * or [ is a glob
// over the bucket's keys, matched segment by segment ("?" starts a URL's
// query, so it is no wildcard here); a match may be a directory (a
// prefix). Other URLs are kept as given, once they are known to exist.
func expandRemote(a string) ([]string, error) {
	ctx := context.Background()
	loc, err := objstore.Parse(a)
	if err != nil {
		return nil, &Error{Path: objstore.Display(a), Err: err}
	}
	if !strings.ContainsAny(loc.Key, "*[") {
		if _, err := source.Stat(ctx, a); err != nil {
			return nil, remoteError(loc.String(), err)
		}
		return []string{a}, nil
	}
	pattern := strings.Split(strings.TrimSuffix(loc.Key, "/"), "/")
	for _, p := range pattern {
		if _, err := path.Match(p, ""); err != nil {
			return nil, pathError(loc.String(), i18n.Errorf("bad glob pattern"))
		}
	}
	fixed := 0
	for fixed < len(pattern) && !strings.ContainsAny(pattern[fixed], "*[") {
		fixed++
	}
	prefix := strings.Join(pattern[:fixed], "/")
	if prefix != "" {
		prefix += "/"
	}
	s, err := objstore.Open(ctx, loc)
	if err != nil {
		return nil, &Error{Path: loc.String(), Err: err}
	}
	objs, err := s.List(ctx, prefix)
	if err != nil {
		return nil, remoteError(loc.String(), err)
	}
	seen := map[string]bool{}
	var out []string
next:
	for _, o := range objs {
		segs := strings.Split(o.Key, "/")
		if len(segs) < len(pattern) {
			continue
		}
		for i, p := range pattern {
			if ok, _ := path.Match(p, segs[i]); !ok {
				continue next
			}
			if strings.ContainsAny(p, "*[") && hidden(segs[i]) && !strings.HasPrefix(p, ".") && !strings.HasPrefix(p, "_") {
				continue next
			}
		}
		m := loc.With(strings.Join(segs[:len(pattern)], "/")).String()
		if !seen[m] {
			seen[m] = true
			out = append(out, m)
		}
	}
	if len(out) == 0 {
		return nil, &Error{Path: loc.String(), Err: i18n.Because(fs.ErrNotExist, "no such object (the pattern matches nothing)")}
	}
	sort.Strings(out)
	return out, nil
}

// remoteError names the object in an error from lint/source.
func remoteError(name string, err error) error {
	var e *Error
	switch {
	case errors.As(err, &e):
		return err
	case errors.Is(err, fs.ErrNotExist) && strings.HasSuffix(name, "/"):
		return &Error{Path: name, Err: i18n.Because(fs.ErrNotExist, "no object under the prefix")}
	case errors.Is(err, fs.ErrNotExist):
		return &Error{Path: name, Err: i18n.Because(fs.ErrNotExist, "no such object")}
	}
	return &Error{Path: name, Err: err}
}

// remoteFile is an object of a dataset: its size as listed and the
// version its footer was read at, which the scan's reads are pinned to.
type remoteFile struct {
	size    int64
	version string
}

// remoteFiles is the opener of a dataset in object storage.
type remoteFiles struct {
	mu    sync.Mutex
	files map[string]remoteFile
}

func (rf *remoteFiles) set(p string, f remoteFile) {
	rf.mu.Lock()
	defer rf.mu.Unlock()
	if rf.files == nil {
		rf.files = map[string]remoteFile{}
	}
	rf.files[p] = f
}

// open opens an object of the dataset for the scan: no request is made
// until it is read, and every read is pinned to the version first read.
func (rf *remoteFiles) open(p string) (Reader, error) {
	rf.mu.Lock()
	f, ok := rf.files[p]
	rf.mu.Unlock()
	if !ok {
		return nil, pathError(p, i18n.Errorf("not a file of the dataset"))
	}
	r, err := source.OpenSized(context.Background(), p, f.size, f.version)
	if err != nil {
		return nil, remoteError(p, err)
	}
	return r, nil
}

// openRemote opens the dataset a URL names: an object, or every object
// under a prefix (a directory, or a Delta or Iceberg table).
func openRemote(p string, opt Options, keepGoing bool) (*Dataset, []error) {
	ctx := context.Background()
	name := source.Clean(p)
	e, err := source.Stat(ctx, p)
	if err != nil {
		return nil, []error{remoteError(name, err)}
	}
	rf := &remoteFiles{}
	if !e.Dir {
		if iceberg := isIcebergMetadata(e.Path); iceberg {
			return openTable(ctx, e.Path, tableIceberg, opt, keepGoing, nil)
		}
		f, err := rf.read(ctx, e.Path, e.Size, opt)
		if err != nil {
			return nil, []error{err}
		}
		d, err := merge(name, false, []File{f})
		if err != nil {
			return nil, []error{err}
		}
		d.Open = rf.open
		return d, nil
	}
	entries, err := source.List(ctx, p)
	if err != nil {
		return nil, []error{remoteError(dirName(name), err)}
	}
	if kind := tableKind(name, entries); kind != tableNone {
		return openTable(ctx, name, kind, opt, keepGoing, entries)
	}
	var cands []source.Entry
	var errs []error
	for _, en := range entries {
		rel, _ := source.Rel(name, en.Path)
		if hiddenPath(rel) {
			continue
		}
		if _, ok := extFormats[strings.ToLower(path.Ext(rel))]; !ok {
			ok, err := rf.isData(ctx, en, opt)
			if err != nil {
				if !keepGoing {
					return nil, []error{err}
				}
				errs = append(errs, err)
			}
			if !ok {
				continue
			}
		}
		cands = append(cands, en)
	}
	if len(cands) == 0 {
		if len(errs) > 0 {
			return nil, errs
		}
		return nil, []error{pathError(dirName(name), i18n.Errorf("no Parquet or Arrow IPC files under the prefix"))}
	}
	files, ferrs := rf.readAll(ctx, cands, opt, func(f *File) error { return addPartitions(name, f) })
	for _, err := range ferrs {
		if err != nil {
			if !keepGoing {
				return nil, []error{err}
			}
			errs = append(errs, err)
		}
	}
	d, errs := mergeFiles(name, files, errs, keepGoing)
	if d != nil {
		d.Open = rf.open
	}
	return d, errs
}

// hiddenPath reports whether a path below a dataset's root passes through
// a hidden name (as the walk of a local directory skips them).
func hiddenPath(rel string) bool {
	for _, s := range strings.Split(rel, "/") {
		if hidden(s) {
			return true
		}
	}
	return false
}

// read opens one object and reads its metadata, within the file's time
// limit; its head and tail are fetched at once, so a footer within the
// tail takes no other request.
func (rf *remoteFiles) read(ctx context.Context, p string, size int64, opt Options) (File, error) {
	lim := opt.WithDefaults()
	ctx, cancel := context.WithDeadline(ctx, lim.Deadline(time.Now()))
	defer cancel()
	r, err := source.OpenSized(ctx, p, size, "")
	if err != nil {
		return File{}, remoteError(p, err)
	}
	defer r.Close()
	if o, ok := r.(*objstore.File); ok {
		o.PrefetchEnds()
	}
	f, err := ReadFile(r, size, p, opt)
	if err != nil {
		if ctx.Err() == context.DeadlineExceeded {
			return File{}, &Error{Path: p, Err: lim.TimeoutError()}
		}
		return File{}, err
	}
	v := ""
	if o, ok := r.(interface{ Version() string }); ok {
		v = o.Version()
	}
	rf.set(p, remoteFile{size: size, version: v})
	return f, nil
}

// readAll reads the objects' metadata, several at a time; then each file
// goes through fix (partitions). It returns the files read, in order, and
// the errors of those that could not be, in order.
func (rf *remoteFiles) readAll(ctx context.Context, es []source.Entry, opt Options, fix func(*File) error) ([]File, []error) {
	files := make([]File, len(es))
	errs := make([]error, len(es))
	sem := make(chan struct{}, maxConcurrentOpens)
	var wg sync.WaitGroup
	for i, e := range es {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			f, err := rf.read(ctx, e.Path, e.Size, opt)
			if err == nil && fix != nil {
				err = fix(&f)
			}
			files[i], errs[i] = f, err
		})
	}
	wg.Wait()
	var out []File
	var bad []error
	for i := range es {
		if errs[i] != nil {
			bad = append(bad, errs[i])
			continue
		}
		out = append(out, files[i])
	}
	return out, bad
}

// isData tells whether an object without a known extension is Parquet or
// Arrow IPC, by its content.
func (rf *remoteFiles) isData(ctx context.Context, e source.Entry, opt Options) (bool, error) {
	r, err := source.OpenSized(ctx, e.Path, e.Size, "")
	if err != nil {
		return false, remoteError(e.Path, err)
	}
	defer r.Close()
	_, err = detect(r, e.Size, e.Path)
	switch {
	case errors.Is(err, errUnknownFormat):
		return false, nil
	case err != nil:
		return false, remoteError(e.Path, err)
	}
	return true, nil
}
