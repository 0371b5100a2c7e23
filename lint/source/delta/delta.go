// Package delta reads the current snapshot of a Delta Lake table: it
// replays the transaction log (_delta_log/: the newest complete checkpoint,
// classic or v2 with sidecars, then the JSON commits after it) to the list
// of data files, their partition values, the table's schema and protocol.
// saglig's own scanner then reads the data files.
//
// What saglig cannot honour is refused, never read wrongly: a reader
// protocol version above 3, an unknown reader feature, column mapping
// (physical column names differ from the schema's), deletion vectors on a
// live file, and a log with a gap in its commits.
package delta

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"strconv"
	"strings"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/source"
)

// LogDir is the transaction log's directory in a table.
const LogDir = "_delta_log"

// Options bound what reading a log may take.
type Options struct {
	// MaxLogFile bounds one JSON commit or checkpoint file (default 256 MiB).
	MaxLogFile int64
	// CheckParquet, when set, is run on a checkpoint or sidecar Parquet
	// file before it is decoded, to refuse one beyond the limits.
	CheckParquet func(r io.ReaderAt, size int64) error
}

func (o Options) maxLogFile() int64 {
	if o.MaxLogFile > 0 {
		return o.MaxLogFile
	}
	return 256 << 20
}

// Table is a table's current snapshot.
type Table struct {
	// Root is the table's directory (a path or a URL).
	Root string
	// Version is the snapshot's version: the last commit.
	Version int64
	// Schema is the table's columns, from its metaData action.
	Schema []Field
	// PartitionColumns are the partition columns, in the table's order.
	PartitionColumns []string
	// Files are the live data files, sorted by path.
	Files []File
	// MinReaderVersion and ReaderFeatures are the table's read protocol.
	MinReaderVersion int
	ReaderFeatures   []string
}

// File is a live data file.
type File struct {
	// Path is the file's path or URL.
	Path string
	Size int64
	// Partitions holds the partition values; a null value is absent.
	Partitions map[string]string
}

