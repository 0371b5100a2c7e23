package lint_test

import (
	"encoding/json"
	"encoding/xml"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/rules"
	"gopkg.in/yaml.v3"
)

// englishWords are common English words that are no Danish words: one of
// them in a Danish report means a string that missed the catalogue.
var englishWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`the of and with is are was were which that this these those their
		there has have had not no none yes from into than then when where while who whose what why how
		or but by on an its it they them values value rows row column columns category categories
		distinct numbers number name names valid match matches words whole mean spread like
		should must would could may might can't does did done shows show found finding findings
		inferred declared evidence suggest suggests period days years sample sampled only all any
		each every more most less least other others between against without within about above
		below after before because however also unknown measured condition conditions indications
		purpose map waiver waivers accepted reason expires error errors warning warnings
		people inputs target protected timestamp weight shortest longest
		quartile percentile first third holds hold see use used uses`) {
		englishWords[w] = true
	}
}

// mapStrings collects every scalar of a map file, keys and values: what the
// map's author wrote is shown as written, in whatever language.
func mapStrings(t *testing.T, path string) []string {
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
	var walk func(*yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.ScalarNode && n.Value != "" {
			out = append(out, n.Value)
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(&n)
	return out
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
					if k == "help" || k == "fullDescription" {
						// A SARIF rule's help and full description
						// are its long documentation: English only
						// (docs/cli.md, Language).
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
				case "text", "message", "fix", "headline", "label":
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
// author wrote, the rule ids and names, and the map's keys (purpose.output,
// relevance:): a string that bypassed the catalogue.
func TestDanishReportsSpeakDanish(t *testing.T) {
	for _, example := range []string{"jobcenter", "jobcenter-fixed"} {
		res := runExampleIn(t, example, false, i18n.Danish)
		allowed := mapStrings(t, filepath.Join("..", "examples", example, "saglig.yaml"))
		for _, r := range rules.All() {
			allowed = append(allowed, r.Name)
		}
		for _, ds := range res.Datasets {
			allowed = append(allowed, ds.Path)
		}
		// Longest first, so a phrase goes before the words in it.
		sort.Slice(allowed, func(i, j int) bool { return len(allowed[i]) > len(allowed[j]) })
		for _, format := range []string{"text", "markdown", "html", "github", "junit", "sarif", "json"} {
			t.Run(example+"/"+format, func(t *testing.T) {
				text := humanText(t, format, renderIn(t, format, res, i18n.Danish))
				if strings.TrimSpace(text) == "" {
					t.Fatal("no text extracted")
				}
				for _, bad := range englishIn(text, allowed) {
					t.Errorf("English in the Danish %s report: %s", format, bad)
				}
			})
		}
	}
}

// code matches what is code, not words: map keys and paths
// (purpose.output, allowed_contexts, relevance:, data/x.parquet), quoted
// data values, rule ids, and numbers.
var code = regexp.MustCompile("`[^`]*`|'[^']*'|\"[^\"]*\"|[\\p{L}\\d_-]*[._/][\\p{L}\\d_./-]*|[\\p{L}_-]+:|SAG\\d+|\\d[\\d.,]*")

// englishIn lists the English words of a text with their context, after
// the allowed strings and code are taken out. Whitespace is collapsed first:
// a wrapped report breaks the map's sentences elsewhere than the map does.
func englishIn(text string, allowed []string) []string {
	text = strings.Join(strings.Fields(annotation.ReplaceAllString(text, " ")), " ")
	for _, a := range allowed {
		if a = strings.Join(strings.Fields(a), " "); len(a) > 2 {
			text = strings.ReplaceAll(text, a, " ")
		}
	}
	text = code.ReplaceAllString(text, " ")
	var out []string
	seen := map[string]bool{}
	for _, m := range word.FindAllStringIndex(text, -1) {
		w := strings.ToLower(text[m[0]:m[1]])
		if !englishWords[w] {
			continue
		}
		ctx := strings.Join(strings.Fields(text[max(0, m[0]-60):min(len(text), m[1]+60)]), " ")
		if !seen[w+ctx] {
			seen[w+ctx] = true
			out = append(out, "«"+w+"» in …"+ctx+"…")
		}
	}
	return out
}

var (
	word = regexp.MustCompile(`\p{L}+`)
	// annotation matches a GitHub workflow command's name and parameters.
	annotation = regexp.MustCompile(`(?m)^::\w+[^:]*::`)
)
