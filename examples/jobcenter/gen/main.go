// Command gen writes saglig's bundled example: a synthetic training set for
// the case in the Danish guidance on the AI Act's ban on social scoring — a
// job centre deciding which unemployed citizens are offered early support —
// first as a careless team would export it, then as the team fixed it.
//
// Run it from the repository root:
//
//	go run ./examples/jobcenter/gen
//
// It writes examples/jobcenter/data/forloeb.parquet and
// examples/jobcenter-fixed/data/forloeb.parquet. The output is a function of
// the fixed seed alone: running it again writes the same bytes, and
// gen_test.go checks that the committed files are exactly what it writes.
//
// Every citizen is made up. CPR-like numbers have a real birth date (it
// matches the age column) and a serial from the range x9xx, assigned in
// sequence by this program; the last digit is odd for men, as in CPR.
package main

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/saglig/saglig/examples/jobcenter/citizens"
)

// Where the files go, relative to the examples directory.
var (
	rawPath   = filepath.Join("jobcenter", "data", "forloeb.parquet")
	fixedPath = filepath.Join("jobcenter-fixed", "data", "forloeb.parquet")
)

const (
	// metaKey and metaValue are written into each file's key-value metadata.
	metaKey   = "created_by_example"
	metaValue = "saglig jobcenter generator"

	nCitizens = 1800
	// nQuarters is the length of the panel: 2022Q1 to 2024Q4.
	nQuarters = 12
	// rowGroups is how many row groups each file has.
	rowGroups = 3
	// pOtherExit is the quarterly chance a citizen leaves the job centre's
	// caseload for something other than work (moves away, starts an
	// education, retires).
	pOtherExit = 0.035

	// The seed of the whole data set.
	seedHi, seedLo = 0x736167_6c6967, 2025
)

// panelStart is the first day of the first quarter observed.
var panelStart = time.Date(2022, time.January, 1, 0, 0, 0, 0, time.UTC)

