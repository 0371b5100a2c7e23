package jc

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/saglig/saglig/examples/jobcenter/citizens"
	"github.com/saglig/saglig/featuremap"
)

func TestDatasetIsDeterministic(t *testing.T) {
	dir := t.TempDir()
	a, b, c := filepath.Join(dir, "a.parquet"), filepath.Join(dir, "b.parquet"), filepath.Join(dir, "c.parquet")
	for _, w := range []struct {
		path string
		seed uint64
	}{{a, 1}, {b, 1}, {c, 2}} {
		if err := WriteDataset(w.path, 20_000, 8_000, w.seed); err != nil {
			t.Fatal(err)
		}
	}
	read := func(p string) []byte {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	if !bytes.Equal(read(a), read(b)) {
		t.Error("the same seed wrote different files")
	}
	if bytes.Equal(read(a), read(c)) {
		t.Error("different seeds wrote the same file")
	}
	rows, err := parquet.ReadFile[row](a)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 20_000 {
		t.Fatalf("%d rows, want 20,000", len(rows))
	}
	f, err := os.Open(a)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	if n := len(pf.RowGroups()); n != 3 {
		t.Errorf("%d row groups, want 3 of at most 8,000 rows", n)
	}
}

// TestPostcodeTracksOrigin checks the proxy the benchmark's associations
// are about: most citizens of non-Western origin live in the estate and
// inner-city postcodes, few of Danish origin do.
func TestPostcodeTracksOrigin(t *testing.T) {
	g := newGenerator(7)
	city := map[int32]bool{}
	for _, z := range []citizens.Zone{citizens.Estates, citizens.InnerCity, citizens.Enclave} {
		for _, p := range z.Postcodes() {
			city[p] = true
		}
	}
	n := map[string]int{}
	inCity := map[string]int{}
	for range 50_000 {
		x := g.next()
		n[x.Herkomst]++
		if city[x.Postnr] {
			inCity[x.Herkomst]++
		}
	}
	tests := []struct {
		origin string
		lo, hi float64
	}{
		{citizens.Danish.String(), 0, 0.1},
		{citizens.NonWesternImmigrant.String(), 0.7, 1},
		{citizens.NonWesternDescendant.String(), 0.75, 1},
	}
	for _, tt := range tests {
		share := float64(inCity[tt.origin]) / float64(n[tt.origin])
		if n[tt.origin] < 1000 || share < tt.lo || share > tt.hi {
			t.Errorf("%s: %d rows, %.2f in estate, inner-city and enclave postcodes, want %.2f–%.2f", tt.origin, n[tt.origin], share, tt.lo, tt.hi)
		}
	}
}

func TestMapDeclaresEveryColumn(t *testing.T) {
	tests := []struct {
		name      string
		withBilag bool
		columns   int
	}{
		{"dataset", false, 30},
		{"schema-only file", true, 31},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cols := ColumnNames(tt.withBilag)
			if len(cols) != tt.columns {
				t.Fatalf("%d columns, want %d", len(cols), tt.columns)
			}
			path := filepath.Join(t.TempDir(), "saglig.yaml")
			if err := WriteMap(path, "x.parquet", tt.withBilag); err != nil {
				t.Fatal(err)
			}
			m, err := featuremap.Load(path)
			if err != nil {
				t.Fatal(err)
			}
			roles := map[featuremap.Role]int{}
			var keys []string
			for _, f := range m.Features {
				roles[f.EffectiveRole()]++
				keys = append(keys, f.Key)
			}
			slices.Sort(keys)
			if !slices.Equal(keys, slices.Sorted(slices.Values(cols))) {
				t.Errorf("map features %v, want the columns %v", keys, cols)
			}
			want := map[featuremap.Role]int{featuremap.RoleID: 1, featuremap.RoleTimestamp: 1, featuremap.RoleTarget: 1,
				featuremap.RoleProtected: len(ProtectedCols), featuremap.RoleInput: len(InputCols(tt.withBilag))}
			for r, n := range want {
				if roles[r] != n {
					t.Errorf("%d features with role %s, want %d", roles[r], r, n)
				}
			}
		})
	}
}
