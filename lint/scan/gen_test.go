package scan

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress"

	"github.com/saglig/saglig/lint/dataset"
)

// citizen is a row of a synthetic job-centre training set: about 30
// columns of the kinds such data hold. Every value is made up.
type citizen struct {
	PersonID     string    `parquet:"person_id"`
	Koen         string    `parquet:"koen,dict"`
	Alder        int32     `parquet:"alder"`
	Herkomst     string    `parquet:"herkomst,dict"`
	Postnr       int32     `parquet:"postnr"`
	Kommune      int32     `parquet:"kommune"`
	Uddannelse   string    `parquet:"uddannelse,dict"`
	Branche      string    `parquet:"branche,dict"`
	Disco        int32     `parquet:"disco"`
	LedigUger    int32     `parquet:"ledig_uger"`
	Indkomst     int64     `parquet:"indkomst"`
	IndkomstTxt  string    `parquet:"indkomst_txt"`
	SidsteAar    *float64  `parquet:"indkomst_sidste_aar,optional"`
	Boern        int32     `parquet:"boern"`
	Civilstand   string    `parquet:"civilstand,dict"`
	AdresseSkift int32     `parquet:"adresse_skift"`
	Sygedage     *int32    `parquet:"sygedage,optional"`
	Ydelse       string    `parquet:"ydelse,dict"`
	YdelseBeloeb float64   `parquet:"ydelse_beloeb"`
	Samtaler     int32     `parquet:"samtaler"`
	Aktivering   bool      `parquet:"aktivering"`
	Dato         int32     `parquet:"dato,date"`
	Oprettet     time.Time `parquet:"oprettet,timestamp(millisecond)"`
	Score        float64   `parquet:"score"`
	Maal         bool      `parquet:"maal"`
	Note         *string   `parquet:"note,optional"`
	Region       string    `parquet:"region,dict"`
	Sprog        string    `parquet:"sprog,dict"`
	Handicap     bool      `parquet:"handicap"`
	AKasse       string    `parquet:"a_kasse,dict"`
}

// citizenColumns are the dataset columns of citizen, as dataset.Open
// would name them.
var citizenColumns = []dataset.Column{
	{Path: "person_id", Type: "string"}, {Path: "koen", Type: "string"}, {Path: "alder", Type: "int32"},
	{Path: "herkomst", Type: "string"}, {Path: "postnr", Type: "int32"}, {Path: "kommune", Type: "int32"},
	{Path: "uddannelse", Type: "string"}, {Path: "branche", Type: "string"}, {Path: "disco", Type: "int32"},
	{Path: "ledig_uger", Type: "int32"}, {Path: "indkomst", Type: "int64"}, {Path: "indkomst_txt", Type: "string"},
	{Path: "indkomst_sidste_aar", Type: "double", Nullable: true}, {Path: "boern", Type: "int32"},
	{Path: "civilstand", Type: "string"}, {Path: "adresse_skift", Type: "int32"},
	{Path: "sygedage", Type: "int32", Nullable: true}, {Path: "ydelse", Type: "string"},
	{Path: "ydelse_beloeb", Type: "double"}, {Path: "samtaler", Type: "int32"}, {Path: "aktivering", Type: "bool"},
	{Path: "dato", Type: "date"}, {Path: "oprettet", Type: "timestamp[ms, UTC]"}, {Path: "score", Type: "double"},
	{Path: "maal", Type: "bool"}, {Path: "note", Type: "string", Nullable: true}, {Path: "region", Type: "string"},
	{Path: "sprog", Type: "string"}, {Path: "handicap", Type: "bool"}, {Path: "a_kasse", Type: "string"},
}

var (
	origins     = []string{"dansk", "vestlig", "ikke-vestlig"}
	educations  = []string{"0", "1", "2", "3", "4", "5", "6", "7", "8"}
	branches    = []string{"bygge", "handel", "transport", "industri", "rengøring", "landbrug", "it", "sundhed", "undervisning", "kontor", "hotel", "kultur"}
	civil       = []string{"ugift", "gift", "fraskilt", "enke", "samlevende"}
	benefits    = []string{"dagpenge", "kontanthjælp", "uddannelseshjælp", "sygedagpenge", "ledighedsydelse", "ressourceforløb"}
	regions     = []string{"Hovedstaden", "Sjælland", "Syddanmark", "Midtjylland", "Nordjylland"}
	languages   = []string{"dansk", "engelsk", "arabisk", "tyrkisk", "polsk", "somali", "urdu", "tysk", "persisk", "rumænsk"}
	unemployIns = func() []string {
		out := make([]string, 25)
		for i := range out {
			out[i] = fmt.Sprintf("a-kasse %02d", i)
		}
		return out
	}()
	epochDay = time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)
)

