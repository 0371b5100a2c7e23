package scan

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/saglig/saglig/lint/dataset"
)

// refColumn is what a corpus says one column of a file holds: its null
// count and its distinct non-null values, in the scan's canonical text
// (Profile.Sample), or as floats for floating-point columns.
type refColumn struct {
	nulls  int64
	values map[string]bool
	// some: values are some of the column's distinct values, not all;
	// distinct then says how many there are (or, with no values, for a
	// column whose values have no canonical text to compare).
	some     bool
	distinct int64
	floats   []float64 // distinct, sorted; nil for a column of other values
	single   bool      // floats are float32: compared at that precision
}

// reference is what a corpus says a file holds.
type reference struct {
	rows int64
	cols map[string]*refColumn
}

func newReference() *reference { return &reference{cols: map[string]*refColumn{}} }

func (r *reference) col(name string) *refColumn {
	c := r.cols[name]
	if c == nil {
		c = &refColumn{values: map[string]bool{}}
		r.cols[name] = c
	}
	return c
}

// TestCorpusValues reads files of the conformance corpora and compares
// what the scan measured — rows, and per column the null count, the
// distinct count and every distinct value — with the values the corpora
// ship beside them: parquet-testing's expected CSV files of the
// DELTA_BINARY_PACKED / DELTA_BYTE_ARRAY files and the values listed in
// int96_from_spark.md, and arrow-testing's JSON of the integration files
// (little- and big-endian, every primitive type, dates, times and
// timestamps of every unit and zone, unions) — and, for the valid files
// issue 12 found refused, with the values other readers read
// (column_chunk_key_value_metadata.parquet, the fifth, has no rows:
// lint/dataset's TestValuelessKeyValue). Values in failures are never
// shown, only which column and how many differ.
func TestCorpusValues(t *testing.T) {
	pq := func(name string) string { return filepath.Join("parquet-testing", "data", name) }
	ipc := func(dir, name string) string {
		return filepath.Join("arrow-testing", "data", "arrow-ipc-stream", "integration", dir, name)
	}
	fromCSV := func(name, suffix string, required bool) func(*testing.T) *reference {
		return func(t *testing.T) *reference { return csvReference(t, pq(name), suffix, required) }
	}
	fromJSON := func(dir, name string) func(*testing.T) *reference {
		return func(t *testing.T) *reference { return arrowJSONReference(t, ipc(dir, name)) }
	}
	fixed := func(rows int64, cols map[string]*refColumn) func(*testing.T) *reference {
		return func(*testing.T) *reference { return &reference{rows: rows, cols: cols} }
	}
	tests := []struct {
		files []string // read each
		ref   func(t *testing.T) *reference
	}{
		{[]string{pq("delta_encoding_optional_column.parquet")}, fromCSV("delta_encoding_optional_column_expect.csv", "", false)},
		// Spark named the columns of this file "c_customer_sk:" and so on
		// (its .md file), the CSV "c_customer_sk".
		{[]string{pq("delta_encoding_required_column.parquet")}, fromCSV("delta_encoding_required_column_expect.csv", ":", true)},
		{[]string{pq("int96_from_spark.parquet")}, func(t *testing.T) *reference { return int96Reference(t, pq("int96_from_spark.md")) }},
		{[]string{ipc("cpp-21.0.0", "generated_primitive.arrow_file"), ipc("cpp-21.0.0", "generated_primitive.stream")},
			fromJSON("cpp-21.0.0", "generated_primitive.json.gz")},
		{[]string{ipc("cpp-21.0.0", "generated_datetime.arrow_file"), ipc("cpp-21.0.0", "generated_datetime.stream")},
			fromJSON("cpp-21.0.0", "generated_datetime.json.gz")},
		{[]string{ipc("1.0.0-bigendian", "generated_primitive.arrow_file"), ipc("1.0.0-bigendian", "generated_primitive.stream")},
			fromJSON("1.0.0-bigendian", "generated_primitive.json.gz")},

		// The valid files issue 12 found refused, with the values other
		// readers read. Unions whose children share a name ("duplicate
		// column" before):
		{[]string{ipc("cpp-21.0.0", "generated_union.arrow_file"), ipc("cpp-21.0.0", "generated_union.stream")},
			fromJSON("cpp-21.0.0", "generated_union.json.gz")},
		// The legacy LZ4 codec ("unsupported compression codec: LZ4"):
		// both files hold one table (arrow-rs' test_read_lz4_hadoop_fallback,
		// DataFusion's sqllogictest of hadoop_lz4_compressed.parquet), in
		// Hadoop's framing and as a bare LZ4 block, as older parquet-cpp
		// wrote it.
		{[]string{pq("hadoop_lz4_compressed.parquet"), pq("non_hadoop_lz4_compressed.parquet")},
			fixed(4, map[string]*refColumn{
				"c0":  {values: valueSet("1593604800", "1593604801")},
				"c1":  {values: valueSet("abc", "def")},
				"v11": {floats: []float64{7.7, 42, 42.125}},
			})},
		// One page in several Hadoop LZ4 chunks: 10,000 distinct strings,
		// the first two and the last as pyarrow reads them.
		{[]string{pq("hadoop_lz4_compressed_larger.parquet")},
			fixed(10000, map[string]*refColumn{
				"a": {some: true, distinct: 10000, values: valueSet("c7ce6bef-d5b0-4863-b199-8ea8c7fb117b",
					"e8fb9197-cb9f-4118-b67f-fbfa65f61843", "85440778-460a-41ac-aa2e-ac3ee41696bf")},
			})},
		// A DataPageV2 whose compressed section is empty (zero bytes must
		// not be decompressed): one row, null (parquet-testing's
		// data/README.md).
		{[]string{pq("datapage_v2_empty_datapage.snappy.parquet")},
			fixed(1, map[string]*refColumn{"value": {nulls: 1, floats: []float64{}}})},
		// {"emptylist":[]} ("unsupported physical type" before): an empty
		// list, which the scan counts as null (docs/formats.md).
		{[]string{pq("null_list.parquet")},
			fixed(1, map[string]*refColumn{"emptylist": {nulls: 1, values: valueSet()}})},
	}
	for _, tt := range tests {
		for _, file := range tt.files {
			t.Run(filepath.ToSlash(file), func(t *testing.T) {
				ref := tt.ref(t)
				path := filepath.Join(corpusDir, file)
				ds, errs := dataset.OpenEach([]string{path}, dataset.Options{})
				if len(errs) > 0 {
					t.Fatal(errs[0])
				}
				// A sample of every distinct value (they are no more than
				// the rows).
				res, err := New().Profile(context.Background(), ds[0], Request{SampleSize: int(max(ref.rows, 1<<10))})
				if err != nil {
					t.Fatal(err)
				}
				if res.Rows != ref.rows {
					t.Errorf("%d rows, the reference has %d", res.Rows, ref.rows)
				}
				for name, want := range ref.cols {
					p := res.Profiles[name]
					if p == nil {
						t.Errorf("column %s: not profiled", name)
						continue
					}
					compareColumn(t, name, p, want)
				}
				if len(ref.cols) == 0 {
					t.Fatal("the reference has no column")
				}
			})
		}
	}
}

