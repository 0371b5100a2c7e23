package scan

import (
	"errors"
	"runtime"
	"sync/atomic"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/dataset"
)

// plan is everything decided before reading data: the columns and their
// roles (columns.go), the files opened for their metadata (files.go), and
// the memory budget's window, column groups and units in flight
// (budget.go).
type plan struct {
	ds     *dataset.Dataset
	req    Request
	cols   []*colSpec
	byPath map[string]*colSpec
	pairs  []pairSpec
	// id and ts are column indices: ts is −1 without a period, id −1
	// without a period and without quasi-identifiers.
	id, ts int
	// qis are the quasi-identifiers' column indices, in dataset order.
	qis   []int
	files []*fileInfo
	// groups are the column groups of Parquet row groups, column indices.
	groups [][]int
	// owner[c] is the group whose units profile column c.
	owner []int
	// window is the number of rows aligned at a time.
	window int
	// spanCap bounds the subjects sampled for the observation period;
	// classCap the (class, subject) pairs of the quasi-identifiers.
	spanCap, classCap int
	// The joint sample (rowsample.go): sampleCol[c] is column c's place
	// among its sampleCols columns (−1: not sampled), sampleOwner[c] the
	// column group that records it; at most sampleCap rows, starting at
	// level sampleLevel.
	sampleCol, sampleOwner []int
	sampleCols, sampleCap  int
	sampleLevel            uint
	// inflight bounds the units being read or waiting to be merged.
	inflight int
	// need estimates, as an upper bound, the memory the scan holds: the
	// merged state and the units in flight (budget).
	need int64
	// prefetch bounds what a unit of a file in a store fetches ahead.
	prefetch   int64
	workers    int
	totalBytes int64
	notes      []i18n.Msg
	// failed is set when a file fails; nothing is merged after.
	failed atomic.Bool
	// beforeUnit, when set (by a test), runs at the start of every unit,
	// inside its panic recovery.
	beforeUnit func(*unit)
	// clock measures the files' deadlines.
	clock clock
}

// normalise fills a request's defaults.
func normalise(req Request) Request {
	if req.SampleSize <= 0 {
		req.SampleSize = DefaultSampleSize
	}
	if req.Memory <= 0 {
		req.Memory = DefaultMemory
	}
	if req.Workers <= 0 {
		req.Workers = runtime.GOMAXPROCS(0)
	}
	return req
}

// newPlan resolves the request against the dataset and reads every file's
// metadata, for the scanner n.
func newPlan(ds *dataset.Dataset, req Request, n native) (*plan, error) {
	p := &plan{ds: ds, req: normalise(req), byPath: map[string]*colSpec{}, id: -1, ts: -1,
		beforeUnit: n.beforeUnit, clock: n.clock}
	if p.clock == nil {
		p.clock = wallClock{}
	}
	inputs, prots, err := p.resolve()
	if err != nil {
		return nil, err
	}
	// Every file is opened, so that all that cannot be are reported at once.
	var failed FileErrors
	for i, f := range ds.Files {
		fi, err := p.openFile(i, f)
		if err != nil {
			var de *dataset.Error
			if errors.As(err, &de) && de.Path == f.Path {
				failed = append(failed, de)
				continue
			}
			return nil, err
		}
		p.files = append(p.files, fi)
	}
	if len(failed) > 0 {
		return nil, failed
	}
	p.pair(inputs, prots)
	p.budget()
	return p, nil
}

func (p *plan) note(format string, args ...any) {
	p.notes = append(p.notes, i18n.M(format, args...))
}
