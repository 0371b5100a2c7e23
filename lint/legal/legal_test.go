package legal

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/i18n"
)

// sources maps an instrument quoted from a file in testdata/sources to it.
var sources = map[Instrument]string{
	Order:    "bek-udkast.txt",
	AIAct:    "vejledning-art5-1-c.txt", // art. 5(1)(c) as the guidance quotes it
	Guidance: "vejledning-art5-1-c.txt",
	GDPR:     "gdpr-dbl-uddrag.txt",
	DBL:      "gdpr-dbl-uddrag.txt",
}

var (
	hyphenBreak = regexp.MustCompile(`([\p{L}])-[ \t]*\n\s*(\p{Ll})`)
	pdfAI       = regexp.MustCompile(`\bAl-`)
)

// words splits a text into lower-case words of letters and digits, with
// "[…]" kept as an omission marker. For a source text it first undoes the
// extraction's line-break hyphens and its "Al" for "AI".
func words(s string, source bool) []string {
	if source {
		s = pdfAI.ReplaceAllString(s, "AI-")
		s = hyphenBreak.ReplaceAllString(s, "$1$2")
	}
	var out []string
	for _, f := range strings.Fields(s) {
		if f == "[…]" {
			out = append(out, f)
			continue
		}
		w := strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return unicode.ToLower(r)
			}
			return -1
		}, f)
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// garbles are what the PDF extraction made of æ, ø and å in the two
// sources ("Bekendtgerelse", "lgsninger", "formédlet", "ndr", "@ndret",
// "treening", "kgn"); "@" is dropped with the other non-letters, so each
// may also vanish. Every other letter must be the quoted one.
var garbles = map[rune]string{
	'æ': "(?:æ|ae|ee|a|e)?",
	'ø': "(?:ø|o|e|g|a)?",
	'å': "(?:å|a|é|d|éd)?",
}

// wordPattern is the anchored pattern of the source words that quoted word
// q may have become in the extraction.
func wordPattern(q string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("^")
	for _, r := range q {
		if g, ok := garbles[r]; ok {
			b.WriteString(g)
			continue
		}
		b.WriteString(regexp.QuoteMeta(string(r)))
	}
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}

var patterns = map[string]*regexp.Regexp{}

// same reports whether quoted word q is source word s, allowing only the
// extraction's garbles of æ, ø and å, and "1" or "i1" for "i".
func same(q, s string) bool {
	if q == s || (q == "i" && (s == "1" || s == "i1")) {
		return true
	}
	if !strings.ContainsAny(q, "æøå") {
		return false
	}
	re := patterns[q]
	if re == nil {
		re = wordPattern(q)
		patterns[q] = re
	}
	return re.MatchString(s)
}

// matchAt returns the index in src after a run of words equal to q
// starting at j, or -1. A source word may stand for two quoted words the
// extraction ran together ("Etjobcenter").
func matchAt(q, src []string, j int) int {
	i, k := 0, j
	for i < len(q) && k < len(src) {
		switch {
		case same(q[i], src[k]):
			i++
		case i+1 < len(q) && same(q[i]+q[i+1], src[k]):
			i += 2
		default:
			return -1
		}
		k++
	}
	if i < len(q) {
		return -1
	}
	return k
}

// find returns the index in src after the first run of words equal to q
// starting at or after from, or -1.
func find(q, src []string, from int) int {
	for j := from; j < len(src); j++ {
		if k := matchAt(q, src, j); k >= 0 {
			return k
		}
	}
	return -1
}

// quoted reports whether quote is in the source word for word; "[…]" marks
// omissions, so each part must follow the one before.
func quoted(quote string, src []string) bool {
	at := 0
	var part []string
	for _, w := range append(words(quote, false), "[…]") {
		if w != "[…]" {
			part = append(part, w)
			continue
		}
		if len(part) > 0 {
			if at = find(part, src, at); at < 0 {
				return false
			}
		}
		part = nil
	}
	return true
}

func loadSource(t *testing.T, name string) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "sources", name))
	if err != nil {
		t.Fatal(err)
	}
	return words(string(b), true)
}

