package diag

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Problem is a YAML syntax error: where it is and what it is. Line and Col
// are 1-based; 0 means unknown (a Col of 0 with a Line names the line only).
type Problem struct {
	Line, Col int
	// Msg is yaml.v3's message without its "yaml: line N: " prefix.
	Msg string
}

var (
	yamlErrRe    = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)
	yamlAnchorRe = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)
)

// YAML locates the syntax error err that yaml.v3 returned for data.
//
// yaml.v3 omits the line when it is the first, gives its parser's errors
// (unlike its scanner's) 0-based lines (go-yaml/yaml#205), and gives no
// position at all to bad characters and unknown anchors: YAML finds them.
func YAML(data []byte, err error) Problem {
	m := yamlErrRe.FindStringSubmatch(err.Error())
	if m == nil {
		return Problem{Msg: err.Error()}
	}
	p := Problem{Line: 1, Msg: m[2]}
	if m[1] != "" {
		p.Line, _ = strconv.Atoi(m[1])
		if isParserError(p.Msg) {
			p.Line++
		}
	}
	if strings.Contains(p.Msg, "UTF-8") || strings.Contains(p.Msg, "control characters") {
		// Reader errors carry no line: find the character.
		if line, col := badChar(data); line > 0 {
			p.Line, p.Col = line, col
		}
	}
	if a := yamlAnchorRe.FindStringSubmatch(p.Msg); a != nil {
		// No position either: find the alias.
		if loc := regexp.MustCompile(`\*` + regexp.QuoteMeta(a[1]) + `(?:[\s,\]}]|$)`).FindIndex(data); loc != nil {
			p.Line, p.Col = posAt(data, loc[0])
		}
		p.Msg = fmt.Sprintf("alias *%s refers to no anchor &%s before it", a[1], a[1])
	}
	return p
}

// isParserError reports whether msg comes from yaml.v3's parser (whose
// lines are 0-based) rather than its scanner: the parser's descriptions
// (parserc.go), some of which begin as the scanner's do ("did not find
// expected alphabetic or numeric character" is the scanner's).
func isParserError(msg string) bool {
	switch msg {
	case "did not find expected <stream-start>", "did not find expected <document start>",
		"did not find expected node content", "did not find expected key", "did not find expected '-' indicator",
		"did not find expected ',' or ']'", "did not find expected ',' or '}'",
		"found duplicate %YAML directive", "found duplicate %TAG directive", "found incompatible YAML document",
		"found undefined tag handle":
		return true
	}
	return false
}

// badChar returns the position of the first byte sequence that is not
// UTF-8 or the first character YAML does not allow, or 0, 0.
func badChar(data []byte) (line, col int) {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		allowed := r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r <= 0x7E) || r == 0x85 ||
			(r >= 0xA0 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || r >= 0x10000
		if (r == utf8.RuneError && size <= 1) || !allowed {
			return posAt(data, i)
		}
		i += size
	}
	return 0, 0
}

// posAt returns the line and column (in characters) of byte offset i.
func posAt(data []byte, i int) (line, col int) {
	before := data[:i]
	line = bytes.Count(before, []byte("\n")) + 1
	col = utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:]) + 1
	return line, col
}
