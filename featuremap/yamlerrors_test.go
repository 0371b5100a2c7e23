package featuremap

import (
	"strings"
	"testing"

	"github.com/saglig/saglig/internal/i18n"
)

// TestYAMLErrorsInBothLanguages: the YAML parser's description of a
// syntax error is said in the run's language after saglig's own words,
// at the line (and column) the parser found it; a description saglig has
// no translation of is the parser's text.
func TestYAMLErrorsInBothLanguages(t *testing.T) {
	const v1 = "version: 1"
	da, en := i18n.For(i18n.Danish), i18n.For(i18n.English)
	for _, tc := range []struct {
		name, src, da, en string
	}{
		{"a value after a value", lines(v1, "  purpose: x"),
			"saglig.yaml:2: ugyldig YAML: en værdi efter kolon er ikke tilladt her",
			"saglig.yaml:2: invalid YAML: mapping values are not allowed in this context"},
		{"a key indented wrong", lines(v1, "purpose:", "  name: a", " context: b"),
			"saglig.yaml:4: ugyldig YAML: fandt ikke den forventede nøgle",
			"saglig.yaml:4: invalid YAML: did not find expected key"},
		{"a tab", "\tversion: 1\n",
			"saglig.yaml:1: ugyldig YAML: fandt et tegn, som intet element kan begynde med",
			"saglig.yaml:1: invalid YAML: found character that cannot start any token"},
		{"a key without its colon", lines(v1, "purpose:", "  name: a", "  context"),
			"saglig.yaml:4: ugyldig YAML: fandt ikke det forventede kolon (:)",
			"saglig.yaml:4: invalid YAML: could not find expected ':'"},
		{"an unterminated quote", lines(v1, "purpose:", "  name: 'x"),
			"saglig.yaml:3: ugyldig YAML: fandt en uventet afslutning på filen",
			"saglig.yaml:3: invalid YAML: found unexpected end of stream"},
		{"a flow mapping not closed", lines(v1, "purpose:", "  name: a", "features: {a: b", "x: y"),
			"saglig.yaml:4: ugyldig YAML: fandt ikke det forventede ',' eller '}'",
			"saglig.yaml:4: invalid YAML: did not find expected ',' or '}'"},
		{"a list item after a key's value", lines(v1, "features: - a"),
			"saglig.yaml:2: ugyldig YAML: et listepunkt (-) er ikke tilladt her",
			"saglig.yaml:2: invalid YAML: block sequence entries are not allowed in this context"},
		{"a key among list items", lines(v1, "features:", "  - a", "  b: c"),
			"saglig.yaml:3: ugyldig YAML: fandt ikke den forventede bindestreg (-), der indleder et listepunkt",
			"saglig.yaml:3: invalid YAML: did not find expected '-' indicator"},
		{"an unknown escape", lines(v1, `purpose: {name: "a\qb"}`),
			"saglig.yaml:2: ugyldig YAML: fandt et ukendt escape-tegn",
			"saglig.yaml:2: invalid YAML: found unknown escape character"},
		{"an anchor without a name", lines(v1, "features: [a, &]"),
			"saglig.yaml:2: ugyldig YAML: fandt ikke det forventede bogstav eller ciffer",
			"saglig.yaml:2: invalid YAML: did not find expected alphabetic or numeric character"},
		{"a control character", lines(v1, "purpose:", "  name: a\x01"),
			"saglig.yaml:3:10: ugyldig YAML: kontroltegn er ikke tilladt",
			"saglig.yaml:3:10: invalid YAML: control characters are not allowed"},
		{"bad UTF-8", lines(v1, "purpose:", "  name: caf\xe9"),
			"saglig.yaml:3:12: ugyldig YAML: ufuldstændig UTF-8-bytesekvens",
			"saglig.yaml:3:12: invalid YAML: incomplete UTF-8 octet sequence"},
		{"an unknown anchor", lines(v1, "features:", "  age: *common"),
			"saglig.yaml:3:8: ugyldig YAML: aliasset *common henviser ikke til noget anker &common før det",
			"saglig.yaml:3:8: invalid YAML: alias *common refers to no anchor &common before it"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("saglig.yaml", []byte(tc.src))
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range []struct {
				p    *i18n.Printer
				want string
			}{{da, tc.da}, {en, tc.en}} {
				got := i18n.Localize(w.p, err)
				if got != w.want {
					t.Errorf("in %s:\n got %q\nwant %q", w.p.Lang(), got, w.want)
				}
				if strings.Contains(got, "\n") {
					t.Errorf("in %s: more than one line: %q", w.p.Lang(), got)
				}
			}
		})
	}
}
