package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	"github.com/saglig/saglig/lint/classify"
)

func main() {
	f, _ := os.Open(os.Args[1])
	sc := bufio.NewScanner(f)
	tp, fp, fn := 0, 0, 0
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		p := strings.Split(line, "\t")
		want := p[1]
		if want == "-" {
			want = ""
		}
		r := classify.Classify(classify.Column{Name: p[0]})
		got := r.Category
		switch {
		case got == want && got != "":
			tp++
		case got != want:
			if got != "" {
				fp++
			}
			if want != "" {
				fn++
			}
			fmt.Printf("MISS %-30s want %-18s got %-18s %s\n", p[0], want, got, r.Explanation)
		}
	}
	fmt.Printf("tp %d fp %d fn %d precision %.3f recall %.3f\n", tp, fp, fn, float64(tp)/float64(tp+fp), float64(tp)/float64(tp+fn))
}
