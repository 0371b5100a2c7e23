package scan

import (
	"context"
	"errors"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/apache/arrow-go/v18/arrow/ipc"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/dataset"
)

// native is the file scanner.
type native struct {
	// beforeUnit, when set (by a test), runs at the start of every unit,
	// inside its panic recovery.
	beforeUnit func(*unit)
	// clock, when set (by a test), measures the files' deadlines instead
	// of the wall clock.
	clock clock
}

// progressCounter counts bytes read.
type progressCounter struct{ n atomic.Int64 }

func (p *progressCounter) add(n int64) {
	if p != nil {
		p.n.Add(n)
	}
}

// Profile scans ds.
func (n native) Profile(ctx context.Context, ds *dataset.Dataset, req Request) (*Result, error) {
	if ds == nil {
		return nil, i18n.Errorf("scan: no dataset")
	}
	p, err := newPlan(ds, req, n)
	if err != nil {
		return nil, err
	}
	defer limitMemory(p.req.Memory, p.need)()
	g := newGlobal(p)
	if err := p.run(ctx, g); err != nil {
		return nil, err
	}
	return g.result(), nil
}

// run reads every unit with the plan's workers and merges the results into
// g in unit order. A file that fails does not stop the others from being
// read, so that every file that fails is known at the end (FileErrors);
// nothing is merged once one has failed.
func (p *plan) run(parent context.Context, g *global) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	done := &progressCounter{}
	stopProgress := p.reportProgress(done)
	defer stopProgress()

	work := make(chan *unit)
	finished := make(chan *unit, p.inflight)
	slots := make(chan struct{}, p.inflight)

	// The dispatcher emits units in order, holding a slot for each until
	// it is merged; Arrow streams are read here, batch by batch.
	var dispatchErr error
	go func() {
		defer close(work)
		dispatchErr = p.dispatch(ctx, work, slots, done)
	}()
	var wg sync.WaitGroup
	for range p.workers {
		wg.Go(func() {
			for u := range work {
				switch {
				case ctx.Err() != nil:
					u.err = ctx.Err()
				case u.file.failedBefore(u.seq):
					u.err = errSkipped
				default:
					u.err = u.process(ctx)
					var de *dataset.Error
					if errors.As(u.err, &de) {
						u.file.fail(p, u.seq, de)
					}
				}
				if u.batch != nil {
					u.batch.Release()
					u.batch = nil
				}
				finished <- u
			}
		})
	}
	go func() {
		wg.Wait()
		close(finished)
	}()

	// Merge in seq order, until a file fails.
	pending := map[int]*unit{}
	next := 0
	for u := range finished {
		pending[u.seq] = u
		for {
			v, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			if v.err == nil && !p.failed.Load() && ctx.Err() == nil {
				g.merge(v)
			}
			next++
			<-slots
		}
	}
	if err := parent.Err(); err != nil {
		return err
	}
	var failed FileErrors
	for _, fi := range p.files {
		if err := fi.fileErr(); err != nil {
			failed = append(failed, err)
		}
	}
	switch {
	case len(failed) > 0:
		return failed
	case dispatchErr != nil:
		return dispatchErr
	}
	return nil
}

// dispatch emits the units in order.
func (p *plan) dispatch(ctx context.Context, work chan<- *unit, slots chan struct{}, done *progressCounter) error {
	seq := 0
	emit := func(u *unit) bool {
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			if u.batch != nil {
				u.batch.Release()
			}
			return false
		}
		work <- u
		return true
	}
	// A unit of a file that already failed is emitted bare, to be
	// skipped: the merge waits for every seq in turn.
	unit := func(fi *fileInfo, part, group int) *unit {
		if fi.failedBefore(seq) {
			return &unit{seq: seq, file: fi, part: part, group: group}
		}
		return p.newUnit(seq, fi, part, group, done)
	}
	for _, fi := range p.files {
		switch {
		case fi.pq != nil:
			for rg := range fi.pq.Meta.RowGroups {
				for gi := range p.groups {
					if !emit(unit(fi, rg, gi)) {
						return ctx.Err()
					}
					seq++
				}
			}
		case fi.format == dataset.ArrowFile:
			for b := range fi.batches {
				if !emit(unit(fi, b, -1)) {
					return ctx.Err()
				}
				seq++
			}
		default:
			n, err := p.dispatchStream(ctx, fi, &seq, emit, done)
			switch {
			case ctx.Err() != nil:
				return ctx.Err()
			case errors.Is(err, context.DeadlineExceeded):
				fi.fail(p, seq, fi.timeout())
			case err != nil:
				fi.fail(p, seq, &dataset.Error{Path: fi.path, Err: i18n.Errorf("message %d: %v", n, err)})
			}
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	return nil
}

// dispatchStream reads an Arrow stream's batches, within the file's
// deadline, and emits each as a unit. It stops at a batch after one that
// failed.
func (p *plan) dispatchStream(ctx context.Context, fi *fileInfo, seq *int, emit func(*unit) bool, done *progressCounter) (n int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = i18n.Errorf("decoder failed: %v", r)
		}
	}()
	fctx, cancel := fi.withDeadline(ctx)
	defer cancel()
	f, err := fi.open(fi.path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	r, err := ipc.NewReader(io.NewSectionReader(&countingReaderAt{r: f, n: done}, 0, fi.size), fi.ipcOptions()...)
	if err != nil {
		return 0, err
	}
	defer r.Release()
	for ; ; n++ {
		if fctx.Err() != nil {
			return n, context.Cause(fctx)
		}
		if fi.failedBefore(*seq) {
			return n, nil
		}
		rec, err := r.Read()
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		rec.Retain()
		u := p.newUnit(*seq, fi, n, -1, done)
		u.batch = rec
		if !emit(u) {
			return n, ctx.Err()
		}
		*seq++
	}
}

// reportProgress calls Progress every 100 ms while bytes are read, and
// once at the end with everything done.
func (p *plan) reportProgress(done *progressCounter) (stop func()) {
	if p.req.Progress == nil {
		return func() {}
	}
	total := max(p.totalBytes, 1)
	var last int64 = -1
	var mu sync.Mutex
	report := func(d int64) {
		mu.Lock()
		defer mu.Unlock()
		d = min(d, total)
		if d > last {
			last = d
			p.req.Progress(d, total)
		}
	}
	quit := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-quit:
				return
			case <-t.C:
				report(done.n.Load())
			}
		}
	})
	return func() {
		close(quit)
		wg.Wait()
		report(total)
	}
}
