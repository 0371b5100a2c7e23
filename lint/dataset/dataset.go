// Package dataset finds and opens the datasets saglig lints: Parquet files,
// Arrow IPC files and streams, directories of them (with Hive partitions) and
// globs. Opening reads schemas, row counts and key-value metadata only.
package dataset

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
	// Nullable is true when the column may hold nulls.
	Nullable bool `json:"nullable"`
	// Partition is true for a Hive partition key (year=2024/ in the path).
	Partition bool `json:"partition,omitempty"`
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