// genCitizens returns n rows; rows of one subject share its person_id,
// spread over time, so the observation period is measurable. The postcode
// tracks origin: each origin lives in its own 20 of 60 postcodes.
func genCitizens(seed uint64, n int) []citizen {
	g := newCitizenGen(seed, n)
	out := make([]citizen, n)
	g.fill(out)
	return out
}

// citizenGen generates the rows of genCitizens in batches.
type citizenGen struct {
	r        *rand.Rand
	subjects int
	i        int
}

func newCitizenGen(seed uint64, n int) *citizenGen {
	return &citizenGen{r: rand.New(rand.NewPCG(seed, 0x6a6f62)), subjects: max(1, n/4)}
}

func (g *citizenGen) fill(out []citizen) {
	r, subjects := g.r, g.subjects
	for j := range out {
		i := g.i
		g.i++
		s := r.IntN(subjects)
		sr := rand.New(rand.NewPCG(uint64(s), 1)) // per-subject constants
		origin := sr.IntN(3)
		income := int64(sr.IntN(600_000) + 100_000)
		c := &out[j]
		c.PersonID = fmt.Sprintf("P%07d", s)
		c.Koen = []string{"M", "K"}[sr.IntN(2)]
		c.Alder = int32(18 + sr.IntN(50))
		c.Herkomst = origins[origin]
		c.Postnr = int32(2000 + origin*20 + sr.IntN(20))
		c.Kommune = int32(100 + sr.IntN(98))
		c.Uddannelse = educations[sr.IntN(len(educations))]
		c.Branche = branches[r.IntN(len(branches))]
		c.Disco = int32(1000 + sr.IntN(400)*20)
		c.LedigUger = int32(r.IntN(105))
		c.Indkomst = income
		c.IndkomstTxt = fmt.Sprint(income)
		if r.IntN(10) > 0 {
			v := float64(income) * (0.8 + 0.4*r.Float64())
			c.SidsteAar = &v
		}
		c.Boern = int32(sr.IntN(6))
		c.Civilstand = civil[sr.IntN(len(civil))]
		c.AdresseSkift = int32(r.IntN(11))
		if r.IntN(5) > 0 {
			v := int32(r.IntN(60))
			c.Sygedage = &v
		}
		c.Ydelse = benefits[r.IntN(len(benefits))]
		c.YdelseBeloeb = float64(r.IntN(2_000_000)) / 100
		c.Samtaler = int32(r.IntN(30))
		c.Aktivering = r.IntN(2) == 0
		day := r.IntN(3 * 365)
		c.Dato = int32(epochDay.AddDate(0, 0, day).Unix() / 86400)
		c.Oprettet = epochDay.AddDate(0, 0, day).Add(time.Duration(r.IntN(86400)) * time.Second)
		c.Score = r.Float64()
		c.Maal = r.IntN(3) == 0
		if r.IntN(3) == 0 {
			v := fmt.Sprintf("notat %d om forløb %d", r.IntN(1_000_000), i)
			c.Note = &v
		}
		c.Region = regions[sr.IntN(len(regions))]
		c.Sprog = languages[sr.IntN(len(languages))]
		c.Handicap = sr.IntN(20) == 0
		c.AKasse = unemployIns[sr.IntN(len(unemployIns))]
	}
}

