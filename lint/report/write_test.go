package report

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWriteFileInputs checks what WriteFile counts as an input: an input
// file, a file an input glob matches, and a data file in or below an input
// directory; a new report beside the data, or an existing file that is not
// data, may be written.
func TestWriteFileInputs(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	deep := filepath.Join(data, "year=2024")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"data/a.parquet":          "PAR1 not really PAR1",
		"data/year=2024/b.arrow":  "ARROW1 not really ARROW1",
		"data/renamed.bin":        "PAR1 a Parquet file by its magic PAR1",
		"data/old-report.json":    "{}",
		"saglig.yaml":             "version: 1\n",
		"elsewhere/other.parquet": "PAR1 outside the inputs PAR1",
	}
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	in := func(names ...string) []string {
		var out []string
		for _, n := range names {
			out = append(out, filepath.Join(dir, n))
		}
		return out
	}
	cases := []struct {
		out     string
		inputs  []string
		refused bool
	}{
		{"saglig.yaml", in("saglig.yaml", "data"), true},
		{"data/a.parquet", in("saglig.yaml", "data"), true},
		{"data/year=2024/b.arrow", in("data"), true},
		{"data/renamed.bin", in("data"), true},
		{"data/a.parquet", in("data/*.parquet"), true},
		{"data/year=2024/b.arrow", in("data/year=*"), true},
		{"data/a.parquet", in("saglig.yaml"), false},
		{"data/old-report.json", in("saglig.yaml", "data"), false},
		{"data/new-report.json", in("saglig.yaml", "data"), false},
		{"elsewhere/other.parquet", in("saglig.yaml", "data"), false},
	}
	for _, c := range cases {
		out := filepath.Join(dir, c.out)
		before, _ := os.ReadFile(out)
		err := WriteFile(out, c.inputs, func(w io.Writer) error { _, err := io.WriteString(w, "report\n"); return err })
		switch {
		case c.refused && (err == nil || !strings.Contains(err.Error(), "refusing to overwrite an input")):
			t.Errorf("%s with inputs %v: error %v, want a refusal", c.out, c.inputs, err)
		case c.refused:
			if after, _ := os.ReadFile(out); string(after) != string(before) {
				t.Errorf("%s: refused, yet changed", c.out)
			}
		case err != nil:
			t.Errorf("%s with inputs %v: %v", c.out, c.inputs, err)
		}
		// Written or not, the file must be restored for the next case.
		if before != nil {
			if err := os.WriteFile(out, before, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
