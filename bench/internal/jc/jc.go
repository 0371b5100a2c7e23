// Package jc generates the benchmark's job-centre dataset and its feature
// map, and names its columns' roles. Origin, age, education, experience,
// first benefit, address changes and postcode are drawn from
// examples/jobcenter/citizens, the distributions of saglig's bundled
// example.
package jc

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/saglig/saglig/examples/jobcenter/citizens"
)

// row is one quarterly follow-up of a citizen on a job centre's caseload:
// the columns of examples/jobcenter (same names, same distributions) and
// the kinds of column a real training extract carries besides, 30 in all.
// Every value is made up; borger_cpr is CPR-shaped with the synthetic
// serial digit 9.
type row struct {
	BorgerCPR       string    `parquet:"borger_cpr"`
	ObservationDato int32     `parquet:"observation_dato,date"`
	Uddannelse      *int32    `parquet:"uddannelsesniveau,optional"`
	Erfaring        float64   `parquet:"erhvervserfaring_aar"`
	Ledighed        int32     `parquet:"antal_ledighedsforloeb"`
	Ydelsestype     string    `parquet:"ydelsestype,dict"`
	Alder           int32     `parquet:"alder"`
	Koen            string    `parquet:"koen,dict"`
	Adresseskift    int32     `parquet:"antal_adresseskift_5aar"`
	Postnr          int32     `parquet:"postnr"`
	Herkomst        string    `parquet:"herkomst,dict"`
	Sygedage        int32     `parquet:"sygedage_12m"`
	Bibliotek       int32     `parquet:"bibliotek_forsinkede_afleveringer"`
	IJob            bool      `parquet:"i_job_6m"`
	Kommune         int32     `parquet:"kommunekode"`
	Region          string    `parquet:"region,dict"`
	Branche         string    `parquet:"branche,dict"`
	Disco           int32     `parquet:"disco_kode"`
	Indkomst        *float64  `parquet:"indkomst_sidste_aar,optional"`
	YdelseBeloeb    float64   `parquet:"ydelse_beloeb_md"`
	Boern           int32     `parquet:"antal_boern"`
	Civilstand      string    `parquet:"civilstand,dict"`
	Samtaler        int32     `parquet:"samtaler_12m"`
	Aktivering      bool      `parquet:"aktivering"`
	Sprog           string    `parquet:"sprog,dict"`
	AKasse          string    `parquet:"a_kasse,dict"`
	Jobsoegning     int32     `parquet:"jobsoegninger_4uger"`
	Oprettet        time.Time `parquet:"sag_oprettet,timestamp(millisecond)"`
	TidlScore       float64   `parquet:"tidligere_score"`
	Note            *string   `parquet:"sagsnotat,optional"`
}

// bigRow is row with an attachment column, for the file the --schema-only
// timing reads: ~4 KiB of incompressible bytes per row, stored uncompressed.
type bigRow struct {
	row
	Bilag []byte `parquet:"bilag,uncompressed"`
}

const nQuarters = 12

var panelStart = time.Date(2022, time.January, 1, 0, 0, 0, 0, time.UTC)

// benefitMonthly is the typical monthly amount of each benefit, DKK.
var benefitMonthly = [citizens.NumBenefits]float64{
	citizens.Dagpenge:          19_728,
	citizens.Kontanthjaelp:     12_550,
	citizens.Uddannelseshjaelp: 7_000,
	citizens.Sygedagpenge:      19_000,
	citizens.Ressourceforloeb:  12_550,
}

var (
	regions    = []string{"Hovedstaden", "Sjælland", "Syddanmark", "Midtjylland", "Nordjylland"}
	branches   = []string{"bygge og anlæg", "handel", "transport", "industri", "rengøring", "landbrug", "it", "sundhed", "undervisning", "kontor", "hotel og restauration", "kultur"}
	civil      = []string{"ugift", "gift", "fraskilt", "enke", "samlevende"}
	languagesD = []string{"dansk"}
	languagesN = []string{"arabisk", "tyrkisk", "somali", "urdu", "persisk", "dari", "tigrinya", "kurdisk", "bosnisk", "vietnamesisk"}
	languagesW = []string{"engelsk", "tysk", "polsk", "rumænsk", "litauisk", "svensk", "norsk", "spansk"}
	akasser    = func() []string {
		out := make([]string, 24)
		for i := range out {
			out[i] = fmt.Sprintf("a-kasse %02d", i+1)
		}
		return out
	}()
)

