package main

import (
	"fmt"
	"strings"
	"testing"
)

func TestPlanOutputs(t *testing.T) {
	tests := []struct {
		formats   []string
		o, base   string
		want, err string // want: "format>path ..." with "-" for stdout
	}{
		{nil, "", "", "text>-", ""},
		{nil, "-", "", "text>-", ""},
		{[]string{"json"}, "", "", "json>-", ""},
		{[]string{"json"}, "-", "", "json>-", ""},
		{nil, "r.html", "", "html>r.html", ""},
		{nil, "R.HTM", "", "html>R.HTM", ""},
		{nil, "r.sarif", "", "sarif>r.sarif", ""},
		{nil, "r.sarif.json", "", "sarif>r.sarif.json", ""},
		{nil, "r.json", "", "json>r.json", ""},
		{nil, "r.xml", "", "junit>r.xml", ""},
		{nil, "r.md", "", "markdown>r.md", ""},
		{nil, "r.markdown", "", "markdown>r.markdown", ""},
		{nil, "r.txt", "", "text>r.txt", ""},
		{nil, "report", "", "text>report", ""},
		{nil, "dir.d/report", "", "text>dir.d/report", ""},
		{[]string{"sarif"}, "r.json", "", "sarif>r.json", ""},
		{[]string{"github"}, "r.txt", "", "github>r.txt", ""},
		{[]string{"json"}, "report", "", "json>report", ""},
		{[]string{"sarif:a.sarif", "junit:b.xml"}, "", "", "sarif>a.sarif junit>b.xml", ""},
		{[]string{"sarif:a.sarif", "github"}, "", "", "sarif>a.sarif github>-", ""},
		{[]string{"sarif:a.sarif", "markdown"}, "s.md", "", "sarif>a.sarif markdown>s.md", ""},
		{[]string{"sarif:a.sarif"}, "r.html", "", "sarif>a.sarif html>r.html", ""},
		{[]string{`sarif:C:\out\a.sarif`}, "", "", `sarif>C:\out\a.sarif`, ""},
		{nil, "json", "", "", "-o json: names a format, not a file"},
		{[]string{"json"}, "r.html", "", "", "-o r.html with --format json: a .html file holds html, not json"},
		{[]string{"text"}, "r.json", "", "", "a .json file holds json, not text"},
		{[]string{"html"}, "r.txt", "", "", "a .txt file holds text, not html"},
		{[]string{"sarif:a.xml"}, "", "", "", "--format sarif:a.xml: a .xml file holds junit, not sarif (give it a .sarif name)"},
		{[]string{"text", "json"}, "", "", "", "only one report can go to stdout or -o"},
		{[]string{"pdf"}, "", "", "", `unknown format "pdf"`},
		{[]string{""}, "", "", "", `unknown format ""`},
		{[]string{"json:"}, "", "", "", "no file after the colon"},
		{[]string{"json:-"}, "", "", "", "no file after the colon"},
		{[]string{"json:a.json", "sarif:./a.json"}, "", "", "", "a.json is written by --format json:a.json already"},
		{nil, "b.json", "b.json", "", "-o b.json: b.json is written by --write-baseline b.json already"},
	}
	for _, tt := range tests {
		name := fmt.Sprintf("%q -o %q", tt.formats, tt.o)
		outs, err := planOutputs(tt.formats, tt.o, tt.base)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s: error %v, want one containing %q", name, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		var got []string
		for _, o := range outs {
			p := o.path
			if p == "" {
				p = "-"
			}
			got = append(got, o.format+">"+p)
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("%s = %s, want %s", name, g, tt.want)
		}
	}
}
