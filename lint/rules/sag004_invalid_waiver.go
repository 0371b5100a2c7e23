package rules

import (
	"fmt"
	"strings"
	"time"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/lint/finding"
)

func init() {
	register(&Rule{
		ID:       "SAG004",
		Name:     "invalid-waiver",
		Severity: finding.Error,
		Summary:  "a waiver names no known rule, has no reason, or has expired",
		Doc: `A waiver accepts a finding on the record: it names the rule, says why the
finding is accepted, and may say until when. A waiver that names no known rule
waives nothing; one without a reason is not a record of a decision; an expired
one no longer applies (the finding it covered is reported again).

The rule fires for each such waiver, at its position in the map. A waiver is
valid through its expires: date. SAG004 itself cannot be waived.

Fix: correct the rule id, write the reason (at least one sentence), or renew
or remove the expired waiver after reassessing the finding.`,
		Bad: `waivers:
  - rule: SAG999
    reason: ""
    expires: 2024-01-31`,
		Good: `waivers:
  - rule: SAG104
    reason: Postcode is kept because the offer is given by the local office; the
      proxy risk was assessed in DPIA 2025-07 and the score is audited quarterly.
    expires: 2027-06-30`,
		Scope: ScopeMap,
		Check: checkInvalidWaiver,
	})
}

// WaiverProblem says why a waiver is invalid, or returns "" for a valid one.
func WaiverProblem(w *featuremap.Waiver, today time.Time) string {
	switch {
	case strings.TrimSpace(w.Rule) == "":
		return "names no rule"
	case !Known(strings.ToUpper(w.Rule)):
		if s := Suggest(w.Rule); s != "" {
			return fmt.Sprintf("names unknown rule %q (did you mean %s?)", w.Rule, s)
		}
		return fmt.Sprintf("names unknown rule %q", w.Rule)
	case strings.ToUpper(w.Rule) == "SAG004":
		return "waives SAG004, which cannot be waived"
	case featuremap.Missing(w.Reason):
		return "has no reason"
	case w.Expired(today):
		return fmt.Sprintf("expired on %s", w.Expires.Format("2006-01-02"))
	}
	return ""
}

func checkInvalidWaiver(p *Pass) {
	p.features(func(f *featuremap.Feature) {
		for i := range f.Waivers {
			w := &f.Waivers[i]
			problem := WaiverProblem(w, p.Today)
			if problem == "" {
				continue
			}
			var pos featuremap.Pos
			switch {
			case strings.HasPrefix(problem, "names"), strings.HasPrefix(problem, "waives"):
				pos = w.At("rule")
			case problem == "has no reason":
				pos = w.At("reason")
			default:
				pos = w.At("expires")
			}
			p.Report(Report{
				Column:  f.Key,
				Pos:     pos,
				Message: fmt.Sprintf("waiver on %q %s, so it waives nothing", f.Key, problem),
				Fix:     "name a known rule, give the reason in at least one sentence, and renew or remove an expired waiver",
			})
		}
	})
}
