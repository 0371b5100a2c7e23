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