// seeds are the SHA-256 sums of the two source texts as the project
// received them (../shared/seeds/000_395d7bfe2f20f625.txt and
// 003_80d944408dcd95ac.txt): the copies the quotations are checked against
// are those texts, byte for byte, not a version edited to fit a quotation.
var seeds = map[string]string{
	"bek-udkast.txt":          "66abd55aacbae312a22d3b74a48ce3a5bb717f969b62af9777b70127c84ac8b5",
	"vejledning-art5-1-c.txt": "50408c3f4c4a1e7237b75e6198fa2fc0323fcf0b51ea13bf7eb932bbb478aad6",
}

func TestSourcesAreTheSeeds(t *testing.T) {
	for name, want := range seeds {
		b, err := os.ReadFile(filepath.Join("testdata", "sources", name))
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprintf("%x", sha256.Sum256(b)); got != want {
			t.Errorf("%s: sha256 %s, want the seed's %s", name, got, want)
		}
	}
}

// TestQuotesAreInTheSources holds every quotation to its source text, word
// for word: a cut, a splice or a changed word fails.
func TestQuotesAreInTheSources(t *testing.T) {
	texts := map[string][]string{}
	for _, c := range All() {
		file, ok := sources[c.Instrument]
		if !ok {
			continue
		}
		if texts[file] == nil {
			texts[file] = loadSource(t, file)
		}
		if !quoted(c.Danish, texts[file]) {
			t.Errorf("%s: the Danish text is not in %s word for word:\n%s", c.Ref, file, c.Danish)
		}
	}
}

