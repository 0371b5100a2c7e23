// Package iceberg reads the current snapshot of an Apache Iceberg table
// stored as files (a Hadoop-style table, or any table whose metadata
// directory saglig can see): the newest metadata JSON, its current
// snapshot's manifest list and manifests (Avro object container files, decoded by
// twmb/avro),
// to the list of live data files. saglig's own scanner then reads them.
//
// What saglig cannot honour is refused, never read wrongly: delete files
// (position, equality, deletion vectors) that apply to the snapshot, data
// files that are not Parquet, columns renamed or re-added under an old name
// (Iceberg matches columns by id, saglig by name), columns with an
// initial default, and format versions above 3.
package iceberg

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"io/fs"
	"net/url"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/saglig/saglig/internal/i18n"

	"github.com/saglig/saglig/lint/source"
)

// MetadataDir is the table's metadata directory.
const MetadataDir = "metadata"

// Options bound what reading a table's metadata may take.
type Options struct {
	// MaxMetadataFile bounds one metadata JSON, manifest list or manifest
	// (default 256 MiB).
	MaxMetadataFile int64
}

func (o Options) max() int64 {
	if o.MaxMetadataFile > 0 {
		return o.MaxMetadataFile
	}
	return 256 << 20
}

// Table is a table's current snapshot.
type Table struct {
	// Root is the table's directory as saglig reads it; Location is the
	// location its metadata records (data file paths under it are read
	// below Root, so a copied table reads its own files).
	Root, Location string
	// MetadataFile is the metadata JSON read.
	MetadataFile  string
	FormatVersion int
	// SnapshotID is the current snapshot's id; 0 for a table without one.
	SnapshotID int64
	// Schema is the current schema's top-level columns.
	Schema []Field
	// Files are the live data files, sorted by path.
	Files []File
}

// Field is a top-level column of the current schema.
type Field struct {
	ID       int
	Name     string
	Type     string
	Required bool
}

// File is a live data file.
type File struct {
	// Path is the file's path or URL.
	Path string
	// Size and Rows are as the manifest records them; a reader takes the
	// size from the file itself.
	Size int64
	Rows int64
	// Identity holds the values of identity-partitioned columns (by column
	// name, as text), for a reader to fill in when the file does not hold
	// the column itself; a null value is absent.
	Identity map[string]string
}

// Error is a table saglig refuses or cannot read.
type Error struct {
	Msg i18n.Msg
}

func (e *Error) Error() string { return e.Msg.String() }

// In writes the error in p's language.
func (e *Error) In(p *i18n.Printer) string { return e.Msg.In(p) }

// refuse makes an Error of a catalogue key and its arguments.
func refuse(key string, args ...any) error { return &Error{Msg: i18n.M(key, args...)} }

// metadataVersion reads the version a metadata file's name gives it:
// v12.metadata.json, v12.gz.metadata.json, 00012-<uuid>.metadata.json,
// 00012-<uuid>.gz.metadata.json, ….metadata.json.gz. ok is false for a
// name that is not a metadata file; version is −1 for one without a
// number.
func metadataVersion(name string) (version int64, ok bool) {
	stem, found := strings.CutSuffix(name, ".metadata.json")
	if !found {
		if stem, found = strings.CutSuffix(name, ".metadata.json.gz"); !found {
			return 0, false
		}
	}
	stem = strings.TrimSuffix(stem, ".gz")
	if strings.HasPrefix(stem, ".") || stem == "" {
		return 0, false
	}
	num := stem
	if strings.HasPrefix(num, "v") {
		num = num[1:]
	} else if i := strings.IndexByte(num, '-'); i > 0 {
		num = num[:i]
	}
	v, err := strconv.ParseInt(num, 10, 64)
	if err != nil || v < 0 {
		return -1, true
	}
	return v, true
}

// IsTable reports whether dir holds an Iceberg table: a metadata
// directory with a metadata JSON file.
func IsTable(ctx context.Context, dir string) (bool, error) {
	entries, err := source.List(ctx, source.Join(dir, MetadataDir))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return false, nil
		}
		return false, err
	}
	for _, e := range entries {
		if _, ok := metadataVersion(base(e.Path)); ok {
			return true, nil
		}
	}
	return false, nil
}

// IsMetadataFile reports whether p names a table's metadata JSON file.
func IsMetadataFile(p string) bool {
	_, ok := metadataVersion(base(p))
	return ok
}

