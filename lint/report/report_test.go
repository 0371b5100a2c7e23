package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"fmt"
	"html"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/rules"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// goldenExt is the file extension of each format's golden file.
var goldenExt = map[string]string{
	"text": "txt", "json": "json", "sarif": "sarif", "junit": "xml",
	"github": "github.txt", "markdown": "md", "html": "html",
}

func render(t *testing.T, format string, r *lint.Result) []byte {
	t.Helper()
	p, err := New(format, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := p.Print(&buf, r); err != nil {
		t.Fatalf("%s: %v", format, err)
	}
	return buf.Bytes()
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./lint/report -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test ./lint/report -update and review the diff)\n%s", path, firstDiff(want, got))
	}
}

// firstDiff shows the first line that differs.
func firstDiff(want, got []byte) string {
	w, g := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return "line " + strconv.Itoa(i+1) + ":\n- " + a + "\n+ " + b
		}
	}
	return ""
}

// TestFormatsCovered makes sure every registered format has a golden file,
// so a new format cannot ship untested.
func TestFormatsCovered(t *testing.T) {
	want := []string{"github", "html", "json", "junit", "markdown", "sarif", "text"}
	if got := strings.Join(Formats(), ","); got != strings.Join(want, ",") {
		t.Fatalf("formats = %s, want %s", got, strings.Join(want, ","))
	}
	for _, f := range want {
		if goldenExt[f] == "" {
			t.Errorf("format %s has no golden file", f)
		}
	}
}

// ruleProse replaces the rule catalogue's prose — documentation, examples,
// legal sources and quotations, which the rules package owns and edits —
// with markers in a rendered report, so that the golden files pin what the
// printers do and not the wording of the rules. TestSARIFContent and
// TestHTMLRuleText check that the prose itself is there.
func ruleProse(format string, out []byte) []byte {
	type piece struct{ text, marker string }
	var pieces []piece
	for _, r := range rules.All() {
		pieces = append(pieces, piece{r.Doc, "«" + r.ID + " doc»"}, piece{r.OrderDoc, "«" + r.ID + " order doc»"},
			piece{r.Bad, "«" + r.ID + " bad»"}, piece{r.Good, "«" + r.ID + " good»"},
			piece{r.Danish().Doc, "«" + r.ID + " doc da»"}, piece{r.Danish().OrderDoc, "«" + r.ID + " order doc da»"},
			piece{r.Danish().Bad, "«" + r.ID + " bad da»"}, piece{r.Danish().Good, "«" + r.ID + " good da»"})
		for _, c := range r.Legal {
			pieces = append(pieces, piece{c.Danish, "«" + c.Ref + " da»"}, piece{c.English, "«" + c.Ref + " en»"}, piece{c.Source, "«source»"})
		}
	}
	// Longer first: one provision's quotation can contain another's.
	sort.SliceStable(pieces, func(i, j int) bool { return len(pieces[i].text) > len(pieces[j].text) })
	s := string(out)
	for _, p := range pieces {
		if len(p.text) < 40 {
			// Too short to be prose only the rules own ("over en given
			// periode" is also a condition's title).
			continue
		}
		// As written, as plain text (Danish marks code), and in HTML
		// as a rule's documentation is laid out.
		forms := []string{p.text, rules.Plain(p.text)}
		if format == "html" {
			forms = []string{string(docHTML(p.text)), template.HTMLEscapeString(p.text),
				template.HTMLEscapeString(strings.Join(strings.Fields(rules.Plain(p.text)), " "))}
		}
		for _, enc := range forms {
			if format == "sarif" || format == "json" {
				var buf bytes.Buffer
				e := json.NewEncoder(&buf)
				e.SetEscapeHTML(false)
				e.Encode(enc)
				enc = strings.TrimSuffix(strings.TrimSpace(buf.String()), `"`)[1:]
			}
			s = strings.ReplaceAll(s, enc, p.marker)
		}
	}
	return []byte(s)
}

func TestGolden(t *testing.T) {
	for _, format := range Formats() {
		t.Run(format, func(t *testing.T) {
			got := render(t, format, fixture())
			golden(t, "fixture."+goldenExt[format], ruleProse(format, got))
			if again := render(t, format, fixture()); !bytes.Equal(got, again) {
				t.Errorf("%s output is not deterministic", format)
			}
		})
	}
}

