package lint

import (
	"context"
	"time"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/lint/scan"
)

// Describe opens datasets (files, or tables in SQL engines) without a map, measures them (unless SchemaOnly)
// and classifies every column: what `saglig profile` prints and `saglig init`
// writes a starter map from. Options.Map and Options.Policy are ignored. A
// file that cannot be read is left out of its dataset and returned among
// the errors, sorted by path, like Run's; the error is for a run that could
// not be done at all.
func Describe(ctx context.Context, paths []string, opt Options) ([]DatasetSummary, []FileError, error) {
	if opt.Profiler == nil {
		opt.Profiler = scan.New()
	}
	if opt.Today.IsZero() {
		opt.Today = time.Now()
	}
	var errs []FileError
	sets, profilers, closeAll := openAll(ctx, paths, opt, &errs)
	defer closeAll()
	empty := &featuremap.Map{}
	out := make([]DatasetSummary, 0, len(sets))
	for i, ds := range sets {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		dsOpt := opt
		dsOpt.Profiler = profilers[i]
		ds, cols, measured, err := measureEach(ctx, dsOpt, empty, ds, &errs)
		if err != nil {
			return nil, nil, err
		}
		if ds == nil {
			continue
		}
		classifyColumns(cols, ds, opt.Today)
		out = append(out, summarise(ds, cols, measured, nil, opt.Lang))
	}
	sortErrors(errs)
	return out, errs, nil
}
