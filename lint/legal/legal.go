// Package legal holds the provisions saglig cites — quoted in Danish from
// their source, glossed in English — and the scope in which each applies.
//
// The scope comes from the map: who decides (purpose.controller) and under
// which regime (purpose.sector). The draft executive order on AI or
// similar digital solutions in the employment effort ("BEK") is cited only
// for a municipality's purpose in the employment effort; the AI Act and the
// GDPR apply everywhere; databeskyttelsesloven § 8 is split by public and
// private controllers.
// Rules declare every provision they may cite; a finding carries only those
// that apply in the map's scope (Citation.AppliesIn). docs/legal.md holds
// the scope table, generated from Table.
package legal

import (
	"fmt"
	"strings"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/internal/i18n"
)

// Instrument is a legal source saglig cites.
type Instrument string

// The instruments.
const (
	// Order is the draft executive order on municipalities' processing of
	// personal data with artificial intelligence or similar digital
	// solutions in the employment effort.
	Order Instrument = "BEK"
	// AIAct is Regulation (EU) 2024/1689, art. 5(1)(c), as quoted in the
	// Danish guidance.
	AIAct Instrument = "AI Act"
	// Guidance is the Danish guidance on the ban on social scoring.
	Guidance Instrument = "Vejledning"
	// GDPR is Regulation (EU) 2016/679.
	GDPR Instrument = "GDPR"
	// DBL is the Danish Data Protection Act (databeskyttelsesloven).
	DBL Instrument = "databeskyttelsesloven"
)

// Applies says in which scope a provision applies.
type Applies int

// The scopes of the table in docs/legal.md.
const (
	// Everywhere: the AI Act, the guidance and the GDPR.
	Everywhere Applies = iota
	// InOrder: a municipality's purpose in the employment effort (BEK § 1,
	// stk. 1: "den kommunale beskæftigelsesindsats").
	InOrder
	// InOrderReuse: in the order's scope, for data the map declares were
	// processed under § 1, stk. 1–4 (reused_under_order: true): BEK § 1,
	// stk. 5 covers only such data.
	InOrderReuse
	// PublicController: the controller is a public authority
	// (databeskyttelsesloven § 8, stk. 1: "den offentlige forvaltning").
	PublicController
	// PrivateController: the controller is private (§ 8, stk. 3).
	PrivateController
)

// Citation is one provision, quoted.
type Citation struct {
	// Ref is the short reference used in findings ("BEK § 2, stk. 1").
	Ref string
	// Instrument is the source the provision is in.
	Instrument Instrument
	// Applies says in which scope the provision is cited.
	Applies Applies
	// Source names the instrument in full.
	Source string
	// Danish quotes the provision word for word from its source; "[…]"
	// marks an omission.
	Danish string
	// English glosses it (saglig's translation, not an official one).
	English string
}

// Scope is where a map's processing sits: who decides and under which
// regime. Empty fields are undeclared.
type Scope struct {
	Controller string
	Sector     string
}

// ScopeOf returns the scope a map declares.
func ScopeOf(m *featuremap.Map) Scope {
	if m == nil {
		return Scope{}
	}
	return Scope{Controller: m.Purpose.Controller, Sector: m.Purpose.Sector}
}

// Known reports whether both the controller and the sector are declared.
func (s Scope) Known() bool { return s.Controller != "" && s.Sector != "" }

// Order reports whether the draft order applies: a municipality's purpose
// in the employment effort.
func (s Scope) Order() bool {
	return s.Controller == featuremap.ControllerMunicipality && s.Sector == featuremap.SectorEmploymentEffort
}

// Public reports whether the controller is a public authority.
func (s Scope) Public() bool { return featuremap.PublicController(s.Controller) }

// Private reports whether the controller is private.
func (s Scope) Private() bool { return s.Controller == featuremap.ControllerPrivate }

// AppliesIn reports whether the citation applies in scope s.
// reusedUnderOrder is what the column concerned declares (false for
// findings on no column).
func (c *Citation) AppliesIn(s Scope, reusedUnderOrder bool) bool {
	switch c.Applies {
	case Everywhere:
		return true
	case InOrder:
		return s.Order()
	case InOrderReuse:
		return s.Order() && reusedUnderOrder
	case PublicController:
		return s.Public()
	case PrivateController:
		return s.Private()
	}
	return false
}

// Note says, in a sentence, when a provision that does not apply
// everywhere is cited, as a catalogue key (translate it with
// Printer.Sprintf); "" for one that does.
func (a Applies) Note() string {
	switch a {
	case InOrder:
		return i18n.N("Cited only for a municipality's purpose in the employment effort.")
	case InOrderReuse:
		return i18n.N("Cited only for a municipality's purpose in the employment effort, on a column the map declares was processed under the order.")
	case PublicController:
		return i18n.N("Cited only when the controller is a public authority (municipality, region or state).")
	case PrivateController:
		return i18n.N("Cited only when the controller is private.")
	}
	return ""
}

// String names the scope for the table in docs/legal.md.
func (a Applies) String() string {
	switch a {
	case Everywhere:
		return "everywhere"
	case InOrder:
		return "`controller: municipality` and `sector: employment-effort`"
	case InOrderReuse:
		return "as the order, and the column declares `reused_under_order: true`"
	case PublicController:
		return "`controller:` municipality, region or state"
	case PrivateController:
		return "`controller: private`"
	}
	return fmt.Sprintf("applies(%d)", int(a))
}

// Table renders the scope table of docs/legal.md: every provision saglig
// cites, where it is cited, and the rules that cite it (users maps a
// provision's Ref to the rule ids citing it).
func Table(users map[string][]string) string {
	var b strings.Builder
	b.WriteString("| provision | instrument | cited when | rules |\n| --- | --- | --- | --- |\n")
	for _, c := range All() {
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", c.Ref, c.Instrument, c.Applies, strings.Join(users[c.Ref], ", "))
	}
	return b.String()
}