// provisions says where in its source each citation's provision is: the
// words that start it and the words that start what follows it. A
// quotation must lie within its provision — an omission ("[…]") may not
// reach into the next article or paragraph — so a splice of art. 25(1)
// into art. 25(2), or a quote filed under the wrong section or outcome of
// the guidance, fails.
var provisions = map[string][2]string{
	"BEK § 1, stk. 1": {"§ 1. Kommunerne kan anvende", "Stk. 2. Kommunerne kan endvidere"},
	"BEK § 1, stk. 4": {"Stk. 4. Kommunerne kan endvidere behandle personoplysninger til brug", "Stk. 5. Kommunerne"},
	"BEK § 1, stk. 5": {"Stk. 5. Kommunerne kan genanvende", "Stk. 6. Kommunerne"},
	"BEK § 1, stk. 6": {"Stk. 6. Kommunerne kan ikke", "Kapitel 2"},
	"BEK § 2, stk. 1": {"§ 2. Kommunerne skal dokumentere", "Stk. 2. Kommunerne skal endvidere"},
	"BEK § 2, stk. 2": {"Stk. 2. Kommunerne skal endvidere sikre, at behandling", "Stk. 3. Kommunerne"},
	"BEK § 2, stk. 3": {"Stk. 3. Kommunerne skal ved anvendelse af en databehandler", "Stk. 4. Kommunerne"},
	"BEK § 2, stk. 4": {"Stk. 4. Kommunerne skal endvidere sikre, at det tydeligt", "Kapitel 3"},

	// Art. 5(1)(c) as the guidance quotes it in its section 2.
	"AI Act art. 5(1)(c)":      {"2. AI-forordningens artikel 5, stk. 1, litra c", "3. Betingelserne"},
	"art. 5(1)(c) cond. 1":     {"2. AI-forordningens artikel 5, stk. 1, litra c", "3. Betingelserne"},
	"art. 5(1)(c) cond. 2":     {"2. AI-forordningens artikel 5, stk. 1, litra c", "3. Betingelserne"},
	"art. 5(1)(c) cond. 3":     {"2. AI-forordningens artikel 5, stk. 1, litra c", "3. Betingelserne"},
	"art. 5(1)(c) cond. 4":     {"2. AI-forordningens artikel 5, stk. 1, litra c", "3. Betingelserne"},
	"art. 5(1)(c) cond. 5":     {"2. AI-forordningens artikel 5, stk. 1, litra c", "3. Betingelserne"},
	"art. 5(1)(c) cond. 5(i)":  {"2. AI-forordningens artikel 5, stk. 1, litra c", "ii) skadelig eller ugunstig behandling"},
	"art. 5(1)(c) cond. 5(ii)": {"ii) skadelig eller ugunstig behandling", "3. Betingelserne"},

	"Vejledning afsnit 5":                         {"5. Betingelse nr. 3", "6. Betingelse nr. 4"},
	"Vejledning afsnit 6 (social adfærd)":         {"6. Betingelse nr. 4", "7. Betingelse nr. 5"},
	"Vejledning afsnit 6 (personlige egenskaber)": {"6. Betingelse nr. 4", "7. Betingelse nr. 5"},
	"Vejledning afsnit 7 (årsagssammenhæng)":      {"7. Betingelse nr. 5", "Ad 1) Behandlingen sker i en anden social kontekst"},
	"Vejledning afsnit 7, ad 1":                   {"Ad 1) Behandlingen sker i en anden social kontekst", "Ad 2) Behandlingen er ubegrundet"},
	"Vejledning afsnit 7, ad 1 (skattemyndighed)": {"Ad 1) Behandlingen sker i en anden social kontekst", "Ad 2) Behandlingen er ubegrundet"},
	"Vejledning afsnit 7, ad 1 (jobcenter)":       {"Ad 1) Behandlingen sker i en anden social kontekst", "Ad 2) Behandlingen er ubegrundet"},
	"Vejledning afsnit 7, ad 2":                   {"Ad 2) Behandlingen er ubegrundet", "8. Fiktivt eksempel"},
	"Vejledning afsnit 7, ad 2 (bibliotek)":       {"Ad 2) Behandlingen er ubegrundet", "8. Fiktivt eksempel"},
	"Vejledning afsnit 7, ad 2 (dokumentation)":   {"Ad 2) Behandlingen er ubegrundet", "8. Fiktivt eksempel"},
	"Vejledning afsnit 8, betingelse 3":           {"Vurdering af betingelse nr. 3)", "Vurdering af betingelse nr. 4)"},
	"Vejledning afsnit 8, betingelse 5":           {"Vurdering af betingelse nr. 5)", ""},

	"GDPR art. 5(1)(a)": {"Artikel 5, stk. 1", "Artikel 9, stk. 1"},
	"GDPR art. 5(1)(b)": {"Artikel 5, stk. 1", "Artikel 9, stk. 1"},
	"GDPR art. 5(1)(c)": {"Artikel 5, stk. 1", "Artikel 9, stk. 1"},
	"GDPR art. 9(1)":    {"Artikel 9, stk. 1", "Artikel 10"},
	"GDPR art. 10":      {"Artikel 10", "Artikel 22, stk. 1"},
	"GDPR art. 22(1)":   {"Artikel 22, stk. 1", "Artikel 24, stk. 1"},
	"GDPR art. 24(1)":   {"Artikel 24, stk. 1", "Artikel 25, stk. 1"},
	"GDPR art. 25(1)":   {"Artikel 25, stk. 1", "Artikel 25, stk. 2"},
	"GDPR art. 25(2)":   {"Artikel 25, stk. 2", "Artikel 28, stk. 3"},
	"GDPR art. 28(3)":   {"Artikel 28, stk. 3", "Databeskyttelsesloven § 8"},

	"databeskyttelsesloven § 8, stk. 1": {"Databeskyttelsesloven § 8", "Stk. 3. Private"},
	"databeskyttelsesloven § 8, stk. 3": {"Stk. 3. Private", ""},
}

// span returns the words of src from the first occurrence of start to the
// first occurrence of end after it (to the end for ""), or nil.
func span(src []string, start, end string) []string {
	sw := words(start, false)
	for j := range src {
		k := matchAt(sw, src, j)
		if k < 0 {
			continue
		}
		if end == "" {
			return src[j:]
		}
		ew := words(end, false)
		for e := k; e < len(src); e++ {
			if matchAt(ew, src, e) >= 0 {
				return src[j:e]
			}
		}
		return nil
	}
	return nil
}

// inProvision reports whether quote lies within the provision at (from
// provisions) of source src.
func inProvision(t *testing.T, src []string, at [2]string, quote string) bool {
	t.Helper()
	sec := span(src, at[0], at[1])
	if sec == nil {
		t.Fatalf("%q … %q not found", at[0], at[1])
	}
	return quoted(quote, sec)
}

