package rules

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/classify"
	"github.com/saglig/saglig/lint/dataset"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/joint"
	"github.com/saglig/saglig/lint/policy"
	"github.com/saglig/saglig/lint/scan"
)

func TestPct(t *testing.T) {
	for _, tt := range []struct {
		x    float64
		want string
	}{
		{1, "100%"}, {0, "0%"}, {0.99996, "99.99%"}, {0.99992, "99.99%"}, {0.9981, "99.81%"},
		{0.935, "93.5%"}, {0.40123, "40%"}, {0.0738, "7.4%"}, {0.0042, "0.42%"}, {0.00002, "0.01%"}, {0.5, "50%"},
	} {
		if got := pct(en, tt.x); got != tt.want {
			t.Errorf("pct(%g) = %q, want %q", tt.x, got, tt.want)
		}
	}
	// In Danish: a decimal comma and a space before the sign.
	da := i18n.For(i18n.Danish)
	for x, want := range map[float64]string{0.981: "98,1 %", 0.9948: "99,48 %", 0.4: "40 %", 1: "100 %"} {
		if got := pct(da, x); got != want {
			t.Errorf("pct(da, %g) = %q, want %q", x, got, want)
		}
	}
	// A bin's bounds take the language's decimal mark too.
	if got, _ := valuePhrase(da, levelRange, nil, "49.5", "56.5", 10); got != "værdier fra 49,5 til 56,5" {
		t.Errorf("Danish range: %q", got)
	}
	if got, _ := valuePhrase(en, levelRange, nil, "49.5", "", 10); got != "values of 49.5 or more" {
		t.Errorf("English range: %q", got)
	}
}

// en is the English printer.
var en = i18n.For(i18n.English)

func TestValuePhrase(t *testing.T) {
	const k = 10
	for _, tt := range []struct {
		l      scan.Level
		show   bool
		want   string
		plural bool
	}{
		{scan.Level{Kind: scan.LevelValue, Value: "Husband", Count: 13193}, true, "the value 'Husband'", false},
		{scan.Level{Kind: scan.LevelValue, Value: "Husband", Count: 9}, true, "a value carried by fewer than 10 rows (not shown)", false},
		{scan.Level{Kind: scan.LevelValue, Value: "Anne Hansen", Count: 40}, false, "a value (withheld: the column holds identifiers or free text, so its values cannot be named)", false},
		{scan.Level{Kind: scan.LevelFolded, Count: 400}, true, "a value (hash-folded, so it cannot be named)", false},
		{scan.Level{Kind: scan.LevelUnnamed, Count: 400}, true, "a value (not among the column's most frequent, so it cannot be named)", false},
		{scan.Level{Kind: scan.LevelUnsampled, Count: 400}, true, "a value (not in the value sample the engine returned, so it cannot be named)", false},
		{scan.Level{Kind: scan.LevelUnsampled, Count: 400}, false, "a value (withheld: the column holds identifiers or free text, so its values cannot be named)", false},
		{scan.Level{Kind: scan.LevelRange, From: "24.5", To: "31", Count: 400}, true, "values from 24.5 to 31", true},
		{scan.Level{Kind: scan.LevelRange, To: "24.5", Count: 400}, true, "values below 24.5", true},
		{scan.Level{Kind: scan.LevelRange, From: "31", Count: 400}, true, "values of 31 or more", true},
	} {
		kind, v, from, to := levelView(tt.l, tt.show, k)
		got, plural := valuePhrase(en, kind, v, from, to, k)
		if got != tt.want || plural != tt.plural {
			t.Errorf("valuePhrase(%+v, %t) = %q %t, want %q %t", tt.l, tt.show, got, plural, tt.want, tt.plural)
		}
	}
	for _, tt := range []struct {
		l    scan.Level
		show bool
		want string
	}{
		{scan.Level{Kind: scan.LevelValue, Value: "Male", Count: 20000}, true, "'Male'"},
		{scan.Level{Kind: scan.LevelValue, Value: "Male", Count: 3}, true, "a group of sex with fewer than 10 rows (not shown)"},
		{scan.Level{Kind: scan.LevelRange, From: "30.5", To: "41.5", Count: 400}, true, "sex from 30.5 to 41.5"},
		{scan.Level{Kind: scan.LevelFolded, Count: 400}, true, "one group of sex (hash-folded)"},
		{scan.Level{Kind: scan.LevelUnsampled, Count: 400}, true, "one group of sex (not in the value sample the engine returned)"},
	} {
		kind, v, from, to := levelView(tt.l, tt.show, 10)
		if got := groupPhrase(en, kind, v, from, to, "sex", 10); got != tt.want {
			t.Errorf("groupPhrase(%+v) = %q, want %q", tt.l, got, tt.want)
		}
	}
}

