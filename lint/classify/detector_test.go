package classify

import (
	"strings"
	"testing"

	"github.com/saglig/saglig/featuremap"
)

func TestDetectorRegistry(t *testing.T) {
	all := Detectors()
	if len(all) == 0 {
		t.Fatal("no detectors registered")
	}
	for i, d := range all {
		if i > 0 && all[i-1].Name >= d.Name {
			t.Errorf("detectors not ordered by name: %s before %s", all[i-1].Name, d.Name)
		}
		if d.Mask == nil {
			t.Errorf("detector %s has no Mask: its examples would all be •••", d.Name)
		}
		if strings.TrimSpace(d.Doc) == "" {
			t.Errorf("detector %s has no Doc", d.Name)
		}
	}
}

func TestRegisterRefusesDuplicatesAndIncomplete(t *testing.T) {
	for _, d := range []*Detector{
		{Name: DetectorCPR, Doc: "again", Detect: func(*Input) []Evidence { return nil }},
		{Name: "x-nodoc", Detect: func(*Input) []Evidence { return nil }},
		{Name: "x-nodetect", Doc: "nothing"},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("register(%s) did not panic", d.Name)
				}
			}()
			register(d)
		}()
	}
}

// TestDetectorEvidence runs every detector over the value corpus and checks
// what each returns: contract categories or "other", known identifier kinds,
// shares and strengths in [0, 1], a detail, and Matched as long as the
// sample.
func TestDetectorEvidence(t *testing.T) {
	corpus, err := loadValueCorpus("testdata/values")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range corpus {
		s := newSample(Column{Type: c.typ, Kind: testKind(c.typ), Sample: c.values})
		in := &Input{Kind: s.kind, Type: c.typ, Today: testOpt.Today, Sample: s}
		for _, d := range Detectors() {
			if !d.looksAt(s.kind) {
				continue
			}
			for _, ev := range d.Detect(in) {
				if ev.Category != "other" && (!featuremap.ValidCategory(ev.Category) || ev.Category == "") {
					t.Errorf("%s on %s: category %q", d.Name, c.name, ev.Category)
				}
				if _, ok := identifierKinds[ev.Identifier]; ev.Identifier != "" && !ok {
					t.Errorf("%s on %s: unknown identifier kind %q", d.Name, c.name, ev.Identifier)
				}
				if ev.Share < 0 || ev.Share > 1 || ev.Strength < 0 || ev.Strength > 1 || ev.Detail.IsZero() {
					t.Errorf("%s on %s: bad evidence %+v", d.Name, c.name, ev)
				}
				if ev.Matched != nil && len(ev.Matched) != len(s.Values()) {
					t.Errorf("%s on %s: Matched has %d entries for %d values", d.Name, c.name, len(ev.Matched), len(s.Values()))
				}
			}
		}
	}
}

func TestBirthDatesNeedTheRunsDate(t *testing.T) {
	col := Column{Name: "c5", Type: "date32", Kind: KindDate, Sample: seq(60, func(i int) string { return "19" + pad2(50+i%40) + "-03-15" })}
	if r := Classify(col, testOpt); r.Category != "age" {
		t.Fatalf("with the run's date: %s", r.Explanation)
	}
	if r := Classify(col, Options{}); r.Category != "" {
		t.Errorf("without the run's date no year is a birth year: %s", r.Explanation)
	}
	// Years judged against the run's date, not the clock: in 1980, people
	// born 1950-1989 are not all adults.
	early := Options{Today: testOpt.Today.AddDate(-46, 0, 0)}
	if r := Classify(col, early); r.Category == "age" {
		t.Errorf("in %d: %s", early.Today.Year(), r.Explanation)
	}
}