// regionOf maps a postcode to its region, roughly.
func regionOf(p int32) string {
	switch {
	case p < 3700:
		return regions[0]
	case p < 5000:
		return regions[1]
	case p < 7000:
		return regions[2]
	case p < 9000:
		return regions[3]
	}
	return regions[4]
}

// generator streams rows citizen by citizen, each citizen's quarterly
// follow-ups in date order, from one seed: the same seed and row count give
// the same file.
type generator struct {
	r       *rand.Rand
	pending []row
	serial  uint32
	noteBuf []byte
}

func newGenerator(seed uint64) *generator {
	return &generator{r: rand.New(rand.NewPCG(seed, 0x6a6f62_63656e))}
}

// next returns the next row.
func (g *generator) next() row {
	for len(g.pending) == 0 {
		g.citizen()
	}
	x := g.pending[0]
	g.pending = g.pending[1:]
	return x
}

func (g *generator) citizen() {
	r := g.r
	o := citizens.DrawOrigin(r)
	male := r.IntN(2) == 0
	age0 := citizens.DrawAge(r, o)
	birth := panelStart.AddDate(-age0, 0, -r.IntN(365))
	educ := citizens.DrawEducation(r, o, age0)
	educKnown := r.Float64() > 0.02
	exp := citizens.Experience(r, o, age0, educ)
	post := citizens.HomePostcode(r, o)
	kommune := int32(101 + (int(post)/10)%98)
	var lang string
	switch o {
	case citizens.Danish, citizens.NonWesternDescendant:
		lang = languagesD[0]
		if o == citizens.NonWesternDescendant && r.IntN(4) == 0 {
			lang = languagesN[r.IntN(len(languagesN))]
		}
	case citizens.WesternImmigrant:
		lang = languagesW[r.IntN(len(languagesW))]
	default:
		lang = languagesN[r.IntN(len(languagesN))]
	}
	insured := r.Float64() < o.InsuredShare() && exp >= 1
	akasse := "ingen"
	if insured {
		akasse = akasser[r.IntN(len(akasser))]
	}
	branche := branches[r.IntN(len(branches))]
	disco := int32(1000 + r.IntN(400)*20)
	civ := civil[min(len(civil)-1, int(math.Abs(r.NormFloat64())*1.2))]
	kids := int32(min(6, citizens.Poisson(r, 0.9)))
	sickBase := 6 + 8*r.ExpFloat64()
	libRate := 0.4 * r.ExpFloat64()
	g.serial++
	century := 0
	if birth.Year() >= 2000 {
		century = 4
	}
	parity := 0
	if male {
		parity = 1
	}
	cpr := fmt.Sprintf("%s-%d9%02d", birth.Format("020106"), century, (int(g.serial)%50)*2+parity)
	sex := "kvinde"
	if male {
		sex = "mand"
	}

	first := r.IntN(nQuarters)
	offset := r.IntN(60)
	benefit := citizens.FirstBenefit(r, age0, educ, func() bool { return insured })
	spells := 1 + citizens.Poisson(r, 0.8)
	onBenefit := 0
	moves := citizens.Poisson(r, citizens.MovesRate(age0, 5))
	opened := panelStart.AddDate(0, 0, first*91+offset-r.IntN(400)).Add(time.Duration(r.IntN(86_400_000)) * time.Millisecond)
	income := math.Exp(12.4 + 0.45*r.NormFloat64())
	score := r.Float64()
	for q := first; q < nQuarters; q++ {
		day := panelStart.AddDate(0, 0, q*91+offset)
		age := wholeYears(birth, day)
		var x row
		x.BorgerCPR = cpr
		x.ObservationDato = int32(day.Unix() / 86400)
		if educKnown {
			e := int32(educ)
			x.Uddannelse = &e
		}
		x.Erfaring = math.Round((exp+0.25*float64(q-first)*0.3)*10) / 10
		x.Ledighed = int32(spells)
		x.Ydelsestype = benefit.String()
		x.Alder = int32(age)
		x.Koen = sex
		x.Adresseskift = int32(moves)
		x.Postnr = post
		x.Herkomst = o.String()
		lambda := sickBase
		if benefit == citizens.Sygedagpenge {
			lambda = 120
		}
		x.Sygedage = int32(min(365, citizens.Poisson(r, lambda)))
		x.Bibliotek = int32(citizens.Poisson(r, libRate))
		x.Kommune = kommune
		x.Region = regionOf(post)
		x.Branche = branche
		x.Disco = disco
		if r.IntN(10) > 0 {
			v := math.Round(income*(0.8+0.4*r.Float64())*100) / 100
			x.Indkomst = &v
		}
		x.YdelseBeloeb = math.Round(benefitMonthly[benefit]*(0.6+0.5*r.Float64())*100) / 100
		x.Boern = kids
		x.Civilstand = civ
		x.Samtaler = int32(citizens.Poisson(r, 4+float64(onBenefit)))
		x.Aktivering = r.IntN(3) == 0
		x.Sprog = lang
		x.AKasse = akasse
		x.Jobsoegning = int32(citizens.Poisson(r, 6))
		x.Oprettet = opened
		score = math.Min(1, math.Max(0, score+0.05*r.NormFloat64()))
		x.TidlScore = score
		if r.IntN(3) == 0 {
			g.noteBuf = append(g.noteBuf[:0], "samtale "...)
			g.noteBuf = strconv.AppendInt(g.noteBuf, int64(r.IntN(1_000_000)), 10)
			g.noteBuf = append(g.noteBuf, ": aftalt "...)
			g.noteBuf = append(g.noteBuf, [...]string{"mentor", "kursus", "virksomhedspraktik", "løntilskud", "opfølgning"}[r.IntN(5)]...)
			s := string(g.noteBuf)
			x.Note = &s
		}
		// In work within six months: logistic in education, experience,
		// benefit and a little in moves, as in examples/jobcenter.
		z := -1.2 + 0.25*float64(educ-3) + 0.06*math.Min(exp, 15) + benefit.Effect() - 0.08*float64(moves) - 0.01*float64(x.Sygedage)
		x.IJob = r.Float64() < 1/(1+math.Exp(-z))
		g.pending = append(g.pending, x)
		if x.IJob || r.Float64() < 0.035 {
			break
		}
		onBenefit++
		if benefit == citizens.Dagpenge && onBenefit >= 8 {
			benefit = citizens.Kontanthjaelp
		}
		if benefit == citizens.Sygedagpenge && r.Float64() < 0.12 {
			benefit = citizens.Ressourceforloeb
		}
	}
}

