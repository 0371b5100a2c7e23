package testfiles

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"path/filepath"
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/parquet-go/parquet-go"
)

// Stage is where a corrupt file's problem shows.
type Stage int

const (
	// Open: lint/dataset refuses the file when it opens it.
	Open Stage = iota
	// Scan: the file opens (its footer and schema are sound) and only the
	// data scan can see the problem, in a page or a record batch.
	Scan
)

func (s Stage) String() string {
	if s == Open {
		return "open"
	}
	return "scan"
}

// Case is one file of the corrupt-file suite.
type Case struct {
	Name  string
	Path  string
	Stage Stage
	// Want is a part of the error message, or "" when the message is not
	// pinned (a flipped byte can break a file in many ways).
	Want string
	// MayRead is true when the damage may leave a valid file — a flipped
	// byte in a statistic, a stream cut between two messages — which must
	// then be read without error.
	MayRead bool
	// PageCheck is true for a Parquet file whose pages lint/dataset's
	// page check (Limits.CheckParquetPages) refuses before any decoder
	// reads them.
	PageCheck bool
}

// BombSize is what the compression bombs of the suite decompress to: more
// than the default page size limit.
const BombSize = 300 << 20

// CorruptRows is the number of rows of the suite's base files.
const CorruptRows = 90

// corruptRow is a row of the suite's base Parquet files: three row groups
// of 30 rows, a dictionary-encoded string column and an optional one.
type corruptRow struct {
	ID    int64    `parquet:"id"`
	Name  string   `parquet:"name,dict"`
	Score *float64 `parquet:"score,optional"`
}

func baseParquet(codec parquet.WriterOption) ([]byte, error) {
	rows := make([]corruptRow, CorruptRows)
	for i := range rows {
		rows[i] = corruptRow{ID: int64(i), Name: str(i), Score: ptr(i, float64(i)/3)}
	}
	var buf bytes.Buffer
	w := parquet.NewGenericWriter[corruptRow](&buf, codec, parquet.MaxRowsPerRowGroup(30))
	if _, err := w.Write(rows); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// baseArrow is the Arrow IPC stream (stream) or file the Arrow cases
// corrupt: three batches of basicArrowCell's record.
func baseArrow(stream bool, opts ...ipc.Option) ([]byte, error) {
	c := basicArrowCell("base", "")
	rec := c.record()
	defer rec.Release()
	return ipcBytes(stream, c.schema, []arrow.RecordBatch{rec, rec, rec}, opts...)
}

// suite collects cases as it writes their files.
type suite struct {
	dir   string
	cases []Case
	err   error
}

func (s *suite) add(name, ext string, stage Stage, want string, mayRead bool, data []byte, err error) {
	if s.err != nil {
		return
	}
	if err != nil {
		s.err = fmt.Errorf("%s: %w", name, err)
		return
	}
	p := filepath.Join(s.dir, name+ext)
	if err := writeFile(p, data); err != nil {
		s.err = err
		return
	}
	s.cases = append(s.cases, Case{Name: name, Path: p, Stage: stage, Want: want, MayRead: mayRead})
}

// pageCheck marks the last case added as refused by the page check.
func (s *suite) pageCheck(refused bool) {
	if s.err == nil && len(s.cases) > 0 {
		s.cases[len(s.cases)-1].PageCheck = refused
	}
}

// WriteCorrupt writes the corrupt-file suite under dir.
func WriteCorrupt(dir string) ([]Case, error) {
	s := &suite{dir: dir}
	pq, err := baseParquet(parquet.Compression(&parquet.Uncompressed))
	if err != nil {
		return nil, err
	}
	af, err := baseArrow(false)
	if err != nil {
		return nil, err
	}
	as, err := baseArrow(true)
	if err != nil {
		return nil, err
	}
	bases := []struct {
		name, ext string
		data      []byte
	}{{"parquet", ".parquet", pq}, {"arrow-file", ".arrow", af}, {"arrow-stream", ".arrows", as}}

	for _, b := range bases {
		s.add(b.name+"/empty", b.ext, Open, "", false, nil, nil)
		bad := bytes.Clone(b.data)
		bad[0] ^= 0xFF
		s.add(b.name+"/wrong-magic", b.ext, Open, "", false, bad, nil)
		for _, n := range truncations(len(b.data)) {
			may := false
			if b.name == "arrow-stream" {
				may = streamBoundary(b.data, n)
			}
			s.add(b.name+"/truncated-at-"+strconv.Itoa(n), b.ext, Open, "", may, b.data[:n], nil)
		}
	}
	s.parquetFooterCases(pq)
	s.parquetPageCases(pq)
	s.parquetValueCountCase()
	s.parquetCodecCases()
	s.arrowCases(af, as)
	if s.err != nil {
		return nil, s.err
	}
	return s.cases, nil
}

// truncations are the lengths a file of size bytes is cut to: every
// sixteenth of it, and each of its last 16 bytes cut off one by one.
func truncations(size int) []int {
	seen := map[int]bool{}
	var out []int
	add := func(n int) {
		if n > 0 && n < size && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	for k := 1; k < 16; k++ {
		add(size * k / 16)
	}
	for k := 1; k <= 16; k++ {
		add(size - k)
	}
	return out
}

// streamBoundary reports whether an Arrow IPC stream cut to n bytes ends
// between two messages: a valid stream without its end-of-stream marker.
func streamBoundary(data []byte, n int) bool {
	pos := 0
	for pos < len(data) {
		if pos == n {
			return true
		}
		if len(data)-pos < 8 {
			return false
		}
		m := int(int32(binary.LittleEndian.Uint32(data[pos+4:])))
		if m == 0 { // end of stream
			return pos+8 == n
		}
		// The body length is field 3 of the Message table; rather than
		// parse it, find the next continuation marker after the metadata.
		next := bytes.Index(data[pos+8+m:], []byte{0xFF, 0xFF, 0xFF, 0xFF})
		if next < 0 {
			return false
		}
		pos += 8 + m + next
	}
	return pos == n
}
