package rules

import (
	"strings"
	"testing"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/classify"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/policy"
	"github.com/saglig/saglig/lint/scan"
)

// declared is what a purpose says that the data cannot: the score's role,
// its consequences, and whether it is updated over time.
const declared = "  decision_role: substantial\n  favourable_consequence: An offer of early support.\n  unfavourable_consequence: No offer until the six-month follow-up.\n  reassessed: periodically\n"

func TestAssessment(t *testing.T) {
	social := classify.Result{Category: "leisure-activity", Confidence: 0.9, Window: "5y"} // social behaviour over a window
	socialNow := classify.Result{Category: "leisure-activity", Confidence: 0.9}
	educ := classify.Result{Category: "education", Confidence: 0.9}
	spread := &scan.Period{Subjects: 500, SampledShare: 1, MultiObs: 0.8, SpanDays: map[string]float64{"p50": 400, "p75": 700, "p90": 900}}
	snapshot := &scan.Period{Subjects: 500, SampledShare: 1, MultiObs: 0, SpanDays: map[string]float64{"p50": 0, "p75": 0, "p90": 0}}
	irrelevant := []finding.Finding{{Rule: "SAG102", Column: "x", Severity: finding.Error}}
	waived := finding.Finding{Rule: "SAG102", Column: "x", Severity: finding.Error}
	waived.Accept(finding.Acceptance{By: finding.ByWaiver, Reason: "Kept while the replacement model is validated.", Expires: "2027-01-31"})
	documented := finding.Finding{Rule: "SAG102", Column: "x", Severity: finding.Error}
	documented.Accept(finding.Acceptance{By: finding.ByRelevance, Reason: "Age decides the offer type under the act."})
	jointStrong := []finding.Finding{{Rule: "SAG107", Column: "herkomst", Severity: finding.Error}}
	jointWeak := []finding.Finding{{Rule: "SAG107", Column: "herkomst", Severity: finding.Warning}}
	noRole := strings.Replace(declared, "  decision_role: substantial\n", "", 1)
	once := strings.Replace(declared, "periodically", "once", 1)
	noReassessed := strings.Replace(declared, "  reassessed: periodically\n", "", 1)
	noConsequences := "  reassessed: periodically\n"
	tests := []struct {
		name    string
		output  string // purpose.output; "-" leaves it out
		purpose string // keys added to the purpose
		input   classify.Result
		period  *scan.Period // nil: not measured
		prior   []finding.Finding
		want    string // statuses of conditions 1-5: I indicated, N not indicated, U unknown
		asks    string // what the unknown conditions ask for
		sag203  finding.Severity
	}{
		{"the guidance's job centre, declared", "score", declared, social, spread, irrelevant, "IIIII", "", 0},
		{"the job centre, consequences and role undeclared", "score", "", social, spread, irrelevant, "IIIIU",
			"purpose.decision_role; purpose.favourable_consequence; purpose.unfavourable_consequence", finding.Error},
		{"the role alone undeclared", "score", noRole, social, spread, irrelevant, "IIIIU", "purpose.decision_role", finding.Error},
		{"information only", "information", declared, social, spread, irrelevant, "INIII", "", 0},
		{"the score only informs the decision", "score", strings.Replace(declared, "substantial", "information-only", 1), social, spread, irrelevant, "IIIIN", "", 0},
		{"a snapshot assessed once", "score", once, socialNow, snapshot, irrelevant, "IINII", "", 0},
		{"assessed once, but the inputs span years", "score", once, social, nil, irrelevant, "IIIII", "", 0},
		{"a snapshot, reassessment undeclared", "score", noReassessed, socialNow, snapshot, irrelevant, "IIUII", "purpose.reassessed", finding.Error},
		{"unmeasured, reassessed periodically", "score", declared, socialNow, nil, irrelevant, "IIIII", "", 0},
		{"nothing irrelevant", "score", declared, educ, spread, nil, "IIIIN", "", 0},
		{"inputs predicting a protected column together", "score", declared, educ, spread, jointStrong, "IIIII", "", 0},
		{"a joint proxy below the error threshold", "score", declared, educ, spread, jointWeak, "IIIIN", "", 0},
		{"nothing irrelevant, proxies unmeasured", "score", declared, educ, nil, nil, "IIIIU", "a run that measures the data (proxies are not measured with --schema-only)", finding.Error},
		// Condition 5 turns on what the score leads to and its weight in
		// the decision: relevant inputs alone do not make it "not
		// indicated" while the map does not say.
		{"nothing irrelevant, consequences and role undeclared", "score", noConsequences, educ, spread, nil, "IIIIU",
			"purpose.decision_role; purpose.favourable_consequence; purpose.unfavourable_consequence", finding.Error},
		{"nothing irrelevant, the unfavourable consequence undeclared", "score", strings.Replace(declared, "  unfavourable_consequence: No offer until the six-month follow-up.\n", "", 1), educ, spread, nil, "IIIIU",
			"purpose.unfavourable_consequence", finding.Error},
		{"nothing irrelevant, unmeasured and undeclared", "score", noConsequences, educ, nil, nil, "IIIIU",
			"a run that measures the data (proxies are not measured with --schema-only); purpose.decision_role; purpose.favourable_consequence; purpose.unfavourable_consequence", finding.Error},
		{"information only, consequences undeclared", "score", "  decision_role: information-only\n  reassessed: periodically\n", educ, spread, irrelevant, "IIIIN", "", 0},
		{"accepted findings still count", "score", declared, social, spread, []finding.Finding{waived}, "IIIII", "", 0},
		{"a documented relevance is not an indication", "score", declared, social, spread, []finding.Finding{documented}, "IIIIN", "", 0},
		{"unclassified input", "score", declared, classify.Result{}, spread, irrelevant, "IIIUI", "category of a", finding.Error},
		{"output undeclared, condition 5 not indicated", "-", strings.Replace(declared, "substantial", "information-only", 1), social, spread, irrelevant, "IUIIN", "purpose.output", finding.Warning},
	}
	code := map[Status]string{Indicated: "I", NotIndicated: "N", Unknown: "U"}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(purposeOK, "  output: score\n", "", 1)
			if tt.output != "-" {
				src = strings.Replace(src, "  automated: false\n", "  output: "+tt.output+"\n  automated: false\n", 1)
			}
			m := mustMap(t, src+tt.purpose+"features:\n  a:\n")
			d := ds("a")
			p := &Pass{Map: m, Dataset: d, Columns: bindAll(m, d, map[string]classify.Result{"a": tt.input}), Policy: policy.Default(), Prior: tt.prior, Today: today}
			if tt.period != nil {
				p.Scan = &scan.Result{Period: tt.period}
			}
			a := Assess(p)
			var st, asks []string
			for _, c := range a.Conditions {
				st = append(st, code[c.Status])
				asks = append(asks, c.Asks...)
				if len(c.Evidence) == 0 {
					t.Errorf("condition %d has no evidence", c.Number)
				}
				if (c.Status == Unknown) != (len(c.Asks) > 0) {
					t.Errorf("condition %d is %s and asks %v", c.Number, c.Status, c.Asks)
				}
			}
			if g := strings.Join(st, ""); g != tt.want || strings.Join(asks, "; ") != tt.asks {
				t.Errorf("statuses %s asking %q, want %s asking %q", g, strings.Join(asks, "; "), tt.want, tt.asks)
			}
			if a.AllIndicated != (tt.want == "IIIII") || a.Indicated != strings.Count(tt.want, "I") || a.Unknown != strings.Count(tt.want, "U") {
				t.Errorf("counts: %+v", a)
			}
			p.Assessment = a
			fs202 := runRule(t, "SAG202", p)
			if (len(fs202) == 1) != a.AllIndicated {
				t.Errorf("SAG202 findings %v", got(fs202))
			}
			fs := runRule(t, "SAG203", p)
			// A purpose-level finding points at the map's purpose, not at
			// the dataset.
			for _, f := range append(fs202, fs...) {
				if f.Pos == nil || *f.Pos != p.Map.Purpose.Pos {
					t.Errorf("%s at %v, want the purpose at %v", f.Rule, f.Pos, p.Map.Purpose.Pos)
				}
			}
			switch {
			case tt.sag203 == 0 && len(fs) != 0:
				t.Errorf("SAG203: %v", got(fs))
			case tt.sag203 != 0 && (len(fs) != 1 || fs[0].Severity != tt.sag203):
				t.Errorf("SAG203: %v, want one %s asking for %s", fs, tt.sag203, tt.asks)
			case tt.sag203 != 0:
				// The message asks in words, the fix adds the keys the
				// map's author writes.
				en := i18n.For(i18n.English)
				if want := "declare " + en.List(AskWords(en, asks)); !strings.Contains(fs[0].Message, want) {
					t.Errorf("SAG203 message %q lacks %q", fs[0].Message, want)
				}
				if strings.Contains(fs[0].Message, "purpose.") {
					t.Errorf("SAG203 message %q names a map path", fs[0].Message)
				}
				for _, k := range asks {
					if strings.HasPrefix(k, "purpose.") && !strings.Contains(fs[0].Fix, "("+k+")") {
						t.Errorf("SAG203 fix %q lacks the key %s", fs[0].Fix, k)
					}
				}
			}
		})
	}
}

