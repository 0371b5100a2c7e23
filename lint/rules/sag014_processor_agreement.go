package rules

import (
	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/legal"
)

func init() {
	register(&Rule{
		ID:       "SAG014",
		Name:     "processor-agreement",
		Severity: finding.Error,
		Summary:  i18n.N("the purpose names a data processor but no data processing agreement"),
		Legal:    []*Citation{legal.Order2Stk3, legal.GDPR28},
		Doc: `Processing by a data processor must be governed by a contract or other legal
act that binds the processor with regard to the controller and sets out the
subject-matter, duration, nature and purpose of the processing, the type of
personal data, the categories of data subjects and the controller's obligations
and rights (GDPR art. 28(3)): the data-processing agreement
(databehandleraftale). A map that names a processor must say where that
agreement is.

The rule fires when the map names a processor (purpose.processor) and the data
processing agreement with it (purpose.processor_agreement) is absent, empty or
TODO. saglig checks that the agreement is on record, not what it says.

Fix: add the data processing agreement's reference and where it is filed
(purpose.processor_agreement); or remove the processor (purpose.processor) if
no processor takes part.`,
		OrderDoc: `BEK § 2, stk. 3: when a municipality uses a data processor it "skal … sikre,
at behandlingen hos databehandleren opfylder kravene i stk. 1 og 2" — the
processor's processing must meet the order's documentation (stk. 1) and
data-protection (stk. 2) requirements too; the agreement is where that is
laid down.`,
		Bad: `purpose:
  processor: KMD A/S (hosting and model training)`,
		Good: `purpose:
  processor: KMD A/S (hosting and model training)
  processor_agreement: Databehandleraftale 2025-031, filed in the contract register`,
		Scope: ScopeMap,
		Check: checkProcessorAgreement,
	})
}

func checkProcessorAgreement(p *Pass) {
	pu := &p.Map.Purpose
	if featuremap.Missing(pu.Processor) || !pu.ProcessorAgreement.Missing() {
		return
	}
	pos := missingAt(pu.ProcessorAgreement, pu.At("processor_agreement"))
	if _, ok := pu.Fields["processor_agreement"]; !ok {
		pos = pu.At("processor")
	}
	p.Report(Report{
		Pos:     pos,
		Message: p.Sprintf("the purpose names the data processor %q but no data-processing agreement with it", pu.Processor),
		Fix:     p.Sprintf("add the data processing agreement's reference and where it is filed (purpose.processor_agreement)"),
	})
}
