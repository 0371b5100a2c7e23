package classify

import (
	"fmt"
	"testing"
)

// schema1000 builds a 1,000-column schema with 200-value samples from the
// value corpus and the name corpus.
func schema1000(b *testing.B) []Column {
	b.Helper()
	corpus, err := loadValueCorpus("testdata/values")
	if err != nil {
		b.Fatal(err)
	}
	names := []string{"koen", "antal_adresseskift_5aar", "husstandsindkomst", "postnr", "c7", "sagsbehandlingstid", "borger_id", "fodselsdato", "erhvervserfaring_aar", "feature_42"}
	cols := make([]Column, 1000)
	for i := range cols {
		v := corpus[i%len(corpus)]
		cols[i] = Column{Name: fmt.Sprintf("%s_%d", names[i%len(names)], i), Type: v.typ, Kind: testKind(v.typ), Rows: 100000, Sample: v.values[:200]}
	}
	return cols
}

func BenchmarkClassifySchema1000(b *testing.B) {
	cols := schema1000(b)
	Classify(cols[0], testOpt) // load the embedded vocabulary and data outside the timer
	b.ResetTimer()
	for b.Loop() {
		for _, c := range cols {
			Classify(c, testOpt)
		}
	}
}

// BenchmarkClassifyNames1000 classifies the names of a 1,000-column schema
// without samples, as --schema-only does.
func BenchmarkClassifyNames1000(b *testing.B) {
	cols := schema1000(b)
	for i := range cols {
		cols[i].Sample = nil
	}
	Classify(cols[0], testOpt)
	b.ResetTimer()
	for b.Loop() {
		for _, c := range cols {
			Classify(c, testOpt)
		}
	}
}

// BenchmarkClassifyRegisterNames classifies the names of the evaluation
// corpus's tune part without samples (862 names of registers, surveys and
// benchmark datasets, many of them codes: CIVST, DispInk04, laufzeit), as
// --schema-only does: the cost of reading codes as abbreviated words.
func BenchmarkClassifyRegisterNames(b *testing.B) {
	tune, err := loadEvalPart("testdata/eval/tune")
	if err != nil {
		b.Fatal(err)
	}
	var cols []Column
	for _, d := range tune {
		for _, c := range d.Columns {
			col := c.column(d)
			cols = append(cols, Column{Name: col.Name, Type: col.Type, Kind: col.Kind}) // no values
		}
	}
	Classify(cols[0], testOpt)
	b.ResetTimer()
	for b.Loop() {
		for _, c := range cols {
			Classify(c, testOpt)
		}
	}
}

// BenchmarkBuildCodeReader builds the index that reads codes (abbrev.go),
// which a run pays once, on the first name with an unread token.
func BenchmarkBuildCodeReader(b *testing.B) {
	v := loadedVocabulary()
	for b.Loop() {
		newAbbrevIndex(v, v.known)
	}
}

// BenchmarkTableContext measures the table pass of ClassifyTable alone
// (context.go: counting the health evidence, and in a care record reading
// the names of the columns without a category) over every table of the
// evaluation corpus's tune part without samples, the columns classified
// beforehand: its cost on top of classifying each column.
func BenchmarkTableContext(b *testing.B) {
	tune, err := loadEvalPart("testdata/eval/tune")
	if err != nil {
		b.Fatal(err)
	}
	type table struct {
		cols []Column
		res  []Result
	}
	var tables []table
	n := 0
	for _, d := range tune {
		for _, cs := range d.tables() {
			t := table{}
			for _, c := range cs {
				col := Column{Name: c.Name, Type: "string", Kind: KindText}
				t.cols = append(t.cols, col)
				t.res = append(t.res, Classify(col, testOpt))
			}
			n += len(cs)
			tables = append(tables, t)
		}
	}
	contexts := tableContexts()
	work := make([]Result, 0, n)
	b.ResetTimer()
	for b.Loop() {
		for _, t := range tables {
			work = append(work[:0], t.res...)
			for _, tc := range contexts {
				tc.apply(t.cols, work)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/column")
}
