package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/saglig/saglig/internal/testfiles"
	"github.com/saglig/saglig/lint/classify/ident/identtest"
)

// citizen is a row of the redaction audit's dataset: direct identifiers in
// every shape a Danish register extract holds them.
type citizen struct {
	CPR      string `parquet:"cpr"`
	CPRInt   int64  `parquet:"cpr_int"`
	Name     string `parquet:"navn"`
	Email    string `parquet:"email"`
	Phone    string `parquet:"telefon"`
	PhoneInt int64  `parquet:"mobil"`
	Address  string `parquet:"adresse"`
	// A1 holds first names alone under a name that says nothing: the
	// values alone must make it a direct identifier.
	A1    string `parquet:"a1"`
	Score int32  `parquet:"score"`
	// Koen is protected and follows a1's first names, so that the proxy
	// rules fire on identifier columns, whose values they must not show.
	Koen string `parquet:"koen"`
	// Kode is an ordinary input with a rare value (fewer rows than
	// k-anonymity allows) that is all one sex: it must not be shown.
	Kode string `parquet:"kode"`
}

// redactionMap declares some identifiers as inputs, so that the rules on
// inputs fire, and leaves cpr_int and mobil undeclared.
const redactionMap = `version: 1
purpose:
  name: redaction-audit
  description: Ranks citizens for an early-support offer; a caseworker decides.
  context: employment
  allowed_contexts: [employment]
  output: score
  automated: false
  human_review: A caseworker decides every offer.
  transparency: The letter says a model was used.
  legal_basis: BEK § 1, stk. 1 og 4 (udstedt i medfør af § 52 a, stk. 2, i LBK nr. 254 af 1. marts 2024)
features:
  cpr:
    role: id
    source: CPR
  navn:
    source: CPR
    context: employment
  email:
    source: Jobcenterets sagssystem
    context: employment
  telefon:
    source: Jobcenterets sagssystem
    context: employment
  adresse:
    source: CPR
    context: employment
  a1:
    source: CPR
    context: employment
  score:
    role: target
    source: Jobcenterets sagssystem
  koen:
    role: protected
    source: CPR
  kode:
    source: Jobcenterets sagssystem
    context: employment
`

// The most common Danish first names (Danmarks Statistik's name
// statistics), so that the name detector fires; the
// surnames, e-mail domains and street names are made of random
// syllables, so that no output can hold one by accident.
var auditFirstNames = []string{"Anne", "Kirsten", "Mette", "Hanne", "Peter", "Jens", "Lars", "Michael", "Henrik", "Søren"}

// auditWomen is how many of auditFirstNames, from the first, are women's.
const auditWomen = 4

// rareCode is the rare value of kode: 6 rows carry it, fewer than the
// default k-anonymity of 10.
const rareCode = "Kzqvrare77"

var syllables = []string{"ka", "vu", "ril", "mo", "zan", "tre", "lis", "qua", "dor", "fex", "bly", "nor", "sy", "gwa", "jup"}

func word(rng *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(syllables[rng.IntN(len(syllables))])
	}
	return b.String()
}