// emptyResult is a clean run: no findings, no datasets measured.
func emptyResult() *lint.Result {
	return &lint.Result{Tool: lint.Tool{Name: "saglig", Version: "v1.2.3"}, Map: "saglig.yaml", Policy: "default",
		Purpose:  &lint.Purpose{Name: "clean"},
		Datasets: []lint.DatasetSummary{{Path: "data/x.parquet", Format: "parquet", Rows: 10, Files: 1, Columns: []lint.ColumnSummary{{Path: "a", Type: "int64", Declared: true, Role: "input"}}}},
		Findings: []finding.Finding{}}
}

// TestGoldenEmpty covers a clean run.
func TestGoldenEmpty(t *testing.T) {
	r := emptyResult()
	for _, format := range Formats() {
		t.Run(format, func(t *testing.T) {
			golden(t, "empty."+goldenExt[format], ruleProse(format, render(t, format, r)))
		})
	}
}

// TestEscaping proves that the hostile column name is shown, escaped, and
// never as markup.
func TestEscaping(t *testing.T) {
	tests := []struct {
		format  string
		forbid  []string
		require []string
	}{
		{"html", []string{"<script", `alert("x")`}, []string{"note&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&#34;&amp;amp;"}},
		{"markdown", []string{"<script"}, []string{`note&lt;script&gt;alert("x")&lt;/script&gt;"&amp;amp;`}},
		{"junit", nil, []string{`name="note&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&#34;&amp;amp;"`}},
		{"github", nil, []string{`note<script>alert("x")</script>"&amp;`}},
		{"sarif", nil, []string{`"name": "note<script>alert(\"x\")</script>\"&amp;"`}},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			out := string(render(t, tt.format, fixture()))
			checkContains(t, out, tt.forbid, tt.require)
		})
	}
}

func loadSARIFSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	const url = "https://json.schemastore.org/sarif-2.1.0.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// TestSARIFSchema validates every SARIF golden file, and a fresh rendering,
// against the official SARIF 2.1.0 schema.
func TestSARIFSchema(t *testing.T) {
	sch := loadSARIFSchema(t)
	files, err := filepath.Glob(filepath.Join("testdata", "*.sarif"))
	if err != nil || len(files) < 2 {
		t.Fatalf("SARIF golden files: %v %v", files, err)
	}
	docs := map[string][]byte{"fresh": render(t, "sarif", fixture())}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		docs[f] = b
	}
	for name, b := range docs {
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := sch.Validate(v); err != nil {
			t.Errorf("%s does not validate against the SARIF 2.1.0 schema: %v", name, err)
		}
	}
	// The schema must be able to reject: a result without a message is invalid.
	bad := `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"ruleId":"SAG001"}]}]}`
	v, _ := jsonschema.UnmarshalJSON(strings.NewReader(bad))
	if sch.Validate(v) == nil {
		t.Error("the schema accepted a result without a message")
	}
}

