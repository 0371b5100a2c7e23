package rules

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/lint/classify"
	"github.com/saglig/saglig/lint/policy"
	"github.com/saglig/saglig/lint/scan"
)

// TestDocsHoldForEveryScope: a rule's Doc, summary and examples (in
// English and Danish) are shown for every map; what the draft order adds
// is in OrderDoc, shown only in its scope.
func TestDocsHoldForEveryScope(t *testing.T) {
	for _, r := range All() {
		for what, s := range map[string]string{"Doc": r.Doc, "Summary": r.Summary, "Bad": r.Bad, "Good": r.Good,
			"the Danish doc": r.Danish().Doc, "the Danish bad example": r.Danish().Bad, "the Danish good example": r.Danish().Good} {
			if strings.Contains(s, "BEK") || strings.Contains(s, "executive order") || strings.Contains(s, "bekendtgørelse") ||
				strings.Contains(s, "beskæftigelsesindsats") {
				t.Errorf("%s: %s names the order; move it to OrderDoc", r.ID, what)
			}
		}
		for _, c := range r.Legal {
			if c.Instrument == "BEK" && r.OrderDoc == "" {
				t.Errorf("%s cites %s but has no OrderDoc", r.ID, c.Ref)
			}
		}
	}
}

// TestFactsTheRulesState pins facts a lawyer checked.
func TestFactsTheRulesState(t *testing.T) {
	explain := func(id string) string {
		r, err := Lookup(id)
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(strings.Fields(r.Explain()), " ")
	}
	for _, tt := range []struct {
		id, has, hasNot string
	}{
		// A CPR number's last digit still encodes sex; 2007 ended only the modulus-11 check.
		{"SAG301", "even for women, odd for men — still so after 2007", "before 2007, sex"},
		// The order is a draft, proposed in force 1 February 2026.
		{"SAG002", "Udkast til bekendtgørelse", "as enacted"},
		{"SAG002", "foreslået i kraft 1. februar 2026", ""},
		// § 52 a, stk. 2 empowers the minister; the processing rests on the order's § 1.
		{"SAG010", "§ 52 a, stk. 2, in LBK nr. 254 af 1. marts 2024, which empowers the minister", "§ 52 a;"},
		// The library example is outcome (ii), not (i).
		{"SAG101", "a job centre mixing the number of address changes or sex", "library"},
		// Criminal-offence data in Denmark: databeskyttelsesloven § 8.
		{"SAG103", "databeskyttelsesloven § 8", ""},
		// The treatment is unjustified or disproportionate, not the data.
		{"SAG102", "It is the treatment that must be unjustified or disproportionate, not the data", ""},
	} {
		got := explain(tt.id)
		if !strings.Contains(got, tt.has) || tt.hasNot != "" && strings.Contains(got, tt.hasNot) {
			t.Errorf("explain %s: want %q and not %q", tt.id, tt.has, tt.hasNot)
		}
	}
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(string(readme)), " ")
	if strings.Count(flat, "in force 1 February") != strings.Count(flat, "proposed in force 1 February") || !strings.Contains(flat, "*draft*") {
		t.Error("README.md must call the order a draft, proposed in force 1 February 2026")
	}
}

