package classify

import (
	"strings"

	"github.com/saglig/saglig/internal/i18n"
)

// # Qualified names
//
// A word names a characteristic, but the rest of the name may say whose or
// which one it is, and that changes the category (the evaluation corpus's
// labelling guidelines, testdata/eval/README.md): a parent's country of
// birth is the person's origin, a child's age is the household's
// composition, the number of addresses a person has had or the days spent
// at one count moves, and the municipality of a workplace or a school is
// employment or education, not where the person lives; and the crime,
// debt or schools a government handles are the topic of a political
// question, not the person's (politicalTopics); being contacted by a party
// is an event, not contact details (contactEvent), and the district a
// person votes in an area, not an opinion (votingArea). The qualifying
// words are data (names.yaml: parents, children, counts, durations,
// addresses, distinct, contacting); the rules are below. A qualifying word is another
// word of the name, or the first part of the compound whose head matched
// (mors·fødeland, kinder·alter).

// qualification is one rule: a match of category from reads as category
// to when the name has a word that by reports; terms, when not nil, limits
// the rule to matches of those vocabulary terms (an address, not an e-mail
// address).
type qualification struct {
	from, to string
	by       func(v *vocabulary, w string) bool
	terms    func(v *vocabulary, term string) bool
	// format describes a qualified match in the explanation (describeName):
	// token, language, vocabulary term.
	format string
}

var qualifications = []qualification{
	// mother_country_of_birth, STATSB_FAR, morsfødeland: Danmarks
	// Statistik's herkomst is defined by the parents' birthplace and
	// citizenship.
	{from: "nationality", to: "ethnicity", by: (*vocabulary).parent, format: i18n.N("%q (%s: %s of a parent)")},
	// alder_yngste_barn, kind_leeftijd, age_of_youngest_child.
	{from: "age", to: "household", by: (*vocabulary).child, format: i18n.N("%q (%s: %s of a child)")},
	// antal_adresser, adres_dagen_op_adres, num_addresses.
	{
		from: "contact", to: "residence-moves", by: (*vocabulary).countOrDuration, terms: (*vocabulary).address,
		format: i18n.N("%q (%s: %s, counted or timed: moves)"),
	},
	// aantal_verschillende_wijken, unique_districts.
	{from: "residential-area", to: "residence-moves", by: (*vocabulary).distinctWord, format: i18n.N("%q (%s: %s, distinct ones counted: moves)")},
}

// areaOf lists the categories whose location is theirs, not the person's
// residence: the municipality of a workplace (arbetsställe_kommun,
// workplace_region) is employment history, that of a school or an exam
// education.
var areaOf = map[string]bool{"employment-history": true, "education": true}

// politicalTopics are the categories a question about politics is about
// without saying anything of the person's own: the crime, debt and schools
// a government handles or a party is blamed for (govtHandleLevelCrime,
// responsibleDebtConservatives, responsibleEducationScotGovt), the
// equality of women and of gays (femaleEquality, gayEquality: an attitude
// to gay rights says nothing of the respondent's orientation). Beside a
// word of politics they read as political opinion. Only the topics the
// tune part showed so: a government is also an employer, a payer of
// pensions and benefits and a hospital's owner (government_worker,
// government_pension are the person's work and income), and a residential
// area stays one (a voting district is an area: votingArea).
var politicalTopics = map[string]bool{
	"criminal-record": true, "debt": true, "education": true,
	"sex": true, "sexual-orientation": true,
}

// qualify applies the qualifications to the matches of a name's words.
func (v *vocabulary) qualify(tokens []string, out []NameMatch) []NameMatch {
	out = votingArea(politicalTopic(v.contactEvent(tokens, out)))
	for i, m := range out {
		for _, q := range qualifications {
			if m.Category != q.from || (q.terms != nil && !q.terms(v, m.term)) || !v.qualifiedBy(tokens, m, q.by) {
				continue
			}
			out[i].Category = q.to
			out[i].qualifier = q.format
			out[i].identifier = ""
			break
		}
	}
	return v.locatedArea(out)
}

