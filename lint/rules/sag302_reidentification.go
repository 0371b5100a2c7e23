package rules

import (
	"fmt"
	"slices"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/legal"
	"github.com/saglig/saglig/lint/scan"
)

func init() {
	register(&Rule{
		ID:       "SAG302",
		Name:     "re-identification-risk",
		Severity: finding.Warning,
		Summary:  i18n.N("many rows share their combination of quasi-identifiers (birth date or age, postcode or area, sex, nationality) with fewer than k persons"),
		Legal:    []*Citation{legal.GDPR5c, legal.GDPR25_1, legal.Order2Stk2},
		Doc: `Removing names and CPR numbers does not make a training set anonymous: a
person whose age, postcode and sex no one else in the data shares can be
singled out by anyone who knows them, and linked to everything else in the
row. Data minimisation (GDPR art. 5(1)(c)) and data protection by design
(art. 25(1)) ask for no more detail than the purpose needs.

saglig measures the risk in the same streaming pass as everything else. The
quasi-identifiers are the columns whose category — declared, or inferred from
the column's name — the policy marks as quasi-identifiers (quasi_identifier; by default age and
birth date, residential area and postcode, sex, nationality), whatever their
role but id. Each row's combination of their values is a class (a null is a
value of its own); a class's size is its number of distinct persons when the
map declares an id column, so a person observed many times counts once, and
its number of rows otherwise. The rule reports the share of rows in classes
of fewer than k persons, and the share that are unique. Memory is bounded:
past the budget the classes are sampled by hash (the share sampled is in the
evidence) and the shares estimated from the sample.

k and the shares at which the rule warns and errs are saglig's own heuristic
(policy reidentification: k 5, a warning from 1% of the rows, an error from
5%): the law sets no number. A column recognised as a quasi-identifier only
from its values, after the scan, is named in the evidence as not combined;
declare its category to have it measured.

Fix: drop the quasi-identifiers the model does not need; coarsen the others
(age in five-year bands, birth year instead of birth date, postcode to
municipality or region); or, when the risk has been assessed and accepted,
waive SAG302 on the purpose with that assessment.`,
		OrderDoc: `BEK § 2, stk. 2: the municipality "skal endvidere sikre" that the processing
observes the data protection rules, including "passende tekniske og
organisatoriske sikkerhedsforanstaltninger" (art. 24 and 32) and data
protection by design and by default (art. 25).`,
		Bad: `# dataset columns: borger_pid, alder, postnr, koen, …
features:
  borger_pid: {role: id, pseudonymisation: HMAC-SHA256 of the CPR number with a key held by IT security}
  alder: {source: CPR, context: civil-registration, category: age}
  postnr: {source: CPR, context: civil-registration, category: residential-area}
  koen: {role: protected, source: CPR}
# measured: 38% of the rows share age, postcode and sex with fewer than 5 persons`,
		Good: `features:
  alder_gruppe: {source: CPR, context: civil-registration, category: age}   # five-year bands
  kommune: {role: metadata}                                                 # dropped from the training set
  koen: {role: protected, source: CPR}
# measured: 0.2% of the rows in classes of fewer than 5 persons`,
		Measures: true,
		Scope:    ScopeDataset,
		Check:    checkReidentification,
	})
}

func checkReidentification(p *Pass) {
	if p.Scan == nil || p.Scan.Reidentification == nil || p.Policy == nil {
		return
	}
	r := p.Scan.Reidentification
	th := p.Policy.Reidentification
	below, unique := r.ShareBelow(th.K), r.ShareBelow(2)
	if r.Rows == 0 || below < th.Warning {
		return
	}
	sev := finding.Warning
	if below >= th.Error {
		sev = finding.Error
	}
	cols := p.tr().List(quote(r.Columns))
	msg := p.Sprintf("%.2f%% of the rows share their combination of %s with fewer than %d persons, and %.2f%% are unique: a person can be singled out by these columns alone", 100*below, cols, th.K, 100*unique)
	if !r.BySubject {
		msg = p.Sprintf("%.2f%% of the rows share their combination of %s with fewer than %d rows (the map declares no id column), and %.2f%% are unique: a person can be singled out by these columns alone", 100*below, cols, th.K, 100*unique)
	}
	if r.SampledShare < 1 {
		msg += p.Sprintf("; estimated from a hash sample of %.2f%% of the combinations", 100*r.SampledShare)
	}
	msg += p.Sprintf(" (saglig's heuristic: k %d, a warning from %.2f%%, an error from %.2f%% of the rows)", th.K, 100*th.Warning, 100*th.Error)
	p.Report(Report{
		Severity: sev,
		Message:  msg,
		Fix:      p.Sprintf("drop the quasi-identifiers the model does not need and coarsen the others (age in five-year bands, birth year for birth date, postcode to municipality or region), or waive SAG302 on the purpose with the assessment that accepted the risk"),
		Evidence: reidentificationEvidence(p, r, below, unique),
	})
}

// notCombined are the columns recognised as quasi-identifiers from their
// values only, after the scan: they were not in the combination measured.
func notCombined(p *Pass, r *scan.Reidentification) []string {
	var out []string
	for _, c := range p.Columns {
		if c.Role() == featuremap.RoleID || slices.Contains(r.Columns, c.Path) {
			continue
		}
		if cat, _ := c.Category(); cat != "" {
			if pc := p.Policy.Lookup(cat); pc != nil && pc.QuasiIdentifier {
				out = append(out, c.Path)
			}
		}
	}
	return out
}

func quote(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}
