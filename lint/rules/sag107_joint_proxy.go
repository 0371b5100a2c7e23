package rules

import (
	"strings"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/joint"
	"github.com/saglig/saglig/lint/legal"
	"github.com/saglig/saglig/lint/stats"
)

func init() {
	register(&Rule{
		ID:       "SAG107",
		Name:     "joint-proxy",
		Severity: finding.Warning,
		Summary:  i18n.N("the inputs together predict a protected column"),
		Legal:    []*Citation{legal.Art5Cond5ii},
		Doc: `Inputs that are each only weakly associated with sex, age or origin can reveal
it together, and a model trained on them will combine them that way.
Condition 5 is about the treatment the model produces, not one column at a
time; SAG104 and SAG106 look at one input at a time.

In the same streaming pass as the other measurements, saglig keeps a
deterministic sample of whole rows (at most 8,192; rows are chosen by a
hash of their place in the files, so the sample is the same on any number
of workers). For each protected column it fits an L2-regularised logistic
regression of each protected group against the rest (the four most common
groups with at least 2% of the rows; a numeric column is split at its
median) on every input — a categorical input's 32 most frequent levels, a
numeric input's eight equal-frequency bins, "other" and "missing" — and
measures it by 5-fold cross-validation: the area under the ROC curve (0.5
is chance, 1 a perfect prediction) with a 95% interval (DeLong), and a
p-value against chance. The inputs that contribute are those whose values,
permuted among the held-out rows, lower the AUC, most first.

The rule warns from an AUC of 0.7 and is an error from 0.8 (policy proxy:
joint_warning, joint_error): Hosmer and Lemeshow call 0.7–0.8 "acceptable"
and 0.8–0.9 "excellent" discrimination; one yes/no input on two equal
groups gives 0.7 with Cramér's V 0.4 (between SAG104's warning and error)
and 0.8 with V 0.6. A group is reported when, in addition, its
Benjamini–Hochberg q-value over all the groups modelled on the dataset is
at most the false discovery rate (proxy.fdr). docs/scan.md explains the
choices.

When the rows are too few to tell, the rule says so at info severity
rather than staying silent: a group whose AUC reaches the warning threshold (proxy.joint_warning) but whose q-value is above that rate, or a protected column that could not be
modelled at all (fewer than 200 sampled rows with it known, or no group
with 20 rows and 2% of them on each side). Whether the inputs reveal it
together is then unknown.

Fix: remove or coarsen the inputs that contribute most until the inputs
together no longer predict the group; if they must stay, document why and
waive SAG107 on the protected column with the assessment that accepted the
risk.`,
		Bad: `features:
  occupation: {source: census, context: employment}
  hours_per_week: {source: census, context: employment}
  relationship: {source: census, context: family}
  sex: {role: protected, source: census}
# measured: together the inputs tell 'Female' from the rest with AUC 0.86`,
		Good: `features:
  occupation: {source: census, context: employment}
  hours_per_week: {role: metadata}
  relationship: {role: metadata}
  sex: {role: protected, source: census}
# measured: AUC 0.64`,
		Measures: true,
		Scope:    ScopeDataset,
		Check:    checkJointProxy,
	})
}

// maxContributors bounds the inputs a finding names in its evidence.
const maxContributors = 5

