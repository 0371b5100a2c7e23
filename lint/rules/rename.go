package rules

import (
	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/diag"
)

// A column renamed in the data but not in the map (hours-per-week for
// hours_per_week) is reported twice: SAG001 for the undeclared column and
// SAG003 for the entry that names no column. Each finding suggests the
// other name, so that the fix is one rename.

// renamedEntry returns the map entry, an exact key that matches no column
// of the dataset, whose key is closest to the undeclared column path
// (diag.Suggest), or nil.
func (p *Pass) renamedEntry(path string) *featuremap.Feature {
	used := make(map[*featuremap.Feature]bool, len(p.Columns))
	for _, c := range p.Columns {
		if c.Feature != nil {
			used[c.Feature] = true
		}
	}
	var keys []string
	byKey := map[string]*featuremap.Feature{}
	p.features(func(f *featuremap.Feature) {
		if !f.Glob && !used[f] {
			keys = append(keys, f.Key)
			byKey[f.Key] = f
		}
	})
	if s := diag.Suggest(path, keys); s != "" {
		return byKey[s]
	}
	return nil
}

// renamedColumn returns the undeclared column whose path is closest to
// the key of a map entry that matches no column, or "".
func (p *Pass) renamedColumn(key string) string {
	var paths []string
	for _, c := range p.Columns {
		if c.Feature == nil {
			paths = append(paths, c.Path)
		}
	}
	return diag.Suggest(key, paths)
}