func main() {
	dir := flag.String("dir", "examples", "the examples directory to write into")
	flag.Parse()
	if st, err := os.Stat(*dir); err != nil || !st.IsDir() {
		fmt.Fprintf(os.Stderr, "gen: %s is not a directory; run from the repository root or pass -dir\n", *dir)
		os.Exit(2)
	}
	if err := generate(*dir); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// generate simulates the caseload and writes both files under dir.
func generate(dir string) error {
	r := rand.New(rand.NewPCG(seedHi, seedLo))
	people, err := simulate(r)
	if err != nil {
		return err
	}
	// The pseudonymisation key. A real municipality keeps it away from the
	// data (with its data protection officer); here it comes from the seed
	// so that the example is reproducible.
	var key [32]byte
	for i := range key {
		key[i] = byte(r.UintN(256))
	}
	raw, fixed := rows(people, key[:])
	if err := write(filepath.Join(dir, rawPath), raw); err != nil {
		return err
	}
	return write(filepath.Join(dir, fixedPath), fixed)
}

// rawRow is one observation as the careless team exported it.
//
// Dates are int32 days since the epoch with the DATE logical type: in
// parquet-go v0.32.0 GenericWriter writes a time.Time field tagged "date" as
// nanoseconds truncated to 32 bits.
type rawRow struct {
	BorgerCPR             string  `parquet:"borger_cpr,dict"`
	ObservationDato       int32   `parquet:"observation_dato,date"` // days since 1970-01-01
	Uddannelsesniveau     *int32  `parquet:"uddannelsesniveau,optional"`
	ErhvervserfaringAar   float64 `parquet:"erhvervserfaring_aar"`
	AntalLedighedsforloeb int32   `parquet:"antal_ledighedsforloeb"`
	Ydelsestype           string  `parquet:"ydelsestype,dict"`
	Alder                 int32   `parquet:"alder"`
	Koen                  string  `parquet:"koen,dict"`
	AntalAdresseskift5aar int32   `parquet:"antal_adresseskift_5aar"`
	Postnr                int32   `parquet:"postnr"`
	Herkomst              string  `parquet:"herkomst,dict"`
	Sygedage12m           int32   `parquet:"sygedage_12m"`
	BibliotekForsinkede   int32   `parquet:"bibliotek_forsinkede_afleveringer"`
	IJob6m                bool    `parquet:"i_job_6m"`
}

// fixedRow is the same observation after the fix: a pseudonymous id instead
// of the CPR number; no address changes, library returns or postcode.
type fixedRow struct {
	BorgerPID             string  `parquet:"borger_pid,dict"`
	ObservationDato       int32   `parquet:"observation_dato,date"` // days since 1970-01-01
	Uddannelsesniveau     *int32  `parquet:"uddannelsesniveau,optional"`
	ErhvervserfaringAar   float64 `parquet:"erhvervserfaring_aar"`
	AntalLedighedsforloeb int32   `parquet:"antal_ledighedsforloeb"`
	Ydelsestype           string  `parquet:"ydelsestype,dict"`
	Alder                 int32   `parquet:"alder"`
	Koen                  string  `parquet:"koen,dict"`
	Herkomst              string  `parquet:"herkomst,dict"`
	Sygedage12m           int32   `parquet:"sygedage_12m"`
	IJob6m                bool    `parquet:"i_job_6m"`
}

// rows turns the simulated caseload into the rows of both files, citizen by
// citizen, each citizen's observations in date order.
func rows(people []*citizen, key []byte) ([]rawRow, []fixedRow) {
	var raw []rawRow
	var fixed []fixedRow
	for _, c := range people {
		var educ *int32
		if c.educKnown {
			v := int32(c.educ)
			educ = &v
		}
		pid := pseudonym(key, c.cpr)
		for _, o := range c.obs {
			day := int32(o.date.Unix() / 86400)
			raw = append(raw, rawRow{
				BorgerCPR:             c.cpr,
				ObservationDato:       day,
				Uddannelsesniveau:     educ,
				ErhvervserfaringAar:   c.exp,
				AntalLedighedsforloeb: int32(c.spells),
				Ydelsestype:           o.benefit.String(),
				Alder:                 int32(o.age),
				Koen:                  c.sex(),
				AntalAdresseskift5aar: int32(o.moves),
				Postnr:                o.postnr,
				Herkomst:              c.origin.String(),
				Sygedage12m:           int32(o.sick),
				BibliotekForsinkede:   int32(o.library),
				IJob6m:                o.inJob,
			})
			fixed = append(fixed, fixedRow{
				BorgerPID:             pid,
				ObservationDato:       day,
				Uddannelsesniveau:     educ,
				ErhvervserfaringAar:   c.exp,
				AntalLedighedsforloeb: int32(c.spells),
				Ydelsestype:           o.benefit.String(),
				Alder:                 int32(o.age),
				Koen:                  c.sex(),
				Herkomst:              c.origin.String(),
				Sygedage12m:           int32(o.sick),
				IJob6m:                o.inJob,
			})
		}
	}
	return raw, fixed
}

// pseudonym is the citizen's pseudonymous id: the first 64 bits of
// HMAC-SHA256 of the CPR number, in hex. Without the key it cannot be
// computed from the CPR number.
func pseudonym(key []byte, cpr string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(cpr))
	return hex.EncodeToString(m.Sum(nil)[:8])
}

// write writes rows as a zstd-compressed Parquet file in rowGroups row
// groups, with the example's key-value metadata.
func write[T any](path string, rows []T) error {
	var buf bytes.Buffer
	w := parquet.NewGenericWriter[T](&buf,
		parquet.Compression(&parquet.Zstd),
		parquet.MaxRowsPerRowGroup(int64((len(rows)+rowGroups-1)/rowGroups)),
		parquet.KeyValueMetadata(metaKey, metaValue),
		// A fixed created_by keeps the bytes independent of how the
		// program was built (go run, go test).
		parquet.CreatedBy("saglig examples/jobcenter/gen", "1", "none"),
	)
	if _, err := w.Write(rows); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return err
	}
	return nil
}

