package lint

import (
	"sort"
	"strings"
	"time"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/baseline"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/policy"
	"github.com/saglig/saglig/lint/rules"
)

// chain post-processes a run's findings, always in one order:
//
//	waive → baseline → disable → sort
//
// Waiving and baselining accept findings on the record; they run on each
// batch of findings as the rules report them, so the art. 5(1)(c)
// assessment sees the accepted findings, marked accepted, and never loses
// them. Disabling and sorting run once, on the whole run. What a rule's
// Lock forbids is enforced here and nowhere else: no waiver accepts a
// NoWaiver rule's finding, no baseline a NoBaseline rule's.
type chain struct {
	m       *featuremap.Map
	mapFile string
	today   time.Time
	heur    policy.Heuristics
	// lang is the run's language: a waiver's reason is shown in it.
	lang     i18n.Lang
	base     *baseline.File
	disabled map[string]bool
	// refused counts, by rule, the findings a baseline recorded that the
	// rule does not let it accept.
	refused map[string]int
}

// accept runs the accepting processors, waive then baseline, on a batch.
func (c *chain) accept(fs []finding.Finding) {
	c.waive(fs)
	c.baseline(fs)
}

// finish runs the processors that act on the whole run, disable then sort.
func (c *chain) finish(fs []finding.Finding) []finding.Finding {
	return sortFindings(c.disable(fs))
}

// waive accepts each finding a valid waiver covers: a waiver on the
// finding's column (on the purpose for a finding on no column) naming its
// rule and, on SAG104, possibly its protected column. A waiver replaces an
// acceptance by documented relevance (it is the more explicit record).
func (c *chain) waive(fs []finding.Finding) {
	for i := range fs {
		f := &fs[i]
		if a := f.Accepted; a != nil && a.By != finding.ByRelevance {
			continue
		}
		if r, err := rules.Lookup(f.Rule); err != nil || !r.Waivable() {
			continue
		}
		ws := c.m.Purpose.Waivers
		if f.Column != "" {
			feat := c.m.Lookup(f.Column)
			if feat == nil {
				continue
			}
			ws = feat.Waivers
		}
		for j := range ws {
			w := &ws[j]
			if !strings.EqualFold(strings.TrimSpace(w.Rule), f.Rule) || (w.Protected != "" && w.Protected != f.Protected) {
				continue
			}
			if problem, _ := rules.WaiverProblem(i18n.For(i18n.English), w, c.m, c.today, c.heur); problem != "" {
				continue
			}
			reason := w.Reason.In(c.lang)
			a := finding.Acceptance{By: finding.ByWaiver, Reason: reason.Text, Lang: reason.Lang, Pos: &w.Pos}
			if w.Expires != nil {
				a.Expires = w.Expires.Format(time.DateOnly)
			}
			f.Accept(a)
			break
		}
	}
}

// baseline accepts each open finding the baseline records, unless its rule
// cannot be baselined: such a finding stays open and is counted in refused.
func (c *chain) baseline(fs []finding.Finding) {
	if c.base == nil {
		return
	}
	for i := range fs {
		f := &fs[i]
		if !f.Open() || !c.base.Has(f.FingerprintFor(c.mapFile)) {
			continue
		}
		if !rules.Baselinable(f.Rule) {
			c.refused[f.Rule]++
			continue
		}
		f.Accept(finding.Acceptance{By: finding.ByBaseline})
	}
}

// disable drops the findings of the rules disabled for the run.
func (c *chain) disable(fs []finding.Finding) []finding.Finding {
	if len(c.disabled) == 0 {
		return fs
	}
	out := fs[:0]
	for _, f := range fs {
		if !c.disabled[f.Rule] {
			out = append(out, f)
		}
	}
	return out
}

// sortFindings orders findings by dataset, column, rule, then message.
func sortFindings(fs []finding.Finding) []finding.Finding {
	sort.SliceStable(fs, func(i, j int) bool { return finding.Less(&fs[i], &fs[j]) })
	if fs == nil {
		fs = []finding.Finding{}
	}
	return fs
}

// ApplyBaseline accepts the result's open findings that b records, as a
// run with --baseline path would have (--write-baseline, then the run's own
// findings baselined), and recounts.
func (r *Result) ApplyBaseline(b *baseline.File, path string) {
	c := &chain{mapFile: r.Map, base: b, refused: map[string]int{}}
	c.baseline(r.Findings)
	r.Baseline = path
	r.setNotBaselined(c.refused)
	r.Recount()
}

// setNotBaselined records the findings a baseline could not accept.
func (r *Result) setNotBaselined(refused map[string]int) {
	r.NotBaselined = nil
	if len(refused) > 0 {
		r.NotBaselined = refused
	}
}

// Disabled is a rule turned off for a run, and by what.
type Disabled struct {
	Rule string `json:"rule"`
	// By is "map" (the map's disable: list) or "--disable".
	By string `json:"by"`
}

// disabledRules resolves the rules turned off for a run: the map's
// disable: list and --disable, less --enable. An unknown id, or a rule that
// cannot be disabled, is an error naming where it was written.
func disabledRules(m *featuremap.Map, disable, enable []string) ([]Disabled, error) {
	check := func(where, id string) (string, error) {
		r, err := rules.Lookup(strings.TrimSpace(id))
		if err != nil {
			if s := rules.Suggest(id); s != "" {
				return "", i18n.Errorf("%s: unknown rule %q (did you mean %s?)", where, id, s)
			}
			return "", i18n.Errorf("%s: unknown rule %q", where, id)
		}
		if !r.Baselinable() {
			return "", i18n.Errorf("%s: %s cannot be disabled: its findings are what a run must not hide (waive a finding on the record instead)", where, r.ID)
		}
		return r.ID, nil
	}
	on := map[string]bool{}
	for _, id := range enable {
		r, err := check("--enable", id)
		if err != nil {
			return nil, err
		}
		on[r] = true
	}
	var out []Disabled
	seen := map[string]bool{}
	add := func(ids []string, where, by string) error {
		for _, id := range ids {
			r, err := check(where, id)
			if err != nil {
				return err
			}
			if !on[r] && !seen[r] {
				seen[r] = true
				out = append(out, Disabled{Rule: r, By: by})
			}
		}
		return nil
	}
	if err := add(m.Disable, m.Fields["disable"].String()+": disable", "map"); err != nil {
		return nil, err
	}
	if err := add(disable, "--disable", "--disable"); err != nil {
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Rule < out[j].Rule })
	return out, nil
}
