package rules

import (
	"fmt"

	"github.com/saglig/saglig/lint/classify"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/legal"
)

func init() {
	register(&Rule{
		ID:       "SAG301",
		Name:     "direct-identifier",
		Severity: finding.Error,
		Summary:  "a column holds direct identifiers (CPR numbers, names, e-mail, phone)",
		Legal:    []*Citation{legal.GDPR5c, legal.GDPR25_1, legal.Order2Stk2},
		Doc: `A model does not need to know who a person is to learn from their case. Direct
identifiers in a training set go against data minimisation (GDPR art. 5(1)(c))
and data protection by design (art. 25(1) names pseudonymisation as a
measure). A CPR number also gives away the birth date (its first six digits)
and sex (its last digit is even for women, odd for men — still so after 2007,
when only the modulus-11 check ended).

The rule fires, whatever the column's role, when its values are CPR-like
(DDMMYY-SSSS or ten digits with a valid date), e-mail addresses, Danish phone
numbers or person names, or when its name unambiguously says so (cpr_nr,
email). Evidence shows the share of matching values and masked examples
(0101••-••••, b•••@•••.dk); saglig never prints the values themselves.

Fix: replace the identifier with a pseudonymous key (a keyed hash kept apart
from the key) before the data reach the training set, or drop the column.`,
		OrderDoc: `BEK § 2, stk. 2: the municipality "skal endvidere sikre" that the processing
observes the data protection rules, including "passende tekniske og
organisatoriske sikkerhedsforanstaltninger" (art. 24 and 32) and data
protection by design and by default (art. 25).`,
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
