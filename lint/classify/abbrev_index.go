package classify

import (
	"sort"
	"strings"
)

// The index of the words a code's pieces may stand for (abbrev.go).

// abbrevWord is a word an abbreviation may stand for.
type abbrevWord struct {
	word string
	// category is the category of the word's vocabulary entries; "" for a
	// structural word or a phrase word; ambiguousCategory when its entries
	// name several.
	category string
	// guess is false for words that only a whole word or a conventional
	// abbreviation may stand for, not a prefix, skeleton or contraction:
	// names of identifiers (voor is not voornaam).
	guess bool
}

const ambiguousCategory = "\x00"

// phraseWord is the "category" of a word that only occurs in vocabulary
// phrases (civil, birth, trust): not structural, but with no category of
// its own — the phrase it completes has one (burg·staat: burgerlijke
// staat).
const phraseWord = "\x01"

// abbrevIndex finds the words a piece may stand for.
type abbrevIndex struct {
	words []abbrevWord // sorted by word
	skels []skelWord   // sorted by skeleton
	known map[string][]string
	// categoryOf maps a target word to its category (see abbrevWord).
	categoryOf map[string]string
	// onsets are the consonant pairs that begin words (letters).
	onsets map[string]bool
	// phrases are the vocabulary's phrases, which a code may abbreviate
	// word by word (abbrev_phrase.go).
	phrases []phraseEntry
	// heads are the words with a category that end a longer word of the
	// vocabulary (indkomst in lønindkomst, bruttoindkomst): the words a
	// piece after a modifier stands for (aktie·indk, abbrev_heads.go).
	heads map[string]bool
	// parts are the modifiers of the vocabulary's compounds (rente of
	// renteindtagt, løn of lønindkomst): words without a category of their
	// own that a code may write out before a head (abbrev_heads.go).
	parts map[string]bool
	// parentMarks are the conventional abbreviations of a parent word (f
	// for father, ma for mother) that may start a survey's code: the
	// letters name whose the variable is (f·isco88, ma·occ).
	parentMarks map[string]string
}

type skelWord struct {
	skel string
	word int // index into words
}

// newAbbrevIndex indexes the target words: every single-word vocabulary
// entry that is not a register code, every word of a phrase, every
// structural word; and the conventional abbreviations.
func newAbbrevIndex(v *vocabulary, known map[string][]string) *abbrevIndex {
	cat := map[string]string{}
	noGuess := map[string]bool{}
	set := func(w, c string) {
		if c == "identifier" {
			noGuess[w] = true
		}
		if len(w) < 2 || isDigits(w) {
			return
		}
		old, ok := cat[w]
		switch {
		case !ok || old == phraseWord:
			cat[w] = c // a word of a phrase that is also an entry is the entry
		case c == phraseWord:
		case old != c:
			cat[w] = ambiguousCategory
		}
	}
	for w, es := range v.byToken {
		for _, e := range es {
			if e.register {
				continue
			}
			if len(e.tokens) == 1 {
				set(w, e.category)
			} else {
				for _, t := range e.tokens {
					set(t, phraseWord)
				}
			}
		}
	}
	for _, m := range []map[string]bool{v.neutral, v.subjects, v.measures, v.organisations} {
		for w := range m {
			cat[w] = "" // structural words carry no category, whatever else they are
		}
	}
	ix := &abbrevIndex{known: known, categoryOf: cat, onsets: v.onsets}
	for _, e := range v.phrases {
		if !e.register && e.category != "identifier" { // identifiers are written out (credcar is no credit card)
			ix.phrases = append(ix.phrases, phraseEntry{words: e.tokens, category: e.category})
		}
	}
	for w, c := range cat {
		ix.words = append(ix.words, abbrevWord{word: w, category: c, guess: !noGuess[w]})
	}
	sort.Slice(ix.words, func(i, j int) bool { return ix.words[i].word < ix.words[j].word })
	for i, w := range ix.words {
		if s := skeleton(w.word); len(s) >= minAbbrevPiece {
			ix.skels = append(ix.skels, skelWord{skel: s, word: i})
		}
	}
	sort.Slice(ix.skels, func(i, j int) bool { return ix.skels[i].skel < ix.skels[j].skel })
	ix.heads, ix.parts = compoundHeads(cat)
	ix.parentMarks = map[string]string{}
	for a, ws := range known {
		if len(ws) == 1 && len(a) <= maxLeadLetters && v.parents[ws[0]] {
			ix.parentMarks[a] = ws[0]
		}
	}
	return ix
}

