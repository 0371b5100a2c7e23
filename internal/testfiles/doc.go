// Package testfiles writes the files saglig's tests read: the
// interoperability matrix (every Parquet logical type, encoding, codec,
// page version and nesting that mainstream writers produce, as written by
// parquet-go and by Arrow for Go's pqarrow, and Arrow IPC files and
// streams with dictionaries and compression) and the corrupt-file suite
// (truncated, bit-flipped, oversized, deeply nested and very wide files,
// lying page headers, out-of-range dictionary indices and compression
// bombs).
//
// The files are generated, never committed: the tests of lint/dataset,
// lint/scan and cmd/saglig write them to a temporary directory and check
// that each is read correctly or refused with a clean one-line error.
// docs/formats.md names the test that covers each cell of the matrix.
package testfiles
