package lint_test

import (
	"context"
	"strings"
	"testing"

	"github.com/saglig/saglig/lint"
	"github.com/saglig/saglig/lint/baseline"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/report"
	"github.com/saglig/saglig/lint/rules"
)

// declare adds to the example map what the law asks and the data cannot
// show: the score's role and its consequences. With it, the careless
// example gives indications on all five conditions.
func declare(t *testing.T, s string) string {
	return replaceOnce(t, s, "  output: score\n", "  output: score\n  decision_role: substantial\n"+
		"  favourable_consequence: The citizen is offered early support (mentor, course or internship).\n"+
		"  unfavourable_consequence: No early offer; the citizen waits for the ordinary follow-up.\n")
}

// reason is a waiver reason that is a record: a sentence.
const reason = "Assessed by the DPO in DPIA 2025-07, section 4; the risk is accepted."

// withWaiver adds a waiver to the example map's entry for column (after
// its category line); on "" it adds it to the purpose.
func withWaiver(t *testing.T, s, column, waiver string) string {
	t.Helper()
	if column == "" {
		return replaceOnce(t, s, "  output: score\n", "  output: score\n  waivers:\n    - "+waiver+"\n")
	}
	i := strings.Index(s, "\n  "+column+":\n")
	if i < 0 {
		t.Fatalf("the example map has no column %s", column)
	}
	j := strings.Index(s[i:], "    category:")
	k := strings.Index(s[i+j:], "\n")
	at := i + j + k + 1
	return s[:at] + "    waivers:\n      - " + waiver + "\n" + s[at:]
}

