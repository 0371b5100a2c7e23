package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The health terms are the words of official disease classifications in
// five languages — the titles of ICD-10's national versions (ICD-10-CM,
// ICD-10-GM, the Norwegian ICD-10, the Swedish KSH97-P, the Danish SKS's D
// codes) — and the names of medicinal substances (ICD-10-CM's Table of
// Drugs and Chemicals, the ATC classification in SKS's M codes), each
// substance a title of its own, in the chapter of its ATC anatomical
// group. A word of a disease's title names a health condition when the
// classification uses it as diseases' words are used, which the generator
// reads from the classification's structure alone, without a list of words:
//
//   - it belongs to at most maxSpread chapters of diseases: the qualifiers
//     every chapter uses ("other", "unspecified", "chronic", "sonstige",
//     "uspesifisert") and the body parts many chapters name do not. The
//     chapters that classify other chapters' diseases again (pregnancy,
//     perinatal conditions) are not counted;
//   - it names a category (a title of three characters, or a block's) or
//     begins a title: a word that only qualifies subdivisions ("sector",
//     "grundlag") does not;
//   - it occurs less often in the chapters of external causes (V01–Y98:
//     transport, events, places), of factors influencing health status and
//     contact with health services (Z: screening, encounter, social
//     circumstances, results) and of special purposes (U) than in the
//     chapters of diseases, where it must occur;
//   - it is not a proper name (a capitalised word inside a title: "Still",
//     "Down", "Hunter"); in German, whose nouns are capitalised, it is a
//     noun (a lower-case word of a German title is an adjective, a verb or
//     a particle: "mäßige", "vermuteter");
//   - it is no abbreviation: the classification never writes it with a
//     full stop ("tilst." for tilstand);
//   - it has at least minTermLetters letters once folded ("vægt" and
//     "ægte" have four).
//
// Classifications also use everyday words as diseases' words ("social"
// phobia, "direct" infection, "resultat", "intake", German "haben" at the
// head of a title), and a column name's language is not known: a word
// among the everydayRank most frequent words of any of the six languages
// (word frequencies of film subtitles, OpenSubtitles 2018) is left out.
// The common diseases among them ("cancer", "asthma", "depression") are
// words of names.yaml. Column names in every language use English words,
// so a term of another language spelt as an English word (Danish hæshed,
// hoarseness, folds to "hashed") is left out unless an English source
// lists it too: a word of the American English spelling dictionary
// (Debian's wamerican) is read as the English word.
const (
	// maxSpread is the most chapters of diseases a word may occur in.
	maxSpread = 3
	// minTermLetters is the shortest word kept (folded, textfold.Key):
	// shorter words of a title are mostly qualifiers, prepositions and
	// abbreviations.
	minTermLetters = 5
	// everydayRank is how many of each language's most frequent words
	// are everyday words.
	everydayRank = 50000
)

// Word frequency lists of the six languages (hermitdave/FrequencyWords,
// 2018: "word count" lines, most frequent first).
var frequencyLists = []string{
	"freq/da_50k.txt", "freq/de_50k.txt", "freq/en_50k.txt", "freq/nl_50k.txt", "freq/no_50k.txt", "freq/sv_50k.txt",
}

// englishDictionary is the American English spelling dictionary (SCOWL
// as Debian's wamerican 2020.12.07 packages it: one word a line).
const englishDictionary = "dict/american-english"

// englishWords returns the keys of the English spelling dictionary's
// words.
func englishWords(s *sources) (map[string]bool, error) {
	b, err := s.read(englishDictionary)
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, w := range strings.Split(string(b), "\n") {
		if w != "" {
			out[keyOf(w)] = true
		}
	}
	return out, nil
}

