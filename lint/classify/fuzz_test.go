package classify

import (
	"reflect"
	"strings"
	"testing"

	"github.com/saglig/saglig/featuremap"
)

// FuzzClassify feeds arbitrary names, kinds (0, unknown, to KindBool) and
// newline-separated samples to Classify. Seeds live in
// testdata/fuzz/FuzzClassify.
func FuzzClassify(f *testing.F) {
	f.Add("koen", uint8(KindText), "mand\nkvinde\nmand\nkvinde\nmand\nkvinde")
	f.Add("c9", uint8(KindInt), "101901234\n201851234\n")
	f.Add("", uint8(0), "")
	f.Fuzz(func(t *testing.T, name string, kind uint8, values string) {
		var sample []string
		if values != "" {
			sample = strings.Split(values, "\n")
		}
		k := Kind(kind % uint8(KindBool+1))
		c := Column{Name: name, Type: k.String(), Kind: k, Sample: sample}
		r := Classify(c, testOpt)
		if r.Category != "" && !featuremap.ValidCategory(r.Category) {
			t.Fatalf("category %q is not a contract category", r.Category)
		}
		if r.Confidence < 0 || r.Confidence > 1 || (r.Category == "" && r.Confidence != 0) {
			t.Fatalf("confidence %v for category %q", r.Confidence, r.Category)
		}
		if _, known := identifierKinds[r.Identifier]; r.Identifier != "" && !known {
			t.Fatalf("identifier %q", r.Identifier)
		}
		if !strings.HasPrefix(r.Explanation.String(), "category ") && !strings.HasPrefix(r.Explanation.String(), "no category") {
			t.Fatalf("explanation %q", r.Explanation)
		}
		for _, v := range r.Values {
			if len(v.Examples) > 3 {
				t.Fatalf("%d examples", len(v.Examples))
			}
			if v.Identifier != "" {
				for _, e := range v.Examples {
					if !strings.Contains(e, dot) {
						t.Fatalf("%s example %q is not masked", v.Detector, e)
					}
				}
			}
		}
		if again := Classify(c, testOpt); !reflect.DeepEqual(again, r) {
			t.Fatalf("not deterministic:\n%+v\n%+v", r, again)
		}
	})
}
