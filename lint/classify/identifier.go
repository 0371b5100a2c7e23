package classify

import "github.com/saglig/saglig/internal/i18n"

// Direct-identifier kinds: what Result.Identifier, Evidence.Identifier and a
// vocabulary entry's `identifier:` may say a column holds. A detector that
// recognises a new kind adds it here with the phrase reports use.
const (
	IdentCPR   = "cpr"
	IdentEmail = "email"
	IdentPhone = "phone"
	IdentName  = "name"
)

var identifierKinds = map[string]string{
	IdentCPR:   i18n.N("CPR numbers"),
	IdentEmail: i18n.N("e-mail addresses"),
	IdentPhone: i18n.N("phone numbers"),
	IdentName:  i18n.N("person names"),
}

// IdentifierKinds returns every direct-identifier kind.
func IdentifierKinds() []string { return sortedKeys(identifierKinds) }

// DescribeIdentifier says in words what a column of the given identifier
// kind holds ("CPR numbers"); an unknown kind is returned as it is.
func DescribeIdentifier(kind string) string {
	if d, ok := identifierKinds[kind]; ok {
		return d
	}
	return kind
}
