package pushdown

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// tablesOutputs are pass 2's output names for plan p.
func tablesOutputs(p *plan) []string {
	names := []string{"sid", "n", "rn", "nd", "sh"}
	for _, c := range p.cols {
		if c.paired {
			_, ks := p.keys(c)
			names = append(names, aliasOf("g", c, ""), aliasOf("ls", c, ""), aliasOf("lq", c, ""))
			names = append(names, ks...)
		}
		if c.sampled() {
			names = append(names, aliasOf("s", c, ""))
		}
	}
	if p.joint != nil {
		names = append(names, "jp")
	}
	return names
}

// cellRows are n rows of the first pair's table, each a cell of its own.
func cellRows(p *plan, names []string, n int) [][]any {
	at := map[string]int{}
	for i, name := range names {
		at[name] = i
	}
	in, prot := p.pairs[0][0], p.pairs[0][1]
	var rows [][]any
	for i := range n {
		row := make([]any, len(names))
		row[at["sid"]], row[at["n"]] = int64(0), int64(3)
		for _, c := range p.cols {
			if c.paired {
				row[at[aliasOf("g", c, "")]] = int64(1)
			}
		}
		for k, c := range []*column{in, prot} {
			row[at[aliasOf("g", c, "")]] = int64(0)
			_, ks := p.keys(c)
			for _, key := range ks {
				row[at[key]] = int64(i*2 + k)
			}
		}
		rows = append(rows, row)
	}
	return rows
}

// TestTablesReaderMemory: pass 2's rows are read as they come into cells
// and keys, and a result that needs more than half of --memory is refused
// with the flag to raise, not held.
func TestTablesReaderMemory(t *testing.T) {
	d := dialectOf(Postgres)
	p, err := newPlan(d, features{}, TableRef{Name: "t"}, goldenColumns(d), goldenRequest)
	if err != nil {
		t.Fatal(err)
	}
	p.plan2(goldenFigures)
	names := tablesOutputs(p)
	rows := cellRows(p, names, 2000)
	read := func(memory int64) (*pass2, error) {
		r := p.newTablesReader(memory)
		if err := r.Start(names); err != nil {
			return nil, err
		}
		for _, row := range rows {
			if err := r.Row(row); err != nil {
				return nil, err
			}
		}
		return r.result(), nil
	}
	two, err := read(0)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(two.cells[0]); got != 2000 {
		t.Errorf("%d cells, want 2000", got)
	}
	in, prot := p.pairs[0][0], p.pairs[0][1]
	if len(two.keys[in.idx]) != 2000 || len(two.keys[prot.idx]) != 2000 {
		t.Errorf("%d and %d keys, want 2000 each", len(two.keys[in.idx]), len(two.keys[prot.idx]))
	}
	// 2000 cells and 4000 keys take about 540 KiB by the reader's count.
	_, err = read(512 << 10)
	if err == nil || !strings.Contains(err.Error(), "raise --memory") || !strings.Contains(err.Error(), "256 KiB") {
		t.Errorf("with --memory 512KiB: %v, want a refusal naming the 256 KiB it may keep", err)
	}
	if _, err := read(4 << 20); err != nil {
		t.Errorf("with --memory 4MiB: %v", err)
	}
}

// streamConn hands n rows of one column to the sink, as a driver that
// drains a result on close would — past a sink's error — until the
// context ends; it records how many it handed.
type streamConn struct{ n, handed int }

func (c *streamConn) Query(ctx context.Context, _ string, sink Sink) error {
	if err := sink.Start([]string{"x"}); err != nil {
		return err
	}
	var first error
	for i := range c.n {
		if ctx.Err() != nil {
			return fmt.Errorf("driver: %w", ctx.Err())
		}
		c.handed++
		if err := sink.Row([]any{int64(i)}); err != nil && first == nil {
			first = err
		}
	}
	return first
}

func (c *streamConn) Close() error { return nil }

// refuseAfter is a reader that refuses its k-th row.
type refuseAfter struct{ k, seen int }

func (r *refuseAfter) Start([]string) error { return nil }
func (r *refuseAfter) Row([]any) error {
	if r.seen++; r.seen >= r.k {
		return errors.New(`column "x": too much`)
	}
	return nil
}

// TestRunReaderError: a reader's error ends the statement (its context is
// cancelled, the rest is not read) and is returned as the reader said it,
// not masked as an engine's message would be.
func TestRunReaderError(t *testing.T) {
	c := &streamConn{n: 1000}
	s := &Source{Target: &Target{Display: "t", Timeout: time.Minute}, conn: c}
	err := s.run(context.Background(), "SELECT x", &refuseAfter{k: 3})
	if err == nil || err.Error() != `column "x": too much` {
		t.Fatalf("err %v, want the reader's own", err)
	}
	if c.handed != 3 {
		t.Errorf("%d rows handed, want 3 (the statement cancelled at the refusal)", c.handed)
	}
	all := &Rows{}
	if err := s.run(context.Background(), "SELECT x", all); err != nil || len(all.Values) != 1000 {
		t.Errorf("a whole result: %d rows, %v", len(all.Values), err)
	}
}
