package classify

import "strings"

// GuessRole guesses a column's role for `saglig init` from its name: "id"
// (borger_id, cpr, cpr_nr, personnummer, *_id), "timestamp" (dato, date, ts,
// tidspunkt, observation_date), "target" (target, label, y, outcome,
// i_job_*), or "" for an ordinary input. A name that names a personal
// characteristic is never a timestamp or an id (fodselsdato is age,
// kommune_id is a residential area).
func GuessRole(name string) string {
	all := words(name)
	if len(all) == 0 {
		return ""
	}
	for _, t := range all {
		if targetWords[t] {
			return "target"
		}
	}
	if (len(all) == 1 && all[0] == "y") || (len(all) >= 2 && all[0] == "i" && all[1] == "job") {
		return "target"
	}
	matches, _ := ClassifyName(name)
	characteristic := false
	for _, m := range matches {
		if m.identifier == "cpr" {
			return "id"
		}
		if m.Category != "identifier" && m.Category != "contact" && m.Strength >= 0.7 {
			characteristic = true
		}
	}
	for _, t := range all {
		if idWords[t] && !characteristic {
			return "id"
		}
	}
	if characteristic {
		return ""
	}
	for _, t := range all {
		if timeWords[t] {
			return "timestamp"
		}
		for _, s := range timeSuffixes {
			if len(t) > len(s) && strings.HasSuffix(t, s) {
				return "timestamp"
			}
		}
	}
	return ""
}

var (
	targetWords = map[string]bool{"target": true, "label": true, "outcome": true, "udfald": true, "malvariabel": true, "zielvariable": true}
	idWords     = map[string]bool{"id": true, "uuid": true, "guid": true, "pseudonym": true, "lbnr": true, "lobenummer": true, "pnr": true, "key": true}
	timeWords   = map[string]bool{
		"dato": true, "date": true, "ts": true, "tidspunkt": true, "timestamp": true, "datetime": true,
		"time": true, "datum": true, "dt": true, "tid": true, "tidsstempel": true, "zeitpunkt": true,
		"tijdstip": true, "created": true, "updated": true,
	}
	timeSuffixes = []string{"dato", "datum", "tidspunkt"} // Danish and German compounds: observationsdato
)