// everydayWords returns the keys of the everydayRank most frequent words
// of each frequency list.
func everydayWords(s *sources) (map[string]bool, error) {
	out := map[string]bool{}
	for _, path := range frequencyLists {
		b, err := s.read(path)
		if err != nil {
			return nil, err
		}
		sc := bufio.NewScanner(bytes.NewReader(b))
		for n := 0; n < everydayRank && sc.Scan(); n++ {
			word, _, _ := strings.Cut(sc.Text(), " ")
			out[keyOf(word)] = true
		}
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
	}
	return out, nil
}

// Sources of the health terms, as listed in sources.sha256.
const (
	icd10cmCodes = "icd10cm/ICD10CM_2025_codes.csv"
	icd10cmSects = "icd10cm/ICD10CM_2025_sections.csv"
	icd10cmDrugs = "icd10cm/ICD10CM_2025_Drugs.csv"
	icd10gmZip   = "icd10gm/x1gmt2017.zip"
	navDiagnoser = "npm/navikt-diagnosekoder-1.2026.0.tgz"
	ksh97pCodes  = "ksh97p/KSH97P_KOD.ANS"
	ksh97pChaps  = "ksh97p/diagnoskapitel.txt"
	sksRDA       = "sks/sks_codes.rda"
)

// title is one title of a classification: its text, its ICD-10 code
// (three characters for a category or a block's first category, more for
// a subdivision) and the code's chapter.
type title struct {
	text, code, chapter string
}

// termSource is one classification: its language, its id in SOURCES.md and
// how to read its titles.
type termSource struct {
	lang, id string
	read     func(*sources) ([]title, error)
}

var termSources = []termSource{
	{"en", "icd10cm-2025", readICD10CM},
	{"de", "icd10gm-2017", readICD10GM},
	{"no", "icd10-no-2026", readICD10NO},
	{"sv", "ksh97p", readKSH97P},
	{"da", "sks-2018", readSKS},
	{"en", "icd10cm-drugs-2025", readICD10CMDrugs},
	{"da", "sks-atc-2018", readSKSATC},
}

// Chapters that are not chapters of diseases: external causes (20),
// factors influencing health status and contact with health services (21),
// codes for special purposes (22).
var otherChapters = map[string]bool{"20": true, "21": true, "22": true}

// Chapters of diseases that classify other chapters' diseases again, by
// when they occur: pregnancy (15) and the perinatal period (16). They do
// not count for a word's spread.
var repeatChapters = map[string]bool{"15": true, "16": true}

func buildHealthTerms(s *sources) (*vocab, error) {
	ids := make([]string, len(termSources))
	for i, ts := range termSources {
		ids[i] = ts.id
	}
	v := newVocab("health-terms", "words of official disease classifications (national versions of ICD-10) used as "+
		"diseases' words and names of medicinal substances, not everyday words (generator: gen/health.go); tags: sources",
		append(ids, "frequencywords-2018", "wamerican-2020")...)
	// The download conditions of ICD-10-GM (DIMDI, now BfArM), § 1(5)(e),
	// ask every machine-readable copy of a derived product to say so.
	v.notices = []string{"Die Erstellung erfolgt unter Verwendung der maschinenlesbaren Fassung des Deutschen Instituts " +
		"für Medizinische Dokumentation und Information (DIMDI)."}
	everyday, err := everydayWords(s)
	if err != nil {
		return v, err
	}
	english, err := englishWords(s)
	if err != nil {
		return v, err
	}
	listed := map[string]map[string]bool{} // key → languages of the sources that keep it
	for _, ts := range termSources {
		titles, err := ts.read(s)
		if err != nil {
			return v, fmt.Errorf("%s: %w", ts.id, err)
		}
		if len(titles) == 0 {
			return v, fmt.Errorf("%s: no titles read", ts.id)
		}
		for _, w := range healthWords(titles, ts.lang == "de") {
			k := keyOf(w)
			if everyday[k] {
				continue
			}
			v.add(w, "", ts.id)
			if listed[k] == nil {
				listed[k] = map[string]bool{}
			}
			listed[k][ts.lang] = true
		}
	}
	for k, langs := range listed {
		if english[k] && !langs["en"] {
			v.remove(k)
		}
	}
	return v, nil
}

