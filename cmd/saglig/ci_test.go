package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/lint/dataset"
)

// The files that wire saglig into CI, at the repository's root, checked
// against what saglig reads and what docs/ci.md says.

func readRoot(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestPreCommitHookFiles: the hook runs when a file saglig reads changes —
// the map, the baseline by its documented name, a dataset by any
// extension saglig reads as data, in any case — and not for others.
func TestPreCommitHookFiles(t *testing.T) {
	var hooks []struct {
		ID           string `yaml:"id"`
		Files        string `yaml:"files"`
		PassFilename bool   `yaml:"pass_filenames"`
	}
	if err := yaml.Unmarshal(readRoot(t, ".pre-commit-hooks.yaml"), &hooks); err != nil {
		t.Fatal(err)
	}
	if len(hooks) != 1 || hooks[0].ID != "saglig" || hooks[0].PassFilename {
		t.Fatalf("hooks = %+v, want one, saglig, without file names", hooks)
	}
	re, err := regexp.Compile(hooks[0].Files) // pre-commit's Python syntax is RE2's here
	if err != nil {
		t.Fatal(err)
	}
	match := []string{featuremap.DefaultName, "features/" + featuremap.DefaultName, "saglig-baseline.json", "features/saglig-baseline.json"}
	for _, ext := range dataset.Extensions() {
		match = append(match, "data/train"+ext, "data/year=2024/part-0"+strings.ToUpper(ext))
	}
	for _, p := range match {
		if !re.MatchString(p) {
			t.Errorf("the hook does not run when %s changes", p)
		}
	}
	for _, p := range []string{"saglig.yml", "old-saglig.yaml", "README.md", "data/train.csv", "data/train.parquet.bak", "saglig.yaml.orig"} {
		if re.MatchString(p) {
			t.Errorf("the hook runs when %s changes, which saglig does not read", p)
		}
	}
	// docs/ci.md's pattern for a project with a policy file: the policy
	// too, and all the hook's own.
	m := regexp.MustCompile(`(?m)^\s+files: (.*)$`).FindStringSubmatch(string(readRoot(t, "docs/ci.md")))
	if m == nil {
		t.Fatal("docs/ci.md shows no files: pattern")
	}
	custom, err := regexp.Compile(m[1])
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range append(match, "features/policy.yaml") {
		if !custom.MatchString(p) {
			t.Errorf("docs/ci.md's files: pattern does not run the hook when %s changes", p)
		}
	}
}

// TestActionInputsDocumented: docs/ci.md names every input and output of
// action.yml, and no other.
func TestActionInputsDocumented(t *testing.T) {
	var action struct {
		Inputs  map[string]any `yaml:"inputs"`
		Outputs map[string]any `yaml:"outputs"`
	}
	if err := yaml.Unmarshal(readRoot(t, "action.yml"), &action); err != nil {
		t.Fatal(err)
	}
	doc := string(readRoot(t, "docs/ci.md"))
	m := regexp.MustCompile("(?s)Its inputs: (.*?); its outputs: (.*?)\\.\n").FindStringSubmatch(doc)
	if m == nil {
		t.Fatal(`docs/ci.md has no "Its inputs: …; its outputs: …." sentence`)
	}
	for i, set := range []map[string]any{action.Inputs, action.Outputs} {
		var want, got []string
		for k := range set {
			want = append(want, k)
		}
		for _, q := range regexp.MustCompile("`([a-z-]+)`").FindAllStringSubmatch(m[i+1], -1) {
			got = append(got, q[1])
		}
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("docs/ci.md lists %v, action.yml has %v", got, want)
		}
	}
}