// TestAssessmentSaysWhatItKnows pins the wording a lawyer reads: no "met",
// no "prohibited", the heuristic named with its value, accepted findings
// marked with their reason and expiry.
func TestAssessmentSaysWhatItKnows(t *testing.T) {
	waived := finding.Finding{Rule: "SAG102", Column: "koen", Severity: finding.Error}
	waived.Accept(finding.Acceptance{By: finding.ByWaiver, Reason: "Kept while the replacement model is validated.", Expires: "2027-01-31"})
	m := mustMap(t, strings.Replace(purposeOK, "  automated", declared+"  automated", 1)+"features:\n  a:\n")
	d := ds("a")
	p := &Pass{Map: m, Dataset: d, Columns: bindAll(m, d, map[string]classify.Result{"a": {Category: "leisure-activity", Confidence: 1}}),
		Policy: policy.Default(), Prior: []finding.Finding{waived}, Today: today,
		Scan: &scan.Result{Period: &scan.Period{Subjects: 10, SpanDays: map[string]float64{"p50": 200, "p75": 300, "p90": 400}}}}
	a := Assess(p)
	var all []string
	for _, c := range a.Conditions {
		all = append(all, c.Title+": "+string(c.Status)+": "+strings.Join(Texts(c.Evidence), "; "))
	}
	text := strings.Join(all, "\n") + "\n" + a.Headline()
	for _, want := range []string{
		"indications on 5 of 5 conditions; a legal assessment is required",
		"saglig's heuristic, which the relevance policy may change: a period from 30 days of median or upper-quartile span",
		"the map says the score is a substantial basis of the decision",
		"the map declares the model's output as score",
		`koen (accepted on the record: waiver "Kept while the replacement model is validated.", until 31 January 2027)`,
		"detrimental or unfavourable treatment",
		"natural persons or groups of persons",
		"known, inferred or predicted personal or personality characteristics",
		"an unfavourable score leads to: No offer until the six-month follow-up.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the assessment lacks %q:\n%s", want, text)
		}
	}
	for _, never := range []string{"met", "prohibited social score"} {
		for _, c := range a.Conditions {
			if string(c.Status) == never {
				t.Errorf("condition %d is %q", c.Number, never)
			}
		}
		if strings.Contains(a.Headline(), never) {
			t.Errorf("headline says %q", never)
		}
	}
	// The heuristic follows the policy.
	pol := policy.Default()
	pol.Heuristics.PeriodDays = 500
	p.Policy = pol
	if a := Assess(p); a.Conditions[2].Status != Unknown && a.Conditions[2].Status != Indicated {
		t.Errorf("condition 3 with a 500-day heuristic: %s", a.Conditions[2].Status)
	} else if !strings.Contains(strings.Join(Texts(a.Conditions[2].Evidence), "; "), "a snapshot by saglig's heuristic, which the relevance policy may change: a period from 500 days") {
		t.Errorf("condition 3 evidence: %v", a.Conditions[2].Evidence)
	}
}

