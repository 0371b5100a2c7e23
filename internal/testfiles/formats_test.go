package testfiles

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite docs/formats.md")

// TestFormatsDoc checks that docs/formats.md is the matrix the cells of
// WriteInterop make, and that the matrix is complete: every feature of
// each writer's format is covered by a cell or said to be out of the
// writer's reach (InteropGaps), never both. It rewrites the file with
// -update.
func TestFormatsDoc(t *testing.T) {
	cells, err := WriteInterop(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := checkMatrix(cells); err != nil {
		t.Fatal(err)
	}
	versions, err := moduleVersions(filepath.Join("..", "..", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	want := formatsDoc(cells, versions)
	path := filepath.Join("..", "..", "docs", "formats.md")
	if *update {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/testfiles -run TestFormatsDoc -update)", err)
	}
	if string(got) != want {
		t.Errorf("docs/formats.md is stale: run go test ./internal/testfiles -run TestFormatsDoc -update")
	}
}

// TestMatrixChecks checks that checkMatrix finds each kind of hole.
func TestMatrixChecks(t *testing.T) {
	cells, err := WriteInterop(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	without := func(writer, feature string) []Interop {
		var out []Interop
		for _, c := range cells {
			if c.Writer == writer {
				c.Covers = slices.DeleteFunc(slices.Clone(c.Covers), func(f string) bool { return f == feature })
			}
			out = append(out, c)
		}
		return out
	}
	edit := func(f func(c *Interop)) []Interop {
		out := slices.Clone(cells)
		f(&out[0])
		return out
	}
	cases := []struct {
		name  string
		cells []Interop
		want  string
	}{
		{"uncovered", without(PqArrow, FBinary), `"binary, fixed-size binary": no pqarrow cell covers it`},
		{"gap covered", append(slices.Clone(cells), Interop{Writer: PqArrow, Feature: "enum", Covers: []string{FEnum}}), `"ENUM": pqarrow covers it`},
		{"unknown feature", edit(func(c *Interop) { c.Covers = []string{"no such thing"} }), `unknown feature "no such thing"`},
		{"wrong format", edit(func(c *Interop) { c.Covers = []string{FArrowFile} }), `a parquet-go or pqarrow cell cannot cover`},
		{"nothing covered", edit(func(c *Interop) { c.Covers = nil }), "covers no feature"},
		{"no values", edit(func(c *Interop) {
			c.Columns = slices.Clone(c.Columns)
			c.Columns[0].Values = nil
		}), "no values to check"},
	}
	for _, c := range cases {
		err := checkMatrix(c.cells)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.name, err, c.want)
		}
	}
}

// checkMatrix checks the cells against InteropFeatures and InteropGaps.
func checkMatrix(cells []Interop) error {
	features := map[string]Feature{}
	for _, f := range InteropFeatures {
		features[f.Name] = f
	}
	writers := map[string]Writer{}
	for _, w := range InteropWriters {
		writers[w.Name] = w
	}
	covered := map[[2]string]bool{}
	for _, c := range cells {
		w, ok := writers[c.Writer]
		if !ok {
			return fmt.Errorf("%s: unknown writer", c.Name())
		}
		if len(c.Covers) == 0 {
			return fmt.Errorf("%s: the cell covers no feature", c.Name())
		}
		for _, name := range c.Covers {
			f, ok := features[name]
			switch {
			case !ok:
				return fmt.Errorf("%s: unknown feature %q", c.Name(), name)
			case w.Parquet && !f.Parquet, !w.Parquet && !f.Arrow:
				return fmt.Errorf("%s: a %s cell cannot cover %q", c.Name(), formatWriters(w.Parquet), name)
			}
			covered[[2]string{c.Writer, name}] = true
		}
		for _, col := range c.Columns {
			if col.Values == nil {
				return fmt.Errorf("%s: column %s has no values to check", c.Name(), col.Path)
			}
		}
	}
	gaps := map[[2]string]bool{}
	for _, g := range InteropGaps {
		gaps[[2]string{g.Writer, g.Feature}] = true
	}
	for _, f := range InteropFeatures {
		for _, w := range InteropWriters {
			if !applies(f, w) {
				continue
			}
			k := [2]string{w.Name, f.Name}
			switch {
			case covered[k] && gaps[k]:
				return fmt.Errorf("%q: %s covers it, yet InteropGaps says it cannot", f.Name, w.Name)
			case !covered[k] && !gaps[k]:
				return fmt.Errorf("%q: no %s cell covers it, and InteropGaps does not say why", f.Name, w.Name)
			}
		}
	}
	return nil
}

func formatWriters(parquet bool) string {
	var names []string
	for _, w := range InteropWriters {
		if w.Parquet == parquet {
			names = append(names, w.Name)
		}
	}
	slices.Sort(names)
	return strings.Join(names, " or ")
}

func applies(f Feature, w Writer) bool { return (w.Parquet && f.Parquet) || (!w.Parquet && f.Arrow) }

// moduleVersions reads the required modules' versions from go.mod.
func moduleVersions(path string) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		f := strings.Fields(strings.TrimPrefix(strings.TrimSpace(sc.Text()), "require "))
		if len(f) >= 2 && strings.Contains(f[0], ".") && strings.HasPrefix(f[1], "v") {
			out[f[0]] = f[1]
		}
	}
	return out, sc.Err()
}

