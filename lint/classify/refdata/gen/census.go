package main

import (
	"bufio"
	"bytes"
	"embed"
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"

	"github.com/saglig/saglig/lint/classify/textfold"
)

// Small official classifications, transcribed with their source into
// extracts/ (see SOURCES.md): they are short lists published in documents,
// not files a program can fetch.
//
//go:embed extracts/*.txt
var extracts embed.FS

// Columns of the census income data (adult.data, no header).
const (
	adultMaritalStatus = 5
	adultRelationship  = 7
	adultRace          = 8
	adultNativeCountry = 13
)

// generic marks vocabulary entries that alone say nothing about the
// category ("Other", "Unknown", Norwegian "uoppgitt" — not stated): a
// detector should not count them as evidence.
var generic = map[string]bool{"other": true, "unknown": true, "uoppgitt": true}

func keyOf(s string) string { return textfold.Key(s) }

// adultColumn returns the distinct values of one column of the census
// income data, sorted, without "?" (missing).
func adultColumn(s *sources, col int) ([]string, error) {
	b, err := s.read("uci-adult/adult.data")
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		f := strings.Split(sc.Text(), ",")
		if len(f) != 15 {
			continue
		}
		if v := strings.TrimSpace(f[col]); v != "" && v != "?" {
			seen[v] = true
		}
	}
	if len(seen) == 0 {
		return nil, fmt.Errorf("uci-adult/adult.data: column %d is empty", col)
	}
	return sortedKeys(seen), sc.Err()
}

// extract reads a transcribed classification: "term" or "term<TAB>value"
// lines under "#" comments.
func extract(name string, v *vocab, tag string) error {
	b, err := extracts.ReadFile("extracts/" + name)
	if err != nil {
		return err
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	n := 0
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		term, value, _ := strings.Cut(line, "\t")
		addTagged(v, term, value, tag)
		n++
	}
	if n == 0 {
		return fmt.Errorf("extracts/%s: empty", name)
	}
	return sc.Err()
}

func addTagged(v *vocab, term, value, tag string) {
	if generic[keyOf(term)] {
		v.add(term, value, tag, "generic")
		return
	}
	v.add(term, value, tag)
}

func buildRaceEthnicity(s *sources) (*vocab, error) {
	v := newVocab("race-ethnicity", "race and ethnic-group categories of censuses and public data; tags: source, generic",
		"uci-adult", "compas", "omb-1997", "ons-2021")
	col, err := adultColumn(s, adultRace)
	if err != nil {
		return v, err
	}
	for _, c := range col {
		addTagged(v, c, "", "uci-adult")
	}
	b, err := s.read("compas/compas-scores-two-years.csv")
	if err != nil {
		return v, err
	}
	races, err := csvColumn(b, "race")
	if err != nil {
		return v, fmt.Errorf("compas: %w", err)
	}
	for _, r := range races {
		addTagged(v, r, "", "compas")
	}
	if err := extract("omb-1997.txt", v, "omb-1997"); err != nil {
		return v, err
	}
	return v, extract("ons-2021.txt", v, "ons-2021")
}

func buildMaritalStatus(s *sources) (*vocab, error) {
	v := newVocab("marital-status", "marital-status categories; tags: source", "uci-adult", "no-freg")
	col, err := adultColumn(s, adultMaritalStatus)
	if err != nil {
		return v, err
	}
	for _, c := range col {
		addTagged(v, c, "", "uci-adult")
	}
	return v, fregEnumeration(s, "Sivilstandstype", v)
}

func buildRelationship(s *sources) (*vocab, error) {
	v := newVocab("relationship", "relationship-to-household and family-relation categories; tags: source", "uci-adult", "no-freg")
	col, err := adultColumn(s, adultRelationship)
	if err != nil {
		return v, err
	}
	for _, c := range col {
		addTagged(v, c, "", "uci-adult")
	}
	return v, fregEnumeration(s, "Familierelasjontype", v)
}

// fregEnumeration adds the values of one enumeration of the Norwegian
// population register's event schema (Skatteetaten, Folkeregisteret).
// They are written in camel case (enkeEllerEnkemann); the vocabulary keeps
// them so, and matching ignores case and spacing ("Enke eller enkemann").
func fregEnumeration(s *sources, name string, v *vocab) error {
	const file = "freg/Hendelsedokument_v1.4.xsd"
	b, err := s.read(file)
	if err != nil {
		return err
	}
	var doc struct {
		SimpleTypes []struct {
			Name         string `xml:"name,attr"`
			Enumerations []struct {
				Value string `xml:"value,attr"`
			} `xml:"restriction>enumeration"`
		} `xml:"simpleType"`
	}
	if err := xml.Unmarshal(b, &doc); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	for _, t := range doc.SimpleTypes {
		if t.Name != name {
			continue
		}
		for _, e := range t.Enumerations {
			addTagged(v, e.Value, "", "no-freg")
		}
		return nil
	}
	return fmt.Errorf("%s: no enumeration %s", file, name)
}

var iscoLabel = regexp.MustCompile(`label define isco08_c ([0-9]{4})\s`)

// buildOccupations reads the ISCO-08 unit groups (four-digit codes) from a
// Stata label file that copies the ILO's structure.
func buildOccupations(s *sources) (*vocab, error) {
	v := newVocab("isco08", "ISCO-08 unit-group codes (four digits); tags: major group", "isco08-piaac")
	const file = "piaac/label_occup4digit.do"
	b, err := s.read(file)
	if err != nil {
		return v, err
	}
	for _, m := range iscoLabel.FindAllSubmatch(b, -1) {
		code := string(m[1])
		v.add(code, "", "major"+code[:1])
	}
	if len(v.entries) < 400 {
		return v, fmt.Errorf("%s: %d unit groups, want about 436", file, len(v.entries))
	}
	return v, nil
}

// csvColumn returns the distinct non-empty values of a named CSV column.
func csvColumn(b []byte, name string) ([]string, error) {
	r := csv.NewReader(bytes.NewReader(b))
	head, err := r.Read()
	if err != nil {
		return nil, err
	}
	col := -1
	for i, h := range head {
		if h == name {
			col = i
			break
		}
	}
	if col < 0 {
		return nil, fmt.Errorf("no column %q", name)
	}
	seen := map[string]bool{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if v := strings.TrimSpace(rec[col]); v != "" {
			seen[v] = true
		}
	}
	out := sortedKeys(seen)
	sort.Strings(out)
	return out, nil
}
