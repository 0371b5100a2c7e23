// Package citizens holds the distributions of the made-up citizens on a job
// centre's caseload that both saglig's bundled example
// (examples/jobcenter/gen) and the benchmark's generator (bench/internal/jc)
// draw from: origin, age, education, work experience, first benefit,
// address changes and postcode, where postcode is a proxy for origin.
//
// Every draw takes the caller's *rand.Rand and draws from it in a fixed
// order, so a generator that calls these functions in a fixed order is a
// function of its seed alone. Changing the order or number of draws in any
// function here changes the bytes of the committed example data
// (examples/jobcenter/gen checks them).
package citizens

import (
	"math"
	"math/rand/v2"
)

// Origin is Danmarks Statistik's classification of herkomst.
type Origin int

// The origins, in the order of their shares.
const (
	Danish Origin = iota
	WesternImmigrant
	NonWesternImmigrant
	NonWesternDescendant
	// NumOrigins is the number of origins.
	NumOrigins
)

var originNames = [NumOrigins]string{
	"dansk oprindelse",
	"indvandrer fra vestligt land",
	"indvandrer fra ikke-vestligt land",
	"efterkommer fra ikke-vestligt land",
}

// String is the origin's name as Danmarks Statistik writes it, the value of
// the herkomst column.
func (o Origin) String() string { return originNames[o] }

// Immigrant reports whether the citizen was born abroad (Western or
// non-Western immigrant).
func (o Origin) Immigrant() bool {
	return o == WesternImmigrant || o == NonWesternImmigrant
}

// originShare is each origin's share of the caseload.
var originShare = [NumOrigins]float64{0.70, 0.08, 0.15, 0.07}

// insuredShare is the share of each origin insured with an unemployment
// fund (a-kasse), which decides between dagpenge and kontanthjælp.
var insuredShare = [NumOrigins]float64{0.78, 0.70, 0.60, 0.68}

// InsuredShare is the share of citizens of the origin who are insured with
// an unemployment fund (a-kasse).
func (o Origin) InsuredShare() float64 { return insuredShare[o] }

// DrawOrigin draws a citizen's origin by its share of the caseload. It
// draws one float.
func DrawOrigin(r *rand.Rand) Origin {
	return Origin(Pick(r, originShare[:]))
}

// A Zone is a kind of area; citizens of each origin live in some zones much
// more than in others, which is what makes postcode a proxy for origin. In
// the enclave zone's two postcodes almost every citizen is a non-Western
// immigrant: one postcode value there gives origin away on its own.
type Zone int

// The zones.
const (
	Towns     Zone = iota // provincial towns, mostly of Danish origin
	Mixed                 // mixed urban districts and suburbs
	Central               // central and affluent districts
	Estates               // suburbs with large social-housing estates
	InnerCity             // inner-city districts with many descendants
	Enclave               // estates where almost every resident is a non-Western immigrant
	// NumZones is the number of zones.
	NumZones
)

// postcodes are real Danish postcodes, by zone.
var postcodes = [NumZones][]int32{
	Towns: {
		3000, 3400, 3700, 4000, 4100, 4200, 4300, 4400, 4700, 4800, // Helsingør … Nykøbing F
		5500, 5700, 6000, 6100, 6200, 6400, 6700, 6800, 7100, 7400, // Middelfart … Herning
		7500, 7700, 7800, 8600, 8700, 8800, 8900, 9700, 9800, 9900, // Holstebro … Frederikshavn
	},
	Mixed: {
		2600, 2610, 2700, 2720, 2770, 2860, // Glostrup … Søborg
		5000, 5200, 8200, 8260, 9000, 9200, // Odense C … Aalborg SV
	},
	Central: {1620, 2000, 2100, 2800, 2900, 8000}, // København V … Aarhus C
	Estates: {
		2605, 2620, 2630, 2635, 2650, 2660, // Brøndby … Brøndby Strand
		5220, 9220, // Odense SØ, Aalborg Øst
	},
	InnerCity: {2200, 2300, 2400, 2450, 2500, 8210}, // København N … Aarhus V
	Enclave:   {5240, 8220},                         // Odense NØ (Vollsmose), Brabrand (Gellerup)
}

// Postcodes returns the zone's postcodes, a copy the caller may keep.
func (z Zone) Postcodes() []int32 {
	return append([]int32(nil), postcodes[z]...)
}

// zoneShare is P(zone | origin).
var zoneShare = [NumOrigins][NumZones]float64{
	Danish:               {0.72, 0.19, 0.06, 0.02, 0.0096, 0.0004},
	WesternImmigrant:     {0.10, 0.15, 0.70, 0.03, 0.02, 0},
	NonWesternImmigrant:  {0.06, 0.08, 0.01, 0.50, 0.15, 0.20},
	NonWesternDescendant: {0.04, 0.08, 0.02, 0.26, 0.595, 0.005},
}

// HomePostcode draws a postcode for a citizen of the origin: a zone by
// P(zone | origin), then one of its postcodes uniformly. It draws one float
// and one int.
func HomePostcode(r *rand.Rand, o Origin) int32 {
	codes := postcodes[Pick(r, zoneShare[o][:])]
	return codes[r.IntN(len(codes))]
}

// NumLevels is the number of ISCED education levels, 0 to 8.
const NumLevels = 9