// TestQuotesStayInTheirProvision holds each quotation to the provision its
// reference names: the article, paragraph or section of the guidance, and
// for the guidance's examples the outcome they are filed under.
func TestQuotesStayInTheirProvision(t *testing.T) {
	texts := map[string][]string{}
	for _, c := range All() {
		file := sources[c.Instrument]
		if texts[file] == nil {
			texts[file] = loadSource(t, file)
		}
		at, ok := provisions[c.Ref]
		if !ok {
			t.Errorf("%s: say where in %s the provision is (provisions)", c.Ref, file)
			continue
		}
		if !inProvision(t, texts[file], at, c.Danish) {
			t.Errorf("%s: the quotation is not within its provision (%q … %q):\n%s", c.Ref, at[0], at[1], c.Danish)
		}
	}
	// A splice across paragraphs, and an example filed under the other
	// outcome, are refused.
	for _, bad := range []struct{ ref, file, quote string }{
		{"GDPR art. 25(1)", "gdpr-dbl-uddrag.txt", "Under hensyntagen til det aktuelle tekniske niveau […] gennemfører den dataansvarlige […] passende tekniske og organisatoriske foranstaltninger med henblik på gennem standardindstillinger at sikre, at kun personoplysninger, der er nødvendige til hvert specifikt formål med behandlingen, behandles."},
		{"Vejledning afsnit 7, ad 2", "vejledning-art5-1-c.txt", GuideAd1Jobcenter.Danish},
		{"Vejledning afsnit 7, ad 1", "vejledning-art5-1-c.txt", GuideAd2Library.Danish},
		{"art. 5(1)(c) cond. 5(i)", "vejledning-art5-1-c.txt", Art5Cond5ii.Danish},
		{"BEK § 2, stk. 4", "bek-udkast.txt", Order2Stk3.Danish},
	} {
		if inProvision(t, loadSource(t, bad.file), provisions[bad.ref], bad.quote) {
			t.Errorf("accepted under %s: %s", bad.ref, bad.quote)
		}
	}
}

// TestMatcherCatchesChanges proves the matcher above can fail: cut,
// spliced and altered quotations are refused.
func TestMatcherCatchesChanges(t *testing.T) {
	src := loadSource(t, "vejledning-art5-1-c.txt")
	for _, bad := range []string{
		"ii) skadelig behandling af visse fysiske personer eller grupper af personer, som er uberettiget",           // "eller ugunstig" cut
		"i) skadelig eller ugunstig behandling af visse fysiske personer, som er uberettiget eller uforholdsmæssig", // 5(i) spliced into 5(ii)
		"Et jobcenter anvender et AI-system, der blander relevante oplysninger om erhvervserfaring og uddannelse med irrelevante oplysninger om antal adresseskift eller alder",
		"evaluering eller klassificering af fysiske personer over en given periode",                                      // "eller grupper af personer" cut
		"ii) skadelig eller ugunstig behandling af visse fysiske personer eller grupper af personer, som er uberettigit", // a letter changed
		"Det betyder, at bedømmelsen skal være en direkte eller vigtig årsag",                                            // a word changed
	} {
		if quoted(bad, src) {
			t.Errorf("accepted a changed quotation: %s", bad)
		}
	}
	for _, good := range []string{
		"Et jobcenter anvender et AI-system, der blander relevante oplysninger om erhvervserfaring og uddannelse med irrelevante oplysninger om antal adresseskift eller køn for at vurdere, om en borger skal tilbydes støtte.",
		"Følgende form[er] for AI-praksis er forbudt: […] over en given periode",
	} {
		if !quoted(good, src) {
			t.Errorf("refused a faithful quotation: %s", good)
		}
	}
}

func TestCitationsAreComplete(t *testing.T) {
	refs := map[string]bool{}
	for _, c := range All() {
		if c.Ref == "" || c.Source == "" || c.Danish == "" || c.English == "" || c.Instrument == "" {
			t.Errorf("incomplete citation %+v", c)
		}
		if refs[c.Ref] {
			t.Errorf("two citations share the reference %q", c.Ref)
		}
		refs[c.Ref] = true
		// The order is cited only in its scope; nothing else is limited
		// to it.
		inOrder := c.Applies == InOrder || c.Applies == InOrderReuse
		if (c.Instrument == Order) != inOrder {
			t.Errorf("%s: instrument %s applies %v", c.Ref, c.Instrument, c.Applies)
		}
		if c.Instrument == DBL && c.Applies != PublicController && c.Applies != PrivateController {
			t.Errorf("%s: databeskyttelsesloven § 8 is split by controller", c.Ref)
		}
		if c.Instrument == Order && !strings.Contains(c.Source, "Udkast") {
			t.Errorf("%s: the order is a draft; its source must say so", c.Ref)
		}
	}
}

