package dataset

import (
	"context"
	"errors"
	"io"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/source"
	"github.com/saglig/saglig/lint/source/delta"
	"github.com/saglig/saglig/lint/source/iceberg"
)

// Table formats. A directory holding _delta_log/ is a Delta table, one
// holding metadata/*.metadata.json an Iceberg table: its data files are
// those of the table's current snapshot, not every file under it.

type tableFormat uint8

const (
	tableNone tableFormat = iota
	tableDelta
	tableIceberg
)

// tableKind tells from a directory's listing whether it holds a table.
func tableKind(root string, entries []source.Entry) tableFormat {
	for _, e := range entries {
		rel, ok := source.Rel(root, e.Path)
		if !ok {
			continue
		}
		dir, name, found := strings.Cut(rel, "/")
		if !found || strings.Contains(name, "/") {
			continue
		}
		switch {
		case dir == delta.LogDir && (strings.HasSuffix(name, ".json") || strings.HasSuffix(name, ".parquet")):
			return tableDelta
		case dir == iceberg.MetadataDir && iceberg.IsMetadataFile(name):
			return tableIceberg
		}
	}
	return tableNone
}

// localTableKind tells whether the local directory root holds a table.
func localTableKind(root string) (tableFormat, error) {
	ctx := context.Background()
	if ok, err := delta.IsTable(ctx, root); err != nil || ok {
		return tableDelta, err
	}
	if ok, err := iceberg.IsTable(ctx, root); err != nil || ok {
		return tableIceberg, err
	}
	return tableNone, nil
}

func isIcebergMetadata(p string) bool { return iceberg.IsMetadataFile(p) }

// tableFile is a data file of a table's snapshot.
type tableFile struct {
	path string
	// parts are the partition values the log records (Delta), or the
	// identity partitions' (Iceberg), with their column types.
	parts map[string]string
	// identity is true when parts fill in only columns the file lacks.
	identity bool
}

// openTable opens the table at root (an Iceberg metadata file names its
// table): its current snapshot's data files, each read as a file of the
// dataset, with the partition values the table's metadata records.
// entries is the listing of root when it was listed (object storage).
func openTable(ctx context.Context, root string, kind tableFormat, opt Options, keepGoing bool, entries []source.Entry) (*Dataset, []error) {
	var (
		files   []tableFile
		types   = map[string]partType{}
		keep    func(col string) bool
		note    i18n.Msg
		tableAt = dirName(root)
	)
	switch kind {
	case tableDelta:
		t, err := delta.Open(ctx, root, delta.Options{MaxLogFile: maxLogFile, CheckParquet: func(r io.ReaderAt, size int64) error {
			_, _, err := readParquet(io.NewSectionReader(r, 0, size), size, opt)
			return err
		}})
		if err != nil {
			return nil, []error{tableError(tableAt, "Delta", err)}
		}
		for _, pc := range t.PartitionColumns {
			types[pc] = tablePartType(t.Field(pc).Type)
		}
		for _, f := range t.Files {
			parts := map[string]string{}
			for _, pc := range t.PartitionColumns {
				v, ok := f.Partitions[pc]
				if !ok {
					v = hiveDefaultPartition
				}
				parts[pc] = v
			}
			files = append(files, tableFile{path: f.Path, parts: parts})
		}
		note = i18n.M("Delta table at version %d: %d live data files", t.Version, len(t.Files))
	case tableIceberg:
		t, err := iceberg.Open(ctx, root, iceberg.Options{MaxMetadataFile: maxLogFile})
		if err != nil {
			return nil, []error{tableError(tableAt, "Iceberg", err)}
		}
		root, tableAt = t.Root, dirName(t.Root)
		inSchema := map[string]bool{}
		for _, f := range t.Schema {
			inSchema[f.Name] = true
			types[f.Name] = tablePartType(f.Type)
		}
		keep = func(col string) bool {
			top, _, _ := strings.Cut(col, ".")
			return inSchema[top]
		}
		for _, f := range t.Files {
			files = append(files, tableFile{path: f.Path, parts: f.Identity, identity: true})
		}
		note = i18n.M("Iceberg table (format version %d), snapshot %s: %d live data files", t.FormatVersion, strconv.FormatInt(t.SnapshotID, 10), len(t.Files))
	}
	if len(files) == 0 {
		return nil, []error{pathError(tableAt, i18n.Errorf("the table's current snapshot has no data files (%s)", note))}
	}
	sizes := map[string]int64{}
	for _, e := range entries {
		sizes[e.Path] = e.Size
	}
	rf := &remoteFiles{}
	var (
		out  []File
		errs []error
	)
	fix := func(tf tableFile) func(f *File) error {
		return func(f *File) error { return tablePartitions(f, tf, types, keep) }
	}
	if source.IsRemote(root) {
		var es []source.Entry
		byPath := map[string]tableFile{}
		for _, tf := range files {
			size, ok := sizes[tf.path]
			if !ok {
				st, err := source.Stat(ctx, tf.path)
				if err != nil {
					errs = append(errs, remoteError(tf.path, i18n.Errorf("a data file of the table: %v", err)))
					continue
				}
				size = st.Size
			}
			es = append(es, source.Entry{Path: tf.path, Size: size})
			byPath[tf.path] = tf
		}
		got, ferrs := rf.readAll(ctx, es, opt, func(f *File) error { return fix(byPath[f.Path])(f) })
		out, errs = got, append(errs, ferrs...)
	} else {
		for _, tf := range files {
			f, err := openFile(tf.path, opt)
			if err == nil {
				err = fix(tf)(&f)
			}
			if err != nil {
				if errors.Is(err, os.ErrNotExist) {
					err = pathError(tf.path, i18n.Errorf("a data file of the table is missing"))
				}
				errs = append(errs, err)
				continue
			}
			out = append(out, f)
		}
	}
	if len(errs) > 0 && !keepGoing {
		return nil, errs[:1]
	}
	if len(out) == 0 {
		return nil, errs
	}
	d, err := merge(root, true, out)
	if err != nil {
		return nil, append(errs, err)
	}
	d.Notes = append([]i18n.Msg{note}, d.Notes...)
	if source.IsRemote(root) {
		d.Open = rf.open
	}
	return d, errs
}