func TestShowsValues(t *testing.T) {
	m := mustMap(t, purposeOK+"features:\n  relationship:\n  person: {role: id}\n  note:\n  navn:\n")
	d := &dataset.Dataset{Path: "d.parquet", Columns: []dataset.Column{
		{Path: "relationship", ColumnType: dataset.ColumnType{Kind: dataset.KindString}},
		{Path: "person", ColumnType: dataset.ColumnType{Kind: dataset.KindString}},
		{Path: "note", ColumnType: dataset.ColumnType{Kind: dataset.KindString}},
		{Path: "navn", ColumnType: dataset.ColumnType{Kind: dataset.KindString}},
	}}
	cols := bindAll(m, d, map[string]classify.Result{"navn": {Category: "identifier", Confidence: 0.9, Identifier: "name"}})
	cols[0].Profile = &scan.Profile{Rows: 1000, Distinct: 6}
	cols[2].Profile = &scan.Profile{Rows: 1000, Nulls: 100, Distinct: 800} // free text
	want := []bool{true, false, false, false}
	for i, c := range cols {
		if got := showsValues(c); got != want[i] {
			t.Errorf("showsValues(%s) = %t, want %t", c.Path, got, want[i])
		}
	}
}

// husbandTable is the census example: relationship × sex.
func husbandTable() *scan.ValueTable {
	return &scan.ValueTable{
		Inputs: []scan.Level{
			{Kind: scan.LevelValue, Value: "Husband", Count: 13193},
			{Kind: scan.LevelValue, Value: "Not-in-family", Count: 8305},
			{Kind: scan.LevelValue, Value: "Wife", Count: 1568},
			{Kind: scan.LevelValue, Value: "Secret-rare", Count: 4},
		},
		Groups: []scan.Level{
			{Kind: scan.LevelValue, Value: "Male", Count: 13192 + 4400 + 1 + 4},
			{Kind: scan.LevelValue, Value: "Female", Count: 1 + 3905 + 1567},
		},
		Counts: [][]int64{{13192, 1}, {4400, 3905}, {1, 1567}, {4, 0}},
	}
}