// compareColumn checks one profile against the reference.
func compareColumn(t *testing.T, name string, p *Profile, want *refColumn) {
	t.Helper()
	if p.Nulls != want.nulls {
		t.Errorf("column %s: %d nulls, the reference has %d", name, p.Nulls, want.nulls)
	}
	if want.floats != nil {
		got := make([]float64, 0, len(p.Sample))
		for _, s := range p.Sample {
			f, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Errorf("column %s: a value is not a number", name)
				return
			}
			got = append(got, f)
		}
		slices.Sort(got)
		same := len(got) == len(want.floats)
		for i := 0; same && i < len(got); i++ {
			if want.single {
				same = float32(got[i]) == float32(want.floats[i])
			} else {
				same = got[i] == want.floats[i]
			}
		}
		if !same || p.Distinct != int64(len(want.floats)) {
			t.Errorf("column %s: %d distinct values (%d in the sample), the reference has %d; or they differ", name, p.Distinct, len(got), len(want.floats))
		}
		return
	}
	missing, extra := 0, 0
	got := map[string]bool{}
	for _, s := range p.Sample {
		got[s] = true
		if !want.values[s] {
			extra++
		}
	}
	for s := range want.values {
		if !got[s] {
			missing++
		}
	}
	distinct := int64(len(want.values))
	if want.some {
		distinct, extra = want.distinct, 0
	}
	// Beyond TopCapacity distinct values the count is a HyperLogLog
	// estimate (about 0.8% standard error): within 3%.
	off := p.Distinct != distinct
	if distinct > TopCapacity {
		off = math.Abs(float64(p.Distinct-distinct)) > 0.03*float64(distinct)
	}
	if missing > 0 || extra > 0 || off {
		t.Errorf("column %s: %d distinct values, the reference has %d: %d of the reference's not read, %d read that it does not have",
			name, p.Distinct, distinct, missing, extra)
	}
}

