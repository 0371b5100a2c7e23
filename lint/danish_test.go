package lint_test

import (
	"encoding/json"
	"encoding/xml"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/internal/i18n/i18ntest"
	"github.com/saglig/saglig/lint/rules"
	"gopkg.in/yaml.v3"
)

// vocabKeys are the map's keys whose values are words of a vocabulary
// (docs/map.md): a report writes them in the reader's language, not as the
// map writes them.
var vocabKeys = map[string]bool{"context": true, "allowed_contexts": true, "category": true,
	"sector": true, "controller": true, "output": true, "decision_role": true, "reassessed": true}

// danishVocab lists the vocabulary words whose Danish differs from the
// key: a Danish report that shows one of them shows an internal name.
func danishVocab() []string {
	da := i18n.For(i18n.Danish)
	var out []string
	add := func(keys []string, word func(string) featuremap.Word) {
		for _, k := range keys {
			// "private" is also Danish (plural of "privat").
			if word(k).In(da) != k && k != "private" {
				out = append(out, k)
			}
		}
	}
	add(featuremap.Contexts, featuremap.ContextWord)
	add(featuremap.Categories, featuremap.CategoryWord)
	add(featuremap.Sectors, featuremap.SectorWord)
	add(featuremap.Controllers, featuremap.ControllerWord)
	var outputs []string
	for _, o := range featuremap.Outputs {
		outputs = append(outputs, string(o))
	}
	add(outputs, featuremap.OutputWord)
	add(featuremap.DecisionRoles, featuremap.DecisionRoleWord)
	add(featuremap.Reassessments, featuremap.ReassessedWord)
	return out
}

// mapStrings collects every scalar of a map file, keys and values, but
// the values of vocabulary keys and the texts written in another language
// than lang: what the map's author wrote for a reader of lang is shown as
// written.
func mapStrings(t *testing.T, path string, lang i18n.Lang) []string {
	t.Helper()
	return mapScalars(t, path, true, lang)
}

// mapValues collects the values a map's author wrote for a reader of lang,
// not its keys: a report may quote them, but says a key in words.
func mapValues(t *testing.T, path string, lang i18n.Lang) []string {
	t.Helper()
	return mapScalars(t, path, false, lang)
}

// mapScalars collects the scalars of a map file (its keys only with keys),
// but the values of vocabulary keys and, in a text written by language
// (docs/map.md), the texts in another language than lang.
func mapScalars(t *testing.T, path string, keys bool, lang i18n.Lang) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var n yaml.Node
	if err := yaml.Unmarshal(b, &n); err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(n *yaml.Node, vocab bool)
	walk = func(n *yaml.Node, vocab bool) {
		if n.Kind == yaml.ScalarNode && n.Value != "" && !vocab {
			out = append(out, n.Value)
		}
		byLang := isTextByLanguage(n)
		for i, c := range n.Content {
			if !keys && n.Kind == yaml.MappingNode && i%2 == 0 {
				continue
			}
			if byLang && i18n.Lang(n.Content[i-i%2].Value) != lang {
				continue
			}
			v := false
			if n.Kind == yaml.MappingNode && i%2 == 1 {
				v = vocabKeys[n.Content[i-1].Value]
			} else if n.Kind == yaml.SequenceNode {
				v = vocab
			}
			walk(c, v)
		}
	}
	walk(&n, false)
	return out
}

// isTextByLanguage reports whether n is a free text written by language: a
// mapping whose keys are all languages saglig writes in.
func isTextByLanguage(n *yaml.Node) bool {
	if n.Kind != yaml.MappingNode || len(n.Content) == 0 {
		return false
	}
	for i := 0; i < len(n.Content); i += 2 {
		if !slices.Contains(i18n.Langs(), i18n.Lang(n.Content[i].Value)) {
			return false
		}
	}
	return true
}