// educShare is P(ISCED level | origin).
var educShare = [NumOrigins][NumLevels]float64{
	Danish:               {0.01, 0.03, 0.24, 0.40, 0.01, 0.07, 0.15, 0.08, 0.01},
	WesternImmigrant:     {0.01, 0.02, 0.18, 0.36, 0.01, 0.08, 0.18, 0.14, 0.02},
	NonWesternImmigrant:  {0.03, 0.05, 0.30, 0.35, 0.01, 0.06, 0.12, 0.07, 0.01},
	NonWesternDescendant: {0.01, 0.03, 0.28, 0.41, 0.01, 0.07, 0.12, 0.07, 0.00},
}

// DrawEducation draws the ISCED level of a citizen of the origin, capped at
// MaxEducation(age). It draws one float.
func DrawEducation(r *rand.Rand, o Origin, age int) int {
	return min(Pick(r, educShare[o][:]), MaxEducation(age))
}

// DrawAge draws the age at the first follow-up: 18–63, so that nobody is
// older than 66 three years later. Descendants are younger. It draws two
// ints for descendants, a float and an int for everyone else.
func DrawAge(r *rand.Rand, o Origin) int {
	if o == NonWesternDescendant {
		return 18 + r.IntN(18) + r.IntN(14)
	}
	switch u := r.Float64(); {
	case u < 0.35:
		return 18 + r.IntN(12)
	case u < 0.75:
		return 30 + r.IntN(20)
	default:
		return 50 + r.IntN(14)
	}
}

// MaxEducation is the highest ISCED level reachable at an age.
func MaxEducation(age int) int {
	switch {
	case age < 19:
		return 2
	case age < 22:
		return 3
	case age < 24:
		return 6
	case age < 28:
		return 7
	}
	return 8
}

// educationEnds is the usual age at which each ISCED level is completed.
var educationEnds = [NumLevels]int{16, 16, 16, 19, 20, 21, 23, 25, 29}

// Experience draws the years of work since leaving education, rounded to
// 0.1: a share of the years since the usual end of the ISCED level educ,
// smaller for immigrants. It draws one float.
func Experience(r *rand.Rand, o Origin, age, educ int) float64 {
	years := float64(max(0, age-educationEnds[educ]))
	lo, hi := 0.45, 0.95
	if o.Immigrant() {
		// Years before arriving in Denmark are often not registered.
		lo, hi = 0.30, 0.85
	}
	return math.Round(years*(lo+(hi-lo)*r.Float64())*10) / 10
}

// Benefit is a benefit type (ydelsestype).
type Benefit int

// The benefit types.
const (
	Dagpenge Benefit = iota
	Kontanthjaelp
	Uddannelseshjaelp
	Sygedagpenge
	Ressourceforloeb
	// NumBenefits is the number of benefit types.
	NumBenefits
)

var benefitNames = [NumBenefits]string{
	Dagpenge:          "dagpenge",
	Kontanthjaelp:     "kontanthjælp",
	Uddannelseshjaelp: "uddannelseshjælp",
	Sygedagpenge:      "sygedagpenge",
	Ressourceforloeb:  "ressourceforløbsydelse",
}

// String is the benefit's name, the value of the ydelsestype column.
func (b Benefit) String() string { return benefitNames[b] }

// benefitEffect is each benefit type's effect on the log-odds of finding
// work.
var benefitEffect = [NumBenefits]float64{
	Dagpenge:          0.45,
	Kontanthjaelp:     -0.45,
	Uddannelseshjaelp: 0.0,
	Sygedagpenge:      -0.1,
	Ressourceforloeb:  -1.6,
}

// Effect is the benefit type's effect on the log-odds of finding work.
func (b Benefit) Effect() float64 { return benefitEffect[b] }

// FirstBenefit draws the benefit a citizen of the age and ISCED level educ
// receives when first observed. The young without a vocational education
// get uddannelseshjælp or kontanthjælp; of the others some are on sickness
// benefit or in a ressourceforløb, and the rest get dagpenge if insured
// (an unemployment-fund member with enough work), else kontanthjælp.
//
// It draws one float; insured is called only when that draw has not decided
// the benefit, so it may draw from r itself.
func FirstBenefit(r *rand.Rand, age, educ int, insured func() bool) Benefit {
	u := r.Float64()
	switch {
	case age < 30 && educ <= 2:
		if u < 0.75 {
			return Uddannelseshjaelp
		}
		return Kontanthjaelp
	case u < 0.14:
		return Sygedagpenge
	case u < 0.20 && age >= 25:
		return Ressourceforloeb
	case insured():
		return Dagpenge
	}
	return Kontanthjaelp
}

// MovesRate is the expected number of address changes over the given
// number of years; young people move more.
func MovesRate(age int, years float64) float64 {
	perYear := 0.12
	if age < 30 {
		perYear += 0.25
	} else if age < 40 {
		perYear += 0.08
	}
	return perYear * years
}

// Pick draws an index with the probabilities p; if they sum to less than
// one, the remainder goes to the last index. It draws one float.
func Pick(r *rand.Rand, p []float64) int {
	u := r.Float64()
	for i, v := range p {
		if u < v {
			return i
		}
		u -= v
	}
	return len(p) - 1
}

// Poisson draws from a Poisson distribution with mean lambda; above 30 it
// uses the normal approximation. It draws nothing for lambda <= 0.
func Poisson(r *rand.Rand, lambda float64) int {
	if lambda <= 0 {
		return 0
	}
	if lambda > 30 {
		return max(0, int(math.Round(lambda+math.Sqrt(lambda)*r.NormFloat64())))
	}
	limit, k, p := math.Exp(-lambda), 0, r.Float64()
	for p > limit {
		k++
		p *= r.Float64()
	}
	return k
}
