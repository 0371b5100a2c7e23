package policy

import (
	"fmt"
	"sort"
	"strings"
)

// YAML renders the effective policy in the policy file format, so a merged
// policy (a user file over the default) can be printed, saved and edited.
// Categories are sorted by name, contexts by name.
func (p *Policy) YAML() ([]byte, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "# effective relevance policy (source: %s)\nversion: 1\n\n", p.Source)
	t := p.Proxy
	fmt.Fprintf(&b, "proxy:\n  warning: %g\n  error: %g\n  value_share: %g\n  value_purity: %g\n  joint_warning: %g\n  joint_error: %g\n  k_anonymity: %d\n  fdr: %g\n\n",
		t.ProxyWarning, t.ProxyError, t.ValueShare, t.ValuePurity, t.JointWarning, t.JointError, t.KAnonymity, t.FDR)
	r := p.Reidentification
	fmt.Fprintf(&b, "reidentification:\n  k: %d\n  warning: %g\n  error: %g\n\n", r.K, r.Warning, r.Error)
	h := p.Heuristics
	fmt.Fprintf(&b, "heuristics:\n  period_days: %d\n  record_min_words: %d\n  record_min_chars: %d\n\ncategories:\n",
		h.PeriodDays, h.RecordMinWords, h.RecordMinChars)
	names := make([]string, 0, len(p.Categories))
	for n := range p.Categories {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		c := p.Categories[n]
		special := c.Special
		if special == "" {
			special = "none"
		}
		fmt.Fprintf(&b, "  %s:\n    special: %s\n    personal: %t\n    social_behaviour: %t\n", n, special, c.Personal, c.SocialBehaviour)
		if c.QuasiIdentifier {
			b.WriteString("    quasi_identifier: true\n")
		}
		if c.Default != "" {
			fmt.Fprintf(&b, "    default: %s\n", c.Default)
		}
		if len(c.Contexts) > 0 {
			ctxs := make([]string, 0, len(c.Contexts))
			for k := range c.Contexts {
				ctxs = append(ctxs, k)
			}
			sort.Strings(ctxs)
			b.WriteString("    contexts:\n")
			for _, k := range ctxs {
				fmt.Fprintf(&b, "      %s: %s\n", k, c.Contexts[k])
			}
		}
		if c.Note != "" {
			fmt.Fprintf(&b, "    note: %q\n", c.Note)
		}
	}
	return []byte(b.String()), nil
}
