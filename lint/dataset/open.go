package dataset

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/source"
)

// Options tune how datasets are opened.
type Options struct {
	// Limits bound what each file may take (MaxFooterSize, MaxColumns …).
	Limits
	// Now is the clock FileTimeout is measured by while a file's metadata
	// is read; nil is the wall clock. A scan passes its own, so that a
	// test's manual clock governs every deadline of a file.
	Now func() time.Time
}

func (o Options) maxFooterSize() int64 { return o.WithDefaults().MaxFooterSize }

// now is the time by o's clock.
func (o Options) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

// hiveDefaultPartition is the directory value Hive and Spark write for a
// null partition value.
const hiveDefaultPartition = "__HIVE_DEFAULT_PARTITION__"

// OpenEach expands args and opens each dataset, in order, going on past
// what cannot be read: it returns the datasets that could be opened,
// in order, and an error (an *Error naming the file) for each argument,
// dataset or file that could not. A directory keeps its readable files and
// leaves out the others, each reported; a directory with no readable file
// is left out.
func OpenEach(args []string, opt Options) ([]*Dataset, []error) {
	var (
		out  []*Dataset
		errs []error
		seen = map[string]bool{}
	)
	for _, a := range args {
		paths, err := Expand([]string{a})
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, p := range paths {
			if seen[p] {
				continue
			}
			seen[p] = true
			d, ferrs := open(p, opt, true)
			errs = append(errs, ferrs...)
			if d != nil {
				out = append(out, d)
			}
		}
	}
	return out, errs
}

// Open reads one dataset (file or directory) — schema, rows, metadata of
// every file. A directory is walked recursively in lexical order; hidden
// entries (names starting with "." or "_", except "_key=value" partition
// directories) are skipped, and so are files that are neither Parquet nor
// Arrow IPC by extension or content. Hive partition directories
// (key=value/) become string columns marked Partition, after the files'
// own columns.
func Open(path string, opt Options) (*Dataset, error) {
	d, errs := open(path, opt, false)
	if len(errs) > 0 {
		return nil, errs[0]
	}
	return d, nil
}

// open opens a dataset. With keepGoing, a directory's unreadable files are
// left out and their errors returned with the dataset of the others;
// without, the first error ends it.
func open(path string, opt Options, keepGoing bool) (*Dataset, []error) {
	if source.IsRemote(path) {
		return openRemote(path, opt, keepGoing)
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, []error{fsError(path, err)}
	}
	if st.IsDir() {
		kind, err := localTableKind(path)
		if err != nil {
			return nil, []error{fsError(path, err)}
		}
		if kind != tableNone {
			return openTable(context.Background(), path, kind, opt, keepGoing, nil)
		}
		return openDir(path, opt, keepGoing)
	}
	if isIcebergMetadata(path) {
		return openTable(context.Background(), path, tableIceberg, opt, keepGoing, nil)
	}
	if !st.Mode().IsRegular() {
		// Not opened: a named pipe would block.
		return nil, []error{pathError(path, i18n.Errorf("not a regular file"))}
	}
	f, err := openFile(path, opt)
	if err != nil {
		return nil, []error{err}
	}
	d, err := merge(path, false, []File{f})
	if err != nil {
		return nil, []error{err}
	}
	return d, nil
}

// openFile reads one local file of any supported format.
func openFile(path string, opt Options) (File, error) {
	r, err := OpenLocal(path)
	if err != nil {
		return File{}, err
	}
	defer r.Close()
	return ReadFile(r, r.Size(), path, opt)
}

// ReadFile reads the metadata of one file of a dataset from r, which holds
// size bytes: its format (by content, or by the extension of name), schema,
// row count and key-value metadata, within opt's limits. name is the
// file's path, as the File and its errors (*Error) give it. This is where
// a file from elsewhere than the local disk — an object in a store, read
// by ranges — enters: anything that reads at an offset will do.
func ReadFile(r io.ReaderAt, size int64, name string, opt Options) (File, error) {
	fm, err := detect(r, size, name)
	if err != nil {
		return File{}, &Error{Path: name, Err: err}
	}
	file, _, err := readFormat(io.NewSectionReader(r, 0, size), size, fm, opt)
	if err != nil {
		return File{}, &Error{Path: name, Err: err}
	}
	file.Path, file.Format, file.Size = name, fm, size
	for i, n := range file.Notes {
		file.Notes[i] = i18n.M("%s: %s", name, n)
	}
	return file, nil
}

// dedupe gives columns that share a path (an Arrow schema may repeat a
// field name, and old Arrow writers named union children alike) paths of
// their own, as DuckDB does: the second "x" becomes "x_1", the third "x_2"
// (skipping paths the file already has), each with a note.
func dedupe(file *File) {
	seen := make(map[string]bool, len(file.Columns))
	for _, c := range file.Columns {
		seen[c.Path] = true
	}
	if len(seen) == len(file.Columns) {
		return
	}
	taken := make(map[string]bool, len(file.Columns))
	for i, c := range file.Columns {
		if !taken[c.Path] {
			taken[c.Path] = true
			continue
		}
		n := 1
		for seen[fmt.Sprintf("%s_%d", c.Path, n)] || taken[fmt.Sprintf("%s_%d", c.Path, n)] {
			n++
		}
		p := fmt.Sprintf("%s_%d", c.Path, n)
		taken[p] = true
		file.Columns[i].Path = p
		file.Notes = append(file.Notes, i18n.M("a second column %q is named %q", c.Path, p))
	}
}

