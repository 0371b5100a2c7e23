// Package diag helps say what is wrong in a file a user wrote: the closest
// valid word to a misspelt one (Suggest, for "did you mean"), where a
// YAML syntax error is (YAML), and a message folded onto one line
// (OneLine). The map loader, the policy loader and the rules use it, so
// that every "did you mean" and every YAML error position is computed the
// same way; the readers of files and objects and the engine fold every
// error they report with OneLine.
package diag

import "strings"

// Suggest returns the candidate closest to s, or "" when none is close.
//
// Case is ignored, and so is the choice of separator: "-", "_", "." and a
// space count as the same character, so "hours-per-week" suggests
// "hours_per_week". The distance counts insertions, deletions,
// substitutions and transpositions of adjacent characters (optimal string
// alignment); the threshold is a third of s's length (rounded), at least 1
// and at most 3. Ties go to the candidate listed first.
func Suggest(s string, candidates []string) string {
	a := normalise(s)
	if len(a) == 0 {
		return ""
	}
	limit := min(max((len(a)+1)/3, 1), 3)
	best, bestDist := "", limit+1
	for _, c := range candidates {
		if d := distance(a, normalise(c)); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// normalise lowers s and writes every separator as "_", in runes.
func normalise(s string) []rune {
	r := []rune(strings.ToLower(s))
	for i, c := range r {
		switch c {
		case '-', '.', ' ':
			r[i] = '_'
		}
	}
	return r
}

// distance is the optimal string alignment distance between a and b.
func distance(a, b []rune) int {
	// Three rolling rows: two back (for transpositions), previous, current.
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