func wholeYears(birth, t time.Time) int {
	y := t.Year() - birth.Year()
	if t.YearDay() < birth.YearDay() {
		y--
	}
	return y
}

// WriteDataset writes rows rows to path (Snappy, row groups of groupRows)
// through a temporary file, so an interrupted run leaves no half file.
func WriteDataset(path string, rows int64, groupRows int64, seed uint64) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	w := parquet.NewGenericWriter[row](f, parquet.Compression(&parquet.Snappy), parquet.MaxRowsPerRowGroup(groupRows),
		parquet.CreatedBy("saglig bench", "1", ""))
	g := newGenerator(seed)
	buf := make([]row, 8192)
	for done := int64(0); done < rows; {
		n := min(int64(len(buf)), rows-done)
		for i := range n {
			buf[i] = g.next()
		}
		if _, err := w.Write(buf[:n]); err != nil {
			f.Close()
			return fmt.Errorf("%s: %w", path, err)
		}
		done += n
	}
	if err := w.Close(); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// WriteBigDataset writes a file of about size bytes: the job-centre columns
// plus bilag, ~4 KiB of incompressible bytes per row stored uncompressed,
// in row groups of 32,768 rows (~130 MB). It returns the file's size.
func WriteBigDataset(path string, size int64, seed uint64) (int64, error) {
	const payload = 4000
	rows := max(1, size/(payload+60))
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return 0, err
	}
	defer os.Remove(tmp)
	w := parquet.NewGenericWriter[bigRow](f, parquet.Compression(&parquet.Snappy), parquet.MaxRowsPerRowGroup(32<<10),
		parquet.CreatedBy("saglig bench", "1", ""))
	g := newGenerator(seed)
	pool := make([]byte, 64<<20)
	pr := rand.New(rand.NewChaCha8([32]byte{1, 2, 3}))
	for i := 0; i < len(pool); i += 8 {
		v := pr.Uint64()
		for j := range 8 {
			pool[i+j] = byte(v >> (8 * j))
		}
	}
	buf := make([]bigRow, 1024)
	for done := int64(0); done < rows; {
		n := min(int64(len(buf)), rows-done)
		for i := range n {
			off := pr.IntN(len(pool) - payload)
			buf[i] = bigRow{row: g.next(), Bilag: pool[off : off+payload]}
		}
		if _, err := w.Write(buf[:n]); err != nil {
			f.Close()
			return 0, fmt.Errorf("%s: %w", path, err)
		}
		done += n
	}
	if err := w.Close(); err != nil {
		f.Close()
		return 0, fmt.Errorf("%s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return 0, err
	}
	st, err := os.Stat(tmp)
	if err != nil {
		return 0, err
	}
	return st.Size(), os.Rename(tmp, path)
}

