package featuremap

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"github.com/saglig/saglig/internal/i18n"
)

// FuzzParse checks that Parse never panics and always returns either a
// consistent map or a *LoadError with positioned, sorted problems. Seeds are
// in testdata/fuzz/FuzzParse and testdata/valid.
func FuzzParse(f *testing.F) {
	valid, _ := filepath.Glob(filepath.Join("testdata", "valid", "*.yaml"))
	for _, path := range valid {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Parse("f.yaml", data)
		if err != nil {
			checkLoadError(t, m, err)
			return
		}
		checkMap(t, m)
	})
}

func checkLoadError(t *testing.T, m *Map, err error) {
	t.Helper()
	var le *LoadError
	if !errors.As(err, &le) {
		t.Fatalf("error %T is not a *LoadError", err)
	}
	if m != nil {
		t.Fatal("a map and an error")
	}
	if le.File != "f.yaml" || len(le.Problems) == 0 || err.Error() == "" {
		t.Fatalf("bad LoadError %#v", le)
	}
	if !sort.SliceIsSorted(le.Problems, func(i, j int) bool {
		a, b := le.Problems[i].Pos, le.Problems[j].Pos
		return a.Line < b.Line || (a.Line == b.Line && a.Col < b.Col)
	}) {
		t.Fatalf("problems not sorted: %v", le.Problems)
	}
	for _, p := range le.Problems {
		if p.Pos.File != "f.yaml" || p.Msg.IsZero() || p.Pos.Line < 0 || p.Pos.Col < 0 {
			t.Fatalf("bad problem %#v", p)
		}
	}
}

func checkMap(t *testing.T, m *Map) {
	t.Helper()
	if m == nil || m.Version != 1 || m.File != "f.yaml" || !m.Fields["version"].IsValid() {
		t.Fatalf("bad map %#v", m)
	}
	for _, c := range m.Purpose.AllowedContexts {
		if !ValidContext(c) {
			t.Fatalf("allowed context %q not in the vocabulary", c)
		}
	}
	if c := m.Purpose.Context; !Missing(c) && !ValidContext(c) {
		t.Fatalf("purpose context %q not in the vocabulary", c)
	}
	for _, f := range m.Features {
		if f.Key == "" || f.Glob != IsGlob(f.Key) || !f.Pos.IsValid() {
			t.Fatalf("bad feature %#v", f)
		}
		if f.Role != "" && !ValidRole(string(f.Role)) {
			t.Fatalf("feature %q has role %q", f.Key, f.Role)
		}
		if f.Category != "" && !ValidCategory(f.Category) {
			t.Fatalf("feature %q has category %q", f.Key, f.Category)
		}
		for _, w := range f.Waivers {
			if !w.Pos.IsValid() {
				t.Fatalf("waiver without position in %q", f.Key)
			}
		}
		for k, p := range f.Fields {
			if !p.IsValid() {
				t.Fatalf("field %q of %q has no position", k, f.Key)
			}
		}
	}
	// Every free text is in a language saglig writes in, or in none the
	// map says; each is written somewhere.
	for _, tf := range m.Texts() {
		for _, v := range tf.Text.Variants() {
			if (v.Lang != "" && !slices.Contains(i18n.Langs(), v.Lang)) || !v.Pos.IsValid() {
				t.Fatalf("%s has a text in %q at %v", tf.Key, v.Lang, v.Pos)
			}
		}
		if tf.Text.IsPlain() && len(tf.Text.Variants()) != 1 {
			t.Fatalf("%s is a plain string of %d texts", tf.Key, len(tf.Text.Variants()))
		}
	}
}
