package rules

import (
	"io/fs"
	"sort"
	"strings"
	"testing"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/internal/i18n/i18ntest"
	"github.com/saglig/saglig/lint/policy"
	"gopkg.in/yaml.v3"
)

// TestRuleDocsAreDanish: every rule has its documentation in Danish —
// title, documentation, what the draft order adds (when the English has
// it) and both examples — and none of it is the English or still holds
// English words. What a user types is code (between backticks), names
// (Cramér, Benjamini–Hochberg, ruff) are no English words, and the rule's
// own name is an identifier.
func TestRuleDocsAreDanish(t *testing.T) {
	for _, r := range All() {
		t.Run(r.ID, func(t *testing.T) {
			da := r.Danish()
			if da.Title == "" || da.Doc == "" || da.Bad == "" || da.Good == "" {
				t.Fatalf("no Danish documentation (title, doc, bad and good) in lint/rules/%s_*.da.yaml", strings.ToLower(r.ID))
			}
			if (da.OrderDoc == "") != (r.OrderDoc == "") {
				t.Errorf("order_doc: the English has %d characters, the Danish %d", len(r.OrderDoc), len(da.OrderDoc))
			}
			allowed := []string{r.Name}
			for _, p := range []struct{ what, en, da string }{
				{"title", r.Name, da.Title}, {"doc", r.Doc, da.Doc}, {"order_doc", r.OrderDoc, da.OrderDoc},
			} {
				if p.da == "" {
					continue
				}
				if strings.Join(strings.Fields(p.en), " ") == strings.Join(strings.Fields(p.da), " ") {
					t.Errorf("%s is the English", p.what)
				}
				for _, w := range i18ntest.EnglishIn(p.da, allowed) {
					t.Errorf("English in the Danish %s: %s", p.what, w)
				}
			}
			for _, ex := range []struct{ what, en, da string }{{"bad", r.Bad, da.Bad}, {"good", r.Good, da.Good}} {
				en, dk := exampleOf(t, r.ID, ex.what, ex.en), exampleOf(t, r.ID, "Danish "+ex.what, ex.da)
				if en.shape != dk.shape {
					t.Errorf("the Danish %s example is another map:\n%s\nthe English:\n%s", ex.what, dk.shape, en.shape)
				}
				for _, w := range i18ntest.EnglishIn(dk.words, nil) {
					t.Errorf("English in the Danish %s example: %s", ex.what, w)
				}
			}
		})
	}
}

// TestEveryDanishDocHasItsRule: a file of Danish documentation names a
// registered rule by its id, as the rule's Go file does.
func TestEveryDanishDocHasItsRule(t *testing.T) {
	names, err := fs.Glob(translations, "*.da.yaml")
	if err != nil || len(names) == 0 {
		t.Fatalf("no Danish documentation embedded: %v", err)
	}
	ids := map[string]bool{}
	for _, n := range names {
		id := strings.ToUpper(strings.SplitN(n, "_", 2)[0])
		if _, ok := registry[id]; !ok {
			t.Errorf("%s: no rule %s", n, id)
		}
		if ids[id] {
			t.Errorf("%s: a second Danish documentation of %s", n, id)
		}
		ids[id] = true
	}
}

// freeText are the map's keys whose values the author writes in words,
// in the language of the map: a Danish example writes them in Danish.
var freeText = map[string]bool{"description": true, "relevance": true, "reason": true, "human_review": true,
	"transparency": true, "legal_basis": true, "favourable_consequence": true, "unfavourable_consequence": true,
	"reused_from": true, "reuse_assessment": true, "processor": true, "processor_agreement": true,
	"pseudonymisation": true, "source": true, "lawful_basis": true}

// example is a rule's example read as a map: its shape (every key with
// its value, the values written in words left out) and its words (the
// comments and the values written in words).
type example struct{ shape, words string }