// maxLogFile bounds one file of a table's log or metadata.
const maxLogFile = 256 << 20

// tableError is a table that cannot be read, as one line naming it.
func tableError(root, format string, err error) error {
	var de *delta.Error
	var ie *iceberg.Error
	if errors.As(err, &de) || errors.As(err, &ie) {
		return &Error{Path: root, Err: i18n.Errorf("%s table refused: %v", format, err)}
	}
	return remoteError(root, err)
}

// tablePartitions adds a table file's partition columns: every partition
// column of a Delta table (its data files do not hold them); for an
// Iceberg table, identity-partitioned columns the file does not hold, and
// it drops the file's columns that are not in the table's schema (dropped
// columns).
func tablePartitions(f *File, tf tableFile, types map[string]partType, keep func(string) bool) error {
	if keep != nil {
		cols := f.Columns[:0]
		for _, c := range f.Columns {
			if keep(c.Path) {
				cols = append(cols, c)
			}
		}
		f.Columns = cols
	}
	has := map[string]bool{}
	for _, c := range f.Columns {
		has[c.Path] = true
	}
	for _, k := range slices.Sorted(maps.Keys(tf.parts)) {
		if has[k] {
			if tf.identity {
				continue
			}
			return pathError(f.Path, i18n.Errorf("partition column %q is also a column of the file", k))
		}
		if f.Partitions == nil {
			f.Partitions = map[string]string{}
		}
		f.Partitions[k] = tf.parts[k]
		pt := types[k]
		f.Columns = append(f.Columns, Column{Path: k, Type: pt.name, ColumnType: pt.typ,
			Nullable: tf.parts[k] == hiveDefaultPartition, Partition: true, Loc: noLocation})
	}
	return nil
}

// partType is a partition column's type.
type partType struct {
	name string
	typ  ColumnType
}

var stringPart = partType{"string", ColumnType{Kind: KindString}}

// partTypes type partition columns by their Delta or Iceberg type names
// (Delta's byte, short, integer; Iceberg's int; both formats' long, float,
// double, boolean, date).
var partTypes = map[string]partType{
	"byte":    {"int8", ColumnType{Kind: KindInt, Bits: 8}},
	"short":   {"int16", ColumnType{Kind: KindInt, Bits: 16}},
	"integer": {"int32", ColumnType{Kind: KindInt, Bits: 32}},
	"int":     {"int32", ColumnType{Kind: KindInt, Bits: 32}},
	"long":    {"int64", ColumnType{Kind: KindInt, Bits: 64}},
	"float":   {"float32", ColumnType{Kind: KindFloat, Bits: 32}},
	"double":  {"float64", ColumnType{Kind: KindFloat, Bits: 64}},
	"boolean": {"bool", ColumnType{Kind: KindBool}},
	"date":    {"date", ColumnType{Kind: KindDate}},
}

// tablePartType types a partition column by its type in the table's
// schema; timestamps and the rest are kept as the metadata writes them:
// text.
func tablePartType(t string) partType {
	if pt, ok := partTypes[t]; ok {
		return pt
	}
	if p, s, ok := parseDecimal(t); ok {
		return partType{decimalType(p, s), ColumnType{Kind: KindDecimal, Precision: p, Scale: s}}
	}
	return stringPart
}

// parseDecimal reads "decimal(P,S)" (spaces allowed).
func parseDecimal(t string) (int32, int32, bool) {
	in, ok := strings.CutPrefix(t, "decimal(")
	if !ok {
		return 0, 0, false
	}
	in, ok = strings.CutSuffix(in, ")")
	if !ok {
		return 0, 0, false
	}
	ps, ss, ok := strings.Cut(in, ",")
	p, err1 := strconv.Atoi(strings.TrimSpace(ps))
	s, err2 := strconv.Atoi(strings.TrimSpace(ss))
	if !ok || err1 != nil || err2 != nil {
		return 0, 0, false
	}
	return int32(p), int32(s), true
}
