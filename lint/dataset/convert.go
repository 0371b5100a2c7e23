package dataset

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/saglig/saglig/internal/i18n"
)

// saglig reads Parquet and Arrow IPC only. A CSV file, or a directory of
// nothing but CSV files, is refused with a hint how to convert it.

// csvExt returns a file name's CSV extension (".csv", ".tsv", ".csv.gz",
// ".tsv.gz"; in lower case), or "".
func csvExt(path string) string {
	name := strings.ToLower(filepath.Base(path))
	for _, ext := range []string{".csv", ".tsv", ".csv.gz", ".tsv.gz"} {
		if strings.HasSuffix(name, ext) && len(name) > len(ext) {
			return ext
		}
	}
	return ""
}

// duckDBHint says how to turn CSV into Parquet with DuckDB: from is the
// file or glob DuckDB reads, to the Parquet file it writes.
func duckDBHint(from, to string) string {
	sql := func(s string) string { return "'" + strings.ReplaceAll(filepath.ToSlash(s), "'", "''") + "'" }
	return fmt.Sprintf(`duckdb -c "COPY (SELECT * FROM %s) TO %s"`, sql(from), sql(to))
}

// csvFileError is the error for the CSV file path: an errUnknownFormat.
func csvFileError(path string) error {
	to := path[:len(path)-len(csvExt(path))] + ".parquet"
	return i18n.Because(errUnknownFormat, "CSV is not read (saglig reads Parquet and Arrow IPC): convert it to Parquet first, e.g. %s", duckDBHint(path, to))
}

// csvDirHint is the hint for the directory dir, whose only files are the
// CSV files csvs.
func csvDirHint(dir string, csvs []string) i18n.Msg {
	nested, ext := false, csvExt(csvs[0])
	for _, p := range csvs {
		nested = nested || filepath.Dir(p) != filepath.Clean(dir)
		if csvExt(p) != ext {
			ext = ".?sv*"
		}
	}
	glob := filepath.Join(dir, "*"+ext)
	if nested {
		glob = filepath.Join(dir, "**", "*"+ext)
	}
	return i18n.M("it holds %d CSV files, which saglig does not read: convert them to Parquet first, e.g. %s", len(csvs), duckDBHint(glob, filepath.Clean(dir)+".parquet"))
}
