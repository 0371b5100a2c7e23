package pushdown

import (
	"strings"
	"testing"
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