// findMetadata picks the current metadata file of the table at dir: the
// one version-hint.text names, else the one with the highest version.
func findMetadata(ctx context.Context, dir string, opt Options) (source.Entry, error) {
	mdir := source.Join(dir, MetadataDir)
	entries, err := source.List(ctx, mdir)
	if err != nil {
		return source.Entry{}, err
	}
	byName := map[string]source.Entry{}
	var hint *source.Entry
	for _, e := range entries {
		rel, ok := source.Rel(source.Clean(mdir), e.Path)
		if !ok || strings.Contains(rel, "/") {
			continue
		}
		if rel == "version-hint.text" {
			hint = &e
		}
		byName[rel] = e
	}
	if hint != nil {
		b, err := source.ReadSized(ctx, hint.Path, hint.Size, 4096)
		if err == nil {
			h := strings.TrimSpace(string(b))
			for _, name := range []string{"v" + h + ".metadata.json", "v" + h + ".gz.metadata.json", h + ".metadata.json", h + ".gz.metadata.json"} {
				if e, ok := byName[name]; ok {
					return e, nil
				}
			}
		}
	}
	var (
		best       source.Entry
		bestV      = int64(-2)
		unnumbered int
	)
	names := make([]string, 0, len(byName))
	for n := range byName {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		v, ok := metadataVersion(n)
		if !ok {
			continue
		}
		if v < 0 {
			unnumbered++
		}
		if v >= bestV {
			best, bestV = byName[n], v
		}
	}
	switch {
	case bestV == -2:
		return source.Entry{}, refuse("%s/ holds no metadata file (*.metadata.json)", MetadataDir)
	case bestV == -1 && unnumbered > 1:
		return source.Entry{}, refuse("cannot tell which metadata file in %s/ is current (no version-hint.text, no version numbers): name the metadata JSON file instead of the table", MetadataDir)
	}
	return best, nil
}

// Open reads the table at p — its directory, or one of its metadata JSON
// files — to the current snapshot.
func Open(ctx context.Context, p string, opt Options) (*Table, error) {
	var (
		md   source.Entry
		root string
		err  error
	)
	if IsMetadataFile(p) {
		md, err = source.Stat(ctx, p)
		if err != nil {
			return nil, err
		}
		root = parent(source.Clean(p))
		if base(root) == MetadataDir {
			root = parent(root)
		}
	} else {
		root = p
		if md, err = findMetadata(ctx, root, opt); err != nil {
			return nil, err
		}
	}
	data, err := source.ReadSized(ctx, md.Path, md.Size, opt.max())
	if err != nil {
		return nil, i18n.Errorf("%s: %v", md.Path, err)
	}
	if strings.HasSuffix(md.Path, ".gz") || strings.HasSuffix(md.Path, ".gz.metadata.json") {
		if data, err = gunzip(data, opt.max()); err != nil {
			return nil, i18n.Errorf("%s: %v", md.Path, err)
		}
	}
	m, err := parseMetadata(data)
	if err != nil {
		return nil, refuse("%s: %v", md.Path, err)
	}
	r := &reader{root: root, location: strings.TrimSuffix(m.Location, "/"), opt: opt, meta: m}
	t := &Table{Root: root, Location: m.Location, MetadataFile: md.Path, FormatVersion: m.FormatVersion}
	if err := r.checkSchemas(); err != nil {
		return nil, err
	}
	for _, f := range r.current.Fields {
		t.Schema = append(t.Schema, Field{ID: f.ID, Name: f.Name, Type: string(f.Type), Required: f.Required})
	}
	snap := m.currentSnapshot()
	if snap == nil {
		return t, nil
	}
	t.SnapshotID = snap.SnapshotID
	files, err := r.snapshotFiles(ctx, snap)
	if err != nil {
		return nil, err
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	t.Files = files
	return t, nil
}

// reader reads one table's manifests.
type reader struct {
	root, location string
	opt            Options
	meta           *metadata
	current        *schema
	names          map[int]string // column names of the current schema, by id
}

// resolve turns a path the metadata records into one saglig reads: a path
// under the table's recorded location is read under Root, so that a
// table moved or copied reads its own files.
func (r *reader) resolve(p string) (string, error) {
	if r.location != "" && (p == r.location || strings.HasPrefix(p, r.location+"/")) {
		rel := strings.TrimPrefix(strings.TrimPrefix(p, r.location), "/")
		if rel == "" || path.Clean(rel) != rel || strings.HasPrefix(rel, "../") {
			return "", refuse("path %q leaves the table's location", p)
		}
		return source.Join(r.root, rel), nil
	}
	u, err := url.Parse(p)
	switch {
	case err != nil:
		return "", refuse("path %q is not a valid URI", p)
	case source.IsRemote(p):
		return p, nil
	case u.Scheme == "file":
		if source.IsRemote(r.root) {
			return "", refuse("path %q is on the local disk but the table is in object storage", p)
		}
		return u.Path, nil
	case u.Scheme == "":
		return "", refuse("path %q is outside the table's location %q", p, r.location)
	}
	return "", refuse("path %q: scheme %q is not supported", p, u.Scheme)
}

func gunzip(b []byte, limit int64) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	out, err := io.ReadAll(io.LimitReader(zr, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(out)) > limit {
		return nil, i18n.Errorf("decompresses to more than %s", i18n.M("%d bytes", limit))
	}
	return out, nil
}

func base(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

func parent(p string) string {
	p = strings.TrimRight(p, `/\`)
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[:i]
	}
	return "."
}