func TestProxyValuesInSAG104(t *testing.T) {
	m := mustMap(t, purposeOK+"features:\n  relationship:\n  sex: {role: protected}\n")
	d := ds("relationship", "sex")
	tab := husbandTable()
	sr := &scan.Result{Associations: []scan.Association{
		{Input: "relationship", Protected: "sex", Measure: "cramers_v", Value: 0.65, N: 23070, PValue: 0, Table: tab},
	}}
	fs := runRule(t, "SAG104", &Pass{Map: m, Dataset: d, Columns: bindAll(m, d, nil), Scan: sr})
	if len(fs) != 1 {
		t.Fatalf("%d findings", len(fs))
	}
	msg := fs[0].Message
	if !strings.Contains(msg, "the value 'Husband' (57% of rows) is 99.99% 'Male'") {
		t.Errorf("message: %s", msg)
	}
	if strings.Contains(msg, "Secret-rare") {
		t.Errorf("a value of 4 rows is printed: %s", msg)
	}
	b, err := json.Marshal(fs[0].Evidence)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "Secret-rare") || !strings.Contains(string(b), `"value":"Husband"`) ||
		!strings.Contains(string(b), `"values_below_k":1`) {
		t.Errorf("evidence: %s", b)
	}
	// The evidence says itself in sentences, in the reader's language.
	words := strings.Join(fs[0].Evidence.Describe(en), "\n")
	if strings.Contains(words, "{") || !strings.Contains(words, "the value 'Husband' (57% of rows) is 99.99% 'Male'") ||
		!strings.Contains(words, "1 value carried by too few rows to be shown was counted, not named") || strings.Contains(words, "Secret-rare") {
		t.Errorf("evidence in words:\n%s", words)
	}
	danish := strings.Join(fs[0].Evidence.Describe(i18n.For(i18n.Danish)), "\n")
	if !strings.Contains(danish, "værdien 'Husband' (57 % af rækkerne) er 99,99 % 'Male'") {
		t.Errorf("evidence in Danish:\n%s", danish)
	}
	// The message follows the pass's language.
	fs = runRule(t, "SAG104", &Pass{Map: m, Dataset: d, Columns: bindAll(m, d, nil), Scan: sr, Lang: i18n.Danish})
	if msg := fs[0].Message; !strings.Contains(msg, "værdien 'Husband' (57 % af rækkerne) er 99,99 % 'Male'") {
		t.Errorf("Danish message: %s", msg)
	}
}

// TestProxyUnknown: an association at the threshold that chance could
// give on this few rows is reported as unknown, at info severity.
func TestProxyUnknown(t *testing.T) {
	m := mustMap(t, purposeOK+"features:\n  relationship:\n  sex: {role: protected}\n")
	d := ds("relationship", "sex")
	for _, tt := range []struct {
		p    float64
		want string
	}{
		{0.2, "SAG104 relationship @15 info"},
		{1e-6, "SAG104 relationship @15 warning"},
	} {
		sr := &scan.Result{Associations: []scan.Association{
			{Input: "relationship", Protected: "sex", Measure: "cramers_v", Value: 0.45, N: 40, DF: 3, PValue: tt.p},
		}}
		fs := runRule(t, "SAG104", &Pass{Map: m, Dataset: d, Columns: bindAll(m, d, nil), Scan: sr})
		if g := strings.Join(got(fs), "|"); g != tt.want {
			t.Errorf("p %g: %s, want %s", tt.p, g, tt.want)
			continue
		}
		if fs[0].Severity == finding.Info {
			if msg := fs[0].Message; !strings.Contains(msg, `whether input "relationship" is a proxy for protected column "sex" is unknown`) ||
				!strings.Contains(msg, "on 40 rows cannot be told from chance") {
				t.Errorf("message: %s", msg)
			}
			if ev := fs[0].Evidence.(*AssociationEvidence); !ev.Undecided || ev.QValue != 0.2 {
				t.Errorf("evidence %+v", ev)
			}
		}
	}
}

