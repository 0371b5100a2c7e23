package policy

import (
	"bytes"
	"errors"
	"io"
	"os"
	"slices"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/diag"
	"github.com/saglig/saglig/internal/i18n"
)

// Error is one problem in a policy file, with its position.
type Error struct {
	Pos featuremap.Pos
	Msg i18n.Msg
}

func (e *Error) Error() string { return e.In(i18n.For(i18n.English)) }

// In writes the problem in p's language.
func (e *Error) In(p *i18n.Printer) string { return e.Pos.String() + ": " + e.Msg.In(p) }

// Errors are all the problems found in a policy file, in file order; its
// message has one line per problem.
type Errors []*Error

func (es Errors) Error() string { return es.In(i18n.For(i18n.English)) }

// In writes the problems in p's language, one a line.
func (es Errors) In(p *i18n.Printer) string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.In(p)
	}
	return strings.Join(lines, "\n")
}

// Load reads a user policy file. A file with `extends: default` is merged
// over the built-in policy: the categories it lists override the default
// field by field, and their `contexts` override the default's context by
// context. Without `extends`, the file replaces the default entirely (its
// proxy thresholds default to 0.3 and 0.5). Unknown keys, verdicts,
// categories and contexts are errors (custom x- categories and contexts are
// allowed); every error names file:line:col.
func Load(path string) (*Policy, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, i18n.Because(err, "%s: the policy file does not exist", path)
		}
		return nil, i18n.Errorf("policy file: %v", err)
	}
	return parse(data, path, Default())
}

// Parse reads a policy document from memory; name is used in errors and as
// the policy's Source. It behaves like Load.
func Parse(data []byte, name string) (*Policy, error) {
	return parse(data, name, Default())
}

// Keys of a policy file.
var (
	topKeys       = []string{"version", "extends", "proxy", "reidentification", "heuristics", "categories"}
	proxyKeys     = []string{"warning", "error", "value_share", "value_purity", "joint_warning", "joint_error", "k_anonymity", "fdr"}
	reidKeys      = []string{"k", "warning", "error"}
	heuristicKeys = []string{"period_days", "record_min_words", "record_min_chars"}
	categoryKeys  = []string{"special", "personal", "social_behaviour", "quasi_identifier", "default", "contexts", "note"}
)

// Keys lists every key a policy file may hold, at any level, so that a
// text for people can be checked for naming one bare (internal/i18n/i18ntest).
func Keys() []string {
	var out []string
	for _, ks := range [][]string{topKeys, proxyKeys, reidKeys, heuristicKeys, categoryKeys} {
		out = append(out, ks...)
	}
	return out
}

type loader struct {
	file string
	errs Errors
}

// errorf records a problem at n (the file's start when n is nil).
func (l *loader) errorf(n *yaml.Node, m i18n.Msg) {
	pos := featuremap.Pos{File: l.file}
	if n != nil {
		pos.Line, pos.Col = n.Line, n.Column
	}
	l.errs = append(l.errs, &Error{Pos: pos, Msg: m})
}

// parse reads a policy document. base is the policy `extends: default`
// merges over; nil forbids extends (the default file itself).
func parse(data []byte, source string, base *Policy) (*Policy, error) {
	l := &loader{file: source}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			l.errorf(nil, i18n.M("empty policy file"))
			return nil, l.errs
		}
		p := diag.YAML(data, err)
		l.errs = append(l.errs, &Error{Pos: featuremap.Pos{File: source, Line: p.Line, Col: p.Col}, Msg: i18n.M("invalid YAML: %s", p.Words())})
		return nil, l.errs
	}
	if len(doc.Content) == 0 {
		l.errorf(nil, i18n.M("empty policy file"))
		return nil, l.errs
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		l.errorf(root, i18n.M("a policy file is a mapping with keys %s", strings.Join(topKeys, ", ")))
		return nil, l.errs
	}
	fields := l.mapping(root, topKeys)

	extends := false
	if n := fields["extends"]; n != nil {
		var s string
		switch {
		case n.Kind != yaml.ScalarNode || n.Decode(&s) != nil:
			l.errorf(n, i18n.M("extends: want \"default\""))
		case s != "default":
			l.errorf(n, i18n.M("extends: unknown policy %q (only \"default\" can be extended)", s))
		case base == nil:
			l.errorf(n, i18n.M("extends is not allowed here"))
		default:
			extends = true
		}
	}
	if n := fields["version"]; n != nil {
		var v int
		if n.Kind != yaml.ScalarNode || n.Decode(&v) != nil || v != 1 {
			l.errorf(n, i18n.M("version: want 1"))
		}
	}

	p := &Policy{Categories: map[string]*Category{}, Proxy: DefaultThresholds, Reidentification: DefaultReidentification, Heuristics: DefaultHeuristics, Source: source}
	if extends {
		p = base.Clone()
		p.Source = source
	}
	if n := fields["proxy"]; n != nil {
		l.proxy(n, &p.Proxy)
	}
	if n := fields["reidentification"]; n != nil {
		l.reidentification(n, &p.Reidentification)
	}
	if n := fields["heuristics"]; n != nil {
		l.heuristics(n, &p.Heuristics)
	}
	if n := fields["categories"]; n != nil {
		l.categories(n, p, extends)
	} else if !extends && fields["extends"] == nil {
		l.errorf(root, i18n.M("missing categories (a policy without `extends: default` replaces the default and must list its categories)"))
	}
	if len(l.errs) > 0 {
		sort.SliceStable(l.errs, func(i, j int) bool {
			a, b := l.errs[i].Pos, l.errs[j].Pos
			if a.Line != b.Line {
				return a.Line < b.Line
			}
			return a.Col < b.Col
		})
		return nil, l.errs
	}
	return p, nil
}

