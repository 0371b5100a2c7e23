package diag

import (
	"errors"
	"testing"

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
