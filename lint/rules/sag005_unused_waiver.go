package rules

import (
	"strings"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/finding"
)

func init() {
	register(&Rule{
		ID:       "SAG005",
		Name:     "unused-waiver",
		Severity: finding.Warning,
		Summary:  i18n.N("a valid waiver accepted no finding in the run"),
		Doc: `A waiver records that a finding was accepted. When the finding is gone — the
column was fixed, renamed or dropped, the rule no longer fires on it — the
waiver records nothing, yet a reader of the map (and the report's column
inventory) takes it for an accepted risk. Like ruff's RUF100 (unused noqa) and
golangci-lint's nolintlint, saglig reports it so it can be removed.

The rule fires, once per run, for each valid waiver (SAG004 reports the
invalid ones) that accepted no finding in any dataset. It stays silent for
waivers of rules that did not run (a rule that measures the data, with
--schema-only) and when the run is incomplete (a file was unreadable), since
the finding may be in it. SAG005 cannot be waived.

Fix: remove the waiver; if the finding should come back, it will be reported
again.`,
		Bad: `# koen was removed from the dataset
features:
  koen:
    role: metadata
    waivers:
      - rule: SAG102
        reason: Kept for one more training round while the replacement is validated.`,
		Good: `features:
  koen:
    role: metadata`,
		Scope: ScopeRun,
		Lock:  NoWaiver,
		Check: checkUnusedWaiver,
	})
}

func checkUnusedWaiver(p *Pass) {
	if p.Incomplete {
		return
	}
	used := map[featuremap.Pos]bool{}
	for i := range p.Prior {
		if a := p.Prior[i].Accepted; a != nil && a.By == finding.ByWaiver && a.Pos != nil {
			used[*a.Pos] = true
		}
	}
	eachWaiver(p.Map, func(key string, w *featuremap.Waiver) {
		if used[w.Pos] {
			return
		}
		if problem, _ := WaiverProblem(p.tr(), w, p.Map, p.Today, p.heuristics()); problem != "" {
			return
		}
		id := strings.ToUpper(strings.TrimSpace(w.Rule))
		if p.Skipped[id] {
			return
		}
		msg := p.Sprintf("%s for %s accepted no finding in this run: it records nothing", p.waiverOn(key), id)
		if w.Protected != "" {
			msg = p.Sprintf("%s for %s against %q accepted no finding in this run: it records nothing", p.waiverOn(key), id, w.Protected)
		}
		p.Report(Report{
			Column:  key,
			Pos:     w.Pos,
			Message: msg,
			Fix:     p.Sprintf("remove the waiver"),
		})
	})
}
