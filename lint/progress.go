package lint

// Progress is how far the scan of one dataset has got, as Options.Progress
// is told it while the data are read.
type Progress struct {
	// Dataset is the dataset's path.
	Dataset string
	// Files and Rows are the dataset's, from its footers: the whole scan.
	Files int
	Rows  int64
	// Done of Total bytes were read; Done == Total at the end.
	Done, Total int64
}