// TestSAG102CitesTheOutcomeItsExampleIsFiledUnder: sex or address changes
// in an employment decision cite the job-centre example under outcome (i);
// late library returns the library example under outcome (ii); another
// irrelevant characteristic the absence of an objective basis under (ii);
// a missing relevance the operators' duty to document it.
func TestSAG102CitesTheOutcomeItsExampleIsFiledUnder(t *testing.T) {
	m := mustMap(t, purposeOK+"features:\n  koen:\n  bibliotek:\n  tro:\n  alder:\n")
	d := ds("koen", "bibliotek", "tro", "alder")
	classes := map[string]classify.Result{
		"koen":      {Category: "sex", Confidence: 1},
		"bibliotek": {Category: "leisure-activity", Confidence: 1},
		"tro":       {Category: "religion", Confidence: 1},
		"alder":     {Category: "age", Confidence: 1},
	}
	fs := runRule(t, "SAG102", &Pass{Map: m, Dataset: d, Columns: bindAll(m, d, classes), Policy: policy.Default()})
	want := map[string]string{
		"koen":      "art. 5(1)(c) cond. 5(i); Vejledning afsnit 7, ad 1 (jobcenter); GDPR art. 5(1)(c)",
		"bibliotek": "art. 5(1)(c) cond. 5(ii); Vejledning afsnit 7, ad 2 (bibliotek); GDPR art. 5(1)(c)",
		"tro":       "art. 5(1)(c) cond. 5(ii); Vejledning afsnit 7, ad 2; GDPR art. 5(1)(c)",
		"alder":     "art. 5(1)(c) cond. 5(ii); Vejledning afsnit 7, ad 2 (dokumentation); GDPR art. 5(1)(c)",
	}
	if len(fs) != len(want) {
		t.Fatalf("findings %v", got(fs))
	}
	for _, f := range fs {
		if g := strings.Join(f.Legal, "; "); g != want[f.Column] {
			t.Errorf("%s cites %q, want %q", f.Column, g, want[f.Column])
		}
		if f.Column == "koen" && !strings.Contains(f.Message, "outcome (i)") {
			t.Errorf("koen: %s", f.Message)
		}
		if f.Column == "bibliotek" && !strings.Contains(f.Message, "outcome (ii)") {
			t.Errorf("bibliotek: %s", f.Message)
		}
	}
}

// TestFindingsCiteOnlyTheirRulesProvisions: whatever a check narrows to, a
// finding never cites a provision its rule does not declare.
func TestFindingsCiteOnlyTheirRulesProvisions(t *testing.T) {
	m := mustMap(t, purposeOK+"features:\n  domme: {category: criminal-record}\n  helbred: {category: health}\n")
	d := ds("domme", "helbred")
	fs := runRule(t, "SAG103", &Pass{Map: m, Dataset: d, Columns: bindAll(m, d, nil)})
	want := map[string]string{
		"domme":   "GDPR art. 10; databeskyttelsesloven § 8, stk. 1", // a municipality: stk. 1
		"helbred": "GDPR art. 9(1)",
	}
	for _, f := range fs {
		if g := strings.Join(f.Legal, "; "); g != want[f.Column] {
			t.Errorf("%s cites %q, want %q", f.Column, g, want[f.Column])
		}
	}
	p := &Pass{Map: m, Rule: registry["SAG103"]}
	p.Report(Report{Message: "x", Cite: []*Citation{registry["SAG301"].Legal[0], registry["SAG103"].Legal[0]}})
	if g := p.Findings()[0].Legal; len(g) != 1 || g[0] != "GDPR art. 9(1)" {
		t.Errorf("a citation of another rule slipped through: %v", g)
	}
}

// TestExplainQuotesEveryCitationInFull: saglig explain shows, for every
// rule, each provision it may cite with its reference, its Danish text word
// for word and its full English gloss — nothing cut.
func TestExplainQuotesEveryCitationInFull(t *testing.T) {
	flat := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	for _, r := range All() {
		out := flat(r.Explain())
		for _, c := range r.Legal {
			for what, s := range map[string]string{"reference": c.Ref, "Danish": "«" + flat(c.Danish) + "»", "gloss": flat(c.English)} {
				if !strings.Contains(out, s) {
					t.Errorf("explain %s lacks the %s of %s: %s", r.ID, what, c.Ref, s)
				}
			}
		}
	}
}