// subtest is a cell's subtest name as go test -run matches it.
func subtest(c Interop) string { return strings.ReplaceAll(c.Name(), " ", "_") }

func formatsDoc(cells []Interop, versions map[string]string) string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("%s", formatsIntro)

	p("\n## Type names\n\n")
	p("The names saglig gives column types, alike for both formats, as `saglig profile` and the\n")
	p("JSON report show them. Each ✓ is a column of that type in a cell of the writer's.\n\n")
	var types []string
	byType := map[string]map[string]bool{}
	for _, c := range cells {
		for _, col := range c.Columns {
			if byType[col.Type] == nil {
				byType[col.Type] = map[string]bool{}
				types = append(types, col.Type)
			}
			byType[col.Type][c.Writer] = true
		}
	}
	slices.Sort(types)
	p("| type |")
	for _, w := range InteropWriters {
		p(" %s |", w.Name)
	}
	p("\n| --- |%s\n", strings.Repeat(" --- |", len(InteropWriters)))
	for _, typ := range types {
		p("| `%s` |", typ)
		for _, w := range InteropWriters {
			if byType[typ][w.Name] {
				p(" ✓ |")
			} else {
				p("  |")
			}
		}
		p("\n")
	}
	p("%s", formatsTypesAfter)

	p("\n## The interoperability matrix\n\n")
	p("Every cell of the matrix is a file that the tests write with a real writer and read back:\n\n")
	for _, w := range InteropWriters {
		p("- **%s**: %s (`%s` %s).\n", w.Name, w.What, w.Module, versions[w.Module])
	}
	p("\n%s", formatsMatrixIntro)
	section := ""
	for _, f := range InteropFeatures {
		if f.Section != section {
			section = f.Section
			p("\n### %s\n\n| feature |", section)
			for _, w := range InteropWriters {
				p(" %s |", w.Name)
			}
			p("\n| --- |%s\n", strings.Repeat(" --- |", len(InteropWriters)))
		}
		p("| %s |", f.Name)
		for _, w := range InteropWriters {
			p(" %s |", matrixCell(cells, f, w))
		}
		p("\n")
	}

	p("\n## The cells\n\n")
	p("Each cell's file, its columns as saglig types them and, for Parquet, the encoding of some\n")
	p("data page and the codec each column chunk must have. Every column of every cell is\n")
	p("checked value by value. A cell runs alone with, for example,\n")
	p("`go test ./lint/scan -run 'TestInterop/%s$'`.\n\n", subtest(cells[0]))
	p("| cell (subtest) | rows | columns |\n| --- | --- | --- |\n")
	for _, c := range cells {
		var cols []string
		for _, col := range c.Columns {
			s := "`" + col.Path + "` " + col.Type
			if col.Nullable {
				s += " (nullable)"
			}
			var extra []string
			extra = append(extra, col.Encodings...)
			if col.Codec != "" {
				extra = append(extra, col.Codec)
			}
			if len(extra) > 0 {
				s += " [" + strings.Join(extra, ", ") + "]"
			}
			cols = append(cols, s)
		}
		rows := fmt.Sprint(c.Rows)
		if c.RowGroups > 0 {
			rows += fmt.Sprintf(" in %d row groups", c.RowGroups)
		}
		if c.MinPages > 0 {
			rows += fmt.Sprintf(", %d+ pages per chunk", c.MinPages)
		}
		if c.DataPageVersion > 0 {
			rows += fmt.Sprintf(", data pages v%d", c.DataPageVersion)
		}
		p("| `%s` | %s | %s |\n", subtest(c), rows, strings.Join(cols, "; "))
	}
	corpusSection(&b)
	return b.String()
}