func valueSet(vs ...string) map[string]bool {
	m := map[string]bool{}
	for _, v := range vs {
		m[v] = true
	}
	return m
}

// openCorpusFile opens a file of the corpus until the test ends.
func openCorpusFile(t *testing.T, file string) *os.File {
	f, err := os.Open(filepath.Join(corpusDir, file))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// csvReference reads a CSV of parquet-testing's expected contents: a
// header of column names (each name in the file is the header's with
// suffix), a row per row, an empty field for a null unless the columns are
// required.
func csvReference(t *testing.T, file, suffix string, required bool) *reference {
	f := openCorpusFile(t, file)
	records, err := csv.NewReader(f).ReadAll()
	if err != nil || len(records) < 2 {
		t.Fatalf("%s: %v", file, err)
	}
	ref := newReference()
	for _, row := range records[1:] {
		for i, v := range row {
			c := ref.col(strings.TrimSpace(records[0][i]) + suffix)
			if v == "" && !required {
				c.nulls++
			} else {
				c.values[v] = true
			}
		}
		ref.rows++
	}
	return ref
}

// int96Reference reads the values int96_from_spark.md lists, as
// microseconds since the epoch, of the file's one column "a".
func int96Reference(t *testing.T, file string) *reference {
	f := openCorpusFile(t, file)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if !strings.HasPrefix(sc.Text(), "As microseconds since the epoch") {
			continue
		}
		sc.Scan() // the opening ```
		sc.Scan()
		ref := newReference()
		c := ref.col("a")
		for _, v := range strings.Split(sc.Text(), ",") {
			ref.rows++
			if v = strings.TrimSpace(v); v == "null" {
				c.nulls++
				continue
			}
			us, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			c.values[timestampText(us)] = true
		}
		return ref
	}
	t.Fatalf("%s: no list of microseconds", file)
	return nil
}

// arrowJSON is the part of Arrow's integration-test JSON format
// (arrow/docs/source/format/Integration.rst) that the reference reads.
type arrowJSON struct {
	Schema struct {
		Fields []arrowJSONField `json:"fields"`
	} `json:"schema"`
	Batches []struct {
		Count   int64             `json:"count"`
		Columns []arrowJSONColumn `json:"columns"`
	} `json:"batches"`
}

type arrowJSONField struct {
	Name string `json:"name"`
	Type struct {
		Name      string `json:"name"`
		Unit      string `json:"unit"`
		Precision string `json:"precision"`
		TypeIDs   []int  `json:"typeIds"`
	} `json:"type"`
	Children []arrowJSONField `json:"children"`
}

type arrowJSONColumn struct {
	Name     string            `json:"name"`
	Validity []int             `json:"VALIDITY"`
	Data     []json.RawMessage `json:"DATA"`
	TypeID   []int             `json:"TYPE_ID"`
	Offset   []json.RawMessage `json:"OFFSET"`
	Children []arrowJSONColumn `json:"children"`
}

