package classify

import "testing"

// withoutRegisters is the vocabulary without registers.yaml, whose
// variable names would otherwise name some of these codes outright, and
// without what was learnt from the tune datasets named (leaveOut), so that
// a code is read by the general mechanisms alone.
func withoutRegisters(t *testing.T, datasets ...string) Options {
	t.Helper()
	raw, err := decodeVocabulary(namesYAML, nil, abbreviationsYAML)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range datasets {
		raw = leaveOut(raw, d)
	}
	v, err := buildVocabulary(raw)
	if err != nil {
		t.Fatal(err)
	}
	return Options{vocab: v}
}

// checkCodeReading fails unless name is classified as category with a
// name match read as reading.
func checkCodeReading(t *testing.T, opt Options, name, category, reading string) {
	t.Helper()
	r := Classify(Column{Name: name}, opt)
	if r.Category != category {
		t.Errorf("Classify(%q) = %q (%s), want %s", name, r.Category, r.Explanation, category)
		return
	}
	for _, m := range r.Name {
		if m.Category == category && m.Reading == reading {
			return
		}
	}
	t.Errorf("Classify(%q): no %s match read as %q in %+v", name, category, reading, r.Name)
}

// TestCodeReadings checks codes read as abbreviated words (abbrev.go,
// codes.go): the category, and the reading the explanation shows.
func TestCodeReadings(t *testing.T) {
	opt := withoutRegisters(t)
	tests := []struct {
		name, category, reading string
	}{
		{"MARST", "marital-status", "mar(ital)·st(status)"},              // prefix and a conventional abbreviation, read as a phrase
		{"INCWAGE", "income", "inc(income)·wage"},                        // conventional abbreviation and a word
		{"HHINCOME", "income", "hh(household)·income"},                   // the head decides
		{"trstprl", "political-opinion", "trst(trust)·prl(parlament)"},   // consonant skeletons of a code without vowels
		{"sengdage", "health", "seng(edage)·dage"},                       // a prefix and a structural word
		{"utdniva", "education", "utd(anning)·niva"},                     // a 3-letter prefix followed by a word
		{"sivstat", "marital-status", "sivstat(sivilstatus)"},            // a contraction of a compound's parts
		{"STATSB", "nationality", "statsb(orger)"},                       // a long prefix read as the whole token
		{"staatsang", "nationality", "statsang(ehorigkeit)"},             // a long prefix of a long word
		{"hhgroesse", "household", "hh(household)·grosse"},               // household size
		{"YrkStalln", "employment-history", "yrkstalln(yrkesstallning)"}, // a camelCase run read as one contraction
		{"BostBidrHB", "benefits-history", "bostbidr(bostadsbidrag)"},    // the longest run that reads
		{"ARBLONN_PERS_SUM_STILLINGSPST", "employment-history", "stillingsp(rosent)·st(status)"},
		{"FAMTYP", "household", "famtyp(familietype)"},   // a contraction of a compound's parts
		{"HLTH2", "health", "hlth(health)"},              // four consonants as the whole token: a skeleton
		{"OCC", "employment-history", "occ(occupation)"}, // a conventional abbreviation as the whole token
		{"pgisco08", "employment-history", "pg·isco"},    // letters without meaning before a word: pg begins no word
		{"kdeduc4", "education", "kd·educ"},
		{"nchild", "household", "n·child"}, // the count of children
		// Every word of a vocabulary phrase abbreviated, in order.
		{"migback", "ethnicity", "mig(ration)·back(ground)"},
		{"maritst", "marital-status", "marit(al)·st(status)"},
		{"hgtyp1hh", "household", "hh(household)"}, // a two-letter conventional abbreviation beside other words
		// A code after words that are none: the run is read again from its
		// next token.
		{"approveUKGovt", "political-opinion", "govt(government)"},
		// A parent's mark starting a survey's code (f, m, pa, ma).
		{"fisco88", "employment-history", "f·isco"},
		{"mcitizenship", "ethnicity", "m·citizenship"}, // a parent's citizenship is origin (qualify.go)
	}
	for _, tt := range tests {
		checkCodeReading(t, opt, tt.name, tt.category, tt.reading)
	}
}

