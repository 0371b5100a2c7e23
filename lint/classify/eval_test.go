package classify

import (
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// Evaluation on real data (testdata/eval/, described in its README.md and
// in docs/classification.md, "Evaluation on real data").
//
// Precision and recall are computed over the sensitive categories: every
// contract category except "other"; a label "-" and a prediction of no
// category or of "other" are "none". For each column with label W and
// prediction G:
//
//	W == G != none   a true positive of W
//	G != none, G != W   a false positive of G
//	W != none, G != W   a false negative of W
//
// so a prediction of a wrong category counts as both a false positive and
// a false negative. Related categories (household and marital-status,
// income and benefits-history, ...) are not credited for each other.
//
// The tune part may be inspected column by column (go test -v -run
// TestEvalTune); the held-out part prints only aggregate tables and is
// gated by the floors below.

// Held-out floors. Ratchet: they sit just below the held-out figures
// measured when the corpus was landed (docs/classification.md gives the
// date and commit); the classify helper raises these to the targets
// 0.95/0.85 as the classifier improves, and never lowers them.
const (
	evalHeldoutMinPrecision = 0.88
	evalHeldoutMinRecall    = 0.19
)

// evalOptions fixes the run's date to the corpus's, so that the figures do
// not drift with the calendar.
var evalOptions = Options{Today: time.Date(2026, time.December, 1, 0, 0, 0, 0, time.UTC)}

// evalScore counts true positives, false positives and false negatives.
type evalScore struct{ tp, fp, fn, columns int }

// score counts one column labelled want and predicted got ("" for none).
func (s *evalScore) score(want, got string) {
	s.columns++
	if want == got {
		if want != "" {
			s.tp++
		}
		return
	}
	if got != "" {
		s.fp++
	}
	if want != "" {
		s.fn++
	}
}

// precision and recall are 1 when nothing was counted (ratio, in
// accuracy_test.go).
func (s *evalScore) precision() float64 { return ratio(s.tp, s.tp+s.fp) }
func (s *evalScore) recall() float64    { return ratio(s.tp, s.tp+s.fn) }

// evalRole tallies one labelled role against GuessRole.
type evalRole struct{ labelled, guessed, wrong int }

// evalResult is the evaluation of one corpus part.
type evalResult struct {
	datasets     int
	all          evalScore
	byLang       map[string]*evalScore
	byCat        map[string]*evalScore
	byDataset    map[string]*evalScore
	roles        map[string]*evalRole
	direct, hits int // direct identifiers labelled, and found (Result.Identifier set)
	misses       []string
}

func evalNone(cat string) string {
	if cat == "-" || cat == "other" {
		return ""
	}
	return cat
}

// evaluate classifies every column of the datasets and scores the result.
func evaluate(datasets []evalDataset) *evalResult {
	return evaluateWith(datasets, func(evalDataset) Options { return evalOptions })
}

// evaluateWith is evaluate with the options (the vocabulary) chosen per
// dataset.
func evaluateWith(datasets []evalDataset, options func(evalDataset) Options) *evalResult {
	res := &evalResult{
		datasets:  len(datasets),
		byLang:    map[string]*evalScore{},
		byCat:     map[string]*evalScore{},
		byDataset: map[string]*evalScore{},
		roles:     map[string]*evalRole{},
	}
	get := func(m map[string]*evalScore, k string) *evalScore {
		if m[k] == nil {
			m[k] = &evalScore{}
		}
		return m[k]
	}
	for _, d := range datasets {
		opt := options(d)
		var cols []evalColumn
		var results []Result
		// Each table is classified as one, through the entry point lint,
		// profile and init use (ClassifyTable).
		for _, table := range d.tables() {
			in := make([]Column, len(table))
			for i, c := range table {
				in[i] = c.column(d)
			}
			cols = append(cols, table...)
			results = append(results, ClassifyTable(in, opt)...)
		}
		for i, c := range cols {
			r := results[i]
			want, got := evalNone(c.Category), evalNone(r.Category)
			res.all.score(want, got)
			get(res.byLang, c.lang(d)).score(want, got)
			get(res.byDataset, d.Dataset).score(want, got)
			if want != "" {
				get(res.byCat, want).columns++
			}
			// Per category: a hit is the labelled category's; a wrong
			// prediction is a false positive of the predicted one and a
			// false negative of the labelled one.
			if want == got && want != "" {
				get(res.byCat, want).tp++
			}
			if want != got {
				if got != "" {
					get(res.byCat, got).fp++
				}
				if want != "" {
					get(res.byCat, want).fn++
				}
				res.misses = append(res.misses, fmt.Sprintf("%s %s: want %s, got %s — %s",
					d.Dataset, c.Name, evalShow(want), evalShow(got), r.Explanation))
			}
			if c.Direct {
				res.direct++
				if r.Identifier != "" {
					res.hits++
				} else {
					res.misses = append(res.misses, fmt.Sprintf("%s %s: direct identifier not recognised", d.Dataset, c.Name))
				}
			}
			guess := r.Role
			if guess == "input" {
				guess = ""
			}
			label := c.Role
			if label == "input" {
				label = ""
			}
			if c.Role == "" {
				continue // not obvious: not scored
			}
			if label != "" {
				ro := res.roles[label]
				if ro == nil {
					ro = &evalRole{}
					res.roles[label] = ro
				}
				ro.labelled++
				if guess == label {
					ro.guessed++
				}
			}
			if guess != "" && guess != label {
				ro := res.roles[guess]
				if ro == nil {
					ro = &evalRole{}
					res.roles[guess] = ro
				}
				ro.wrong++
			}
			if guess != label {
				res.misses = append(res.misses, fmt.Sprintf("%s %s: role want %s, guessed %s",
					d.Dataset, c.Name, evalShow(label), evalShow(guess)))
			}
		}
	}
	return res
}

func evalShow(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// tables renders the aggregate tables: overall, per language, per
// category, direct identifiers and roles. Never a column name.
func (res *evalResult) tables(part string) string {
	var b strings.Builder
	row := func(name string, s *evalScore) {
		fmt.Fprintf(&b, "| %s | %d | %s | %s | %d / %d / %d |\n", name, s.columns,
			evalFigure(s.tp, s.tp+s.fp), evalFigure(s.tp, s.tp+s.fn), s.tp, s.fp, s.fn)
	}
	fmt.Fprintf(&b, "%s: %d datasets, %d columns, precision %.3f, recall %.3f\n\n",
		part, res.datasets, res.all.columns, res.all.precision(), res.all.recall())
	b.WriteString("| language | columns | precision | recall | tp / fp / fn |\n| --- | --- | --- | --- | --- |\n")
	for _, l := range slices.Sorted(maps.Keys(res.byLang)) {
		row(l, res.byLang[l])
	}
	row("all", &res.all)
	b.WriteString("\n| category | labelled | precision | recall | tp / fp / fn |\n| --- | --- | --- | --- | --- |\n")
	for _, c := range slices.Sorted(maps.Keys(res.byCat)) {
		s := res.byCat[c]
		fmt.Fprintf(&b, "| %s | %d | %s | %s | %d / %d / %d |\n", c, s.columns,
			evalFigure(s.tp, s.tp+s.fp), evalFigure(s.tp, s.tp+s.fn), s.tp, s.fp, s.fn)
	}
	fmt.Fprintf(&b, "\ndirect identifiers recognised: %d of %d\n", res.hits, res.direct)
	b.WriteString("\n| role | labelled | guessed | wrongly guessed |\n| --- | --- | --- | --- |\n")
	for _, r := range slices.Sorted(maps.Keys(res.roles)) {
		ro := res.roles[r]
		fmt.Fprintf(&b, "| %s | %d | %d | %d |\n", r, ro.labelled, ro.guessed, ro.wrong)
	}
	return b.String()
}

// datasetTable renders the figures of each dataset: for the tune part only
// (the held-out part is reported in aggregate), so that a change is seen
// where it acts and a dataset joining the tune part does not hide one.
func (res *evalResult) datasetTable() string {
	var b strings.Builder
	b.WriteString("| dataset | columns | precision | recall | tp / fp / fn |\n| --- | --- | --- | --- | --- |\n")
	for _, d := range slices.Sorted(maps.Keys(res.byDataset)) {
		s := res.byDataset[d]
		fmt.Fprintf(&b, "| %s | %d | %s | %s | %d / %d / %d |\n", d, s.columns,
			evalFigure(s.tp, s.tp+s.fp), evalFigure(s.tp, s.tp+s.fn), s.tp, s.fp, s.fn)
	}
	return b.String()
}

// evalFigure renders a ratio for the tables; "–" when nothing was counted
// (no prediction of the category, or no column labelled with it).
func evalFigure(a, b int) string {
	if b == 0 {
		return "–"
	}
	return fmt.Sprintf("%.3f", float64(a)/float64(b))
}

func loadEvalParts(t *testing.T) (tune, heldout []evalDataset) {
	t.Helper()
	tune, err := loadEvalPart(filepath.Join("testdata", "eval", "tune"))
	if err != nil {
		t.Fatal(err)
	}
	heldout, err = loadEvalPart(filepath.Join("testdata", "eval", "heldout"))
	if err != nil {
		t.Fatal(err)
	}
	if len(tune) == 0 || len(heldout) == 0 {
		t.Fatalf("evaluation corpus incomplete: %d tune and %d held-out datasets", len(tune), len(heldout))
	}
	names := map[string]string{}
	for part, ds := range map[string][]evalDataset{"tune": tune, "heldout": heldout} {
		for _, d := range ds {
			if other, dup := names[d.Dataset]; dup {
				t.Fatalf("dataset %s is in both %s and %s", d.Dataset, other, part)
			}
			names[d.Dataset] = part
		}
	}
	return tune, heldout
}

// The corpus's size and split, as issue 9 asks: at least 800 labelled
// columns from at least 12 datasets, at least 40% of the datasets held
// out, and every language in both parts.
const (
	evalMinColumns       = 800
	evalMinDatasets      = 12
	evalMinHeldoutShare  = 0.40
	evalLanguagesPerPart = 6
)

func TestEvalCorpus(t *testing.T) {
	tune, heldout := loadEvalParts(t)
	columns := 0
	for part, ds := range map[string][]evalDataset{"tune": tune, "heldout": heldout} {
		langs := map[string]bool{}
		for _, d := range ds {
			columns += len(d.Columns)
			for _, c := range d.Columns {
				langs[c.lang(d)] = true
			}
		}
		if len(langs) < evalLanguagesPerPart {
			t.Errorf("%s part covers %d languages, want all %d", part, len(langs), evalLanguagesPerPart)
		}
	}
	n := len(tune) + len(heldout)
	if n < evalMinDatasets || columns < evalMinColumns {
		t.Errorf("corpus has %d datasets and %d columns, want at least %d and %d", n, columns, evalMinDatasets, evalMinColumns)
	}
	if share := float64(len(heldout)) / float64(n); share < evalMinHeldoutShare {
		t.Errorf("%.0f%% of the datasets are held out, want at least %.0f%%", 100*share, 100*evalMinHeldoutShare)
	}
}

// TestEvalTune reports the classifier on the tune part. With -v it lists
// every miss, column by column, for tuning. It gates nothing: figures on
// data the classifier is tuned on are no claim.
func TestEvalTune(t *testing.T) {
	tune, _ := loadEvalParts(t)
	res := evaluate(tune)
	t.Log("\n" + res.tables("tune") + "\n" + res.datasetTable())
	for _, m := range res.misses {
		t.Log("miss: " + m)
	}
}

// TestEvalHeldout gates the classifier on the held-out part. It prints
// only the aggregate tables: no column of the held-out part is ever named
// in the output, so that nobody tunes on it.
func TestEvalHeldout(t *testing.T) {
	_, heldout := loadEvalParts(t)
	res := evaluate(heldout)
	t.Log("\n" + res.tables("held-out"))
	if p := res.all.precision(); p < evalHeldoutMinPrecision {
		t.Errorf("held-out precision %.3f below the floor %.3f", p, evalHeldoutMinPrecision)
	}
	if r := res.all.recall(); r < evalHeldoutMinRecall {
		t.Errorf("held-out recall %.3f below the floor %.3f", r, evalHeldoutMinRecall)
	}
}
