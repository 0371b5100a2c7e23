package rules

import (
	"fmt"

	"github.com/saglig/saglig/lint/classify"
	"github.com/saglig/saglig/lint/finding"
)

func init() {
	register(&Rule{
		ID:       "SAG301",
		Name:     "direct-identifier",
		Severity: finding.Error,
		Summary:  "a column holds direct identifiers (CPR numbers, names, e-mail, phone)",
		Legal:    []Citation{gdpr5c, gdpr25, bek2stk2},
		Doc: `A model does not need to know who a person is to learn from their case. Direct
identifiers in a training set break data minimisation (GDPR art. 5(1)(c)) and
data protection by design and by default (art. 25), which BEK § 2, stk. 2
makes a condition of the processing. A CPR number also leaks birth date and,
before 2007, sex.

The rule fires, whatever the column's role, when its values are CPR-like
(DDMMYY-SSSS or ten digits with a valid date), e-mail addresses, Danish phone
numbers or person names, or when its name unambiguously says so (cpr_nr,
email). Evidence shows the share of matching values and masked examples
(0101••-••••, b•••@•••.dk); saglig never prints the values themselves.

Fix: replace the identifier with a pseudonymous key (a keyed hash kept apart
from the key) before the data reach the training set, or drop the column.`,
		Bad: `features:
  borger_cpr: {role: id, source: CPR}   # values: DDMMYY-SSSS`,
		Good: `features:
  borger_pid: {role: id, source: pseudonymised CPR (HMAC, key held by IT security)}`,
		Scope: ScopeDataset,
		Check: checkDirectIdentifier,
	})
}

func checkDirectIdentifier(p *Pass) {
	for _, c := range p.Columns {
		kind := c.Class.Identifier
		if kind == "" {
			continue
		}
		what := classify.DescribeIdentifier(kind)
		ev := map[string]any{"kind": kind, "explanation": c.Class.Explanation}
		for _, v := range c.Class.Values {
			if v.Category == "identifier" || v.Category == "contact" {
				ev["detector"] = v.Detector
				ev["share"] = round3(v.Share)
				ev["sampled"] = v.N
				if len(v.Examples) > 0 {
					ev["examples"] = v.Examples
				}
				break
			}
		}
		p.Report(Report{
			Column:   c.Path,
			Pos:      c.Pos(),
			Message:  fmt.Sprintf("column %q holds %s (%s): direct identifiers do not belong in training data", c.Path, what, c.Class.Explanation),
			Fix:      "replace it with a pseudonymous key (a keyed hash, key kept apart) before training, or drop the column",
			Evidence: ev,
		})
	}
}
