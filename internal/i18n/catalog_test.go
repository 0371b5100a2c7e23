package i18n

import (
	"go/ast"
	"go/constant"
	"go/parser"
	"go/token"
	"go/types"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// moduleRoot is the directory of the module's go.mod.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the package")
		}
		dir = parent
	}
}

// use is where the code uses a catalogue key.
type use struct {
	pos string
	// dynamic is true for N: a phrase picked at run time.
	dynamic bool
}

// keysOf finds every catalogue key the module's code uses: the constant
// first argument of X.Sprintf and X.Fprintf (its second) on anything but
// the fmt package, of a plan's X.note, and of i18n.Errorf, i18n.M and
// i18n.N (the second of i18n.Because), and of a table reader's refuse.
// Test files and
// the separate bench module are left out.
func keysOf(t *testing.T, root string) map[string][]use {
	t.Helper()
	keys := map[string][]use{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != root && (d.Name() == "bench" || d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(path, ".tmpl") {
			return templateKeys(root, path, keys)
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		inI18n := f.Name.Name == "i18n"
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			arg := -1
			dynamic := false
			switch fn := call.Fun.(type) {
			case *ast.SelectorExpr:
				pkg, _ := fn.X.(*ast.Ident)
				switch {
				case pkg != nil && (pkg.Name == "fmt" || pkg.Name == "message"):
				case fn.Sel.Name == "Sprintf":
					arg = 0
				case fn.Sel.Name == "Fprintf":
					arg = 1
				case fn.Sel.Name == "note":
					// The scan's and the SQL pushdown's plans note what
					// they could not measure: note(format, args...).
					arg = 0
				case pkg != nil && pkg.Name == "i18n" && (fn.Sel.Name == "Errorf" || fn.Sel.Name == "M"):
					arg = 0
				case pkg != nil && pkg.Name == "i18n" && fn.Sel.Name == "Because":
					arg = 1
				case pkg != nil && pkg.Name == "i18n" && fn.Sel.Name == "N":
					arg, dynamic = 0, true
				}
			case *ast.Ident:
				if inI18n && (fn.Name == "Errorf" || fn.Name == "M") {
					arg = 0
				}
				if inI18n && fn.Name == "Because" {
					arg = 1
				}
				if fn.Name == "tableErr" {
					// A warehouse's table refused in saglig's words
					// (lint/pushdown): tableErr(display, key, args...).
					arg = 1
				}
				if fn.Name == "refuse" {
					// The table readers (lint/source/delta,
					// iceberg) refuse a table: refuse(key, args...).
					arg = 0
				}
				if inI18n && fn.Name == "N" {
					arg, dynamic = 0, true
				}
			}
			if arg < 0 || arg >= len(call.Args) {
				return true
			}
			if s, ok := constString(call.Args[arg]); ok {
				p := fset.Position(call.Pos())
				rel, _ := filepath.Rel(root, p.Filename)
				keys[s] = append(keys[s], use{pos: rel + ":" + strconv.Itoa(p.Line), dynamic: dynamic})
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return keys
}

// templateCall matches the translation function t of a template called
// with a constant key: {{t "Summary"}}, (t "%d rows" .Rows).
var templateCall = regexp.MustCompile(`[{(]\s*t\s+("(?:[^"\\]|\\.)*")`)

// templateKeys adds the keys of a template file.
func templateKeys(root, path string, keys map[string][]use) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	rel, _ := filepath.Rel(root, path)
	for _, m := range templateCall.FindAllSubmatchIndex(b, -1) {
		k, err := strconv.Unquote(string(b[m[2]:m[3]]))
		if err != nil {
			return err
		}
		line := 1 + strings.Count(string(b[:m[0]]), "\n")
		keys[k] = append(keys[k], use{pos: rel + ":" + strconv.Itoa(line)})
	}
	return nil
}

// constString evaluates a string literal or a sum of them.
func constString(e ast.Expr) (string, bool) {
	tv, err := types.Eval(token.NewFileSet(), nil, token.NoPos, exprString(e))
	if err != nil || tv.Value == nil || tv.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(tv.Value), true
}

func exprString(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.BasicLit:
		return x.Value
	case *ast.BinaryExpr:
		return exprString(x.X) + x.Op.String() + exprString(x.Y)
	case *ast.ParenExpr:
		return "(" + exprString(x.X) + ")"
	}
	return "?"
}

// TestCatalogue fails when a message the code writes lacks its Danish, when
// a translation is no longer used by any code, when English plural forms are
// given for a message the code does not write, or when a translation's
// verbs do not match its key's.
func TestCatalogue(t *testing.T) {
	files, err := catalogues()
	if err != nil {
		t.Fatal(err)
	}
	keys := keysOf(t, moduleRoot(t))
	if len(keys) < 10 {
		t.Fatalf("found only %d keys in the code: the extraction is broken", len(keys))
	}
	da := map[string]entry{}
	for _, e := range files[Danish] {
		da[e.Key] = e
	}
	var missing []string
	for k, uses := range keys {
		if _, ok := da[k]; !ok {
			missing = append(missing, uses[0].pos+": "+strconv.Quote(k))
		}
	}
	sort.Strings(missing)
	if dump := os.Getenv("SAGLIG_I18N_MISSING"); dump != "" {
		// A translator's aid: the missing keys as YAML, to fill in.
		var b strings.Builder
		for _, m := range missing {
			k := m[strings.Index(m, ": ")+2:]
			b.WriteString("# " + m[:strings.Index(m, ": ")] + "\n" + k + ": \n")
		}
		if err := os.WriteFile(dump, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range missing {
		t.Errorf("no Danish in da.yaml for %s", m)
	}
	for _, l := range Langs() {
		for _, e := range files[l] {
			if _, ok := keys[e.Key]; !ok {
				t.Errorf("%s.yaml: %q is used by no code: remove it (or the code lost its translation call)", l, e.Key)
			}
			if err := checkVerbs(e); err != nil {
				t.Errorf("%s.yaml: %q: %v", l, e.Key, err)
			}
		}
	}
}

// verb matches one formatting verb: flags, an explicit argument index,
// width, precision and the verb letter.
var verb = regexp.MustCompile(`%(%|[-+# 0]*(?:\[(\d+)\])?[-+# 0]*(?:\d+|\*)?(?:\.(?:\d+|\*)?)?([a-zA-Z]))`)

// verbsOf maps each argument (1-based) to the verbs that print it.
func verbsOf(s string) map[int]string {
	out := map[int]string{}
	next := 1
	for _, m := range verb.FindAllStringSubmatch(s, -1) {
		if m[1] == "%" {
			continue
		}
		if m[2] != "" {
			next, _ = strconv.Atoi(m[2])
		}
		out[next] += m[3]
		next++
	}
	return out
}

// checkVerbs says how a translation's verbs differ from its key's: each
// argument must be printed with the same verb, and every argument printed
// (a plural case may leave out the count it is chosen by).
func checkVerbs(e entry) error {
	want := verbsOf(e.Key)
	texts := [][2]string{{"", e.Text}}
	if e.Text == "" {
		texts = e.Cases
	}
	for _, tx := range texts {
		got := verbsOf(tx[1])
		for arg, v := range want {
			g, ok := got[arg]
			if !ok && tx[0] != "" && arg == e.Arg {
				continue
			}
			if g != v {
				return &verbError{arg, v, g, tx[1]}
			}
		}
		for arg := range got {
			if _, ok := want[arg]; !ok {
				return &verbError{arg, "", got[arg], tx[1]}
			}
		}
	}
	return nil
}

type verbError struct {
	arg       int
	want, got string
	text      string
}

func (e *verbError) Error() string {
	return "argument " + strconv.Itoa(e.arg) + " is printed with %" + e.got + " in " + strconv.Quote(e.text) + ", with %" + e.want + " in the key"
}

func TestVerbsOf(t *testing.T) {
	for _, c := range []struct {
		in   string
		want map[int]string
	}{
		{"%d rows in %s", map[int]string{1: "d", 2: "s"}},
		{"%[2]s then %[1]q and %%", map[int]string{2: "s", 1: "q"}},
		{"V %.2f, %-6d|%5.1f", map[int]string{1: "f", 2: "d", 3: "f"}},
	} {
		got := verbsOf(c.in)
		if len(got) != len(c.want) {
			t.Errorf("%q: %v, want %v", c.in, got, c.want)
		}
		for k, v := range c.want {
			if got[k] != v {
				t.Errorf("%q: %v, want %v", c.in, got, c.want)
			}
		}
	}
	if checkVerbs(entry{Key: "%d rows in %s", Text: "%s: %d rækker"}) == nil {
		t.Error("checkVerbs accepted swapped verbs")
	}
	if err := checkVerbs(entry{Key: "%d rows in %s", Text: "%[2]s: %[1]d rækker"}); err != nil {
		t.Error(err)
	}
	if err := checkVerbs(entry{Key: "%d rows", Arg: 1, Cases: [][2]string{{"one", "one row"}, {"other", "%d rows"}}}); err != nil {
		t.Error(err)
	}
}

func TestReadCatalogRefuses(t *testing.T) {
	for _, bad := range []string{
		"a: ''\n",
		"a: x\na: y\n",
		"a: {one: x}\n",
		"a: {arg: zero, other: x}\n",
		"a: {several: x, other: y}\n",
		"- a\n",
	} {
		if _, err := readCatalog("t.yaml", []byte(bad)); err == nil {
			t.Errorf("%q was read", bad)
		}
	}
}