// citizen is one person on the job centre's caseload.
type citizen struct {
	birth     time.Time
	male      bool
	origin    citizens.Origin
	educ      int
	educKnown bool
	exp       float64 // years of work experience
	spells    int     // earlier and current unemployment spells
	sickBase  float64 // expected sick days a year, outside sickness benefit
	libRate   float64 // expected late library returns a year
	offset    int     // day of the quarter the citizen's follow-up falls on
	cpr       string
	obs       []observation
}

func (c *citizen) sex() string {
	if c.male {
		return "mand"
	}
	return "kvinde"
}

// observation is the citizen's state at one quarterly follow-up.
type observation struct {
	date    time.Time
	age     int
	benefit citizens.Benefit
	moves   int
	postnr  int32
	sick    int
	library int
	inJob   bool // in work within 6 months (the target)
}

// state is what changes during a spell.
type state struct {
	benefit    citizens.Benefit
	onBenefit  int // quarters on the current benefit
	moves      int
	postnr     int32
	sickQ      int // quarters on sickness benefit
	quarterNum int // quarters since the spell was first observed
	sick       int // sick days in the last 12 months
	library    int // late library returns in the last 12 months
}

// simulate draws the caseload. Each citizen enters in a random quarter and
// is followed quarterly until they find work, leave for another reason, or
// the panel ends; the target looks two quarters past the panel's end.
func simulate(r *rand.Rand) ([]*citizen, error) {
	serials := map[string]int{}
	people := make([]*citizen, 0, nCitizens)
	for range nCitizens {
		c, err := newCitizen(r, serials)
		if err != nil {
			return nil, err
		}
		people = append(people, c)
	}
	return people, nil
}

func newCitizen(r *rand.Rand, serials map[string]int) (*citizen, error) {
	c := &citizen{
		male:   r.IntN(2) == 0,
		origin: citizens.DrawOrigin(r),
		offset: r.IntN(60),
	}
	start := r.IntN(nQuarters)
	age := citizens.DrawAge(r, c.origin)
	c.birth = c.followUp(start).AddDate(-age, 0, -r.IntN(365))
	cpr, err := cprNumber(c.birth, c.male, serials)
	if err != nil {
		return nil, err
	}
	c.cpr = cpr

	c.educ = citizens.DrawEducation(r, c.origin, age)
	c.educKnown = !c.origin.Immigrant() || r.Float64() >= 0.08
	c.exp = citizens.Experience(r, c.origin, age, c.educ)
	c.spells = 1 + citizens.Poisson(r, (0.4+0.035*float64(max(0, age-20)))*(1.3-0.08*float64(c.educ)))
	c.sickBase = 7 * r.ExpFloat64()
	if r.Float64() < 0.3+0.05*float64(c.educ) {
		c.libRate = 0.2 + 2.3*r.Float64()
	}

	// Whether the citizen is insured is drawn only if the first draw of
	// FirstBenefit leaves it open.
	insured := func() bool { return c.exp >= 1 && r.Float64() < c.origin.InsuredShare() }
	s := state{
		benefit: citizens.FirstBenefit(r, age, c.educ, insured),
		moves:   citizens.Poisson(r, citizens.MovesRate(age, 5)),
		postnr:  citizens.HomePostcode(r, c.origin),
	}
	jobAt := -1
	for q := start; q < nQuarters+2; q++ {
		s.sick = sickDays(r, c, s)
		s.library = citizens.Poisson(r, c.libRate)
		if q < nQuarters {
			c.observe(q, s)
		}
		if r.Float64() < hazard(c, s, c.ageAt(c.followUp(q))) {
			jobAt = q
			break
		}
		if r.Float64() < pOtherExit {
			break
		}
		s = c.evolve(r, s, c.ageAt(c.followUp(q+1)))
	}
	for i := range c.obs {
		q := start + i
		c.obs[i].inJob = jobAt == q || jobAt == q+1
	}
	return c, nil
}

