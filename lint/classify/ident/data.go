package ident

import (
	"bufio"
	"strings"
)

// readTSV reads an embedded data file: '#' lines are comments, the first
// other line is the header, and every row must have as many fields as the
// header. A malformed file is a build mistake, so it panics.
func readTSV(name, text string) [][]string {
	var rows [][]string
	width := 0
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if width == 0 {
			width = len(f)
			continue
		}
		if len(f) != width {
			panic("ident: " + name + ": bad line " + line)
		}
		rows = append(rows, f)
	}
	return rows
}
