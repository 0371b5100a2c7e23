package featuremap

import (
	"strings"

	"github.com/saglig/saglig/internal/i18n"
)

// Word is a word of the map's vocabularies (a context, a category, a
// sector …) as a person reads it: in a report it is written in the
// reader's language ("civil-registration" is "civil registration",
// "folkeregistrering"), while the map, JSON and SARIF keep the key. A
// custom word (x-…) and one outside the vocabulary are written as the map
// writes them. A Word is an i18n.Text: a Printer writes it in its
// language, also as the argument of a message made now and written later.
type Word struct {
	key   string
	words map[string]string
}

// The English of each vocabulary's words, keys of the catalogue
// (docs/glossary.md lists the Danish). Where two vocabularies share a key
// that Danish writes differently (the health context and the health
// category), the English differs too: the catalogue has one Danish per
// English phrase.
var (
	contextWords = map[string]string{
		"employment": i18n.N("employment"), "education": i18n.N("education"),
		"social-benefits": i18n.N("social benefits"), "health": i18n.N("health care"),
		"housing": i18n.N("housing"), "family": i18n.N("family"),
		"civil-registration": i18n.N("civil registration"), "tax": i18n.N("tax"),
		"finance": i18n.N("finance"), "criminal-justice": i18n.N("criminal justice"),
		"online-behaviour": i18n.N("online behaviour"), "consumption": i18n.N("consumption"),
		"leisure": i18n.N("leisure"), "location": i18n.N("location"), "other": i18n.N("other"),
	}
	categoryWords = map[string]string{
		"sex": i18n.N("sex"), "age": i18n.N("age"), "ethnicity": i18n.N("ethnic origin"),
		"nationality": i18n.N("nationality"), "language": i18n.N("language"),
		"religion": i18n.N("religion"), "political-opinion": i18n.N("political opinion"),
		"trade-union": i18n.N("trade-union membership"), "health": i18n.N("health"),
		"disability": i18n.N("disability"), "genetic": i18n.N("genetic data"),
		"biometric": i18n.N("biometric data"), "sexual-orientation": i18n.N("sexual orientation"),
		"criminal-record": i18n.N("criminal offences"), "marital-status": i18n.N("marital status"),
		"household": i18n.N("household"), "residence-moves": i18n.N("address changes"),
		"residential-area": i18n.N("residential area"), "online-activity": i18n.N("online activity"),
		"payment-behaviour": i18n.N("payment behaviour"), "debt": i18n.N("debt"),
		"leisure-activity": i18n.N("leisure activities"), "social-network": i18n.N("social network"),
		"travel": i18n.N("travel"), "consumption": i18n.N("consumption"),
		"traffic-offence": i18n.N("traffic offences"), "income": i18n.N("income"),
		"employment-history": i18n.N("employment history"), "education": i18n.N("education"),
		"benefits-history": i18n.N("benefits history"), "identifier": i18n.N("identifier"),
		"contact": i18n.N("contact details"), "other": i18n.N("other"),
	}
	sectorWords = map[string]string{
		SectorEmploymentEffort: i18n.N("employment services"), "social-services": i18n.N("social services"),
		"health": i18n.N("health care"), "education": i18n.N("education"), "tax": i18n.N("tax"),
		"housing": i18n.N("housing"), "finance": i18n.N("finance"), "insurance": i18n.N("insurance"),
		"law-enforcement": i18n.N("law enforcement"), "other": i18n.N("other"),
	}
	controllerWords = map[string]string{
		ControllerMunicipality: i18n.N("municipality"), ControllerRegion: i18n.N("region"),
		ControllerState: i18n.N("state authority"), ControllerPrivate: i18n.N("private company"),
		ControllerOther: i18n.N("other"),
	}
	outputLabels = map[string]string{
		string(OutputScore): i18n.N("score"), string(OutputClassification): i18n.N("classification"),
		string(OutputRanking): i18n.N("ranking"), string(OutputInformation): i18n.N("information"),
	}
	decisionRoleWords = map[string]string{
		DecisionSoleBasis: i18n.N("the sole basis"), DecisionSubstantial: i18n.N("a substantial basis"),
		DecisionOneOfSeveral: i18n.N("one of several grounds"), DecisionInformationOnly: i18n.N("information only"),
	}
	reassessedWords = map[string]string{
		ReassessedOnce: i18n.N("once"), ReassessedPeriodically: i18n.N("periodically"),
		ReassessedContinuously: i18n.N("continuously"),
	}
)

// ContextWord is a context (vocabulary §3) as a person reads it.
func ContextWord(c string) Word { return Word{key: c, words: contextWords} }

// CategoryWord is a category (vocabulary §3) as a person reads it.
func CategoryWord(c string) Word { return Word{key: c, words: categoryWords} }

// SectorWord is a purpose's sector as a person reads it.
func SectorWord(s string) Word { return Word{key: s, words: sectorWords} }

// ControllerWord is a purpose's controller type as a person reads it.
func ControllerWord(c string) Word { return Word{key: c, words: controllerWords} }

// OutputWord is a purpose's output as a person reads it.
func OutputWord(o string) Word { return Word{key: o, words: outputLabels} }

// DecisionRoleWord is a purpose's decision_role as a person reads it.
func DecisionRoleWord(d string) Word { return Word{key: d, words: decisionRoleWords} }

// ReassessedWord is a purpose's reassessed as a person reads it.
func ReassessedWord(r string) Word { return Word{key: r, words: reassessedWords} }

// Key is the word as the map writes it.
func (w Word) Key() string { return w.key }

// In writes the word in p's language.
func (w Word) In(p *i18n.Printer) string {
	if en, ok := w.words[w.key]; ok {
		return p.Sprintf(en)
	}
	return w.key
}

// String writes the word in English.
func (w Word) String() string { return w.In(i18n.For(i18n.English)) }

// Words is a list of words, written "a, b, c".
type Words []Word

// ContextWords is a list of contexts as a person reads them.
func ContextWords(cs []string) Words {
	out := make(Words, len(cs))
	for i, c := range cs {
		out[i] = ContextWord(c)
	}
	return out
}

// In writes the words in p's language, separated by commas.
func (ws Words) In(p *i18n.Printer) string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.In(p)
	}
	return strings.Join(out, ", ")
}
