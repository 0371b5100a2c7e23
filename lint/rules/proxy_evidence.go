package rules

import (
	"strings"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/joint"
)

// The evidence of the proxy rules beyond one coefficient: values that give
// a group away (SAG106) and what the inputs predict together (SAG107).
// AssociationEvidence (evidence.go) is SAG104's.

// ValueProxyEvidence is SAG106's: the values of an input that identify a
// protected group beyond value_purity, significantly so, in a column that is
// not a proxy as a whole.
type ValueProxyEvidence struct {
	Protected string `json:"protected"`
	N         int64  `json:"n"`
	// Values are the values found, the most rows first, at most five;
	// ValuesFound how many there are.
	Values      []ProxyValue `json:"values"`
	ValuesFound int          `json:"values_found"`
	// The policy the values were tested with.
	ValueShare  float64 `json:"value_share"`
	ValuePurity float64 `json:"value_purity"`
	KAnonymity  int     `json:"k_anonymity"`
	FDR         float64 `json:"fdr"`
	// Association and Measure are the column's as a whole.
	Association float64 `json:"association"`
	Measure     string  `json:"measure"`
	// Undecided is true when the values are as pure as value_purity but
	// chance could have made them so on this many rows: unknown.
	Undecided bool `json:"undecided,omitempty"`
}

// Describe says each value's evidence and how the values were tested.
func (e *ValueProxyEvidence) Describe(p *i18n.Printer) []string {
	var out []string
	for i := range e.Values {
		out = append(out, e.Values[i].Sentence(p))
	}
	if more := e.ValuesFound - len(e.Values); more > 0 {
		out = append(out, p.Sprintf("%d more values in the data", more))
	}
	out = append(out,
		p.Sprintf("tested: every value that at least %s of the %s and at least %d rows carry, against a purity of %s (an exact binomial test; Benjamini–Hochberg over the dataset's value tests at a false discovery rate of %s)",
			pct(p, e.ValueShare), p.Sprintf("%d rows", e.N), e.KAnonymity, pct(p, e.ValuePurity), pct(p, e.FDR)),
		p.Sprintf("the column as a whole: %s %.2f", MeasureName(p, e.Measure), e.Association))
	if e.Undecided {
		out = append(out, p.Sprintf("too few rows to tell these values' purity from chance: whether they give the group away is unknown"))
	}
	return out
}

// Contribution is an input's part in a joint prediction: the fall in the
// held-out AUC when its values are permuted.
type Contribution struct {
	Input string  `json:"input"`
	Drop  float64 `json:"auc_drop"`
}

// JointClassEvidence is one protected group predicted against the rest.
type JointClassEvidence struct {
	// Group is the group's value, nil when it may not be shown; GroupKind
	// says how it is shown (as ProxyValue's), GroupFrom and GroupTo bound a
	// range ("above": a numeric column above its median, GroupFrom).
	Group        *string        `json:"group"`
	GroupKind    string         `json:"group_kind"`
	GroupFrom    string         `json:"group_from,omitempty"`
	GroupTo      string         `json:"group_to,omitempty"`
	Share        float64        `json:"share"`
	AUC          float64        `json:"auc"`
	Lo           float64        `json:"auc_lo"`
	Hi           float64        `json:"auc_hi"`
	P            float64        `json:"p_value"`
	Q            float64        `json:"q_value"`
	Contributors []Contribution `json:"contributors"`
	// Protected is the protected column and K the k-anonymity, for the
	// words.
	Protected string `json:"-"`
	K         int    `json:"-"`
}

// Name names the group for a reader.
func (c *JointClassEvidence) Name(p *i18n.Printer) string {
	return groupPhrase(p, c.GroupKind, c.Group, c.GroupFrom, c.GroupTo, c.Protected, c.K)
}

// JointProxyEvidence is SAG107's: how well all the inputs together predict
// each modelled group of a protected column, out of sample.
type JointProxyEvidence struct {
	Protected string `json:"protected"`
	// Inputs is how many inputs the model was given.
	Inputs int `json:"inputs"`
	// SampledRows are the sampled rows with the protected column known,
	// SampledShare the share of the dataset's rows in the sample.
	SampledRows  int                  `json:"sampled_rows"`
	SampledShare float64              `json:"sampled_share"`
	Folds        int                  `json:"folds"`
	Classes      []JointClassEvidence `json:"classes"`
	JointWarning float64              `json:"joint_warning"`
	JointError   float64              `json:"joint_error"`
	FDR          float64              `json:"fdr"`
	// Undecided is true when the sample cannot tell (too few rows, or an
	// AUC above the threshold that chance could give): unknown. Note says
	// why nothing was modelled, when nothing was.
	Undecided bool   `json:"undecided,omitempty"`
	Note      string `json:"note,omitempty"`
}

// why says why nothing was modelled.
func (e *JointProxyEvidence) why(p *i18n.Printer) string {
	if e.Note == joint.NoteTooFewRows {
		return p.Sprintf("only %s of the sample have it, and the model needs at least %d", p.Sprintf("%d rows", e.SampledRows), joint.DefaultMinRows)
	}
	return p.Sprintf("no group of it has at least %d rows and %s of the %s on each side", joint.DefaultMinClassRows,
		pct(p, joint.DefaultMinShare), p.Sprintf("%d sampled rows", e.SampledRows))
}

// Describe says how the model was measured and what each group gave.
func (e *JointProxyEvidence) Describe(p *i18n.Printer) []string {
	out := []string{p.Sprintf("an L2-regularised logistic regression on %s, evaluated by %d-fold cross-validation on %s (%s of the rows)",
		p.Sprintf("%d inputs", e.Inputs), e.Folds, p.Sprintf("%d sampled rows", e.SampledRows), pct(p, e.SampledShare))}
	if e.Note != "" {
		out = append(out, e.why(p))
	}
	for i := range e.Classes {
		c := &e.Classes[i]
		line := p.Sprintf("%s: AUC %.2f (95%% interval %.2f–%.2f), %s of the sampled rows, q-value %.3f",
			c.Name(p), c.AUC, c.Lo, c.Hi, pct(p, c.Share), c.Q)
		var names []string
		for _, x := range c.Contributors {
			if x.Drop >= minDrop {
				names = append(names, p.Sprintf("%s (AUC %.2f lower without it)", x.Input, x.Drop))
			}
		}
		if len(names) > 0 {
			line += p.Sprintf("; most through %s", strings.Join(names, ", "))
		}
		out = append(out, line)
	}
	if e.Undecided && e.Note == "" {
		out = append(out, p.Sprintf("too few rows to tell the prediction from chance: whether the inputs reveal the group together is unknown"))
	}
	return out
}
