package classify

import (
	"fmt"
	"strconv"
	"testing"
	"time"
)

// rep repeats vals cyclically to n values.
func rep(n int, vals ...string) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = vals[i%len(vals)]
	}
	return out
}

// seq returns n values f(0..n-1).
func seq(n int, f func(i int) string) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = f(i)
	}
	return out
}

func TestSizeFactor(t *testing.T) {
	tests := []struct {
		n    int
		want float64
	}{{0, 0}, {4, 0}, {5, 0.5}, {20, 1}, {1000, 1}}
	for _, tt := range tests {
		if got := sizeFactor(tt.n); got != tt.want {
			t.Errorf("sizeFactor(%d) = %v, want %v", tt.n, got, tt.want)
		}
	}
	if s := sizeFactor(12); s <= 0.5 || s >= 1 {
		t.Errorf("sizeFactor(12) = %v, want between 0.5 and 1", s)
	}
}

func TestDetectors(t *testing.T) {
	tests := []struct {
		name     string
		col      Column
		detector string // "" = no detector at MinConfidence or above
		category string
	}{
		{"danish gender words", Column{Type: "string", Kind: KindText, Sample: rep(100, "mand", "kvinde")}, DetectorGender, "sex"},
		{"gender words with nulls", Column{Type: "string", Kind: KindText, Sample: rep(100, "Kvinde", "", "Mand", "NULL")}, DetectorGender, "sex"},
		{"yes/no is not sex", Column{Type: "string", Kind: KindText, Sample: rep(100, "ja", "nej")}, "", ""},
		{"true/false is not sex", Column{Type: "string", Kind: KindText, Sample: rep(100, "t", "f")}, "", ""},
		{"0/1 is not sex", Column{Type: "int64", Kind: KindInt, Sample: rep(100, "0", "1")}, "", ""},
		{"M/K codes alone are too weak", Column{Type: "string", Kind: KindText, Sample: rep(100, "M", "K")}, "", ""},
		{"1/2 codes alone are too weak", Column{Type: "int64", Kind: KindInt, Sample: rep(100, "1", "2")}, "", ""},
		{"bool type is never judged", Column{Type: "bool", Kind: KindBool, Sample: rep(100, "mand", "kvinde")}, "", ""},
		{"too few values", Column{Type: "string", Kind: KindText, Sample: rep(4, "mand", "kvinde")}, "", ""},
		{"cpr with dash", Column{Type: "string", Kind: KindText, Sample: seq(50, func(i int) string { return "0" + strconv.Itoa(1+i%9) + "0185-00" + pad2(i) })}, DetectorCPR, "identifier"},
		{"cpr as int drops the leading zero", Column{Type: "int64", Kind: KindInt, Sample: seq(50, func(i int) string { return strconv.Itoa(1+i%9) + "0185" + "00" + pad2(i) })}, DetectorCPR, "identifier"},
		{"random 10-digit numbers are not cpr", Column{Type: "int64", Kind: KindInt, Sample: seq(50, func(i int) string { return strconv.Itoa(5555500000 + i*7919) })}, "", ""},
		{"e-mail", Column{Type: "string", Kind: KindText, Sample: seq(30, func(i int) string { return "user" + strconv.Itoa(i) + "@example.dk" })}, DetectorEmail, "contact"},
		{"phones with +45", Column{Type: "string", Kind: KindText, Sample: seq(30, func(i int) string { return "+45 " + strconv.Itoa(20000000+i*104729) })}, DetectorPhone, "contact"},
		{"YYYYMMDD dates are not phones", Column{Type: "int64", Kind: KindInt, Sample: seq(30, func(i int) string { return "202301" + pad2(1+i%28) })}, "", ""},
		{"iso country codes", Column{Type: "string", Kind: KindText, Sample: rep(60, "DK", "SE", "DE", "PL", "TR")}, DetectorCountry, "nationality"},
		{"danish country names", Column{Type: "string", Kind: KindText, Sample: rep(60, "Danmark", "Tyrkiet", "Polen", "Syrien")}, DetectorCountry, "nationality"},
		{"yes/no with NO for Norway is not countries", Column{Type: "string", Kind: KindText, Sample: rep(60, "yes", "no")}, "", ""},
		{"origin words", Column{Type: "string", Kind: KindText, Sample: rep(60, "Personer af dansk oprindelse", "Indvandrere fra ikke-vestlige lande", "Efterkommere fra vestlige lande")}, DetectorOrigin, "ethnicity"},
		{"postcodes", Column{Type: "string", Kind: KindText, Sample: rep(60, "8000", "2100", "5000", "9000", "7100")}, DetectorPostcode, "residential-area"},
		{"years 1950-1999 are birth years, not postcodes", Column{Type: "int64", Kind: KindInt, Sample: seq(60, func(i int) string { return strconv.Itoa(1950 + i%50) })}, DetectorBirthDate, "age"},
		{"years 2005-2024 are neither", Column{Type: "int64", Kind: KindInt, Sample: seq(60, func(i int) string { return strconv.Itoa(2005 + i%20) })}, "", ""},
		{"municipality codes", Column{Type: "int32", Kind: KindInt, Sample: rep(60, "101", "751", "461", "851", "147")}, DetectorMunicipality, "residential-area"},
		{"municipality names", Column{Type: "string", Kind: KindText, Sample: rep(60, "København", "Aarhus", "Københavns Kommune", "Odense Kommune")}, DetectorMunicipality, "residential-area"},
		{"birth dates", Column{Type: "date32", Kind: KindDate, Sample: seq(60, func(i int) string { return strconv.Itoa(1950+i) + "-0" + strconv.Itoa(1+i%9) + "-15" })}, DetectorBirthDate, "age"},
		{"event dates are not birth dates", Column{Type: "date32", Kind: KindDate, Sample: seq(60, func(i int) string { return strconv.Itoa(2019+i%5) + "-0" + strconv.Itoa(1+i%9) + "-15" })}, "", ""},
		{"adult ages", Column{Type: "int64", Kind: KindInt, Sample: seq(60, func(i int) string { return strconv.Itoa(18 + i) })}, DetectorAge, "age"},
		{"scores 0-100 are not ages", Column{Type: "int64", Kind: KindInt, Sample: seq(101, strconv.Itoa)}, "", ""},
		{"person names", Column{Type: "string", Kind: KindText, Sample: rep(30, "Anne Hansen", "Søren Jensen", "Mette Nielsen", "Bo Larsen", "Ida Holm")}, DetectorPersonName, "identifier"},
		{"foreign first names with Danish surnames", Column{Type: "string", Kind: KindText, Sample: rep(30, "Ayse Jensen", "Kofi Nielsen", "Li Hansen", "Zeynep Larsen", "Amadou Pedersen")}, DetectorPersonName, "identifier"},
		{"job titles are not names", Column{Type: "string", Kind: KindText, Sample: rep(30, "Lagerarbejder", "Pædagog", "Tømrer")}, "", ""},
		{"names with particles", Column{Type: "string", Kind: KindText, Sample: rep(30, "Jan van der Berg", "Anne de Vries", "Kees van Dijk", "Sanne de Jong", "Ruud van Leeuwen")}, DetectorPersonName, "identifier"},
		{"phrases with a surname in lower case are not names", Column{Type: "string", Kind: KindText, Sample: rep(30, "Viel zu klein", "Etwas zu klein", "Gerade richtig", "Etwas zu gross", "Viel zu gross")}, "", ""},
		{"coded value labels", Column{Type: "string", Kind: KindText, Sample: rep(60, "[1] Deutschland", "[2] Tuerkei", "[5] Italien", "[4] Griechenland", "[6] Spanien")}, DetectorCountry, "nationality"},
		{"numbered gender labels", Column{Type: "string", Kind: KindText, Sample: rep(60, "1. Mand", "2. Kvinde")}, DetectorGender, "sex"},
		{"labels naming diseases", Column{Type: "string", Kind: KindText, Sample: rep(60, "Diabetes", "Asthma", "Heart disease", "Depression")}, DetectorHealthWords, "health"},
		{"a checkbox naming a disease, with yes/no", Column{Type: "string", Kind: KindText, Sample: rep(60, "Ear diseases (Otosclerosis, Menieres, Tumor)", "no")}, DetectorHealthWords, "health"},
		{"Danish labels naming symptoms", Column{Type: "string", Kind: KindText, Sample: rep(60, "[1] Migræne", "[2] Kvalme", "[3] Feber")}, DetectorHealthWords, "health"},
		{"one disease among other labels is no health column", Column{Type: "string", Kind: KindText, Sample: rep(60, "Employed", "Retired", "Student", "Unemployed", "Sick")}, "", ""},
		{"labels of frequency are not health", Column{Type: "string", Kind: KindText, Sample: rep(60, "Never", "Sometimes", "Often", "Always")}, "", ""},
	}
	for _, tt := range tests {
		tt.col.Name = "c1"
		r := Classify(tt.col, testOpt)
		gotDet := ""
		if r.Category != "" && len(r.Values) > 0 {
			gotDet = r.Values[0].Detector
		}
		if gotDet != tt.detector || r.Category != tt.category {
			t.Errorf("%s: detector %q category %q, want %q %q (%s)", tt.name, gotDet, r.Category, tt.detector, tt.category, r.Explanation)
		}
		for _, v := range r.Values {
			if len(v.Examples) > 3 {
				t.Errorf("%s: %d examples, want at most 3", tt.name, len(v.Examples))
			}
			if v.N == 0 || v.Share < 0 || v.Share > 1 || v.Strength < 0 || v.Strength > 1 {
				t.Errorf("%s: bad figures %+v", tt.name, v)
			}
		}
	}
}