func TestAppliesIn(t *testing.T) {
	job := Scope{Controller: featuremap.ControllerMunicipality, Sector: featuremap.SectorEmploymentEffort}
	credit := Scope{Controller: featuremap.ControllerPrivate, Sector: "finance"}
	housing := Scope{Controller: featuremap.ControllerMunicipality, Sector: "housing"}
	state := Scope{Controller: featuremap.ControllerState, Sector: featuremap.SectorEmploymentEffort}
	tests := []struct {
		c      *Citation
		s      Scope
		reused bool
		want   bool
	}{
		{Order2Stk1, job, false, true},
		{Order2Stk1, credit, false, false},
		{Order2Stk1, housing, false, false},
		{Order2Stk1, state, false, false}, // the order is for municipalities
		{Order2Stk1, Scope{}, false, false},
		{Order1Stk5, job, false, false}, // only data processed under stk. 1–4
		{Order1Stk5, job, true, true},
		{Order1Stk5, credit, true, false},
		{Art5Cond5i, credit, false, true},
		{GDPR22, Scope{}, false, true},
		{DBL8Stk1, job, false, true},
		{DBL8Stk1, credit, false, false},
		{DBL8Stk3, credit, false, true},
		{DBL8Stk3, Scope{}, false, false},
	}
	for _, tt := range tests {
		if got := tt.c.AppliesIn(tt.s, tt.reused); got != tt.want {
			t.Errorf("%s in %+v (reused %v) = %v, want %v", tt.c.Ref, tt.s, tt.reused, got, tt.want)
		}
	}
}

// glossary pairs the Danish terms of ../shared/spec/GLOSSARY-da.md with the
// English each gloss must use: a citation quoting the Danish term must gloss
// it in full ("detrimental or unfavourable", not "detrimental").
var glossary = []struct{ da, en string }{
	{"kunstig intelligens eller lignende digitale løsninger", "artificial intelligence or similar digital solutions"},
	{"skadelig eller ugunstig behandling", "detrimental or unfavourable treatment"},
	{"uberettiget eller uforholdsmæssig i forhold til deres sociale adfærd eller betydningen heraf", "unjustified or disproportionate to their social behaviour or its gravity"},
	{"fysiske personer eller grupper af personer", "natural persons or groups of persons"},
	{"kendte, udledte eller forudsagte personlige egenskaber eller personlighedstræk", "known, inferred or predicted personal or personality characteristics"},
	{"over en given periode", "over a certain period of time"},
	{"skal endvidere sikre", "must also ensure"},
	{"passende tekniske og organisatoriske sikkerhedsforanstaltninger", "appropriate technical and organisational security measures"},
	{"databeskyttelse gennem design og standardindstillinger", "data protection by design and by default"},
	{"alene er baseret på automatisk behandling, herunder profilering", "based solely on automated processing, including profiling"},
	{"informationskilde", "information source"},
	{"herunder træning", "including training"},
	{"databehandler", "data processor"},
	{"direkte eller væsentlig årsag", "direct or substantial cause"},
	{"menneskelig vurdering", "human assessment"},
	{"sagligt eller legitimt grundlag", "objective or legitimate basis"},
	{"saglig, rimelig og forholdsmæssig", "objective, reasonable and proportionate"},
	{"relevante og lovligt indsamlede oplysninger", "relevant and lawfully collected information"},
	{"øjebliksbillede", "snapshot"},
	{"helhedsbillede", "overall picture"},
	{"antal adresseskift eller køn", "number of address changes or sex"},
	{"tilbydes støtte", "offered support"},
	{"sociale sammenhænge, som ikke har noget at gøre med de sammenhænge, i hvilke dataene oprindeligt blev genereret eller indsamlet", "social contexts that are unrelated to the contexts in which the data were originally generated or collected"},
}

