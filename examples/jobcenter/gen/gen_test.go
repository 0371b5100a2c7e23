package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"
	"github.com/saglig/saglig/examples/jobcenter/citizens"
	"github.com/saglig/saglig/featuremap"
)

var update = flag.Bool("update", false, "rewrite the committed example data with the generator's output")

// examplesDir is the examples directory, seen from this package.
const examplesDir = "../.."

var (
	rawColumns = []string{
		"borger_cpr", "observation_dato", "uddannelsesniveau", "erhvervserfaring_aar",
		"antal_ledighedsforloeb", "ydelsestype", "alder", "koen", "antal_adresseskift_5aar",
		"postnr", "herkomst", "sygedage_12m", "bibliotek_forsinkede_afleveringer", "i_job_6m",
	}
	fixedColumns = []string{
		"borger_pid", "observation_dato", "uddannelsesniveau", "erhvervserfaring_aar",
		"antal_ledighedsforloeb", "ydelsestype", "alder", "koen", "herkomst", "sygedage_12m",
		"i_job_6m",
	}
)

func TestCommittedFilesAreGeneratorOutput(t *testing.T) {
	if *update {
		if err := generate(examplesDir); err != nil {
			t.Fatal(err)
		}
	}
	tmp := t.TempDir()
	if err := generate(tmp); err != nil {
		t.Fatal(err)
	}
	for _, rel := range []string{rawPath, fixedPath} {
		got, err := os.ReadFile(filepath.Join(tmp, rel))
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join(examplesDir, rel))
		if err != nil {
			t.Fatalf("%v (run go run ./examples/jobcenter/gen from the repository root)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("examples/%s is not the generator's output; run go run ./examples/jobcenter/gen (or go test ./examples/jobcenter/gen -update)", rel)
		}
		if len(got) >= 1<<20 {
			t.Errorf("examples/%s is %d bytes; keep it under 1 MB", rel, len(got))
		}
	}
}

func TestFileLayout(t *testing.T) {
	tests := []struct {
		path    string
		columns []string
	}{
		{rawPath, rawColumns},
		{fixedPath, fixedColumns},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			f := openParquet(t, filepath.Join(examplesDir, tt.path))
			var names []string
			for _, field := range f.Schema().Fields() {
				names = append(names, field.Name())
			}
			if !slices.Equal(names, tt.columns) {
				t.Errorf("columns = %v, want %v", names, tt.columns)
			}
			if n := f.NumRows(); n < 5400 || n > 6600 {
				t.Errorf("%d rows, want about 6,000", n)
			}
			md := f.Metadata()
			t.Logf("%d rows in %d row groups", f.NumRows(), len(md.RowGroups))
			if n := len(md.RowGroups); n < 2 || n > 3 {
				t.Errorf("%d row groups, want 2 or 3", n)
			}
			for _, rg := range md.RowGroups {
				for _, cc := range rg.Columns {
					if cc.MetaData.Codec != format.Zstd {
						t.Errorf("column %v is compressed with %v, want ZSTD", cc.MetaData.PathInSchema, cc.MetaData.Codec)
					}
				}
			}
			if v, ok := f.Lookup(metaKey); !ok || v != metaValue {
				t.Errorf("metadata %s = %q, %v; want %q", metaKey, v, ok, metaValue)
			}
		})
	}
}

var cprPattern = regexp.MustCompile(`^(\d{6})-(\d)9(\d)(\d)$`)

