package citizens

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestMaxEducation(t *testing.T) {
	tests := []struct{ age, want int }{
		{18, 2}, {19, 3}, {21, 3}, {22, 6}, {23, 6}, {24, 7}, {27, 7}, {28, 8}, {63, 8},
	}
	for _, tt := range tests {
		if got := MaxEducation(tt.age); got != tt.want {
			t.Errorf("MaxEducation(%d) = %d, want %d", tt.age, got, tt.want)
		}
	}
}

func TestNames(t *testing.T) {
	tests := []struct {
		got, want string
	}{
		{Danish.String(), "dansk oprindelse"},
		{NonWesternDescendant.String(), "efterkommer fra ikke-vestligt land"},
		{Dagpenge.String(), "dagpenge"},
		{Kontanthjaelp.String(), "kontanthjælp"},
		{Ressourceforloeb.String(), "ressourceforløbsydelse"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("name %q, want %q", tt.got, tt.want)
		}
	}
}

// TestSharesSumToOne checks every table of probabilities that Pick draws
// from: a table that sums to less than one would give its remainder to the
// last entry.
func TestSharesSumToOne(t *testing.T) {
	tables := map[string][]float64{"origin": originShare[:]}
	for o := range NumOrigins {
		tables["zone|"+o.String()] = zoneShare[o][:]
		tables["education|"+o.String()] = educShare[o][:]
	}
	for name, p := range tables {
		sum := 0.0
		for _, v := range p {
			sum += v
		}
		if math.Abs(sum-1) > 1e-9 {
			t.Errorf("%s: shares sum to %v, want 1", name, sum)
		}
	}
}

func TestPick(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	tests := []struct {
		name string
		p    []float64
	}{
		{"origin", originShare[:]},
		{"uneven", []float64{0.5, 0.25, 0.25}},
		{"remainder to last", []float64{0.2, 0.3}},
	}
	const n = 100_000
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			counts := make([]int, len(tt.p))
			for range n {
				counts[Pick(r, tt.p)]++
			}
			for i, v := range tt.p {
				want := v
				if i == len(tt.p)-1 {
					want = 1 - sumOf(tt.p[:i])
				}
				if got := float64(counts[i]) / n; math.Abs(got-want) > 0.01 {
					t.Errorf("index %d drawn %.3f of the time, want %.3f", i, got, want)
				}
			}
		})
	}
}

func sumOf(p []float64) float64 {
	s := 0.0
	for _, v := range p {
		s += v
	}
	return s
}

func TestPoissonMean(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, lambda := range []float64{0, 0.4, 5, 29, 120} {
		const n = 20_000
		sum := 0
		for range n {
			sum += Poisson(r, lambda)
		}
		if mean := float64(sum) / n; math.Abs(mean-lambda) > 0.05*lambda+0.02 {
			t.Errorf("Poisson(%v): mean %.3f", lambda, mean)
		}
	}
}

// TestHomePostcodeTracksOrigin checks what makes postcode a proxy for
// origin: most citizens of non-Western origin get an estate or inner-city
// postcode, few of Danish origin do.
func TestHomePostcodeTracksOrigin(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	city := map[int32]bool{}
	for _, z := range []Zone{Estates, InnerCity, Enclave} {
		for _, p := range z.Postcodes() {
			city[p] = true
		}
	}
	tests := []struct {
		origin Origin
		lo, hi float64
	}{
		{Danish, 0, 0.05},
		{WesternImmigrant, 0, 0.1},
		{NonWesternImmigrant, 0.8, 0.9},
		{NonWesternDescendant, 0.8, 0.9},
	}
	for _, tt := range tests {
		const n = 20_000
		in := 0
		for range n {
			if city[HomePostcode(r, tt.origin)] {
				in++
			}
		}
		if share := float64(in) / n; share < tt.lo || share > tt.hi {
			t.Errorf("%s: %.3f in estate, inner-city and enclave postcodes, want %.2f–%.2f", tt.origin, share, tt.lo, tt.hi)
		}
	}
}

func TestPostcodesIsACopy(t *testing.T) {
	p := Central.Postcodes()
	want := slices.Clone(p)
	p[0] = 0
	if got := Central.Postcodes(); !slices.Equal(got, want) {
		t.Errorf("changing the returned slice changed the zone's postcodes: %v", got)
	}
}

func TestFirstBenefitDrawsInsuredOnlyWhenOpen(t *testing.T) {
	tests := []struct {
		name      string
		age, educ int
		insured   bool
		mayAsk    bool
		allowed   []Benefit
	}{
		{"young without vocational education", 22, 2, true, false, []Benefit{Uddannelseshjaelp, Kontanthjaelp}},
		{"insured adult", 40, 4, true, true, []Benefit{Sygedagpenge, Ressourceforloeb, Dagpenge}},
		{"uninsured adult", 40, 4, false, true, []Benefit{Sygedagpenge, Ressourceforloeb, Kontanthjaelp}},
		{"uninsured under 25", 23, 3, false, true, []Benefit{Sygedagpenge, Kontanthjaelp}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(7, 8))
			seen := map[Benefit]bool{}
			for range 2000 {
				asked := false
				b := FirstBenefit(r, tt.age, tt.educ, func() bool { asked = true; return tt.insured })
				if asked && !tt.mayAsk {
					t.Fatal("insured was called though age and education decide the benefit")
				}
				if asked != (b == Dagpenge || b == Kontanthjaelp) && tt.mayAsk {
					t.Fatalf("%s: insured called %v", b, asked)
				}
				seen[b] = true
			}
			for _, b := range tt.allowed {
				if !seen[b] {
					t.Errorf("%s never drawn", b)
				}
				delete(seen, b)
			}
			for b := range seen {
				t.Errorf("%s drawn, want only %v", b, tt.allowed)
			}
		})
	}
}