func TestValueProxy(t *testing.T) {
	m := mustMap(t, purposeOK+"features:\n  relationship:\n  postnr:\n  sex: {role: protected}\n")
	d := ds("relationship", "postnr", "sex")
	weak := husbandTable()
	sr := &scan.Result{Associations: []scan.Association{
		// Weak as a whole: SAG106 names the pure value.
		{Input: "relationship", Protected: "sex", Measure: "cramers_v", Value: 0.2, N: 23070, PValue: 0, Table: weak},
		// Strong: SAG104 reports it and names the values; SAG106 stays quiet.
		{Input: "postnr", Protected: "sex", Measure: "cramers_v", Value: 0.7, N: 23070, PValue: 0, Table: weak},
	}}
	fs := runRule(t, "SAG106", &Pass{Map: m, Dataset: d, Columns: bindAll(m, d, nil), Scan: sr})
	if len(fs) != 1 || fs[0].Column != "relationship" {
		t.Fatalf("findings %v, want one on relationship", got(fs))
	}
	msg := fs[0].Message
	for _, want := range []string{"has 2 values giving protected column \"sex\" away", "the value 'Husband' (57% of rows) is 99.99% 'Male'", "(and 1 more)"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q: %s", want, msg)
		}
	}
	if vs := fs[0].Evidence.(*ValueProxyEvidence).Values; len(vs) != 2 || *vs[1].Value != "Wife" || *vs[1].Group != "Female" {
		t.Errorf("values %+v", vs)
	}
	// A stricter purity leaves only Husband (1 woman in 13,193 rows is
	// significantly under 0.1%); Wife (1 man in 1,568) is not.
	p := policy.Default()
	p.Proxy.ValuePurity = 0.999
	fs = runRule(t, "SAG106", &Pass{Map: m, Dataset: d, Columns: bindAll(m, d, nil), Scan: sr, Policy: p})
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "has a value giving") {
		t.Errorf("purity 0.9995: %v", got(fs))
	}
	// Values carried by fewer than value_share of the rows are not tested.
	p = policy.Default()
	p.Proxy.ValueShare = 0.5
	fs = runRule(t, "SAG106", &Pass{Map: m, Dataset: d, Columns: bindAll(m, d, nil), Scan: sr, Policy: p})
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "has a value giving") {
		t.Errorf("share 0.5: %v", got(fs))
	}
	// On 60 rows the same shares are not significant after the
	// Benjamini–Hochberg correction: whether the values give sex away is
	// unknown, said at info severity.
	small := &scan.ValueTable{Inputs: weak.Inputs, Groups: weak.Groups, Counts: [][]int64{{19, 1}, {12, 12}, {0, 12}, {4, 0}}}
	sr.Associations[0].Table, sr.Associations[0].N = small, 60
	fs = runRule(t, "SAG106", &Pass{Map: m, Dataset: d, Columns: bindAll(m, d, nil), Scan: sr})
	if len(fs) != 1 || fs[0].Severity != finding.Info ||
		!strings.Contains(fs[0].Message, `whether values of input "relationship" give protected column "sex" away is unknown: the value 'Husband' (33% of rows) is 95% 'Male'`) ||
		!fs[0].Evidence.(*ValueProxyEvidence).Undecided {
		t.Errorf("small table: %v", fs)
	}
	// Values far from pure on few rows are not reported at all.
	mixed := &scan.ValueTable{Inputs: weak.Inputs, Groups: weak.Groups, Counts: [][]int64{{12, 8}, {12, 12}, {6, 6}, {4, 0}}}
	sr.Associations[0].Table = mixed
	if fs := runRule(t, "SAG106", &Pass{Map: m, Dataset: d, Columns: bindAll(m, d, nil), Scan: sr}); len(fs) != 0 {
		t.Errorf("mixed small table: %v", got(fs))
	}
}

