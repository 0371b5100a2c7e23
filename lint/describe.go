package lint

import (
	"context"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/lint/dataset"
	"github.com/saglig/saglig/lint/scan"
)

// Describe opens datasets without a map, measures them (unless SchemaOnly)
// and classifies every column: what `saglig profile` prints and `saglig init`
// writes a starter map from. Options.Map and Options.Policy are ignored.
func Describe(ctx context.Context, paths []string, opt Options) ([]DatasetSummary, error) {
	if opt.Profiler == nil {
		opt.Profiler = scan.New()
	}
	sets, err := dataset.OpenAll(paths, opt.Dataset)
	if err != nil {
		return nil, err
	}
	empty := &featuremap.Map{}
	out := make([]DatasetSummary, 0, len(sets))
	for _, ds := range sets {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		cols := bind(empty, ds)
		var measured *scan.Result
		if !opt.SchemaOnly {
			if measured, err = measure(ctx, opt, ds, cols); err != nil {
				return nil, err
			}
		}
		classifyColumns(cols, ds)
		out = append(out, summarise(ds, cols, measured, nil))
	}
	return out, nil
}
