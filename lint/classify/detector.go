package classify

import (
	"sort"
	"sync"
	"time"

	"github.com/saglig/saglig/internal/i18n"
)

// # Value detectors
//
// A value detector recognises one kind of value in a column's sample (CPR
// numbers, gender words, postcodes, ...). Each lives in its own file,
// detect_<name>.go, and registers itself from init, as the rules of
// lint/rules do:
//
//	func init() {
//		register(&Detector{
//			Name:   DetectorEmail,                 // reported in ValueMatch.Detector
//			Doc:    "e-mail addresses local@domain.tld",
//			Kinds:  []Kind{KindText},               // nil: every kind but bool
//			Mask:   MaskEmail,                      // how a matched value is shown
//			Detect: detectEmail,
//		})
//	}
//
//	// Weights, as named values: how much a full match says, and the least share.
//	const (
//		emailWeight   = 0.95
//		emailMinShare = 0.5
//	)
//
//	func detectEmail(in *Input) []Evidence {
//		ok, share := in.Sample.Match(func(i int, raw, folded string) bool { return emailRe.MatchString(raw) })
//		if share < emailMinShare {
//			return nil
//		}
//		return []Evidence{{Category: "contact", Identifier: IdentEmail, Share: share,
//			Strength: emailWeight * share, Detail: i18n.M("%d%% e-mail addresses", pct(share)), Matched: ok}}
//	}
//
// The contract:
//
//   - Input: the column's typed information (Kind, the display Type, row,
//     null and distinct counts, but not its name: value evidence must stand
//     on its own so that it can confirm or contradict the name), the run's
//     date (Today, never time.Now), and the Sample: the distinct non-null
//     values in first-seen order with their counts and folded forms
//     (fold: lower case, æøå/äöü folded, accents dropped). Detectors read the
//     sample and never change it.
//   - Output: zero or more Evidence, each a candidate Category (a contract
//     category, or "other" for evidence that the column is not personal, such
//     as a yes/no flag), a Strength 0..1 (how surely the values alone indicate
//     the category, before the sample-size discount, which the registry
//     applies), the Share of examined values that match, an Identifier kind
//     when the values are direct identifiers (IdentCPR, IdentEmail, ...; see
//     identifier.go), a Detail for the explanation ("100% valid Danish
//     postcodes") and Matched, which values matched (by index into the
//     sample), from which the registry draws up to three examples through the
//     detector's Mask. A raw value never leaves a detector except through
//     Mask.
//   - Weights are named constants (or data) at the top of the detector's
//     file, never bare numbers in its logic.
//   - Reference data come from generated files with their source and licence
//     (package refdata, data/); recognisers of identifier formats from
//     package ident. A detector file only combines them into evidence.
//
// The registry runs every detector on every sampled column (below minVerdict
// non-null values, and for boolean columns, none runs), in name order so
// that results are deterministic, keeps evidence of at least minReport after
// the sample-size discount, and sorts it strongest first.

// Detector is one value detector.
type Detector struct {
	// Name identifies the detector in ValueMatch.Detector and Mask
	// ("cpr", "gender-words", "postcode-dk").
	Name string
	// Doc says in one line what the detector recognises.
	Doc string
	// Kinds are the column kinds the detector looks at; nil means every
	// kind (boolean columns are never judged).
	Kinds []Kind
	// Detect examines a column's sample.
	Detect func(in *Input) []Evidence
	// Mask shows one matched value without revealing it; nil shows "•••".
	Mask func(v string) string
}

// Input is what a detector sees of a column.
type Input struct {
	// Kind is the column's value kind; Type the type as displayed
	// ("int64", "timestamp[us, UTC]").
	Kind Kind
	Type string
	// Rows, Nulls and Distinct are the dataset's counts (0 when unknown).
	Rows, Nulls, Distinct int64
	// Today is the run's date.
	Today time.Time
	// Sample holds the sampled non-null values.
	Sample *Sample
	// vocab is the run's name vocabulary, for detectors that read words in
	// values as names are read (health-words); it is not the column's name.
	vocab *vocabulary
}

// Evidence is one candidate a detector found.
type Evidence struct {
	// Category is a contract category, or "other" for evidence that the
	// values are not personal data of any category.
	Category string
	// Identifier is the direct-identifier kind the values are (IdentCPR,
	// IdentEmail, ...), or "".
	Identifier string
	// Share is the share of examined values that match, 0..1.
	Share float64
	// Strength is how surely the values alone indicate Category, 0..1,
	// before the sample-size discount.
	Strength float64
	// Detail says what matched, for the explanation: "100% valid Danish
	// postcodes", a message in the catalogue.
	Detail i18n.Msg
	// Matched marks, by index into the sample, the values that matched;
	// the registry shows up to three of them, masked. nil shows none.
	Matched []bool
}

