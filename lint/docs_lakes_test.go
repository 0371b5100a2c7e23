package lint_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestLakesDocNamesEverything holds docs/lakes.md to the code: every URL
// scheme of an object store (lint/source/objstore) and of a SQL engine
// (lint/pushdown) is named as a URL form, every environment variable the
// two packages read (credentials, endpoints) is named, the page says what
// is pushed down to an engine and what leaves it, and each of its links to
// a heading of another page finds that heading.
func TestLakesDocNamesEverything(t *testing.T) {
	doc := readDoc(t, "lakes.md")
	for _, dir := range []string{"source/objstore", "pushdown"} {
		for _, scheme := range schemesOf(t, filepath.Join(dir, "url.go")) {
			if !strings.Contains(doc, "`"+scheme+"://") {
				t.Errorf("docs/lakes.md does not name the URL form %s:// (%s)", scheme, dir)
			}
		}
		for _, v := range envRead(t, dir) {
			if !strings.Contains(doc, v) {
				t.Errorf("docs/lakes.md does not name %s, which %s reads", v, dir)
			}
		}
	}
	for _, heading := range []string{"## URLs", "## Credentials", "## What is pushed down to a warehouse", "## What leaves the store or the engine"} {
		if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(heading) + `\b`).MatchString(doc) {
			t.Errorf("docs/lakes.md has no heading %q", heading)
		}
	}
	for _, page := range []string{"lakes.md", "warehouses.md", "performance.md"} {
		checkAnchors(t, page)
	}
}

func readDoc(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "docs", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// schemesOf reads the keys of the schemes map literal in a url.go.
func schemesOf(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?s)\nvar schemes = map\[string\]\w+\{\n(.*?)\n\}`).FindSubmatch(b)
	if m == nil {
		t.Fatalf("%s: no schemes map", path)
	}
	var out []string
	for _, k := range regexp.MustCompile(`"([a-z0-9]+)":`).FindAllSubmatch(m[1], -1) {
		out = append(out, string(k[1]))
	}
	if len(out) < 3 {
		t.Fatalf("%s: schemes %v", path, out)
	}
	return out
}

// envRead lists the environment variables a package's non-test files read
// by name (os.Getenv, LookupEnv, or the package's env helper).
func envRead(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`\b(?:Getenv|LookupEnv|env)\("([A-Z][A-Z0-9_]+)"\)`)
	var out []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllSubmatch(b, -1) {
			if v := string(m[1]); !slices.Contains(out, v) {
				out = append(out, v)
			}
		}
	}
	if len(out) == 0 {
		t.Fatalf("%s: reads no environment variable?", dir)
	}
	return out
}

// checkAnchors checks every link of docs/page to a heading of a page in
// docs/ (page.md#anchor, or #anchor on the same page).
func checkAnchors(t *testing.T, page string) {
	t.Helper()
	doc := readDoc(t, page)
	for _, m := range regexp.MustCompile(`\]\(([a-z0-9_-]*\.md)?#([^)\s]+)\)`).FindAllStringSubmatch(doc, -1) {
		target := m[1]
		if target == "" {
			target = page
		}
		if !slices.Contains(anchors(readDoc(t, target)), m[2]) {
			t.Errorf("docs/%s links to %s#%s: no such heading", page, target, m[2])
		}
	}
}

// anchors are the GitHub anchors of a Markdown page's headings.
func anchors(doc string) []string {
	var out []string
	inCode := false
	for line := range strings.SplitSeq(doc, "\n") {
		if strings.HasPrefix(line, "```") {
			inCode = !inCode
		}
		if inCode || !strings.HasPrefix(line, "#") {
			continue
		}
		h := strings.ToLower(strings.TrimSpace(strings.TrimLeft(line, "#")))
		var b strings.Builder
		for _, r := range h {
			switch {
			case r == ' ':
				b.WriteRune('-')
			case r == '-' || r == '_' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127:
				b.WriteRune(r)
			}
		}
		out = append(out, b.String())
	}
	return out
}
