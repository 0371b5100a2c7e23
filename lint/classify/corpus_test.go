package classify

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite golden files and the generated value corpus in testdata/")

// The value corpus: columns with opaque names (c1, c2, ...) whose values
// alone must reveal the category. Each file in testdata/values/ starts with
// "# category: X" ("-" for none), "# type: T" and a "# note:" line, followed
// by one value per line (an empty line is a null). The files are generated
// by genValueCorpus (run `go test -run TestValueCorpusFiles -update`); every
// value is synthetic: CPR-like values use serial numbers 00NN, e-mails use
// example.* domains, phone numbers are random.

type corpusColumn struct {
	name, category, typ, note string
	values                    []string
}

// genValueCorpus builds the corpus deterministically.
func genValueCorpus() []corpusColumn {
	r := rand.New(rand.NewPCG(2026, 5))
	pick := func(list ...string) string { return list[r.IntN(len(list))] }
	n := 200
	gen := func(f func(i int) string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = f(i)
		}
		return out
	}
	birth := func() time.Time {
		return time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(55*365))
	}
	cpr := func(i int) string {
		return birth().Format("020106") + "-" + fmt.Sprintf("00%02d", i%100)
	}
	phone := func() string { return strconv.Itoa(20000000 + r.IntN(80000000)) }
	postcodes := []string{"1050", "1620", "2100", "2200", "2300", "2450", "2500", "2620", "2750", "3000", "4000", "4700", "5000", "5700", "6000", "6700", "7100", "7400", "8000", "8200", "8600", "8700", "9000", "9800"}
	municipalities := []string{"101", "147", "151", "157", "167", "173", "230", "265", "370", "461", "561", "621", "630", "657", "730", "740", "751", "791", "851", "860"}
	municipNames := []string{"København", "Aarhus", "Odense", "Aalborg", "Esbjerg", "Randers", "Kolding", "Horsens", "Vejle", "Roskilde", "Herning", "Silkeborg", "Næstved", "Høje-Taastrup", "Frederiksberg"}
	first := []string{"Anne", "Mette", "Kirsten", "Hanne", "Peter", "Jens", "Lars", "Søren", "Mads", "Freja", "Emil", "Ida", "Noah", "Sofie", "Mohammed", "Fatima"}
	last := []string{"Hansen", "Jensen", "Nielsen", "Pedersen", "Andersen", "Larsen", "Sørensen", "Rasmussen", "Ali", "Yilmaz", "Nowak", "Østergaard"}
	alpha2 := []string{"DK", "DK", "DK", "DK", "SE", "NO", "DE", "PL", "TR", "SY", "IQ", "SO", "RO", "UA", "LT", "GB", "US", "PK", "AF", "IR"}
	alpha3 := []string{"DNK", "DNK", "DNK", "SWE", "NOR", "DEU", "POL", "TUR", "SYR", "IRQ", "SOM", "ROU", "UKR", "GBR", "PAK"}
	countriesDA := []string{"Danmark", "Danmark", "Danmark", "Sverige", "Norge", "Tyskland", "Polen", "Tyrkiet", "Syrien", "Irak", "Somalia", "Rumænien", "Ukraine", "Storbritannien", "Pakistan", "Afghanistan"}
	adjectives := []string{"dansk", "dansk", "dansk", "polsk", "tyrkisk", "syrisk", "svensk", "tysk", "somalisk", "rumænsk", "ukrainsk", "irakisk"}
	origins := []string{"Personer af dansk oprindelse", "Personer af dansk oprindelse", "Indvandrere fra vestlige lande", "Indvandrere fra ikke-vestlige lande", "Efterkommere fra vestlige lande", "Efterkommere fra ikke-vestlige lande"}
	originsEN := []string{"Danish origin", "Immigrant, western", "Immigrant, non-western", "Descendant, western", "Descendant, non-western"}
	languages := []string{"da", "da", "da", "en", "ar", "so", "tr", "pl", "ur", "fa", "de", "ro", "uk"}
	cvr := func() string {
		for {
			d := strconv.Itoa(10000000 + r.IntN(89999999))
			if cvrValid(d) {
				return d
			}
		}
	}
	withNulls := func(v []string, every int) []string {
		for i := range v {
			if i%every == 0 {
				v[i] = ""
			}
		}
		return v
	}
	return []corpusColumn{
		{"c1", "sex", "string", "Danish gender words", gen(func(int) string { return pick("mand", "kvinde") })},
		{"c2", "sex", "string", "English gender words, capitalised", gen(func(int) string { return pick("Male", "Female") })},
		{"c3", "sex", "string", "gender codes K/M (need name support: an expected miss)", gen(func(int) string { return pick("K", "M") })},
		{"c4", "sex", "string", "boys and girls with a few 'andet'", gen(func(i int) string {
			if i%40 == 0 {
				return "andet"
			}
			return pick("dreng", "pige")
		})},
		{"c5", "sex", "string", "Norwegian gender words", gen(func(int) string { return pick("kvinne", "mann") })},
		{"c6", "sex", "string", "German gender words", gen(func(int) string { return pick("weiblich", "männlich") })},
		{"c7", "identifier", "string", "synthetic CPR-like numbers DDMMYY-00NN", gen(cpr)},
		{"c8", "identifier", "string", "synthetic CPR-like numbers, ten digits", gen(func(i int) string { return strings.ReplaceAll(cpr(i), "-", "") })},
		{"c9", "identifier", "int64", "synthetic CPR-like numbers stored as integers", gen(func(i int) string {
			v, _ := strconv.ParseInt(strings.ReplaceAll(cpr(i), "-", ""), 10, 64)
			return strconv.FormatInt(v, 10)
		})},
		{"c10", "contact", "string", "synthetic e-mail addresses", gen(func(i int) string {
			return fmt.Sprintf("%s.%d@example.%s", strings.ToLower(pick("anne", "bo", "lars", "mette")), i, pick("dk", "com"))
		})},
		{"c11", "contact", "string", "synthetic phone numbers +45 NN NN NN NN", gen(func(int) string {
			p := phone()
			return "+45 " + p[0:2] + " " + p[2:4] + " " + p[4:6] + " " + p[6:8]
		})},
		{"c12", "contact", "string", "synthetic bare 8-digit phone numbers", gen(func(int) string { return phone() })},
		{"c13", "nationality", "string", "ISO 3166 alpha-2 country codes", gen(func(int) string { return pick(alpha2...) })},
		{"c14", "nationality", "string", "Danish country names", gen(func(int) string { return pick(countriesDA...) })},
		{"c15", "nationality", "string", "ISO 3166 alpha-3 country codes", gen(func(int) string { return pick(alpha3...) })},
		{"c16", "ethnicity", "string", "Danmarks Statistik origin groups", gen(func(int) string { return pick(origins...) })},
		{"c17", "residential-area", "string", "Danish postcodes as text", gen(func(int) string { return pick(postcodes...) })},
		{"c18", "residential-area", "int64", "Danish postcodes as integers, with nulls", withNulls(gen(func(int) string { return pick(postcodes...) }), 9)},
		{"c19", "residential-area", "int32", "municipality codes", gen(func(int) string { return pick(municipalities...) })},
		{"c20", "residential-area", "string", "municipality names", gen(func(int) string { return pick(municipNames...) })},
		{"c21", "age", "date32", "birth dates 1950-2004", gen(func(int) string { return birth().Format("2006-01-02") })},
		{"c22", "age", "string", "birth dates DD-MM-YYYY", gen(func(int) string { return birth().Format("02-01-2006") })},
		{"c23", "age", "int64", "ages 18-67", gen(func(int) string { return strconv.Itoa(18 + r.IntN(50)) })},
		{"c24", "age", "int64", "birth years 1950-2004", gen(func(int) string { return strconv.Itoa(birth().Year()) })},
		{"c25", "identifier", "string", "full names from common Danish first names and surnames", gen(func(int) string { return pick(first...) + " " + pick(last...) })},
		{"c26", "identifier", "string", "first names only", gen(func(int) string { return pick(first...) })},
		{"c27", "contact", "string", "e-mail addresses with nulls and upper case", withNulls(gen(func(i int) string {
			return fmt.Sprintf("Borger%d@Example.DK", i)
		}), 7)},
		{"c28", "sex", "string", "English gender words with Other and Unknown", gen(func(i int) string {
			if i%25 == 0 {
				return pick("Other", "Unknown")
			}
			return pick("male", "female")
		})},
		{"c29", "-", "string", "yes/no in Danish", gen(func(int) string { return pick("ja", "nej") })},
		{"c30", "-", "int64", "0/1 flags", gen(func(int) string { return pick("0", "1") })},
		{"c31", "-", "string", "true/false", gen(func(int) string { return pick("true", "false") })},
		{"c32", "-", "int64", "scores 0-100", gen(func(int) string { return strconv.Itoa(r.IntN(101)) })},
		{"c33", "-", "date32", "event dates 2019-2024", gen(func(int) string {
			return time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(6*365)).Format("2006-01-02")
		})},
		{"c34", "-", "int64", "observation years 2010-2023", gen(func(int) string { return strconv.Itoa(2010 + r.IntN(14)) })},
		{"c35", "-", "double", "amounts in DKK", gen(func(int) string { return strconv.FormatFloat(float64(r.IntN(5000000))/100, 'f', 2, 64) })},
		{"c36", "-", "int64", "random 4-digit numbers", gen(func(int) string { return strconv.Itoa(1000 + r.IntN(9000)) })},
		{"c37", "-", "int64", "random 10-digit numbers", gen(func(int) string { return strconv.FormatInt(1000000000+r.Int64N(8999999999), 10) })},
		{"c38", "-", "int64", "dates as YYYYMMDD integers 2018-2024", gen(func(int) string {
			return time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(7*365)).Format("20060102")
		})},
		{"c39", "-", "string", "CVR-like company numbers (modulus 11)", gen(func(int) string { return cvr() })},
		{"c40", "-", "string", "case status words", gen(func(int) string { return pick("aktiv", "passiv", "afsluttet", "afventer") })},
		{"c41", "-", "int64", "weekly working hours 20-40", gen(func(int) string { return strconv.Itoa(20 + r.IntN(21)) })},
		{"c42", "-", "string", "product codes", gen(func(int) string { return fmt.Sprintf("%c%02d", 'A'+rune(r.IntN(6)), r.IntN(100)) })},
		{"c43", "language", "string", "ISO 639-1 language codes (no language detector: an expected miss)", gen(func(int) string { return pick(languages...) })},
		{"c44", "sex", "int64", "gender codes 1/2 (need name support: an expected miss)", gen(func(int) string { return pick("1", "2") })},
		{"c45", "contact", "string", "synthetic phone numbers with 0045", gen(func(int) string { return "0045" + phone() })},
		{"c46", "nationality", "string", "Danish nationality adjectives", gen(func(int) string { return pick(adjectives...) })},
		{"c47", "age", "double", "ages 16-90 as floating point", gen(func(int) string { return strconv.Itoa(16+r.IntN(75)) + ".0" })},
		{"c48", "identifier", "string", "names written surname first", gen(func(int) string { return pick(last...) + ", " + pick(first...) })},
		{"c49", "ethnicity", "string", "English origin groups", gen(func(int) string { return pick(originsEN...) })},
		{"c50", "-", "string", "job titles", gen(func(int) string {
			return pick("Lagerarbejder", "Sygeplejerske", "Chauffør", "Pædagog", "Tømrer", "Kontorassistent", "Butiksassistent")
		})},
	}
}

