package classify

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

// Embedded reference data for the value detectors: Danish postcodes and
// municipality codes and the value vocabularies (gender words, origin
// words, ...). Names, countries and census categories come from package
// refdata.
//
//go:embed data/postnumre.txt data/kommuner.txt data/values.yaml
var dataFS embed.FS

type valueData struct {
	genderWords   map[string][]string // folded word → languages
	genderCodes   map[string]bool
	genderOther   map[string]bool
	booleans      map[string]bool
	nulls         map[string]bool
	originTokens  map[string]bool
	originPhrases []string
	nationality   map[string]bool
	postcodes     map[int]bool
	municipality  map[int]string // code → name
	municipNames  map[string]int // folded name → code
}

var (
	valuesOnce sync.Once
	valuesData *valueData
)

// values returns the embedded value data, loaded once. The files ship inside
// the binary and a test loads them, so a failure is a build defect.
func values() *valueData {
	valuesOnce.Do(func() {
		d, err := loadValueData()
		if err != nil {
			panic("classify: embedded data: " + err.Error())
		}
		valuesData = d
	})
	return valuesData
}

type valuesYAML struct {
	Gender struct {
		Words map[string][]string `yaml:"words"`
		Codes []string            `yaml:"codes"`
		Other []string            `yaml:"other"`
	} `yaml:"gender"`
	Booleans    []string `yaml:"booleans"`
	Origin      []string `yaml:"origin"`
	Nationality []string `yaml:"nationality"`
	Nulls       []string `yaml:"nulls"`
}

func loadValueData() (*valueData, error) {
	d := &valueData{
		genderWords: map[string][]string{}, originTokens: map[string]bool{},
		postcodes:    map[int]bool{},
		municipality: map[int]string{}, municipNames: map[string]int{},
	}
	raw, err := dataFS.ReadFile("data/values.yaml")
	if err != nil {
		return nil, err
	}
	var vy valuesYAML
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&vy); err != nil {
		return nil, fmt.Errorf("data/values.yaml: %w", err)
	}
	for _, lang := range []string{"da", "en", "no", "sv", "de", "nl"} {
		for _, w := range vy.Gender.Words[lang] {
			f := fold(w)
			d.genderWords[f] = append(d.genderWords[f], lang)
		}
	}
	d.genderCodes = foldValues(vy.Gender.Codes)
	d.genderOther = foldValues(vy.Gender.Other)
	d.booleans = foldValues(vy.Booleans)
	d.nulls = foldValues(vy.Nulls)
	d.nationality = foldValues(vy.Nationality)
	for _, o := range vy.Origin {
		if ws := words(o); len(ws) == 1 {
			d.originTokens[ws[0]] = true
		} else {
			d.originPhrases = append(d.originPhrases, strings.Join(ws, " "))
		}
	}

	if err := eachLine("data/postnumre.txt", func(line string) error {
		for _, f := range strings.Fields(line) {
			lo, hi, ok := strings.Cut(f, "-")
			a, err := strconv.Atoi(lo)
			if err != nil {
				return err
			}
			b := a
			if ok {
				if b, err = strconv.Atoi(hi); err != nil {
					return err
				}
			}
			if a < 800 || b > 9999 || b < a {
				return fmt.Errorf("bad postcode range %q", f)
			}
			for p := a; p <= b; p++ {
				d.postcodes[p] = true
			}
		}
		return nil
	}); err != nil {
		return nil, err
	}
	if err := eachLine("data/kommuner.txt", func(line string) error {
		code, name, ok := strings.Cut(line, ";")
		n, err := strconv.Atoi(code)
		if !ok || err != nil {
			return fmt.Errorf("bad municipality line %q", line)
		}
		d.municipality[n] = name
		d.municipNames[fold(name)] = n
		return nil
	}); err != nil {
		return nil, err
	}
	return d, nil
}

// eachLine calls fn for each non-blank, non-comment line of an embedded file.
func eachLine(name string, fn func(string) error) error {
	b, err := dataFS.ReadFile(name)
	if err != nil {
		return err
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := fn(line); err != nil {
			return fmt.Errorf("%s:%d: %w", name, n, err)
		}
	}
	return sc.Err()
}

func foldValues(list []string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, v := range list {
		m[fold(strings.TrimSpace(v))] = true
	}
	return m
}

// genderCanonical returns the vocabulary spelling of a gender value.
func (d *valueData) genderCanonical(s string) (string, bool) {
	f := fold(strings.TrimSpace(s))
	if _, ok := d.genderWords[f]; ok || d.genderCodes[f] || d.genderOther[f] {
		return f, true
	}
	return "", false
}

// originWord returns the origin vocabulary word a value uses.
func (d *valueData) originWord(s string) (string, bool) {
	ws := words(s)
	joined := " " + strings.Join(ws, " ") + " "
	for _, p := range d.originPhrases {
		if strings.Contains(joined, " "+p+" ") {
			return p, true
		}
	}
	for _, w := range ws {
		if d.originTokens[w] {
			return w, true
		}
	}
	return "", false
}

// municipalityCode returns the code of a municipality given by name
// ("Aarhus", "Københavns Kommune").
func (d *valueData) municipalityCode(s string) (int, bool) {
	f := fold(strings.TrimSpace(s))
	f = strings.TrimSuffix(f, " kommune")
	if c, ok := d.municipNames[f]; ok {
		return c, true
	}
	if c, ok := d.municipNames[strings.TrimSuffix(f, "s")]; ok {
		return c, true
	}
	return 0, false
}