// TestSAG201FiresOnSocialBehaviourOnly: the guidance lists
// "bevægelsesmønstre" (movement patterns) and "præferencer" among the
// personal characteristics, not as social behaviour, so the number of
// address changes over five years is no longer SAG201's — it stays a
// personal characteristic for condition 4 — while a social habit of the
// tax-authority example (holidays, designer bags) and late library returns
// still are.
func TestSAG201FiresOnSocialBehaviourOnly(t *testing.T) {
	long := &scan.Period{Subjects: 500, SampledShare: 1, MultiObs: 0.8, SpanDays: map[string]float64{"p50": 400, "p75": 700, "p90": 900}}
	short := &scan.Period{Subjects: 500, SampledShare: 1, SpanDays: map[string]float64{"p50": 0, "p75": 10, "p90": 20}}
	for _, tt := range []struct {
		name, category, window, relevance string
		period                            *scan.Period
		want                              string // SAG201's finding, "" for none
		cond4                             string // the clue of condition 4 that lists the input
	}{
		{"address changes over 5 years", "residence-moves", "5y", "", nil, "", "personal characteristics"},
		{"address changes observed over a period", "residence-moves", "", "", long, "", "personal characteristics"},
		{"library returns over 12 months", "leisure-activity", "12m", "", nil, "SAG201 a @15 warning", "social behaviour"},
		{"holidays over 3 years", "travel", "3y", "", nil, "SAG201 a @15 warning", "social behaviour; personal characteristics"},
		{"designer bags over 3 years", "consumption", "3y", "", nil, "SAG201 a @15 warning", "social behaviour; personal characteristics"},
		{"payment history observed over a period", "payment-behaviour", "", "", long, "SAG201 a @15 warning", "social behaviour"},
		{"payment history in a snapshot", "payment-behaviour", "", "", short, "", "social behaviour"},
		{"payment history, relevance on record", "payment-behaviour", "3y", "Arrears decide the repayment plan under the act (memo 7).", nil, "SAG201 a @15 warning accepted:relevance", "social behaviour"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			entry := "  a: {source: x, context: employment}\n"
			if tt.relevance != "" {
				entry = "  a: {source: x, context: employment, relevance: " + tt.relevance + "}\n"
			}
			m := mustMap(t, purposeOK+"features:\n"+entry)
			d := ds("a")
			p := &Pass{Map: m, Dataset: d, Columns: bindAll(m, d, map[string]classify.Result{"a": {Category: tt.category, Confidence: 1, Window: tt.window}}), Policy: policy.Default()}
			if tt.period != nil {
				p.Scan = &scan.Result{Period: tt.period}
			}
			fs := runRule(t, "SAG201", p)
			if g := strings.Join(got(fs), "|"); g != tt.want {
				t.Errorf("SAG201: %q, want %q", g, tt.want)
			}
			for _, f := range fs {
				if !strings.Contains(f.Message, "conditions 3 and 4") || strings.Join(f.Legal, "; ") != "art. 5(1)(c) cond. 3; Vejledning afsnit 5; art. 5(1)(c) cond. 4; Vejledning afsnit 6 (social adfærd)" {
					t.Errorf("SAG201: %s %v", f.Message, f.Legal)
				}
			}
			c4 := Assess(p).Conditions[3]
			var under []string
			for _, e := range c4.Evidence {
				if strings.Contains(e.String(), "a ("+featuremap.CategoryWord(tt.category).String()+")") {
					under = append(under, strings.SplitN(e.String(), ":", 2)[0])
				}
			}
			if c4.Status != Indicated || strings.Join(under, "; ") != tt.cond4 {
				t.Errorf("condition 4: %s, the input under %q, want %q", c4.Status, under, tt.cond4)
			}
		})
	}
}

// legalBasisLine is a map's legal_basis key with its value, in YAML or
// in a JSON report.
var legalBasisLine = regexp.MustCompile(`^\s*"?legal_basis"?: \S`)

// TestLegalBasisIsTheOrdersOwnSection: § 52 a, stk. 2, of the
// employment-effort act only empowers the minister to issue the order; the
// processing rests on the order's § 1. Wherever the project writes a map's
// legal_basis that names § 52 a — the examples, the benchmark's map, test
// maps, the docs — it names BEK § 1 as the basis and § 52 a, stk. 2, as
// what the order is issued under.
func TestLegalBasisIsTheOrdersOwnSection(t *testing.T) {
	root := filepath.Join("..", "..")
	n := 0
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); strings.HasPrefix(name, ".") && path != root {
				return filepath.SkipDir
			}
			return nil
		}
		switch filepath.Ext(path) {
		case ".yaml", ".yml", ".go", ".md", ".txtar", ".json":
		default:
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(b), "\n") {
			if !legalBasisLine.MatchString(line) || !strings.Contains(line, "52 a") {
				continue
			}
			n++
			if !strings.Contains(line, "BEK § 1") || !strings.Contains(line, "52 a, stk. 2") {
				t.Errorf("%s:%d: a legal basis naming § 52 a must rest on BEK § 1, issued under § 52 a, stk. 2: %s", path, i+1, strings.TrimSpace(line))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Error("no legal_basis naming § 52 a found; is the walk right?")
	}
}
