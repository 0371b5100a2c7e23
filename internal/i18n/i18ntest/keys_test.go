package i18ntest

import (
	"slices"
	"strings"
	"testing"
)

func TestBareKeysIn(t *testing.T) {
	keys := []string{"allowed_contexts", "automated", "human_review", "purpose", "relevance", "role", "source", "transparency"}
	for _, tc := range []struct {
		fix  string
		bare []string
	}{
		{"document in relevance: why the history matters", []string{"«relevance:»"}},
		{"set automated: false and describe it in human_review", []string{"«automated:»", "«human_review»"}},
		{"skriv i purpose.transparency, hvordan", []string{"«purpose.transparency»"}},
		{"remove the input; keep it with role: protected", []string{"«role:»"}},
		{"add the context to allowed_contexts", []string{"«allowed_contexts»"}},
		// Words first, the key in a note after them.
		{"document why the history matters (relevance:)", nil},
		{"say that it is not automated (purpose.automated: false) and describe the human decision (purpose.human_review)", nil},
		{"declare it with its role, source and relevance", nil},
		// A sentence's colon after a note is no key's.
		{"record it as a waiver on the purpose (purpose.waivers, rule SAG202): the finding stays", nil},
		// A note without words before it is no note.
		{"(relevance:) why the history matters", []string{"«relevance:»"}},
	} {
		var got []string
		for _, b := range BareKeysIn(tc.fix, keys) {
			got = append(got, b[:len(b)-len(" in "+tc.fix)])
		}
		if !slices.Equal(got, tc.bare) {
			t.Errorf("BareKeysIn(%q) = %q, want %q", tc.fix, got, tc.bare)
		}
	}
}

func TestPhrasesIn(t *testing.T) {
	text := "Formål: The caseworker decides\n  the offer. Relevans: Sex."
	got := PhrasesIn(text, []string{"The caseworker decides the offer.", "Sex", "sex", "decides the", "caseworker decide", ""})
	want := []string{"The caseworker decides the offer.", "Sex", "decides the"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("PhrasesIn = %q, want %q", got, want)
	}
}

func TestNamesIn(t *testing.T) {
	names := []string{"no-transparency", "proxy", "missing-source"}
	for _, tc := range []struct {
		text  string
		found []string
	}{
		{"fejl: saglig.yaml:6:1: SAG012 no-transparency: formålet oplyser ikke", []string{"«no-transparency»"}},
		{"SAG104 proxy. Se også", []string{"«proxy»"}},
		{"::warning title=SAG002 missing-source::data.parquet: x", []string{"«missing-source»"}},
		// The Danish title, a longer word, a policy key, code and a quoted
		// value are not the name.
		{"SAG104 Proxy-variabel for en beskyttet kolonne: proxy-variabel", nil},
		{"grænsen står i politikken: proxy.warning, proxy.error", nil},
		{"slå den fra med `--disable no-transparency`", nil},
		{`kolonnen "proxy" er`, nil},
	} {
		var got []string
		for _, f := range NamesIn(tc.text, nil, names) {
			got = append(got, f[:strings.Index(f, " in …")])
		}
		if !slices.Equal(got, tc.found) {
			t.Errorf("NamesIn(%q) = %q, want %q", tc.text, got, tc.found)
		}
	}
	// What the map's author wrote is theirs.
	if got := NamesIn("dispensation: proxy fordi", []string{"proxy fordi"}, names); got != nil {
		t.Errorf("NamesIn found an allowed string: %q", got)
	}
}

func TestProseParagraphs(t *testing.T) {
	doc := "The rule fires when `reused_from`\nis set.\n\n```yaml\nfeatures:\n  x: {reused_from: a}\n```\n\n    role: protected\n\nFix: say where (reuse_assessment)."
	got := ProseParagraphs(doc)
	want := []string{"The rule fires when reused_from is set.", "Fix: say where (reuse_assessment)."}
	if !slices.Equal(got, want) {
		t.Errorf("ProseParagraphs = %q, want %q", got, want)
	}
}