// mapping returns the values of a mapping by key, reporting unknown and
// duplicate keys.
func (l *loader) mapping(n *yaml.Node, allowed []string) map[string]*yaml.Node {
	out := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := k.Value
		if _, dup := out[key]; dup {
			l.errorf(k, i18n.M("duplicate key %q", key))
			continue
		}
		if !slices.Contains(allowed, key) {
			l.errorf(k, i18n.M("unknown key %q%s", key, suggest(key, allowed)))
			continue
		}
		out[key] = v
	}
	return out
}

func (l *loader) proxy(n *yaml.Node, t *Thresholds) {
	if n.Kind != yaml.MappingNode {
		l.errorf(n, i18n.M("proxy: want a mapping with warning and error"))
		return
	}
	fields := l.mapping(n, proxyKeys)
	// read decodes a number in (lo, hi].
	read := func(key string, dst *float64, lo, hi float64) {
		v := fields[key]
		if v == nil {
			return
		}
		var f float64
		if v.Kind != yaml.ScalarNode || v.Decode(&f) != nil {
			l.errorf(v, i18n.M("proxy.%s: want a number between %g and %g", key, lo, hi))
			return
		}
		if f <= lo || f > hi {
			l.errorf(v, i18n.M("proxy.%s: %v is outside (%g, %g]", key, f, lo, hi))
			return
		}
		*dst = f
	}
	read("warning", &t.ProxyWarning, 0, 1)
	read("error", &t.ProxyError, 0, 1)
	read("value_share", &t.ValueShare, 0, 1)
	read("value_purity", &t.ValuePurity, 0.5, 1)
	read("joint_warning", &t.JointWarning, 0.5, 1)
	read("joint_error", &t.JointError, 0.5, 1)
	read("fdr", &t.FDR, 0, 0.5)
	if v := fields["k_anonymity"]; v != nil {
		var k int
		if v.Kind != yaml.ScalarNode || v.Decode(&k) != nil || k < 2 {
			l.errorf(v, i18n.M("proxy.k_anonymity: want a whole number of rows, at least 2"))
		} else {
			t.KAnonymity = k
		}
	}
	if t.ProxyWarning > t.ProxyError {
		l.errorf(n, i18n.M("proxy: warning (%v) is above error (%v)", t.ProxyWarning, t.ProxyError))
	}
	if t.JointWarning > t.JointError {
		l.errorf(n, i18n.M("proxy: joint_warning (%v) is above joint_error (%v)", t.JointWarning, t.JointError))
	}
}

func (l *loader) reidentification(n *yaml.Node, r *Reidentification) {
	if n.Kind != yaml.MappingNode {
		l.errorf(n, i18n.M("reidentification: want a mapping with %s", strings.Join(reidKeys, ", ")))
		return
	}
	fields := l.mapping(n, reidKeys)
	if v := fields["k"]; v != nil {
		var k int
		if v.Kind != yaml.ScalarNode || v.Tag != "!!int" || v.Decode(&k) != nil || k < 2 || k > MaxK {
			l.errorf(v, i18n.M("reidentification.k: want a whole number from 2 to %d", MaxK))
		} else {
			r.K = k
		}
	}
	for _, key := range []string{"warning", "error"} {
		v := fields[key]
		if v == nil {
			continue
		}
		dst := &r.Warning
		if key == "error" {
			dst = &r.Error
		}
		var f float64
		switch {
		case v.Kind != yaml.ScalarNode || v.Decode(&f) != nil:
			l.errorf(v, i18n.M("reidentification.%s: want a share between 0 and 1", key))
		case f <= 0 || f > 1:
			l.errorf(v, i18n.M("reidentification.%s: %v is outside (0, 1]", key, f))
		default:
			*dst = f
		}
	}
	if r.Warning > r.Error {
		l.errorf(n, i18n.M("reidentification: warning (%v) is above error (%v)", r.Warning, r.Error))
	}
}