// matrixCell is the text of one cell of the matrix.
func matrixCell(cells []Interop, f Feature, w Writer) string {
	if !applies(f, w) {
		if f.Parquet {
			return "— (Parquet only)"
		}
		return "— (Arrow IPC only)"
	}
	var names []string
	for _, c := range cells {
		if c.Writer == w.Name && slices.Contains(c.Covers, f.Name) {
			names = append(names, "`"+strings.TrimPrefix(subtest(c), w.Name+"/")+"`")
		}
	}
	if len(names) > 0 {
		return "✓ " + strings.Join(names, ", ")
	}
	for _, g := range InteropGaps {
		if g.Writer == w.Name && g.Feature == f.Name {
			return "not produced by this writer: " + g.Why
		}
	}
	return "not produced by this writer"
}

const formatsIntro = `# File formats

<!-- Generated from internal/testfiles by ` + "`go test ./internal/testfiles -run TestFormatsDoc -update`" + `; do not edit. -->

saglig reads the two columnar formats training data is kept in, Parquet and Arrow IPC, through
its own bounded readers ([security.md](security.md)). This page says what it reads, what it
refuses, the type names it reports, and — in the interoperability matrix — which writer's
files of which feature the tests read back value by value.

## What saglig reads

- **Parquet** files (` + "`.parquet`, `.parq`, `.pq`" + `, or any name with the ` + "`PAR1`" + ` magic): every
  logical and converted type, the PLAIN, dictionary, RLE, delta and BYTE_STREAM_SPLIT
  encodings, the UNCOMPRESSED, SNAPPY, GZIP, ZSTD, LZ4_RAW and BROTLI codecs and the deprecated
  LZ4 codec (Hadoop's framing, or a bare LZ4 block as older Arrow C++ wrote it), data pages v1
  and v2 (also a v2 page of nulls only, whose empty compressed section is not decompressed),
  page CRCs (a page whose CRC does not match is refused), nested groups, lists and maps, the
  NULL logical type (a column of nulls), and the legacy list layouts of older writers (below).
  Only the footer is trusted to find the pages; page indexes and bloom filters are not read.
- **Arrow IPC files** (` + "`.arrow`, `.feather`, `.ipc`" + `, or the ` + "`ARROW1`" + ` magic). Feather v2 *is*
  an Arrow IPC file. Dictionaries, LZ4_FRAME and ZSTD buffer compression.
- **Arrow IPC streams** (` + "`.arrows`" + `, or a stream by its content, including streams written
  before Arrow 0.15 without the continuation marker), with dictionaries that grow by deltas
  or are replaced between batches.
- **Directories**, read recursively as one dataset: every Parquet and Arrow IPC file in it (by
  extension or content), in lexical order, may mix the formats; hidden entries (names starting
  with ` + "`.`" + ` or ` + "`_`" + `, such as ` + "`_SUCCESS`" + ` and ` + "`_metadata`" + `) are skipped. **Hive partition**
  directories (` + "`year=2024/`" + `) become string columns after the files' own; Hive's
  ` + "`__HIVE_DEFAULT_PARTITION__`" + ` is a null. Their schemas may drift, as a lake's partitions do
  (DuckDB's ` + "`union_by_name`" + `, Spark's ` + "`mergeSchema`" + `): a column missing from some files is null there
  (a note says so), and a column whose type widens takes the wider type — integers of any
  width to the widest (unsigned below 64 bits too), float to double, integers to floating
  point, decimals to a precision and scale that hold both (a note says so). A file with a
  column that does not widen into the others' type (text where they hold numbers, a partition
  key that is a column of another file) is left out of the dataset with one line naming it, the
  column and both types, and counted among the files that could not be read; the rest is read.
- **Globs** (` + "`data/*.parquet`" + `): each match is a dataset of its own.
- **Delta and Iceberg tables**: a directory holding ` + "`_delta_log/`" + ` or ` + "`metadata/*.metadata.json`" + ` is read
  as its table's current snapshot (the live Parquet data files, with the partition values the
  table records); what saglig cannot honour — deletion vectors, column mapping, delete files,
  renamed columns — is refused on one line ([lakes.md](lakes.md)).
- **Object storage**: each of the above as an ` + "`s3://`, `gs://` or `azblob://`" + ` URL ([lakes.md](lakes.md)).

saglig reads a Parquet file's pages itself (` + "`dataset.PageReader`" + `): headers, CRCs and
decompression, each codec into a buffer of the size the page declares; levels and dictionary
indices are decoded by its own bounded decoder, and values by parquet-go's encodings. The
faults of parquet-go's own page reader that this avoids are in [upstream.md](upstream.md);
the ` + "`codec_lz4_raw_incompressible`" + ` cells below prove the LZ4_RAW one for both Parquet writers.

## What saglig does not read

Each is refused with one line on stderr naming the file and exit code 2, never a guess:

- **Encrypted Parquet** (Parquet Modular Encryption, the ` + "`PARE`" + ` magic or encrypted columns):
  "encrypted Parquet is not supported". saglig never asks for keys.
- Parquet pages compressed with **LZO**: "unsupported compression codec". Rewrite the file
  with another codec.
- **Feather v1** (the ` + "`FEA1`" + ` magic): rewrite it as Feather v2 (` + "`pyarrow.feather.write_feather`" + `
  writes v2 by default).
- **ORC, Avro, CSV, JSON Lines, Excel**: not Parquet or Arrow IPC. In a directory such files are
  skipped; named on the command line they are an "unknown format" error. A **CSV** or TSV file (` + "`.csv`, `.tsv`" + `, gzipped or not), and a directory whose only
  files are CSV, are refused with the command that converts them with
  [DuckDB](https://duckdb.org):
  ` + "`" + `saglig: people.csv: CSV is not read (saglig reads Parquet and Arrow IPC): convert it to
  Parquet first, e.g. duckdb -c "COPY (SELECT * FROM 'people.csv') TO 'people.parquet'"` + "`" + `.
- Files beyond the limits of [security.md](security.md) (footer size, schema depth, columns,
  page size, decompression ratio, time), each raised by a flag.

## How values are read

The scan turns every physical and logical type into one of three forms, so that a column reads
the same from any file and any writer:

- **Integers** of any width, signed or unsigned (an unsigned 64-bit value above 2^63 stays
  unsigned), booleans, dates (days), times of day and **timestamps**, which become
  microseconds since 1970-01-01 UTC: a ` + "`timestamp[ns]`" + ` is truncated to microseconds, an
  INT96 timestamp (Julian day + nanoseconds of the day, as Spark, Hive and Impala write it) is
  decoded to the same instant (also past the year 287,500, where Spark's arithmetic wraps the
  day negative), and a timestamp without time zone is read as if it were UTC.
- **Floating point**: float16, float32, float64 and **decimals**, whose value becomes the
  nearest float64 whatever the physical type (INT32, INT64, fixed-length or variable bytes, Arrow
  decimal128 and decimal256), also beyond 64 bits: statistics of a decimal column are exact to
  about 15 significant digits.
- **Text and binary**: strings, ENUM, JSON, BSON, binary, fixed-size binary and UUIDs (written
  8-4-4-4-12 from either format).

A struct's fields are columns of their own with dotted paths (` + "`addr.postcode`" + `); a list is
one column profiled over its elements, a map over its keys, a list of groups over the group's
first field. A null list and an empty list both count as null. An Arrow union is one column
profiled as text over the value each row holds (its type id and value); a row whose value is
null — a union has no nulls of its own — is null.
`

