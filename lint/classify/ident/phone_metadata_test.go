package ident

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp/syntax"
	"strconv"
	"strings"
	"testing"
)

// The phone numbers of these tests are synthetic: random strings of each
// territory's own patterns in libphonenumber's metadata, and near misses of
// them.

// phoneCandidate is a value to read and what it was made from.
type phoneCandidate struct {
	value string
	cc    int    // the calling code it was written with; 0 for a national form
	nsn   string // the national significant number it was made of
}

// phoneCandidates makes, for one territory, values from random strings of
// its general and type patterns: in international form (+CC, 00CC), with a
// digit too few, a digit too many and the first digit changed, and for the
// regions of PhoneRegions in national forms.
func phoneCandidates(t *phoneTerritory) []phoneCandidate {
	r := rand.New(rand.NewPCG(uint64(t.code), uint64(len(t.region))<<8|uint64(t.region[0])))
	descs := append([]phoneDesc{t.general}, t.types...)
	if !t.numbers {
		descs = descs[1:]
	}
	cc := strconv.Itoa(t.code)
	var out []phoneCandidate
	for _, d := range descs {
		re, err := syntax.Parse(d.pattern, syntax.Perl)
		if err != nil {
			panic(err)
		}
		re = re.Simplify()
		for range 3 {
			var b strings.Builder
			sampleRegexp(re, r, &b)
			s := b.String()
			if len(s) < 2 {
				continue
			}
			flipped := string('0'+(s[0]-'0'+1)%10) + s[1:]
			out = append(out,
				phoneCandidate{"+" + cc + " " + s, t.code, s},
				phoneCandidate{"00" + cc + s, t.code, s},
				phoneCandidate{"+" + cc + " " + s[:len(s)-1], t.code, s[:len(s)-1]},
				phoneCandidate{"+" + cc + "-" + s + strconv.Itoa(r.IntN(10)), t.code, ""},
				phoneCandidate{"+" + cc + " " + flipped, t.code, flipped},
			)
			if !isPhoneRegion(t.region) {
				continue
			}
			switch t.region {
			case "DK", "NO":
				out = append(out, phoneCandidate{s, 0, s}, phoneCandidate{groupDigits(s), 0, s})
			case "US":
				if len(s) == 10 {
					out = append(out, phoneCandidate{"(" + s[:3] + ") " + s[3:6] + "-" + s[6:], 0, s},
						phoneCandidate{"1-" + s[:3] + "-" + s[3:6] + "-" + s[6:], 0, s}, phoneCandidate{s, 0, s})
				}
			default:
				out = append(out, phoneCandidate{"0" + s, 0, s}, phoneCandidate{"0" + groupDigits(s), 0, s})
			}
		}
	}
	return out
}

func isPhoneRegion(region string) bool {
	for _, p := range PhoneRegions {
		if p == region {
			return true
		}
	}
	return false
}

// groupDigits writes digits in groups of three: 123 456 78.
func groupDigits(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i += 3 {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s[i:min(i+3, len(s))])
	}
	return b.String()
}

// sampleRegexp writes a random string that re matches (the metadata's
// patterns are digits, classes, alternations and bounded repetitions).
func sampleRegexp(re *syntax.Regexp, r *rand.Rand, b *strings.Builder) {
	switch re.Op {
	case syntax.OpLiteral:
		b.WriteString(string(re.Rune))
	case syntax.OpCharClass:
		n := 0
		for i := 0; i < len(re.Rune); i += 2 {
			n += int(re.Rune[i+1]-re.Rune[i]) + 1
		}
		k := r.IntN(n)
		for i := 0; i < len(re.Rune); i += 2 {
			w := int(re.Rune[i+1]-re.Rune[i]) + 1
			if k < w {
				b.WriteRune(re.Rune[i] + rune(k))
				return
			}
			k -= w
		}
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		b.WriteByte(byte('0' + r.IntN(10)))
	case syntax.OpCapture:
		sampleRegexp(re.Sub[0], r, b)
	case syntax.OpConcat:
		for _, s := range re.Sub {
			sampleRegexp(s, r, b)
		}
	case syntax.OpAlternate:
		sampleRegexp(re.Sub[r.IntN(len(re.Sub))], r, b)
	case syntax.OpQuest, syntax.OpStar, syntax.OpPlus, syntax.OpRepeat:
		lo, hi := 0, 1
		switch re.Op {
		case syntax.OpStar:
			hi = 2
		case syntax.OpPlus:
			lo, hi = 1, 3
		case syntax.OpRepeat:
			lo, hi = re.Min, re.Max
			if hi < 0 {
				hi = lo + 2
			}
		}
		for range lo + r.IntN(hi-lo+1) {
			sampleRegexp(re.Sub[0], r, b)
		}
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText:
	default:
		panic(fmt.Sprintf("pattern op %v", re.Op))
	}
}