func TestSmallSamplesWeighLess(t *testing.T) {
	small := Classify(Column{Name: "c1", Type: "string", Kind: KindText, Sample: rep(8, "mand", "kvinde")}, testOpt)
	large := Classify(Column{Name: "c1", Type: "string", Kind: KindText, Sample: rep(80, "mand", "kvinde")}, testOpt)
	if small.Confidence >= large.Confidence {
		t.Errorf("confidence from 8 values (%v) should be below that from 80 (%v)", small.Confidence, large.Confidence)
	}
}

func pad2(i int) string {
	s := strconv.Itoa(i % 100)
	if len(s) < 2 {
		s = "0" + s
	}
	return s
}

// testOpt is the run the tests classify in: a fixed date, so that birth
// years are judged the same every year.
var testOpt = Options{Today: time.Date(2026, time.November, 1, 0, 0, 0, 0, time.UTC)}

// testKinds are the kinds of the type names the test data use (the value
// corpus's "# type:" lines, the evaluation corpora's type: keys); the
// engine gives Classify the kind itself, from dataset.Column.Kind.
var testKinds = map[string]Kind{
	"string": KindText, "int32": KindInt, "int64": KindInt, "double": KindFloat,
	"date": KindDate, "date32": KindDate, "timestamp": KindDate, "timestamp[us]": KindDate, "bool": KindBool,
}

// testKind is the kind of a type name of the test data; it panics on a
// name not in testKinds.
func testKind(typ string) Kind {
	k, ok := testKinds[typ]
	if !ok {
		panic(fmt.Sprintf("test data: type %q has no kind in testKinds", typ))
	}
	return k
}

func TestValueLabel(t *testing.T) {
	for in, want := range map[string]string{
		"[1] Verheiratet":      "Verheiratet",
		"[-2] trifft nicht zu": "trifft nicht zu",
		"(2) Female":           "Female",
		"1. Married":           "Married",
		"3 = Divorced":         "Divorced",
		"4: Widowed":           "Widowed",
		"12 Main Street":       "12 Main Street",
		"3 rooms":              "3 rooms",
		"(45) 1234 5678":       "(45) 1234 5678",
		"1. 2":                 "1. 2",
		"[1]":                  "[1]",
		"Vejnavn 12, 1. sal":   "Vejnavn 12, 1. sal",
		"2.5":                  "2.5",
		"10:30":                "10:30",
	} {
		if got := valueLabel(in); got != want {
			t.Errorf("valueLabel(%q) = %q, want %q", in, got, want)
		}
	}
}