const formatsTypesAfter = `
Besides these, saglig names ` + "`bson`" + `, ` + "`interval`" + `, ` + "`duration[s]`" + ` (and other units),
` + "`null`" + `, ` + "`variant`" + `, ` + "`geometry`" + `, ` + "`geography`" + `, ` + "`fixed_size_list<T>[N]`" + `, Arrow's
large and view variants of strings, binaries and lists (as their plain names), run-end encoded
and dictionary columns (by their value type), and any other Arrow type by arrow-go's own name
(an unknown extension type as ` + "`extension<name>`" + `). A timestamp's unit and zone are part of its
name: ` + "`timestamp[ms]`" + ` has no zone (local), ` + "`timestamp[us, UTC]`" + ` is adjusted to UTC (any
spelling of UTC), and an Arrow timestamp in another zone keeps it.
`

const formatsMatrixIntro = `A ✓ names the cells that prove the feature. Each cell is a subtest of two tests, which
` + "`go test ./...`" + ` runs:

- ` + "`TestInteropSchemas`" + ` in lint/dataset opens the file as ` + "`saglig`" + ` does and checks its columns,
  their types and nullability, the row count and, for Parquet, from the footer and the page
  headers, the number of row groups and pages, the codec of each column chunk and that some data
  page uses the encoding the cell is about — so that a writer silently choosing another encoding
  fails the test instead of passing it vacuously.
- ` + "`TestInterop`" + ` in lint/scan scans the file twice (every column alone, and every column
  row-aligned with the first as an input of an association) and checks, column by column, the
  rows, the nulls, every distinct value with the number of times it was written, and the
  minimum and maximum, against values computed from what the writer was given.

"Not produced by this writer" means the writer cannot write the feature, and says why; "—"
means the feature does not exist in the writer's format.
`