// ciDocCommands returns every saglig lint command docs/ci.md shows, each
// on one line: in code blocks, as written (a YAML folded block's lines
// joined, a shell line continued with a backslash joined), a pre-commit
// hook's args after the hook's entry, and in the text, an inline code
// span.
func ciDocCommands(doc, entry string) []string {
	var cmds []string
	lines := strings.Split(doc, "\n")
	indent := func(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }
	inCode := false
	args := regexp.MustCompile(`^\s*args: \[(.*)\]`)
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "```") {
			inCode = !inCode
			continue
		}
		if !inCode {
			for _, m := range regexp.MustCompile("`(saglig lint [^`]*)`").FindAllStringSubmatch(line, -1) {
				if m[1] != "saglig lint" {
					cmds = append(cmds, m[1])
				}
			}
			continue
		}
		switch {
		case strings.HasSuffix(trimmed, ">-"): // a YAML folded block
			var parts []string
			for i+1 < len(lines) && strings.TrimSpace(lines[i+1]) != "" && indent(lines[i+1]) > indent(line) {
				i++
				parts = append(parts, strings.TrimSpace(lines[i]))
			}
			if len(parts) > 0 && strings.HasPrefix(parts[0], "saglig lint") {
				cmds = append(cmds, strings.Join(parts, " "))
			}
		case strings.HasPrefix(trimmed, "saglig lint"):
			cmd := trimmed
			for strings.HasSuffix(cmd, `\`) && i+1 < len(lines) {
				i++
				cmd = strings.TrimSpace(strings.TrimSuffix(cmd, `\`)) + " " + strings.TrimSpace(lines[i])
			}
			cmds = append(cmds, cmd)
		case args.MatchString(line):
			cmd := entry
			for _, a := range strings.Split(args.FindStringSubmatch(line)[1], ",") {
				cmd += " " + strings.TrimSpace(a)
			}
			cmds = append(cmds, cmd)
		}
	}
	return cmds
}

// TestCIDocCommands: every saglig lint command docs/ci.md shows — the
// CI steps, the baseline workflow, the pre-commit hook's entry with the
// documented args — reads or writes one baseline, the same in every step,
// and testdata/script/ci_docs.txtar runs each as written.
func TestCIDocCommands(t *testing.T) {
	var hooks []struct {
		Entry string `yaml:"entry"`
	}
	if err := yaml.Unmarshal(readRoot(t, ".pre-commit-hooks.yaml"), &hooks); err != nil || len(hooks) != 1 {
		t.Fatalf("hooks %v, %v", hooks, err)
	}
	cmds := ciDocCommands(string(readRoot(t, "docs/ci.md")), hooks[0].Entry)
	if len(cmds) < 8 {
		t.Fatalf("docs/ci.md shows %d saglig lint commands, want the CI steps, the baseline workflow and the hook's: %q", len(cmds), cmds)
	}
	script, err := os.ReadFile(filepath.Join("testdata", "script", "ci_docs.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	run := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^exitcode \d+ (saglig lint .*)$`).FindAllStringSubmatch(string(script), -1) {
		run[m[1]] = true
	}
	const baseline = "features/saglig-baseline.json"
	for _, cmd := range cmds {
		fields := strings.Fields(cmd)
		n := 0
		for i, f := range fields {
			if (f == "--baseline" || f == "--write-baseline") && i+1 < len(fields) {
				n++
				if fields[i+1] != baseline {
					t.Errorf("%q: %s %s, while the other steps use %s", cmd, f, fields[i+1], baseline)
				}
			}
		}
		if n == 0 {
			t.Errorf("%q reads no baseline, while the other steps read %s", cmd, baseline)
		}
		if !run[cmd] {
			t.Errorf("%q is not run by testdata/script/ci_docs.txtar", cmd)
		}
	}
	// The action's baseline: input, too.
	for _, m := range regexp.MustCompile(`(?m)^\s+baseline: (\S+)`).FindAllStringSubmatch(string(readRoot(t, "docs/ci.md")), -1) {
		if m[1] != baseline {
			t.Errorf("the action's baseline: %s, while the other steps use %s", m[1], baseline)
		}
	}
}
