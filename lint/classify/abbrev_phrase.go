package classify

// Codes that abbreviate every word of a vocabulary phrase, in order
// (abbrev.go): migback for migration background, sexor for sexual
// orientation, maritst for marital status. The phrase confirms the reading
// that the pieces alone could not: mig may begin migrant or migration, back
// a dozen words, but together they begin the words of one phrase.

// Limits of a phrase code.
const (
	minPhraseCode  = 5 // shortest code read as a phrase
	minPhraseFirst = 3 // the first word is cut after at least this many letters
	minPhraseLater = 2 // later words after at least this many
	maxPhraseSkip  = 3 // a structural word of at most this many letters may be left out (country of origin)
	minPhraseLong  = 4 // one piece at least is this long (mig·back, not hou·ben)
)

// phraseEntry is a vocabulary phrase a code may abbreviate.
type phraseEntry struct {
	words    []string
	category string
}

// phraseCode reads t as prefixes of the words of one vocabulary phrase,
// in order, or returns nil: when no phrase fits, or phrases of different
// categories do.
func (ix *abbrevIndex) phraseCode(t string) []abbrevPiece {
	if len(t) < minPhraseCode || !isLetters(t) {
		return nil
	}
	var found []abbrevPiece
	category := ""
	for _, p := range ix.phrases {
		cuts := ix.phraseCuts(t, p.words)
		if cuts == nil {
			continue
		}
		if category != "" && category != p.category {
			return nil // two phrases of different categories fit: no reading
		}
		if found != nil {
			continue
		}
		category = p.category
		at := 0
		for k, w := range p.words {
			piece := abbrevPiece{text: t[at:cuts[k]], word: w, category: phraseWord, kind: piecePrefix}
			if piece.text == w || piece.text == "" {
				piece.kind = pieceWord // written out, or a structural word left out
			}
			found = append(found, piece)
			at = cuts[k]
		}
	}
	return found
}

// phraseCuts returns, for each word of a phrase, where its prefix in t
// ends (equal to the previous end for a structural word left out), or nil
// when t is not such prefixes of all of them. A code as long as the phrase
// written solid is the phrase, matched as such, not a code.
func (ix *abbrevIndex) phraseCuts(t string, words []string) []int {
	solid := 0
	for _, w := range words {
		solid += len(w)
	}
	if len(t) >= solid {
		return nil
	}
	cuts := make([]int, len(words))
	var try func(k, at int) bool
	try = func(k, at int) bool {
		if k == len(words) {
			return at == len(t)
		}
		w := words[k]
		if k > 0 && len(w) <= maxPhraseSkip && ix.categoryOf[w] == "" {
			if _, structural := ix.categoryOf[w]; structural {
				cuts[k] = at
				if try(k+1, at) {
					return true
				}
			}
		}
		least := minPhraseLater
		if k == 0 {
			least = minPhraseFirst
		}
		least = min(least, len(w))
		for n := min(len(w), len(t)-at); n >= least; n-- {
			if t[at:at+n] != w[:n] {
				continue
			}
			cuts[k] = at + n
			if try(k+1, at+n) {
				return true
			}
		}
		return false
	}
	if !try(0, 0) {
		return nil
	}
	longest, at := 0, 0
	for _, c := range cuts {
		longest, at = max(longest, c-at), c
	}
	if longest < minPhraseLong {
		return nil // hou·ben, par·af, mot·ton: short pieces fit many words by chance
	}
	return cuts
}
