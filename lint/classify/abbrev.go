package classify

import "strings"

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
//   - one or two letters that carry no meaning at the start, when the
//     code's first two letters are consonants that begin no word of the six
//     languages (pg·isco, n·child: whose the variable is, or that it
//     counts);
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
	maxLeadLetters    = 2 // letters without meaning a code may start with (pg·isco)
	maxContractParts  = 3 // parts of one word a contraction may take pieces of
	// A prefix covers at least this share of the word it stands for; as
	// the whole token, at least minPrefixShareAlone.
	minPrefixShare      = 0.4
	minPrefixShareAlone = 0.5
	minLongAlone        = 8   // a whole-token prefix this long needs only minPrefixShare
	minInnerPrefix      = 5   // shortest prefix piece that does not start the code
	minHeadPrefix       = 4   // shortest prefix ending a code after a modifier (aktie·indk)
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
	// part: the piece is the modifier of a vocabulary compound, no word of
	// the vocabulary itself (rente of renteindtagt: abbrev_heads.go).
	part bool
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
