package main

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saglig/saglig/internal/testfiles"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// readErrorsGolden holds, for each bad input of TestReadErrorsInBothLanguages,
// the line saglig prints on stderr in Danish and in English.
const readErrorsGolden = "testdata/read-errors.golden"

// readErrorCase is a bad input: its name in the golden file and how to lint
// it (PATH arguments, after --map and the language); dir is the work
// directory the inputs are written in.
type readErrorCase struct {
	name string
	args func(dir string) []string
}

// driftRow and driftText are one column x, an integer in one file and text
// in the other: a schema drift that no widening reconciles.
type (
	driftRow  struct{ X int64 }
	driftText struct{ X string }
)

// readErrorCases are the bad inputs the golden file shows: files the
// corrupt-file suite holds (by its case names) and datasets written here.
func readErrorCases(t *testing.T, dir string) []readErrorCase {
	t.Helper()
	suite, err := testfiles.WriteCorrupt(filepath.Join(dir, "suite"))
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]string{}
	for _, c := range suite {
		byName[c.Name] = c.Path
	}
	file := func(name string) func(string) []string {
		p, ok := byName[name]
		if !ok {
			t.Fatalf("the corrupt-file suite has no case %s", name)
		}
		return func(string) []string { return []string{p} }
	}
	// nth is the suite's nth case whose name starts with prefix (the
	// truncations are named by their size, which follows the writers').
	nth := func(prefix string, n int) func(string) []string {
		for _, c := range suite {
			if strings.HasPrefix(c.Name, prefix) {
				if n--; n < 0 {
					return file(c.Name)
				}
			}
		}
		t.Fatalf("the corrupt-file suite has too few cases %s…", prefix)
		return nil
	}
	drift := filepath.Join(dir, "drift")
	if err := os.MkdirAll(drift, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := testfiles.WriteParquet(filepath.Join(drift, "a.parquet"), []driftRow{{1}, {2}}); err != nil {
		t.Fatal(err)
	}
	if err := testfiles.WriteParquet(filepath.Join(drift, "b.parquet"), []driftText{{"x"}, {"y"}}); err != nil {
		t.Fatal(err)
	}
	writeTestFile(t, filepath.Join(dir, "people.csv"), []byte("a,b\n1,2\n"))
	// A Delta table whose log holds a line that is no JSON.
	badLog := filepath.Join(dir, "delta-bad-log", "_delta_log")
	if err := os.MkdirAll(badLog, 0o755); err != nil {
		t.Fatal(err)
	}
	writeTestFile(t, filepath.Join(badLog, "00000000000000000000.json"), []byte("{\"protocol\":{\"minReaderVersion\":1}}\nnot json\n"))
	fixture := func(rel string) func(string) []string {
		return func(string) []string {
			return []string{filepath.Join("..", "..", "lint", "source", filepath.FromSlash(rel))}
		}
	}
	url := func(u string) func(string) []string { return func(string) []string { return []string{u} } }
	return []readErrorCase{
		{"truncated Parquet", nth("parquet/truncated-at-", 5)},
		{"empty Parquet", file("parquet/empty")},
		{"wrong magic", file("parquet/wrong-magic")},
		{"too many columns", file("parquet/10000-columns")},
		{"too deep", file("parquet/deep-schema")},
		{"encrypted Parquet", file("parquet/encrypted")},
		{"footer of empty structs", file("parquet/footer-of-empty-structs")},
		{"truncated Arrow file", nth("arrow-file/truncated-at-", 5)},
		{"truncated Arrow stream", nth("arrow-stream/truncated-at-", 5)},
		{"Arrow stream of 10,000 columns", file("arrow-stream/10000-columns")},
		{"incompatible schema drift", func(string) []string { return []string{drift} }},
		{"CSV", func(dir string) []string { return []string{filepath.Join(dir, "people.csv")} }},
		{"no such file", func(dir string) []string { return []string{filepath.Join(dir, "nowhere.parquet")} }},
		{"unreadable Delta log", func(dir string) []string { return []string{filepath.Join(dir, "delta-bad-log")} }},
		{"Delta table with deletion vectors", fixture("delta/testdata/table-with-dv-small")},
		{"Iceberg column with an initial default", fixture("iceberg/testdata/add_columns_with_defaults")},
		{"Iceberg deletes", fixture("iceberg/testdata/deletion_vector")},
		{"object-store URL without a bucket", url("s3:///data/x.parquet")},
		{"object-store URL with credentials", url("s3://key:secret@bucket/x.parquet")},
	}
}

