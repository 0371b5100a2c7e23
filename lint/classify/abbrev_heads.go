package classify

// Compound heads in codes (abbrev.go). Register codes join a modifier and
// an abbreviated head, as compounds join words: AKTIEINDK is aktie·indk(omst),
// RENTEINDK rente·indk(omst). A piece that follows another piece of the
// code stands for the head of a compound, and the vocabulary says which
// words head compounds: indkomst heads lønindkomst, personindkomst and
// bruttoindkomst, indkøb heads none. So a piece after a modifier whose
// completions name different categories (indk: indkomst or indkøb) is read
// as the completions that head words of the vocabulary, when those agree.

// minHeadModifier is the shortest part before a head for the head to count
// (løn·indkomst; not a stray letter or two).
const minHeadModifier = 3

// compoundHeads returns the words with a category that end a longer word
// of the vocabulary after at least minHeadModifier letters, and the
// modifiers before them of at least minInnerPrefix letters, without a
// linking element (rente of rente·indtagt, erhverv of erhverv·s·indkomst).
func compoundHeads(cat map[string]string) (heads, parts map[string]bool) {
	heads, parts = map[string]bool{}, map[string]bool{}
	for w := range cat {
		for k := minHeadModifier; len(w)-k >= minPart; k++ {
			if c, ok := cat[w[k:]]; !ok || !realCategory(c) {
				continue
			}
			heads[w[k:]] = true
			m := w[:k]
			for _, l := range linkers {
				if len(m)-len(l) >= minInnerPrefix && m[len(m)-len(l):] == l {
					if _, known := cat[m[:len(m)-len(l)]]; !known {
						parts[m[:len(m)-len(l)]] = true
					}
				}
			}
			if _, known := cat[m]; !known && len(m) >= minInnerPrefix {
				parts[m] = true
			}
		}
	}
	return heads, parts
}

// headWords keeps the candidates that head compounds of the vocabulary,
// or returns nil when none does.
func (ix *abbrevIndex) headWords(words []string) []string {
	var out []string
	for _, w := range words {
		if ix.heads[w] {
			out = append(out, w)
		}
	}
	return out
}