// healthWords returns the words of the titles that a classification uses
// as diseases' words (see the comment at the top of this file), sorted.
// nouns says that the titles' nouns are capitalised (German): then a
// lower-case word is no disease's word, and a capitalised one no proper
// name.
func healthWords(titles []title, nouns bool) []string {
	type stat struct {
		spelling   string
		chapters   map[string]bool
		named      bool // names a category or begins a title
		inDiseases int  // occurrences in chapters of diseases
		inOthers   int  // occurrences in the other chapters
		excluded   bool // a proper name, an abbreviation, a German word that is no noun
	}
	stats := map[string]*stat{}
	for _, t := range titles {
		for i, w := range titleWords(t.text) {
			if w.word == "" {
				continue
			}
			k := keyOf(w.word)
			st, ok := stats[k]
			if !ok {
				st = &stat{spelling: w.word, chapters: map[string]bool{}}
				stats[k] = st
			}
			if nouns {
				st.excluded = st.excluded || !w.capital || w.abbreviated
			} else {
				st.excluded = st.excluded || (i > 0 && w.capital && !w.acronym) || w.abbreviated
			}
			if otherChapters[t.chapter] {
				st.inOthers++
				continue
			}
			st.inDiseases++
			if !repeatChapters[t.chapter] {
				st.chapters[t.chapter] = true
			}
			st.named = st.named || len(t.code) == 3 || i == 0
		}
	}
	var out []string
	for k, st := range stats {
		if st.named && !st.excluded && st.inOthers < st.inDiseases && len(st.chapters) <= maxSpread &&
			utf8.RuneCountInString(k) >= minTermLetters {
			out = append(out, st.spelling)
		}
	}
	sort.Strings(out)
	return out
}

// titleWord is a word of a title, lower-cased: whether it was written
// with a capital, all in capitals (an acronym: HIV), or with a full stop
// after it (an abbreviation: "uspes.").
type titleWord struct {
	word                          string
	capital, acronym, abbreviated bool
}

// titleWords splits a title into its words of letters; a word joined to
// digits (type 2-diabetes's "2") is no word of the classification's
// vocabulary, but keeps its place (the first word of "2-diabetes" is no
// word).
func titleWords(text string) []titleWord {
	var out []titleWord
	fields := strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.'
	})
	for _, f := range fields {
		for j, part := range strings.Split(f, ".") {
			if part == "" {
				continue
			}
			if strings.ContainsFunc(part, unicode.IsDigit) {
				out = append(out, titleWord{}) // keeps the place; "" is never kept
				continue
			}
			first, _ := utf8.DecodeRuneInString(part)
			out = append(out, titleWord{
				word:        strings.ToLower(part),
				capital:     unicode.IsUpper(first),
				acronym:     strings.ToUpper(part) == part,
				abbreviated: j < strings.Count(f, "."), // a full stop follows
			})
		}
	}
	return out
}

// icdChapter returns the ICD-10 chapter (1–22) of a code by its
// published ranges, "" for a code outside them.
func icdChapter(code string) string {
	if len(code) < 3 || code[0] < 'A' || code[0] > 'Z' || code[1] < '0' || code[1] > '9' {
		return ""
	}
	n := int(code[1]-'0')*10 + int(code[2]-'0')
	if code[2] < '0' || code[2] > '9' {
		n = int(code[1]-'0') * 10
	}
	ch := 0
	switch c := code[0]; {
	case c == 'A' || c == 'B':
		ch = 1
	case c == 'C' || (c == 'D' && n < 50):
		ch = 2
	case c == 'D':
		ch = 3
	case c == 'H' && n < 60:
		ch = 7
	case c == 'H':
		ch = 8
	case c == 'S' || c == 'T':
		ch = 19
	case c >= 'V' && c <= 'Y':
		ch = 20
	default:
		ch = map[byte]int{'E': 4, 'F': 5, 'G': 6, 'I': 9, 'J': 10, 'K': 11, 'L': 12, 'M': 13, 'N': 14,
			'O': 15, 'P': 16, 'Q': 17, 'R': 18, 'Z': 21, 'U': 22}[c]
	}
	if ch == 0 {
		return ""
	}
	return strconv.Itoa(ch)
}