// TestReadErrorsInBothLanguages lints bad inputs — truncated, foreign and
// hostile files, a schema drift no type reconciles — with --lang da and
// --lang en, and compares what saglig prints on stderr with the golden
// file, where a reviewer reads each message in both languages side by
// side (-update rewrites it). Each run exits 2 with one line per file
// naming it first; JSON's errors keep their English message for tools.
func TestReadErrorsInBothLanguages(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("# What saglig prints on stderr for each bad input, in Danish and English\n# (TestReadErrorsInBothLanguages; $WORK is the test's directory).\n")
	for _, c := range readErrorCases(t, dir) {
		b.WriteString("\n## " + c.name + "\n")
		paths := c.args(dir)
		for _, lang := range []string{"da", "en"} {
			args := append([]string{"lint", "--lang", lang, "--map", corruptMapForRun, "--workers", "1"}, paths...)
			code, _, stderr := runSaglig(t, args...)
			if code != exitFailure {
				t.Errorf("%s (%s): exit %d, want 2; stderr %q", c.name, lang, code, stderr)
			}
			if stderr == "" || !strings.HasSuffix(stderr, "\n") {
				t.Errorf("%s (%s): stderr %q", c.name, lang, stderr)
			}
			for _, line := range strings.Split(strings.TrimSuffix(stderr, "\n"), "\n") {
				if !strings.HasPrefix(line, "saglig: ") || strings.Contains(line, "panic") {
					t.Errorf("%s (%s): not one error a line: %q", c.name, lang, line)
				}
				b.WriteString(lang + ": " + strings.ReplaceAll(line, dir, "$WORK") + "\n")
			}
		}
	}
	got := b.String()
	if *update {
		if err := os.WriteFile(readErrorsGolden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(readErrorsGolden)
	if err != nil {
		t.Fatalf("%v (run go test -run TestReadErrorsInBothLanguages -update)", err)
	}
	if got != string(want) {
		t.Errorf("stderr differs from %s (go test -run TestReadErrorsInBothLanguages -update rewrites it):\n%s", readErrorsGolden, got)
	}
}

// TestReadErrorsJSONStayEnglish checks that a report's errors keep their
// English message in JSON whatever the language, for tools, while stderr
// speaks the run's language.
func TestReadErrorsJSONStayEnglish(t *testing.T) {
	dir := t.TempDir()
	good, err := os.ReadFile("../../examples/jobcenter/data/forloeb.parquet")
	if err != nil {
		t.Fatal(err)
	}
	writeTestFile(t, filepath.Join(dir, "good.parquet"), good)
	bad := filepath.Join(dir, "bad.parquet")
	writeTestFile(t, bad, []byte("PAR1 this is no Parquet file"))
	code, stdout, stderr := runSaglig(t, "lint", "--lang", "da", "--map", corruptMapForRun, "--format", "json", dir)
	if code != exitFailure {
		t.Fatalf("exit %d, want 2; stderr %q", code, stderr)
	}
	if want := "saglig: " + bad + ": afkortet fil (28 bytes): ingen footer (filen slutter ikke med PAR1)\n"; stderr != want {
		t.Errorf("stderr %q, want %q", stderr, want)
	}
	var res struct {
		Errors []struct{ Path, Message string } `json:"errors"`
	}
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	if len(res.Errors) != 1 || res.Errors[0].Path != bad || res.Errors[0].Message != "truncated file (28 bytes): no footer (the file does not end with PAR1)" {
		t.Errorf("JSON errors %+v", res.Errors)
	}
}