// humanText extracts what a person reads from a report: the whole of
// text, Markdown and annotations; the text of HTML without its style; the
// messages of JUnit, SARIF and JSON.
func humanText(t *testing.T, format, out string) string {
	t.Helper()
	switch format {
	case "html":
		out = regexp.MustCompile(`(?s)<style.*?</style>`).ReplaceAllString(out, " ")
		// Attributes people read: the accessible names and titles.
		var attrs []string
		for _, m := range regexp.MustCompile(`(?:aria-label|title|alt)="([^"]*)"`).FindAllStringSubmatch(out, -1) {
			attrs = append(attrs, m[1])
		}
		// What the report marks as code (a map key in a rule's
		// documentation) is no word.
		out = regexp.MustCompile(`(?s)<code>.*?</code>`).ReplaceAllString(out, " ")
		out = regexp.MustCompile(`<[^>]*>`).ReplaceAllString(out, " ") + " " + strings.Join(attrs, " ")
		return html.UnescapeString(out)
	case "junit":
		var b strings.Builder
		d := xml.NewDecoder(strings.NewReader(out))
		for {
			tok, err := d.Token()
			if err != nil {
				break
			}
			switch x := tok.(type) {
			case xml.StartElement:
				for _, a := range x.Attr {
					if a.Name.Local == "message" || a.Name.Local == "type" {
						b.WriteString(a.Value + "\n")
					}
				}
			case xml.CharData:
				b.Write(x)
			}
		}
		return b.String()
	case "sarif", "json":
		var v any
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		var walk func(key string, v any)
		walk = func(key string, v any) {
			switch x := v.(type) {
			case map[string]any:
				for k, c := range x {
					if d, ok := c.(map[string]any); ok && (k == "help" || k == "fullDescription") {
						// A SARIF rule's long documentation is
						// read in its Markdown, which marks the
						// code; the text is the same words.
						walk("markdown", d["markdown"])
						continue
					}
					walk(k, c)
				}
			case []any:
				for _, c := range x {
					walk(key, c)
				}
			case string:
				// The messages people read; JSON's machine fields (ids,
				// keys, figures, the English explanation of the
				// classifier kept for tools) are not.
				switch key {
				case "text", "markdown", "message", "fix", "headline", "label":
					b.WriteString(x + "\n")
				}
			}
		}
		walk("", v)
		return b.String()
	}
	return out
}

// TestDanishReportsSpeakDanish renders the example's reports in Danish in
// every human format and fails on an English word outside what the map's
// author wrote, the rule ids and the map's keys (purpose.output,
// relevance:): a string that bypassed the catalogue; and on a rule's
// English name (no-transparency), where a Danish reader should read the
// rule's Danish title.
func TestDanishReportsSpeakDanish(t *testing.T) {
	for _, example := range []string{"jobcenter", "jobcenter-fixed"} {
		res := runExampleIn(t, example, false, i18n.Danish)
		mapPath := filepath.Join("..", "examples", example, "saglig.yaml")
		allowed := mapStrings(t, mapPath, i18n.Danish)
		// Names people read as written: the datasets' and what the map's
		// author wrote; a fix, which tells the map's author which key to
		// write. A rule is named by its id and Danish title, never its
		// English name (no-transparency), which only the machine formats
		// keep.
		var names, ruleNames []string
		for _, r := range rules.All() {
			ruleNames = append(ruleNames, r.Name)
		}
		for _, ds := range res.Datasets {
			names = append(names, ds.Path)
		}
		allowed = append(allowed, names...)
		names = append(names, mapValues(t, mapPath, i18n.Danish)...)
		m, err := featuremap.Load(mapPath)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range m.Features {
			names = append(names, f.Key)
		}
		keys, err := i18ntest.SchemaKeys(featuremap.JSONSchema())
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range res.Findings {
			// A fix says a thing in words and names the key the map's
			// author writes in parentheses after them; only those may
			// show a key.
			for _, bad := range i18ntest.BareKeysIn(f.Fix, keys) {
				t.Errorf("%s's fix names a key without words before it: %s", f.Rule, bad)
			}
			names = append(names, i18ntest.KeyNotes(f.Fix)...)
		}
		for _, format := range []string{"text", "markdown", "html", "github", "junit", "sarif", "json"} {
			t.Run(example+"/"+format, func(t *testing.T) {
				text := humanText(t, format, renderIn(t, format, res, i18n.Danish))
				if strings.TrimSpace(text) == "" {
					t.Fatal("no text extracted")
				}
				for _, bad := range i18ntest.EnglishIn(text, allowed) {
					t.Errorf("English in the Danish %s report: %s", format, bad)
				}
				for _, bad := range i18ntest.NamesIn(text, allowed, ruleNames) {
					t.Errorf("a rule's English name instead of its Danish title in the %s report: %s", format, bad)
				}
				if format == "json" {
					// JSON keeps the machine keys.
					return
				}
				for _, bad := range i18ntest.KeysIn(text, allowed, danishVocab()) {
					t.Errorf("a map key instead of its Danish in the %s report: %s", format, bad)
				}
				for _, bad := range i18ntest.InternalNamesIn(text, names) {
					t.Errorf("an internal name instead of words in the %s report: %s", format, bad)
				}
			})
		}
	}
}

