package classify

import (
	"sort"
	"strings"
)

// # Abbreviations and codes
//
// Register and survey codebooks name their variables with codes built from
// abbreviated words written solid: CIVST (civil status), INCWAGE (income,
// wage), trstprl (trust, parliament), STATSB (statsborgerskab). A token that
// nothing else reads (no vocabulary word, stem or compound) is segmented by
// a dynamic programme into pieces, each one of
//
//   - a word of the vocabulary, a structural word (status, year, type,
//     dato, …) or a word of a vocabulary phrase (civil, birth);
//   - a conventional abbreviation (abbreviations.yaml: nr, yr, dt, hh, …);
//   - a prefix of such a word, at least 3 letters (inc → income, civ →
//     civil, besk → beskæftigelse);
//   - a prefix of such a word's consonant skeleton, at least 3 letters
//     without vowels after the first (hlth → health, trst → trust, prl →
//     parliament);
//   - one letter that carries no meaning, at the start or the end only
//     (PSTILL, ANTBOERNF);
//
// preferring whole words, then known abbreviations, then long prefixes,
// then skeletons, and fewer pieces. The pieces are read as the words they
// stand for and matched like any name (phrases included: CIVST reads
// "civil status"); a match read through an abbreviation is weaker than the
// word written out (abbrevFactors).
//
// A reading is confident only when every piece is accounted for, at least
// one piece stands for a word with a category, and each such piece is
// unambiguous: the words it may stand for (the shortest completions, up to
// abbrevSlack letters longer) all carry the same category, or are
// structural. A code that may stand for words of different categories is
// left unread: a wrong category is worse than none.

// Piece kinds, from the most to the least trusted.
const (
	pieceWord        = iota // the word itself
	pieceKnown              // a conventional abbreviation (abbreviations.yaml)
	piecePrefix             // a prefix of a word
	pieceContraction        // pieces of a compound word (civ·st for civilstand)
	pieceSkeleton           // a prefix of a word's consonant skeleton
	pieceLetter             // one letter without meaning, at either end
)

// Segmentation costs (per piece; the cheapest segmentation wins) and the
// factor by which a match read through a piece is weaker than the word.
const (
	costWord      = 10
	costKnown     = 11
	costPrefix    = 13 // 4+ letters
	costPrefix3   = 16 // 3 letters
	costContract  = 14
	costSkeleton  = 15 // 4+ letters
	costSkeleton3 = 17 // 3 letters
	costLetter    = 25

	minAbbrevPiece = 3  // shortest prefix or skeleton piece
	minAbbrevAlone = 5  // shortest prefix read as a whole token
	maxAbbrevToken = 24 // longer tokens are not read as codes
	maxAbbrevParts = 3  // a code of more pieces is not read
	maxWeakCode    = 8  // a code with a 3-letter prefix or skeleton is short (civst, incwage)
	// maxSkeletonVowels: a code read through consonant skeletons has at
	// most this many vowels (hlthhmp, trstprl, rlgblg have none).
	maxSkeletonVowels = 1
	minContraction    = 5 // shortest contraction piece
	maxContractParts  = 3 // parts of one word a contraction may take pieces of
	// A prefix covers at least this share of the word it stands for; as
	// the whole token, at least minPrefixShareAlone.
	minPrefixShare      = 0.4
	minPrefixShareAlone = 0.5
	minLongAlone        = 8   // a whole-token prefix this long needs only minPrefixShare
	minInnerPrefix      = 5   // shortest prefix piece that does not start the code
	minLateCut          = 0.6 // a prefix this share of its word may end between consonants
	// abbrevSlack: completions at most this many letters longer than the
	// shortest one are candidates too (inc: income, but also incomes).
	abbrevSlack = 2
)

// abbrevFactor is how much weaker a match read through a piece is than the
// word written out.
func abbrevFactor(kind, length int) float64 {
	switch kind {
	case pieceWord:
		return 0.9
	case pieceKnown:
		return 0.85
	case piecePrefix:
		switch {
		case length >= 5:
			return 0.85
		case length == 4:
			return 0.8
		}
		return 0.7
	case pieceContraction:
		return 0.8
	case pieceSkeleton:
		if length >= 4 {
			return 0.75
		}
		return 0.7
	}
	return 0
}

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
	ix := &abbrevIndex{known: known, categoryOf: cat}
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
	return ix
}