// locatedArea drops a residential area beside a match of a category whose
// location it then names (areaOf).
func (v *vocabulary) locatedArea(out []NameMatch) []NameMatch {
	located := false
	for _, m := range out {
		located = located || areaOf[m.Category]
	}
	if !located {
		return out
	}
	kept := out[:0:0]
	for _, m := range out {
		if m.Category != "residential-area" {
			kept = append(kept, m)
		}
	}
	return kept
}

// qualifiedBy reports whether a word of the name other than the one the
// match starts at (a register's phrase may name the parent: FodGrFar), the
// first part of the compound the match heads, or the rest of a solid name
// the match begins (a register's variable with the parent appended:
// CBS's GBAGEBOORTELAND·MOEDER), is one that by reports.
func (v *vocabulary) qualifiedBy(tokens []string, m NameMatch, by func(*vocabulary, string) bool) bool {
	for i, t := range tokens {
		if i != m.pos && by(v, t) {
			return true
		}
	}
	if m.pos >= len(tokens) {
		return false
	}
	t := tokens[m.pos]
	head := strings.ReplaceAll(m.Token, " ", "")
	if len(head) >= len(t) {
		return false
	}
	if strings.HasSuffix(t, head) && by(v, t[:len(t)-len(head)]) {
		return true
	}
	return strings.HasPrefix(t, head) && by(v, t[len(head):])
}

// parent reports whether w names a parent, also in the genitive (mors,
// fars, vaters).
func (v *vocabulary) parent(w string) bool {
	return v.parents[w] || (len(w) > 1 && w[len(w)-1] == 's' && v.parents[w[:len(w)-1]])
}

// child reports whether w names a child or the youngest or oldest one,
// also in the genitive (barns, kinds).
func (v *vocabulary) child(w string) bool {
	return v.children[w] || (len(w) > 1 && w[len(w)-1] == 's' && v.children[w[:len(w)-1]])
}

// countOrDuration reports whether w counts (antal, num) or measures a time
// (days, jaar, duration).
func (v *vocabulary) countOrDuration(w string) bool {
	return v.counts[w] || v.durations[w]
}

// address reports whether a vocabulary term names a dwelling's address.
func (v *vocabulary) address(term string) bool { return v.addresses[term] }

// distinctWord reports whether w says that different ones are counted (unique,
// verschillende).
func (v *vocabulary) distinctWord(w string) bool { return v.distinct[w] }

// politicalTopic reads the matches of political topics as political
// opinion when another match of the name is one (politicalTopics).
func politicalTopic(out []NameMatch) []NameMatch {
	political := false
	for _, m := range out {
		political = political || m.Category == "political-opinion"
	}
	if !political {
		return out
	}
	for i, m := range out {
		if politicalTopics[m.Category] {
			out[i].Category = "political-opinion"
			out[i].qualifier = i18n.N("%q (%s: %s, the topic of a political question)")
			out[i].identifier = ""
		}
	}
	return out
}

// contactEvent drops a match of the bare word contact (the vocabulary term
// contact, not an address, e-mail or phone entry) when another word of the
// name says who contacts the person: a party, a candidate or a campaign
// (names.yaml: contacting; bes-2015's partyContactCon) or an organisation.
// Being contacted by a party is political participation, and contact with
// an office an event, as mail sent or received is a channel
// (names.yaml: the e-mail entries' unless list), not the person's contact
// details.
func (v *vocabulary) contactEvent(tokens []string, out []NameMatch) []NameMatch {
	by := func(v *vocabulary, w string) bool { return v.contacting[w] || v.organisations[w] }
	kept := out[:0:0]
	for _, m := range out {
		if m.Category == "contact" && m.term == "contact" && v.qualifiedBy(tokens, m, by) {
			continue
		}
		kept = append(kept, m)
	}
	return kept
}

// votingArea drops the political-opinion matches of a name whose head, a
// word after them, is an area (voting_district, election_ward,
// votingConstituency): the district a person votes in is where they live,
// residential area, not how they vote.
func votingArea(out []NameMatch) []NameMatch {
	area := -1
	for _, m := range out {
		if m.Category == "residential-area" && m.pos > area {
			area = m.pos
		}
	}
	if area < 0 {
		return out
	}
	kept := out[:0:0]
	for _, m := range out {
		if m.Category == "political-opinion" && m.pos < area {
			continue
		}
		kept = append(kept, m)
	}
	return kept
}
