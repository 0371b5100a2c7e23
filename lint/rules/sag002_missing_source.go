package rules

import (
	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/legal"
)

func init() {
	register(&Rule{
		ID:       "SAG002",
		Name:     "missing-source",
		Severity: finding.Error,
		Summary:  i18n.N("an input, target or protected column does not say where its data come from"),
		Legal:    []*Citation{legal.Order2Stk1, legal.GDPR24},
		Doc: `The controller must be able to demonstrate that the processing complies with
the GDPR (art. 24(1)), which starts with knowing where the personal data came
from. For every input, target and protected column the map must name that source
— the register, system or form the values come from (Det Centrale
Personregister, Uddannelsesregistret, the job centre's case system, a
questionnaire …).

The rule fires when the column's source (source:) is absent, empty or still a
TODO left by saglig init. Columns with role id, timestamp, weight or metadata
need no source.

Fix: write the source, as precisely as an auditor would need to find it again.`,
		OrderDoc: `BEK § 2, stk. 1 requires it in so many words: the municipality must document
"fra hvilken informationskilde personoplysningerne er blevet indhentet" — from
which information source the personal data were obtained.`,
		Bad: `features:
  antal_adresseskift_5aar:
    context: civil-registration`,
		Good: `features:
  antal_adresseskift_5aar:
    source: Det Centrale Personregister (CPR), adressehistorik
    context: civil-registration`,
		Scope: ScopeMap,
		Check: checkMissingSource,
	})
}

func checkMissingSource(p *Pass) {
	p.features(func(f *featuremap.Feature) {
		role := f.EffectiveRole()
		if !needsSource(role) || !f.Source.Missing() {
			return
		}
		msg := p.Sprintf("%s column %q has no source: the information source of personal data must be documented", p.RoleWord(role), f.Key)
		if !f.Source.IsZero() {
			msg = p.Sprintf("%s column %q has a TODO for its source: the information source of personal data must be documented", p.RoleWord(role), f.Key)
		}
		p.Report(Report{
			Column:  f.Key,
			Pos:     missingAt(f.Source, f.At("source")),
			Message: msg,
			Fix:     p.Sprintf("name the register, system or form the values come from as the column's source (source:)"),
		})
	})
}