func isVowel(b byte) bool {
	switch b {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// skeleton is a word's consonant skeleton: its first letter, then its
// consonants without vowels, doubled letters once (health → hlth, religion
// → rlgn, parliament → prlmnt, occupation → ocptn).
func skeleton(w string) string {
	if w == "" {
		return ""
	}
	b := []byte{w[0]}
	for i := 1; i < len(w); i++ {
		c := w[i]
		if isVowel(c) || c == b[len(b)-1] {
			continue
		}
		b = append(b, c)
	}
	return string(b)
}

// vowelFree reports whether s has no vowel after its first letter.
func vowelFree(s string) bool {
	for i := 1; i < len(s); i++ {
		if isVowel(s[i]) {
			return false
		}
	}
	return true
}

// abbrevPiece is one piece of a code's reading.
type abbrevPiece struct {
	text string
	kind int
	// word is the word the piece stands for ("" for a letter); category
	// that word's category, or ambiguousCategory when the piece may stand
	// for words of different categories.
	word, category string
	// dropped: the piece names another category than the code's head
	// (headed) and stands for no word in the match.
	dropped bool
}

// candidates returns the words a piece may stand for, by kind: the piece
// itself when it is a target word, its conventional expansions, or the
// shortest completions (within abbrevSlack letters) among the words it
// starts or whose skeleton it starts. ok is false when the piece stands for
// nothing.
func (ix *abbrevIndex) candidates(p string, kind int) (words []string, ok bool) {
	switch kind {
	case pieceWord:
		if _, ok := ix.categoryOf[p]; ok {
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

// contracts reports whether p abbreviates w[from:] part by part: a prefix
// of at least 3 letters of the first part, then prefixes of at least 2
// letters of later parts, each starting where w's compound parts meet
// (boundary), at most parts in all: civ·st for civil·stand, fam·typ for
// familie·type, bost·bidr for bostads·bidrag, seng·dage for senge·dage.
func (ix *abbrevIndex) contracts(p, w string, from, parts int) bool {
	first := minAbbrevPiece
	if from > 0 {
		first = 2
	}
	if len(p) < first || from+first > len(w) || p[:first] != w[from:from+first] {
		return false
	}
	for a := first; a <= len(p) && from+a <= len(w); a++ {
		if p[a-1] != w[from+a-1] {
			return false
		}
		if a == len(p) {
			return from > 0 // the rest of p starts this part
		}
		if parts == 1 || len(p)-a < 2 {
			continue
		}
		for k := from + a + 1; k+2 <= len(w); k++ {
			if ix.boundary(w, k) && ix.contracts(p[a:], w, k, parts-1) {
				return true
			}
		}
	}
	return false
}

// boundary reports whether two compound parts of w meet at k: the first
// part (without a linking element) or the second is a vocabulary,
// phrase or structural word of at least 3 and 4 letters.
func (ix *abbrevIndex) boundary(w string, k int) bool {
	for _, l := range linkers {
		if strings.HasPrefix(w[k:], l) && ix.isWord(w[k+len(l):]) {
			return false // barn·e·trygd: the part starts after the linking element
		}
	}
	if k >= minAbbrevPiece && ix.isWord(w[:k]) {
		return true
	}
	for _, l := range linkers {
		if j := k - len(l); j >= minAbbrevPiece && w[j:k] == l && ix.isWord(w[:j]) {
			return true
		}
	}
	return len(w)-k >= minPart && ix.isWord(w[k:])
}

// modifierOnly reports whether prefix p of w names only the first part of
// a compound, not its head, which carries the meaning: it ends where w's
// parts meet (brutto·indkomst, civil·stand), or ends in or before a
// linking element (aktivitets·ersättning, sjuke·hus, bostad·s·bidrag).
func (ix *abbrevIndex) modifierOnly(p, w string) bool {
	if len(p) >= minAbbrevPiece && len(p) < len(w) && ix.boundary(w, len(p)) {
		return true
	}
	if len(p) >= 5 && len(w) >= len(p)+4 {
		switch p[len(p)-1] {
		case 's', 'e':
			return true
		}
		if w[len(p)] == 's' {
			return true // the linking element follows (bostad·s·bidrag, wirtschaft·s·zweig)
		}
	}
	return false
}

// syllableCut reports whether prefix p of w cuts w where abbreviations
// conventionally end: after a consonant, before a vowel (inc·ome, civ·il,
// statsb·orger), inside a doubled consonant (kom·mune), or late in the
// word (erhver·v, stillingsp·rosent: minLateCut of it). An early cut
// between two different consonants ends a word of its own more often than
// it abbreviates one: water·pokken, hoved·pine, wind·pocken are the words
// water, hoved (head) and wind.
func syllableCut(p, w string) bool {
	if len(p) >= len(w) {
		return true
	}
	last, next := p[len(p)-1], w[len(p)]
	return isVowel(next) || next == last || isVowel(last) || float64(len(p)) >= minLateCut*float64(len(w))
}

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

// segment reads a code, or returns nil when it cannot be read confidently.
func (ix *abbrevIndex) segment(t string) []abbrevPiece {
	n := len(t)
	if n < minAbbrevPiece || n > maxAbbrevToken || !isLetters(t) || ix.isWord(t) {
		return nil // a word is no code (country, written out, is not coun·try)
	}
	const inf = 1 << 30
	type step struct {
		cost, prev int
		piece      abbrevPiece
	}
	best := make([]step, n+1)
	for i := range best {
		best[i].cost = inf
	}
	best[0].cost = 0
	for i := 0; i < n; i++ {
		if best[i].cost == inf {
			continue
		}
		for j := i + 1; j <= n; j++ {
			p := t[i:j]
			for _, kind := range []int{pieceWord, pieceKnown, piecePrefix, pieceContraction, pieceSkeleton} {
				cost, piece, ok := ix.price(p, kind, i == 0, j == n)
				if !ok {
					continue
				}
				if c := best[i].cost + cost; c < best[j].cost {
					best[j] = step{cost: c, prev: i, piece: piece}
				}
				break // the most trusted reading of this piece
			}
		}
	}
	if best[n].cost == inf {
		return nil
	}
	var pieces []abbrevPiece
	for e := n; e > 0; e = best[e].prev {
		pieces = append(pieces, best[e].piece)
	}
	for i, j := 0, len(pieces)-1; i < j; i, j = i+1, j-1 {
		pieces[i], pieces[j] = pieces[j], pieces[i]
	}
	if !confident(t, pieces) {
		return nil
	}
	return pieces
}

// price prices one piece of a kind; first and last say whether the piece
// starts and ends the token.
func (ix *abbrevIndex) price(p string, kind int, first, last bool) (int, abbrevPiece, bool) {
	piece := abbrevPiece{text: p, kind: kind}
	whole := first && last
	if kind == pieceKnown && len(p) < minAbbrevPiece && !first && !last {
		return 0, piece, false // a two-letter abbreviation starts or ends a code (yr·immig, civ·st)
	}
	if kind == pieceLetter {
		if len(p) != 1 || !last || whole {
			return 0, piece, false
		}
		return costLetter, piece, true
	}
	if kind == pieceWord && (whole || len(p) < minAbbrevPiece) {
		return 0, piece, false // a whole word was read (or not) by the matcher; i, on, af are no pieces
	}
	if kind == pieceWord && len(p) < minPart && ix.categoryOf[p] == "" {
		return 0, piece, false // and, one, per: short structural words only as conventional abbreviations
	}
	if (kind == piecePrefix || kind == pieceSkeleton) && whole && len(p) < minAbbrevAlone {
		return 0, piece, false
	}
	words, ok := ix.candidates(p, kind)
	if !ok || len(words) == 0 {
		return 0, piece, false
	}
	piece.word, piece.category = ix.resolve(words)
	if kind != pieceWord && kind != pieceKnown && piece.category == "" {
		return 0, piece, false // structural words are written out or conventionally abbreviated (rat is not rate)
	}
	if kind == piecePrefix && len(p) < minInnerPrefix && !first {
		return 0, piece, false // inside a code a prefix is long (per·indk is no reading, aktie·indkomst is)
	}
	if kind == piecePrefix {
		// A prefix must be a fair part of its word: occ for occupation is
		// a convention (abbreviations.yaml), not a guess.
		// (A 3-letter prefix is held by other rules: unanimous among all
		// its completions, starting a short code.) A long prefix read as
		// the whole token is specific enough at a lower share (staatsang).
		min := minPrefixShare
		if whole {
			min = minPrefixShareAlone
		}
		if len(p) >= 4 && float64(len(p)) < min*float64(len(piece.word)) && !(whole && len(p) >= minLongAlone) {
			return 0, piece, false
		}
		if ix.modifierOnly(p, piece.word) || !syllableCut(p, piece.word) {
			return 0, piece, false
		}
	}
	cost := costWord
	switch kind {
	case pieceKnown:
		cost = costKnown
	case piecePrefix:
		cost = costPrefix
		if len(p) < 4 {
			cost = costPrefix3
		}
	case pieceContraction:
		cost = costContract
	case pieceSkeleton:
		cost = costSkeleton
		if len(p) < 4 {
			cost = costSkeleton3
		}
	}
	return cost, piece, true
}

// confident reports whether a reading of token t may be used:
//
//   - not too many pieces, at least one that stands for a word with a
//     category, none that may stand for words of different categories;
//   - at most one weak piece (a 3-letter prefix or skeleton: resdel is not
//     res·del);
//   - a meaningless letter only beside strong pieces (PSTILL, but not
//     mar·k);
//   - a short word with a category (age, sex, løn) only among words written
//     out (passage is not pas·age, lonaar not løn·år);
//   - skeletons only in a code of at most maxSkeletonVowels vowels
//     (hlthhmp, trstprl), not in a word of some language the vocabulary
//     does not know.
func confident(t string, pieces []abbrevPiece) bool {
	if len(pieces) > maxAbbrevParts {
		return false
	}
	letters, content, weak, skeletons := 0, 0, 0, 0
	for _, p := range pieces {
		switch {
		case p.kind == pieceLetter:
			letters++
		case p.category == ambiguousCategory:
			return false
		case p.category != "":
			content++
		}
		if weakPiece(p) {
			weak++
		}
		if p.kind == pieceSkeleton {
			skeletons++
		}
	}
	if content == 0 || letters > 1 || (weak > 0 && len(t) > maxWeakCode) {
		return false
	}
	if weak > 1 && !(weak == skeletons && weak == 2) {
		return false // resdel is not res·del; but rlg·blg, a code without vowels, may be two skeletons
	}
	if p := pieces[0]; p.kind == piecePrefix && len(p.text) < 4 && len(pieces) > 1 {
		// civ·st, inc·wage, utd·niva: a 3-letter prefix is followed by a
		// word or a conventional abbreviation, not by another guess.
		if q := pieces[1]; q.kind != pieceWord && q.kind != pieceKnown {
			return false
		}
	}
	if p := pieces[0]; len(p.text) < minAbbrevPiece && len(pieces) > 1 {
		// yr·immig: a two-letter abbreviation starts a code only before a
		// word or a long prefix (not st·elte).
		q := pieces[1]
		if !(q.kind == pieceWord && len(q.text) >= minPart) && !(q.kind == piecePrefix && len(q.text) >= 5) {
			return false
		}
	}
	if letters == 1 {
		for _, p := range pieces {
			if p.kind == pieceSkeleton || p.kind == pieceContraction || weakPiece(p) {
				return false // mar·k, o·verig: a letter only beside words and long prefixes
			}
		}
	}
	if skeletons > 0 && vowels(t) > maxSkeletonVowels {
		return false
	}
	for i, p := range pieces {
		if p.kind != pieceWord || p.category == "" || len(p.text) >= minPart {
			continue
		}
		for j, q := range pieces {
			if j != i && !(q.kind == pieceKnown || (q.kind == pieceWord && len(q.text) >= minPart)) {
				return false
			}
		}
	}
	return true
}

// weakPiece reports whether a piece is a weak reading: a prefix or
// skeleton of 3 letters.
func weakPiece(p abbrevPiece) bool {
	return (p.kind == piecePrefix || p.kind == pieceSkeleton) && len(p.text) < 4
}

func vowels(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if isVowel(s[i]) {
			n++
		}
	}
	return n
}

func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// reading renders a code's reading for the explanation: "civ(il)·st(atus)".
func reading(pieces []abbrevPiece) string {
	parts := make([]string, 0, len(pieces))
	for _, p := range pieces {
		switch {
		case p.kind == pieceLetter || p.word == "":
			parts = append(parts, p.text)
		case p.kind == piecePrefix && strings.HasPrefix(p.word, p.text):
			parts = append(parts, p.text+"("+p.word[len(p.text):]+")")
		case p.text == p.word:
			parts = append(parts, p.text)
		default:
			parts = append(parts, p.text+"("+p.word+")")
		}
	}
	return strings.Join(parts, "·")
}
