package featuremap

import (
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/saglig/saglig/internal/diag"
	"github.com/saglig/saglig/internal/i18n"
	"gopkg.in/yaml.v3"
)

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
		d.errorf(e.key, i18n.M("empty key (known keys: %s)", strings.Join(known, ", ")))
	case s != "":
		d.errorf(e.key, i18n.M("unknown key %q (did you mean %q?)", e.name, s))
	default:
		d.errorf(e.key, i18n.M("unknown key %q (known keys: %s)", e.name, strings.Join(known, ", ")))
	}
}

// top decodes the document's root mapping.
func (d *decoder) top(doc *yaml.Node) *Map {
	if len(doc.Content) == 0 || isNull(resolve(doc.Content[0])) {
		d.add(Pos{File: d.file}, i18n.M("the map is empty"))
		return nil
	}
	root := resolve(doc.Content[0])
	if root.Kind != yaml.MappingNode {
		d.errorf(root, i18n.M("the map must be a mapping with the keys version, purpose, datasets and features, got %s", got(root)))
		return nil
	}
	m := &Map{File: d.file, Dir: filepath.Dir(d.file), Fields: Fields{}}
	decodeFields(d, root, topFields, m, m.Fields)
	if _, ok := m.Fields["version"]; !ok {
		d.errorf(root, i18n.M(`missing key "version" (write "version: 1" at the top)`))
	}
	// A plain string is written in the map's language, when it says one.
	if l := i18n.Lang(m.Purpose.Language); slices.Contains(i18n.Langs(), l) {
		for _, t := range m.Texts() {
			t.Text.inLang(l)
		}
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
					d.errorf(e.val, i18n.M("unsupported map version %s (this saglig reads version 1)", strconv.FormatInt(v, 10)))
				}
				return int(v)
			}
			fallthrough
		case "!!float":
			d.errorf(e.val, i18n.M("unsupported map version %s (this saglig reads version 1)", clip(r.Value)))
			return 0
		}
	}
	d.errorf(e.val, i18n.M("version must be an integer, got %s", got(r)))
	return 0
}

// text decodes a value where text is expected: any scalar, null as "".
func (d *decoder) text(e entry) string {
	r := resolve(e.val)
	if r.Kind != yaml.ScalarNode {
		d.errorf(e.val, i18n.M("%s must be text, got %s", e.name, got(r)))
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
	d.errorf(e.val, i18n.M("%s must be true or false, got %s", e.name, got(r)))
	return nil
}

var identRe = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]*$`)

// name decodes the purpose name, an identifier.
func (d *decoder) name(e entry) string {
	s := d.text(e)
	if !Missing(s) && !identRe.MatchString(s) {
		d.errorf(e.val, i18n.M(`purpose name %s is not an identifier (lowercase letters, digits, "_", "." and "-", starting with a letter or digit)`, msgQuote(s)))
	}
	return s
}

// vocab checks a value against a vocabulary; custom allows x-… values.
func (d *decoder) vocab(n *yaml.Node, what, s string, words []string, custom bool) {
	if slices.Contains(words, s) || (custom && IsCustom(s)) {
		return
	}
	if sug := diag.Suggest(s, words); sug != "" {
		d.errorf(n, i18n.M("unknown %s %s (did you mean %q?)", what, msgQuote(s), sug))
		return
	}
	if custom {
		d.errorf(n, i18n.M(`unknown %s %s (known: %s; a custom %[1]s starts with "x-")`, what, msgQuote(s), strings.Join(words, ", ")))
		return
	}
	d.errorf(n, i18n.M("unknown %s %s (known: %s)", what, msgQuote(s), strings.Join(words, ", ")))
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
// one and many name an entry and entries (i18n.N): "context", "contexts".
func (d *decoder) list(e entry, one, many string, single bool, check func(n *yaml.Node, s string)) []string {
	r := resolve(e.val)
	switch {
	case isNull(r):
		return nil
	case r.Kind == yaml.ScalarNode && single:
		if strings.TrimSpace(r.Value) == "" {
			d.errorf(e.val, i18n.M("empty %s in %s", i18n.M(one), e.name))
			return nil
		}
		return []string{r.Value}
	case r.Kind != yaml.SequenceNode && single:
		d.errorf(e.val, i18n.M("%s must be a list of %s or a single one, got %s", e.name, i18n.M(many), got(r)))
		return nil
	case r.Kind != yaml.SequenceNode:
		d.errorf(e.val, i18n.M("%s must be a list of %s, got %s", e.name, i18n.M(many), got(r)))
		return nil
	}
	out := make([]string, 0, len(r.Content))
	for _, it := range r.Content {
		ir := resolve(it)
		switch {
		case ir.Kind != yaml.ScalarNode:
			d.errorf(it, i18n.M("each entry of %s must be a %s, got %s", e.name, i18n.M(one), got(ir)))
		case isNull(ir) || strings.TrimSpace(ir.Value) == "":
			d.errorf(it, i18n.M("empty %s in %s", i18n.M(one), e.name))
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
	return d.list(e, i18n.N("context"), i18n.N("contexts"), false, func(n *yaml.Node, s string) {
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
		d.errorf(e.val, i18n.M("purpose must be a mapping, got %s", got(r)))
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
		d.errorf(e.val, i18n.M("features must be a mapping from column name to its entry, got %s", got(r)))
		return nil
	}
	entries := d.entries(r)
	out := make([]*Feature, 0, len(entries))
	for _, fe := range entries {
		if strings.TrimSpace(fe.name) == "" {
			d.errorf(fe.key, i18n.M("empty feature key"))
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
		d.errorf(e.val, i18n.M("feature %s must be a mapping (role, description, source, ...), got %s", msgQuote(e.name), got(r)))
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
		if r.Kind == yaml.MappingNode {
			d.errorf(e.val, i18n.M(`waivers must be a list of waivers (start each waiver with "- "), got %s`, got(r)))
		} else {
			d.errorf(e.val, i18n.M("waivers must be a list of waivers, got %s", got(r)))
		}
		return nil
	}
	out := make([]Waiver, 0, len(r.Content))
	for _, it := range r.Content {
		ir := resolve(it)
		if ir.Kind != yaml.MappingNode {
			d.errorf(it, i18n.M("a waiver must be a mapping with rule, reason and expires, got %s", got(ir)))
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
	d.errorf(e.val, i18n.M("%s must be a date YYYY-MM-DD, got %s", e.name, got(r)))
	return nil
}