func checkJointProxy(p *Pass) {
	if p.Scan == nil || p.Policy == nil {
		return
	}
	t := p.Policy.Proxy
	tr := p.tr()
	var ps []float64
	for _, jp := range p.Scan.Joint {
		for _, c := range jp.Classes {
			ps = append(ps, c.P)
		}
	}
	q := stats.BenjaminiHochberg(ps)
	next := 0
	for _, jp := range p.Scan.Joint {
		prot := p.column(jp.Protected)
		ev := &JointProxyEvidence{Protected: jp.Protected, Inputs: len(jp.Inputs), SampledRows: jp.Rows,
			SampledShare: round4(jp.SampledShare), Folds: joint.DefaultFolds, JointWarning: t.JointWarning, JointError: t.JointError, FDR: t.FDR}
		best, undecided := -1, -1
		for _, c := range jp.Classes {
			jc := JointClassEvidence{Share: round4(c.Share), AUC: round3(c.AUC), Lo: round3(c.Lo), Hi: round3(c.Hi), P: c.P,
				Q: round4(q[next]), Protected: jp.Protected, K: t.KAnonymity}
			if jp.Numeric {
				jc.GroupKind, jc.GroupFrom = levelAbove, c.Group.From
			} else {
				jc.GroupKind, jc.Group, jc.GroupFrom, jc.GroupTo = levelView(c.Group, showsValues(prot), t.KAnonymity)
			}
			next++
			for _, x := range c.Contributors[:min(len(c.Contributors), maxContributors)] {
				jc.Contributors = append(jc.Contributors, Contribution{Input: x.Input, Drop: round3(x.Drop)})
			}
			ev.Classes = append(ev.Classes, jc)
			i := len(ev.Classes) - 1
			switch {
			case c.AUC < t.JointWarning:
			case jc.Q <= t.FDR:
				if best < 0 || c.AUC > jp.Classes[best].AUC {
					best = i
				}
			case undecided < 0 || c.AUC > jp.Classes[undecided].AUC:
				undecided = i
			}
		}
		if prot == nil {
			continue
		}
		switch {
		case best >= 0:
			c, jc := jp.Classes[best], &ev.Classes[best]
			sev := finding.Warning
			if c.AUC >= t.JointError {
				sev = finding.Error
			}
			var msg string
			if names := contributorNames(tr, c.Contributors); names != "" {
				msg = tr.Sprintf("the inputs together predict protected column %q: they tell %s from the rest with a cross-validated AUC of %.2f (95%% interval %.2f–%.2f; 0.5 is chance; %s of the %d sampled rows are in the group), most of all through %s: a model trained on them can treat people by it without seeing the column",
					jp.Protected, jc.Name(tr), c.AUC, c.Lo, c.Hi, pct(tr, c.Share), jp.Rows, names)
			} else {
				msg = tr.Sprintf("the inputs together predict protected column %q: they tell %s from the rest with a cross-validated AUC of %.2f (95%% interval %.2f–%.2f; 0.5 is chance; %s of the %d sampled rows are in the group): a model trained on them can treat people by it without seeing the column",
					jp.Protected, jc.Name(tr), c.AUC, c.Lo, c.Hi, pct(tr, c.Share), jp.Rows)
			}
			p.Report(Report{Column: jp.Protected, Pos: prot.Pos(), Severity: sev, Message: msg, Evidence: ev,
				Fix: tr.Sprintf("remove or coarsen the inputs that contribute most until together they no longer predict the group, or document their relevance and waive SAG107 on the protected column with the assessment that accepted the risk")})
		case undecided >= 0:
			c, jc := jp.Classes[undecided], &ev.Classes[undecided]
			ev.Undecided = true
			p.Report(Report{Column: jp.Protected, Pos: prot.Pos(), Severity: finding.Info, Evidence: ev,
				Message: tr.Sprintf("whether the inputs together predict protected column %q is unknown: they tell %s from the rest with a cross-validated AUC of %.2f (95%% interval %.2f–%.2f) on %s, which cannot be told from chance (q-value %.2f, above the false discovery rate %s the rule keeps)",
					jp.Protected, jc.Name(tr), c.AUC, c.Lo, c.Hi, tr.Sprintf("%d sampled rows", jp.Rows), jc.Q, pct(tr, t.FDR)),
				Fix: tr.Sprintf("measure on more rows; until then, treat the inputs as possibly revealing the group together")})
		case jp.Note == joint.NoteTooFewRows || jp.Note == joint.NoteNoClass:
			ev.Undecided, ev.Note = true, jp.Note
			p.Report(Report{Column: jp.Protected, Pos: prot.Pos(), Severity: finding.Info, Evidence: ev,
				Message: tr.Sprintf("whether the inputs together predict protected column %q is unknown: %s", jp.Protected, ev.why(tr)),
				Fix:     tr.Sprintf("measure on more rows; until then, treat the inputs as possibly revealing the group together")})
		}
	}
}

// contributorNames lists the inputs that contribute most, in words.
func contributorNames(tr *i18n.Printer, cs []joint.Contribution) string {
	var out []string
	for _, c := range cs[:min(len(cs), 3)] {
		if c.Drop < minDrop {
			break
		}
		out = append(out, tr.Sprintf("%s (AUC %.2f lower without it)", c.Input, c.Drop))
	}
	return strings.Join(out, ", ")
}

// minDrop is the least fall in AUC for an input to be named as a
// contributor: below it, a permutation changes the ranking by noise.
const minDrop = 0.005
