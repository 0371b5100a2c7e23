package scan

import (
	"cmp"
	"container/heap"
	"slices"

	"github.com/saglig/saglig/lint/source/objstore"
)

// Memory planning. The estimates are deliberately rough upper bounds; the
// scan also sets the Go runtime's soft memory limit to the budget (see
// memlimit.go), so garbage never accumulates past it.

const (
	// classEntryBytes is what a (class, subject) pair of the
	// quasi-identifiers' classes takes in its table (key, class, rows, at
	// most 3/4 full) and in Sizes.
	classEntryBytes = 48
	// maxPageEstimate is what a page is assumed to take when its column
	// chunk is larger: Parquet writers cut pages at 256 KiB to 1 MiB.
	maxPageEstimate = 1 << 20
	// windowRowBytes is the per-row, per-column size of the window
	// buffers: a code, a number, an id hash and a time.
	windowRowBytes = 4 + 8 + 8 + 8
	defaultWindow  = 16 << 10
	minWindow      = 1 << 10
)

// pageBytes estimates the memory to read column c of row group rg: the
// compressed and the decoded page, and the dictionary with its caches.
func (fi *fileInfo) pageBytes(rg, c int) int64 {
	md := &fi.pq.Meta.RowGroups[rg].Columns[c].MetaData
	page := min(md.TotalUncompressedSize, maxPageEstimate)
	var dict int64
	if md.DictionaryPageOffset > 0 && md.DataPageOffset > md.DictionaryPageOffset {
		comp := md.DataPageOffset - md.DictionaryPageOffset
		ratio := float64(md.TotalUncompressedSize) / float64(max(1, md.TotalCompressedSize))
		// The decoded dictionary, and per entry a hash, a code, a count,
		// a number and a time.
		dict = int64(float64(comp)*ratio) + 36*int64(float64(comp)*ratio/4)
	}
	if fi.remote {
		// The chunk is fetched ahead and held while its unit runs.
		return 2*page + dict + md.TotalCompressedSize
	}
	return 2*page + dict
}

// budget decides the window size, the column groups, the number of units
// in flight and the subjects sampled, from Request.Memory.
func (p *plan) budget() {
	mem := p.req.Memory
	acc := accBytes(p.req.SampleSize)
	var windowCols, profiled int
	for _, cs := range p.cols {
		if cs.window {
			windowCols++
		}
		if cs.profile {
			profiled++
		}
	}
	// Subjects of the observation period: a sixteenth of the budget for
	// the merged sample.
	p.spanCap = int(min(max(mem/16/64, 1024), 1<<20))
	// Classes of quasi-identifiers: as much again, in smaller entries.
	p.classCap = int(min(max(mem/16/classEntryBytes, 1024), 1<<21))
	pairBytes := int64(len(p.pairs)) * MaxInputLevels * 8 * 8
	p.sampleBudget(p.ds.Rows)
	global := int64(profiled)*acc + pairBytes + int64(p.spanCap)*64 + p.sampleBytes(p.sampleCols)
	if len(p.qis) > 0 {
		global += int64(p.classCap) * classEntryBytes
	}
	// What is left is shared by the units in flight.
	avail := max(mem-global-mem/8, mem/4)

	// The window depends on the budget only, not on the workers: the
	// moments are summed a window at a time, and the answer must not
	// depend on the number of workers.
	p.window = defaultWindow
	for p.window > minWindow && int64(p.window)*windowRowBytes*int64(windowCols)*4 > avail/4 {
		p.window /= 2
	}

	// Column groups for Parquet: enough units to keep every worker busy,
	// small enough units to fit. A column's cost is its accumulator, its
	// largest page and dictionary, and its window buffers.
	var parts int
	cost := make([]int64, len(p.cols))
	for _, fi := range p.files {
		if fi.pq == nil {
			continue
		}
		parts += len(fi.pq.Meta.RowGroups)
		for rg := range fi.pq.Meta.RowGroups {
			for c, src := range fi.cols {
				if src.kind == srcParquet {
					cost[c] = max(cost[c], fi.pageBytes(rg, src.leaf))
				}
			}
		}
	}
	var movable int
	var spread, shared int64
	for _, cs := range p.cols {
		c := cost[cs.idx] + acc + int64(p.window)*windowRowBytes
		switch {
		case cs.protected || cs.id || cs.ts || cs.qi:
			shared += c
		case (cs.input && cs.window) || cs.profile:
			movable++
			spread += c
		}
	}
	g := 1
	if parts > 0 && movable > 1 {
		perUnit := max(avail/int64(p.req.Workers)-shared, avail/int64(4*p.req.Workers), 1)
		g = max(ceilDiv(2*p.req.Workers, parts), int(min(int64(movable), ceilDiv64(spread, perUnit))))
		g = min(g, movable)
	}
	p.assignGroups(g)
	p.sampleOwners()
	unit := p.unitBytes(acc)
	p.inflight = int(min(max(1, avail/max(1, unit)), int64(p.req.Workers)+2))
	p.workers = min(p.req.Workers, p.inflight)
	p.need = global + int64(p.inflight)*unit
	// What a unit of a file in a store may fetch ahead: its share of the
	// budget (its column chunks, counted in unit above), at least one
	// request's worth.
	p.prefetch = max(avail/int64(p.inflight), objstore.MaxPiece)
	// Progress counts the bytes of the column chunks each unit reads, and
	// whole Arrow files.
	for _, fi := range p.files {
		switch {
		case fi.pq != nil:
			for rg := range fi.pq.Meta.RowGroups {
				for _, grp := range p.groups {
					for _, c := range grp {
						if src := fi.cols[c]; src.kind == srcParquet {
							p.totalBytes += fi.pq.Meta.RowGroups[rg].Columns[src.leaf].MetaData.TotalCompressedSize
						}
					}
				}
			}
		default:
			p.totalBytes += fi.size
		}
	}
}

