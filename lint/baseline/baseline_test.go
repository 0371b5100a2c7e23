package baseline

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/rules"
)

const mapFile = "jobcenter/saglig.yaml"

func newFile(fs ...finding.Finding) (*File, map[string]int) {
	return New(mapFile, fs, rules.Baselinable)
}

func fnd(rule, dataset, column, msg string) finding.Finding {
	return finding.Finding{Rule: rule, Severity: finding.Error, Dataset: dataset, Column: column, Message: msg}
}

const ds = "jobcenter/data/forloeb.parquet"

func TestNew(t *testing.T) {
	waived := fnd("SAG103", ds, "sygedage_12m", "health")
	waived.Accept(finding.Acceptance{By: finding.ByWaiver, Reason: "Assessed in DPIA 2024-17, section 3."})
	documented := fnd("SAG101", "", "postnr", "out of context")
	documented.Accept(finding.Acceptance{By: finding.ByRelevance, Reason: "Offers are given by the local office."})
	baselined := fnd("SAG102", ds, "alder", "age")
	baselined.Accept(finding.Acceptance{By: finding.ByBaseline})
	b, refused := newFile(
		fnd("SAG102", ds, "koen", "sex"),
		fnd("SAG012", "", "", "no transparency"),
		waived,
		documented,
		baselined,
		fnd("SAG301", ds, "borger_cpr", "cpr"),  // cannot be baselined
		fnd("SAG202", ds, "", "all conditions"), // cannot be baselined
		fnd("SAG104", ds, "postnr", "proxy for herkomst"),
		fnd("SAG104", ds, "postnr", "proxy for statsborgerskab"),
		fnd("SAG002", "", "antal_adresseskift_5aar", "no source"),
	)
	if refused["SAG202"] != 1 || refused["SAG301"] != 1 || len(refused) != 2 {
		t.Errorf("refused %v, want the SAG202 and SAG301 findings", refused)
	}
	var got []string
	for _, e := range b.Entries {
		got = append(got, e.Rule+" "+e.Dataset+" "+e.Column)
		if e.Fingerprint != finding.Fingerprint(e.Rule, e.Dataset, e.Column) {
			t.Errorf("%s: fingerprint %s", e.Rule, e.Fingerprint)
		}
	}
	want := []string{
		"SAG012  ",
		"SAG002  antal_adresseskift_5aar",
		"SAG102 data/forloeb.parquet alder",
		"SAG102 data/forloeb.parquet koen",
		"SAG104 data/forloeb.parquet postnr",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("entries:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if b.Version != Version || b.Tool != Tool {
		t.Errorf("header %d %q", b.Version, b.Tool)
	}
}

func TestWriteParseRoundTrip(t *testing.T) {
	b, _ := newFile(fnd("SAG102", ds, "koen", `input "koen" <sex> & more`), fnd("SAG012", "", "", "x"))
	var buf bytes.Buffer
	if err := b.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `input \"koen\" <sex> & more`) || !strings.HasSuffix(buf.String(), "}\n") {
		t.Errorf("not readable JSON with a final newline:\n%s", buf.String())
	}
	back, err := Parse(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	back.Write(&again)
	if again.String() != buf.String() {
		t.Errorf("round trip changed the file:\n%s\n%s", buf.String(), again.String())
	}
	// An empty baseline is valid and writes an empty list, not null.
	var empty bytes.Buffer
	e, _ := newFile()
	e.Write(&empty)
	if !strings.Contains(empty.String(), `"entries": []`) {
		t.Errorf("empty baseline: %s", empty.String())
	}
	if _, err := Parse(empty.Bytes()); err != nil {
		t.Error(err)
	}
}

func TestParseErrors(t *testing.T) {
	good := finding.Fingerprint("SAG102", "data/x.parquet", "koen")
	entry := func(rule, dataset, column, fp string) string {
		return `{"version":1,"tool":"saglig","entries":[{"rule":"` + rule + `","dataset":"` + dataset + `","column":"` + column + `","fingerprint":"` + fp + `","message":"m"}]}`
	}
	tests := []struct{ name, in, want string }{
		{"empty", "", "the file is empty"},
		{"not JSON", "SAG102 koen", "invalid JSON"},
		{"truncated", `{"version":1,`, "unexpected EOF"},
		{"trailing", `{"version":1,"tool":"saglig","entries":[]} {}`, "unexpected data"},
		{"version", `{"version":2,"tool":"saglig","entries":[]}`, "version 2 is not supported"},
		{"no version", `{"tool":"saglig","entries":[]}`, "version 0 is not supported"},
		{"tool", `{"version":1,"tool":"other","entries":[]}`, `tool is "other"`},
		{"unknown key", `{"version":1,"tool":"saglig","entries":[],"extra":1}`, `unknown field "extra"`},
		{"wrong type", `{"version":"1","tool":"saglig","entries":[]}`, "cannot unmarshal"},
		{"no rule", entry("", "data/x.parquet", "koen", good), "entry 1 has no rule"},
		{"short fingerprint", entry("SAG102", "data/x.parquet", "koen", "abc"), "not 64 hex digits"},
		{"not hex", entry("SAG102", "data/x.parquet", "koen", strings.Repeat("z", 64)), "not 64 hex digits"},
		{"edited rule", entry("SAG104", "data/x.parquet", "koen", good), "does not match"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Parse: %v, want %q", err, tt.want)
			}
			if err != nil && strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
		})
	}
	if _, err := Parse([]byte(entry("SAG102", "data/x.parquet", "koen", good))); err != nil {
		t.Errorf("a valid entry: %v", err)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte("{"), 0o644)
	tests := []struct{ path, want string }{
		{filepath.Join(dir, "missing.json"), "missing.json: baseline file does not exist"},
		{bad, "bad.json: not a valid saglig baseline"},
		{dir, "cannot read baseline"},
	}
	for _, tt := range tests {
		_, err := Load(tt.path)
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("Load(%s): %v, want one line with %q", tt.path, err, tt.want)
		}
	}
}

func TestHas(t *testing.T) {
	b, _ := newFile(fnd("SAG102", ds, "koen", "sex"))
	if f := fnd("SAG102", ds, "koen", "reworded"); !b.Has(f.FingerprintFor(mapFile)) {
		t.Error("the same finding, reworded, is not found")
	}
	if f := fnd("SAG102", "jobcenter/data/other.parquet", "koen", "sex"); b.Has(f.FingerprintFor(mapFile)) {
		t.Error("a finding in another dataset is found")
	}
}