// TestAssessmentNamesUndecidedProxies: when nothing indicates condition 5
// but some proxy measurements were too few rows to decide, the evidence
// says which, rather than only "no strong proxy measured".
func TestAssessmentNamesUndecidedProxies(t *testing.T) {
	m := mustMap(t, purposeOK+declared+"features:\n  a:\n")
	d := ds("a")
	prior := []finding.Finding{
		{Rule: "SAG104", Column: "a", Protected: "herkomst", Severity: finding.Info},
		{Rule: "SAG107", Column: "herkomst", Severity: finding.Info},
	}
	p := &Pass{Map: m, Dataset: d, Columns: bindAll(m, d, map[string]classify.Result{"a": {Category: "education", Confidence: 0.9}}),
		Policy: policy.Default(), Prior: prior, Today: today, Scan: &scan.Result{}}
	c := Assess(p).Conditions[4]
	var words []string
	for _, e := range c.Evidence {
		words = append(words, e.String())
	}
	if c.Status != NotIndicated || !strings.Contains(strings.Join(words, "; "), "whether these are proxies is unknown, on too few rows to tell: a ~ herkomst (SAG104), herkomst (SAG107)") {
		t.Errorf("condition 5: %s %q", c.Status, c.Evidence)
	}
}

// TestAssessmentTermsFollowTheGlossary: each condition's title uses the
// law's words in full — in Danish the terms of GLOSSARY-da.md, in English
// their glosses — and the headline asks for a legal assessment in both,
// never saying a condition is met.
func TestAssessmentTermsFollowTheGlossary(t *testing.T) {
	m := mustMap(t, purposeOK+declared+"features:\n  a:\n")
	d := ds("a")
	for _, tt := range []struct {
		lang     i18n.Lang
		titles   []string // condition 1–5, each in its title
		headline string
		never    []string
	}{
		{i18n.English, []string{
			"placed on the market, put into service or used",
			"evaluates or classifies natural persons or groups of persons",
			"over a certain period of time",
			"social behaviour or known, inferred or predicted personal or personality characteristics",
			"detrimental or unfavourable treatment (i) in unrelated social contexts or (ii) unjustified or disproportionate to the social behaviour or its gravity",
		}, "a legal assessment is required", []string{" met", "prohibited"}},
		{i18n.Danish, []string{
			"omsætning, ibrugtagning eller anvendelse",
			"evaluering eller klassificering af fysiske personer eller grupper af personer",
			"over en given periode",
			"social adfærd eller kendte, udledte eller forudsagte personlige egenskaber eller personlighedstræk",
			"skadelig eller ugunstig behandling i) i sociale sammenhænge, som ikke har noget at gøre med de sammenhænge, hvor dataene oprindeligt blev genereret eller indsamlet, eller ii) som er uberettiget eller uforholdsmæssig i forhold til den sociale adfærd eller betydningen heraf",
		}, "der skal foretages en juridisk vurdering", []string{"opfyldt", "forbudt"}},
	} {
		p := &Pass{Map: m, Dataset: d, Columns: bindAll(m, d, map[string]classify.Result{"a": {Category: "education", Confidence: 1}}),
			Policy: policy.Default(), Today: today, Lang: tt.lang}
		a := Assess(p)
		for i, c := range a.Conditions {
			if !strings.Contains(c.Title, tt.titles[i]) {
				t.Errorf("%s: condition %d is %q, want %q in it", tt.lang, c.Number, c.Title, tt.titles[i])
			}
		}
		h := a.Headline()
		if !strings.Contains(h, tt.headline) {
			t.Errorf("%s headline %q lacks %q", tt.lang, h, tt.headline)
		}
		for _, never := range tt.never {
			if strings.Contains(h, never) {
				t.Errorf("%s headline %q says %q", tt.lang, h, never)
			}
		}
	}
}
