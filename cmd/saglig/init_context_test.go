package main

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/saglig/saglig/internal/testfiles"
)

// TestInitCareRecord runs init and profile on a table shaped like the UCI
// Diabetes 130-US hospitals data (its column names and value codes): most
// of its columns are health data by their names (diagnoses, medications,
// admission source), so it is a record of health care, and the columns that
// say nothing on their own — the HbA1c result, the change of medication —
// are attributes of the care episode: health, with the table as the reason.
// The same names in a table that is no care record stay uncategorised.
func TestInitCareRecord(t *testing.T) {
	dir := t.TempDir()
	names := []string{"encounter_id", "diag_1", "diag_2", "diag_3", "num_medications", "number_diagnoses",
		"admission_source_id", "A1Cresult", "change", "gender"}
	n := 300
	cols := make([][]string, len(names))
	for i := range cols {
		cols[i] = make([]string, n)
	}
	icd9 := []string{"428", "414", "786", "410", "486", "427", "491", "715", "682", "434"}
	for r := 0; r < n; r++ {
		cols[0][r] = strconv.Itoa(2278392 + r*1931)
		cols[1][r] = icd9[r%len(icd9)]
		cols[2][r] = icd9[(r+3)%len(icd9)]
		cols[3][r] = icd9[(r+7)%len(icd9)]
		cols[4][r] = strconv.Itoa(1 + r%40)
		cols[5][r] = strconv.Itoa(1 + r%9)
		cols[6][r] = strconv.Itoa(1 + r%7)
		cols[7][r] = []string{"None", "None", ">8", "Norm", ">7"}[r%5]
		cols[8][r] = []string{"No", "Ch"}[r%2]
		cols[9][r] = []string{"Female", "Male"}[r%2]
	}
	data := filepath.Join(dir, "encounters.parquet")
	m := initStarterMap(t, data, names, cols)
	for _, want := range []string{
		"  A1Cresult:  # string\n    role: input\n    category: health  # inferred: category health (an attribute of a record of health care: 6 of 10 columns are health data)\n",
		"  change:  # string\n    role: input\n    category: health  # inferred: category health (an attribute of a record of health care: 6 of 10 columns are health data)\n",
		"  gender:  # string\n    role: input\n    category: sex  # inferred:",
	} {
		if !strings.Contains(m, want) {
			t.Errorf("starter map lacks %q:\n%s", want, m)
		}
	}
	code, stdout, stderr := runSaglig(t, "profile", "--format", "json", data)
	if code != 0 {
		t.Fatalf("profile exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "an attribute of a record of health care: 6 of 10 columns are health data") {
		t.Errorf("profile does not explain the table's context:\n%s", stdout)
	}

	// Without the diagnoses and medications the table is no care record.
	other := filepath.Join(dir, "other.parquet")
	if err := testfiles.WriteParquetStrings(other, names[6:], cols[6:]); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = runSaglig(t, "profile", "--format", "json", other)
	if code != 0 {
		t.Fatalf("profile exit %d: %s", code, stderr)
	}
	if strings.Contains(stdout, "record of health care") {
		t.Errorf("a table with one health column was read as a care record:\n%s", stdout)
	}
}