func exampleOf(t *testing.T, id, what, src string) example {
	t.Helper()
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(src), &n); err != nil {
		t.Errorf("%s: the %s example is no YAML: %v", id, what, err)
		return example{}
	}
	var shape []string
	var words strings.Builder
	var walk func(path string, n *yaml.Node)
	walk = func(path string, n *yaml.Node) {
		for _, c := range []string{n.HeadComment, n.LineComment, n.FootComment} {
			words.WriteString(c + "\n")
		}
		switch n.Kind {
		case yaml.DocumentNode, yaml.SequenceNode:
			for i, c := range n.Content {
				walk(path+"/"+string(rune('0'+i)), c)
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				for _, c := range []string{k.HeadComment, k.LineComment, k.FootComment} {
					words.WriteString(c + "\n")
				}
				if freeText[k.Value] && v.Kind == yaml.ScalarNode {
					shape = append(shape, path+"/"+k.Value+": (words)")
					words.WriteString(v.Value + "\n")
					for _, c := range []string{v.HeadComment, v.LineComment, v.FootComment} {
						words.WriteString(c + "\n")
					}
					continue
				}
				walk(path+"/"+k.Value, v)
			}
		case yaml.ScalarNode:
			shape = append(shape, path+": "+n.Value)
		}
	}
	walk("", &n)
	sort.Strings(shape)
	return example{shape: strings.Join(shape, "\n"), words: words.String()}
}

// TestExplainAndCatalogueInDanish: saglig explain in Danish and the Danish
// catalogue (docs/rules-da.md) hold no English beyond the rule names and,
// in the examples explain indents, the map's own vocabularies.
func TestExplainAndCatalogueInDanish(t *testing.T) {
	da := i18n.For(i18n.Danish)
	vocab := []string{}
	for _, r := range All() {
		vocab = append(vocab, r.Name)
	}
	for _, r := range featuremap.Roles {
		vocab = append(vocab, string(r))
	}
	for _, o := range featuremap.Outputs {
		vocab = append(vocab, string(o))
	}
	vocab = append(vocab, featuremap.Contexts...)
	vocab = append(vocab, featuremap.Categories...)
	vocab = append(vocab, featuremap.DecisionRoles...)
	vocab = append(vocab, featuremap.Reassessments...)
	for _, r := range All() {
		for _, w := range i18ntest.EnglishIn(r.ExplainIn(da), vocab) {
			t.Errorf("%s: English in saglig explain --lang da: %s", r.ID, w)
		}
	}
	for _, w := range i18ntest.EnglishIn(Catalogue(da), vocab) {
		t.Errorf("English in docs/rules-da.md: %s", w)
	}
}

// TestDocFixesSayKeysInWords: every paragraph of prose in every rule's
// documentation (its explanation, fix and what the draft order adds), in
// English and in Danish, says a thing in words and names the key the
// map's author writes only in parentheses after them, as the findings'
// fixes do: the HTML report, explain and the catalogues show it all to a
// reader who does not know the map's keys. Code blocks (a map's YAML) are
// code, and left alone.
func TestDocFixesSayKeysInWords(t *testing.T) {
	keys, err := i18ntest.SchemaKeys(featuremap.JSONSchema())
	if err != nil {
		t.Fatal(err)
	}
	keys = append(keys, policy.Keys()...)
	for _, r := range All() {
		da := r.Danish()
		for _, doc := range []struct{ lang, what, text, label string }{
			{"English", "documentation", r.Doc, "Fix:"}, {"Danish", "documentation", da.Doc, "Løsning:"},
			{"English", "draft order's paragraph", r.OrderDoc, ""}, {"Danish", "draft order's paragraph", da.OrderDoc, ""},
		} {
			fixed := false
			for _, para := range i18ntest.ProseParagraphs(doc.text) {
				if doc.label != "" && strings.HasPrefix(para, doc.label) {
					fixed = true
				}
				for _, bad := range i18ntest.BareKeysIn(para, keys) {
					t.Errorf("%s: the %s %s names a key without words before it: %s", r.ID, doc.lang, doc.what, bad)
				}
			}
			if doc.label != "" && !fixed {
				t.Errorf("%s: the %s documentation has no %q paragraph", r.ID, doc.lang, doc.label)
			}
		}
	}
}
