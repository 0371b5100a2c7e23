package classify

import (
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/i18n"
)

func TestClassifyExplanations(t *testing.T) {
	tests := []struct {
		col      Column
		category string
		want     string
	}{
		{
			Column{Name: "c7", Type: "string", Kind: KindText, Sample: rep(200, "mand", "kvinde")},
			"sex", "category sex (values: 2 distinct, 100% match Danish gender words; name: no signal)",
		},
		{
			Column{Name: "antal_adresseskift_5aar", Type: "int64", Kind: KindInt},
			"residence-moves", `category address changes (name: "adresseskift" (Danish); values: not sampled)`,
		},
		{
			Column{Name: "koen", Type: "string", Kind: KindText, Sample: rep(100, "M", "K")},
			"sex", `category sex (name: "kon" (Danish: køn); values: 2 distinct, 100% gender codes K/M)`,
		},
		{
			Column{Name: "postnr", Type: "string", Kind: KindText, Sample: rep(100, "mand", "kvinde")},
			"", `not inferred: name suggests residential area ("postnr" (Danish)), values suggest sex (2 distinct, 100% match Danish gender words)`,
		},
		{
			Column{Name: "opslag", Type: "string", Kind: KindText, Sample: rep(100, "mand", "kvinde")},
			"sex", `category sex (values: 2 distinct, 100% match Danish gender words; name: "opslag" (Danish) suggests online activity)`,
		},
		{
			Column{Name: "c3", Type: "string", Kind: KindText, Sample: rep(100, "M", "K")},
			"", "no category (best guess sex at 0.40, below 0.50; values: 2 distinct, 100% gender codes K/M; name: no signal)",
		},
		{
			Column{Name: "c1", Type: "string", Kind: KindText, Sample: []string{"mand", "kvinde"}},
			"", "no category (values: too few to judge (2 non-null); name: no signal)",
		},
		{
			Column{Name: "sagsbehandlingstid", Type: "int64", Kind: KindInt, Sample: rep(50, "3", "14", "40")},
			"", "no category (values: no signal; name: no signal)",
		},
	}
	for _, tt := range tests {
		r := Classify(tt.col, testOpt)
		if r.Category != tt.category || r.Explanation.String() != tt.want {
			t.Errorf("Classify(%s):\n got %q %q\nwant %q %q", tt.col.Name, r.Category, r.Explanation, tt.category, tt.want)
		}
	}
}

func TestClassifyCombinesEvidence(t *testing.T) {
	nameOnly := Classify(Column{Name: "koen"}, testOpt)
	both := Classify(Column{Name: "koen", Type: "string", Kind: KindText, Sample: rep(100, "mand", "kvinde")}, testOpt)
	valuesOnly := Classify(Column{Name: "c7", Type: "string", Kind: KindText, Sample: rep(100, "mand", "kvinde")}, testOpt)
	if !(both.Confidence > nameOnly.Confidence && both.Confidence > valuesOnly.Confidence) {
		t.Errorf("agreeing evidence should raise confidence: both %v, name %v, values %v", both.Confidence, nameOnly.Confidence, valuesOnly.Confidence)
	}
	// Strong values beat a weak name, with lowered confidence.
	weakName := Classify(Column{Name: "opslag", Type: "string", Kind: KindText, Sample: rep(100, "mand", "kvinde")}, testOpt)
	if weakName.Category != "sex" || weakName.Confidence >= valuesOnly.Confidence {
		t.Errorf("opslag + gender words = %s at %v, want sex below %v", weakName.Category, weakName.Confidence, valuesOnly.Confidence)
	}
	// A name and values that each stand on their own and disagree give no
	// category, and say so.
	for _, name := range []string{"region", "postnr", "uddannelse"} {
		r := Classify(Column{Name: name, Type: "string", Kind: KindText, Sample: rep(100, "mand", "kvinde")}, testOpt)
		if r.Category != "" || len(r.Conflict) != 2 || r.Conflict[1] != "sex" || !strings.HasPrefix(r.Explanation.String(), "not inferred: name suggests ") {
			t.Errorf("%s + gender words = %q %v (%s), want not inferred", name, r.Category, r.Conflict, r.Explanation)
		}
	}
	// A strong name beats weak values.
	r := Classify(Column{Name: "indkomst", Type: "int64", Kind: KindInt, Sample: seq(60, func(i int) string { return strconv.Itoa(20 + i) })}, testOpt)
	if r.Category != "income" {
		t.Errorf("indkomst with age-like numbers = %s (%s), want income", r.Category, r.Explanation)
	}
	for _, x := range []Result{nameOnly, both, valuesOnly, weakName, r} {
		if x.Confidence < 0 || x.Confidence > 1 {
			t.Errorf("confidence %v outside [0, 1]", x.Confidence)
		}
	}
}