// corpusSection summarises corpus/outcomes.tsv: how many files of each
// corpus are read and refused, and every file that is not a fuzzer's find
// with what saglig does with it and why.
func corpusSection(b *strings.Builder) {
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	data, err := os.ReadFile(filepath.Join("corpus", "outcomes.tsv"))
	if err != nil {
		p("\n## Conformance corpora\n\n(corpus/outcomes.tsv is missing: %v)\n", err)
		return
	}
	type row struct{ file, outcome, why string }
	var rows []row
	counts := map[string]map[string]int{}
	for _, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.SplitN(line, "\t", 3)
		for len(f) < 3 {
			f = append(f, "")
		}
		corpus, _, _ := strings.Cut(f[0], "/")
		verb, _, _ := strings.Cut(f[1], " ")
		if counts[corpus] == nil {
			counts[corpus] = map[string]int{}
		}
		counts[corpus][verb]++
		if strings.Contains(f[0], "fuzz") || strings.Contains(f[0], "crash-") {
			counts[corpus]["fuzz"]++
			continue
		}
		rows = append(rows, row{f[0], f[1], f[2]})
	}
	p("\n## Conformance corpora\n\n")
	p("`TestCorpus` (lint/scan) lints, one file at a time as `saglig lint` reads it (every column\n")
	p("profiled, a 64 MiB budget, a time limit), the files kept from the test corpora of Apache\n")
	p("Parquet and Arrow in internal/testfiles/corpus (its README says which and from where), and\n")
	p("checks each outcome of `outcomes.tsv`: `read N` rows — as many as the file's metadata has, every\n")
	p("column profiled over every row —, or `refused` with its one-line reason. `TestCorpusValues`\n")
	p("compares the values read with the values the corpora list beside some files: every distinct\n")
	p("value and the nulls of each column of the DELTA_BINARY_PACKED and DELTA_BYTE_ARRAY files\n")
	p("(their `_expect.csv`), of `int96_from_spark.parquet` (the microseconds its `.md` lists, one of\n")
	p("them in the year 290000), and of Arrow's integration files of every primitive type, date,\n")
	p("time and timestamp unit and zone, little- and big-endian, and of unions (their `.json.gz`);\n")
	p("and those of the LZ4, empty DataPageV2 and empty-list files with the values arrow-rs,\n")
	p("DataFusion and pyarrow read.\n\n")
	p("| corpus | files | read | refused | of which fuzzers' finds |\n| --- | --- | --- | --- | --- |\n")
	for _, c := range []string{"parquet-testing", "arrow-testing"} {
		n := counts[c]
		p("| %s | %d | %d | %d | %d |\n", c, n["read"]+n["refused"], n["read"], n["refused"], n["fuzz"])
	}
	p("\nEvery file but the fuzzers' finds:\n\n| file | outcome | why |\n| --- | --- | --- |\n")
	for _, r := range rows {
		outcome := r.outcome
		if len(outcome) > 90 {
			outcome = outcome[:87] + "…"
		}
		p("| `%s` | %s | %s |\n", r.file, strings.ReplaceAll(outcome, "|", "\\|"), strings.ReplaceAll(r.why, "|", "\\|"))
	}
}
