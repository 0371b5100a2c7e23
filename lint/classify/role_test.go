package classify

import (
	"strconv"
	"strings"
	"testing"
)

func TestGuessRoleFromName(t *testing.T) {
	tests := []struct{ name, want string }{
		{"borger_id", RoleID},
		{"id", RoleID},
		{"personId", RoleID},
		{"sag_id", RoleID},
		{"cpr", RoleID},
		{"cpr_nr", RoleID},
		{"personnummer", RoleID},
		{"uuid", RoleID},
		{"c_case_number", RoleID},
		{"patient_nbr", RoleID},      // a number of a person
		{"admission_type_id", ""},    // keys a list of admission types
		{"HOVEDPERSON", RoleID},      // a register's person key
		{"LopNr", RoleID},            // Statistics Sweden's serial number
		{"time_in_hospital", ""},     // a duration
		{"BOP_VFRA", RoleTimestamp},  // valid from
		{"AAR", RoleTimestamp},       // the year of the record
		{"datoopret", RoleTimestamp}, // a compound starting with dato
		{"kommune_id", ""},           // a coded residential area, not a key
		{"dato", RoleTimestamp},
		{"date", RoleTimestamp},
		{"ts", RoleTimestamp},
		{"tidspunkt", RoleTimestamp},
		{"observation_date", RoleTimestamp},
		{"observationsdato", RoleTimestamp},
		{"created_at", RoleTimestamp},
		{"candidate_score", ""}, // English words ending in "date" are not dates
		{"update_count", ""},
		{"fodselsdato", ""}, // a birth date is age
		{"date_of_birth", ""},
		{"target", RoleTarget},
		{"label", RoleTarget},
		{"y", RoleTarget},
		{"outcome", RoleTarget},
		{"i_job_13uger", RoleTarget},
		{"i_job", RoleTarget},
		{"two_year_recid", RoleTarget}, // an outcome word, not sampled
		{"fnlwgt", RoleWeight},
		{"PERWT", RoleWeight},
		{"sampling_weight", RoleWeight},
		{"weight", ""}, // body weight or sampling weight: the name alone cannot tell
		{"vekt", ""},   // Norwegian, likewise
		{"vekting", RoleWeight},
		{"WTMEC2YR", RoleWeight},
		{"wtd_avg", ""},
		{"koen", ""},
		{"indkomst", ""},
		{"c7", ""},
		{"", ""},
	}
	for _, tt := range tests {
		r := Classify(Column{Name: tt.name}, testOpt)
		if r.Role != tt.want {
			t.Errorf("role of %q = %q (%s), want %q", tt.name, r.Role, r.RoleEvidence, tt.want)
		}
		if (r.Role == "") != r.RoleEvidence.IsZero() {
			t.Errorf("role of %q = %q with evidence %q", tt.name, r.Role, r.RoleEvidence)
		}
	}
}

// TestGuessRoleFromValues uses the shapes of public datasets' columns: the
// US census income data (adult: fnlwgt, income <=50K/>50K), COMPAS
// (two_year_recid, is_recid 0/1, c_jail_in timestamps, case numbers).
func TestGuessRoleFromValues(t *testing.T) {
	tests := []struct {
		name string
		col  Column
		want string
		why  string // a word the evidence must hold
	}{
		{"adult income", Column{Name: "income", Type: "string", Kind: KindText, Sample: rep(200, "<=50K", "<=50K", "<=50K", ">50K")}, RoleTarget, "threshold"},
		{"adult income with a dot", Column{Name: "income", Type: "string", Kind: KindText, Sample: rep(200, "<=50K.", ">50K.")}, RoleTarget, "threshold"},
		{"adult fnlwgt", Column{Name: "fnlwgt", Type: "int64", Kind: KindInt, Sample: seq(200, func(i int) string { return strconv.Itoa(12285 + i*7331) })}, RoleWeight, "fnlwgt"},
		{"compas two_year_recid", Column{Name: "two_year_recid", Type: "int64", Kind: KindInt, Sample: rep(200, "0", "1", "1")}, RoleTarget, "outcome"},
		{"compas is_recid", Column{Name: "is_recid", Type: "int64", Kind: KindInt, Sample: rep(200, "0", "1")}, RoleTarget, "outcome"},
		{"recidivism counts are not binary", Column{Name: "recid_count", Type: "int64", Kind: KindInt, Sample: seq(200, func(i int) string { return strconv.Itoa(i % 7) })}, "", ""},
		{"compas c_jail_in", Column{Name: "c_jail_in", Type: "timestamp[us]", Kind: KindDate, Sample: seq(200, func(i int) string { return "2013-0" + strconv.Itoa(1+i%9) + "-1" + strconv.Itoa(i%10) + " 10:00:00" })}, RoleTimestamp, "type"},
		{"case numbers", Column{Name: "c_case_number", Type: "string", Kind: KindText, Sample: seq(200, func(i int) string { return "13" + strconv.Itoa(10000+i) + "CF10A" })}, RoleID, "case number"},
		{"unique numbers", Column{Name: "ref_nr", Type: "int64", Kind: KindInt, Sample: seq(200, func(i int) string { return strconv.Itoa(500000 + i*13) })}, RoleID, "distinct"},
		{"repeated numbers are not keys", Column{Name: "priors_nr", Type: "int64", Kind: KindInt, Sample: seq(200, func(i int) string { return strconv.Itoa(i % 12) })}, "", ""},
		{"survey weight", Column{Name: "weight", Type: "double", Kind: KindFloat, Sample: seq(200, func(i int) string { return strconv.FormatFloat(0.2+float64(i)*0.013, 'f', 3, 64) })}, RoleWeight, "fractions"},
		{"body weight", Column{Name: "weight", Type: "double", Kind: KindFloat, Sample: seq(200, func(i int) string { return strconv.FormatFloat(50+float64(i%60)+0.5, 'f', 1, 64) })}, "", ""},
		{"Norwegian survey weight", Column{Name: "vekt", Type: "double", Kind: KindFloat, Sample: seq(200, func(i int) string { return strconv.FormatFloat(0.2+float64(i)*0.013, 'f', 3, 64) })}, RoleWeight, "fractions"},
		{"Norwegian body weight", Column{Name: "vekt", Type: "double", Kind: KindFloat, Sample: seq(200, func(i int) string { return strconv.FormatFloat(50+float64(i%60)+0.5, 'f', 1, 64) })}, "", ""},
		{"birth dates are age, not timestamps", Column{Name: "c5", Type: "date32", Kind: KindDate, Sample: seq(60, func(i int) string { return strconv.Itoa(1950+i) + "-03-15" })}, "", ""},
	}
	for _, tt := range tests {
		r := Classify(tt.col, testOpt)
		if r.Role != tt.want || !strings.Contains(r.RoleEvidence.String(), tt.why) {
			t.Errorf("%s: role %q (%s), want %q with %q", tt.name, r.Role, r.RoleEvidence, tt.want, tt.why)
		}
	}
}
