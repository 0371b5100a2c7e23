package scan

import (
	"context"
	"io"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/dataset"
	"github.com/saglig/saglig/lint/source/objstore"
)

// parquetUnit reads one row group × column group.
func (u *unit) runParquet(ctx context.Context) error {
	fi := u.file
	f, err := fi.open(fi.path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := &countingReaderAt{r: f, n: u.done}
	md := &fi.pq.Meta.RowGroups[u.part]
	if pf, ok := f.(prefetcher); ok {
		// An object in a store: the unit's column chunks are fetched at
		// once, neighbours merged into one request.
		var ranges []objstore.Range
		for _, cs := range u.cols {
			if src := fi.cols[cs.spec.idx]; src.kind == srcParquet {
				start, end := dataset.ChunkRange(&md.Columns[src.leaf].MetaData)
				ranges = append(ranges, objstore.Range{Off: start, Len: end - start})
			}
		}
		defer pf.Prefetch(ranges, u.prefetch)()
	}
	rows := md.NumRows
	// A column chunk's pages are checked before they are read; the check
	// reads the file directly, so progress counts each byte once.
	open := func(cs *colState) (*pqCol, error) {
		src := fi.cols[cs.spec.idx]
		leaf := src.leaf
		if err := fi.check(ctx, f, u.part, leaf, cs.spec.shared); err != nil {
			return nil, err
		}
		pages, err := fi.lim.NewPageReader(r, fi.size, &md.Columns[leaf])
		if err != nil {
			return nil, err
		}
		return newPqCol(cs, src, pages), nil
	}
	u.rows = rows
	// Columns read on their own: the profile only.
	for _, cs := range u.cols {
		if cs.windowed() || cs.acc == nil {
			continue
		}
		u.colName = cs.spec.path
		src := fi.cols[cs.spec.idx]
		switch src.kind {
		case srcParquet:
			pc, err := open(cs)
			if err != nil {
				return err
			}
			before := cs.acc.rows
			err = pc.profileAll(ctx)
			pc.close()
			if err != nil {
				return err
			}
			if got := cs.acc.rows - before; got != rows {
				return i18n.Errorf("the column chunk holds %d rows; the row group has %d", got, rows)
			}
		default:
			u.constant(cs, src, rows, -1)
		}
	}
	// Row-aligned columns, a window at a time.
	var wcols []*colState
	var readers []*pqCol
	defer func() {
		for _, pc := range readers {
			if pc != nil {
				pc.close()
			}
		}
	}()
	for _, cs := range u.cols {
		if !cs.windowed() {
			continue
		}
		var pc *pqCol
		if src := fi.cols[cs.spec.idx]; src.kind == srcParquet {
			u.colName = cs.spec.path
			if pc, err = open(cs); err != nil {
				return err
			}
		}
		wcols = append(wcols, cs)
		readers = append(readers, pc)
		cs.allocWindow(int(min(int64(u.window), rows)))
	}
	if len(wcols) == 0 {
		return nil
	}
	for done := int64(0); done < rows; {
		if err := ctx.Err(); err != nil {
			return err
		}
		n := int(min(int64(u.window), rows-done))
		for i, cs := range wcols {
			u.colName = cs.spec.path
			pc := readers[i]
			if pc == nil {
				u.constant(cs, fi.cols[cs.spec.idx], int64(n), 0)
				continue
			}
			got, err := pc.fill(n)
			if err != nil {
				return err
			}
			if got != n {
				return i18n.Errorf("the column chunk ends after %d rows; the row group has %d", done+int64(got), rows)
			}
		}
		u.colName = ""
		u.window1(done, n)
		done += int64(n)
	}
	return nil
}

// countingReaderAt counts the bytes read, for progress.
type countingReaderAt struct {
	r io.ReaderAt
	n *progressCounter
}

func (c *countingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(p, off)
	c.n.add(int64(n))
	return n, err
}
