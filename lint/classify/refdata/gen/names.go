package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// Name lists keep the most common names until they cover this share of
// the population counted, at most this many per country.
const (
	nameCoverage = 0.95
	maxFirstDK   = 4000
	maxFirstDE   = 3000
	maxFirstUS   = 5000
)

// builders build the vocabularies, each under its file's name.
var builders = []struct {
	name  string
	build func(*sources) (*vocab, error)
}{
	{"first-names", buildFirstNames}, {"surnames", buildSurnames}, {"countries", buildCountries},
	{"country-codes", buildCountryCodes}, {"nationalities", buildNationalities},
	{"race-ethnicity", buildRaceEthnicity}, {"marital-status", buildMaritalStatus},
	{"relationship", buildRelationship}, {"isco08", buildOccupations}, {"health-terms", buildHealthTerms},
}

func buildFirstNames(s *sources) (*vocab, error) {
	v := newVocab("first-names", "first names from national name statistics; tags: the countries whose statistics list the name",
		"dst-2021", "scb", "labo-berlin", "ssa", "ssb-2024")
	// Denmark: Danmarks Statistik, first names of the whole population,
	// January 2021 (women and men), ISO-8859-1 text.
	dk := map[string]int{}
	for _, f := range []string{"dst/FirstNames_2021_F.txt", "dst/FirstNames_2021_M.txt"} {
		b, err := s.read(f)
		if err != nil {
			return v, err
		}
		if err := tabCounts(latin1(b), dk); err != nil {
			return v, fmt.Errorf("%s: %w", f, err)
		}
	}
	for _, c := range top(dk, nameCoverage, maxFirstDK) {
		v.add(titleCase(c.name), "", "dk")
	}
	// Sweden: Statistics Sweden's first names (all names, no counts).
	for _, f := range []string{"scb/swedish_female_names.json", "scb/swedish_male_names.json"} {
		b, err := s.read(f)
		if err != nil {
			return v, err
		}
		var names []string
		if err := json.Unmarshal(b, &names); err != nil {
			return v, fmt.Errorf("%s: %w", f, err)
		}
		for _, n := range names {
			if validName(n) {
				v.add(n, "", "se")
			}
		}
	}
	// Germany: Berlin's registry offices, first names given 2012-2023.
	de := map[string]int{}
	for _, f := range s.glob("berlin/") {
		b, err := s.read(f)
		if err != nil {
			return v, err
		}
		if err := berlinCounts(b, de); err != nil {
			return v, fmt.Errorf("%s: %w", f, err)
		}
	}
	for _, c := range top(de, nameCoverage, maxFirstDE) {
		v.add(c.name, "", "de")
	}
	// United States: Social Security Administration, births 1880-2018.
	us := map[string]int{}
	for _, f := range s.glob("ssa/yob") {
		if !strings.HasSuffix(f, ".txt") {
			continue // the copy also holds yob2018.csv, the same file again
		}
		b, err := s.read(f)
		if err != nil {
			return v, err
		}
		if err := ssaCounts(b, us); err != nil {
			return v, fmt.Errorf("%s: %w", f, err)
		}
	}
	for _, c := range top(us, nameCoverage, maxFirstUS) {
		v.add(c.name, "", "us")
	}
	// Norway: Statistics Norway's top names of 2024 (as transcribed).
	if err := quotedNames(s, "fng/names/no.ts", v, "no"); err != nil {
		return v, err
	}
	return v, nil
}

