package baseline

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saglig/saglig/lint"
	"github.com/saglig/saglig/lint/finding"
)

func result(fs ...finding.Finding) *lint.Result {
	r := &lint.Result{Map: "jobcenter/saglig.yaml", Findings: fs}
	r.Recount()
	return r
}

func fnd(rule, dataset, column, msg string) finding.Finding {
	return finding.Finding{Rule: rule, Severity: finding.Error, Dataset: dataset, Column: column, Message: msg}
}

const ds = "jobcenter/data/forloeb.parquet"

func TestNew(t *testing.T) {
	waived := fnd("SAG103", ds, "sygedage_12m", "health")
	waived.Waived = true
	baselined := fnd("SAG301", ds, "borger_cpr", "cpr")
	baselined.Baselined = true
	r := result(
		fnd("SAG102", ds, "koen", "sex"),
		fnd("SAG012", "", "", "no transparency"),
		waived,
		baselined,
		fnd("SAG104", ds, "postnr", "proxy for herkomst"),
		fnd("SAG104", ds, "postnr", "proxy for statsborgerskab"),
		fnd("SAG002", "", "antal_adresseskift_5aar", "no source"),
	)
	b := New(r)
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
		"SAG301 data/forloeb.parquet borger_cpr",
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
	b := New(result(fnd("SAG102", ds, "koen", `input "koen" <sex> & more`), fnd("SAG012", "", "", "x")))
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
	New(result()).Write(&empty)
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

func TestApply(t *testing.T) {
	old := result(fnd("SAG102", ds, "koen", "sex"), fnd("SAG012", "", "", "no transparency"), fnd("SAG301", ds, "borger_cpr", "cpr"))
	b := New(old)

	waived := fnd("SAG301", ds, "borger_cpr", "cpr")
	waived.Waived = true
	now := result(
		fnd("SAG102", ds, "koen", "sex, reworded"), // same finding, new message
		fnd("SAG012", "", "", "no transparency"),
		waived,                                                       // waived since: stays waived, not baselined
		fnd("SAG102", ds, "antal_adresseskift_5aar", "new"),          // new
		fnd("SAG102", "jobcenter/data/other.parquet", "koen", "new"), // same column, other dataset: new
	)
	n := b.Apply(now, "base.json")
	if n != 2 {
		t.Errorf("Apply marked %d, want 2", n)
	}
	want := []bool{true, true, false, false, false}
	for i, f := range now.Findings {
		if f.Baselined != want[i] {
			t.Errorf("finding %d (%s %s %s): baselined=%v, want %v", i, f.Rule, f.Dataset, f.Column, f.Baselined, want[i])
		}
	}
	if now.Summary.Baselined != 2 || now.Summary.Error != 2 || now.Summary.Waived != 1 {
		t.Errorf("summary not recounted: %+v", now.Summary)
	}
	if now.Baseline != "base.json" {
		t.Errorf("result.Baseline = %q", now.Baseline)
	}
	if !now.Fails(finding.Error) {
		t.Error("new findings must still fail the run")
	}
	// With only the old findings, nothing fails.
	only := result(fnd("SAG102", ds, "koen", "sex"), fnd("SAG012", "", "", "x"))
	b.Apply(only, "base.json")
	if only.Fails(finding.Info) {
		t.Error("baselined findings must not fail the run")
	}
}

// TestShrink: a fixed finding disappears from a rewritten baseline.
func TestShrink(t *testing.T) {
	r := result(fnd("SAG102", ds, "koen", "sex"), fnd("SAG012", "", "", "x"))
	first := New(r)
	r2 := result(fnd("SAG102", ds, "koen", "sex")) // SAG012 fixed
	first.Apply(r2, "b.json")
	second := New(r2)
	if len(first.Entries) != 2 || len(second.Entries) != 1 || second.Entries[0].Rule != "SAG102" {
		t.Errorf("rewritten baseline: %+v", second.Entries)
	}
}