// writeParquet writes rows to path in row groups of rowGroup rows.
func writeParquet[T any](t testing.TB, path string, rows []T, rowGroup int64) dataset.File {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := parquet.NewGenericWriter[T](f, parquet.MaxRowsPerRowGroup(rowGroup), parquet.Compression(&parquet.Snappy))
	for len(rows) > 0 {
		n := min(len(rows), 10_000)
		if _, err := w.Write(rows[:n]); err != nil {
			t.Fatal(err)
		}
		rows = rows[n:]
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return withColumns(dataset.File{Path: path, Format: dataset.Parquet, Size: st.Size()})
}

// writeCitizensFile streams n generated rows into one file, a batch at a
// time, so the rows never all sit in memory.
func writeCitizensFile(t testing.TB, path string, seed uint64, n int, rowGroup int64) dataset.File {
	t.Helper()
	return writeCitizensWith(t, path, seed, n, rowGroup, &parquet.Snappy)
}

// writeCitizensWith is writeCitizensFile with the codec to compress with.
func writeCitizensWith(t testing.TB, path string, seed uint64, n int, rowGroup int64, codec compress.Codec) dataset.File {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := parquet.NewGenericWriter[citizen](f, parquet.MaxRowsPerRowGroup(rowGroup), parquet.Compression(codec))
	g := newCitizenGen(seed, n)
	batch := make([]citizen, 10_000)
	for done := 0; done < n; {
		k := min(len(batch), n-done)
		g.fill(batch[:k])
		if _, err := w.Write(batch[:k]); err != nil {
			t.Fatal(err)
		}
		done += k
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return withColumns(dataset.File{Path: path, Format: dataset.Parquet, Size: st.Size()})
}

// withColumns fills a file's columns, with their locations, as
// dataset.Open reads them; a file that cannot be read keeps those given.
func withColumns(f dataset.File) dataset.File {
	r, err := dataset.OpenLocal(f.Path)
	if err != nil {
		return f
	}
	defer r.Close()
	if rf, err := dataset.ReadFile(r, r.Size(), f.Path, dataset.Options{}); err == nil {
		f.Columns = rf.Columns
	}
	return f
}

// parquetDataset builds a dataset by hand with the given columns from
// Parquet files, which have their own (withColumns).
func parquetDataset(path string, cols []dataset.Column, files ...dataset.File) *dataset.Dataset {
	return handDataset(path, dataset.Parquet, cols, files...)
}

// handDataset builds a dataset by hand with the given columns from files
// with their own (withColumns): a test of what the scan does when a file
// no longer matches its dataset gives the dataset other columns. A column
// takes its type from the first file that has it.
func handDataset(path string, format dataset.Format, cols []dataset.Column, files ...dataset.File) *dataset.Dataset {
	ds := &dataset.Dataset{Path: path, Format: format, Columns: slices.Clone(cols)}
	for _, f := range files {
		if f.Columns == nil {
			f.Columns = cols
		}
		ds.Files = append(ds.Files, f)
	}
	// Each column takes the type of the first file that has it.
	for i, c := range ds.Columns {
	files:
		for _, f := range ds.Files {
			for _, fc := range f.Columns {
				if fc.Path == c.Path && fc.Type != "" && !c.Partition {
					ds.Columns[i].ColumnType = fc.ColumnType
					break files
				}
			}
		}
	}
	return ds
}

// writeCitizens writes n generated rows into parts files under dir and
// returns the dataset.
func writeCitizens(t testing.TB, dir string, seed uint64, n, parts int, rowGroup int64) *dataset.Dataset {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	rows := genCitizens(seed, n)
	var files []dataset.File
	for p := range parts {
		lo, hi := p*n/parts, (p+1)*n/parts
		files = append(files, writeParquet(t, filepath.Join(dir, fmt.Sprintf("part-%d.parquet", p)), rows[lo:hi], rowGroup))
	}
	return parquetDataset(dir, citizenColumns, files...)
}

// citizenRequest is what the lead engineer's lint asks of such data.
func citizenRequest() Request {
	return Request{
		Inputs:    []string{"alder", "postnr", "kommune", "uddannelse", "branche", "disco", "ledig_uger", "indkomst", "indkomst_txt", "indkomst_sidste_aar", "boern", "civilstand", "adresse_skift", "sygedage", "ydelse", "ydelse_beloeb", "samtaler", "aktivering", "note", "region", "sprog", "a_kasse"},
		Protected: []string{"koen", "herkomst", "handicap"},
		ID:        "person_id",
		Timestamp: "dato",
		QuasiIDs:  []string{"alder", "postnr", "koen", "herkomst"},
	}
}