// candidates returns the words a piece may stand for, by kind: the piece
// itself when it is a target word, its conventional expansions, or the
// shortest completions (within abbrevSlack letters) among the words it
// starts or whose skeleton it starts. ok is false when the piece stands for
// nothing.
func (ix *abbrevIndex) candidates(p string, kind int) (words []string, ok bool) {
	switch kind {
	case pieceWord:
		if _, ok := ix.categoryOf[p]; ok || ix.parts[p] {
			return []string{p}, true
		}
	case pieceKnown:
		if ws, ok := ix.known[p]; ok {
			return ws, true
		}
	case piecePrefix:
		if len(p) < minAbbrevPiece {
			return nil, false
		}
		i := sort.Search(len(ix.words), func(i int) bool { return ix.words[i].word >= p })
		best := -1
		var found []string
		for ; i < len(ix.words) && strings.HasPrefix(ix.words[i].word, p); i++ {
			w := ix.words[i].word
			if len(w) == len(p) || !ix.words[i].guess {
				continue
			}
			extra := len(w) - len(p)
			if best < 0 || extra < best {
				best = extra
			}
			found = append(found, w)
		}
		if len(p) < 4 {
			return found, best >= 0 // a short prefix must be unambiguous among all its completions
		}
		return within(found, len(p), best), best >= 0
	case pieceContraction:
		if len(p) < minContraction {
			return nil, false
		}
		i := sort.Search(len(ix.words), func(i int) bool { return ix.words[i].word >= p[:minAbbrevPiece] })
		var found []string
		for ; i < len(ix.words) && strings.HasPrefix(ix.words[i].word, p[:minAbbrevPiece]); i++ {
			w := ix.words[i].word
			if !ix.words[i].guess || len(w) < len(p)+2 || strings.HasPrefix(w, p) {
				continue
			}
			if ix.contracts(p, w, 0, maxContractParts) {
				found = append(found, w)
			}
		}
		return found, len(found) > 0
	case pieceSkeleton:
		if len(p) < minAbbrevPiece || !vowelFree(p) {
			return nil, false
		}
		i := sort.Search(len(ix.skels), func(i int) bool { return ix.skels[i].skel >= p })
		best := -1
		var found []string
		for ; i < len(ix.skels) && strings.HasPrefix(ix.skels[i].skel, p); i++ {
			w := ix.words[ix.skels[i].word].word
			if strings.HasPrefix(w, p) || !ix.words[ix.skels[i].word].guess {
				continue // a plain prefix, read as one
			}
			extra := len(ix.skels[i].skel) - len(p)
			if best < 0 || extra < best {
				best = extra
			}
			found = append(found, w)
		}
		if best < 0 {
			return nil, false
		}
		// Completions are compared by skeleton length; a 3-letter skeleton
		// with less slack (prl: parliament, not parallelsamfund).
		slack := abbrevSlack
		if len(p) < 4 {
			slack = 1
		}
		var out []string
		for _, w := range found {
			if len(skeleton(w))-len(p) <= best+slack {
				out = append(out, w)
			}
		}
		return out, true
	}
	return nil, false
}

// isWord reports whether w is a target word.
func (ix *abbrevIndex) isWord(w string) bool {
	_, ok := ix.categoryOf[w]
	return ok
}

// within keeps the completions at most abbrevSlack letters longer than the
// shortest.
func within(found []string, plen, best int) []string {
	var out []string
	for _, w := range found {
		if len(w)-plen <= best+abbrevSlack {
			out = append(out, w)
		}
	}
	return out
}

// resolve turns candidate words into the word a piece stands for and its
// category: the shortest candidate; the category is "" when every
// candidate is structural, ambiguousCategory when candidates carry
// different categories or some are structural and some not.
func (ix *abbrevIndex) resolve(words []string) (word, category string) {
	for i, w := range words {
		c := ix.categoryOf[w]
		switch {
		case c == ambiguousCategory:
			return w, ambiguousCategory
		case i == 0:
			category = c
		case category != c:
			return w, ambiguousCategory // pers: person or personnr
		}
	}
	// The representative: the shortest word of the category (or the
	// shortest structural word), then the first alphabetically.
	for _, w := range words {
		if ix.categoryOf[w] != category {
			continue
		}
		if word == "" || len(w) < len(word) || (len(w) == len(word) && w < word) {
			word = w
		}
	}
	return word, category
}
