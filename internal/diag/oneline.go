package diag

import "strings"

// OneLine folds a message that spans lines (a library's error, a server's
// reply) onto one line, its whitespace runs made single spaces: every
// error saglig prints is one line. A message of one line is kept as it is.
func OneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}
