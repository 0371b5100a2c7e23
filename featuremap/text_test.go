package featuremap

import (
	"reflect"
	"strings"
	"testing"

	"github.com/saglig/saglig/internal/i18n"
)

func TestTextByLanguage(t *testing.T) {
	m, err := Parse("saglig.yaml", []byte(lines("version: 1",
		"purpose:",
		"  description:",
		"    da: Borgerens alder",
		"    en: The citizen's age",
		"  human_review:",
		"    da: Sagsbehandleren beslutter hvert tilbud",
		"  transparency: A letter tells the citizen.",
		"  legal_basis: {en: TODO, da: BEK § 1}",
		"features:",
		"  alder:",
		"    relevance: {en: '  Age decides the offer.  '}",
	)))
	if err != nil {
		t.Fatal(err)
	}
	p := m.Purpose
	for _, tt := range []struct {
		name string
		text Text
		lang i18n.Lang
		want string
		in   i18n.Lang
	}{
		{"the reader's language", p.Description, i18n.Danish, "Borgerens alder", i18n.Danish},
		{"the reader's language (en)", p.Description, i18n.English, "The citizen's age", i18n.English},
		{"the other language when the reader's is missing", p.HumanReview, i18n.English, "Sagsbehandleren beslutter hvert tilbud", i18n.Danish},
		{"a plain string in a map without a language", p.Transparency, i18n.Danish, "A letter tells the citizen.", ""},
		{"trimmed", m.Features[0].Relevance, i18n.Danish, "Age decides the offer.", i18n.English},
		{"absent", m.Features[0].Source, i18n.Danish, "", ""},
	} {
		got := tt.text.In(tt.lang)
		if got.Text != tt.want || got.Lang != tt.in {
			t.Errorf("%s: In(%s) = %q in %q, want %q in %q", tt.name, tt.lang, got.Text, got.Lang, tt.want, tt.in)
		}
	}
	if v := p.Description.In(i18n.English); v.Pos != (Pos{"saglig.yaml", 5, 5}) {
		t.Errorf("the English description is at %v, want its language key, 5:5", v.Pos)
	}
	if v := p.Transparency.In(i18n.English); v.Pos != p.At("transparency") {
		t.Errorf("a plain string is at %v, want its key %v", v.Pos, p.At("transparency"))
	}
	// Every language given must be filled in: a TODO in English is missing
	// for the English reader, though the Danish is there.
	if pos, missing := p.LegalBasis.MissingAt(); !missing || pos != (Pos{"saglig.yaml", 9, 17}) {
		t.Errorf("legal basis with an English TODO: missing = %v at %v, want true at 9:17", missing, pos)
	}
	if !p.LegalBasis.Given() || p.Description.Missing() || p.HumanReview.Missing() {
		t.Error("a text given in one language is not missing, and one with a TODO beside a text is given")
	}
	if !m.Features[0].Source.Missing() || m.Features[0].Source.Given() {
		t.Error("an absent text is missing and not given")
	}
	if got := p.Description.ByLanguage(); len(got) != 2 || got[i18n.Danish] != "Borgerens alder" {
		t.Errorf("ByLanguage = %v", got)
	}
	if got := p.Transparency.ByLanguage(); got != nil {
		t.Errorf("a plain string in a map without a language has no language: ByLanguage = %v", got)
	}
}

// TestPlainTextInTheMapsLanguage checks that a plain string is taken to be in
// the map's language, whatever the order of the keys.
func TestPlainTextInTheMapsLanguage(t *testing.T) {
	m, err := Parse("saglig.yaml", []byte(lines("version: 1",
		"purpose:",
		"  description: Borgerens alder",
		"  language: da",
		"features:",
		"  alder:",
		"    source: CPR",
		"    waivers: [{rule: SAG102, reason: Alderen afgør tilbuddet efter loven.}]",
		"    relevance: {en: Age decides the offer.}",
	)))
	if err != nil {
		t.Fatal(err)
	}
	f := m.Features[0]
	for name, text := range map[string]Text{"description": m.Purpose.Description, "source": f.Source, "waiver reason": f.Waivers[0].Reason} {
		if v := text.In(i18n.English); v.Lang != i18n.Danish {
			t.Errorf("%s: a plain string in a Danish map is in %q, want da", name, v.Lang)
		}
	}
	if v := f.Relevance.In(i18n.Danish); v.Lang != i18n.English {
		t.Errorf("a text by language keeps its language: %q", v.Lang)
	}
}

// TestTextsListsEveryText checks that Map.Texts lists every free text of
// the map: every Text field of the purpose, a feature and a waiver.
func TestTextsListsEveryText(t *testing.T) {
	m := &Map{Purpose: Purpose{Waivers: []Waiver{{}}}, Features: []*Feature{{Key: "a", Waivers: []Waiver{{}}}}}
	listed := map[*Text]string{}
	for _, tf := range m.Texts() {
		listed[tf.Text] = tf.Key
	}
	textType := reflect.TypeOf(Text{})
	check := func(level string, v reflect.Value) {
		for i := 0; i < v.NumField(); i++ {
			if v.Field(i).Type() != textType {
				continue
			}
			key, ok := listed[v.Field(i).Addr().Interface().(*Text)]
			if !ok {
				t.Errorf("%s.%s is a free text Map.Texts does not list", level, v.Type().Field(i).Name)
			} else if strings.Contains(key, "[") != strings.HasPrefix(level, "waiver") {
				t.Errorf("%s.%s is listed as %s", level, v.Type().Field(i).Name, key)
			}
		}
	}
	check("purpose", reflect.ValueOf(&m.Purpose).Elem())
	check("feature", reflect.ValueOf(m.Features[0]).Elem())
	check("waiver of the purpose", reflect.ValueOf(&m.Purpose.Waivers[0]).Elem())
	check("waiver of a feature", reflect.ValueOf(&m.Features[0].Waivers[0]).Elem())
}
