// Package i18ntest finds English left in Danish text: the tests that hold
// the Danish reports (lint) and the rules' Danish documentation
// (lint/rules) to the catalogue use one detector.
package i18ntest

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// englishWords are common English words that are no Danish words ("have"
// is both): one of them in a Danish text means a string that missed its
// translation.
var englishWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`the of and with is are was were which that this these those their
		there has had not no none yes from into than then when where while who whose what why how
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

// code matches what is code, not words: Markdown's code blocks and
// spans, comments and link targets, flags (--schema-only), map keys and
// paths (purpose.output, allowed_contexts, relevance:, data/x.parquet),
// quoted data values, rule ids, and numbers.
var code = regexp.MustCompile("(?s)```.*?```|`[^`]*`|<!--.*?-->|\\]\\([^)]*\\)|--[\\p{L}-]+|'[^']*'|\"[^\"]*\"|[\\p{L}\\d_-]*[._/][\\p{L}\\d_./-]*|[\\p{L}_-]+:|SAG\\d+|\\d[\\d.,]*")

var (
	word = regexp.MustCompile(`\p{L}+`)
	// annotation matches a GitHub workflow command's name and parameters.
	annotation = regexp.MustCompile(`(?m)^::\w+[^:]*::`)
)

// EnglishIn lists the English words of a text with their context, after
// the allowed strings (what an author wrote, names) and code are taken
// out. Whitespace is collapsed first: wrapped text breaks phrases
// elsewhere than their source does.
func EnglishIn(text string, allowed []string) []string {
	text = prose(text, allowed)
	var out []string
	seen := map[string]bool{}
	for _, m := range word.FindAllStringIndex(text, -1) {
		w := strings.ToLower(text[m[0]:m[1]])
		if !englishWords[w] || strings.ToUpper(w) == text[m[0]:m[1]] {
			// An acronym (IT-sikkerhed) is no English word.
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

// prose is what a text says in words: whitespace collapsed, the allowed
// strings and code taken out.
func prose(text string, allowed []string) string {
	return code.ReplaceAllString(without(text, allowed), " ")
}

// without collapses a text's whitespace and takes the allowed strings out
// of it, longest first, so a phrase goes before the words in it.
func without(text string, allowed []string) string {
	return withoutAllowed(annotation.ReplaceAllString(text, " "), allowed)
}

// withoutAllowed is without, the annotations' names and parameters left
// in.
func withoutAllowed(text string, allowed []string) string {
	text = strings.Join(strings.Fields(text), " ")
	allowed = append([]string(nil), allowed...)
	sort.SliceStable(allowed, func(i, j int) bool { return len(allowed[i]) > len(allowed[j]) })
	for _, a := range allowed {
		if a = strings.Join(strings.Fields(a), " "); len(a) > 2 {
			text = strings.ReplaceAll(text, a, " ")
		}
	}
	return text
}

// PhrasesIn lists the phrases a text shows as whole phrases, whitespace
// collapsed in both: the texts a map's author wrote in another language
// than a report's (a Danish report that shows the English description).
func PhrasesIn(text string, phrases []string) []string {
	text = strings.Join(strings.Fields(text), " ")
	var out []string
	for _, p := range phrases {
		p = strings.Join(strings.Fields(p), " ")
		if p == "" {
			continue
		}
		re := regexp.MustCompile(`(?:^|[^\p{L}])` + regexp.QuoteMeta(p) + `(?:$|[^\p{L}])`)
		if re.MatchString(text) {
			out = append(out, p)
		}
	}
	return out
}

// KeysIn lists the keys (the map's vocabulary words, such as
// "civil-registration") that a text writes as words, with their context,
// after the allowed strings and code are taken out: a report that shows a
// key where it should say the word in the reader's language.
func KeysIn(text string, allowed, keys []string) []string {
	return wordsIn(prose(text, allowed), keys)
}

// NamesIn lists where a text writes one of names as a word — a rule's
// English name (no-transparency, proxy) in a Danish report, which should
// name the rule by its id and Danish title — with its context, after the
// allowed strings and what the text quotes (code, values) are taken out;
// a GitHub annotation's title, which a reader sees, is looked at.
// A name inside a longer word (proxy-variabel) or a dotted key
// (proxy.fdr) is not the name.
func NamesIn(text string, allowed, names []string) []string {
	return wordsIn(quoted.ReplaceAllString(withoutAllowed(text, allowed), " "), names)
}

// wordsIn lists where a text writes one of words as a word of its own,
// with its context.
func wordsIn(text string, words []string) []string {
	var out []string
	for _, k := range words {
		re := regexp.MustCompile(`(?:^|[^\p{L}\d_.-])(` + regexp.QuoteMeta(k) + `)(?:$|[^\p{L}\d_.-]|\.(?:$|[^\p{L}\d]))`)
		for _, m := range re.FindAllStringSubmatchIndex(text, -1) {
			ctx := strings.Join(strings.Fields(text[max(0, m[2]-60):min(len(text), m[3]+60)]), " ")
			out = append(out, "«"+k+"» in …"+ctx+"…")
		}
	}
	return out
}

// internal matches what only the code or the map says, never a sentence:
// a map or policy path (purpose.output, heuristics.period_days), a key
// written with underscores (lawful_basis, decision_role), a boolean, a
// window as column names abbreviate it (5y, 12m), and what Go prints for
// a value it was not told how to write (%!s(MISSING), <nil>, map[…],
// &{…}, []string).
var internal = regexp.MustCompile(`\b(?:purpose|heuristics|proxy|policy|columns|datasets)\.[a-z_]+\b|\b[a-z]+(?:_[a-z0-9]+)+\b|\b(?:true|false)\b|\b(?:u?int(?:8|16|32|64)|float(?:16|32|64)|string|bool|stringArray|duration)\b|\b\d+[ymwd]\b|%!|<nil>|\bmap\[|&\{|\[\](?:string|int|any)\b`)

// quoted matches what a text quotes: a value from the data or the map
// ('dansk oprindelse', "postnr") and code (Markdown's backticks).
var quoted = regexp.MustCompile("(?s)```.*?```|`[^`]*`|'[^']*'|\"[^\"]*\"|\\]\\([^)]*\\)|<!--.*?-->")

// InternalNamesIn lists the internal names of a text with their context,
// after the allowed strings (what an author wrote, column names, the
// fixes that tell the map's author which key to write) and what it
// quotes are taken out: a report that shows a map path, a key, a boolean
// or a Go value where a person should read words.
func InternalNamesIn(text string, allowed []string) []string {
	// Markdown escapes the underscores of a name (antal\_adresseskift).
	unescape := strings.NewReplacer(`\_`, "_")
	var plain []string
	for _, a := range allowed {
		plain = append(plain, unescape.Replace(a))
	}
	text = quoted.ReplaceAllString(without(unescape.Replace(text), plain), " ")
	var out []string
	seen := map[string]bool{}
	for _, m := range internal.FindAllStringIndex(text, -1) {
		ctx := strings.Join(strings.Fields(text[max(0, m[0]-60):min(len(text), m[1]+60)]), " ")
		if k := text[m[0]:m[1]] + ctx; !seen[k] {
			seen[k] = true
			out = append(out, "«"+text[m[0]:m[1]]+"» in …"+ctx+"…")
		}
	}
	return out
}

// keyNote is a fix's note of the map key its author writes, in
// parentheses after the words that say it: "the score's role in the
// final decision (purpose.decision_role)".
var keyNote = regexp.MustCompile(`[\p{L}\d,.'’]\s\([^()]*\)`)

// KeyNotes lists the key notes of a fix, parentheses included: what a
// report may show of the map's keys.
func KeyNotes(fix string) []string {
	var out []string
	for _, m := range keyNote.FindAllString(fix, -1) {
		out = append(out, m[strings.Index(m, "("):])
	}
	return out
}

// BareKeysIn lists the keys a fix writes as code outside a key note —
// "relevance:", "lawful_basis", "purpose.transparency" — with the fix: a
// key where the reader should have read words ("document in relevance:
// why" rather than "document why … (relevance:)"). A key that is also a
// word (role, source) counts only so written.
func BareKeysIn(fix string, keys []string) []string {
	// The note goes, its word stays, apart from what follows the note: "on
	// the purpose (purpose.waivers): the finding" is no "purpose:".
	text := keyNote.ReplaceAllStringFunc(fix, func(m string) string { return m[:1] + " " })
	known := map[string]bool{}
	for _, k := range keys {
		known[k] = true
	}
	var out []string
	for _, m := range codeName.FindAllStringSubmatch(text, -1) {
		name, colon := m[1], m[2] != ""
		last := name[strings.LastIndex(name, ".")+1:]
		if known[last] && (colon || strings.ContainsAny(name, "._")) {
			out = append(out, "«"+name+m[2]+"» in "+fix)
		}
	}
	return out
}

// ProseParagraphs splits a documentation text into its paragraphs of
// prose, whitespace collapsed and the backticks of code spans taken off
// (`relevance:` is the key as a reader meets it); code blocks (a map's
// YAML between fences, or indented four spaces) are code and left out.
func ProseParagraphs(doc string) []string {
	doc = fence.ReplaceAllString(doc, "\n\n")
	var out []string
	for _, para := range strings.Split(doc, "\n\n") {
		if strings.HasPrefix(strings.TrimLeft(para, "\n"), "    ") {
			continue
		}
		if para = strings.Join(strings.Fields(strings.ReplaceAll(para, "`", "")), " "); para != "" {
			out = append(out, para)
		}
	}
	return out
}

// fence matches a fenced code block.
var fence = regexp.MustCompile("(?ms)^\\s*```.*?^\\s*```[^\\n]*$")

// codeName matches a name as a map writes it: a word, a snake_case key or
// a dotted path, and a colon after it.
var codeName = regexp.MustCompile(`(?:^|[^\p{L}\d_.-])([a-z][a-z0-9]*(?:[._][a-z0-9]+)*)(:?)`)

// SchemaKeys lists the property names of a JSON Schema (the map's, from
// featuremap.JSONSchema): every key a map may hold, sorted.
func SchemaKeys(schema []byte, err error) ([]string, error) {
	if err != nil {
		return nil, err
	}
	var v any
	if err := json.Unmarshal(schema, &v); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if ps, ok := x["properties"].(map[string]any); ok {
				for k := range ps {
					seen[k] = true
				}
			}
			for _, c := range x {
				walk(c)
			}
		case []any:
			for _, c := range x {
				walk(c)
			}
		}
	}
	walk(v)
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	slices.Sort(out)
	if len(out) == 0 {
		return nil, fmt.Errorf("the schema declares no properties")
	}
	return out, nil
}