// column roles of the bench dataset, for the map and for DuckDB's queries.
var (
	ProtectedCols = []string{"alder", "koen", "herkomst"}
	IDCol         = "borger_cpr"
	TimeCol       = "observation_dato"
	TargetCol     = "i_job_6m"
)

// InputCols are the model inputs: every column that is neither the id,
// the timestamp, the target nor protected.
func InputCols(withBilag bool) []string {
	var out []string
	for _, c := range ColumnNames(withBilag) {
		switch c {
		case IDCol, TimeCol, TargetCol, ProtectedCols[0], ProtectedCols[1], ProtectedCols[2]:
			continue
		}
		out = append(out, c)
	}
	return out
}

func ColumnNames(withBilag bool) []string {
	var s *parquet.Schema
	if withBilag {
		s = parquet.SchemaOf(bigRow{})
	} else {
		s = parquet.SchemaOf(row{})
	}
	var out []string
	for _, f := range s.Fields() {
		out = append(out, f.Name())
	}
	return out
}

// feature is a map entry of the bench map.
type feature struct {
	context, category, source string
}

var features = map[string]feature{
	"uddannelsesniveau":                 {"education", "education", "Danmarks Statistik, Uddannelsesregistret"},
	"erhvervserfaring_aar":              {"employment", "employment-history", "eIndkomst (Indkomstregistret)"},
	"antal_ledighedsforloeb":            {"employment", "employment-history", "DREAM (STAR)"},
	"ydelsestype":                       {"social-benefits", "benefits-history", "Kommunernes Ydelsessystem (KY)"},
	"antal_adresseskift_5aar":           {"civil-registration", "residence-moves", "Det Centrale Personregister (CPR)"},
	"postnr":                            {"civil-registration", "residential-area", "Det Centrale Personregister (CPR), adresse"},
	"sygedage_12m":                      {"social-benefits", "health", "Jobcenterets sagssystem"},
	"bibliotek_forsinkede_afleveringer": {"leisure", "leisure-activity", "Kommunens bibliotekssystem"},
	"kommunekode":                       {"civil-registration", "residential-area", "Det Centrale Personregister (CPR)"},
	"region":                            {"civil-registration", "residential-area", "Det Centrale Personregister (CPR)"},
	"branche":                           {"employment", "employment-history", "eIndkomst (Indkomstregistret)"},
	"disco_kode":                        {"employment", "employment-history", "eIndkomst (Indkomstregistret)"},
	"indkomst_sidste_aar":               {"tax", "income", "eIndkomst (Indkomstregistret)"},
	"ydelse_beloeb_md":                  {"social-benefits", "benefits-history", "Kommunernes Ydelsessystem (KY)"},
	"antal_boern":                       {"civil-registration", "household", "Det Centrale Personregister (CPR)"},
	"civilstand":                        {"civil-registration", "marital-status", "Det Centrale Personregister (CPR)"},
	"samtaler_12m":                      {"employment", "employment-history", "Jobcenterets sagssystem"},
	"aktivering":                        {"employment", "employment-history", "Jobcenterets sagssystem"},
	"sprog":                             {"civil-registration", "language", "Jobcenterets sagssystem"},
	"a_kasse":                           {"employment", "trade-union", "Arbejdsløshedskasserne"},
	"jobsoegninger_4uger":               {"employment", "employment-history", "Jobnet"},
	"sag_oprettet":                      {"employment", "employment-history", "Jobcenterets sagssystem"},
	"tidligere_score":                   {"employment", "other", "Visitationsmodel 2023"},
	"sagsnotat":                         {"employment", "other", "Jobcenterets sagssystem"},
	"bilag":                             {"employment", "other", "Jobcenterets sagssystem"},
}

