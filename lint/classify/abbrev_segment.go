package classify

// Segmenting a code into pieces and judging whether its reading is
// confident (abbrev.go).

// segment reads a code, or returns nil when it cannot be read confidently.
// solid says the code is one token as written: only then may it start with
// letters without meaning (db_connections is two words, pgisco one code).
func (ix *abbrevIndex) segment(t string, solid bool) []abbrevPiece {
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
			if solid && ix.letters(t, i, j) {
				if c := best[i].cost + costLetter; c < best[j].cost {
					best[j] = step{cost: c, prev: i, piece: abbrevPiece{text: p, kind: pieceLetter, word: ix.parentMarks[p]}}
				}
			}
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
	if kind == pieceKnown && ix.parentMarks[p] != "" {
		return 0, piece, false // a parent's mark only starts a code (letters): handika·pa is no father
	}
	if kind == pieceKnown && len(p) < minAbbrevPiece && !first && !last {
		return 0, piece, false // a two-letter abbreviation starts or ends a code (yr·immig, civ·st)
	}
	if kind == pieceWord && (whole || len(p) < minAbbrevPiece) {
		return 0, piece, false // a whole word was read (or not) by the matcher; i, on, af are no pieces
	}
	if kind == pieceWord && len(p) < minPart && ix.categoryOf[p] == "" {
		return 0, piece, false // and, one, per: short structural words only as conventional abbreviations
	}
	if (kind == piecePrefix || kind == pieceSkeleton) && whole && len(p) < minAbbrevAlone &&
		!(kind == pieceSkeleton && len(p) == minAbbrevAlone-1 && !isVowel(p[0])) {
		return 0, piece, false // but a skeleton of four consonants is a code (hlth)
	}
	if kind == pieceWord && ix.parts[p] && !ix.isWord(p) {
		// A compound's modifier is read only before a head: it starts a
		// code of two pieces (rente·indk; confident).
		if !first || last {
			return 0, piece, false
		}
		piece.part = true
	}
	words, ok := ix.candidates(p, kind)
	if !ok || len(words) == 0 {
		return 0, piece, false
	}
	piece.word, piece.category = ix.resolve(words)
	if kind == piecePrefix && !first && (piece.category == ambiguousCategory || len(p) < minInnerPrefix) {
		// After a modifier a piece stands for a compound's head (aktie·indk
		// is indkomst, not indkøb: abbrev_heads.go); a short one only for a
		// head (hoved·slag is no slaganfall).
		hw := ix.headWords(words)
		if hw == nil && len(p) < minInnerPrefix {
			return 0, piece, false
		}
		if hw != nil {
			piece.word, piece.category = ix.resolve(hw)
		}
	}
	if kind != pieceWord && kind != pieceKnown && piece.category == "" {
		return 0, piece, false // structural words are written out or conventionally abbreviated (rat is not rate)
	}
	if kind == piecePrefix && len(p) < minInnerPrefix && !first && !(last && len(p) >= minHeadPrefix) {
		return 0, piece, false // inside a code a prefix is long (per·indk is no reading); a head ending it may be shorter (confident)
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

// shortCode reads a token of two letters that is a conventional
// abbreviation of a word with a category (hh for household), beside other
// words of the name (hh_size, hgtyp1hh); alone, two letters say too
// little, and abbreviations of structural words (nr, yr) are read with
// the words they go with.
func (ix *abbrevIndex) shortCode(t string) []abbrevPiece {
	if len(t) != minAbbrevPiece-1 {
		return nil
	}
	ws, ok := ix.known[t]
	if !ok {
		return nil
	}
	p := abbrevPiece{text: t, kind: pieceKnown}
	p.word, p.category = ix.resolve(ws)
	if !realCategory(p.category) {
		return nil
	}
	return []abbrevPiece{p}
}

// letters reports whether t[i:j] may be letters without meaning: one or
// two consonants starting the code when its first two letters are
// consonants that begin no word of the six languages (pg·isco, hg·nuts,
// n·child: whose the variable is, or that it counts; the onsets of
// abbreviations.yaml), and more of the code follows. (A letter ending a
// code is not read: generation is no gene·ratio·n.)
func (ix *abbrevIndex) letters(t string, i, j int) bool {
	if i != 0 || j > maxLeadLetters || len(t) < j+minAbbrevPiece {
		return false
	}
	if ix.parentMarks[t[:j]] != "" {
		return true // f·isco, m·isco: the father's, the mother's (abbreviations.yaml)
	}
	return !isVowel(t[0]) && !isVowel(t[1]) && !ix.onsets[t[:2]]
}

// confident reports whether a reading of token t may be used:
//
//   - not too many pieces, at least one that stands for a word with a
//     category, none that may stand for words of different categories;
//   - at most one weak piece (a 3-letter prefix or skeleton: resdel is not
//     res·del);
//   - letters without meaning only before words and conventional
//     abbreviations (pg·isco, kd·educ, but not hg·reval);
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
			if p.kind != pieceLetter && p.kind != pieceWord && p.kind != pieceKnown {
				return false // hg·reval is no revalidering: leading letters only before words written out or conventionally abbreviated
			}
		}
	}
	if pieces[0].part && (len(pieces) != 2 || !realCategory(pieces[1].category)) {
		return false // a compound's modifier before one head (rente·indk; not parkerings·geb·yr)
	}
	for i, p := range pieces {
		if i > 0 && p.kind == piecePrefix && len(p.text) < minInnerPrefix {
			// A short prefix inside a code is a head ending it after a
			// modifier written out, of at least 5 letters (rente·indk,
			// formue·indk), not after a short piece (per·indk) or another
			// guess (grønnsa·pens).
			if q := pieces[i-1]; len(q.text) < minInnerPrefix || q.kind != pieceWord {
				return false
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