// Reader is an open file of a dataset: read at offsets, of a known size.
type Reader interface {
	io.ReaderAt
	io.Closer
	Size() int64
}

// Opener opens a file of a dataset, by the path its File gives. The scan
// reads every file through one (Dataset.Open; OpenLocal when nil), so that
// files need not be local.
type Opener func(path string) (Reader, error)

// OpenLocal opens a local regular file. Its errors are *Error naming it.
func OpenLocal(path string) (Reader, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, fsError(path, err)
	}
	st, err := fh.Stat()
	if err != nil {
		fh.Close()
		return nil, fsError(path, err)
	}
	if !st.Mode().IsRegular() {
		fh.Close()
		return nil, pathError(path, i18n.Errorf("not a regular file"))
	}
	return localFile{fh, st.Size()}, nil
}

type localFile struct {
	*os.File
	size int64
}

func (f localFile) Size() int64 { return f.size }

// Recheck reads the metadata of a file of format f and size bytes from r
// as Open does, with the same limits and FileTimeout measured by opt.Now,
// and returns its columns as they are now, with their locations (the
// File's other fields but its name), or what Open would refuse it for
// (without the file's name). The scan calls it on the handle its decoders
// read, so that a file replaced since it was opened is not trusted on the
// strength of the first reading. For Parquet it also returns the footer
// it read, checked and decoded, which the scan reads the file by: a scan
// reads and decodes each footer once.
func Recheck(r io.ReaderAt, size int64, f Format, opt Options) (File, *ParquetFooter, error) {
	return readFormat(io.NewSectionReader(r, 0, size), size, f, opt)
}

// readFormat reads the metadata of a file of format f and size bytes, and
// a Parquet file's footer.
func readFormat(r *io.SectionReader, size int64, f Format, opt Options) (file File, pf *ParquetFooter, err error) {
	switch f {
	case Parquet:
		file, pf, err = readParquet(r, size, opt)
	case ArrowFile:
		file, err = readArrowFile(r, size, opt)
	case ArrowStream:
		file, err = readArrowStream(r, size, opt)
	default:
		return File{}, nil, i18n.Errorf("unsupported format %q", string(f))
	}
	dedupe(&file)
	return file, pf, err
}

// merge builds a dataset from its files: the union of their columns (file
// columns in first-seen order, then partition columns), the sum of their
// rows, their metadata (first file wins), and notes on columns only some
// files have. The same column with two types is an error.
func merge(path string, dir bool, files []File) (*Dataset, error) {
	d := &Dataset{Path: path, Files: files}
	name := path
	if dir {
		name = dirName(path)
	}
	type seen struct {
		i     int // index in cols
		file  string
		count int
	}
	var (
		cols   []Column
		byPath = map[string]*seen{}
	)
	for _, f := range files {
		d.Notes = append(d.Notes, f.Notes...)
		d.Rows += f.Rows
		switch d.Format {
		case "":
			d.Format = f.Format
		case f.Format:
		default:
			d.Format = Mixed
		}
		for k, v := range f.Metadata {
			if _, ok := d.Metadata[k]; !ok {
				if d.Metadata == nil {
					d.Metadata = make(map[string]string)
				}
				d.Metadata[k] = v
			}
		}
		for _, c := range f.Columns {
			s, ok := byPath[c.Path]
			if !ok {
				byPath[c.Path] = &seen{i: len(cols), file: f.Path, count: 1}
				cols = append(cols, c)
				continue
			}
			prev := &cols[s.i]
			switch {
			case prev.Partition != c.Partition:
				a, b := s.file, f.Path
				if c.Partition {
					a, b = b, a
				}
				return nil, pathError(name, i18n.Errorf("schema differs: column %q is a partition key in %s but a file column in %s", c.Path, a, b))
			case prev.Type != c.Type:
				t, typ, ok := widen(*prev, c)
				if !ok {
					return nil, pathError(name, i18n.Errorf("schema differs: column %q is %s in %s but %s in %s", c.Path, prev.Type, s.file, c.Type, f.Path))
				}
				if typ != prev.Type {
					d.Notes = append(d.Notes, i18n.M("column %q widened from %s (%s) to %s (%s)", c.Path, prev.Type, s.file, typ, f.Path))
				}
				prev.ColumnType, prev.Type = t, typ
			}
			prev.Nullable = prev.Nullable || c.Nullable
			s.count++
		}
	}
	d.Columns = make([]Column, 0, len(cols))
	for _, part := range []bool{false, true} {
		for _, c := range cols {
			if c.Partition != part {
				continue
			}
			if s := byPath[c.Path]; s.count < len(files) {
				c.Nullable = true
				d.Notes = append(d.Notes, i18n.M("column %q only in %d of %d files", c.Path, s.count, len(files)))
			}
			c.Loc = noLocation // per file
			d.Columns = append(d.Columns, c)
		}
	}
	return d, nil
}
