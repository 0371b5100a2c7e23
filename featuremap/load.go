package featuremap

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/saglig/saglig/internal/diag"
)

// MaxSize is the size of the largest map file Load and Parse accept.
const MaxSize = 8 << 20

// maxAliasNodes bounds how many nodes YAML aliases may add to a document,
// which keeps "billion laughs" documents from exhausting memory.
const maxAliasNodes = 100_000

// Problem is one reason a map cannot be read.
type Problem struct {
	Pos Pos
	Msg string
}

// String formats the problem as "file:line:col: message".
func (p Problem) String() string { return p.Pos.String() + ": " + p.Msg }

// LoadError lists every problem found (not just the first), sorted by position.
type LoadError struct {
	File     string
	Problems []Problem
	// err is why the file could not be read at all, for errors.Is.
	err error
}

// Error returns one line per problem.
func (e *LoadError) Error() string {
	if len(e.Problems) == 0 {
		return e.File + ": the map cannot be read"
	}
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns the I/O error when the file could not be read, so that
// errors.Is(err, fs.ErrNotExist) works.
func (e *LoadError) Unwrap() error { return e.err }

// Load reads and validates a map file. The error, when not nil, is a *LoadError.
func Load(path string) (*Map, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, readError(path, err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return nil, &LoadError{File: path, Problems: []Problem{{Pos{File: path}, "is a directory, not a map file"}}}
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return nil, readError(path, err)
	}
	return Parse(path, data)
}

func readError(path string, err error) *LoadError {
	return &LoadError{
		File:     path,
		Problems: []Problem{{Pos{File: path}, "cannot read the map: " + describe(err)}},
		err:      err,
	}
}

// Parse does the same as Load from bytes; name is used in positions and
// gives Map.File and Map.Dir.
//
// Beyond what docs/map.md requires: YAML anchors, aliases and merge keys (<<) are
// resolved; a null value means empty (a null feature is an entry with
// defaults); numbers and booleans are accepted as text where text is
// expected; and a purpose name or a context that is empty or a TODO marker
// is left for the rules to report rather than refused.
func Parse(name string, data []byte) (*Map, error) {
	d := &decoder{file: name}
	m := d.parse(data)
	if len(d.problems) > 0 {
		return nil, d.loadError()
	}
	return m, nil
}

// decoder walks the YAML node tree and collects problems.
type decoder struct {
	file     string
	problems []Problem
}

func (d *decoder) pos(n *yaml.Node) Pos { return Pos{File: d.file, Line: n.Line, Col: n.Column} }

func (d *decoder) add(p Pos, format string, args ...any) {
	d.problems = append(d.problems, Problem{p, fmt.Sprintf(format, args...)})
}

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	d.add(d.pos(n), format, args...)
}

// loadError sorts the problems by position and drops repeats (a value
// reached through several aliases is checked once per alias).
func (d *decoder) loadError() *LoadError {
	ps := d.problems
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].Pos.Line != ps[j].Pos.Line {
			return ps[i].Pos.Line < ps[j].Pos.Line
		}
		return ps[i].Pos.Col < ps[j].Pos.Col
	})
	seen := make(map[Problem]bool, len(ps))
	out := ps[:0]
	for _, p := range ps {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return &LoadError{File: d.file, Problems: out}
}

func (d *decoder) parse(data []byte) *Map {
	if len(data) > MaxSize {
		d.add(Pos{File: d.file}, "map is larger than 8 MiB")
		return nil
	}
	doc := d.document(data)
	if doc == nil || !d.checkAliases(doc) {
		return nil
	}
	return d.top(doc)
}