func buildSurnames(s *sources) (*vocab, error) {
	v := newVocab("surnames", "surnames from national name statistics; tags: the countries whose statistics list the name",
		"census-2010", "meertens-2007", "dst", "scb-2021", "ssb-2015")
	b, err := s.read("census/Names_2010Census.csv")
	if err != nil {
		return v, err
	}
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1
	for first := true; ; first = false {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return v, fmt.Errorf("census: %w", err)
		}
		// The copy ends in a cut line; only whole records count.
		if first || len(rec) != 11 || !validName(rec[0]) {
			continue
		}
		v.add(titleCase(rec[0]), "", "us")
	}
	b, err = s.read("meertens/top_1000_last_names_in_the_netherlands_2007.csv")
	if err != nil {
		return v, err
	}
	r = csv.NewReader(bytes.NewReader(b))
	for first := true; ; first = false {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return v, fmt.Errorf("meertens: %w", err)
		}
		if first || len(rec) < 4 || !validName(rec[0]) {
			continue
		}
		v.add(rec[0], "", "nl")
	}
	for _, c := range []struct{ file, tag string }{
		{"fng/surnames/dk.ts", "dk"}, {"fng/surnames/se.ts", "se"}, {"fng/surnames/no.ts", "no"},
	} {
		if err := quotedNames(s, c.file, v, c.tag); err != nil {
			return v, err
		}
	}
	return v, nil
}

// tabCounts reads "NAME<TAB>COUNT" lines, skipping headers and lines that
// are not names (Danmarks Statistik's lists hold a few, such as "000").
func tabCounts(text string, into map[string]int) error {
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		name, count, ok := strings.Cut(strings.TrimRight(sc.Text(), "\r"), "\t")
		n, err := strconv.Atoi(strings.TrimSpace(count))
		if !ok || err != nil || !validName(name) {
			continue
		}
		into[strings.TrimSpace(name)] += n
	}
	return sc.Err()
}

func berlinCounts(b []byte, into map[string]int) error {
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		return err
	}
	if len(head) < 2 || head[0] != "vorname" || head[1] != "anzahl" {
		return fmt.Errorf("unexpected header %q", head)
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		n, err := strconv.Atoi(rec[1])
		if err != nil || !validName(rec[0]) {
			continue
		}
		into[rec[0]] += n
	}
}

func ssaCounts(b []byte, into map[string]int) error {
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		f := strings.Split(strings.TrimSpace(sc.Text()), ",")
		if len(f) != 3 {
			continue
		}
		n, err := strconv.Atoi(f[2])
		if err != nil || !validName(f[0]) {
			return fmt.Errorf("bad line %q", sc.Text())
		}
		into[f[0]] += n
	}
	return sc.Err()
}

var quoted = regexp.MustCompile(`'([^']+)'`)

// quotedNames reads the quoted names of a transcribed top list.
func quotedNames(s *sources, file string, v *vocab, tag string) error {
	b, err := s.read(file)
	if err != nil {
		return err
	}
	n := 0
	for _, m := range quoted.FindAllSubmatch(b, -1) {
		if name := string(m[1]); validName(name) {
			v.add(name, "", tag)
			n++
		}
	}
	if n == 0 {
		return fmt.Errorf("%s: no names", file)
	}
	return nil
}

// validName reports whether s looks like a name: letters, with single
// hyphens, apostrophes or spaces between them, at least two letters.
func validName(s string) bool {
	s = strings.TrimSpace(s)
	letters := 0
	prevSep := true
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			letters++
			prevSep = false
		case r == '-' || r == '\'' || r == ' ':
			if prevSep {
				return false
			}
			prevSep = true
		default:
			return false
		}
	}
	return letters >= 2 && !prevSep
}

// titleCase writes an upper-case name as names are written: ANNE-MARIE →
// Anne-Marie.
func titleCase(s string) string {
	rs := []rune(strings.ToLower(strings.TrimSpace(s)))
	up := true
	for i, r := range rs {
		if up {
			rs[i] = unicode.ToUpper(r)
		}
		up = r == '-' || r == ' ' || r == '\''
	}
	return string(rs)
}

// latin1 decodes ISO-8859-1 text.
func latin1(b []byte) string {
	rs := make([]rune, len(b))
	for i, c := range b {
		rs[i] = rune(c)
	}
	return string(rs)
}