func TestSARIFContent(t *testing.T) {
	r := fixture()
	var log sarifLog
	if err := json.Unmarshal(render(t, "sarif", r), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if got, want := len(run.Tool.Driver.Rules), len(rules.All()); got != want {
		t.Errorf("driver has %d rules, want every rule (%d)", got, want)
	}
	for _, rule := range run.Tool.Driver.Rules {
		reg, err := rules.Lookup(rule.ID)
		if err != nil {
			t.Fatal(err)
		}
		if rule.FullDescription.Text == "" || rule.Help.Markdown == "" || rule.ShortDescription.Text == "" ||
			len(rule.Properties.Tags) != 1+len(reg.LegalIn(r.Purpose.Scope())) || rule.DefaultConfiguration.Level != sarifLevel(reg.Severity) {
			t.Errorf("rule %s lacks documentation, level or legal tags: %s %v", rule.ID, rule.DefaultConfiguration.Level, rule.Properties.Tags)
		}
		for _, c := range reg.LegalIn(r.Purpose.Scope()) { // the fixture is a job centre's: the order applies
			if !strings.Contains(rule.Help.Markdown, c.Danish) || !strings.Contains(rule.Help.Text, c.English) {
				t.Errorf("rule %s: help lacks the legal text of %s", rule.ID, c.Ref)
			}
		}
	}
	if len(run.Results) != len(r.Findings) {
		t.Fatalf("%d results for %d findings", len(run.Results), len(r.Findings))
	}
	for i, res := range run.Results {
		f := &r.Findings[i]
		if run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID || res.RuleID != f.Rule {
			t.Errorf("result %d: ruleId %s, ruleIndex %d, finding %s", i, res.RuleID, res.RuleIndex, f.Rule)
		}
		if got, want := res.PartialFingerprints[finding.FingerprintVersion], f.FingerprintFor(r.Map); got != want {
			t.Errorf("result %d: fingerprint %s, want %s", i, got, want)
		}
		loc := res.Locations[0].PhysicalLocation
		switch {
		case f.Pos != nil:
			if loc.ArtifactLocation.URI != fxMap || loc.Region == nil || loc.Region.StartLine != f.Pos.Line {
				t.Errorf("result %d: location %+v, want the map at line %d", i, loc, f.Pos.Line)
			}
		case f.Dataset != "":
			if loc.ArtifactLocation.URI != fxData || loc.Region == nil || loc.Region.StartLine != 1 {
				t.Errorf("result %d: location %+v, want the dataset at line 1", i, loc)
			}
		}
		if loc.ArtifactLocation.URIBaseID != "%SRCROOT%" {
			t.Errorf("result %d: uriBaseId %q", i, loc.ArtifactLocation.URIBaseID)
		}
		suppressed := f.Waived || (f.Accepted != nil && f.Accepted.By == finding.ByRelevance)
		if suppressed != (len(res.Suppressions) == 1) || (suppressed && !strings.HasSuffix(res.Suppressions[0].Justification, f.Accepted.Reason)) {
			t.Errorf("result %d: suppressions %+v for %+v", i, res.Suppressions, f.Accepted)
		}
		if want := map[bool]string{true: "unchanged", false: "new"}[f.Baselined]; res.BaselineState != want {
			t.Errorf("result %d: baselineState %q, want %q", i, res.BaselineState, want)
		}
	}
}

func TestJUnitStructure(t *testing.T) {
	r := fixture()
	var doc junitSuites
	if err := xml.Unmarshal(render(t, "junit", r), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Suites) != 2 {
		t.Fatalf("%d suites, want the map's and the dataset's", len(doc.Suites))
	}
	tests, failures, skipped, failureElems := 0, 0, 0, 0
	for _, s := range doc.Suites {
		if s.Tests != len(s.Cases) {
			t.Errorf("suite %s: tests=%d for %d cases", s.Name, s.Tests, len(s.Cases))
		}
		f, sk := 0, 0
		for _, c := range s.Cases {
			if len(c.Failures) > 0 {
				f++
			} else if c.Skipped != nil {
				sk++
			}
			failureElems += len(c.Failures)
		}
		if s.Failures != f || s.Skipped != sk {
			t.Errorf("suite %s: failures=%d skipped=%d, counted %d %d", s.Name, s.Failures, s.Skipped, f, sk)
		}
		tests, failures, skipped = tests+s.Tests, failures+s.Failures, skipped+s.Skipped
	}
	if doc.Tests != tests || doc.Failures != failures || doc.Skipped != skipped {
		t.Errorf("testsuites totals %d/%d/%d, suites sum to %d/%d/%d", doc.Tests, doc.Failures, doc.Skipped, tests, failures, skipped)
	}
	if open := r.Summary.Error + r.Summary.Warning + r.Summary.Info; failureElems != open {
		t.Errorf("%d failure elements for %d open findings", failureElems, open)
	}
	ds := doc.Suites[1]
	if ds.Name != fxData || len(ds.Cases) != 1+len(r.Datasets[0].Columns) {
		t.Errorf("dataset suite %s has %d cases, want (purpose) + %d columns", ds.Name, len(ds.Cases), len(r.Datasets[0].Columns))
	}
	byName := map[string]junitCase{}
	for _, c := range ds.Cases {
		byName[c.Name] = c
	}
	if c := byName["sygedage_12m"]; c.Skipped == nil || !strings.HasPrefix(c.Skipped.Message, "SAG103 special-category: waived until 30 June 2027: Lawful basis") {
		t.Errorf("waived column: %+v", c)
	}
	if c := byName["uddannelsesniveau"]; len(c.Failures) != 0 || c.Skipped != nil {
		t.Errorf("column without findings must pass: %+v", c)
	}
	if c := byName["postnr"]; len(c.Failures) != 3 || c.Failures[0].Type != "SAG104" {
		t.Errorf("postnr: %+v", c)
	}
	if c, ok := byName[evilColumn]; !ok || len(c.Failures) != 1 || c.Failures[0].Type != "SAG001" {
		t.Errorf("the hostile column name does not survive the XML round trip: %+v", c)
	}
	if c := byName["(purpose)"]; len(c.Failures) != 1 || c.Failures[0].Type != "SAG203" {
		t.Errorf("(purpose): %+v", c)
	}
}

func TestGitHubEscaping(t *testing.T) {
	tests := []struct{ in, data, prop string }{
		{"plain", "plain", "plain"},
		{"100% sure", "100%25 sure", "100%25 sure"},
		{"a\nb\r\nc", "a%0Ab%0D%0Ac", "a%0Ab%0D%0Ac"},
		{"x: y, z", "x: y, z", "x%3A y%2C z"},
		{"%0A", "%250A", "%250A"},
	}
	for _, tt := range tests {
		if got := githubData(tt.in); got != tt.data {
			t.Errorf("githubData(%q) = %q, want %q", tt.in, got, tt.data)
		}
		if got := githubProperty(tt.in); got != tt.prop {
			t.Errorf("githubProperty(%q) = %q, want %q", tt.in, got, tt.prop)
		}
	}
}

func TestGitHubAnnotations(t *testing.T) {
	r := fixture()
	out := string(render(t, "github", r))
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	open := r.Summary.Error + r.Summary.Warning + r.Summary.Info
	if len(lines) != open+1 {
		t.Fatalf("%d lines for %d open findings and a summary:\n%s", len(lines), open, out)
	}
	cmd := regexp.MustCompile(`^::(error|warning|notice) file=[^,:]+(,line=\d+(,col=\d+)?)?,title=SAG\d{3} [a-z-]+::[^\n]+$`)
	for _, l := range lines[:open] {
		if !cmd.MatchString(l) {
			t.Errorf("not a workflow command: %s", l)
		}
	}
	if !strings.Contains(out, "::error file=examples/jobcenter/saglig.yaml,line=80,col=3,title=SAG102 irrelevant-characteristic::") {
		t.Error("koen's SAG102 is not annotated at its declaration")
	}
	// A purpose-level finding is annotated at the map's purpose: key,
	// not on the dataset.
	if !strings.Contains(out, "::error file=examples/jobcenter/saglig.yaml,line=6,col=1,title=SAG203 unknown-condition::") {
		t.Error("SAG203 is not annotated at the purpose")
	}
	if !strings.Contains(out, "::notice ") || !strings.Contains(out, "::warning ") {
		t.Error("info and warning findings must be ::notice and ::warning")
	}
	if strings.Contains(out, "SAG103") || strings.Contains(out, "title=SAG002") || strings.Contains(out, "postnr: input \"postnr\" is declared category residential-area") {
		t.Error("findings accepted on the record (waived, baselined, relevance documented) were annotated")
	}
	if !strings.Contains(out, "title=SAG301") {
		t.Error("SAG301, which the baseline may not accept, is not annotated")
	}
	if !strings.HasPrefix(lines[len(lines)-1], "saglig: ") {
		t.Errorf("no summary line: %s", lines[len(lines)-1])
	}
}

func TestMarkdownText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"emb_*", `emb\_\*`},
		{"a|b", `a\|b`},
		{"<b>&", "&lt;b&gt;&amp;"},
		{"[x](y)", `\[x\](y)`},
	}
	for _, tt := range tests {
		if got := mdText(tt.in); got != tt.want {
			t.Errorf("mdText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := mdCell("a\nb"); got != "a<br>b" {
		t.Errorf("mdCell = %q", got)
	}
}

func TestHTMLSelfContained(t *testing.T) {
	out := string(render(t, "html", fixture()))
	for _, bad := range []string{"<script", "<link", " src=", "@import", "url(http", "<iframe"} {
		if strings.Contains(strings.ToLower(out), bad) {
			t.Errorf("the report must be self-contained and script-free; it contains %q", bad)
		}
	}
	for _, want := range []string{`id="summary"`, `id="assessment"`, `id="heatmap"`, `id="period"`, `id="inventory"`, `id="findings"`, `id="accepted"`, `id="rules"`, `id="methods"`, `<svg class="heatmap"`,
		`<svg class="period"`, `id="rule-SAG104"`, "@media print", "Lawful basis under GDPR art. 9(2)(b)", "0101••-••••"} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	// Every heatmap cell carries its value.
	for _, v := range []string{">0.61<", ">0.34<", ">0.01<", ">0.24<"} {
		if !strings.Contains(out, v) {
			t.Errorf("heatmap lacks the value %s", v)
		}
	}
}

// TestHTMLRuleText checks that the rules that fired are in the report with
// their documentation in its language, reflowed (no line breaks of the
// source), and their legal text, escaped; the English gloss only in
// English.
func TestHTMLRuleText(t *testing.T) {
	r := fixture()
	tags := regexp.MustCompile(`<[^>]*>`)
	for _, lang := range i18n.Langs() {
		t.Run(string(lang), func(t *testing.T) {
			p, err := New("html", Options{Lang: lang})
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := p.Print(&buf, r); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			text := strings.NewReplacer("<code>", "", "</code>", "").Replace(out)
			text = strings.Join(strings.Fields(html.UnescapeString(tags.ReplaceAllString(text, " "))), " ")
			for _, rule := range firedRules(r) {
				if !strings.Contains(out, `id="rule-`+rule.ID+`"`) {
					t.Errorf("%s is not in the report", rule.ID)
				}
				// The documentation's words in order, with the
				// paragraphs and items it holds.
				for _, para := range strings.Split(rules.Plain(rule.In(lang).Doc), "\n\n") {
					para = strings.TrimPrefix(strings.Join(strings.Fields(para), " "), "- ")
					if words := strings.Fields(para); len(words) > 8 && !strings.Contains(text, strings.Join(words[:8], " ")) {
						t.Errorf("%s: the report lacks the paragraph %.60q", rule.ID, para)
					}
				}
				if strings.Contains(out, strings.SplitN(rule.In(lang).Doc, "\n", 2)[0]+"\n") {
					t.Errorf("%s: the documentation keeps the source's line breaks", rule.ID)
				}
				for _, c := range rule.LegalIn(r.Purpose.Scope()) {
					if !strings.Contains(out, template.HTMLEscapeString(c.Danish)) {
						t.Errorf("%s: the report lacks the legal text of %s", rule.ID, c.Ref)
					}
					// (A short gloss, "over a certain period of time", is
					// also the fixture's condition title.)
					if gloss := strings.Contains(out, template.HTMLEscapeString(c.English)); gloss != (lang == i18n.English) && len(c.English) > 40 {
						t.Errorf("%s: the English gloss of %s shown: %v", rule.ID, c.Ref, gloss)
					}
				}
			}
			if strings.Contains(out, `id="rule-SAG011"`) {
				t.Error("a rule that did not fire is in the report")
			}
		})
	}
}

func TestHeatColour(t *testing.T) {
	tests := []struct {
		v         float64
		fill, ink string
	}{
		{-1, "#fff5f0", "#000000"},
		{0, "#fff5f0", "#000000"},
		{0.3, "#fc9272", "#000000"},
		{0.6, "#ef3b2c", "#000000"},
		{0.8, "#c1131a", "#ffffff"},
		{1, "#99000d", "#ffffff"},
		{2, "#99000d", "#ffffff"},
	}
	for _, tt := range tests {
		if f, i := heatColour(tt.v); f != tt.fill || i != tt.ink {
			t.Errorf("heatColour(%v) = %s %s, want %s %s", tt.v, f, i, tt.fill, tt.ink)
		}
	}
	// Every cell's figure reads at WCAG AA contrast (4.5:1).
	rgb := func(hex string) (int, int, int) {
		var r, g, b int
		fmt.Sscanf(hex, "#%02x%02x%02x", &r, &g, &b)
		return r, g, b
	}
	for v := 0.0; v <= 1; v += 0.01 {
		f, i := heatColour(v)
		lf, li := luminance(rgb(f)), luminance(rgb(i))
		if c := (max(lf, li) + 0.05) / (min(lf, li) + 0.05); c < 4.5 {
			t.Errorf("heatColour(%.2f) = %s on %s: contrast %.2f", v, i, f, c)
		}
	}
}

func TestPercent(t *testing.T) {
	for _, tt := range []struct {
		in   float64
		want string
	}{{0, "0%"}, {1, "100%"}, {0.68056, "68.1%"}, {0.93, "93%"}, {0.0004, "0%"}} {
		if got := percent(i18n.For(i18n.English), tt.in); got != tt.want {
			t.Errorf("percent(%v) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestNiceCeil(t *testing.T) {
	for _, tt := range []struct{ in, want float64 }{{0, 1}, {30, 30}, {730, 800}, {1004, 1200}, {100, 100}, {101, 120}, {1.5, 1.5}, {9000, 10000}} {
		if got := niceCeil(tt.in); got != tt.want {
			t.Errorf("niceCeil(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestWriteFile writes every format through WriteFile: atomically, and
// never over an input.
func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	input := filepath.Join(dir, "saglig.yaml")
	if err := os.WriteFile(input, []byte("version: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, format := range Formats() {
		p, _ := New(format, Options{})
		out := filepath.Join(dir, "report."+goldenExt[format])
		if err := WriteFile(out, []string{input}, func(w io.Writer) error { return p.Print(w, fixture()) }); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if b, _ := os.ReadFile(out); !bytes.Equal(b, render(t, format, fixture())) {
			t.Errorf("%s: the file differs from the printed report", format)
		}
		err := WriteFile(input, []string{input}, func(w io.Writer) error { return p.Print(w, fixture()) })
		if err == nil || !strings.Contains(err.Error(), "refusing to overwrite an input") {
			t.Errorf("%s: writing over the map: %v", format, err)
		}
	}
	if b, _ := os.ReadFile(input); string(b) != "version: 1\n" {
		t.Error("the input was changed")
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".*.tmp"))
	if len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

// checkContains fails unless out holds every string of require and none
// of forbid.
func checkContains(t *testing.T, out string, forbid, require []string) {
	t.Helper()
	for _, s := range forbid {
		if strings.Contains(out, s) {
			t.Errorf("output contains %q", s)
		}
	}
	for _, s := range require {
		if !strings.Contains(out, s) {
			t.Errorf("output lacks %q", s)
		}
	}
}

// TestAnchor: SARIF and annotations show a finding at its position in the
// map, else on the dataset, else on the map.
func TestAnchor(t *testing.T) {
	r := &lint.Result{Map: "saglig.yaml"}
	at := &featuremap.Pos{File: "saglig.yaml", Line: 6, Col: 1}
	for _, tt := range []struct {
		f         finding.Finding
		path      string
		line, col int
	}{
		{finding.Finding{Rule: "SAG202", Dataset: "data", Pos: at}, "saglig.yaml", 6, 1},
		{finding.Finding{Rule: "SAG001", Dataset: "data/x.parquet", Column: "a"}, "data/x.parquet", 0, 0},
		{finding.Finding{Rule: "SAG010", Pos: &featuremap.Pos{File: "saglig.yaml"}}, "saglig.yaml", 0, 0},
		{finding.Finding{Rule: "SAG010"}, "saglig.yaml", 0, 0},
	} {
		path, line, col := anchor(r, &tt.f)
		if path != tt.path || line != tt.line || col != tt.col {
			t.Errorf("%s: anchor %s:%d:%d, want %s:%d:%d", tt.f.Rule, path, line, col, tt.path, tt.line, tt.col)
		}
	}
}

func TestWrapKeepsThePercentSign(t *testing.T) {
	for _, tt := range []struct {
		text  string
		width int
		want  []string
	}{
		// Danish writes a space before the percent sign: the number and
		// its sign stay on one line.
		{"er 98,1 % (95 %-interval 93 %–99 %)", 16, []string{"h er 98,1 %", "  (95 %-interval", "  93 %–99 %)"}},
		{"share 98.1% of rows", 12, []string{"h share", "  98.1% of", "  rows"}},
	} {
		got := wrap("h", tt.text, "  ", tt.width)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("wrap(%q, %d) = %q, want %q", tt.text, tt.width, got, tt.want)
		}
	}
}