// phoneVerdicts reads each candidate with ParsePhone: '.' not a phone
// number, 'i' valid in international form, '0'–'7' a valid national number
// of PhoneRegions[i]. It fails when a valid number's calling code or
// national number is not the one it was made of (a national number: its
// digits, or all but a trunk prefix).
func phoneVerdicts(t *testing.T, cands []phoneCandidate) string {
	var b strings.Builder
	for _, c := range cands {
		cc, nsn, intl, ok := ParsePhone(c.value)
		switch {
		case !ok:
			b.WriteByte('.')
		case intl:
			if cc != c.cc || (c.nsn != "" && nsn != c.nsn) {
				t.Errorf("%q: read as +%d %s", c.value, cc, nsn)
			}
			b.WriteByte('i')
		default:
			i := 0
			for i < len(PhoneRegions) && phoneCodeForRegion(PhoneRegions[i]) != cc {
				i++
			}
			d := digitsOf(c.value)
			if c.cc != 0 || i == len(PhoneRegions) || (nsn != d && nsn != d[1:]) {
				t.Errorf("%q: read as national +%d %s", c.value, cc, nsn)
			}
			b.WriteByte(byte('0' + i))
		}
	}
	return b.String()
}

// TestPhoneGolden holds ParsePhone's verdicts on numbers made from every
// territory's patterns to testdata/phone_golden.txt, which was written by the
// implementation on github.com/nyaruka/phonenumbers (libphonenumber 9.0.31's
// metadata) before saglig read the metadata itself. After the metadata is
// regenerated, -update rewrites it; review the diff.
func TestPhoneGolden(t *testing.T) {
	var b strings.Builder
	b.WriteString("# ParsePhone's verdicts on numbers made from each territory's patterns (phone_metadata_test.go):\n")
	b.WriteString("# region, calling code, one character per number: '.' not a phone number, 'i' valid in\n")
	b.WriteString("# international form, '0'-'7' a valid national number of PhoneRegions[i].\n")
	m := phoneMeta()
	seen := map[*phoneTerritory]bool{}
	var order []*phoneTerritory
	for _, line := range strings.Split(phoneMetadataTSV, "\n") {
		f := strings.Split(line, "\t")
		if len(f) < 2 || strings.HasPrefix(line, "#") || f[0] == "region" {
			continue
		}
		code, _ := strconv.Atoi(f[1])
		for _, tr := range m.byCode[code] {
			if tr.region == f[0] && !seen[tr] {
				seen[tr] = true
				order = append(order, tr)
			}
		}
	}
	if len(order) < 240 {
		t.Fatalf("%d territories", len(order))
	}
	for _, tr := range order {
		fmt.Fprintf(&b, "%s %d %s\n", tr.region, tr.code, phoneVerdicts(t, phoneCandidates(tr)))
	}
	path := filepath.Join("testdata", "phone_golden.txt")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	got := b.String()
	if got == string(want) {
		return
	}
	wl := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(string(want)))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		k, _, _ := strings.Cut(sc.Text(), " ")
		wl[k+sc.Text()[len(k):strings.LastIndexByte(sc.Text(), ' ')]] = sc.Text()
	}
	for _, line := range strings.Split(strings.TrimSuffix(got, "\n"), "\n") {
		key := line[:max(0, strings.LastIndexByte(line, ' '))]
		if w := wl[key]; w != line {
			t.Errorf("got  %s\nwant %s", line, w)
		}
	}
}

// BenchmarkLoadPhoneMetadata measures what the first phone-shaped value
// costs: reading the metadata and compiling one territory's expressions.
func BenchmarkLoadPhoneMetadata(b *testing.B) {
	for b.Loop() {
		m := readPhoneMetadata("data/phone_metadata.tsv", phoneMetadataTSV)
		m.byRegion["DK"].compile()
	}
}

// BenchmarkParsePhone reads the numbers TestPhoneGolden makes for the
// calling codes from 1 up, about 5,000, half of them valid.
func BenchmarkParsePhone(b *testing.B) {
	var values []string
	for cc := 1; cc < 1000 && len(values) < 5000; cc++ {
		for _, t := range phoneMeta().byCode[cc] {
			for _, c := range phoneCandidates(t) {
				values = append(values, c.value)
			}
		}
	}
	for _, v := range values {
		ParsePhone(v) // compile the territories first
	}
	b.ResetTimer()
	for b.Loop() {
		for _, v := range values {
			ParsePhone(v)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(values)), "ns/value")
}

// TestPhoneMetadataConcurrent validates numbers of the same territories
// from several goroutines on metadata just read, so that each territory's
// first use (its expressions compiled once) is raced (go test -race).
func TestPhoneMetadataConcurrent(t *testing.T) {
	nsns := map[string]string{"DK": "32123456", "GB": "7400123456", "US": "2015550123", "SE": "701234567", "FI": "412345678"}
	m := readPhoneMetadata("data/phone_metadata.tsv", phoneMetadataTSV)
	done := make(chan string)
	for range 8 {
		go func() {
			bad := ""
			for region, nsn := range nsns {
				if m.byRegion[region].valid(nsn) != validPhoneForRegion(nsn, region) {
					bad = region
				}
			}
			done <- bad
		}()
	}
	for range 8 {
		if bad := <-done; bad != "" {
			t.Errorf("%s: a goroutine read a number otherwise", bad)
		}
	}
}