// document decodes the single YAML document of data into a node tree.
func (d *decoder) document(data []byte) (doc *yaml.Node) {
	defer func() {
		// yaml.v3 reports errors by panicking internally and recovering;
		// should any other panic escape it, it is a problem, not a crash.
		if r := recover(); r != nil {
			doc = nil
			d.add(Pos{File: d.file}, "invalid YAML: the parser failed: %v", r)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var first yaml.Node
	if err := dec.Decode(&first); err != nil {
		if errors.Is(err, io.EOF) {
			d.add(Pos{File: d.file}, "the map is empty")
		} else {
			d.yamlError(data, err)
		}
		return nil
	}
	var second yaml.Node
	switch err := dec.Decode(&second); {
	case errors.Is(err, io.EOF):
	case err != nil:
		d.yamlError(data, err)
		return nil
	default:
		d.errorf(&second, "a second YAML document starts here; the map must be a single document")
		return nil
	}
	return &first
}

// yamlError turns a yaml.v3 syntax error into a problem with its position.
func (d *decoder) yamlError(data []byte, err error) {
	p := diag.YAML(data, err)
	d.add(Pos{File: d.file, Line: p.Line, Col: p.Col}, "invalid YAML: %s", p.Msg)
}

// checkAliases refuses documents whose aliases form a cycle or expand to
// more than maxAliasNodes nodes. It walks each node once, remembering the
// expanded size of anchored nodes.
func (d *decoder) checkAliases(doc *yaml.Node) bool {
	a := aliasCheck{d: d, memo: map[*yaml.Node]int{}, open: map[*yaml.Node]bool{}}
	a.size(doc)
	return !a.failed
}

type aliasCheck struct {
	d      *decoder
	memo   map[*yaml.Node]int
	open   map[*yaml.Node]bool
	added  int
	failed bool
}

const sizeCap = 1 << 40

func (a *aliasCheck) size(n *yaml.Node) int {
	if a.failed {
		return 0
	}
	if n.Kind == yaml.AliasNode {
		t := n.Alias
		if t == nil {
			return 1
		}
		if a.open[t] {
			a.d.errorf(n, "alias *%s is inside the value of its own anchor &%s (a cycle)", n.Value, n.Value)
			a.failed = true
			return 0
		}
		s, ok := a.memo[t]
		if !ok {
			s = a.size(t)
		}
		a.added = min(a.added+s, sizeCap)
		if a.added > maxAliasNodes && !a.failed {
			a.d.errorf(n, "YAML aliases expand the map to more than %d nodes; refusing it (an alias bomb?)", maxAliasNodes)
			a.failed = true
		}
		return s
	}
	if n.Anchor != "" {
		if s, ok := a.memo[n]; ok {
			return s
		}
		a.open[n] = true
	}
	s := 1
	for _, c := range n.Content {
		s = min(s+a.size(c), sizeCap)
	}
	if n.Anchor != "" {
		delete(a.open, n)
		a.memo[n] = s
	}
	return s
}

// resolve follows aliases to the node they stand for.
func resolve(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

func isMerge(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Value == "<<" && n.ShortTag() == "!!merge"
}

// got describes a value for "X must be Y, got Z" messages.
func got(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return "null"
		case "!!bool":
			return "the boolean " + n.Value
		case "!!int", "!!float":
			return "the number " + clip(n.Value)
		case "!!timestamp":
			return "the date " + clip(n.Value)
		}
		return "the string " + msgQuote(n.Value)
	}
	return "nothing"
}

// clip shortens s for a message.
func clip(s string) string {
	const max = 40
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	return string([]rune(s)[:max]) + "…"
}

func msgQuote(s string) string { return strconv.Quote(clip(s)) }

// entry is one key of a mapping with its value.
type entry struct {
	key  *yaml.Node // for positions; may be an alias
	name string
	val  *yaml.Node // may be an alias
}

// entries lists the keys of mapping n in file order, reporting duplicate
// and non-text keys and expanding merge keys: keys written in n win over
// merged ones, and among merged mappings the first one wins.
func (d *decoder) entries(n *yaml.Node) []entry {
	type item struct {
		e     entry
		merge *yaml.Node
	}
	first := map[string]*yaml.Node{}
	items := make([]item, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if isMerge(k) {
			items = append(items, item{merge: v})
			continue
		}
		kr := resolve(k)
		if kr.Kind != yaml.ScalarNode {
			d.errorf(k, "a key must be text, got %s", got(kr))
			continue
		}
		name := kr.Value
		if isNull(kr) {
			name = ""
		}
		if f, ok := first[name]; ok {
			d.errorf(k, "duplicate key %q (first at line %d)", name, f.Line)
			continue
		}
		first[name] = k
		items = append(items, item{e: entry{key: k, name: name, val: v}})
	}
	out := make([]entry, 0, len(items))
	for _, it := range items {
		if it.merge == nil {
			out = append(out, it.e)
			continue
		}
		for _, e := range d.merged(it.merge) {
			if _, ok := first[e.name]; !ok {
				first[e.name] = e.key
				out = append(out, e)
			}
		}
	}
	return out
}

// merged returns the entries a merge key (<<) brings in.
func (d *decoder) merged(v *yaml.Node) []entry {
	r := resolve(v)
	switch r.Kind {
	case yaml.MappingNode:
		return d.entries(r)
	case yaml.SequenceNode:
		var out []entry
		for _, it := range r.Content {
			ir := resolve(it)
			if ir.Kind != yaml.MappingNode {
				d.errorf(it, "a merge key (<<) takes a mapping or a list of mappings, got %s", got(ir))
				continue
			}
			out = append(out, d.entries(ir)...)
		}
		return out
	}
	d.errorf(v, "a merge key (<<) takes a mapping or a list of mappings, got %s", got(r))
	return nil
}

// field is one key a level of the map accepts: its name, its help text and
// JSON Schema (see schema.go), and how its value is decoded.
type field[T any] struct {
	key string
	// required keys are required by the JSON Schema; the loader leaves
	// their absence to the rules, except for version.
	required bool
	doc      string
	schema   object
	decode   func(d *decoder, e entry, into *T)
}

func keysOf[T any](fields []field[T]) []string {
	keys := make([]string, len(fields))
	for i, f := range fields {
		keys[i] = f.key
	}
	return keys
}

// decodeFields decodes the keys of mapping n into into, recording where each
// key was written in at and reporting unknown keys.
func decodeFields[T any](d *decoder, n *yaml.Node, fields []field[T], into *T, at Fields) {
	for _, e := range d.entries(n) {
		i := 0
		for i < len(fields) && fields[i].key != e.name {
			i++
		}
		if i == len(fields) {
			d.unknownKey(e, keysOf(fields))
			continue
		}
		at[e.name] = d.pos(e.key)
		fields[i].decode(d, e, into)
	}
}

func (d *decoder) unknownKey(e entry, known []string) {
	switch s := diag.Suggest(e.name, known); {
	case strings.TrimSpace(e.name) == "":
		d.errorf(e.key, "empty key (known keys: %s)", strings.Join(known, ", "))
	case s != "":
		d.errorf(e.key, "unknown key %q (did you mean %q?)", e.name, s)
	default:
		d.errorf(e.key, "unknown key %q (known keys: %s)", e.name, strings.Join(known, ", "))
	}
}

// top decodes the document's root mapping.
func (d *decoder) top(doc *yaml.Node) *Map {
	if len(doc.Content) == 0 || isNull(resolve(doc.Content[0])) {
		d.add(Pos{File: d.file}, "the map is empty")
		return nil
	}
	root := resolve(doc.Content[0])
	if root.Kind != yaml.MappingNode {
		d.errorf(root, "the map must be a mapping with the keys version, purpose, datasets and features, got %s", got(root))
		return nil
	}
	m := &Map{File: d.file, Dir: filepath.Dir(d.file), Fields: Fields{}}
	decodeFields(d, root, topFields, m, m.Fields)
	if _, ok := m.Fields["version"]; !ok {
		d.errorf(root, `missing key "version" (write "version: 1" at the top)`)
	}
	return m
}

// version decodes the map version, which must be 1.
func (d *decoder) version(e entry) int {
	r := resolve(e.val)
	if r.Kind == yaml.ScalarNode {
		switch r.ShortTag() {
		case "!!int":
			var v int64
			if err := r.Decode(&v); err == nil {
				if v != 1 {
					d.errorf(e.val, "unsupported map version %d (this saglig reads version 1)", v)
				}
				return int(v)
			}
			fallthrough
		case "!!float":
			d.errorf(e.val, "unsupported map version %s (this saglig reads version 1)", clip(r.Value))
			return 0
		}
	}
	d.errorf(e.val, "version must be an integer, got %s", got(r))
	return 0
}

// text decodes a value where text is expected: any scalar, null as "".
func (d *decoder) text(e entry) string {
	r := resolve(e.val)
	if r.Kind != yaml.ScalarNode {
		d.errorf(e.val, "%s must be text, got %s", e.name, got(r))
		return ""
	}
	if isNull(r) {
		return ""
	}
	return r.Value
}

// boolean decodes true or false; null means absent.
func (d *decoder) boolean(e entry) *bool {
	r := resolve(e.val)
	if isNull(r) {
		return nil
	}
	if r.Kind == yaml.ScalarNode && r.ShortTag() == "!!bool" {
		var b bool
		if err := r.Decode(&b); err == nil {
			return &b
		}
	}
	d.errorf(e.val, "%s must be true or false, got %s", e.name, got(r))
	return nil
}

var identRe = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]*$`)

// name decodes the purpose name, an identifier.
func (d *decoder) name(e entry) string {
	s := d.text(e)
	if !Missing(s) && !identRe.MatchString(s) {
		d.errorf(e.val, `purpose name %s is not an identifier (lowercase letters, digits, "_", "." and "-", starting with a letter or digit)`, msgQuote(s))
	}
	return s
}

// vocab checks a value against a vocabulary; custom allows x-… values.
func (d *decoder) vocab(n *yaml.Node, what, s string, words []string, custom bool) {
	if slices.Contains(words, s) || (custom && IsCustom(s)) {
		return
	}
	if sug := diag.Suggest(s, words); sug != "" {
		d.errorf(n, "unknown %s %s (did you mean %q?)", what, msgQuote(s), sug)
		return
	}
	extra := ""
	if custom {
		extra = fmt.Sprintf(`; a custom %s starts with "x-"`, what)
	}
	d.errorf(n, "unknown %s %s (known: %s%s)", what, msgQuote(s), strings.Join(words, ", "), extra)
}

// context decodes a context; empty or TODO is left for the rules.
func (d *decoder) context(e entry) string {
	s := d.text(e)
	if !Missing(s) {
		d.vocab(e.val, "context", s, Contexts, true)
	}
	return s
}

// word decodes an optional vocabulary value (role, output, category).
func (d *decoder) word(e entry, what string, words []string, custom bool) string {
	s := d.text(e)
	if s != "" {
		d.vocab(e.val, what, s, words, custom)
	}
	return s
}

// list decodes a list of non-empty texts; null means none. single allows a
// lone text in place of the list. check, when not nil, is called on each
// text with the node it was written at.
func (d *decoder) list(e entry, what string, single bool, check func(n *yaml.Node, s string)) []string {
	r := resolve(e.val)
	switch {
	case isNull(r):
		return nil
	case r.Kind == yaml.ScalarNode && single:
		if strings.TrimSpace(r.Value) == "" {
			d.errorf(e.val, "empty %s in %s", what, e.name)
			return nil
		}
		return []string{r.Value}
	case r.Kind != yaml.SequenceNode:
		or := ""
		if single {
			or = " or a single one"
		}
		d.errorf(e.val, "%s must be a list of %ss%s, got %s", e.name, what, or, got(r))
		return nil
	}
	out := make([]string, 0, len(r.Content))
	for _, it := range r.Content {
		ir := resolve(it)
		switch {
		case ir.Kind != yaml.ScalarNode:
			d.errorf(it, "each entry of %s must be a %s, got %s", e.name, what, got(ir))
		case isNull(ir) || strings.TrimSpace(ir.Value) == "":
			d.errorf(it, "empty %s in %s", what, e.name)
		default:
			if check != nil {
				check(it, ir.Value)
			}
			out = append(out, ir.Value)
		}
	}
	return out
}

// contexts decodes allowed_contexts, checking each context.
func (d *decoder) contexts(e entry) []string {
	return d.list(e, "context", false, func(n *yaml.Node, s string) {
		d.vocab(n, "context", s, Contexts, true)
	})
}

// purpose decodes the purpose mapping; null is an empty purpose.
func (d *decoder) purpose(e entry) Purpose {
	p := Purpose{Pos: d.pos(e.key), Fields: Fields{}}
	r := resolve(e.val)
	switch {
	case isNull(r):
	case r.Kind != yaml.MappingNode:
		d.errorf(e.val, "purpose must be a mapping, got %s", got(r))
	default:
		decodeFields(d, r, purposeFields, &p, p.Fields)
	}
	return p
}

// features decodes the features mapping, in file order.
func (d *decoder) features(e entry) []*Feature {
	r := resolve(e.val)
	if isNull(r) {
		return nil
	}
	if r.Kind != yaml.MappingNode {
		d.errorf(e.val, "features must be a mapping from column name to its entry, got %s", got(r))
		return nil
	}
	entries := d.entries(r)
	out := make([]*Feature, 0, len(entries))
	for _, fe := range entries {
		if strings.TrimSpace(fe.name) == "" {
			d.errorf(fe.key, "empty feature key")
			continue
		}
		out = append(out, d.feature(fe))
	}
	return out
}

// feature decodes one feature entry; null is an entry with defaults.
func (d *decoder) feature(e entry) *Feature {
	f := &Feature{Key: e.name, Glob: IsGlob(e.name), Pos: d.pos(e.key), Fields: Fields{}}
	r := resolve(e.val)
	switch {
	case isNull(r):
	case r.Kind != yaml.MappingNode:
		d.errorf(e.val, "feature %s must be a mapping (role, description, source, ...), got %s", msgQuote(e.name), got(r))
	default:
		decodeFields(d, r, featureFields, f, f.Fields)
	}
	return f
}

// waivers decodes a list of waivers; null means none.
func (d *decoder) waivers(e entry) []Waiver {
	r := resolve(e.val)
	if isNull(r) {
		return nil
	}
	if r.Kind != yaml.SequenceNode {
		hint := ""
		if r.Kind == yaml.MappingNode {
			hint = ` (start each waiver with "- ")`
		}
		d.errorf(e.val, "waivers must be a list of waivers%s, got %s", hint, got(r))
		return nil
	}
	out := make([]Waiver, 0, len(r.Content))
	for _, it := range r.Content {
		ir := resolve(it)
		if ir.Kind != yaml.MappingNode {
			d.errorf(it, "a waiver must be a mapping with rule, reason and expires, got %s", got(ir))
			continue
		}
		w := Waiver{Pos: d.pos(it), Fields: Fields{}}
		decodeFields(d, ir, waiverFields, &w, w.Fields)
		out = append(out, w)
	}
	return out
}

var dateRe = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)

// date decodes an ISO date YYYY-MM-DD; null means none.
func (d *decoder) date(e entry) *time.Time {
	r := resolve(e.val)
	if isNull(r) {
		return nil
	}
	if r.Kind == yaml.ScalarNode {
		if tag := r.ShortTag(); (tag == "!!str" || tag == "!!timestamp") && dateRe.MatchString(r.Value) {
			if t, err := time.Parse(time.DateOnly, r.Value); err == nil {
				return &t
			}
		}
	}
	d.errorf(e.val, "%s must be a date YYYY-MM-DD, got %s", e.name, got(r))
	return nil
}