// assignGroups splits the columns into g groups: profile-only columns and
// inputs are spread by cost (largest first onto the lightest group); the
// protected columns join every group with an input; the id, timestamp and
// quasi-identifiers go to group 0. A column is profiled by the first group
// holding it.
func (p *plan) assignGroups(g int) {
	groups := make([][]int, g)
	loads := &groupLoads{load: make([]int64, g)}
	var movable []*colSpec
	hasInput := make([]bool, g)
	for _, cs := range p.cols {
		switch {
		case cs.id || cs.ts || cs.qi:
			groups[0] = append(groups[0], cs.idx)
			loads.load[0] += cs.cost
			// A quasi-identifier may be an input: its pairs are read in
			// group 0.
			hasInput[0] = hasInput[0] || (cs.input && cs.window)
		case (cs.input && cs.window) || (cs.profile && !cs.protected):
			movable = append(movable, cs)
		}
	}
	slices.SortStableFunc(movable, func(a, b *colSpec) int { return cmp.Compare(b.cost, a.cost) })
	for i := range g {
		loads.idx = append(loads.idx, i)
	}
	heap.Init(loads)
	for _, cs := range movable {
		i := loads.idx[0]
		groups[i] = append(groups[i], cs.idx)
		loads.load[i] += max(cs.cost, 1)
		heap.Fix(loads, 0)
		if cs.input && cs.window {
			hasInput[i] = true
		}
	}
	var prots []int
	for _, cs := range p.cols {
		if cs.protected {
			prots = append(prots, cs.idx)
		}
	}
	for i := range groups {
		for _, c := range prots {
			if hasInput[i] || (i == 0 && p.cols[c].profile) {
				groups[i] = append(groups[i], c)
			}
		}
		slices.Sort(groups[i])
		groups[i] = slices.Compact(groups[i])
	}
	// Drop empty groups.
	groups = slices.DeleteFunc(groups, func(g []int) bool { return len(g) == 0 })
	if len(groups) == 0 {
		groups = [][]int{nil}
	}
	p.owner = make([]int, len(p.cols))
	for i := range p.owner {
		p.owner[i] = -1
	}
	for gi, grp := range groups {
		for _, c := range grp {
			if p.owner[c] < 0 {
				p.owner[c] = gi
			} else {
				p.cols[c].shared = true
			}
		}
	}
	p.groups = groups
}

// groupLoads is a min-heap of groups by load, ties by index.
type groupLoads struct {
	load []int64
	idx  []int
}

func (h *groupLoads) Len() int { return len(h.idx) }
func (h *groupLoads) Less(i, j int) bool {
	a, b := h.idx[i], h.idx[j]
	if h.load[a] != h.load[b] {
		return h.load[a] < h.load[b]
	}
	return a < b
}
func (h *groupLoads) Swap(i, j int) { h.idx[i], h.idx[j] = h.idx[j], h.idx[i] }
func (h *groupLoads) Push(x any)    { h.idx = append(h.idx, x.(int)) }
func (h *groupLoads) Pop() any {
	x := h.idx[len(h.idx)-1]
	h.idx = h.idx[:len(h.idx)-1]
	return x
}

func ceilDiv(a, b int) int { return (a + b - 1) / max(b, 1) }

func ceilDiv64(a, b int64) int64 { return (a + b - 1) / max(b, 1) }

// unitBytes estimates the memory of the largest unit: its accumulators,
// pages, window buffers, tables and subjects.
func (p *plan) unitBytes(acc int64) int64 {
	var worst int64
	for _, fi := range p.files {
		switch {
		case fi.pq != nil:
			for rg, md := range fi.pq.Meta.RowGroups {
				for gi, grp := range p.groups {
					u := int64(p.window) * windowRowBytes
					for _, c := range grp {
						u += acc
						if src := fi.cols[c]; src.kind == srcParquet {
							u += fi.pageBytes(rg, src.leaf)
						}
						if p.cols[c].window {
							u += int64(p.window) * windowRowBytes
						}
					}
					u += int64(len(p.pairs)) * min(md.NumRows, MaxInputLevels) * 8 * 8
					u += p.sampleBytes(len(grp))
					if p.ts >= 0 && slices.Contains(grp, p.ts) {
						u += min(md.NumRows, int64(p.spanCap)) * 64
					}
					if len(p.qis) > 0 && gi == 0 {
						u += min(md.NumRows, int64(p.classCap)) * classEntryBytes
					}
					worst = max(worst, u)
				}
			}
		default:
			// A whole record batch is in memory, decoded.
			batch := 2 * fi.size / int64(max(1, fi.batches))
			u := batch + int64(len(p.cols))*acc + int64(len(p.pairs))*MaxInputLevels*8*8 + p.sampleBytes(p.sampleCols)
			if len(p.qis) > 0 {
				// A row takes at least 8 bytes of the batch.
				u += min(batch/8, int64(p.classCap)) * classEntryBytes
			}
			worst = max(worst, u)
		}
	}
	return worst
}
