// Package baseline records the findings a project has accepted for now, so
// that a linter introduced into an existing feature store fails only on new
// findings. A baseline is a small JSON file, sorted so that its diffs are
// reviewable; each entry is a finding's fingerprint (rule, dataset path
// relative to the map's directory, column — finding.Fingerprint) with the
// rule, dataset, column and message spelled out for humans.
package baseline

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/finding"
)

// Version is the baseline file format's version.
const Version = 1

// Tool is the value of the file's tool field.
const Tool = "saglig"

// File is a baseline.
type File struct {
	Version int     `json:"version"`
	Tool    string  `json:"tool"`
	Entries []Entry `json:"entries"`

	index map[string]bool // Has's lookup, built on first use
}

// Entry is one accepted finding.
type Entry struct {
	Rule string `json:"rule"`
	// Dataset is the dataset's path relative to the map's directory, with
	// forward slashes; empty for findings on the map alone.
	Dataset string `json:"dataset"`
	Column  string `json:"column"`
	// Fingerprint is finding.Fingerprint(Rule, Dataset, Column).
	Fingerprint string `json:"fingerprint"`
	// Message is the finding's message when the baseline was written, for
	// the humans who review the file; it plays no part in matching.
	Message string `json:"message"`
}

// New records the findings of a run on the map mapFile that a baseline may
// accept: those not accepted otherwise (baselined ones included: they are
// still there), of rules whose findings can be baselined (baselinable says
// which). A finding that was fixed is absent, so a rewritten baseline
// shrinks. Findings that share a fingerprint are one entry. It returns the
// file and, by rule, how many findings it left out because their rule
// cannot be baselined.
func New(mapFile string, fs []finding.Finding, baselinable func(rule string) bool) (*File, map[string]int) {
	b := &File{Version: Version, Tool: Tool, Entries: []Entry{}}
	seen := map[string]bool{}
	refused := map[string]int{}
	for i := range fs {
		f := &fs[i]
		if !f.Open() && !f.Baselined {
			continue
		}
		if !baselinable(f.Rule) {
			refused[f.Rule]++
			continue
		}
		key := finding.DatasetKey(mapFile, f.Dataset)
		fp := finding.Fingerprint(f.Rule, key, f.Column)
		if seen[fp] {
			continue
		}
		seen[fp] = true
		b.Entries = append(b.Entries, Entry{Rule: f.Rule, Dataset: key, Column: f.Column, Fingerprint: fp, Message: f.Message})
	}
	b.sort()
	return b, refused
}

func (b *File) sort() {
	sort.Slice(b.Entries, func(i, j int) bool {
		x, y := &b.Entries[i], &b.Entries[j]
		if x.Dataset != y.Dataset {
			return x.Dataset < y.Dataset
		}
		if x.Column != y.Column {
			return x.Column < y.Column
		}
		if x.Rule != y.Rule {
			return x.Rule < y.Rule
		}
		return x.Fingerprint < y.Fingerprint
	})
}

// Write writes the baseline as indented JSON with a final newline.
func (b *File) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(b)
}

// Load reads a baseline file. Every error names the file and says what is
// wrong in one line.
func Load(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, i18n.Errorf("%s: baseline file does not exist (write one with --write-baseline)", path)
		}
		return nil, i18n.Errorf("%s: cannot read baseline: %v", path, errors.Unwrap(err))
	}
	b, err := Parse(data)
	if err != nil {
		return nil, i18n.Errorf("%s: not a valid saglig baseline: %v", path, err)
	}
	return b, nil
}

// Parse reads a baseline from its JSON text. It checks the version, rejects
// unknown keys and checks that every fingerprint matches its entry's rule,
// dataset and column, so a hand edit cannot silently stop matching.
func Parse(data []byte) (*File, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var b File
	if err := dec.Decode(&b); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, i18n.Errorf("invalid JSON at byte %d: %v", se.Offset, err)
		}
		if errors.Is(err, io.EOF) {
			return nil, i18n.Errorf("the file is empty")
		}
		return nil, fmt.Errorf("%v", err)
	}
	if dec.More() {
		return nil, i18n.Errorf("unexpected data after the baseline object")
	}
	if b.Version != Version {
		return nil, i18n.Errorf("version %d is not supported (want %d)", b.Version, Version)
	}
	if b.Tool != Tool {
		return nil, i18n.Errorf("tool is %q, want %q", b.Tool, Tool)
	}
	for i, e := range b.Entries {
		if e.Rule == "" {
			return nil, i18n.Errorf("entry %d has no rule", i+1)
		}
		if _, err := hex.DecodeString(e.Fingerprint); err != nil || len(e.Fingerprint) != 64 {
			return nil, i18n.Errorf("entry %d (%s %s): fingerprint is not 64 hex digits", i+1, e.Rule, e.Column)
		}
		if want := finding.Fingerprint(e.Rule, e.Dataset, e.Column); e.Fingerprint != want {
			return nil, i18n.Errorf("entry %d (%s %s): fingerprint does not match its rule, dataset and column", i+1, e.Rule, e.Column)
		}
	}
	if b.Entries == nil {
		b.Entries = []Entry{}
	}
	return &b, nil
}

// Has reports whether the baseline records the fingerprint.
func (b *File) Has(fingerprint string) bool {
	if b.index == nil {
		b.index = make(map[string]bool, len(b.Entries))
		for _, e := range b.Entries {
			b.index[e.Fingerprint] = true
		}
	}
	return b.index[fingerprint]
}
