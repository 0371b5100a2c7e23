package rules

import (
	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/classify"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/legal"
)

func init() {
	register(&Rule{
		ID:       "SAG301",
		Name:     "direct-identifier",
		Severity: finding.Error,
		Summary:  i18n.N("a column holds direct identifiers (identity numbers, names, contact details, accounts, online identifiers, location)"),
		Legal:    []*Citation{legal.GDPR5c, legal.GDPR25_1, legal.Order2Stk2},
		Doc: `A model does not need to know who a person is to learn from their case. Direct
identifiers in a training set go against data minimisation (GDPR art. 5(1)(c))
and data protection by design (art. 25(1) names pseudonymisation as a
measure). A CPR number also gives away the birth date (its first six digits)
and sex (its last digit is even for women, odd for men — still so after 2007,
when only the modulus-11 check ended).

The rule fires, whatever the column's role, when the classifier finds that
the column holds direct identifiers — by its values, each recogniser
validating check digits or structure over the sampled distinct values
(docs/classification.md, "Direct identifiers"), or by a name that says so
and values that do not contradict it:

  identity numbers   Danish CPR, Swedish personnummer and samordningsnummer,
                     Norwegian fødselsnummer and D-nummer, Finnish
                     henkilötunnus, Dutch BSN, German Steuer-IdNr and identity
                     card number, US SSN, UK National Insurance number
  accounts, cards    IBAN, Danish reg. and konto numbers, payment card numbers
  contact details    phone numbers of every country, e-mail and street
                     addresses
  online identifiers IP and MAC addresses, device ids (IDFA, GAID), cookie ids
  location data      coordinates precise to 4 decimals (about 11 m)
  names              person names

GDPR art. 4(1) names "an identification number, location data, an online
identifier" among the identifiers that make a person identifiable, so online
identifiers and precise coordinates count as identifiers here (category
identifier); phone numbers, e-mail and street addresses are category contact.
Evidence shows the recogniser, the share of distinct values that validate and
masked examples (0101••-••••, DK•• 0040 ••••••••••, 192.•.•.•, 55.••••,
12.••••); saglig never prints the values themselves.

A column declared an identifier (role: id) whose values were pseudonymised says
how they were (pseudonymisation:), for example "HMAC-SHA256 of the CPR number,
key held by IT security"; SAG301 then does not report it on its name alone. If
its values still validate as identifiers, the rule reports the contradiction: a
keyed hash does not look like a CPR number.

A baseline cannot accept this finding and the rule cannot be disabled: adopting
saglig on an old store must not hide a column of CPR numbers. If one must stay,
waive the finding on its column with the reason, on the record.

Fix: replace the identifier with a pseudonymous key (a keyed hash kept apart
from the key) before the data reach the training set and document how
(pseudonymisation:), or drop the column.`,
		OrderDoc: `BEK § 2, stk. 2: the municipality "skal endvidere sikre" that the processing
observes the data protection rules, including "passende tekniske og
organisatoriske sikkerhedsforanstaltninger" (art. 24 and 32) and data
protection by design and by default (art. 25).`,
		Bad: `features:
  borger_cpr: {role: id, source: CPR}   # values: DDMMYY-SSSS`,
		Good: `features:
  borger_pid:
    role: id
    source: CPR
    pseudonymisation: HMAC-SHA256 of the CPR number, key held by IT security`,
		Scope: ScopeDataset,
		Lock:  NoBaseline,
		Check: checkDirectIdentifier,
	})
}

func checkDirectIdentifier(p *Pass) {
	for _, c := range p.Columns {
		kind := c.Class.Identifier
		if kind == "" {
			continue
		}
		what := p.Sprintf(classify.DescribeIdentifier(kind))
		ev := &IdentifierEvidence{Kind: kind, Explanation: c.Class.Explanation}
		fromValues := false
		for _, v := range c.Class.Values {
			if v.Identifier == kind || (v.Identifier == "" && (v.Category == "identifier" || v.Category == "contact")) {
				ev.Detector, ev.Share, ev.Sampled, ev.Distinct = v.Detector, round3(v.Share), v.N, v.Distinct
				ev.Examples = v.Examples
				fromValues = v.Identifier == kind
				break
			}
		}
		msg := p.Sprintf("column %q holds %s (%s): direct identifiers do not belong in training data", c.Path, what, c.Class.Explanation)
		fix := p.Sprintf("replace it with a pseudonymous key (a keyed hash, key kept apart) before training and describe how it was pseudonymised (pseudonymisation:), or drop the column")
		if ps := pseudonymisation(p, c); ps != "" {
			if !fromValues {
				continue // declared pseudonymised, and the values do not say otherwise
			}
			ev.Pseudonymisation = ps
			msg = p.Sprintf("column %q is declared pseudonymised (%q), but its values are %s (%s)", c.Path, ps, what, c.Class.Explanation)
			fix = p.Sprintf("pseudonymise the values as documented before training (a keyed hash does not validate as an identifier), or correct the documented pseudonymisation (pseudonymisation:)")
		}
		p.Report(Report{Column: c.Path, Pos: c.Pos(), Message: msg, Fix: fix, Evidence: ev})
	}
}

// pseudonymisation returns the documented pseudonymisation of an id
// column, or "" when the column is not an id or documents none.
// A pseudonymisation missing in a language the map writes it in counts as
// missing; it is given in the run's language.
func pseudonymisation(p *Pass, c *Column) string {
	if c.Feature == nil || c.Role() != featuremap.RoleID || c.Feature.Pseudonymisation.Missing() {
		return ""
	}
	return p.text(c.Feature.Pseudonymisation)
}