func runOn(t *testing.T, edit func(string) string, opt lint.Options) *lint.Result {
	t.Helper()
	m, data := editedExample(t, edit)
	opt.Map, opt.Paths, opt.Today = m, []string{data}, today
	res, err := lint.Run(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// state renders how a finding stands: "open", or how it was accepted.
func state(f *finding.Finding) string {
	if f.Accepted == nil {
		return "open"
	}
	return f.Accepted.By
}

func findingsOf(res *lint.Result, rule, column string) []*finding.Finding {
	var out []*finding.Finding
	for i := range res.Findings {
		if f := &res.Findings[i]; f.Rule == rule && f.Column == column {
			out = append(out, f)
		}
	}
	return out
}

// TestAcceptedIsNotErased: one-sentence waivers on SAG101, SAG102 and
// SAG104 accept their findings on the record; the findings stay in the
// result, and the assessment still counts them — sex is still a model
// input — marking them accepted with the reason.
func TestAcceptedIsNotErased(t *testing.T) {
	res := runOn(t, func(s string) string {
		s = declare(t, s)
		s = withWaiver(t, s, "koen", "{rule: SAG102, reason: \""+reason+"\", expires: 2027-06-30}")
		s = withWaiver(t, s, "postnr", "{rule: SAG104, reason: \""+reason+"\"}")
		s = withWaiver(t, s, "bibliotek_forsinkede_afleveringer", "{rule: SAG101, reason: \""+reason+"\"}")
		return s
	}, lint.Options{})
	for _, rc := range [][2]string{{"SAG102", "koen"}, {"SAG104", "postnr"}, {"SAG101", "bibliotek_forsinkede_afleveringer"}} {
		fs := findingsOf(res, rc[0], rc[1])
		if len(fs) == 0 {
			t.Fatalf("%s on %s was erased", rc[0], rc[1])
		}
		for _, f := range fs {
			if state(f) != finding.ByWaiver || f.Accepted.Reason != reason || !f.Waived {
				t.Errorf("%s on %s: %s %+v", rc[0], rc[1], state(f), f.Accepted)
			}
		}
	}
	a := res.Datasets[0].Assessment
	c5 := a.Conditions[4]
	ev := strings.Join(rules.Texts(c5.Evidence), "; ")
	if c5.Status != "indicated" || !strings.Contains(ev, `koen (accepted on the record: waiver "`+reason+`", until 30 June 2027)`) {
		t.Errorf("condition 5: %s: %s", c5.Status, ev)
	}
	if res.Summary.Waived < 3 {
		t.Errorf("summary: %+v", res.Summary)
	}
}

// TestSAG104WaiverNamesItsProtectedColumn: a SAG104 waiver naming one
// protected column accepts the proxy finding against it, not the others.
func TestSAG104WaiverNamesItsProtectedColumn(t *testing.T) {
	res := runOn(t, func(s string) string {
		s = replaceOnce(t, s, "  # Model inputs\n", "  statsborger:\n    role: protected\n    source: CPR\n\n  # Model inputs\n")
		return withWaiver(t, s, "postnr", "{rule: SAG104, protected: herkomst, reason: \""+reason+"\"}")
	}, lint.Options{})
	var herkomst bool
	for _, f := range findingsOf(res, "SAG104", "postnr") {
		switch f.Protected {
		case "herkomst":
			herkomst = true
			if state(f) != finding.ByWaiver {
				t.Errorf("postnr ~ herkomst: %s", state(f))
			}
		default:
			if state(f) != "open" {
				t.Errorf("postnr ~ %s accepted by a waiver naming herkomst", f.Protected)
			}
		}
	}
	if !herkomst {
		t.Fatal("no SAG104 finding on postnr against herkomst")
	}
}

// TestBaselineCannotAcceptLockedRules: --write-baseline then --baseline
// accepts what may be baselined; SAG202 and SAG301 are not recorded, a
// baseline that lists them does not accept them, and the run still fails.
func TestBaselineCannotAcceptLockedRules(t *testing.T) {
	first := runOn(t, func(s string) string { return declare(t, s) }, lint.Options{})
	// A baseline that records every open finding, as an old saglig wrote it.
	all, _ := baseline.New(first.Map, first.Findings, func(string) bool { return true })
	again := runOn(t, func(s string) string { return declare(t, s) }, lint.Options{Baseline: all, BaselinePath: "old.json"})
	if !again.Fails(finding.Error) {
		t.Error("SAG202 and SAG301 were baselined: the run passes")
	}
	if again.NotBaselined["SAG202"] != 1 || again.NotBaselined["SAG301"] != 1 {
		t.Errorf("not baselined: %v", again.NotBaselined)
	}
	for _, f := range again.Findings {
		open := f.Rule == "SAG202" || f.Rule == "SAG301"
		if f.Open() != open {
			t.Errorf("%s %s: open %v", f.Rule, f.Column, f.Open())
		}
	}
	// --write-baseline leaves them out.
	b, refused := baseline.New(first.Map, first.Findings, rules.Baselinable)
	if refused["SAG202"] != 1 || refused["SAG301"] != 1 {
		t.Errorf("refused %v", refused)
	}
	for _, e := range b.Entries {
		if e.Rule == "SAG202" || e.Rule == "SAG301" {
			t.Errorf("recorded %s", e.Rule)
		}
	}
	first.ApplyBaseline(b, "new.json")
	if first.Failing(finding.Error) != 2 || first.Baseline != "new.json" {
		t.Errorf("after --write-baseline: %d failing, baseline %q", first.Failing(finding.Error), first.Baseline)
	}
}

// TestSAG202WaivedOnThePurpose: the legal assessment is recorded as a
// purpose waiver; SAG202 stays in the result, accepted.
func TestSAG202WaivedOnThePurpose(t *testing.T) {
	res := runOn(t, func(s string) string {
		return withWaiver(t, declare(t, s), "", "{rule: SAG202, reason: \"The legal assessment of 2025-09-01 (memo JUR-12) found no prohibited practice.\"}")
	}, lint.Options{})
	fs := findingsOf(res, "SAG202", "")
	if len(fs) != 1 || state(fs[0]) != finding.ByWaiver {
		t.Fatalf("SAG202: %v", fs)
	}
}

// TestUnusedWaiver: a valid waiver that accepts nothing is SAG005; an
// invalid one is SAG004 (not also SAG005); with --schema-only a waiver of
// a measuring rule is not judged.
func TestUnusedWaiver(t *testing.T) {
	edit := func(s string) string {
		s = withWaiver(t, s, "uddannelsesniveau", "{rule: SAG102, reason: \""+reason+"\"}")         // education is relevant: no SAG102
		s = withWaiver(t, s, "erhvervserfaring_aar", "{rule: SAG102, reason: x}")                   // invalid
		return withWaiver(t, s, "antal_ledighedsforloeb", "{rule: SAG104, reason: \""+reason+"\"}") // no proxy on it
	}
	for _, tt := range []struct {
		schemaOnly bool
		want       string
	}{
		{false, "SAG005 antal_ledighedsforloeb; SAG005 uddannelsesniveau"},
		{true, "SAG005 uddannelsesniveau"},
	} {
		res := runOn(t, edit, lint.Options{SchemaOnly: tt.schemaOnly})
		var got []string
		for _, f := range res.Findings {
			if f.Rule == "SAG005" {
				got = append(got, f.Rule+" "+f.Column)
				if f.Pos == nil || f.Severity != finding.Warning {
					t.Errorf("SAG005 %s: %+v", f.Column, f)
				}
			}
		}
		if strings.Join(got, "; ") != tt.want {
			t.Errorf("schema-only %v: %v, want %s", tt.schemaOnly, got, tt.want)
		}
		if len(findingsOf(res, "SAG004", "erhvervserfaring_aar")) != 1 {
			t.Error("the invalid waiver is not SAG004")
		}
	}
}

// TestDisable: --disable and the map's disable: drop a rule's findings and
// record it; --enable turns the map's back on; unknown and locked rules are
// refused.
func TestDisable(t *testing.T) {
	withMap := func(s string) string { return s + "\ndisable: [SAG012]\n" }
	res := runOn(t, withMap, lint.Options{Disable: []string{"sag013"}})
	if len(findingsOf(res, "SAG012", "")) != 0 || len(findingsOf(res, "SAG013", "antal_ledighedsforloeb")) != 0 {
		t.Error("disabled rules still report")
	}
	if got := res.Disabled; len(got) != 2 || got[0] != (lint.Disabled{Rule: "SAG012", By: "map"}) || got[1] != (lint.Disabled{Rule: "SAG013", By: "--disable"}) {
		t.Errorf("disabled = %+v", got)
	}
	res = runOn(t, withMap, lint.Options{Enable: []string{"SAG012"}})
	if len(findingsOf(res, "SAG012", "")) != 1 || len(res.Disabled) != 0 {
		t.Errorf("--enable: %+v", res.Disabled)
	}
	m, data := editedExample(t, func(s string) string { return s })
	for _, tt := range []struct {
		disable []string
		want    string
	}{
		{[]string{"SAG1O4"}, `--disable: unknown rule "SAG1O4" (did you mean SAG104?)`},
		{[]string{"SAG202"}, "--disable: SAG202 cannot be disabled"},
		{[]string{"direct-identifier"}, "--disable: SAG301 cannot be disabled"},
	} {
		_, err := lint.Run(context.Background(), lint.Options{Map: m, Paths: []string{data}, Disable: tt.disable, SchemaOnly: true})
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("--disable %v: %v, want %q", tt.disable, err, tt.want)
		}
	}
	m2, _ := editedExample(t, func(s string) string { return s + "\ndisable: [SAG301]\n" })
	if _, err := lint.Run(context.Background(), lint.Options{Map: m2, Paths: []string{data}, SchemaOnly: true}); err == nil ||
		!strings.Contains(err.Error(), "saglig.yaml:") || !strings.Contains(err.Error(), "disable: SAG301 cannot be disabled") {
		t.Errorf("map disable of SAG301: %v", err)
	}
}

// TestRelevanceAcceptsButDoesNotErase: a relevance that is a sentence
// accepts an out-of-context finding on the record; one word accepts nothing.
func TestRelevanceAcceptsButDoesNotErase(t *testing.T) {
	for _, tt := range []struct {
		relevance, want string
	}{
		{"x", "open"},
		{"Late returns predict missed appointments (study 2024-3).", finding.ByRelevance},
	} {
		res := runOn(t, func(s string) string {
			return replaceOnce(t, s, "    context: leisure\n", "    context: leisure\n    relevance: "+tt.relevance+"\n")
		}, lint.Options{SchemaOnly: true})
		fs := findingsOf(res, "SAG101", "bibliotek_forsinkede_afleveringer")
		if len(fs) != 1 || state(fs[0]) != tt.want {
			t.Errorf("relevance %q: %v", tt.relevance, fs)
		}
	}
}

// TestRelevanceCannotClearAnIrrelevantInput: whatever a relevance says, it
// does not accept an input of a category the policy deems irrelevant to
// the decision (sex in an employment decision): the SAG102 finding stays
// open, fails the run, and counts for condition 5.
func TestRelevanceCannotClearAnIrrelevantInput(t *testing.T) {
	for _, relevance := range []string{
		"Sex predicts re-employment in this municipality (memo 9).",
		"Assessed by the DPO in DPIA 2025-07; the input is relevant and proportionate.",
	} {
		res := runOn(t, func(s string) string {
			return replaceOnce(t, s, "    category: sex\n", "    category: sex\n    relevance: "+relevance+"\n")
		}, lint.Options{SchemaOnly: true})
		fs := findingsOf(res, "SAG102", "koen")
		if len(fs) != 1 || !fs[0].Open() || !res.Fails(finding.Error) {
			t.Fatalf("relevance %q: SAG102 on koen %v", relevance, fs)
		}
		c5 := res.Datasets[0].Assessment.Conditions[4]
		if ev := strings.Join(rules.Texts(c5.Evidence), "; "); !strings.Contains(ev, "irrelevant or undocumented characteristics (SAG102): ") || !strings.Contains(ev, "koen") || strings.Contains(ev, "koen (SAG102)") {
			t.Errorf("relevance %q: condition 5: %s", relevance, ev)
		}
	}
}

// TestAllFiveIndicated: the careless example with what the law asks
// declared — the score's role and its consequences — gives indications on
// all five conditions: SAG202, and every format says "a legal assessment
// is required", never "prohibited social score".
func TestAllFiveIndicated(t *testing.T) {
	res := runOn(t, func(s string) string { return declare(t, s) }, lint.Options{})
	a := res.Datasets[0].Assessment
	if !a.AllIndicated || len(findingsOf(res, "SAG202", "")) != 1 || len(findingsOf(res, "SAG203", "")) != 0 {
		t.Fatalf("assessment %+v", a)
	}
	for _, format := range report.Formats() {
		// Text wraps its lines: compare the words.
		out := strings.Join(strings.Fields(render(t, format, res)), " ")
		if strings.Contains(out, "prohibited social score") || strings.Contains(out, "conditions met") {
			t.Errorf("%s says more than the data show", format)
		}
		if format != "github" && format != "junit" && format != "sarif" && !strings.Contains(out, "indications on 5 of 5 conditions; a legal assessment is required") {
			t.Errorf("%s lacks the headline", format)
		}
	}
}
