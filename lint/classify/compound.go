package classify

type compoundMatch struct {
	e      *entry
	part   string
	factor float64
	// others are the compound's other parts.
	others []string
}

// linkers are the linking elements allowed between the parts of a compound:
// Danish, Norwegian and Swedish -s- and -e- (husstandsindkomst,
// boligstøtte), German -s-, -es-, -en-, -n-, -er- and -e- (Verkehrsverstoß,
// Kinderanzahl), Dutch -s-, -e- and -en- (verslavingsproblematiek,
// kostendeler). Each costs its length in split, so fewer are preferred.
var linkers = []string{"s", "e", "en", "er", "es", "n"}

// compound splits a token that is not itself a known word into known words,
// with an optional linking element (linkers) between parts; when the token
// cannot be split as written, its stems are tried (husstandsindkomsten). Compounds are
// right-headed (husstandsindkomst is an income), so it returns the candidate
// entries part by part from the last to the first; the caller takes the
// first part that yields a match. When no full split exists, a long
// vocabulary word at the end of the token still counts as the head
// (bruttoindkomst).
func (v *vocabulary) compound(t string) [][]compoundMatch {
	if len(t) < 2*minShortPart || len(t) > maxCompound || v.lexicon[t] {
		return nil
	}
	if groups := v.compoundAsWritten(t); groups != nil {
		return groups
	}
	tried := map[string]bool{t: true}
	for _, lang := range compoundLanguages {
		st := stem(lang, t)
		if tried[st] || len(st) < 2*minShortPart || v.lexicon[st] {
			continue
		}
		tried[st] = true
		if groups := v.compoundAsWritten(st); groups != nil {
			return groups
		}
	}
	return nil
}

// compoundLanguages are the languages whose stems a compound is split
// from: the vocabulary's six, not Finnish, whose entries are identifier
// terms only and whose stemmer cuts words of the other languages into
// false compounds (generation → generatio → gene·ratio).
var compoundLanguages = []string{"da", "no", "sv", "de", "nl", "en"}

func (v *vocabulary) compoundAsWritten(t string) [][]compoundMatch {
	if parts := v.split(t); len(parts) > 1 {
		var groups [][]compoundMatch
		for k := len(parts) - 1; k >= 0; k-- {
			es := v.byToken[parts[k]]
			if len(es) == 0 {
				continue
			}
			if len(parts[k]) < minPart && !v.partnersSolid(parts, k) {
				continue
			}
			others := make([]string, 0, len(parts)-1)
			others = append(others, parts[:k]...)
			others = append(others, parts[k+1:]...)
			group := make([]compoundMatch, 0, len(es))
			for _, e := range es {
				group = append(group, compoundMatch{e: e, part: parts[k], factor: compoundFactor, others: others})
			}
			groups = append(groups, group)
		}
		return groups
	}
	// Head-only: the longest vocabulary word that ends the token.
	for start := max(3, len(t)-v.maxWord); start <= len(t)-minHead; start++ {
		head := t[start:]
		if es, ok := v.byToken[head]; ok {
			group := make([]compoundMatch, 0, len(es))
			for _, e := range es {
				group = append(group, compoundMatch{e: e, part: head, factor: headFactor, others: []string{t[:start]}})
			}
			return [][]compoundMatch{group}
		}
	}
	return nil
}

// partnersSolid reports whether every part other than parts[k] is a lexicon
// word of at least minPart letters (so a short head like "kon" or "age" only
// counts inside a compound such as agegroup, never in kontor or passage).
func (v *vocabulary) partnersSolid(parts []string, k int) bool {
	for i, p := range parts {
		if i != k && len(p) < minPart {
			return false
		}
	}
	return true
}

// split segments t into lexicon words (each at least minShortPart letters, a
// linking element allowed after any part but the last), preferring the
// fewest parts, then the fewest linking letters. It returns nil when t
// cannot be covered.
func (v *vocabulary) split(t string) []string {
	n := len(t)
	const inf = 1 << 30
	best := make([]int, n+1)
	prev := make([]int, n+1)
	word := make([]int, n+1) // end of the word proper (before a linking letter)
	for i := range best {
		best[i] = inf
	}
	best[0] = 0
	for i := 0; i < n; i++ {
		if best[i] == inf {
			continue
		}
		maxEnd := i + v.maxWord
		if maxEnd > n {
			maxEnd = n
		}
		for j := i + minShortPart; j <= maxEnd; j++ {
			if !v.lexicon[t[i:j]] {
				continue
			}
			ends := []int{j}
			for _, l := range linkers {
				if j+len(l) < n && t[j:j+len(l)] == l {
					ends = append(ends, j+len(l))
				}
			}
			for _, e := range ends {
				// Cost: 10 per part, 1 per linking letter (kommune+navn
				// beats kommun+e+navn).
				cost := best[i] + 10 + (e - j)
				if cost < best[e] {
					best[e] = cost
					prev[e] = i
					word[e] = j
				}
			}
		}
	}
	if best[n] == inf {
		return nil
	}
	var parts []string
	for e := n; e > 0; e = prev[e] {
		parts = append(parts, t[prev[e]:word[e]])
	}
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	return parts
}

func anyUsed(b []bool) bool {
	for _, x := range b {
		if x {
			return true
		}
	}
	return false
}

func equalTokens(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func round2(f float64) float64 {
	return float64(int(f*100+0.5)) / 100
}