var detectorRegistry = map[string]*Detector{}

// register adds a detector; each detector file calls it from init.
func register(d *Detector) {
	if _, dup := detectorRegistry[d.Name]; dup {
		panic("classify: duplicate detector " + d.Name)
	}
	if d.Name == "" || d.Doc == "" || d.Detect == nil {
		panic("classify: incomplete detector " + d.Name)
	}
	detectorRegistry[d.Name] = d
}

// Detectors returns every registered detector, ordered by name.
func Detectors() []*Detector {
	out := make([]*Detector, 0, len(detectorRegistry))
	for _, d := range detectorRegistry {
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// detectorList is Detectors, computed once after every init has run.
var detectorList = sync.OnceValue(Detectors)

func (d *Detector) looksAt(k Kind) bool {
	if d.Kinds == nil {
		return true
	}
	for _, x := range d.Kinds {
		if x == k {
			return true
		}
	}
	return false
}

// ValueMatch is what one value detector found in a column's sample.
type ValueMatch struct {
	// Detector is the detector's name.
	Detector string
	Category string
	// Identifier is the direct-identifier kind the values are, or "".
	Identifier string
	// Share is the share of examined values that match, 0..1.
	Share float64
	// N is the number of non-null values examined.
	N int
	// Distinct is the number of distinct values among them.
	Distinct int
	// Detail says what matched, e.g. "100% match Danish gender words".
	Detail i18n.Msg
	// Examples holds at most 3 masked matching values (see Mask).
	Examples []string
	// Strength is how surely the values alone indicate Category, 0..1: the
	// detector's strength discounted for small samples.
	Strength float64
}

// Sample sizes: below minVerdict non-null values a detector gives no
// verdict; from fullSample on it gets full weight; only the first
// maxExamined values are read.
const (
	minVerdict  = 5
	fullSample  = 20
	maxExamined = 1000
	// minReport is the weakest value evidence kept in Result.Values.
	minReport = 0.2
	// maxExamples is how many masked examples a match shows.
	maxExamples = 3
)

// sizeFactor discounts evidence from small samples: 0 below minVerdict,
// rising to 1 at fullSample.
func sizeFactor(n int) float64 {
	if n < minVerdict {
		return 0
	}
	if n >= fullSample {
		return 1
	}
	return 0.5 + 0.5*float64(n-minVerdict)/float64(fullSample-minVerdict)
}

// detectValues runs every detector and returns the matches worth reporting,
// strongest first.
func detectValues(c Column, opt Options) ([]ValueMatch, *Sample) {
	s := newSample(c)
	if s.N() < minVerdict || s.kind == KindBool {
		return nil, s
	}
	in := &Input{Kind: s.kind, Type: c.Type, Rows: c.Rows, Nulls: c.Nulls, Distinct: c.Distinct, Today: opt.Today, Sample: s, vocab: opt.vocabulary()}
	var out []ValueMatch
	for _, det := range detectorList() {
		if !det.looksAt(s.kind) {
			continue
		}
		for _, ev := range det.Detect(in) {
			m := ValueMatch{
				Detector: det.Name, Category: ev.Category, Identifier: ev.Identifier,
				Share: round2(ev.Share), N: s.N(), Distinct: s.Distinct(), Detail: ev.Detail,
				Strength: round2(ev.Strength * sizeFactor(s.N())),
			}
			if m.Strength < minReport {
				continue
			}
			if ev.Matched != nil {
				m.Examples = s.examples(det, ev.Matched)
			}
			out = append(out, m)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Strength != out[j].Strength {
			return out[i].Strength > out[j].Strength
		}
		return out[i].Detector < out[j].Detector
	})
	return out, s
}

// examples returns up to maxExamples distinct masked values among those
// matched.
func (s *Sample) examples(det *Detector, matched []bool) []string {
	var out []string
	seen := map[string]bool{}
	for i := range s.raw {
		if len(out) == maxExamples {
			break
		}
		if i >= len(matched) || !matched[i] {
			continue
		}
		m := maskWith(det, s.raw[i])
		if !seen[m] {
			seen[m] = true
			out = append(out, m)
		}
	}
	return out
}

func maskWith(d *Detector, v string) string {
	if d == nil || d.Mask == nil {
		return masked
	}
	return d.Mask(v)
}

// Mask masks a value as the named detector shows its matches: identifier
// detectors keep a shape (ident.MaskCPR, ident.MaskEmail, ident.MaskPhone,
// MaskName);
// detectors whose matches are vocabulary words (gender words, country codes,
// origin words) show the vocabulary entry, never the raw text; number-like
// detectors keep the leading digit. Unknown detectors give "•••".
func Mask(detector, s string) string {
	return maskWith(detectorRegistry[detector], s)
}

func pct(f float64) int { return int(f*100 + 0.5) }