// TestValueCorpusFiles checks that testdata/values/ holds exactly what
// genValueCorpus generates (rewrite with -update).
func TestValueCorpusFiles(t *testing.T) {
	dir := filepath.Join("testdata", "values")
	cols := genValueCorpus()
	if *update {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, c := range cols {
			var b strings.Builder
			fmt.Fprintf(&b, "# category: %s\n# type: %s\n# note: %s\n", c.category, c.typ, c.note)
			for _, v := range c.values {
				b.WriteString(v + "\n")
			}
			if err := os.WriteFile(filepath.Join(dir, c.name+".txt"), []byte(b.String()), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	files, err := loadValueCorpus(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(cols) {
		t.Fatalf("testdata/values holds %d columns, generator makes %d (run with -update)", len(files), len(cols))
	}
	for i, c := range cols {
		f := files[i]
		if f.name != c.name || f.category != c.category || f.typ != c.typ || strings.Join(f.values, "\n") != strings.Join(c.values, "\n") {
			t.Errorf("%s differs from the generator (run with -update)", c.name)
		}
	}
}

// loadValueCorpus reads testdata/values/*.txt, ordered c1, c2, ...
func loadValueCorpus(dir string) ([]corpusColumn, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "c*.txt"))
	if err != nil {
		return nil, err
	}
	var out []corpusColumn
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		c := corpusColumn{name: strings.TrimSuffix(filepath.Base(p), ".txt")}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			line := sc.Text()
			if k, v, ok := strings.Cut(line, ": "); ok && strings.HasPrefix(k, "# ") {
				switch strings.TrimPrefix(k, "# ") {
				case "category":
					c.category = v
				case "type":
					c.typ = v
				case "note":
					c.note = v
				}
				continue
			}
			c.values = append(c.values, line)
		}
		f.Close()
		if err := sc.Err(); err != nil {
			return nil, err
		}
		if c.category == "" || c.typ == "" {
			return nil, fmt.Errorf("%s: missing # category or # type header", p)
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return corpusIndex(out[i].name) < corpusIndex(out[j].name) })
	return out, nil
}

func corpusIndex(name string) int {
	n, _ := strconv.Atoi(strings.TrimPrefix(name, "c"))
	return n
}
