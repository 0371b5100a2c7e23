package classify

import (
	"strings"

	"github.com/saglig/saglig/internal/i18n"
)

// codeReading is a name whose codes were read as abbreviated words: its
// tokens with each code replaced by the words it stands for.
type codeReading struct {
	tokens []string
	// code is, per token, the code it comes from (nil: a token of the name
	// as written), and piece which piece of the code the word stands for.
	code  []*code
	piece []abbrevPiece
}

// code is one code of a name: one token, or a run of tokens written
// camelCase (DispInk, SocBidr), and how it was read.
type code struct {
	text   string // the tokens as written, e.g. "disp ink"
	pieces []abbrevPiece
}

// roleWord reports whether a token names a role (a weight, key, number or
// time: hh_weight, hh_id): the column is then about that, and a two-letter
// code beside it is not read (shortCode).
func (v *vocabulary) roleWord(tokens []string) bool {
	r := v.roles
	for _, t := range tokens {
		if r.weight[t] || r.bareWeight[t] || r.id[t] || r.number[t] || r.time[t] {
			return true
		}
	}
	return false
}

// maxCodeNameWords: a name of more words is written out, and its unknown
// words are words of a language, not codes.
const maxCodeNameWords = 4

// readCodes reads the tokens no match covers as codes (abbrev.go), or
// returns nil when none can be read. A run of adjacent unread tokens is
// read as one code where it can be (Bost·Bidr is bostadsbidrag).
func (v *vocabulary) readCodes(tokens []string, covered []bool) *codeReading {
	ix := v.codeReader()
	readable := func(i int) bool {
		t := tokens[i]
		return !covered[i] && isLetters(t) && !v.neutral[t] && !v.subjects[t] && !v.measures[t] && !v.organisations[t]
	}
	words := 0
	for _, t := range tokens {
		if isLetters(t) {
			words++
		}
	}
	if words > maxCodeNameWords {
		return nil // a name of many words is written out, not coded
	}
	codes := make([]*code, len(tokens)) // the code starting at a token
	span := make([]int, len(tokens))
	found := false
	for i := 0; i < len(tokens); {
		if !readable(i) {
			i++
			continue
		}
		j := i + 1
		for j < len(tokens) && readable(j) {
			j++
		}
		// The longest run of tokens from i that reads as one code (Bost
		// Bidr, before HB), else the token alone; when none does, the run
		// is read again from its next token (responsible·NHS·Scottish·Govt:
		// govt is a code though responsible is none).
		next := i + 1
		for end := j; end > i; end-- {
			ps := ix.segment(strings.Join(tokens[i:end], ""), end-i == 1)
			if ps == nil {
				ps = ix.phraseCode(strings.Join(tokens[i:end], ""))
			}
			if ps == nil && end-i == 1 && words > 1 && !v.roleWord(tokens) {
				ps = ix.shortCode(tokens[i])
			}
			if ps != nil {
				codes[i], span[i], found = &code{text: strings.Join(tokens[i:end], " "), pieces: headed(ps)}, end-i, true
				next = end
				break
			}
		}
		i = next
	}
	if !found {
		return nil
	}
	r := &codeReading{}
	for i := 0; i < len(tokens); {
		c := codes[i]
		if c == nil {
			r.tokens = append(r.tokens, tokens[i])
			r.code = append(r.code, nil)
			r.piece = append(r.piece, abbrevPiece{})
			i++
			continue
		}
		for _, p := range c.pieces {
			if p.kind == pieceLetter && p.word == "" {
				continue // letters without meaning; a parent's mark reads as the parent (qualify.go)
			}
			w := p.word
			if p.dropped {
				w = droppedWord // a word, but none the vocabulary knows (deel·name is no name)
			}
			r.tokens = append(r.tokens, w)
			r.code = append(r.code, c)
			r.piece = append(r.piece, p)
		}
		i += span[i]
	}
	return r
}

// annotate marks a match on the read tokens pos..pos+span that a code
// took part in: it shows the code as written with its reading, and is
// weakened by the least trusted piece it rests on. It reports false when
// the match must be dropped: a word that only occurs in phrases matched
// alone.
func (r *codeReading) annotate(m *NameMatch, pos, span int) bool {
	factor := 1.0
	var shown, readings []string
	var last *code
	for k := pos; k < pos+span; k++ {
		c := r.code[k]
		if c == nil {
			shown = append(shown, r.tokens[k])
			continue
		}
		if f := abbrevFactor(r.piece[k].kind, len(r.piece[k].text)); f < factor {
			factor = f
		}
		if span == 1 && r.piece[k].category == phraseWord {
			return false // a phrase's word read alone (post, for posts) says nothing
		}
		if c != last {
			last = c
			shown = append(shown, c.text)
			readings = append(readings, reading(c.pieces))
		}
	}
	if readings == nil {
		return true
	}
	m.Token = strings.Join(shown, " ")
	m.Reading = strings.Join(readings, " ")
	m.Strength = round2(m.Strength * factor)
	return true
}

// describeReading is the explanation's note on a code's reading.
func describeReading(reading string) i18n.Msg {
	return i18n.M("read as %s", reading)
}

// droppedWord stands for a piece headed drops: a word no entry matches and
// that is not structural.
const droppedWord = "\x00"

// headed keeps, of a code's pieces with different categories, the words of
// the last one's category: codes are compounds of abbreviations, and their
// head comes last (ald·pens is a pension, not an age; yr·immig a year of
// immigration). Pieces of other categories stay in the reading but stand
// for no word.
func headed(pieces []abbrevPiece) []abbrevPiece {
	head := ""
	for _, p := range pieces {
		if realCategory(p.category) && p.kind != pieceLetter {
			head = p.category
		}
	}
	out := make([]abbrevPiece, len(pieces))
	for i, p := range pieces {
		if realCategory(p.category) && p.category != head {
			p.dropped = true
		}
		out[i] = p
	}
	return out
}

// realCategory reports whether a piece's category is a contract category
// (not structural, a phrase word or ambiguous).
func realCategory(c string) bool {
	return c != "" && c != phraseWord && c != ambiguousCategory
}
