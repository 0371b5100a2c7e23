package diag

import (
	"regexp"
	"strconv"

	"github.com/saglig/saglig/internal/i18n"
)

// Words is the problem in the words of whoever prints it: yaml.v3's
// description of a syntax error (its scanner's, parser's, reader's and
// composer's, v3.0.1) is a key of the catalogue, so a Danish run says it
// in Danish; a description not among them is the library's text as it is.
func (p Problem) Words() i18n.Text {
	if yamlWords[p.Msg] {
		return i18n.M(p.Msg)
	}
	for _, w := range yamlPatterns {
		if m := w.re.FindStringSubmatch(p.Msg); m != nil {
			return w.msg(m)
		}
	}
	return verbatim(p.Msg)
}

// verbatim is a text that is the same in every language: a library's
// words saglig has no translation of.
type verbatim string

func (v verbatim) In(*i18n.Printer) string { return string(v) }

// yamlWords are yaml.v3's fixed descriptions of a syntax error.
var yamlWords = map[string]bool{}

func init() {
	for _, m := range []string{
		i18n.N("block sequence entries are not allowed in this context"),
		i18n.N("control characters are not allowed"),
		i18n.N("could not find expected ':'"),
		i18n.N("could not find expected directive name"),
		i18n.N("did not find URI escaped octet"),
		i18n.N("did not find expected '!'"),
		i18n.N("did not find expected ',' or ']'"),
		i18n.N("did not find expected ',' or '}'"),
		i18n.N("did not find expected '-' indicator"),
		i18n.N("did not find expected <document start>"),
		i18n.N("did not find expected <stream-start>"),
		i18n.N("did not find expected alphabetic or numeric character"),
		i18n.N("did not find expected comment or line break"),
		i18n.N("did not find expected digit or '.' character"),
		i18n.N("did not find expected hexdecimal number"),
		i18n.N("did not find expected key"),
		i18n.N("did not find expected node content"),
		i18n.N("did not find expected tag URI"),
		i18n.N("did not find expected version number"),
		i18n.N("did not find expected whitespace or line break"),
		i18n.N("did not find expected whitespace"),
		i18n.N("did not find the expected '>'"),
		i18n.N("document contains excessive aliasing"),
		i18n.N("expected low surrogate area"),
		i18n.N("found a tab character that violates indentation"),
		i18n.N("found a tab character where an indentation space is expected"),
		i18n.N("found an incorrect leading UTF-8 octet"),
		i18n.N("found an incorrect trailing UTF-8 octet"),
		i18n.N("found an indentation indicator equal to 0"),
		i18n.N("found character that cannot start any token"),
		i18n.N("found extremely long version number"),
		i18n.N("found incompatible YAML document"),
		i18n.N("found invalid Unicode character escape code"),
		i18n.N("found undefined tag handle"),
		i18n.N("found unexpected document indicator"),
		i18n.N("found unexpected end of stream"),
		i18n.N("found unexpected non-alphabetical character"),
		i18n.N("found unknown directive name"),
		i18n.N("found unknown escape character"),
		i18n.N("incomplete UTF-16 character"),
		i18n.N("incomplete UTF-16 surrogate pair"),
		i18n.N("incomplete UTF-8 octet sequence"),
		i18n.N("invalid Unicode character"),
		i18n.N("invalid leading UTF-8 octet"),
		i18n.N("invalid length of a UTF-8 sequence"),
		i18n.N("invalid trailing UTF-8 octet"),
		i18n.N("mapping keys are not allowed in this context"),
		i18n.N("mapping values are not allowed in this context"),
		i18n.N("unexpected low surrogate area"),
	} {
		yamlWords[m] = true
	}
}

// yamlPatterns are yaml.v3's descriptions that hold a value (a name, a
// number, a directive whose % a format would read), and YAML's own of an
// unknown anchor.
var yamlPatterns = []struct {
	re  *regexp.Regexp
	msg func(m []string) i18n.Text
}{
	{regexp.MustCompile(`^alias \*(.*) refers to no anchor &(.*) before it$`), func(m []string) i18n.Text {
		return i18n.M("alias *%s refers to no anchor &%s before it", m[1], m[2])
	}},
	{regexp.MustCompile(`^anchor '(.*)' value contains itself$`), func(m []string) i18n.Text {
		return i18n.M("anchor '%s' value contains itself", m[1])
	}},
	{regexp.MustCompile(`^exceeded max depth of (\d+)$`), func(m []string) i18n.Text {
		n, _ := strconv.Atoi(m[1])
		return i18n.M("exceeded max depth of %d", n)
	}},
	{regexp.MustCompile(`^found duplicate (%YAML|%TAG) directive$`), func(m []string) i18n.Text {
		return i18n.M("found duplicate %s directive", m[1])
	}},
}
