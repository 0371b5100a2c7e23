package featuremap

import "strings"

// Suggest returns the closest candidate to s (Levenshtein/Damerau distance, small threshold),
// or "" — used for keys, roles, contexts, categories, outputs.
//
// Case is ignored. The distance counts insertions, deletions, substitutions
// and transpositions of adjacent characters (optimal string alignment); the
// threshold is a third of s's length (rounded), at least 1 and at most 3. Ties go to
// the candidate listed first.
func Suggest(s string, candidates []string) string {
	a := []rune(strings.ToLower(s))
	if len(a) == 0 {
		return ""
	}
	limit := min(max((len(a)+1)/3, 1), 3)
	best, bestDist := "", limit+1
	for _, c := range candidates {
		if d := distance(a, []rune(strings.ToLower(c))); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
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