func TestCPRNumbersAreValidAndSynthetic(t *testing.T) {
	rows := readRaw(t)
	bySubject := map[string]rawRow{}
	for _, r := range rows {
		m := cprPattern.FindStringSubmatch(r.BorgerCPR)
		if m == nil {
			t.Fatalf("row %v: CPR-like value is not DDMMYY-x9xx", maskCPR(r.BorgerCPR))
		}
		century := 1900
		if m[2] == "4" {
			century = 2000
		} else if m[2] != "0" {
			t.Fatalf("%s: century digit %s, want 0 or 4", maskCPR(r.BorgerCPR), m[2])
		}
		d, err := time.Parse("020106", m[1])
		if err != nil {
			t.Fatalf("%s: not a date: %v", maskCPR(r.BorgerCPR), err)
		}
		birth := time.Date(century+d.Year()%100, d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
		if got := wholeYears(birth, date(r.ObservationDato)); got != int(r.Alder) {
			t.Errorf("%s on %s: birth date gives age %d, alder is %d", maskCPR(r.BorgerCPR), date(r.ObservationDato).Format(time.DateOnly), got, r.Alder)
		}
		odd := (m[4][0]-'0')%2 == 1
		if odd != (r.Koen == "mand") {
			t.Errorf("%s: last digit parity does not match koen %q", maskCPR(r.BorgerCPR), r.Koen)
		}
		if first, ok := bySubject[r.BorgerCPR]; ok && (first.Koen != r.Koen || first.Herkomst != r.Herkomst) {
			t.Errorf("%s: koen or herkomst changes between observations", maskCPR(r.BorgerCPR))
		}
		bySubject[r.BorgerCPR] = r
	}
	if len(bySubject) != nCitizens {
		t.Errorf("%d distinct citizens, want %d", len(bySubject), nCitizens)
	}
}

func TestCPRNumber(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	serials := map[string]int{}
	tests := []struct {
		birth time.Time
		male  bool
		want  string
	}{
		{day(1990, time.March, 5), true, "050390-0901"},
		{day(1990, time.March, 5), true, "050390-0903"},
		{day(1990, time.March, 5), false, "050390-0900"},
		{day(2003, time.December, 31), false, "311203-4900"},
	}
	for _, tt := range tests {
		got, err := cprNumber(tt.birth, tt.male, serials)
		if err != nil || got != tt.want {
			t.Errorf("cprNumber(%s, male=%v) = %q, %v; want %q", tt.birth.Format(time.DateOnly), tt.male, got, err, tt.want)
		}
	}
	full := map[string]int{}
	for i := range 51 {
		_, err := cprNumber(day(1980, time.May, 1), true, full)
		if (err != nil) != (i == 50) {
			t.Fatalf("citizen %d of one date and sex: err = %v", i+1, err)
		}
	}
}

func TestPanel(t *testing.T) {
	rows := readRaw(t)
	dates := map[string][]time.Time{}
	var order []string
	nullEduc := 0
	benefits := map[string]bool{}
	for b := range citizens.NumBenefits {
		benefits[b.String()] = true
	}
	for _, r := range rows {
		if _, ok := dates[r.BorgerCPR]; !ok {
			order = append(order, r.BorgerCPR)
		}
		dates[r.BorgerCPR] = append(dates[r.BorgerCPR], date(r.ObservationDato))
		if r.Alder < 18 || r.Alder > 66 {
			t.Errorf("alder %d outside 18–66", r.Alder)
		}
		if !benefits[r.Ydelsestype] {
			t.Errorf("unknown ydelsestype %q", r.Ydelsestype)
		}
		if r.Uddannelsesniveau == nil {
			nullEduc++
		} else if *r.Uddannelsesniveau < 0 || *r.Uddannelsesniveau > 8 {
			t.Errorf("uddannelsesniveau %d outside ISCED 0–8", *r.Uddannelsesniveau)
		}
	}
	if nullEduc == 0 || nullEduc > len(rows)/10 {
		t.Errorf("%d rows without uddannelsesniveau, want a few", nullEduc)
	}
	minSpan, maxSpan := math.MaxInt, 0
	counts := map[int]int{}
	for _, id := range order {
		ds := dates[id]
		counts[len(ds)]++
		if len(ds) > nQuarters {
			t.Errorf("%s: %d observations, want at most %d", maskCPR(id), len(ds), nQuarters)
		}
		for i := 1; i < len(ds); i++ {
			if gap := ds[i].Sub(ds[i-1]).Hours() / 24; gap < 89 || gap > 92 {
				t.Errorf("%s: %v days between observations, want a quarter", maskCPR(id), gap)
			}
		}
		span := int(ds[len(ds)-1].Sub(ds[0]).Hours() / 24)
		minSpan, maxSpan = min(minSpan, span), max(maxSpan, span)
	}
	if minSpan != 0 || maxSpan < 900 {
		t.Errorf("observation spans %d–%d days, want 0 to about 3 years", minSpan, maxSpan)
	}
	if counts[1] == 0 || counts[nQuarters] == 0 {
		t.Errorf("observations per citizen %v: want both 1 and %d", counts, nQuarters)
	}
}

func TestAssociations(t *testing.T) {
	raw := readRaw(t)
	fixed := readFixed(t)
	// Sex and origin are properties of a person, so their link to the
	// postcode is measured once per citizen, on the first observation.
	var postnr, herkomst, koen []string
	seen := map[string]bool{}
	for _, r := range raw {
		if !seen[r.BorgerCPR] {
			seen[r.BorgerCPR] = true
			postnr = append(postnr, itoa(r.Postnr))
			herkomst = append(herkomst, r.Herkomst)
			koen = append(koen, r.Koen)
		}
	}
	type pair struct {
		name   string
		x, y   []string
		lo, hi float64
	}
	tests := []pair{
		{"postnr is a proxy for herkomst", postnr, herkomst, 0.55, 1},
		{"koen is independent of postnr", koen, postnr, 0, 0.1},
	}

	// The fixed data set's inputs must not be proxies for its protected
	// columns; saglig measures them row by row, and so does this.
	fcol := func(f func(r fixedRow) string) []string {
		out := make([]string, len(fixed))
		for i, r := range fixed {
			out[i] = f(r)
		}
		return out
	}
	protected := map[string][]string{
		"herkomst": fcol(func(r fixedRow) string { return r.Herkomst }),
		"koen":     fcol(func(r fixedRow) string { return r.Koen }),
	}
	inputs := map[string][]string{
		"uddannelsesniveau": fcol(func(r fixedRow) string {
			if r.Uddannelsesniveau == nil {
				return "null"
			}
			return itoa(*r.Uddannelsesniveau)
		}),
		"erhvervserfaring_aar":   fcol(func(r fixedRow) string { return itoa(int32(min(r.ErhvervserfaringAar, 30) / 3)) }),
		"antal_ledighedsforloeb": fcol(func(r fixedRow) string { return itoa(min(r.AntalLedighedsforloeb, 8)) }),
		"ydelsestype":            fcol(func(r fixedRow) string { return r.Ydelsestype }),
		"alder":                  fcol(func(r fixedRow) string { return itoa(r.Alder / 5) }),
		"sygedage_12m":           fcol(func(r fixedRow) string { return itoa(int32(math.Log2(float64(r.Sygedage12m) + 1))) }),
	}
	for in, x := range inputs {
		for p, y := range protected {
			tests = append(tests, pair{"fixed " + in + " vs " + p, x, y, 0, 0.2})
		}
	}
	for _, tt := range tests {
		v := cramersV(tt.x, tt.y)
		t.Logf("%s: V = %.3f", tt.name, v)
		if v < tt.lo || v > tt.hi {
			t.Errorf("%s: bias-corrected Cramér's V = %.3f, want %.2f–%.2f", tt.name, v, tt.lo, tt.hi)
		}
	}

	men := 0
	for _, k := range koen {
		if k == "mand" {
			men++
		}
	}
	if share := float64(men) / float64(len(koen)); share < 0.45 || share > 0.55 {
		t.Errorf("share of men %.2f, want about half", share)
	}
	distinct := map[int32]bool{}
	for _, r := range raw {
		distinct[r.Postnr] = true
	}
	if n := len(distinct); n < 55 || n > 65 {
		t.Errorf("%d distinct postcodes, want about 60", n)
	}
}

func TestTarget(t *testing.T) {
	raw := readRaw(t)
	type group struct{ n, pos int }
	rate := func(keep func(r rawRow) bool) float64 {
		var g group
		for _, r := range raw {
			if keep(r) {
				g.n++
				if r.IJob6m {
					g.pos++
				}
			}
		}
		if g.n < 100 {
			t.Fatalf("group of %d rows is too small to compare", g.n)
		}
		return float64(g.pos) / float64(g.n)
	}
	educ := func(r rawRow) int32 {
		if r.Uddannelsesniveau == nil {
			return -1
		}
		return *r.Uddannelsesniveau
	}
	all := rate(func(rawRow) bool { return true })
	if all < 0.25 || all > 0.5 {
		t.Errorf("i_job_6m rate %.2f, want 0.25–0.5", all)
	}
	highEduc := rate(func(r rawRow) bool { return educ(r) >= 6 })
	lowEduc := rate(func(r rawRow) bool { return educ(r) >= 0 && educ(r) <= 2 })
	longExp := rate(func(r rawRow) bool { return r.ErhvervserfaringAar >= 10 })
	shortExp := rate(func(r rawRow) bool { return r.ErhvervserfaringAar < 2 })
	fewMoves := rate(func(r rawRow) bool { return r.AntalAdresseskift5aar <= 1 })
	manyMoves := rate(func(r rawRow) bool { return r.AntalAdresseskift5aar >= 3 })
	t.Logf("rate %.2f; education high %.2f low %.2f; experience long %.2f short %.2f; moves few %.2f many %.2f",
		all, highEduc, lowEduc, longExp, shortExp, fewMoves, manyMoves)
	if highEduc-lowEduc < 0.15 {
		t.Errorf("education barely drives the target: %.2f vs %.2f", highEduc, lowEduc)
	}
	if longExp-shortExp < 0.1 {
		t.Errorf("experience barely drives the target: %.2f vs %.2f", longExp, shortExp)
	}
	if d := fewMoves - manyMoves; d <= 0 || d >= highEduc-lowEduc {
		t.Errorf("address changes should matter a little (%.2f vs %.2f), less than education", fewMoves, manyMoves)
	}
}

func TestPseudonyms(t *testing.T) {
	raw, fixed := readRaw(t), readFixed(t)
	if len(raw) != len(fixed) {
		t.Fatalf("%d raw rows, %d fixed rows", len(raw), len(fixed))
	}
	hexID := regexp.MustCompile(`^[0-9a-f]{16}$`)
	pidOf, cprOf := map[string]string{}, map[string]string{}
	for i := range raw {
		r, f := raw[i], fixed[i]
		if r.ObservationDato != f.ObservationDato || r.Alder != f.Alder || r.IJob6m != f.IJob6m || r.Herkomst != f.Herkomst {
			t.Fatalf("row %d: the fixed file is not the same observations", i)
		}
		if !hexID.MatchString(f.BorgerPID) {
			t.Fatalf("row %d: borger_pid %q is not 16 hex digits", i, f.BorgerPID)
		}
		unkeyed := sha256.Sum256([]byte(r.BorgerCPR))
		if f.BorgerPID == hex.EncodeToString(unkeyed[:8]) {
			t.Fatalf("row %d: borger_pid is an unkeyed hash of the CPR number", i)
		}
		if p, ok := pidOf[r.BorgerCPR]; ok && p != f.BorgerPID {
			t.Fatalf("row %d: one citizen has two pseudonyms", i)
		}
		if c, ok := cprOf[f.BorgerPID]; ok && c != r.BorgerCPR {
			t.Fatalf("row %d: two citizens share a pseudonym", i)
		}
		pidOf[r.BorgerCPR], cprOf[f.BorgerPID] = f.BorgerPID, r.BorgerCPR
	}
}

// mapFile is the example's map as the linter reads it, its features by key.
type mapFile struct {
	*featuremap.Map
	Features map[string]*featuremap.Feature
}

func readMap(t *testing.T, example string) *mapFile {
	t.Helper()
	m, err := featuremap.Load(filepath.Join(examplesDir, example, "saglig.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	out := &mapFile{Map: m, Features: map[string]*featuremap.Feature{}}
	for _, f := range m.Features {
		out.Features[f.Key] = f
	}
	return out
}

func TestMapsDeclareEveryColumn(t *testing.T) {
	tests := []struct {
		example string
		columns []string
	}{
		{"jobcenter", rawColumns},
		{"jobcenter-fixed", fixedColumns},
	}
	for _, tt := range tests {
		t.Run(tt.example, func(t *testing.T) {
			m := readMap(t, tt.example)
			if m.Version != 1 || m.Purpose.Name != "early-support" || !slices.Equal(m.Datasets, []string{"data/*.parquet"}) {
				t.Errorf("version %d, purpose %q, datasets %v", m.Version, m.Purpose.Name, m.Datasets)
			}
			var keys []string
			for k := range m.Features {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			want := slices.Sorted(slices.Values(tt.columns))
			if !slices.Equal(keys, want) {
				t.Errorf("features %v, want the columns %v", keys, want)
			}
		})
	}
}

// TestCarelessMapHasTheDefectsTheREADMEDescribes keeps the careless map and
// examples/README.md in step.
func TestCarelessMapHasTheDefectsTheREADMEDescribes(t *testing.T) {
	m := readMap(t, "jobcenter")
	f := m.Features
	tests := []struct {
		name   string
		defect bool
	}{
		{"purpose has no transparency (SAG012)", m.Purpose.Transparency.IsZero()},
		{"purpose is otherwise documented", !m.Purpose.Description.IsZero() && !m.Purpose.LegalBasis.IsZero() && !m.Purpose.HumanReview.IsZero() && m.Purpose.Automated != nil && !*m.Purpose.Automated},
		{"antal_adresseskift_5aar has no source (SAG002)", f["antal_adresseskift_5aar"].Source.IsZero()},
		{"sygedage_12m is health without source or lawful basis (SAG002, SAG103)", f["sygedage_12m"].Category == "health" && f["sygedage_12m"].Source.IsZero() && f["sygedage_12m"].LawfulBasis.IsZero()},
		{"postnr is civil-registration without relevance (SAG101)", f["postnr"].Context == "civil-registration" && f["postnr"].Relevance.IsZero()},
		{"bibliotek is leisure without relevance (SAG101)", f["bibliotek_forsinkede_afleveringer"].Context == "leisure" && f["bibliotek_forsinkede_afleveringer"].Relevance.IsZero()},
		{"koen and alder are inputs without relevance (SAG102)", cmpOr(string(f["koen"].Role), "input") == "input" && f["koen"].Relevance.IsZero() && cmpOr(string(f["alder"].Role), "input") == "input" && f["alder"].Relevance.IsZero()},
		{"herkomst is protected (SAG104 measures postnr against it)", f["herkomst"].Role == "protected"},
		{"borger_cpr is the id (SAG301 finds CPR numbers in it)", f["borger_cpr"].Role == "id" && !f["borger_cpr"].Source.IsZero()},
		{"observation_dato is the timestamp (SAG201 measures the period)", f["observation_dato"].Role == "timestamp"},
	}
	reuse := false
	for _, feat := range f {
		reuse = reuse || !feat.ReusedFrom.IsZero() && feat.ReuseAssessment.IsZero()
	}
	tests = append(tests, struct {
		name   string
		defect bool
	}{"a column is reused without assessment (SAG013)", reuse})
	for _, tt := range tests {
		if !tt.defect {
			t.Errorf("careless map: want %s", tt.name)
		}
	}
}

// TestFixedMapIsDocumented checks what the documentation rules ask of the
// fixed map, so that it lints without errors.
func TestFixedMapIsDocumented(t *testing.T) {
	m := readMap(t, "jobcenter-fixed")
	p := m.Purpose
	for field, v := range map[string]string{
		"controller": p.Controller, "sector": p.Sector, "context": p.Context, "output": string(p.Output),
	} {
		if v == "" {
			t.Errorf("purpose.%s is missing", field)
		}
	}
	for field, v := range map[string]featuremap.Text{
		"description": p.Description, "human_review": p.HumanReview, "transparency": p.Transparency, "legal_basis": p.LegalBasis,
	} {
		if v.Missing() {
			t.Errorf("purpose.%s is missing", field)
		}
	}
	if p.Automated == nil || *p.Automated {
		t.Errorf("purpose.automated must be false")
	}
	for key, f := range m.Features {
		role := cmpOr(string(f.Role), "input")
		if f.Source.IsZero() || f.Context == "" || f.Relevance.IsZero() || f.Description.IsZero() {
			t.Errorf("%s: want description, source, context and relevance", key)
		}
		if !f.ReusedFrom.IsZero() && f.ReuseAssessment.IsZero() {
			t.Errorf("%s: reused without reuse_assessment", key)
		}
		if f.Category == "health" || f.Category == "ethnicity" {
			if f.LawfulBasis.IsZero() {
				t.Errorf("%s: special category without lawful_basis", key)
			}
		}
		if (key == "koen" || key == "herkomst") && role != "protected" {
			t.Errorf("%s: role %s, want protected", key, role)
		}
	}
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// cramersV is the bias-corrected Cramér's V (Bergsma 2013) of two
// categorical columns.
func cramersV(x, y []string) float64 {
	n := float64(len(x))
	xs, ys := map[string]float64{}, map[string]float64{}
	joint := map[[2]string]float64{}
	for i := range x {
		xs[x[i]]++
		ys[y[i]]++
		joint[[2]string{x[i], y[i]}]++
	}
	chi2 := 0.0
	for a, na := range xs {
		for b, nb := range ys {
			e := na * nb / n
			d := joint[[2]string{a, b}] - e
			chi2 += d * d / e
		}
	}
	r, k := float64(len(xs)), float64(len(ys))
	phi2 := math.Max(0, chi2/n-(k-1)*(r-1)/(n-1))
	rc := r - (r-1)*(r-1)/(n-1)
	kc := k - (k-1)*(k-1)/(n-1)
	d := math.Min(kc-1, rc-1)
	if d <= 0 {
		return 0
	}
	return math.Sqrt(phi2 / d)
}

func TestCramersV(t *testing.T) {
	tests := []struct {
		name   string
		x, y   []string
		lo, hi float64
	}{
		{"identical", []string{"a", "b", "a", "b", "a", "b"}, []string{"a", "b", "a", "b", "a", "b"}, 0.99, 1},
		{"independent", []string{"a", "a", "b", "b", "a", "a", "b", "b"}, []string{"x", "y", "x", "y", "y", "x", "y", "x"}, 0, 0.01},
		{"one level", []string{"a", "a", "a"}, []string{"x", "y", "x"}, 0, 0},
	}
	for _, tt := range tests {
		if v := cramersV(tt.x, tt.y); v < tt.lo || v > tt.hi {
			t.Errorf("%s: V = %v, want %v–%v", tt.name, v, tt.lo, tt.hi)
		}
	}
}

func openParquet(t *testing.T, path string) *parquet.File {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { fh.Close() })
	st, err := fh.Stat()
	if err != nil {
		t.Fatal(err)
	}
	f, err := parquet.OpenFile(fh, st.Size())
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return f
}

func readRaw(t *testing.T) []rawRow {
	t.Helper()
	rows, err := parquet.ReadFile[rawRow](filepath.Join(examplesDir, rawPath))
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func readFixed(t *testing.T) []fixedRow {
	t.Helper()
	rows, err := parquet.ReadFile[fixedRow](filepath.Join(examplesDir, fixedPath))
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// wholeYears is the age in whole years on day t of someone born on birth.
func wholeYears(birth, t time.Time) int {
	y := t.Year() - birth.Year()
	if t.Month() < birth.Month() || t.Month() == birth.Month() && t.Day() < birth.Day() {
		y--
	}
	return y
}

// maskCPR keeps the birth day and month of a CPR-like value only.
func maskCPR(s string) string {
	if len(s) < 4 {
		return "••••"
	}
	return s[:4] + "••-••••"
}

// date turns a DATE value (days since 1970-01-01) into a time.
func date(days int32) time.Time { return time.Unix(int64(days)*86400, 0).UTC() }

func itoa(v int32) string { return strconv.Itoa(int(v)) }
