package dataset

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/source"
)

// Expand turns PATH arguments into dataset paths: a file → itself; a
// directory → itself (read recursively as one dataset); a glob (contains
// * ? [) → each match, sorted, each a dataset. An argument matching nothing
// is an error naming it.
//
// A path that exists is taken literally even if it contains glob
// characters. A glob does not match hidden names (starting with "." or
// "_") with its wildcards unless the pattern element itself starts with one
// of them; "**" is not recursive (it matches like "*"). A path given twice
// is kept once. An object-storage URL (s3://, gs://, azblob://) is
// expanded the same way over the bucket's keys, with * and [..] as
// wildcards ("?" starts the URL's query).
func Expand(args []string) ([]string, error) {
	var (
		out  []string
		seen = map[string]bool{}
	)
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, a := range args {
		if a == "" {
			return nil, &Error{Err: i18n.Errorf("empty path argument")}
		}
		if source.IsRemote(a) {
			ms, err := expandRemote(a)
			if err != nil {
				return nil, err
			}
			for _, m := range ms {
				add(m)
			}
			continue
		}
		_, err := os.Stat(a)
		if err == nil {
			add(a)
			continue
		}
		if !errors.Is(err, fs.ErrNotExist) || !strings.ContainsAny(a, "*?[") {
			return nil, fsError(a, err)
		}
		matches, err := filepath.Glob(a)
		if err != nil {
			return nil, pathError(a, i18n.Errorf("bad glob pattern"))
		}
		matches = visible(a, matches)
		if len(matches) == 0 {
			return nil, &Error{Path: a, Err: i18n.Because(fs.ErrNotExist, "no such file (the pattern matches nothing)")}
		}
		sort.Strings(matches)
		for _, m := range matches {
			add(m)
		}
	}
	return out, nil
}

// visible drops the glob matches in which a wildcard element of pattern
// matched a hidden name.
func visible(pattern string, matches []string) []string {
	pe := strings.Split(filepath.ToSlash(filepath.Clean(pattern)), "/")
	out := matches[:0]
next:
	for _, m := range matches {
		me := strings.Split(filepath.ToSlash(m), "/")
		if len(me) == len(pe) {
			for i, e := range me {
				p := pe[i]
				if strings.ContainsAny(p, "*?[") && hidden(e) && !strings.HasPrefix(p, ".") && !strings.HasPrefix(p, "_") {
					continue next
				}
			}
		}
		out = append(out, m)
	}
	return out
}
