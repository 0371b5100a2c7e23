package diag

import (
	"errors"
	"testing"

	"github.com/saglig/saglig/internal/i18n"
	"gopkg.in/yaml.v3"
)

func TestYAML(t *testing.T) {
	tests := []struct {
		name, doc string
		want      Problem
	}{
		// A parser error: yaml.v3 says line 2 (0-based).
		{"missing key", "a:\n  b: 1\n c: 2\n", Problem{Line: 3, Msg: "did not find expected key"}},
		{"unclosed flow mapping", "a: 1\nb: 2\nc: 3\nd: {x: 1\n", Problem{Line: 4, Msg: "did not find expected ',' or '}'"}},
		// A scanner error: yaml.v3's line is right.
		{"mapping in a scalar", "a: 1\nb: c: d\n", Problem{Line: 2, Msg: "mapping values are not allowed in this context"}},
		// On the first line yaml.v3 gives no line at all.
		// A scanner error that begins as the parser's do.
		{"anchor without a name", "a: 1\nb: [a, &]\n", Problem{Line: 2, Msg: "did not find expected alphabetic or numeric character"}},
		{"first line", "@x: 1\n", Problem{Line: 1, Msg: "found character that cannot start any token"}},
		{"bad UTF-8", "a: 1\nb: 2\nc: ok \xff\n", Problem{Line: 3, Col: 7, Msg: "invalid leading UTF-8 octet"}},
		{"control character", "a: 1\nb: x\x01\n", Problem{Line: 2, Col: 5, Msg: "control characters are not allowed"}},
		{"unknown anchor", "a: 1\nb: [1,\n  *nope]\n", Problem{Line: 3, Col: 3, Msg: "alias *nope refers to no anchor &nope before it"}},
	}
	for _, tt := range tests {
		var n yaml.Node
		err := yaml.Unmarshal([]byte(tt.doc), &n)
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		if got := YAML([]byte(tt.doc), err); got != tt.want {
			t.Errorf("%s: YAML(%q) = %+v, want %+v", tt.name, err, got, tt.want)
		}
	}
	if got := YAML(nil, errors.New("something else")); got != (Problem{Msg: "something else"}) {
		t.Errorf("a foreign error: %+v", got)
	}
}

// TestYAMLWords: a description of yaml.v3's is said in the printer's
// language; one with a value keeps it; one saglig does not know is the
// library's text.
func TestYAMLWords(t *testing.T) {
	da, en := i18n.For(i18n.Danish), i18n.For(i18n.English)
	for _, tc := range []struct{ msg, da, en string }{
		{"did not find expected node content", "fandt ikke det forventede indhold", ""},
		{"found a tab character that violates indentation", "fandt et tabulatortegn, der bryder indrykningen", ""},
		{"exceeded max depth of 10000", "overskred den største tilladte dybde, 10.000 niveauer", "exceeded max depth of 10,000"},
		{"found duplicate %YAML directive", "fandt %YAML-direktivet to gange", ""},
		{"anchor 'a' value contains itself", "værdien af ankeret 'a' indeholder sig selv", ""},
		{"a problem yaml.v4 may word", "a problem yaml.v4 may word", ""},
	} {
		if tc.en == "" {
			tc.en = tc.msg
		}
		p := Problem{Line: 2, Msg: tc.msg}
		if got := p.Words().In(da); got != tc.da {
			t.Errorf("%q in Danish = %q, want %q", tc.msg, got, tc.da)
		}
		if got := p.Words().In(en); got != tc.en {
			t.Errorf("%q in English = %q", tc.msg, got)
		}
	}
}
