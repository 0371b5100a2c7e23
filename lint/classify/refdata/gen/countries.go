package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
)

// languages maps the vocabulary's language tags to CLDR locales.
var languages = []struct{ tag, cldr string }{
	{"en", "en"}, {"da", "da"}, {"sv", "sv"}, {"no", "nb"}, {"de", "de"}, {"nl", "nl"},
}

// notCountries are CLDR two-letter territory codes that name no country
// or territory a person can come from or belong to.
var notCountries = map[string]bool{"EU": true, "EZ": true, "UN": true, "QO": true, "XA": true, "XB": true, "ZZ": true}

const (
	cldrNames = "npm/cldr-localenames-full-48.2.0.tgz"
	cldrCore  = "npm/cldr-core-48.2.0.tgz"
	i18nNat   = "npm/i18n-nationality-1.4.0.tgz"
)

// territories returns CLDR's territory names for a locale: code (with
// "-alt-short" and "-alt-variant" suffixes kept) → name.
func territories(s *sources, locale string) (map[string]string, error) {
	b, err := tgzFile(s, cldrNames, "package/main/"+locale+"/territories.json")
	if err != nil {
		return nil, err
	}
	var doc struct {
		Main map[string]struct {
			LocaleDisplayNames struct {
				Territories map[string]string `json:"territories"`
			} `json:"localeDisplayNames"`
		} `json:"main"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, err
	}
	t := doc.Main[locale].LocaleDisplayNames.Territories
	if len(t) == 0 {
		return nil, fmt.Errorf("%s: no territories for %s", cldrNames, locale)
	}
	return t, nil
}

// countryCode returns the ISO 3166 alpha-2 code of a CLDR territory key,
// or "" for regions (001 World, 150 Europe) and non-countries.
func countryCode(key string) string {
	code, _, _ := strings.Cut(key, "-alt-")
	if len(code) != 2 || code[0] < 'A' || code[0] > 'Z' || notCountries[code] {
		return ""
	}
	return code
}

func buildCountries(s *sources) (*vocab, error) {
	v := newVocab("countries", "country and territory names; value: ISO 3166 alpha-2 code; tags: languages, uci-adult",
		"cldr-48.2", "uci-adult")
	english := map[string]string{}
	for _, l := range languages {
		t, err := territories(s, l.cldr)
		if err != nil {
			return v, err
		}
		keys := sortedKeys(t)
		for _, k := range keys {
			if code := countryCode(k); code != "" {
				v.add(t[k], code, l.tag)
				if l.tag == "en" {
					english[keyOf(t[k])] = code
				}
			}
		}
	}
	// The census income data (adult) write countries their own way
	// ("United-States", "Outlying-US(Guam-USVI-etc)"); its codebook values
	// count as country names too.
	col, err := adultColumn(s, adultNativeCountry)
	if err != nil {
		return v, err
	}
	for _, c := range col {
		v.add(c, english[keyOf(c)], "uci-adult")
	}
	return v, nil
}

func buildCountryCodes(s *sources) (*vocab, error) {
	v := newVocab("country-codes", "ISO 3166-1 codes; value: alpha-2 code; tags: alpha2, alpha3, numeric", "cldr-48.2")
	en, err := territories(s, "en")
	if err != nil {
		return v, err
	}
	b, err := tgzFile(s, cldrCore, "package/supplemental/codeMappings.json")
	if err != nil {
		return v, err
	}
	var doc struct {
		Supplemental struct {
			CodeMappings map[string]struct {
				Numeric string `json:"_numeric"`
				Alpha3  string `json:"_alpha3"`
			} `json:"codeMappings"`
		} `json:"supplemental"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return v, err
	}
	for _, k := range sortedKeys(en) {
		code := countryCode(k)
		if code == "" || strings.Contains(k, "-alt-") {
			continue
		}
		v.add(code, code, "alpha2")
		m := doc.Supplemental.CodeMappings[code]
		if len(m.Alpha3) == 3 {
			v.add(m.Alpha3, code, "alpha3")
		}
		if len(m.Numeric) == 3 {
			v.add(m.Numeric, code, "numeric")
		}
	}
	return v, nil
}

func buildNationalities(s *sources) (*vocab, error) {
	v := newVocab("nationalities", "nationality adjectives; value: ISO 3166 alpha-2 code; tags: languages", "i18n-nationality-1.4.0")
	for _, lang := range []string{"en", "de", "nl", "no"} {
		b, err := tgzFile(s, i18nNat, "package/langs/"+lang+".json")
		if err != nil {
			return v, err
		}
		var doc struct {
			Nationalities map[string]json.RawMessage `json:"nationalities"`
		}
		if err := json.Unmarshal(b, &doc); err != nil {
			return v, fmt.Errorf("%s %s: %w", i18nNat, lang, err)
		}
		for _, code := range sortedKeys(doc.Nationalities) {
			// A value is one adjective or a list of them.
			var one string
			var many []string
			if json.Unmarshal(doc.Nationalities[code], &one) == nil {
				many = []string{one}
			} else if err := json.Unmarshal(doc.Nationalities[code], &many); err != nil {
				return v, fmt.Errorf("%s %s %s: %w", i18nNat, lang, code, err)
			}
			for _, n := range many {
				v.add(n, code, lang)
			}
		}
	}
	return v, nil
}

// tgzFile reads one file from an npm package tarball.
func tgzFile(s *sources, archive, name string) ([]byte, error) {
	b, err := s.read(archive)
	if err != nil {
		return nil, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", archive, err)
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil, fmt.Errorf("%s: no %s", archive, name)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", archive, err)
		}
		if h.Name == name {
			return io.ReadAll(tr)
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
