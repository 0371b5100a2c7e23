package scan

import (
	"math"
	"path/filepath"
	"testing"
)

func TestNumberText(t *testing.T) {
	plain := valueType{cls: clsFloat}
	date := valueType{cls: clsInt, disp: dispDate}
	for _, tt := range []struct {
		vt   valueType
		x    float64
		want string
	}{
		{plain, 2.60133, "2.6"},
		{plain, -2.04872, "-2.05"},
		{plain, 56.5, "56.5"},
		{plain, 12345.678, "12300"},
		{plain, 0.000123456, "0.000123"},
		{plain, 0, "0"},
		{plain, math.Inf(1), ""},
		{date, 19000.4, "2022-01-08"},
	} {
		if got := numberText(tt.vt, tt.x); got != tt.want {
			t.Errorf("numberText(%v, %g) = %q, want %q", tt.vt, tt.x, got, tt.want)
		}
	}
}

func TestLevelNumber(t *testing.T) {
	ints := newLevelSpec(valueType{cls: clsInt}, 8)
	minus7 := int64(-7)
	if got := levelNumber(ints, uint64(minus7), transform{}); got != -7 {
		t.Errorf("exact int: %g", got)
	}
	floats := newLevelSpec(valueType{cls: clsFloat}, 8)
	if got := levelNumber(floats, math.Float64bits(2.5), transform{}); got != 2.5 {
		t.Errorf("exact float: %g", got)
	}
	// A folded value falls in its bin: the centre is within a bin's width.
	for _, x := range []float64{1234.5, -0.25, 7e9} {
		for _, level := range []uint{0, 3} {
			tr := transform{folded: true, level: level}
			c := levelNumber(floats, binKey(x, level), tr)
			width := math.Exp(binGammaLn * math.Ldexp(1, int(level)))
			if r := c / x; r < 1/width || r > width {
				t.Errorf("bin centre of %g at level %d: %g", x, level, c)
			}
		}
	}
	if levelNumber(floats, binKey(0, 2), transform{folded: true, level: 2}) != 0 {
		t.Error("zero bin")
	}
}

