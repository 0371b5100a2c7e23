package report

import (
	"sort"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/rules"
	"github.com/saglig/saglig/lint/scan"
)

// The fixture's names. evilColumn proves escaping: every format must show
// it literally and no HTML or Markdown renderer may execute or interpret it.
const (
	fxMap      = "examples/jobcenter/saglig.yaml"
	fxData     = "examples/jobcenter/data/forloeb.parquet"
	evilColumn = `note<script>alert("x")</script>"&amp;`
)

func ptr[T any](v T) *T { return &v }

func pos(line, col int) *featuremap.Pos {
	return &featuremap.Pos{File: fxMap, Line: line, Col: col}
}

// fixture is a realistic, hand-built result of linting the job-centre
// example: a map-level warning and a map-level finding on a feature, open
// errors and warnings with evidence, an info, a waived and a baselined
// finding, an undeclared column with a hostile name, associations, the
// observation period and a five-condition assessment that is met.
// txt is a text of the map in a language the map does not say.
func txt(s string) featuremap.Variant { return featuremap.Variant{Text: s} }

func fixture() *lint.Result {
	no := false
	r := &lint.Result{
		Tool: lint.Tool{Name: "saglig", Version: "v1.2.3"},
		Map:  fxMap,
		Purpose: &lint.Purpose{
			Name:            "early-support",
			Description:     txt("Scores newly unemployed citizens every quarter by their chance of being in work within six months; citizens with a low score are offered early support."),
			Controller:      "municipality",
			Sector:          "employment-effort",
			Context:         "employment",
			AllowedContexts: []string{"employment", "education", "social-benefits"},
			Output:          "score",
			Automated:       &no,
			HumanReview:     txt("The caseworker sees the score at the follow-up meeting and decides the offer."),
			LegalBasis:      txt("BEK § 1, stk. 1 og 4 (udstedt i medfør af § 52 a, stk. 2, i LBK nr. 254 af 1. marts 2024)"),
		},
		Policy:   "default",
		Baseline: "saglig-baseline.json",
	}
	cols := []lint.ColumnSummary{
		{Path: "borger_cpr", Type: "string", Declared: true, Role: "id", Source: txt("Det Centrale Personregister (CPR)"),
			Category: "identifier", Inferred: "identifier", Confidence: 0.99, Explanation: i18n.M("%s", "values: CPR-like, 100% valid dates"),
			Description: txt("The citizen's CPR number, to join the registers"), Rows: 12000, Distinct: 4000},
		{Path: "observation_dato", Type: "date", Declared: true, Role: "timestamp", Source: txt("Jobcenterets sagssystem"), Rows: 12000, Distinct: 8},
		{Path: "i_job_6m", Type: "boolean", Declared: true, Role: "target", Source: txt("DREAM (STAR)"), Context: "employment", Rows: 12000, Distinct: 2},
		{Path: "herkomst", Type: "string", Declared: true, Role: "protected", Source: txt("Danmarks Statistik, Befolkningsregistret"),
			Category: "ethnicity", CategoryDeclared: true, Inferred: "ethnicity", Confidence: 0.9, Rows: 12000, Distinct: 3},
		{Path: "statsborgerskab", Type: "string", Declared: true, Role: "protected", Source: txt("CPR"), Category: "nationality",
			CategoryDeclared: true, Rows: 12000, Distinct: 41},
		{Path: "uddannelsesniveau", Type: "int32", Declared: true, Role: "input", Source: txt("Danmarks Statistik, Uddannelsesregistret"),
			Context: "education", Category: "education", CategoryDeclared: true, Relevance: txt("Education level is the strongest predictor of re-employment."),
			Rows: 12000, Distinct: 9, Quantiles: map[string]float64{"p05": 1, "p25": 3, "p50": 3, "p75": 5, "p95": 6}},
		{Path: "koen", Type: "string", Declared: true, Role: "input", Source: txt("Jobcenterets sagssystem (from CPR)"), Context: "employment",
			Category: "sex", CategoryDeclared: true, Inferred: "sex", Confidence: 0.95, Rows: 12000, Distinct: 2},
		{Path: "antal_adresseskift_5aar", Type: "int32", Declared: true, Role: "input", Context: "civil-registration",
			Category: "residence-moves", Inferred: "residence-moves", Confidence: 0.9, Explanation: i18n.M("%s", `name: "adresseskift" (Danish)`), Rows: 12000, Distinct: 11},
		{Path: "postnr", Type: "int32", Declared: true, Role: "input", Source: txt("CPR, adresse"), Context: "civil-registration",
			Category: "residential-area", Inferred: "residential-area", Confidence: 0.8, Relevance: featuremap.Variant{Lang: i18n.Danish, Text: "Tilbuddene gives af det lokale kontor; se notat 2025-03, afsnit 2."},
			ByLanguage: lint.ByLanguage{"relevance": {i18n.Danish: "Tilbuddene gives af det lokale kontor; se notat 2025-03, afsnit 2."}}, Rows: 12000, Distinct: 96},
		{Path: "sygedage_12m", Type: "int32", Declared: true, Role: "input", Source: txt("Kommunens fraværsregistrering"), Context: "social-benefits",
			Category: "health", CategoryDeclared: true, Relevance: txt("Long sickness absence delays the return to work."),
			Waivers: []lint.Waiver{{Rule: "SAG103", Reason: txt("Lawful basis under GDPR art. 9(2)(b) is recorded in DPIA 2024-17."), Expires: "2027-06-30"}},
			Rows:    12000, Distinct: 120},
		{Path: evilColumn, Type: "string", Declared: false, Inferred: "other", Confidence: 0.2, Rows: 12000, Distinct: 7},
	}
	ds := lint.DatasetSummary{
		Path: fxData, Format: "parquet", Rows: 12000, Files: 1, Columns: cols, Measured: true,
		Associations: []scan.Association{
			{Input: "antal_adresseskift_5aar", Protected: "herkomst", Measure: "correlation_ratio", Value: 0.184, NMI: 0.031, PValue: 0.0001, DF: 2, N: 12000, InputLevels: 11, ProtectedLevels: 3},
			{Input: "antal_adresseskift_5aar", Protected: "statsborgerskab", Measure: "correlation_ratio", Value: 0.122, NMI: 0.02, PValue: 0.004, DF: 40, N: 12000, InputLevels: 11, ProtectedLevels: 41},
			{Input: "koen", Protected: "herkomst", Measure: "cramers_v", Value: 0.012, NaiveV: 0.02, NMI: 0.0001, PValue: 0.41, DF: 2, N: 12000, InputLevels: 2, ProtectedLevels: 3},
			{Input: "koen", Protected: "statsborgerskab", Measure: "cramers_v", Value: 0.031, NaiveV: 0.05, NMI: 0.001, PValue: 0.2, DF: 40, N: 12000, InputLevels: 2, ProtectedLevels: 41},
			{Input: "postnr", Protected: "herkomst", Measure: "cramers_v", Value: 0.612, NaiveV: 0.62, NMI: 0.29, PValue: 0, DF: 190, N: 12000, InputLevels: 96, ProtectedLevels: 3},
			{Input: "postnr", Protected: "statsborgerskab", Measure: "cramers_v", Value: 0.337, NaiveV: 0.35, NMI: 0.12, PValue: 0, DF: 3800, N: 12000, InputLevels: 96, ProtectedLevels: 41},
			{Input: "sygedage_12m", Protected: "herkomst", Measure: "correlation_ratio", Value: 0.071, NMI: 0.01, PValue: 0.03, DF: 2, N: 11873, InputLevels: 120, ProtectedLevels: 3},
			{Input: "sygedage_12m", Protected: "statsborgerskab", Measure: "correlation_ratio", Value: 0.064, NMI: 0.01, PValue: 0.3, DF: 40, N: 11873, InputLevels: 120, ProtectedLevels: 41},
			{Input: "uddannelsesniveau", Protected: "herkomst", Measure: "cramers_v", Value: 0.236, NaiveV: 0.24, NMI: 0.05, PValue: 0, DF: 16, N: 12000, InputLevels: 9, ProtectedLevels: 3},
			{Input: "uddannelsesniveau", Protected: "statsborgerskab", Measure: "cramers_v", Value: 0.141, NaiveV: 0.16, NMI: 0.03, PValue: 0.001, DF: 320, N: 12000, InputLevels: 9, ProtectedLevels: 41},
		},
		Period: &scan.Period{Subjects: 4000, SampledShare: 1, MultiObs: 0.93,
			SpanDays: map[string]float64{"min": 0, "p25": 91, "p50": 274, "p75": 456, "p90": 640, "max": 730}},
		Assessment: &rules.Assessment{Dataset: fxData, Indicated: 4, Unknown: 1, PeriodDays: 30, Conditions: []rules.Condition{
			{Number: 1, Label: "in use", Title: "placed on the market, put into service or used", Status: rules.Indicated,
				Evidence: []rules.Clue{{Text: `purpose "early-support" describes the model's use`}}},
			{Number: 2, Label: "evaluates or classifies persons", Title: "evaluates or classifies natural persons or groups of persons", Status: rules.Indicated,
				Evidence: []rules.Clue{{Text: "purpose.output is score: an evaluation or classification of persons"}}},
			{Number: 3, Label: "over a period of time", Title: "over a certain period of time", Status: rules.Indicated,
				Evidence: []rules.Clue{{Text: "inputs aggregate over a window: antal_adresseskift_5aar (5y)"}, {Text: "measured over 4000 subjects: median observation span 274 days (saglig's heuristic: a period from 30 days)"}}},
			{Number: 4, Label: "social behaviour or personal characteristics", Title: "on the basis of social behaviour or known, inferred or predicted personal or personality characteristics", Status: rules.Indicated,
				Evidence: []rules.Clue{{Text: "personal characteristics: " + rules.ListMark, Items: []string{"antal_adresseskift_5aar (residence-moves)", "koen (sex)"}}}},
			{Number: 5, Label: "detrimental or unfavourable treatment", Title: "the social score leads to detrimental or unfavourable treatment (i) in unrelated social contexts or (ii) unjustified or disproportionate to the social behaviour or its gravity", Status: rules.Unknown,
				Evidence: []rules.Clue{{Text: "irrelevant or undocumented characteristics (SAG102): antal_adresseskift_5aar, koen"}, {Text: "relevance documented, so not counted: postnr (SAG102)"}, {Text: "the map does not declare purpose.decision_role: whether the score is a cause of the treatment cannot be told from the data"}},
				Asks:     []string{"purpose.decision_role"}},
		}},
	}
	r.Datasets = []lint.DatasetSummary{ds}

	mk := func(id string, sev finding.Severity, dataset, column, msg, fix string, p *featuremap.Pos, ev finding.Evidence) finding.Finding {
		rule, err := rules.Lookup(id)
		if err != nil {
			panic(err)
		}
		if sev == 0 {
			sev = rule.Severity
		}
		return finding.Finding{Rule: id, Name: rule.Name, Severity: sev, Dataset: dataset, Column: column,
			Message: msg, Fix: fix, Legal: rule.Refs(), Pos: p, Evidence: ev}
	}
	fs := []finding.Finding{
		mk("SAG012", 0, "", "", "the purpose does not say how citizens are told that a model is used", "add purpose.transparency", pos(6, 1), nil),
		mk("SAG013", 0, "", "antal_ledighedsforloeb", `"antal_ledighedsforloeb" is reused from "Visitationsmodel 2023" without a reuse_assessment`, "add reuse_assessment", pos(57, 3), nil),
		mk("SAG301", 0, fxData, "borger_cpr", `column "borger_cpr" holds CPR numbers (values: CPR-like, 100% valid dates): direct identifiers do not belong in training data`,
			"replace it with a pseudonymous key", pos(22, 3),
			&rules.IdentifierEvidence{Kind: "cpr", Explanation: i18n.M("%s", "values: CPR-like, 100% valid dates"), Detector: "cpr", Share: 1, Sampled: 256, Distinct: 256, Examples: []string{"0101••-••••", "2512••-••••"}}),
		mk("SAG102", 0, fxData, "koen", `input "koen" is declared category sex, which the policy deems irrelevant to decisions in the employment context`,
			"remove the input; keep it with role: protected only to audit the model", pos(80, 3), &rules.CategoryEvidence{Category: "sex", Declared: true, Verdict: "irrelevant"}),
		mk("SAG002", 0, fxData, "antal_adresseskift_5aar", `input "antal_adresseskift_5aar" has no source`, "add source: the register or system the values come from", pos(86, 3), nil),
		mk("SAG102", 0, fxData, "antal_adresseskift_5aar", `input "antal_adresseskift_5aar" is inferred category residence-moves (name: "adresseskift" (Danish)), irrelevant in the employment context`,
			"remove the input", pos(86, 3), &rules.CategoryEvidence{Category: "residence-moves", Verdict: "irrelevant", Confidence: 0.9, Explanation: i18n.M("%s", `name: "adresseskift" (Danish)`)}),
		mk("SAG104", finding.Error, fxData, "postnr", `input "postnr" is strongly associated with protected column "herkomst" (bias-corrected Cramér's V 0.61, n=12000, p<0.001): it can act as a proxy for it`,
			"remove or coarsen the input", pos(91, 3),
			&rules.AssociationEvidence{Protected: "herkomst", Measure: "cramers_v", Value: 0.612, NMI: 0.29, PValue: 0, N: 12000, DF: 190, InputLevels: 96, ProtectedLevels: 3, NaiveV: ptr(0.62),
				FDR: 0.05, ValuesBelowK: 2, Values: []rules.ProxyValue{
					{Value: ptr("8220"), ValueKind: "value", Rows: 216, Share: 0.018, Group: ptr("indvandrer fra ikke-vestligt land"), GroupKind: "value",
						Purity: 0.981, PurityLo: 0.934, PurityHi: 0.9948, Base: 0.17, Lift: 5.77, Protected: "herkomst", K: 10},
				}}),
		mk("SAG104", finding.Warning, fxData, "postnr", `input "postnr" is moderately associated with protected column "statsborgerskab" (bias-corrected Cramér's V 0.34, n=12000, p<0.001): it can act as a proxy for it`,
			"remove or coarsen the input", pos(91, 3), &rules.AssociationEvidence{Protected: "statsborgerskab", Measure: "cramers_v", Value: 0.337, NMI: 0.12, PValue: 0, N: 12000, DF: 3800, InputLevels: 96, ProtectedLevels: 41, Bounded: true, NaiveV: ptr(0.35)}),
		mk("SAG106", 0, fxData, "antal_adresseskift_5aar", `input "antal_adresseskift_5aar" has a value giving protected column "herkomst" away, although the column as a whole is not a proxy for it (correlation ratio η 0.07): values of 45 or more (3.1% of rows) are 93% 'indvandrer fra ikke-vestligt land' (95% interval 90%–95%), against 17% of all rows`,
			"coarsen the input so that no value singles out a protected group", pos(86, 3),
			&rules.ValueProxyEvidence{Protected: "herkomst", N: 11873, ValuesFound: 2, ValueShare: 0.01, ValuePurity: 0.9, KAnonymity: 10, FDR: 0.05, Association: 0.071, Measure: "correlation_ratio",
				Values: []rules.ProxyValue{
					{ValueKind: "range", From: "45", Rows: 368, Share: 0.031, Group: ptr("indvandrer fra ikke-vestligt land"), GroupKind: "value",
						Purity: 0.93, PurityLo: 0.9, PurityHi: 0.95, Base: 0.17, Lift: 5.47, QValue: 0.001, Protected: "herkomst", K: 10},
					{ValueKind: "withheld", Rows: 130, Share: 0.011, GroupKind: "withheld", Purity: 0.99, PurityLo: 0.96, PurityHi: 1, Base: 0.17, Lift: 5.8, QValue: 0.002, Protected: "herkomst", K: 10},
				}}),
		mk("SAG107", finding.Error, fxData, "herkomst", `the inputs together predict protected column "herkomst": they tell 'indvandrer fra ikke-vestligt land' from the rest with a cross-validated AUC of 0.86 (95% interval 0.84–0.87; 0.5 is chance; 17% of the 8192 sampled rows are in the group), most of all through postnr (AUC 0.28 lower without it): a model trained on them can treat people by it without seeing the column`,
			"remove or coarsen the inputs that contribute most", pos(44, 3),
			&rules.JointProxyEvidence{Protected: "herkomst", Inputs: 6, SampledRows: 8192, SampledShare: 0.6827, Folds: 5, JointWarning: 0.7, JointError: 0.8, FDR: 0.05,
				Classes: []rules.JointClassEvidence{
					{Group: ptr("indvandrer fra ikke-vestligt land"), GroupKind: "value", Share: 0.172, AUC: 0.856, Lo: 0.844, Hi: 0.867, Q: 0,
						Contributors: []rules.Contribution{{Input: "postnr", Drop: 0.285}, {Input: "uddannelsesniveau", Drop: 0.014}, {Input: "koen", Drop: 0.001}}, Protected: "herkomst", K: 10},
					{GroupKind: "rare", Share: 0.0006, AUC: 0.61, Lo: 0.4, Hi: 0.79, Q: 0.4, Protected: "herkomst", K: 10},
				}}),
		mk("SAG107", finding.Info, fxData, "statsborgerskab", `whether the inputs together predict protected column "statsborgerskab" is unknown: no group of it has at least 20 rows and 2% of the 8192 sampled rows on each side`,
			"measure on more rows", pos(50, 3),
			&rules.JointProxyEvidence{Protected: "statsborgerskab", Inputs: 6, SampledRows: 8192, SampledShare: 0.6827, Folds: 5, JointWarning: 0.7, JointError: 0.8, FDR: 0.05,
				Undecided: true, Note: "no class with enough rows on both sides"}),
		mk("SAG105", finding.Info, fxData, "postnr", `column "postnr" is declared residential-area; its values also look like municipality codes`, "", pos(91, 3), nil),
		mk("SAG103", 0, fxData, "sygedage_12m", `input "sygedage_12m" is health data (GDPR art. 9) without a lawful_basis`, "add lawful_basis", pos(97, 3), &rules.SpecialEvidence{Category: "health", Special: "art9"}),
		mk("SAG001", 0, fxData, evilColumn, `column "`+evilColumn+`" is not declared in the map`, "declare it under features:", nil, nil),
		mk("SAG203", 0, fxData, "", "condition 5 of AI Act art. 5(1)(c) is unknown from the data and the map, with indications on 4 of 5 conditions: declare purpose.decision_role", "declare purpose.decision_role", pos(6, 1),
			&rules.AssessmentEvidence{Unknown: []string{"5"}, Asks: []string{"purpose.decision_role"}}),
		mk("SAG201", 0, fxData, "antal_adresseskift_5aar", `input "antal_adresseskift_5aar" is social behaviour observed over a period: its name aggregates over 5y`, "", pos(86, 3),
			&rules.LongitudinalEvidence{Category: "residence-moves", Window: "5y", PeriodDays: 30}),
	}
	fs[6].Protected, fs[7].Protected, fs[8].Protected = "herkomst", "statsborgerskab", "herkomst"
	fs[12].Accept(finding.Acceptance{By: finding.ByWaiver, Reason: "Lawful basis under GDPR art. 9(2)(b) is recorded in DPIA 2024-17.", Expires: "2027-06-30", Pos: pos(99, 9)})
	fs[4].Accept(finding.Acceptance{By: finding.ByBaseline})
	fs = append(fs, mk("SAG102", 0, fxData, "postnr", `input "postnr" is declared category residential-area, which needs a documented relevance for employment decisions; its documented relevance accepts it on the record`,
		"document in relevance: why it is relevant", pos(91, 3), &rules.CategoryEvidence{Category: "residential-area", Declared: true, Verdict: "needs-relevance"}))
	fs[len(fs)-1].Accept(finding.Acceptance{By: finding.ByRelevance, Reason: "Tilbuddene gives af det lokale kontor; se notat 2025-03, afsnit 2.", Lang: i18n.Danish, Pos: pos(95, 5)})
	r.NotBaselined = map[string]int{"SAG301": 1}
	r.Disabled = []lint.Disabled{{Rule: "SAG003", By: "--disable"}}
	sort.SliceStable(fs, func(i, j int) bool { return finding.Less(&fs[i], &fs[j]) })
	r.Findings = fs
	r.Recount()
	return r
}