// TestCodeReadingTraps lists words and codes that must not be read as
// abbreviated words of a category.
func TestCodeReadingTraps(t *testing.T) {
	opt := withoutRegisters(t)
	for _, name := range []string{
		"passage", "sexton", "kontor", "version", "typering", "overdracht", "medewerker",
		"handikapa", "efterkomma", "arbeidsforma", // a parent's mark only starts a code
		"zonder", "omgaan", "geen", "ladder", "integer", "bangend", "dentale", "weifelend",
		"stelte", "skolebarnet", "aktivitetsgruppe", "bruttonationalprodukt", "nace",
		"resdel", "mark", "lbnr", "gesprek", "contacten", "afgelopenjaar", "country_code",
		"watertype", "windtype", "hoofdtype", // a word of its own cut from a compound (water·pokken)
		"competentie_met_druk_en_tegenslag_omgaan", // a long name of words, not of codes
		"trace", "grace", "sprace", // tr, gr, sp begin words: not t·race
		"hgreval",                    // letters without meaning only before a word written out, not a prefix (revalidering)
		"db_connections",             // two words, not db·connections
		"houben", "paraaf", "motton", // short pieces of a phrase's words: no phrase code (hou·sing ben·efit)
		"credcar",   // identifiers are written out: not cred(it)·car(d)
		"hh",        // two letters alone say too little
		"hh_weight", // a household's weight is a weight
		"vstrat",    // a variance stratum, not v·straat
	} {
		r := Classify(Column{Name: name}, opt)
		for _, m := range r.Name {
			if m.Reading != "" && m.Strength >= MinConfidence {
				t.Errorf("Classify(%q): read as %s (%s, %.2f), want no reading", name, m.Reading, m.Category, m.Strength)
			}
		}
	}
}

func TestSkeleton(t *testing.T) {
	for w, want := range map[string]string{
		"health": "hlth", "religion": "rlgn", "parliament": "prlmnt", "occupation": "ocptn",
		"marital": "mrtl", "gender": "gndr", "trust": "trst", "a": "a", "": "",
	} {
		if got := skeleton(w); got != want {
			t.Errorf("skeleton(%q) = %q, want %q", w, got, want)
		}
	}
}

// TestRelationKey: a key of a family, household or partner designates
// persons (the evaluation corpus's labelling guidelines).
func TestRelationKey(t *testing.T) {
	for _, name := range []string{"household_id", "familie_id", "HushallsID", "spouse_id"} {
		if r := Classify(Column{Name: name}, Options{}); r.Category != "identifier" {
			t.Errorf("Classify(%q) = %q (%s), want identifier", name, r.Category, r.Explanation)
		}
	}
	if r := Classify(Column{Name: "household_size"}, Options{}); r.Category != "household" {
		t.Errorf("Classify(household_size) = %q, want household", r.Category)
	}
}

func TestKnownAbbreviationsAreChecked(t *testing.T) {
	for _, tt := range []struct{ yaml string }{
		{"abbreviations:\n  - {source: s, licence: l, lang: xx, abbreviations: {nr: nummer}}\n"},
		{"abbreviations:\n  - {source: s, lang: da, abbreviations: {nr: nummer}}\n"},
		{"abbreviations:\n  - {source: s, licence: l, lang: da, abbreviations: {\"n r\": nummer}}\n"},
		{"abbreviations:\n  - {source: s, licence: l, lang: da, abbreviations: {zq: quuxword}}\n"},
	} {
		raw, err := decodeVocabulary(namesYAML, registersYAML, []byte(tt.yaml))
		if err == nil {
			_, err = buildVocabulary(raw)
		}
		if err == nil {
			t.Errorf("abbreviations %q: accepted, want an error", tt.yaml)
		}
	}
}