// TestEvidence checks the value tables, the binned mutual information and
// the joint proxies of the citizens' data, where postcode tracks origin.
func TestEvidence(t *testing.T) {
	ds := writeCitizens(t, filepath.Join(t.TempDir(), "c"), 7, 20_000, 1, 5_000)
	res := profile(t, ds, citizenRequest())

	post := association(t, res, "postnr", "herkomst")
	if post.Table == nil || post.Binned != nil {
		t.Fatalf("postnr × herkomst: table %v, binned %v; want a table of codes and no bins", post.Table, post.Binned)
	}
	var sum int64
	for i, row := range post.Table.Counts {
		var rs int64
		for _, x := range row {
			rs += x
		}
		if rs != post.Table.Inputs[i].Count {
			t.Errorf("level %d count %d, row sum %d", i, post.Table.Inputs[i].Count, rs)
		}
		sum += rs
		if l := post.Table.Inputs[i]; l.Kind != LevelValue || len(l.Value) != 4 {
			t.Errorf("postcode level %+v, want a named four-digit value", l)
		}
	}
	if sum != post.N || len(post.Table.Groups) != 3 {
		t.Errorf("table total %d, want n %d; %d groups", sum, post.N, len(post.Table.Groups))
	}
	for _, g := range post.Table.Groups {
		if g.Kind != LevelValue || (g.Value != "dansk" && g.Value != "vestlig" && g.Value != "ikke-vestlig") {
			t.Errorf("group %+v", g)
		}
	}

	// A numeric input: ten equal-frequency bins named by ranges, and the
	// mutual information over bins.
	age := association(t, res, "alder", "koen")
	if age.Binned == nil || age.Binned.InputBins < 10 || age.Binned.ProtectedBins != 2 {
		t.Fatalf("alder × koen binned: %+v", age.Binned)
	}
	if n := len(age.Table.Inputs); n < 8 || n > ValueBins {
		t.Errorf("alder has %d value bins, want about %d", n, ValueBins)
	}
	first, last := age.Table.Inputs[0], age.Table.Inputs[len(age.Table.Inputs)-1]
	if first.Kind != LevelRange || first.From != "" || first.To == "" || last.To != "" {
		t.Errorf("first bin %+v, last %+v: want open ends", first, last)
	}
	// Independent by construction: no informational correlation to speak
	// of (subjects repeat over rows, so the sampling noise is that of the
	// 5,000 subjects, not of the 20,000 rows).
	if age.Binned.Correlation > 0.1 {
		t.Errorf("alder × koen: %+v (%s)", age.Binned, age.Measure)
	}

	// A numeric protected column's groups are quartiles; here none is, so
	// check a text input against a boolean: its groups are the values.
	if h := association(t, res, "branche", "handicap"); len(h.Table.Groups) != 2 || h.Binned != nil {
		t.Errorf("branche × handicap: %d groups, binned %v", len(h.Table.Groups), h.Binned)
	}

	if len(res.Joint) != 3 {
		t.Fatalf("%d joint proxies, want one per protected column", len(res.Joint))
	}
	for _, jp := range res.Joint {
		if len(jp.Inputs) != len(citizenRequest().Inputs) || jp.Rows == 0 || jp.SampledShare <= 0 || jp.SampledShare > 1 {
			t.Errorf("%s: %d inputs, %d rows, share %g", jp.Protected, len(jp.Inputs), jp.Rows, jp.SampledShare)
		}
		if jp.Protected != "herkomst" {
			continue
		}
		// Postcode gives origin away: every origin is predicted well, and
		// postnr contributes most.
		for _, c := range jp.Classes {
			if c.AUC < 0.9 || c.Lo > c.AUC || c.Hi < c.AUC || len(c.Contributors) == 0 || c.Contributors[0].Input != "postnr" {
				t.Errorf("herkomst class %+v: want AUC ≥ 0.9 through postnr", c)
			}
			if c.Group.Kind != LevelValue || c.Group.Value == "" {
				t.Errorf("class group %+v", c.Group)
			}
		}
	}
}

// TestRowSample checks the joint sample's level rule: the rows kept are
// exactly those whose hash is below the final threshold, whatever the
// order they came in and however they were split.
func TestRowSample(t *testing.T) {
	const cap = 100
	all := newRowSample(1, cap, 0)
	parts := []*rowSample{newRowSample(1, cap, 0), newRowSample(1, cap, 0), newRowSample(1, cap, 0)}
	for i := range 5000 {
		h := rowHash(0, 0, int64(i))
		if accepts(h, all.level) {
			r := all.row(h)
			all.put(r, 0, sampleCell{key: uint64(i), set: true})
			all.shrink()
		}
		p := parts[i%3]
		if accepts(h, p.level) {
			r := p.row(h)
			p.put(r, 0, sampleCell{key: uint64(i), set: true})
			p.shrink()
		}
	}
	merged := newRowSample(1, cap, 0)
	for _, p := range []*rowSample{parts[2], parts[0], parts[1]} {
		merged.merge(p, []int{0})
	}
	if merged.level != all.level || len(merged.hashes) != len(all.hashes) {
		t.Fatalf("merged: level %d, %d rows; one pass: level %d, %d rows", merged.level, len(merged.hashes), all.level, len(all.hashes))
	}
	if len(all.hashes) > cap || len(all.hashes) < cap/4 {
		t.Errorf("%d rows kept of a cap of %d", len(all.hashes), cap)
	}
	for _, h := range all.hashes {
		r, ok := merged.idx.Get(h)
		if !ok {
			t.Fatalf("row %x missing from the merged sample", h)
		}
		mc, _ := merged.cell(int(r), 0)
		ac, _ := all.cell(all.rowOf(h), 0)
		if mc.key != ac.key {
			t.Errorf("row %x has another value", h)
		}
	}
}

func (s *rowSample) rowOf(h uint64) int {
	r, _ := s.idx.Get(h)
	return int(r)
}
