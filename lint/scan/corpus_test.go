package scan

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/saglig/saglig/lint/dataset"
)

var updateCorpus = flag.Bool("update-corpus", false, "rewrite the outcomes of internal/testfiles/corpus/outcomes.tsv from what saglig does now")

// corpusDir holds the files of apache/parquet-testing and
// apache/arrow-testing the tests read (internal/testfiles/corpus/README.md).
var corpusDir = filepath.Join("..", "..", "internal", "testfiles", "corpus")

// corpusOutcome is one line of outcomes.tsv: a file, what saglig does
// with it — "read N" (N rows, every column profiled) or "refused TEXT"
// (one line naming the file and containing TEXT) — and why.
type corpusOutcome struct {
	file, outcome, why string
}

func readOutcomes(t *testing.T) []corpusOutcome {
	t.Helper()
	f, err := os.Open(filepath.Join(corpusDir, "outcomes.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []corpusOutcome
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.SplitN(line, "\t", 3)
		for len(parts) < 3 {
			parts = append(parts, "")
		}
		out = append(out, corpusOutcome{parts[0], parts[1], parts[2]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// corpusReference reports whether a file of the corpus directory is not a
// data file: a licence, a README, the outcomes, or the values a corpus
// ships beside a data file (TestCorpusValues).
func corpusReference(base string) bool {
	return strings.HasPrefix(base, "LICENSE") || strings.HasPrefix(base, "NOTICE") || base == "outcomes.tsv" ||
		strings.HasSuffix(base, ".md") || strings.HasSuffix(base, "_expect.csv") || strings.HasSuffix(base, ".json.gz")
}

// lintCorpusFile opens and scans one file of the corpus as `saglig lint`
// does, every column profiled, under a 64 MiB budget and a time limit, and
// says what happened: "read N" or "refused MESSAGE". A file read with
// another number of rows than its metadata gives, or a column profiled
// over another number of rows than the file's, says so after "read N".
func lintCorpusFile(path string) string {
	lim := dataset.Limits{FileTimeout: 20 * time.Second}
	ds, errs := dataset.OpenEach([]string{path}, dataset.Options{Limits: lim})
	if len(errs) > 0 {
		return "refused " + errs[0].Error()
	}
	if len(ds) != 1 {
		return fmt.Sprintf("refused %d datasets", len(ds))
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	res, err := New().Profile(ctx, ds[0], Request{Memory: 64 << 20, Limits: lim})
	if err != nil {
		return "refused " + err.Error()
	}
	out := "read " + strconv.FormatInt(res.Rows, 10)
	if res.Rows != ds[0].Rows {
		out += fmt.Sprintf(", but the metadata has %d rows", ds[0].Rows)
	}
	for _, c := range ds[0].Columns {
		if p := res.Profiles[c.Path]; p == nil || p.Rows != res.Rows {
			out += fmt.Sprintf(", but column %q is not profiled over every row", c.Path)
		}
	}
	return out
}

// TestCorpus lints every file kept from the conformance corpora of Apache
// Parquet and Arrow (docs/formats.md, "Conformance corpora"): each valid
// file that another mature reader reads is read, with the rows its
// metadata has, every column over every row (TestCorpusValues compares
// the values of some with the values the corpora list); each file made to be refused — a wrong CRC, a malformed
// dictionary, a fuzzer's find — is refused with one line naming the file
// and its reason, never a panic, a hang or a blown memory budget. With
// -update-corpus the outcomes are rewritten (the reasons stay), to be
// reviewed in the diff.
func TestCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("the corpus takes a while")
	}
	cases := readOutcomes(t)
	have := map[string]bool{}
	err := filepath.WalkDir(corpusDir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(corpusDir, p)
		if !corpusReference(filepath.Base(rel)) {
			have[filepath.ToSlash(rel)] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, c := range cases {
		listed[c.file] = true
	}
	for f := range have {
		if !listed[f] {
			if !*updateCorpus {
				t.Errorf("%s has no outcome in outcomes.tsv (run with -update-corpus)", f)
			}
			cases = append(cases, corpusOutcome{file: f})
		}
	}
	slices.SortFunc(cases, func(a, b corpusOutcome) int { return strings.Compare(a.file, b.file) })
	for i := range cases {
		c := &cases[i]
		if !have[c.file] {
			t.Errorf("%s is in outcomes.tsv but not in the corpus", c.file)
			continue
		}
		path := filepath.Join(corpusDir, filepath.FromSlash(c.file))
		got := lintCorpusFile(path)
		if strings.HasPrefix(got, "refused ") {
			msg := strings.TrimPrefix(got, "refused ")
			if !strings.HasPrefix(msg, path+": ") && !strings.HasPrefix(msg, path+string(filepath.Separator)+": ") || strings.ContainsAny(msg, "\r\n") {
				t.Errorf("%s: refused without one line naming it: %q", c.file, msg)
			}
			got = "refused " + strings.TrimPrefix(msg, path+": ")
		}
		if *updateCorpus {
			if strings.HasPrefix(got, "refused ") && strings.HasPrefix(c.outcome, "refused ") && strings.Contains(got, strings.TrimPrefix(c.outcome, "refused ")) {
				continue // the expected text still matches
			}
			c.outcome = got
			continue
		}
		switch {
		case strings.HasPrefix(c.outcome, "read "):
			if got != c.outcome {
				t.Errorf("%s: %s, want %s (%s)", c.file, got, c.outcome, c.why)
			}
		case strings.HasPrefix(c.outcome, "refused "):
			if !strings.HasPrefix(got, "refused ") || !strings.Contains(got, strings.TrimPrefix(c.outcome, "refused ")) {
				t.Errorf("%s: %s, want %s (%s)", c.file, got, c.outcome, c.why)
			}
		default:
			t.Errorf("%s: outcome %q is neither read nor refused", c.file, c.outcome)
		}
	}
	if *updateCorpus {
		var b strings.Builder
		b.WriteString("# What saglig does with each file of internal/testfiles/corpus: read N (rows) or refused TEXT,\n")
		b.WriteString("# and why. Checked by TestCorpus (lint/scan); -update-corpus rewrites the outcomes.\n")
		for _, c := range cases {
			if !have[c.file] {
				continue
			}
			fmt.Fprintf(&b, "%s\t%s\t%s\n", c.file, c.outcome, c.why)
		}
		if err := os.WriteFile(filepath.Join(corpusDir, "outcomes.tsv"), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