func TestClassifyWindowAndIdentifier(t *testing.T) {
	emails := seq(40, func(i int) string { return "borger" + strconv.Itoa(i) + "@example.dk" })
	hashes := seq(40, func(i int) string { return strconv.FormatInt(int64(i)*2654435761, 36) })
	tests := []struct {
		col           Column
		window, ident string
		category      string
	}{
		{Column{Name: "antal_adresseskift_5aar"}, "5y", "", "residence-moves"},
		{Column{Name: "sygedage_sidste_aar"}, "1y", "", "health"},
		{Column{Name: "cpr"}, "", "cpr", "identifier"},
		{Column{Name: "cpr_nr"}, "", "cpr", "identifier"},
		{Column{Name: "personnummer"}, "", "cpr", "identifier"},
		{Column{Name: "email"}, "", "email", "contact"},
		{Column{Name: "fornavn"}, "", "name", "identifier"},
		{Column{Name: "borger_id"}, "", "", "identifier"}, // a pseudonymous key, not a direct identifier
		{Column{Name: "email", Type: "string", Kind: KindText, Sample: emails}, "", "email", "contact"},
		{Column{Name: "email", Type: "string", Kind: KindText, Sample: hashes}, "", "", "contact"}, // hashed: holds no e-mails
		{Column{Name: "c9", Type: "string", Kind: KindText, Sample: emails}, "", "email", "contact"},
		{Column{Name: "c9", Type: "string", Kind: KindText, Sample: rep(40, "Anne Hansen", "Bo Jensen", "Ida Larsen", "Peter Holm", "Mette Nielsen")}, "", "name", "identifier"},
	}
	for _, tt := range tests {
		r := Classify(tt.col, testOpt)
		if r.Window != tt.window || r.Identifier != tt.ident || r.Category != tt.category {
			t.Errorf("Classify(%s) = window %q identifier %q category %q, want %q %q %q (%s)",
				tt.col.Name, r.Window, r.Identifier, r.Category, tt.window, tt.ident, tt.category, r.Explanation)
		}
	}
}

func TestClassifyNeverLeaksRawValues(t *testing.T) {
	cols := []Column{
		{Name: "cpr", Type: "string", Kind: KindText, Sample: seq(30, func(i int) string { return "1203" + pad2(60+i) + "-00" + pad2(i) })},
		{Name: "email", Type: "string", Kind: KindText, Sample: seq(30, func(i int) string { return "karen" + strconv.Itoa(i) + "@example.dk" })},
		{Name: "tlf", Type: "string", Kind: KindText, Sample: seq(30, func(i int) string { return "+45 " + strconv.Itoa(30000000+i*7777) })},
		{Name: "navn", Type: "string", Kind: KindText, Sample: rep(30, "Karen Blixen", "Niels Bohr", "Anne Hansen")},
	}
	for _, c := range cols {
		r := Classify(c, testOpt)
		out := r.Explanation.String()
		for _, v := range r.Values {
			out += " " + v.Detail.String() + " " + strings.Join(v.Examples, " ")
		}
		for _, raw := range c.Sample {
			for _, part := range strings.Fields(raw) {
				if len(part) >= 4 && strings.Contains(out, part) {
					t.Errorf("%s: raw value part %q appears in %q", c.Name, part, out)
				}
			}
		}
	}
}

func TestClassifyDeterministic(t *testing.T) {
	c := Column{Name: "borger_koen", Type: "string", Kind: KindText, Sample: rep(100, "mand", "kvinde", "Mand", "")}
	first := Classify(c, testOpt)
	for i := 0; i < 20; i++ {
		if got := Classify(c, testOpt); !reflect.DeepEqual(got, first) {
			t.Fatalf("run %d differs:\n%+v\n%+v", i, got, first)
		}
	}
}

func TestClassifyCategoriesAreContractCategories(t *testing.T) {
	corpus, err := loadValueCorpus("testdata/values")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range corpus {
		r := Classify(Column{Name: c.name, Type: c.typ, Kind: testKind(c.typ), Sample: c.values}, testOpt)
		if r.Category != "" && !featuremap.ValidCategory(r.Category) {
			t.Errorf("%s: category %q is not in the contract vocabulary", c.name, r.Category)
		}
	}
}

