package featuremap

import (
	"strconv"
	"unicode/utf8"

	"github.com/saglig/saglig/internal/i18n"
	"gopkg.in/yaml.v3"
)

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
			a.d.errorf(n, i18n.M("alias *%s is inside the value of its own anchor &%s (a cycle)", n.Value, n.Value))
			a.failed = true
			return 0
		}
		s, ok := a.memo[t]
		if !ok {
			s = a.size(t)
		}
		a.added = min(a.added+s, sizeCap)
		if a.added > maxAliasNodes && !a.failed {
			a.d.errorf(n, i18n.M("YAML aliases expand the map to more than %d nodes; refusing it (an alias bomb?)", maxAliasNodes))
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
func got(n *yaml.Node) i18n.Msg {
	switch n.Kind {
	case yaml.MappingNode:
		return i18n.M("a mapping")
	case yaml.SequenceNode:
		return i18n.M("a list")
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return i18n.M("null")
		case "!!bool":
			return i18n.M("the boolean %s", n.Value)
		case "!!int", "!!float":
			return i18n.M("the number %s", clip(n.Value))
		case "!!timestamp":
			return i18n.M("the date %s", clip(n.Value))
		}
		return i18n.M("the string %s", msgQuote(n.Value))
	}
	return i18n.M("nothing")
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
			d.errorf(k, i18n.M("a key must be text, got %s", got(kr)))
			continue
		}
		name := kr.Value
		if isNull(kr) {
			name = ""
		}
		if f, ok := first[name]; ok {
			d.errorf(k, i18n.M("duplicate key %q (first at line %s)", name, strconv.Itoa(f.Line)))
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
				d.errorf(it, i18n.M("a merge key (<<) takes a mapping or a list of mappings, got %s", got(ir)))
				continue
			}
			out = append(out, d.entries(ir)...)
		}
		return out
	}
	d.errorf(v, i18n.M("a merge key (<<) takes a mapping or a list of mappings, got %s", got(r)))
	return nil
}