// writeAuditDataset writes the audit's dataset of n rows and returns the
// strings no output may contain: every raw value and the distinctive parts
// of each (a CPR number's digits without the dash and its last six; a
// name's surname; an e-mail's local part and domain; a phone number's
// digits; an address's street).
func writeAuditDataset(t *testing.T, path string, n int) []string {
	t.Helper()
	rng := rand.New(rand.NewPCG(2026, 6))
	var rows []citizen
	secret := map[string]bool{}
	add := func(s ...string) {
		for _, v := range s {
			secret[v] = true
		}
	}
	rare := 0
	for i := range n {
		day, month, year, serial := 1+rng.IntN(28), 1+rng.IntN(12), rng.IntN(100), rng.IntN(10000)
		digits := fmt.Sprintf("%02d%02d%02d%04d", day, month, year, serial)
		cpr := digits[:6] + "-" + digits[6:]
		cprInt := int64(10+rng.IntN(19))*100_000_000 + int64(1+rng.IntN(12))*1_000_000 + int64(rng.IntN(100))*10_000 + int64(rng.IntN(10000))
		surname := strings.ToUpper(word(rng, 3)[:1]) + word(rng, 3)
		name := auditFirstNames[rng.IntN(len(auditFirstNames))] + " " + surname
		local := strings.ToLower(surname) + fmt.Sprint(100+i)
		domain := word(rng, 3) + ".dk"
		email := local + "@" + domain
		phoneDigits := fmt.Sprintf("%d%07d", 2+rng.IntN(8), rng.IntN(10_000_000))
		phone := "+45 " + phoneDigits[0:2] + " " + phoneDigits[2:4] + " " + phoneDigits[4:6] + " " + phoneDigits[6:8]
		phoneInt := int64(2+rng.IntN(8))*10_000_000 + int64(rng.IntN(10_000_000))
		street := strings.ToUpper(word(rng, 3)[:1]) + word(rng, 3) + "vej"
		address := fmt.Sprintf("%s %d, %d %s", street, 1+rng.IntN(200), 1000+rng.IntN(8000), "Aarhus")
		fi := rng.IntN(len(auditFirstNames))
		first := auditFirstNames[fi]
		koen, kode := "M", fmt.Sprintf("k%d", rng.IntN(4))
		if fi < auditWomen {
			koen = "K"
			if rare < 6 {
				kode = rareCode
				rare++
			}
		}
		rows = append(rows, citizen{CPR: cpr, CPRInt: cprInt, Name: name, Email: email, Phone: phone, PhoneInt: phoneInt,
			Address: address, A1: first, Score: int32(rng.IntN(100)), Koen: koen, Kode: kode})
		if len(first) >= 5 { // shorter ones (Anne, Jens) are parts of ordinary words
			add(first)
		}
		ci := fmt.Sprint(cprInt)
		add(cpr, digits, digits[4:], ci, ci[len(ci)-6:], name, surname, email, local, domain,
			phone, phoneDigits, phone[4:], fmt.Sprint(phoneInt), address, street)
	}
	if err := testfiles.WriteParquet(path, rows); err != nil {
		t.Fatal(err)
	}
	add(rareCode)
	out := make([]string, 0, len(secret))
	for s := range secret {
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}

// sha256Hex matches a SHA-256 digest in hex, as fingerprints are written.
var sha256Hex = regexp.MustCompile(`\b[0-9a-f]{64}\b`)

// TestRedactionAudit lints a dataset of CPR numbers (as text and as
// integers), names, e-mail addresses, phone numbers (as text and as
// integers) and street addresses — with a protected column the first names
// give away (the proxy rules fire on an identifier column) and a value
// fewer than k rows carry — in every output format at every log level, to
// stdout and to a file, in English and in Danish, writes and applies a
// baseline, profiles it and writes a starter map (both also in Danish), and
// checks that none of the raw values, nor any distinctive part of one,
// appears in anything saglig wrote: stdout, stderr (logs included) or a
// file.
func TestRedactionAudit(t *testing.T) {
	work := t.TempDir()
	if err := os.Mkdir(filepath.Join(work, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	secrets := writeAuditDataset(t, filepath.Join(work, "data", "borgere.parquet"), 300)
	// A second dataset: a column of every kind of identifier package ident
	// recognises, under meaningless names.
	idCols, idSecrets := identtest.AuditColumns(300, 2026)
	secrets = append(secrets, idSecrets...)
	if err := os.Mkdir(filepath.Join(work, "ids"), 0o755); err != nil {
		t.Fatal(err)
	}
	var idNames []string
	var idValues [][]string
	for _, c := range idCols {
		idNames, idValues = append(idNames, c.Name), append(idValues, c.Values)
	}
	if err := testfiles.WriteParquetStrings(filepath.Join(work, "ids", "konti.parquet"), idNames, idValues); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(work, "saglig.yaml"), []byte(redactionMap), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(work, "out"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(work)

	type output struct{ what, text string }
	var outputs []output
	sagligAudit := func(wantCode int, args ...string) (string, string) {
		t.Helper()
		code, stdout, stderr := sagligRun(args...)
		name := "saglig " + strings.Join(args, " ")
		if code != wantCode {
			t.Errorf("%s: exit %d, want %d; stderr:\n%s", name, code, wantCode, stderr)
		}
		outputs = append(outputs, output{name + " (stdout)", stdout}, output{name + " (stderr)", stderr})
		return stdout, stderr
	}
	readOutput := func(path string) {
		t.Helper()
		b, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			return
		}
		outputs = append(outputs, output{path, string(b)})
	}
	levels := []string{"debug", "info", "warn", "error"}
	for _, format := range []string{"text", "json", "sarif", "junit", "github", "markdown", "html"} {
		for _, level := range levels {
			sagligAudit(1, "lint", "--log-level", level, "--format", format, "data", "ids")
		}
		file := "out/report." + format
		sagligAudit(1, "lint", "--log-level", "debug", "--format", format, "-o", file, "data", "ids")
		readOutput(file)
		// In Danish: the findings, their value evidence and the
		// assessment are worded anew.
		daFile := "out/report-da." + format
		sagligAudit(1, "lint", "--lang", "da", "--log-level", "debug", "--format", format, "-o", daFile, "data", "ids")
		readOutput(daFile)
	}
	// Several reports from one run, and a format inferred from -o; the
	// stderr lines that say what was written and why the run fails.
	sagligAudit(1, "lint", "--log-level", "debug", "--format", "sarif:out/multi.sarif", "--format", "junit:out/multi.xml",
		"--format", "markdown", "-o", "out/multi.md", "data", "ids")
	sagligAudit(1, "lint", "--log-level", "info", "-o", "out/inferred.html", "data", "ids")
	for _, f := range []string{"out/multi.sarif", "out/multi.xml", "out/multi.md", "out/inferred.html"} {
		readOutput(f)
	}
	// SAG202 and SAG301 cannot be baselined: the runs with a baseline still fail.
	sagligAudit(1, "lint", "--log-level", "debug", "--write-baseline", "out/baseline.json", "data", "ids")
	readOutput("out/baseline.json")
	sagligAudit(1, "lint", "--log-level", "debug", "--baseline", "out/baseline.json", "--format", "json", "data", "ids")
	for _, level := range levels {
		sagligAudit(0, "profile", "--log-level", level, "data", "ids")
		sagligAudit(0, "profile", "--log-level", level, "--format", "json", "data", "ids")
		sagligAudit(0, "init", "--log-level", level, "--force", "-o", "out/starter-"+level+".yaml", "data", "ids")
		readOutput("out/starter-" + level + ".yaml")
	}
	// In Danish: the classifier's explanations and the guessed roles'
	// evidence are worded anew, in the profile and in the starter map.
	sagligAudit(0, "profile", "--lang", "da", "--log-level", "debug", "data", "ids")
	sagligAudit(0, "init", "--lang", "da", "--log-level", "debug", "--force", "-o", "out/starter-da.yaml", "data", "ids")
	readOutput("out/starter-da.yaml")

	// The identifiers were seen, not skipped: the report names them.
	stdout, _ := sagligAudit(1, "lint", "--format", "json", "data", "ids")
	var rep struct {
		Findings []struct{ Rule, Column string }
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("the JSON report: %v", err)
	}
	fired := map[string]bool{}
	for _, f := range rep.Findings {
		fired[f.Rule+" "+f.Column] = true
	}
	wanted := []string{"SAG301 cpr", "SAG301 navn", "SAG301 email", "SAG301 telefon", "SAG301 a1", "SAG001 cpr_int", "SAG001 mobil",
		"SAG104 a1", "SAG107 koen"}
	for _, c := range idCols {
		wanted = append(wanted, "SAG301 "+c.Name)
	}
	for _, want := range wanted {
		if !fired[want] {
			t.Errorf("no %s finding; findings: %v", want, rep.Findings)
		}
	}

	leaks := 0
	for _, o := range outputs {
		// A finding's fingerprint is the SHA-256 of its rule, dataset and
		// column (finding.Fingerprint), no value of the data; its 64 hex
		// digits can hold a run of digits that equals a secret by chance.
		text := sha256Hex.ReplaceAllString(o.text, "<fingerprint>")
		for _, s := range secrets {
			if strings.Contains(text, s) {
				leaks++
				if leaks <= 20 {
					t.Errorf("%s holds the raw value %q", o.what, s)
				}
			}
		}
	}
	if leaks > 20 {
		t.Errorf("and %d more leaks", leaks-20)
	}
	t.Logf("%d outputs checked for %d raw strings", len(outputs), len(secrets))
}
