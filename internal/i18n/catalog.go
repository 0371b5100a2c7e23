package i18n

import (
	"embed"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/message/catalog"
	"gopkg.in/yaml.v3"
)

// The catalogue files: da.yaml (every message in Danish) and en.yaml (the
// English messages that need plural forms).
//
//go:embed da.yaml en.yaml
var catalogFiles embed.FS

// entry is one message of a catalogue file: a translation, or plural
// forms selected by one argument.
type entry struct {
	Key string
	// Text is the translation; empty for plural forms.
	Text string
	// Arg is the 1-based argument that selects among Cases.
	Arg int
	// Cases are CLDR plural categories ("one", "other") or exact values
	// ("=0") and their translations, in the order they are tried.
	Cases [][2]string
}

// readCatalog reads a catalogue file: a mapping from each English key to its
// translation, or to its plural forms (one:, other:, =0: …, and arg: N when
// not the first argument selects).
func readCatalog(name string, data []byte) ([]entry, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s: not a mapping of messages", name)
	}
	seen := map[string]bool{}
	var out []entry
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if seen[k.Value] {
			return nil, fmt.Errorf("%s:%d: %q is translated twice", name, k.Line, k.Value)
		}
		seen[k.Value] = true
		e := entry{Key: k.Value, Arg: 1}
		switch v.Kind {
		case yaml.ScalarNode:
			if v.Value == "" {
				return nil, fmt.Errorf("%s:%d: %q has an empty translation", name, v.Line, k.Value)
			}
			e.Text = v.Value
		case yaml.MappingNode:
			for j := 0; j+1 < len(v.Content); j += 2 {
				c, t := v.Content[j].Value, v.Content[j+1].Value
				if c == "arg" {
					n, err := strconv.Atoi(t)
					if err != nil || n < 1 {
						return nil, fmt.Errorf("%s:%d: arg: %q is not an argument number", name, v.Content[j+1].Line, t)
					}
					e.Arg = n
					continue
				}
				if c != "zero" && c != "one" && c != "two" && c != "few" && c != "many" && c != "other" && !strings.HasPrefix(c, "=") {
					return nil, fmt.Errorf("%s:%d: %q is not a plural case (one, other or =N)", name, v.Content[j].Line, c)
				}
				e.Cases = append(e.Cases, [2]string{c, t})
			}
			if len(e.Cases) == 0 || e.Cases[len(e.Cases)-1][0] != "other" {
				return nil, fmt.Errorf("%s:%d: the plural forms of %q must end with the case other", name, v.Line, k.Value)
			}
		default:
			return nil, fmt.Errorf("%s:%d: %q: want a translation or plural forms", name, v.Line, k.Value)
		}
		out = append(out, e)
	}
	return out, nil
}

// catalogues reads both files.
func catalogues() (map[Lang][]entry, error) {
	out := map[Lang][]entry{}
	for _, l := range Langs() {
		var err error
		if out[l], err = catalogue(l); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// catalogue reads the file of one language.
func catalogue(l Lang) ([]entry, error) {
	name := string(l) + ".yaml"
	data, err := catalogFiles.ReadFile(name)
	if err != nil {
		return nil, err
	}
	return readCatalog(name, data)
}

// tag is the language's BCP 47 tag.
func (l Lang) tag() language.Tag {
	if l == Danish {
		return language.Danish
	}
	return language.English
}

// build makes the x/text catalogue a printer in language l needs: the
// English file (its plural forms, and the fallback of a message the other
// language lacks) and l's own. An English run so never reads the Danish
// file, the largest part of the catalogue.
func build(l Lang) (*catalog.Builder, error) {
	files := map[Lang][]entry{}
	for _, f := range []Lang{English, l} {
		if _, done := files[f]; done {
			continue
		}
		var err error
		if files[f], err = catalogue(f); err != nil {
			return nil, err
		}
	}
	b := catalog.NewBuilder(catalog.Fallback(language.English))
	for l, entries := range files {
		for _, e := range entries {
			var err error
			if e.Text != "" {
				err = b.SetString(l.tag(), e.Key, e.Text)
			} else {
				cases := make([]any, 0, 2*len(e.Cases))
				for _, c := range e.Cases {
					cases = append(cases, c[0], c[1])
				}
				err = b.Set(l.tag(), e.Key, plural.Selectf(e.Arg, "", cases...))
			}
			if err != nil {
				return nil, fmt.Errorf("%s.yaml: %q: %v", l, e.Key, err)
			}
		}
	}
	return b, nil
}