// TestReportsShowTheMapsTextsInTheirLanguage renders the examples, whose
// maps write every free text in Danish and English, in each language and
// every format a person reads, and fails when a report shows a text of the
// map in the other language; the HTML report, which shows the purpose and
// every column's description, source and relevance, must show each of
// them in the reader's language.
func TestReportsShowTheMapsTextsInTheirLanguage(t *testing.T) {
	for _, example := range []string{"jobcenter", "jobcenter-fixed"} {
		m, err := featuremap.Load(filepath.Join("..", "examples", example, "saglig.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		for _, lang := range i18n.Langs() {
			res := runExampleIn(t, example, false, lang)
			var mine, theirs []string
			var shown []string // the texts the HTML report shows
			for _, tf := range m.Texts() {
				by := tf.Text.ByLanguage()
				if tf.Text.IsZero() {
					continue
				}
				if len(by) != len(i18n.Langs()) {
					if !tf.Text.IsPlain() || !strings.HasSuffix(tf.Key, ".source") {
						t.Errorf("%s: %s is not written in every language (only a source, a proper name, may be one string)", example, tf.Key)
					}
					continue
				}
				for l, text := range by {
					if l == lang {
						mine = append(mine, text)
					} else if text != by[lang] {
						theirs = append(theirs, text)
					}
				}
				if shownInHTML(tf.Key) {
					shown = append(shown, by[lang])
				}
			}
			for _, format := range []string{"text", "markdown", "html", "github", "junit", "sarif"} {
				t.Run(example+"/"+string(lang)+"/"+format, func(t *testing.T) {
					out := renderIn(t, format, res, lang)
					if format == "html" {
						out = html.UnescapeString(out)
					}
					out = strings.ReplaceAll(out, `\_`, "_")
					for _, text := range i18ntest.PhrasesIn(out, theirs) {
						t.Errorf("the %s %s report shows the map's text in the other language: %q", lang, format, text)
					}
					if format != "html" {
						return
					}
					found := i18ntest.PhrasesIn(out, shown)
					for _, text := range shown {
						if !slices.Contains(found, strings.Join(strings.Fields(text), " ")) {
							t.Errorf("the %s HTML report does not show the map's text %q", lang, text)
						}
					}
				})
			}
			if len(mine) == 0 || len(theirs) == 0 {
				t.Errorf("%s: no texts by language to check", example)
			}
		}
	}
}

// shownInHTML says whether the HTML report shows the map text under key:
// the purpose's and each column's own texts.
func shownInHTML(key string) bool {
	switch key {
	case "purpose.description", "purpose.human_review", "purpose.transparency", "purpose.legal_basis":
		return true
	}
	return strings.HasPrefix(key, "features.") && !strings.Contains(key, "[") &&
		(strings.HasSuffix(key, ".description") || strings.HasSuffix(key, ".source") || strings.HasSuffix(key, ".relevance"))
}