// Field is a top-level column of the table's schema.
type Field struct {
	Name string
	// Type is the Delta type: a primitive name ("long", "decimal(10,2)"),
	// or "struct", "array", "map" for nested types.
	Type     string
	Nullable bool
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

// IsTable reports whether dir holds a Delta table: a _delta_log directory
// with at least one commit or checkpoint.
func IsTable(ctx context.Context, dir string) (bool, error) {
	entries, err := source.List(ctx, source.Join(dir, LogDir))
	if err != nil {
		if isNotExist(err) {
			return false, nil
		}
		return false, err
	}
	for _, e := range entries {
		if _, ok := parseLogName(base(e.Path)); ok {
			return true, nil
		}
	}
	return false, nil
}

// logFile is a file of the log, by name.
type logFile struct {
	version int64
	kind    logKind
	// part and parts number a multi-part checkpoint's files.
	part, parts int
	entry       source.Entry
}

type logKind uint8

const (
	commitFile logKind = iota
	checkpointFile
	checkpointPart
	checkpointV2JSON
	checkpointV2Parquet
)

// parseLogName reads a log file's name: 00000000000000000010.json,
// ….checkpoint.parquet, ….checkpoint.0000000001.0000000003.parquet,
// ….checkpoint.<uuid>.json|parquet. Other names (.crc, _last_checkpoint,
// compacted logs) are not part of the replay.
func parseLogName(name string) (logFile, bool) {
	num, rest, ok := strings.Cut(name, ".")
	if !ok || len(num) != 20 {
		return logFile{}, false
	}
	v, err := strconv.ParseInt(num, 10, 64)
	if err != nil || v < 0 {
		return logFile{}, false
	}
	lf := logFile{version: v}
	switch {
	case rest == "json":
		lf.kind = commitFile
	case rest == "checkpoint.parquet":
		lf.kind = checkpointFile
	case strings.HasPrefix(rest, "checkpoint."):
		parts := strings.Split(strings.TrimPrefix(rest, "checkpoint."), ".")
		switch {
		case len(parts) == 3 && parts[2] == "parquet" && len(parts[0]) == 10 && len(parts[1]) == 10:
			p, err1 := strconv.Atoi(parts[0])
			n, err2 := strconv.Atoi(parts[1])
			if err1 != nil || err2 != nil || p < 1 || p > n {
				return logFile{}, false
			}
			lf.kind, lf.part, lf.parts = checkpointPart, p, n
		case len(parts) == 2 && parts[1] == "json":
			lf.kind = checkpointV2JSON
		case len(parts) == 2 && parts[1] == "parquet":
			lf.kind = checkpointV2Parquet
		default:
			return logFile{}, false
		}
	default:
		return logFile{}, false
	}
	return lf, true
}

// Open reads the table at dir to its latest snapshot.
func Open(ctx context.Context, dir string, opt Options) (*Table, error) {
	logDir := source.Join(dir, LogDir)
	entries, err := source.List(ctx, logDir)
	if err != nil {
		return nil, err
	}
	var (
		commits     = map[int64]logFile{}
		checkpoints = map[int64][]logFile{}
		latest      = int64(-1)
	)
	for _, e := range entries {
		rel, ok := source.Rel(source.Clean(logDir), e.Path)
		if !ok || strings.Contains(rel, "/") {
			continue // _sidecars/ and other directories
		}
		lf, ok := parseLogName(rel)
		if !ok {
			continue
		}
		lf.entry = e
		if lf.kind == commitFile {
			commits[lf.version] = lf
		} else {
			checkpoints[lf.version] = append(checkpoints[lf.version], lf)
		}
		latest = max(latest, lf.version)
	}
	if latest < 0 {
		return nil, refuse("%s/ holds no commit", LogDir)
	}
	r := &replay{dir: dir, logDir: logDir, opt: opt, files: map[string]*addAction{}}
	// The newest complete checkpoint at or below the latest version.
	cp := int64(-1)
	var cpFiles []logFile
	for v := range checkpoints {
		if v > cp {
			if files := complete(checkpoints[v]); files != nil {
				cp, cpFiles = v, files
			}
		}
	}
	if cp >= 0 {
		if err := r.readCheckpoint(ctx, cpFiles); err != nil {
			return nil, err
		}
	}
	for v := cp + 1; v <= latest; v++ {
		c, ok := commits[v]
		if !ok {
			if cp < 0 {
				return nil, refuse("the log has no commit %s and no checkpoint before it: it cannot be replayed", strconv.FormatInt(v, 10))
			}
			return nil, refuse("the log has no commit %s after the checkpoint at %s: it cannot be replayed", strconv.FormatInt(v, 10), strconv.FormatInt(cp, 10))
		}
		data, err := source.ReadSized(ctx, c.entry.Path, c.entry.Size, opt.maxLogFile())
		if err != nil {
			return nil, i18n.Errorf("%s: %v", c.entry.Path, err)
		}
		if err := r.readJSON(data, c.entry.Path, true); err != nil {
			return nil, err
		}
	}
	return r.table(latest)
}

// complete returns the files of one complete checkpoint among those of a
// version (a single file, a v2 checkpoint, or every part of a multi-part
// one), or nil.
func complete(files []logFile) []logFile {
	parts := map[int]map[int]logFile{}
	for _, f := range files {
		switch f.kind {
		case checkpointFile, checkpointV2JSON, checkpointV2Parquet:
			return []logFile{f}
		case checkpointPart:
			if parts[f.parts] == nil {
				parts[f.parts] = map[int]logFile{}
			}
			parts[f.parts][f.part] = f
		}
	}
	for n, got := range parts {
		if len(got) == n {
			out := make([]logFile, 0, n)
			for i := 1; i <= n; i++ {
				out = append(out, got[i])
			}
			return out
		}
	}
	return nil
}

func (t *Table) field(name string) *Field {
	for i := range t.Schema {
		if t.Schema[i].Name == name {
			return &t.Schema[i]
		}
	}
	return nil
}

// Field returns the schema's column of that name, or nil.
func (t *Table) Field(name string) *Field { return t.field(name) }

func base(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

func isNotExist(err error) bool {
	return errors.Is(err, fs.ErrNotExist)
}