func TestContradicts(t *testing.T) {
	gender := Classify(Column{Name: "c7", Type: "string", Kind: KindText, Sample: rep(100, "mand", "kvinde")}, testOpt)
	cpr := Classify(Column{Name: "c8", Type: "string", Kind: KindText, Sample: seq(40, func(i int) string { return "0101" + pad2(50+i) + "-00" + pad2(i) })}, testOpt)
	email := Classify(Column{Name: "c9", Type: "string", Kind: KindText, Sample: seq(40, func(i int) string { return "x" + strconv.Itoa(i) + "@example.dk" })}, testOpt)
	weak := Classify(Column{Name: "c3", Type: "string", Kind: KindText, Sample: rep(100, "M", "K")}, testOpt)
	region := Classify(Column{Name: "region"}, testOpt)
	birth := Classify(Column{Name: "c5", Type: "date32", Kind: KindDate, Sample: seq(60, func(i int) string { return strconv.Itoa(1950+i) + "-03-15" })}, testOpt)
	tests := []struct {
		name     string
		declared string
		r        Result
		want     bool
	}{
		{"gender words declared education", "education", gender, true},
		{"gender words declared other", "other", gender, true},
		{"gender words declared sex", "sex", gender, false},
		{"gender words declared custom", "x-misc", gender, true},
		{"nothing declared", "", gender, false},
		{"cpr declared identifier", "identifier", cpr, false},
		{"cpr declared contact", "contact", cpr, false},
		{"cpr declared age", "age", cpr, true},
		{"email declared contact", "contact", email, false},
		{"email declared identifier", "identifier", email, false},
		{"weak evidence never contradicts", "education", weak, false},
		{"weak name never contradicts", "education", region, false},
		{"birth dates (0.70) are below the strong bar", "education", birth, false},
		{"no category", "sex", Result{}, false},
	}
	for _, tt := range tests {
		got, reason := Contradicts(tt.declared, tt.r)
		if got != tt.want {
			t.Errorf("%s: Contradicts(%q, %s@%.2f) = %v (%s), want %v", tt.name, tt.declared, tt.r.Category, tt.r.Confidence, got, reason, tt.want)
		}
		if got && (!strings.Contains(reason.String(), featuremap.CategoryWord(tt.declared).String()) || !strings.Contains(reason.String(), featuremap.CategoryWord(tt.r.Category).String())) {
			t.Errorf("%s: reason %q should name both categories", tt.name, reason)
		}
		if !got && !reason.IsZero() {
			t.Errorf("%s: reason %q without a contradiction", tt.name, reason)
		}
	}
	// Related categories: a parent covers its child.
	health := Result{Category: "disability", Confidence: 0.95, Explanation: i18n.M("%s", "x")}
	if ok, _ := Contradicts("health", health); ok {
		t.Error("declared health, evidence disability: should not contradict")
	}
	traffic := Result{Category: "traffic-offence", Confidence: 0.95, Explanation: i18n.M("%s", "x")}
	if ok, _ := Contradicts("criminal-record", traffic); ok {
		t.Error("declared criminal-record, evidence traffic-offence: should not contradict")
	}
	ethnic := Result{Category: "ethnicity", Confidence: 0.95, Explanation: i18n.M("%s", "x")}
	if ok, _ := Contradicts("nationality", ethnic); !ok {
		t.Error("declared nationality, evidence ethnicity (art. 9): should contradict")
	}
}

func TestConflicting(t *testing.T) {
	tests := []struct {
		name        string
		names, vals map[string]float64
		want        []string
	}{
		{"agreeing", map[string]float64{"sex": 0.95}, map[string]float64{"sex": 0.95}, nil},
		{"name against values", map[string]float64{"education": 0.7}, map[string]float64{"sex": 0.95}, []string{"education", "sex"}},
		{"weak name", map[string]float64{"education": 0.45}, map[string]float64{"sex": 0.95}, nil},
		{"values only consistent", map[string]float64{"income": 0.9}, map[string]float64{"age": 0.6}, nil},
		{"related categories", map[string]float64{"criminal-record": 0.9}, map[string]float64{"traffic-offence": 0.9}, nil},
		{"values also back the name", map[string]float64{"age": 0.9}, map[string]float64{"nationality": 0.9, "age": 0.7}, nil},
		{"two detectors disagree", nil, map[string]float64{"nationality": 0.9, "age": 0.7}, []string{"nationality", "age"}},
		{"the name decides between detectors", map[string]float64{"age": 0.6}, map[string]float64{"nationality": 0.9, "age": 0.7}, nil},
	}
	for _, tt := range tests {
		got := conflicting(tt.names, tt.vals)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: conflicting = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestContradictsWithConflict(t *testing.T) {
	// Declared education, named education, values gender words: the values
	// contradict the declaration even though no category was inferred.
	r := Classify(Column{Name: "uddannelse", Type: "string", Kind: KindText, Sample: rep(100, "mand", "kvinde")}, testOpt)
	if r.Category != "" || len(r.Conflict) == 0 {
		t.Fatalf("want a conflict, got %q (%s)", r.Category, r.Explanation)
	}
	if ok, reason := Contradicts("education", r); !ok || !strings.Contains(reason.String(), "sex") {
		t.Errorf("declared education: Contradicts = %v %q, want sex", ok, reason)
	}
	if ok, reason := Contradicts("sex", r); ok {
		t.Errorf("declared sex: Contradicts = %v %q, want none: the values confirm the declaration", ok, reason)
	}
}
