package featuremap

import (
	"bytes"
	"errors"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/saglig/saglig/internal/diag"
	"github.com/saglig/saglig/internal/i18n"
	"gopkg.in/yaml.v3"
)

// MaxSize is the size of the largest map file Load and Parse accept.
const MaxSize = 8 << 20

// maxAliasNodes bounds how many nodes YAML aliases may add to a document,
// which keeps "billion laughs" documents from exhausting memory.
const maxAliasNodes = 100_000

// Problem is one reason a map cannot be read.
type Problem struct {
	Pos Pos
	// Msg says what is wrong, in the language of whoever prints it.
	Msg i18n.Msg
}

// String formats the problem as "file:line:col: message", in English.
func (p Problem) String() string { return p.In(i18n.For(i18n.English)) }

// In formats the problem in tr's language.
func (p Problem) In(tr *i18n.Printer) string { return p.Pos.String() + ": " + p.Msg.In(tr) }

// LoadError lists every problem found (not just the first), sorted by position.
type LoadError struct {
	File     string
	Problems []Problem
	// err is why the file could not be read at all, for errors.Is.
	err error
}

// Error returns one line per problem, in English.
func (e *LoadError) Error() string { return e.In(i18n.For(i18n.English)) }

// In returns one line per problem in tr's language (i18n.Localize).
func (e *LoadError) In(tr *i18n.Printer) string {
	if len(e.Problems) == 0 {
		return tr.Sprintf("%s: the map cannot be read", e.File)
	}
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.In(tr)
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns the I/O error when the file could not be read, so that
// errors.Is(err, fs.ErrNotExist) works.
func (e *LoadError) Unwrap() error { return e.err }

// Load reads and validates a map file. The error, when not nil, is a *LoadError.
func Load(path string) (*Map, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, readError(path, err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return nil, &LoadError{File: path, Problems: []Problem{{Pos{File: path}, i18n.M("is a directory, not a map file")}}}
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return nil, readError(path, err)
	}
	return Parse(path, data)
}

func readError(path string, err error) *LoadError {
	return &LoadError{
		File:     path,
		Problems: []Problem{{Pos{File: path}, i18n.M("cannot read the map: %s", describe(err))}},
		err:      err,
	}
}

// Parse does the same as Load from bytes; name is used in positions and
// gives Map.File and Map.Dir.
//
// Beyond what docs/map.md requires: YAML anchors, aliases and merge keys (<<) are
// resolved; a null value means empty (a null feature is an entry with
// defaults); numbers and booleans are accepted as text where text is
// expected; and a purpose name or a context that is empty or a TODO marker
// is left for the rules to report rather than refused.
func Parse(name string, data []byte) (*Map, error) {
	d := &decoder{file: name}
	m := d.parse(data)
	if len(d.problems) > 0 {
		return nil, d.loadError()
	}
	return m, nil
}

// decoder walks the YAML node tree and collects problems.
type decoder struct {
	file     string
	problems []Problem
}

func (d *decoder) pos(n *yaml.Node) Pos { return Pos{File: d.file, Line: n.Line, Col: n.Column} }

func (d *decoder) add(p Pos, m i18n.Msg) {
	d.problems = append(d.problems, Problem{p, m})
}

func (d *decoder) errorf(n *yaml.Node, m i18n.Msg) {
	d.add(d.pos(n), m)
}

// loadError sorts the problems by position and drops repeats (a value
// reached through several aliases is checked once per alias).
func (d *decoder) loadError() *LoadError {
	ps := d.problems
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].Pos.Line != ps[j].Pos.Line {
			return ps[i].Pos.Line < ps[j].Pos.Line
		}
		return ps[i].Pos.Col < ps[j].Pos.Col
	})
	seen := make(map[string]bool, len(ps))
	out := ps[:0]
	for _, p := range ps {
		if k := p.String(); !seen[k] {
			seen[k] = true
			out = append(out, p)
		}
	}
	return &LoadError{File: d.file, Problems: out}
}

func (d *decoder) parse(data []byte) *Map {
	if len(data) > MaxSize {
		d.add(Pos{File: d.file}, i18n.M("map is larger than 8 MiB"))
		return nil
	}
	doc := d.document(data)
	if doc == nil || !d.checkAliases(doc) {
		return nil
	}
	return d.top(doc)
}

// document decodes the single YAML document of data into a node tree.
func (d *decoder) document(data []byte) (doc *yaml.Node) {
	defer func() {
		// yaml.v3 reports errors by panicking internally and recovering;
		// should any other panic escape it, it is a problem, not a crash.
		if r := recover(); r != nil {
			doc = nil
			d.add(Pos{File: d.file}, i18n.M("invalid YAML: the parser failed: %v", r))
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var first yaml.Node
	if err := dec.Decode(&first); err != nil {
		if errors.Is(err, io.EOF) {
			d.add(Pos{File: d.file}, i18n.M("the map is empty"))
		} else {
			d.yamlError(data, err)
		}
		return nil
	}
	var second yaml.Node
	switch err := dec.Decode(&second); {
	case errors.Is(err, io.EOF):
	case err != nil:
		d.yamlError(data, err)
		return nil
	default:
		d.errorf(&second, i18n.M("a second YAML document starts here; the map must be a single document"))
		return nil
	}
	return &first
}

// yamlError turns a yaml.v3 syntax error into a problem with its position.
func (d *decoder) yamlError(data []byte, err error) {
	p := diag.YAML(data, err)
	d.add(Pos{File: d.file, Line: p.Line, Col: p.Col}, i18n.M("invalid YAML: %s", p.Words()))
}
