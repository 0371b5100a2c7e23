// Package dataset finds and opens the datasets saglig lints: Parquet files,
// Arrow IPC files and streams, directories of them (with Hive partitions) and
// globs. Opening reads schemas, row counts and key-value metadata only: a
// Parquet file's footer, an Arrow IPC file's footer, dictionaries and record
// batch metadata; an Arrow IPC stream, having no footer, is read through.
//
// Each column has a typed ColumnType (Kind, Shape …), which the scan and the
// classifier read, and its Location in its file (Parquet leaf index, Arrow
// field path). Column types are also named, for display, alike for both
// formats, so that the files of a
// directory can be compared: bool, int8…int64, uint8…uint64, int96,
// float16, float32, float64, string, binary, fixed_size_binary[N], uuid,
// json, bson, enum, date, time[ms], timestamp[us] (local) or
// timestamp[us, UTC], decimal(P,S), interval, duration[s], null, variant,
// list<T>, map<K,V> and struct<a:T,b:U> (inside a list or map; a struct
// column is otherwise flattened into dotted paths). An Arrow dictionary or
// run-end encoded column is named by its value type; a Parquet LIST or MAP
// group, or a repeated field, is one column at the group's path.
package dataset

import "github.com/saglig/saglig/internal/i18n"

// Format is a file format.
type Format string

// Formats saglig reads.
const (
	Parquet     Format = "parquet"
	ArrowFile   Format = "arrow"  // Arrow IPC file (.arrow, .feather)
	ArrowStream Format = "arrows" // Arrow IPC stream (.arrows)
	Mixed       Format = "mixed"  // a directory holding more than one format
)

// Column is one leaf column of a dataset, by dotted path.
type Column struct {
	// Path is the dotted path of a leaf field (address.postcode).
	Path string `json:"path"`
	// Type describes the type, e.g. "int64", "string", "timestamp[us, UTC]",
	// "decimal(10,2)", "list<int32>".
	Type string `json:"type"`
	// ColumnType is the type, typed (Kind, Shape, Bits, Scale, Unit …):
	// what readers of the data consume; Type is its display.
	ColumnType
	// Nullable is true when the column may hold nulls.
	Nullable bool `json:"nullable"`
	// Partition is true for a Hive partition key (year=2024/ in the path).
	Partition bool `json:"partition,omitempty"`
	// Loc is where the column is in its file (File.Columns); in
	// Dataset.Columns, which span files, it is left empty (Leaf −1).
	Loc Location `json:"-"`
}

// File is one file of a dataset.
type File struct {
	Path   string `json:"path"`
	Format Format `json:"format"`
	Size   int64  `json:"size"`
	Rows   int64  `json:"rows"`
	// Columns are the file's own leaf columns followed by its partition
	// columns, in schema order.
	Columns []Column `json:"columns"`
	// Partitions holds the Hive partition values from the file's path,
	// relative to the dataset root (year=2024/month=01/ → year, month).
	Partitions map[string]string `json:"partitions,omitempty"`
	// Metadata is the file's key-value metadata (Parquet footer or Arrow
	// schema metadata).
	Metadata map[string]string `json:"metadata,omitempty"`
	// Encrypted is true for a Parquet file whose columns are encrypted
	// (Parquet Modular Encryption with a plaintext footer): its schema is
	// read, its data cannot be.
	Encrypted bool `json:"encrypted,omitempty"`
	// Notes are remarks on how the file was read, e.g. a column renamed
	// because another has its name; the dataset repeats them.
	Notes []i18n.Msg `json:"notes,omitempty"`
}

// Dataset is what one PATH argument (or one match of a glob) names: a file,
// or a directory of files read together.
type Dataset struct {
	// Path is the dataset's path as given or as matched.
	Path   string `json:"path"`
	Format Format `json:"format"`
	Rows   int64  `json:"rows"`
	// Columns is the union of the files' columns, in first-seen order.
	Columns []Column `json:"columns"`
	Files   []File   `json:"files"`
	// Metadata merges the files' key-value metadata (first file wins).
	Metadata map[string]string `json:"metadata,omitempty"`
	// Notes are human-readable remarks on how the files of a directory
	// differ without contradicting each other, e.g. `column "x" only in 2
	// of 5 files`.
	Notes []i18n.Msg `json:"notes,omitempty"`
	// Open opens the dataset's files for reading; nil opens local files
	// (OpenLocal).
	Open Opener `json:"-"`
}

// Opener returns what the dataset's files are opened with.
func (d *Dataset) Opener() Opener {
	if d.Open != nil {
		return d.Open
	}
	return OpenLocal
}

// Column returns the column with the given path, or nil.
func (d *Dataset) Column(path string) *Column {
	for i := range d.Columns {
		if d.Columns[i].Path == path {
			return &d.Columns[i]
		}
	}
	return nil
}

// Without returns the dataset without the file at path, as if the file had
// not been there (a file that could not be read is left out this way), or
// nil when no other file is left.
func (d *Dataset) Without(path string) (*Dataset, error) {
	files := make([]File, 0, len(d.Files))
	for _, f := range d.Files {
		if f.Path != path {
			files = append(files, f)
		}
	}
	if len(files) == 0 {
		return nil, nil
	}
	dir := len(d.Files) != 1 || d.Files[0].Path != d.Path
	nd, err := merge(d.Path, dir, files)
	if nd != nil {
		nd.Open = d.Open
	}
	return nd, err
}
