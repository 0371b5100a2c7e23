package classify

import (
	snowball "github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/danish"
	"github.com/blevesearch/snowballstem/dutch"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/finnish"
	"github.com/blevesearch/snowballstem/german"
	"github.com/blevesearch/snowballstem/norwegian"
	"github.com/blevesearch/snowballstem/swedish"
)

// Inflection is handled by the Snowball stemmers of the vocabulary's six
// languages: a column word and a vocabulary word meet when the stemmer of
// the vocabulary word's language reduces both to the same stem
// (folkekirken and folkekirke, verkehrsverstoesse and verkehrsverstoss,
// problemen and probleem, incomes and income). Both sides are folded first
// (normalise), so the stemmers see the same spelling on either side.

// stemLanguages lists the languages in a fixed order, so that matches are
// found in the same order every time.
var stemLanguages = []string{"da", "no", "sv", "de", "nl", "en", "fi"}

var stemmers = map[string]func(*snowball.Env) bool{
	"da": danish.Stem,
	"no": norwegian.Stem,
	"sv": swedish.Stem,
	"de": german.Stem,
	"nl": dutch.Stem,
	"en": english.Stem,
	"fi": finnish.Stem, // identifier terms only (henkilötunnus)
}

// stem returns the stem of a folded word in a language.
func stem(lang, word string) string {
	env := snowball.NewEnv(word)
	stemmers[lang](env)
	return env.Current()
}
