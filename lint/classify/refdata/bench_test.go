package refdata

import "testing"

// BenchmarkLoadAll loads every vocabulary from the embedded files, as the
// first classification of a run does (budget: 10 ms for all).
func BenchmarkLoadAll(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		for _, n := range All() {
			if _, err := load(n); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkCoverage measures a 200-value column against the first names.
func BenchmarkCoverage(b *testing.B) {
	v := Get(FirstNames)
	values := make([]string, 200)
	names := []string{"Anne", "Peter", "Søren", "Mette", "Jennifer", "Lars", "Ingrid", "Hans", "Fatima", "Ole"}
	for i := range values {
		values[i] = names[i%len(names)]
	}
	b.ReportAllocs()
	for b.Loop() {
		v.Coverage(values)
	}
}
