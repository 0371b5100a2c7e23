package main

import (
	"bytes"
	"crypto/sha256"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// sagligRun runs the saglig command in-process and returns its exit code,
// stdout and stderr.
func sagligRun(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// entry is what a snapshot records of one file or directory.
type entry struct {
	mode  fs.FileMode
	size  int64
	mtime time.Time
	sum   [sha256.Size]byte
}

// snapshot records every file and directory under root: mode, size,
// modification time and, for files, the SHA-256 of the bytes.
func snapshot(t *testing.T, root string) map[string]entry {
	t.Helper()
	out := map[string]entry{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		st, err := os.Lstat(p)
		if err != nil {
			return err
		}
		e := entry{mode: st.Mode(), size: st.Size(), mtime: st.ModTime()}
		if st.Mode().IsRegular() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			e.sum = sha256.Sum256(b)
		}
		rel, _ := filepath.Rel(root, p)
		out[rel] = e
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// compareSnapshots reports every difference between two snapshots.
func compareSnapshots(t *testing.T, what string, before, after map[string]entry) {
	t.Helper()
	for p, b := range before {
		a, ok := after[p]
		switch {
		case !ok:
			t.Errorf("%s: %s was removed", what, p)
		case a.sum != b.sum || a.size != b.size:
			t.Errorf("%s: the bytes of %s changed", what, p)
		case !a.mtime.Equal(b.mtime):
			t.Errorf("%s: the modification time of %s changed from %v to %v", what, p, b.mtime, a.mtime)
		case a.mode != b.mode:
			t.Errorf("%s: the mode of %s changed from %v to %v", what, p, b.mode, a.mode)
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			t.Errorf("%s: %s appeared among the inputs", what, p)
		}
	}
}

// TestInputsUnchanged runs every command on a copy of the jobcenter
// example — lint in every format, to stdout and to a file, writing and
// applying a baseline, schema only, at every log level; init; profile;
// policy; rules; explain; version — and checks after each that no input
// changed: not a byte, not a modification time, not a mode, no file added
// or removed. Outputs pointed at an input are refused with exit code 2 and
// leave it as it was; outputs elsewhere are written whole, with no
// temporary file left beside them.
func TestInputsUnchanged(t *testing.T) {
	work := t.TempDir()
	in := filepath.Join(work, "in")
	if err := copyTree(filepath.Join("..", "..", "examples", "jobcenter"), in, func(rel string) bool {
		return rel == "gen" || strings.HasPrefix(rel, "gen"+string(filepath.Separator))
	}); err != nil {
		t.Fatal(err)
	}
	// Old modification times, so that a rewrite within the same clock
	// tick would still show.
	old := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, p := range []string{"in/saglig.yaml", "in/data/forloeb.parquet", "in/data", "in"} {
		if err := os.Chtimes(filepath.Join(work, p), old, old); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(work, "out")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	// A policy file among the inputs, outside the dataset.
	policy := filepath.Join(work, "policy.yaml")
	t.Chdir(work)
	code, pol, stderr := sagligRun("policy")
	if code != 0 {
		t.Fatalf("saglig policy: exit %d: %s", code, stderr)
	}
	if err := os.WriteFile(policy, []byte(pol), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(policy, old, old); err != nil {
		t.Fatal(err)
	}

	type step struct {
		args []string
		code int
		// output is a file the command must write (in out/).
		output string
		// refused is an input the command must refuse to write.
		refused string
	}
	var steps []step
	for _, format := range []string{"text", "json", "sarif", "junit", "github", "markdown", "html"} {
		steps = append(steps,
			step{args: []string{"lint", "--format", format, "in"}, code: 1},
			step{args: []string{"lint", "--format", format, "-o", "out/report." + format, "in"}, code: 1, output: "out/report." + format})
	}
	for _, level := range []string{"debug", "info", "warn", "error"} {
		steps = append(steps, step{args: []string{"lint", "--log-level", level, "--format", "json", "in"}, code: 1})
	}
	steps = append(steps,
		step{args: []string{"lint", "--map", "in/saglig.yaml", "in/data/forloeb.parquet"}, code: 1},
		step{args: []string{"lint", "--map", "in/saglig.yaml"}, code: 1},
		step{args: []string{"lint", "--policy", "policy.yaml", "in"}, code: 1},
		step{args: []string{"lint", "--schema-only", "in"}, code: 1},
		// SAG202 and SAG301 cannot be baselined: the runs with a baseline still fail on them.
		step{args: []string{"lint", "--write-baseline", "out/baseline.json", "in"}, code: 1, output: "out/baseline.json"},
		step{args: []string{"lint", "--baseline", "out/baseline.json", "-o", "out/baselined.json", "--format", "json", "in"}, code: 1, output: "out/baselined.json"},
		step{args: []string{"init", "-o", "out/starter.yaml", "in"}, code: 0, output: "out/starter.yaml"},
		step{args: []string{"init", "--schema-only", "-o", "out/starter-schema.yaml", "in/data/forloeb.parquet"}, code: 0, output: "out/starter-schema.yaml"},
		step{args: []string{"profile", "in"}, code: 0},
		step{args: []string{"profile", "--format", "json", "in/data/forloeb.parquet"}, code: 0},
		step{args: []string{"policy"}, code: 0},
		step{args: []string{"rules"}, code: 0},
		step{args: []string{"explain", "SAG102"}, code: 0},
		step{args: []string{"version"}, code: 0},
		// Outputs pointed at inputs.
		step{args: []string{"lint", "-o", "in/data/forloeb.parquet", "in"}, code: 2, refused: "in/data/forloeb.parquet"},
		step{args: []string{"lint", "--format", "json", "-o", "in/saglig.yaml", "in"}, code: 2, refused: "in/saglig.yaml"},
		step{args: []string{"lint", "--map", "in/saglig.yaml", "-o", "in/data/forloeb.parquet"}, code: 2, refused: "in/data/forloeb.parquet"},
		step{args: []string{"lint", "--policy", "policy.yaml", "-o", "policy.yaml", "in"}, code: 2, refused: "policy.yaml"},
		step{args: []string{"lint", "--write-baseline", "in/data/forloeb.parquet", "in"}, code: 2, refused: "in/data/forloeb.parquet"},
		step{args: []string{"lint", "--baseline", "out/baseline.json", "-o", "out/baseline.json", "in"}, code: 2, refused: "out/baseline.json"},
		// Rewriting the baseline read is how findings are accepted.
		step{args: []string{"lint", "--baseline", "out/baseline.json", "--write-baseline", "out/baseline.json", "in"}, code: 1, output: "out/baseline.json"},
		step{args: []string{"init", "--force", "-o", "in/data/forloeb.parquet", "in"}, code: 2, refused: "in/data/forloeb.parquet"},
	)
	before := snapshot(t, in)
	policyBefore := snapshot(t, policy)
	for _, s := range steps {
		name := strings.Join(s.args, " ")
		var baseBefore map[string]entry
		if s.refused == "out/baseline.json" {
			baseBefore = snapshot(t, filepath.Join(work, s.refused))
		}
		code, stdout, stderr := sagligRun(s.args...)
		if code != s.code {
			t.Errorf("saglig %s: exit %d, want %d; stderr:\n%s", name, code, s.code, stderr)
		}
		if strings.Contains(stderr, "goroutine ") || strings.Contains(stderr, "panic") {
			t.Errorf("saglig %s: a stack trace on stderr:\n%s", name, stderr)
		}
		if s.output != "" {
			if st, err := os.Stat(filepath.Join(work, s.output)); err != nil || st.Size() == 0 {
				t.Errorf("saglig %s: %s not written (%v)", name, s.output, err)
			}
		} else if s.refused == "" && strings.TrimSpace(stdout) == "" && s.args[0] != "init" {
			t.Errorf("saglig %s: nothing on stdout", name)
		}
		if s.refused != "" {
			want := "saglig: " + s.refused + ": refusing to overwrite an input"
			if !strings.HasPrefix(stderr, want) || strings.Count(stderr, "\n") != 1 {
				t.Errorf("saglig %s: stderr %q, want one line starting %q", name, stderr, want)
			}
		}
		compareSnapshots(t, "after saglig "+name, before, snapshot(t, in))
		compareSnapshots(t, "after saglig "+name, policyBefore, snapshot(t, policy))
		if baseBefore != nil {
			compareSnapshots(t, "after saglig "+name, baseBefore, snapshot(t, filepath.Join(work, s.refused)))
		}
	}
	left, _ := filepath.Glob(filepath.Join(work, "*", ".*.tmp"))
	if len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}