// icdTitles turns code/text pairs into titles with their ICD chapter;
// the code's dots and dashes are dropped (A00.0 is A000).
func icdTitles(pairs [][2]string) []title {
	out := make([]title, 0, len(pairs))
	for _, p := range pairs {
		code := strings.NewReplacer(".", "", "-", "").Replace(strings.TrimSpace(p[0]))
		if ch := icdChapter(code); ch != "" {
			out = append(out, title{text: p[1], code: code, chapter: ch})
		}
	}
	return out
}

// readICD10CM reads the ICD-10-CM codes and sections (CDC/NCHS, as
// flattened to CSV from the tabular list): Code, Description, ChapterID,
// SectionID; SectionID, SectionName.
func readICD10CM(s *sources) ([]title, error) {
	var pairs [][2]string
	for _, f := range []struct {
		path     string
		code, tx int
	}{{icd10cmCodes, 0, 1}, {icd10cmSects, 0, 1}} {
		b, err := s.read(f.path)
		if err != nil {
			return nil, err
		}
		rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.path, err)
		}
		for _, r := range rows[1:] {
			code, _, _ := strings.Cut(r[f.code], "-") // a section's first category
			pairs = append(pairs, [2]string{code, r[f.tx]})
		}
	}
	return icdTitles(pairs), nil
}

// readICD10GM reads the ICD-10-GM 2017 classification files of DIMDI
// (now BfArM): the codes (field 6 the code, 9 its title) and the groups
// (from-code, to-code, chapter, title).
func readICD10GM(s *sources) ([]title, error) {
	b, err := s.read(icd10gmZip)
	if err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", icd10gmZip, err)
	}
	var pairs [][2]string
	for _, f := range []struct {
		name     string
		code, tx int
	}{
		{"Klassifikationsdateien/icd10gm2017syst_kodes.txt", 5, 8},
		{"Klassifikationsdateien/icd10gm2017syst_gruppen.txt", 0, 3},
	} {
		data, err := zipFile(zr, f.name)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", icd10gmZip, err)
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(make([]byte, 64*1024), 1024*1024)
		for sc.Scan() {
			fs := strings.Split(strings.TrimRight(sc.Text(), "\r"), ";")
			if len(fs) > f.tx && len(fs) > f.code {
				pairs = append(pairs, [2]string{fs[f.code], fs[f.tx]})
			}
		}
		if err := sc.Err(); err != nil {
			return nil, err
		}
	}
	return icdTitles(pairs), nil
}

func zipFile(zr *zip.Reader, name string) ([]byte, error) {
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				return nil, err
			}
			defer rc.Close()
			return io.ReadAll(rc)
		}
	}
	return nil, fmt.Errorf("no %s", name)
}

// readICD10NO reads the Norwegian ICD-10 (Helsedirektoratet's code texts,
// as packaged by NAV): a JSON array of {code, text}.
func readICD10NO(s *sources) ([]title, error) {
	b, err := tgzFile(s, navDiagnoser, "package/lib/ICD10.json")
	if err != nil {
		return nil, err
	}
	var codes []struct{ Code, Text string }
	if err := json.Unmarshal(b, &codes); err != nil {
		return nil, fmt.Errorf("%s: %w", navDiagnoser, err)
	}
	pairs := make([][2]string, len(codes))
	for i, c := range codes {
		pairs[i] = [2]string{c.Code, c.Text}
	}
	return icdTitles(pairs), nil
}

