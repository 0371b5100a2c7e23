package rules

import (
	"strings"
	"time"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/policy"
)

func init() {
	register(&Rule{
		ID:       "SAG004",
		Name:     "invalid-waiver",
		Severity: finding.Error,
		Summary:  i18n.N("a waiver names no known rule, gives no reason that is a sentence, names a protected column it cannot, or has expired"),
		Doc: `A waiver accepts a finding on the record: it names the rule, says why the
finding is accepted, and may say until when. A waiver that names no known rule
waives nothing; one without a reason is not a record of a decision, and
neither is one whose reason is a word rather than a sentence ("ok", "accepted");
an expired one no longer applies (the finding it covered is reported again).

The rule fires for each such waiver, at its position in the map. A reason must
have at least 5 words and 30 characters — saglig's own heuristic, set in the
policy (heuristics.record_min_words, heuristics.record_min_chars). A waiver may name
the one protected column whose proxy finding it accepts (protected:), but only
on rule SAG104 and only a column the map declares protected (role: protected). A
waiver is valid through its expiry date (expires:). SAG004 and SAG005 cannot be
waived.

An invalid waiver accepts nothing: the finding it was meant for stays open.

Fix: correct the rule id or the protected column, write the reason as a
sentence (what was decided, by whom, where the assessment is), or renew or
remove the expired waiver after reassessing the finding.`,
		Bad: `waivers:
  - rule: SAG999
    reason: ok
    expires: 2024-01-31`,
		Good: `waivers:
  - rule: SAG104
    protected: herkomst
    reason: Postcode is kept because the offer is given by the local office; the
      proxy risk was assessed in DPIA 2025-07 and the score is audited quarterly.
    expires: 2027-06-30`,
		Scope: ScopeMap,
		Lock:  NoWaiver,
		Check: checkInvalidWaiver,
	})
}

// WaiverProblem says why a waiver on the map accepts nothing, in tr's
// language, and which of its keys is at fault; it returns "" for a valid
// waiver. h sets how much a reason must say.
func WaiverProblem(tr *i18n.Printer, w *featuremap.Waiver, m *featuremap.Map, today time.Time, h policy.Heuristics) (problem, key string) {
	id := strings.ToUpper(strings.TrimSpace(w.Rule))
	r := registry[id]
	switch {
	case id == "":
		return tr.Sprintf("names no rule"), "rule"
	case r == nil:
		if s := Suggest(w.Rule); s != "" {
			return tr.Sprintf("names unknown rule %q (did you mean %s?)", w.Rule, s), "rule"
		}
		return tr.Sprintf("names unknown rule %q", w.Rule), "rule"
	case !r.Waivable():
		return tr.Sprintf("waives %s, which cannot be waived", id), "rule"
	case w.Reason.Missing():
		return tr.Sprintf("has no reason"), "reason"
	}
	if p, _ := TextProblem(tr, w.Reason, h); p != "" {
		return tr.Sprintf("gives a reason of %s", p), "reason"
	}
	if w.Protected != "" {
		if id != "SAG104" {
			return tr.Sprintf("names protected column %q, which only a SAG104 (proxy) waiver can", w.Protected), "protected"
		}
		if f := m.Lookup(w.Protected); f == nil || f.Glob || f.EffectiveRole() != featuremap.RoleProtected {
			return tr.Sprintf("names protected column %q, which the map does not declare with role: protected", w.Protected), "protected"
		}
	}
	if w.Expired(today) {
		return tr.Sprintf("expired on %s", tr.Date(*w.Expires)), "expires"
	}
	return "", ""
}

// eachWaiver calls fn for every waiver of the map, with the feature key it
// is on ("" for the purpose's), in file order.
func eachWaiver(m *featuremap.Map, fn func(key string, w *featuremap.Waiver)) {
	for i := range m.Purpose.Waivers {
		fn("", &m.Purpose.Waivers[i])
	}
	for _, f := range m.Features {
		for i := range f.Waivers {
			fn(f.Key, &f.Waivers[i])
		}
	}
}

// waiverOn names where a waiver is, for messages.
func (p *Pass) waiverOn(key string) string {
	if key == "" {
		return p.Sprintf("waiver on the purpose")
	}
	return p.Sprintf("waiver on %q", key)
}

func checkInvalidWaiver(p *Pass) {
	eachWaiver(p.Map, func(key string, w *featuremap.Waiver) {
		problem, field := WaiverProblem(p.tr(), w, p.Map, p.Today, p.heuristics())
		if problem == "" {
			return
		}
		p.Report(Report{
			Column:  key,
			Pos:     w.At(field),
			Message: p.Sprintf("%s %s, so it waives nothing", p.waiverOn(key), problem),
			Fix:     p.Sprintf("name a known rule (and, on SAG104, a protected column of the map), give the reason as a sentence, and renew or remove an expired waiver"),
		})
	})
}
