package featuremap

import (
	"slices"
	"strconv"
	"strings"

	"github.com/saglig/saglig/internal/diag"
	"github.com/saglig/saglig/internal/i18n"
	"gopkg.in/yaml.v3"
)

// Text is a free text of the map, written by a person: a plain string, or a
// mapping from language to string (docs/map.md, "Texts in more than one
// language"). A plain string is taken to be in the map's language
// (purpose.language), or in a language the map does not say when it has
// none.
type Text struct {
	// variants are in file order; a plain string is one variant.
	variants []Variant
	// plain is true when the text was written as a string.
	plain bool
}

// Variant is a Text in one language.
type Variant struct {
	// Lang is the language the text is written in; "" when the map does
	// not say (a plain string in a map without a language).
	Lang i18n.Lang
	Text string
	// Pos is where the text is written: the key of a plain string (as in
	// Fields), the language key of a mapping's entry.
	Pos Pos
}

// MarshalText writes the variant's text: a report's JSON shows a free text
// as the string it shows people.
func (v Variant) MarshalText() ([]byte, error) { return []byte(v.Text), nil }

// IsZero reports whether there is no text.
func (v Variant) IsZero() bool { return v.Text == "" }

// PlainText is a text written as a plain string, in a language the map does
// not say.
func PlainText(s string) Text {
	if s == "" {
		return Text{}
	}
	return Text{variants: []Variant{{Text: s}}, plain: true}
}

// TextIn is a text written as a mapping from language to string, the
// languages in the order given.
func TextIn(variants ...Variant) Text { return Text{variants: slices.Clone(variants)} }

// IsZero reports whether the map gives no text at all.
func (t Text) IsZero() bool { return len(t.variants) == 0 }

// IsPlain reports whether the text was written as a plain string.
func (t Text) IsPlain() bool { return t.plain }

// Variants returns the text in every language the map gives, in file order.
func (t Text) Variants() []Variant { return slices.Clone(t.variants) }

// In returns the text to show a reader of l: the text in l if the map gives
// it; else the text the map has (a plain string, or the text in the other
// language), whose Lang says what it is written in. It trims the text.
func (t Text) In(l i18n.Lang) Variant {
	if len(t.variants) == 0 {
		return Variant{}
	}
	v := t.variants[0]
	for _, w := range t.variants {
		if w.Lang == l && l != "" {
			v = w
			break
		}
	}
	v.Text = strings.TrimSpace(v.Text)
	return v
}

// ByLanguage returns the text by language, for the languages the map says;
// nil when it says none.
func (t Text) ByLanguage() map[i18n.Lang]string {
	var out map[i18n.Lang]string
	for _, v := range t.variants {
		if v.Lang == "" {
			continue
		}
		if out == nil {
			out = map[i18n.Lang]string{}
		}
		out[v.Lang] = strings.TrimSpace(v.Text)
	}
	return out
}

// Missing reports whether the text is absent or, in any language the map
// gives it in, empty, blank or a TODO marker: a reader of that language
// has no text.
func (t Text) Missing() bool {
	_, missing := t.MissingAt()
	return missing
}

// Given reports whether the map gives the text, not missing, in at least
// one language.
func (t Text) Given() bool {
	for _, v := range t.variants {
		if !Missing(v.Text) {
			return true
		}
	}
	return false
}

// MissingAt is Missing with the position of the first missing variant; the
// zero Pos when the text is absent altogether.
func (t Text) MissingAt() (Pos, bool) {
	if len(t.variants) == 0 {
		return Pos{}, true
	}
	for _, v := range t.variants {
		if Missing(v.Text) {
			return v.Pos, true
		}
	}
	return Pos{}, false
}

// inLang gives a plain string the map's language.
func (t *Text) inLang(l i18n.Lang) {
	if t.plain && len(t.variants) == 1 {
		t.variants[0].Lang = l
	}
}

// TextField is a free text of the map with the key it is written under.
type TextField struct {
	// Key is the key's path: purpose.description,
	// features.alder.relevance, purpose.waivers[0].reason.
	Key  string
	Text *Text
}

// Texts returns every free text of the map, in file order of its levels
// (the purpose's, then each feature's), with its key.
func (m *Map) Texts() []TextField {
	p := &m.Purpose
	out := []TextField{
		{"purpose.description", &p.Description},
		{"purpose.favourable_consequence", &p.FavourableConsequence},
		{"purpose.unfavourable_consequence", &p.UnfavourableConsequence},
		{"purpose.human_review", &p.HumanReview},
		{"purpose.transparency", &p.Transparency},
		{"purpose.legal_basis", &p.LegalBasis},
		{"purpose.processor_agreement", &p.ProcessorAgreement},
	}
	out = append(out, waiverTexts("purpose", p.Waivers)...)
	for _, f := range m.Features {
		k := "features." + f.Key + "."
		out = append(out,
			TextField{k + "description", &f.Description},
			TextField{k + "source", &f.Source},
			TextField{k + "relevance", &f.Relevance},
			TextField{k + "lawful_basis", &f.LawfulBasis},
			TextField{k + "reused_from", &f.ReusedFrom},
			TextField{k + "reuse_assessment", &f.ReuseAssessment},
			TextField{k + "pseudonymisation", &f.Pseudonymisation},
		)
		out = append(out, waiverTexts("features."+f.Key, f.Waivers)...)
	}
	return out
}

func waiverTexts(at string, ws []Waiver) []TextField {
	var out []TextField
	for i := range ws {
		out = append(out, TextField{at + ".waivers[" + strconv.Itoa(i) + "].reason", &ws[i].Reason})
	}
	return out
}

// freeText decodes a free text: a string (null as none), or a mapping from
// a language saglig writes in to a string.
func (d *decoder) freeText(e entry) Text {
	r := resolve(e.val)
	switch {
	case isNull(r):
		return Text{}
	case r.Kind == yaml.ScalarNode:
		return Text{variants: []Variant{{Text: r.Value, Pos: d.pos(e.key)}}, plain: true}
	case r.Kind != yaml.MappingNode:
		d.errorf(e.val, i18n.M("%s must be text, or a mapping from language (%s) to text, got %s", e.name, strings.Join(languageWords(), ", "), got(r)))
		return Text{}
	}
	var t Text
	langs := languageWords()
	for _, le := range d.entries(r) {
		if !slices.Contains(langs, le.name) {
			if s := diag.Suggest(le.name, langs); s != "" {
				d.errorf(le.key, i18n.M("unknown language %s in %s (did you mean %q?)", msgQuote(le.name), e.name, s))
			} else {
				d.errorf(le.key, i18n.M("unknown language %s in %s (known: %s)", msgQuote(le.name), e.name, strings.Join(langs, ", ")))
			}
			continue
		}
		v := resolve(le.val)
		if v.Kind != yaml.ScalarNode {
			d.errorf(le.val, i18n.M("%s.%s must be text, got %s", e.name, le.name, got(v)))
			continue
		}
		s := v.Value
		if isNull(v) {
			s = ""
		}
		t.variants = append(t.variants, Variant{Lang: i18n.Lang(le.name), Text: s, Pos: d.pos(le.key)})
	}
	if len(t.variants) == 0 && len(r.Content) == 0 {
		d.errorf(e.val, i18n.M("%s is an empty mapping: write the text, or a mapping from language (%s) to text", e.name, strings.Join(langs, ", ")))
	}
	return t
}