// followUp is the date of the citizen's follow-up in quarter q.
func (c *citizen) followUp(q int) time.Time {
	return panelStart.AddDate(0, 3*q, c.offset)
}

// ageAt is the citizen's age in whole years on a day.
func (c *citizen) ageAt(t time.Time) int {
	age := t.Year() - c.birth.Year()
	if t.Month() < c.birth.Month() || t.Month() == c.birth.Month() && t.Day() < c.birth.Day() {
		age--
	}
	return age
}

func (c *citizen) observe(q int, s state) {
	date := c.followUp(q)
	c.obs = append(c.obs, observation{
		date:    date,
		age:     c.ageAt(date),
		benefit: s.benefit,
		moves:   s.moves,
		postnr:  s.postnr,
		sick:    s.sick,
		library: s.library,
	})
}

// hazard is the chance of finding work within the quarter after a
// follow-up. Education and experience drive it; benefit type, earlier
// spells, age and time on the caseload matter; address changes and sick
// days a little.
func hazard(c *citizen, s state, age int) float64 {
	lg := -1.85 +
		0.32*float64(c.educ-3) +
		0.055*math.Min(c.exp, 25) -
		0.12*float64(c.spells-1) +
		s.benefit.Effect() -
		0.04*float64(max(0, age-50)) -
		0.07*float64(s.moves) -
		0.004*float64(s.sick) -
		0.06*float64(s.quarterNum)
	return 1 / (1 + math.Exp(-lg))
}

// evolve moves the state on one quarter.
func (c *citizen) evolve(r *rand.Rand, s state, age int) state {
	s.quarterNum++
	s.onBenefit++
	if s.benefit == citizens.Sygedagpenge {
		s.sickQ++
	}
	if r.Float64() < citizens.MovesRate(age, 0.25) {
		s.moves++
		if r.Float64() < 0.6 {
			s.postnr = citizens.HomePostcode(r, c.origin)
		}
	}
	next := s.benefit
	switch s.benefit {
	case citizens.Dagpenge:
		// The dagpenge period is two years.
		if s.onBenefit >= 8 {
			next = citizens.Kontanthjaelp
		}
	case citizens.Uddannelseshjaelp:
		if age >= 30 {
			next = citizens.Kontanthjaelp
		}
	case citizens.Sygedagpenge:
		switch u := r.Float64(); {
		case u < 0.12:
			next = citizens.Ressourceforloeb
		case u < 0.22 && c.exp >= 1:
			next = citizens.Dagpenge
		case u < 0.22:
			next = citizens.Kontanthjaelp
		}
	}
	if next != s.benefit {
		s.benefit, s.onBenefit = next, 0
		s.sickQ = 0
	}
	return s
}

// sickDays is the number of sick days in the last 12 months.
func sickDays(r *rand.Rand, c *citizen, s state) int {
	lambda := c.sickBase
	switch s.benefit {
	case citizens.Sygedagpenge:
		lambda = math.Min(300, 90+60*float64(s.sickQ))
	case citizens.Ressourceforloeb:
		lambda = 45
	}
	return min(365, citizens.Poisson(r, lambda))
}

// cprNumber makes a CPR-like number DDMMYY-SSSS for the birth date: the
// first serial digit encodes the century as in CPR (0: 1900–1999, 4:
// 2000–2036), the second is always 9 (the synthetic range), the last is odd
// for men and even for women.
func cprNumber(birth time.Time, male bool, serials map[string]int) (string, error) {
	century := 0
	if birth.Year() >= 2000 {
		century = 4
	}
	date := birth.Format("020106")
	parity := 0
	if male {
		parity = 1
	}
	k := date + fmt.Sprint(parity)
	n := serials[k]
	serials[k] = n + 1
	// The n-th serial of this date and sex is x9 followed by 2n+parity.
	if 2*n+parity > 99 {
		return "", fmt.Errorf("more than 50 citizens of one sex born on %s: the synthetic serial range x9xx is full", birth.Format(time.DateOnly))
	}
	return fmt.Sprintf("%s-%d9%02d", date, century, 2*n+parity), nil
}