func TestJointProxy(t *testing.T) {
	m := mustMap(t, purposeOK+"features:\n  a:\n  b:\n  sex: {role: protected}\n  age: {role: protected}\n")
	d := ds("a", "b", "sex", "age")
	sr := &scan.Result{Joint: []scan.JointProxy{
		{Protected: "sex", Inputs: []string{"a", "b"}, Rows: 8000, SampledShare: 0.1, Classes: []scan.JointClass{
			{Group: scan.Level{Kind: scan.LevelValue, Value: "F", Count: 4000}, Share: 0.5, AUC: 0.83, Lo: 0.82, Hi: 0.84, P: 1e-30,
				Contributors: []joint.Contribution{{Input: "a", Drop: 0.2}, {Input: "b", Drop: 0.001}}},
		}},
		{Protected: "age", Inputs: []string{"a", "b"}, Rows: 8000, Numeric: true, Median: 41, Classes: []scan.JointClass{
			{Group: scan.Level{Kind: scan.LevelRange, From: "41", Count: 3900}, Share: 0.49, AUC: 0.72, Lo: 0.7, Hi: 0.74, P: 1e-12},
		}},
	}}
	fs := runRule(t, "SAG107", &Pass{Map: m, Dataset: d, Columns: bindAll(m, d, nil), Scan: sr})
	if g := got(fs); strings.Join(g, "|") != "SAG107 age @18 warning|SAG107 sex @17 error" {
		t.Fatalf("got %q", g)
	}
	if fs[0].Column == "age" {
		fs[0], fs[1] = fs[1], fs[0]
	}
	if msg := fs[0].Message; !strings.Contains(msg, "they tell 'F' from the rest with a cross-validated AUC of 0.83 (95% interval 0.82–0.84") ||
		!strings.Contains(msg, "most of all through a (AUC 0.20 lower without it):") {
		t.Errorf("message: %s", msg)
	}
	if msg := fs[1].Message; !strings.Contains(msg, "they tell age above its median (41) from the rest") {
		t.Errorf("message: %s", msg)
	}
	if cs := fs[0].Evidence.(*JointProxyEvidence).Classes; len(cs) != 1 || *cs[0].Group != "F" || len(cs[0].Contributors) != 2 {
		t.Errorf("classes %+v", cs)
	}
	words := strings.Join(fs[0].Evidence.Describe(en), "\n")
	if !strings.Contains(words, "'F': AUC 0.83 (95% interval 0.82–0.84), 50% of the sampled rows") || !strings.Contains(words, "most through a (AUC 0.20 lower without it)") {
		t.Errorf("evidence in words:\n%s", words)
	}
}

// TestJointProxyUnknown: too few rows to model, or an AUC above the
// threshold that chance could give, is unknown, at info severity; noise is
// not reported.
func TestJointProxyUnknown(t *testing.T) {
	m := mustMap(t, purposeOK+"features:\n  a:\n  sex: {role: protected}\n")
	d := ds("a", "sex")
	f := scan.Level{Kind: scan.LevelValue, Value: "F", Count: 150}
	for _, tt := range []struct {
		name string
		jp   scan.JointProxy
		want string // "" for no finding
	}{
		{"chance", scan.JointProxy{Protected: "sex", Inputs: []string{"a"}, Rows: 300, Classes: []scan.JointClass{
			{Group: f, Share: 0.5, AUC: 0.71, Lo: 0.6, Hi: 0.8, P: 0.2}}},
			"they tell 'F' from the rest with a cross-validated AUC of 0.71 (95% interval 0.60–0.80) on 300 sampled rows, which cannot be told from chance"},
		{"too few rows", scan.JointProxy{Protected: "sex", Inputs: []string{"a"}, Rows: 120, Note: joint.NoteTooFewRows},
			"only 120 rows of the sample have it, and the model needs at least 200"},
		{"no class", scan.JointProxy{Protected: "sex", Inputs: []string{"a"}, Rows: 500, Note: joint.NoteNoClass},
			"no group of it has at least 20 rows and 2% of the 500 sampled rows on each side"},
		{"noise", scan.JointProxy{Protected: "sex", Inputs: []string{"a"}, Rows: 300, Classes: []scan.JointClass{
			{Group: f, Share: 0.5, AUC: 0.52, Lo: 0.45, Hi: 0.59, P: 0.3}}}, ""},
		{"no inputs", scan.JointProxy{Protected: "sex", Note: joint.NoteNoInputs}, ""},
	} {
		fs := runRule(t, "SAG107", &Pass{Map: m, Dataset: d, Columns: bindAll(m, d, nil), Scan: &scan.Result{Joint: []scan.JointProxy{tt.jp}}})
		if tt.want == "" {
			if len(fs) != 0 {
				t.Errorf("%s: %v", tt.name, got(fs))
			}
			continue
		}
		if len(fs) != 1 || fs[0].Severity != finding.Info || !strings.Contains(fs[0].Message, `whether the inputs together predict protected column "sex" is unknown: `+tt.want) {
			t.Errorf("%s: %v %v", tt.name, got(fs), fs)
		}
	}
}