// WriteMap writes the feature map of the bench dataset: id, timestamp,
// target, three protected columns and every other column an input.
func WriteMap(path, dataset string, withBilag bool) error {
	b := []byte(`# Feature map of the saglig benchmark dataset (bench/cmd/benchjc).
version: 1
purpose:
  name: early-support-bench
  description: Scores newly unemployed citizens by their chance of being in work within six months.
  controller: municipality
  sector: employment-effort
  context: employment
  allowed_contexts: [employment, education, social-benefits]
  output: score
  automated: false
  human_review: The caseworker sees the score at the follow-up meeting and decides the offer.
  transparency: The citizen is told at the meeting which data the score used.
  legal_basis: BEK § 1, stk. 1 og 4 (udstedt i medfør af § 52 a, stk. 2, i LBK nr. 254 af 1. marts 2024)
datasets: [` + strconv.Quote(dataset) + `]
features:
  borger_cpr:
    role: id
    source: Det Centrale Personregister (CPR)
  observation_dato:
    role: timestamp
    source: Jobcenterets sagssystem
  i_job_6m:
    role: target
    source: DREAM (STAR)
    context: employment
  alder:
    role: protected
    source: Det Centrale Personregister (CPR)
    category: age
  koen:
    role: protected
    source: Det Centrale Personregister (CPR)
    category: sex
  herkomst:
    role: protected
    source: Danmarks Statistik, Befolkningsregistret
    category: ethnicity
`)
	for _, c := range InputCols(withBilag) {
		f, ok := features[c]
		if !ok {
			return fmt.Errorf("no map entry for column %s", c)
		}
		b = fmt.Appendf(b, "  %s:\n    source: %s\n    context: %s\n    category: %s\n", c, f.source, f.context, f.category)
	}
	return os.WriteFile(path, b, 0o644)
}

// EnsureDataset writes dir/jobcenter-<rows>.parquet and its map unless
// they exist, and returns the parquet path and the map path.
func EnsureDataset(dir string, rows int64, seed uint64) (data, mapPath string, err error) {
	name := fmt.Sprintf("jobcenter-%d.parquet", rows)
	data = filepath.Join(dir, name)
	mapPath = filepath.Join(dir, fmt.Sprintf("saglig-%d.yaml", rows))
	if err := WriteMap(mapPath, name, false); err != nil {
		return "", "", err
	}
	if _, err := os.Stat(data); err == nil {
		return data, mapPath, nil
	}
	start := time.Now()
	if err := WriteDataset(data, rows, 1_000_000, seed); err != nil {
		return "", "", err
	}
	fmt.Fprintf(os.Stderr, "%s: generated %s (%d rows) in %v\n", filepath.Base(os.Args[0]), data, rows, time.Since(start).Round(time.Millisecond))
	return data, mapPath, nil
}

// DuckResult is what benchduck prints as JSON on stdout: DuckDB's version
// and threads, the rows it counted, the contingency groups it returned, and
// each query's seconds.
type DuckResult struct {
	Version string             `json:"version"`
	Threads int                `json:"threads"`
	Rows    int64              `json:"rows"`
	Groups  int64              `json:"groups"`
	Seconds map[string]float64 `json:"seconds"`
}