func TestGlossesFollowTheGlossary(t *testing.T) {
	used := map[string]bool{}
	for _, c := range All() {
		for _, g := range glossary {
			if strings.Contains(c.Danish, g.da) {
				used[g.da] = true
				if !strings.Contains(c.English, g.en) {
					t.Errorf("%s quotes %q but its gloss lacks %q:\n%s", c.Ref, g.da, g.en, c.English)
				}
			}
		}
	}
	for _, g := range glossary {
		if !used[g.da] {
			t.Errorf("no citation quotes %q; drop it from the table", g.da)
		}
	}
}

// TestConditionCitationsQuoteTheirCondition: a citation labelled with a
// condition of art. 5(1)(c) quotes that condition, not another (SAG201's
// "cond. 3–4" once quoted condition 2).
func TestConditionCitationsQuoteTheirCondition(t *testing.T) {
	for _, tt := range []struct {
		c      *Citation
		has    string
		hasNot string
	}{
		{Art5Cond2, "evaluering eller klassificering", "over en given periode"},
		{Art5Cond3, "over en given periode", "evaluering eller klassificering"},
		{Art5Cond4, "sociale adfærd eller kendte, udledte eller forudsagte", "evaluering eller klassificering"},
		{Art5Cond5i, "i sociale sammenhænge", "uberettiget"},
		{Art5Cond5ii, "uberettiget eller uforholdsmæssig", "i sociale sammenhænge"},
	} {
		if !strings.Contains(tt.c.Danish, tt.has) || strings.Contains(tt.c.Danish, tt.hasNot) {
			t.Errorf("%s quotes %q", tt.c.Ref, tt.c.Danish)
		}
	}
}

// TestGuidanceExamplesUnderTheirOutcome: the guidance files the job-centre
// example under outcome (i) ("Ad 1") and the library example under outcome
// (ii) ("Ad 2"); the references say so.
func TestGuidanceExamplesUnderTheirOutcome(t *testing.T) {
	if !strings.HasPrefix(GuideAd1Jobcenter.Ref, "Vejledning afsnit 7, ad 1") || !strings.Contains(GuideAd1Jobcenter.Danish, "jobcenter") {
		t.Errorf("job-centre example: %s", GuideAd1Jobcenter.Ref)
	}
	if !strings.HasPrefix(GuideAd2Library.Ref, "Vejledning afsnit 7, ad 2") || !strings.Contains(GuideAd2Library.Danish, "bibliotekets bøger") {
		t.Errorf("library example: %s", GuideAd2Library.Ref)
	}
	src := loadSource(t, "vejledning-art5-1-c.txt")
	ad1, ad2 := find(words("Ad 1) Behandlingen sker i en anden social kontekst", false), src, 0), find(words("Ad 2) Behandlingen er ubegrundet", false), src, 0)
	job := find(words(GuideAd1Jobcenter.Danish, false), src, 0)
	lib := find(words(GuideAd2Library.Danish, false), src, 0)
	if ad1 < 0 || ad2 < 0 || !(ad1 < job && job < ad2 && ad2 < lib) {
		t.Errorf("positions in the guidance: ad 1 %d, job centre %d, ad 2 %d, library %d", ad1, job, ad2, lib)
	}
}

func TestRefIn(t *testing.T) {
	for _, tt := range []struct{ in, da string }{
		{"AI Act art. 5(1)(c)", "AI-forordningens art. 5, stk. 1, litra c"},
		{"art. 5(1)(c) cond. 3", "art. 5, stk. 1, litra c, betingelse 3"},
		{"art. 5(1)(c) cond. 5(ii)", "art. 5, stk. 1, litra c, betingelse 5, udfald ii)"},
		{"GDPR art. 5(1)(a)", "GDPR art. 5, stk. 1, litra a"},
		{"GDPR art. 9(1)", "GDPR art. 9, stk. 1"},
		{"GDPR art. 10", "GDPR art. 10"},
		{"BEK § 2, stk. 4", "BEK § 2, stk. 4"},
		{"Vejledning afsnit 7, ad 1 (jobcenter)", "Vejledning afsnit 7, ad 1 (jobcenter)"},
	} {
		if got := RefIn(i18n.Danish, tt.in); got != tt.da {
			t.Errorf("RefIn(da, %q) = %q, want %q", tt.in, got, tt.da)
		}
		if got := RefIn(i18n.English, tt.in); got != tt.in {
			t.Errorf("RefIn(en, %q) = %q", tt.in, got)
		}
	}
}