// arrowJSONReference reads the JSON of an Arrow integration file: every
// top-level column of a primitive, date, time or timestamp type, and of a
// union (its nulls and its number of distinct [type id, value] pairs:
// arrow-go's text of a union value is its own).
func arrowJSONReference(t *testing.T, file string) *reference {
	f := openCorpusFile(t, file)
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var doc arrowJSON
	if err := json.NewDecoder(gz).Decode(&doc); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	ref := newReference()
	unionValues := map[string]map[string]bool{}
	for _, b := range doc.Batches {
		ref.rows += b.Count
		for i, col := range b.Columns {
			field := doc.Schema.Fields[i]
			typ := field.Type
			c := ref.col(col.Name)
			if typ.Name == "union" {
				if unionValues[col.Name] == nil {
					unionValues[col.Name] = map[string]bool{}
				}
				for r := range col.TypeID {
					v, null, err := arrowJSONUnion(field, col, r)
					if err != nil {
						t.Fatalf("%s: column %s: %v", file, col.Name, err)
					}
					if null {
						c.nulls++
					} else {
						unionValues[col.Name][v] = true
					}
				}
				c.some, c.distinct = true, int64(len(unionValues[col.Name]))
				continue
			}
			for j, ok := range col.Validity {
				if ok == 0 {
					c.nulls++
					continue
				}
				v, err := arrowJSONValue(typ.Name, typ.Unit, col.Data[j])
				if err != nil {
					t.Fatalf("%s: column %s: %v", file, col.Name, err)
				}
				if typ.Name == "floatingpoint" {
					f, _ := strconv.ParseFloat(v, 64)
					if !slices.Contains(c.floats, f) {
						c.floats = append(c.floats, f)
					}
					c.single = typ.Precision != "DOUBLE"
					continue
				}
				c.values[v] = true
			}
			slices.Sort(c.floats)
		}
	}
	return ref
}

// arrowJSONUnion is row r of a union column: its type id and value as
// one string, or null when its child's value is null (a union has no
// validity of its own) or its child is of the null type.
func arrowJSONUnion(field arrowJSONField, col arrowJSONColumn, r int) (string, bool, error) {
	tid := col.TypeID[r]
	ci := slices.Index(field.Type.TypeIDs, tid)
	if ci < 0 || ci >= len(col.Children) {
		return "", false, fmt.Errorf("row %d: type id %d has no child", r, tid)
	}
	child, j := col.Children[ci], r
	if len(col.Offset) > 0 { // dense
		n, err := strconv.Atoi(strings.Trim(string(col.Offset[r]), `"`))
		if err != nil {
			return "", false, err
		}
		j = n
	}
	if field.Children[ci].Type.Name == "null" || child.Validity[j] == 0 {
		return "", true, nil
	}
	return fmt.Sprintf("%d %s", tid, child.Data[j]), false, nil
}

// arrowJSONValue is one value of the JSON in the scan's canonical text:
// integers in decimal, booleans as true/false, binary as its text when it
// is valid UTF-8 and else in hexadecimal, dates as YYYY-MM-DD, times of
// day and timestamps (in UTC, whatever the zone) to the microsecond,
// rounded down.
func arrowJSONValue(typ, unit string, raw json.RawMessage) (string, error) {
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		s = string(raw) // a number or a boolean
	}
	switch typ {
	case "bool", "utf8", "largeutf8", "floatingpoint":
		return s, nil
	case "int":
		if _, err := strconv.ParseInt(s, 10, 64); err == nil {
			return s, nil
		}
		_, err := strconv.ParseUint(s, 10, 64)
		return s, err
	case "binary", "largebinary", "fixedsizebinary":
		b, err := hex.DecodeString(s)
		if err != nil {
			return "", err
		}
		if utf8.Valid(b) {
			return string(b), nil
		}
		return hex.EncodeToString(b), nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return "", err
	}
	perUnit := map[string]int64{"SECOND": 1e9, "MILLISECOND": 1e6, "MICROSECOND": 1e3, "NANOSECOND": 1}
	switch typ {
	case "date":
		if unit == "MILLISECOND" {
			n = floorDiv(n, 86_400_000)
		}
		return time.Unix(n*86400, 0).UTC().Format(time.DateOnly), nil
	case "time":
		us := floorDiv(n*perUnit[unit], 1000)
		return fmt.Sprintf("%02d:%02d:%02d.%06d", us/3_600_000_000, us/60_000_000%60, us/1_000_000%60, us%1_000_000), nil
	case "timestamp":
		if unit == "NANOSECOND" {
			return timestampText(floorDiv(n, 1000)), nil
		}
		return timestampText(n * (perUnit[unit] / 1000)), nil
	}
	return "", fmt.Errorf("type %s is not compared", typ)
}

// timestampText is a timestamp in microseconds since the epoch, in the
// scan's canonical text.
func timestampText(us int64) string {
	return time.UnixMicro(us).UTC().Format(time.RFC3339Nano)
}