func (l *loader) heuristics(n *yaml.Node, h *Heuristics) {
	if n.Kind != yaml.MappingNode {
		l.errorf(n, i18n.M("heuristics: want a mapping with %s", strings.Join(heuristicKeys, ", ")))
		return
	}
	fields := l.mapping(n, heuristicKeys)
	read := func(key string, dst *int) {
		v := fields[key]
		if v == nil {
			return
		}
		var i int
		if v.Kind != yaml.ScalarNode || v.Tag != "!!int" || v.Decode(&i) != nil || i < 1 {
			l.errorf(v, i18n.M("heuristics.%s: want a whole number of at least 1", key))
			return
		}
		*dst = i
	}
	read("period_days", &h.PeriodDays)
	read("record_min_words", &h.RecordMinWords)
	read("record_min_chars", &h.RecordMinChars)
}

func (l *loader) categories(n *yaml.Node, p *Policy, extends bool) {
	if n.Kind != yaml.MappingNode {
		l.errorf(n, i18n.M("categories: want a mapping from category to its policy"))
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		name := k.Value
		if seen[name] {
			l.errorf(k, i18n.M("duplicate category %q", name))
			continue
		}
		seen[name] = true
		if !featuremap.ValidCategory(name) {
			l.errorf(k, i18n.M("unknown category %q%s; a custom category starts with x-", name, suggest(name, featuremap.Categories)))
			continue
		}
		c := p.Categories[name]
		if c == nil || !extends {
			c = &Category{Name: name, Contexts: map[string]Verdict{}}
		}
		if l.category(v, c) {
			p.Categories[name] = c
		}
	}
}

// category reads one category's fields into c; it reports whether c is usable.
func (l *loader) category(n *yaml.Node, c *Category) bool {
	if n.Kind != yaml.MappingNode {
		l.errorf(n, i18n.M("category %s: want a mapping with keys %s", c.Name, strings.Join(categoryKeys, ", ")))
		return false
	}
	before := len(l.errs)
	fields := l.mapping(n, categoryKeys)
	if v := fields["special"]; v != nil {
		switch s := v.Value; {
		case v.Kind != yaml.ScalarNode:
			l.errorf(v, i18n.M("%s.special: want none, art9 or art10", c.Name))
		case s == "none" || s == "" || v.Tag == "!!null":
			c.Special = ""
		case s == Art9 || s == Art10:
			c.Special = s
		default:
			l.errorf(v, i18n.M("%s.special: unknown value %q (want none, art9 or art10)", c.Name, s))
		}
	}
	readBool := func(key string, dst *bool) {
		v := fields[key]
		if v == nil {
			return
		}
		if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" || v.Decode(dst) != nil {
			l.errorf(v, i18n.M("%s.%s: want true or false", c.Name, key))
		}
	}
	readBool("personal", &c.Personal)
	readBool("social_behaviour", &c.SocialBehaviour)
	readBool("quasi_identifier", &c.QuasiIdentifier)
	if v := fields["default"]; v != nil {
		if vd, ok := l.verdict(v, c.Name+".default"); ok {
			c.Default = vd
		}
	}
	if v := fields["contexts"]; v != nil {
		if v.Kind != yaml.MappingNode {
			l.errorf(v, i18n.M("%s.contexts: want a mapping from context to verdict", c.Name))
		} else {
			seen := map[string]bool{}
			for i := 0; i+1 < len(v.Content); i += 2 {
				k, val := v.Content[i], v.Content[i+1]
				if seen[k.Value] {
					l.errorf(k, i18n.M("%s.contexts: duplicate context %q", c.Name, k.Value))
					continue
				}
				seen[k.Value] = true
				if !featuremap.ValidContext(k.Value) {
					l.errorf(k, i18n.M("%s.contexts: unknown context %q%s; a custom context starts with x-", c.Name, k.Value, suggest(k.Value, featuremap.Contexts)))
					continue
				}
				if vd, ok := l.verdict(val, c.Name+".contexts."+k.Value); ok {
					c.Contexts[k.Value] = vd
				}
			}
		}
	}
	if v := fields["note"]; v != nil {
		if v.Kind != yaml.ScalarNode {
			l.errorf(v, i18n.M("%s.note: want text", c.Name))
		} else {
			c.Note = v.Value
		}
	}
	if c.Default == "" {
		c.Default = NeedsRelevance
	}
	return len(l.errs) == before
}

func (l *loader) verdict(n *yaml.Node, where string) (Verdict, bool) {
	v := Verdict(n.Value)
	if n.Kind != yaml.ScalarNode || !v.Valid() {
		l.errorf(n, i18n.M("%s: unknown verdict %q%s; want irrelevant, needs-relevance or relevant",
			where, n.Value, suggest(n.Value, []string{string(Irrelevant), string(NeedsRelevance), string(Relevant)})))
		return "", false
	}
	return v, true
}

// suggest returns ` (did you mean "x"?)` for the allowed word closest to
// s (diag.Suggest), or "".
func suggest(s string, allowed []string) i18n.Text {
	if best := diag.Suggest(s, allowed); best != "" && best != s {
		return suggestion(best)
	}
	return suggestion("")
}

// suggestion is " (did you mean "x"?)" in the reader's language, or
// nothing.
type suggestion string

func (s suggestion) In(p *i18n.Printer) string {
	if s == "" {
		return ""
	}
	return p.Sprintf(" (did you mean %q?)", string(s))
}