// readKSH97P reads Socialstyrelsen's KSH97-P (the Swedish ICD-10 for
// primary care, ISO 8859-1: a code of five columns, two spaces, the title)
// and its chapter titles (UTF-8: a code range, then the title).
func readKSH97P(s *sources) ([]title, error) {
	b, err := s.read(ksh97pCodes)
	if err != nil {
		return nil, err
	}
	var pairs [][2]string
	for _, line := range strings.Split(latin1(b), "\n") {
		line = strings.TrimRight(line, "\r ")
		if len(line) > 7 {
			pairs = append(pairs, [2]string{strings.TrimRight(line[:5], "P- "), line[7:]})
		}
	}
	c, err := s.read(ksh97pChaps)
	if err != nil {
		return nil, err
	}
	for _, line := range strings.Split(string(c), "\n") {
		line = strings.TrimRight(line, "\r ")
		if len(line) > 7 {
			pairs = append(pairs, [2]string{line[:3], line[7:]}) // a chapter's range and title
		}
	}
	return icdTitles(pairs), nil
}

// readSKS reads the Danish health-care classification SKS (Sundhedsdata-
// styrelsen) as saved in an R data file: its D codes are ICD-10 (a "D"
// before the ICD code, subdivided further than WHO's). SKS writes æ, ø and
// å as ae, oe and aa, which fold as the letters do.
func readSKS(s *sources) ([]title, error) {
	codes, texts, err := sksCodes(s)
	if err != nil {
		return nil, err
	}
	var pairs [][2]string
	for i, code := range codes {
		if len(code) >= 4 && code[0] == 'D' {
			pairs = append(pairs, [2]string{code[1:], texts[i]})
		}
	}
	return icdTitles(pairs), nil
}

// readSKSATC reads SKS's M codes, the ATC classification of medicinal
// substances in Danish ("M" before the ATC code): the substances (level
// 5, seven characters: A10BA02 metformin), each in the chapter of its
// anatomical main group (A, the alimentary tract and metabolism). The
// substances' names are international nonproprietary names (INN), which
// the WHO publishes for free use.
func readSKSATC(s *sources) ([]title, error) {
	codes, texts, err := sksCodes(s)
	if err != nil {
		return nil, err
	}
	var out []title
	for i, code := range codes {
		if len(code) == 8 && code[0] == 'M' {
			out = append(out, title{text: texts[i], code: code[1:], chapter: code[1:2]})
		}
	}
	return out, nil
}

// sksCodes reads the codes and texts of the SKS R data file.
func sksCodes(s *sources) (codes, texts []string, err error) {
	b, err := s.read(sksRDA)
	if err != nil {
		return nil, nil, err
	}
	cols, err := readRDataFrame(b)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", sksRDA, err)
	}
	if len(cols) != 2 || len(cols[0]) != len(cols[1]) {
		return nil, nil, fmt.Errorf("%s: want two columns of codes and texts", sksRDA)
	}
	return cols[0], cols[1], nil
}

// readICD10CMDrugs reads the main terms of ICD-10-CM's Table of Drugs and
// Chemicals (CDC/NCHS, as flattened to CSV: RowID, Letter, Level, Term,
// …) that are one word: the names of substances ("Metformin",
// "Glipizide"), each a title of its own in one chapter. A term of several
// words names a class or a preparation ("Antihyperlipidemic drug").
func readICD10CMDrugs(s *sources) ([]title, error) {
	b, err := s.read(icd10cmDrugs)
	if err != nil {
		return nil, err
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", icd10cmDrugs, err)
	}
	var out []title
	for _, r := range rows[1:] {
		if len(r) > 3 && r[2] == "0" && !strings.ContainsFunc(r[3], func(c rune) bool { return !unicode.IsLetter(c) }) {
			out = append(out, title{text: r[3], chapter: "drugs"})
		}
	}
	return out, nil
}
