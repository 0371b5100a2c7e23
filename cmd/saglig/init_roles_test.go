package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/saglig/saglig/internal/testfiles"
)

// TestInitRolesAndUndecided runs init on data shaped like public datasets —
// the US census income data (adult: fnlwgt, income <=50K/>50K, relationship)
// and COMPAS (two_year_recid, c_charge_degree F/M) — and checks the starter
// map: the sampling weight and the label are not model inputs, each guessed
// role carries its evidence, and a column whose evidence disagrees has no
// category but the reason.
func TestInitRolesAndUndecided(t *testing.T) {
	dir := t.TempDir()
	names := []string{"age", "fnlwgt", "relationship", "income", "two_year_recid", "c_charge_degree", "postnr"}
	n := 400
	cols := make([][]string, len(names))
	for i := range cols {
		cols[i] = make([]string, n)
	}
	rel := []string{"Husband", "Not-in-family", "Own-child", "Unmarried", "Wife", "Other-relative"}
	for r := 0; r < n; r++ {
		cols[0][r] = strconv.Itoa(18 + r%60)
		cols[1][r] = strconv.Itoa(12285 + r*3517)
		cols[2][r] = rel[r%len(rel)]
		cols[3][r] = []string{"<=50K", "<=50K", "<=50K", ">50K"}[r%4]
		cols[4][r] = strconv.Itoa(r % 2)
		cols[5][r] = []string{"F", "F", "M"}[r%3]
		cols[6][r] = []string{"mand", "kvinde"}[r%2] // a postcode name over gender words
	}
	m := initStarterMap(t, filepath.Join(dir, "data.parquet"), names, cols)
	for _, want := range []string{
		"  fnlwgt:  # string\n    role: weight  # guessed: name: \"fnlwgt\" names a sampling weight\n",
		"  income:  # string\n    role: target  # guessed: values: 2 distinct, a number split at a threshold",
		"  two_year_recid:  # string\n    role: target  # guessed: name: \"recid\" names an outcome; values: 2 distinct\n",
		"  relationship:  # string\n    role: input\n    category: household  # inferred:",
		"  c_charge_degree:  # string\n    role: input\n    category: criminal-record  # inferred:",
		"  postnr:  # string\n    role: input\n    # category: not inferred: name suggests residential area (\"postnr\" (Danish)), values suggest sex",
	} {
		if !strings.Contains(m, want) {
			t.Errorf("starter map lacks %q:\n%s", want, m)
		}
	}
	for _, c := range []string{"kvinde", "Husband"} {
		if strings.Contains(m, c) {
			t.Errorf("starter map shows a raw value %q", c)
		}
	}
}

// initStarterMap writes the string columns cols under names to a Parquet
// file at data, runs init on it and returns the starter map it wrote.
func initStarterMap(t *testing.T, data string, names []string, cols [][]string) string {
	t.Helper()
	if err := testfiles.WriteParquetStrings(data, names, cols); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(filepath.Dir(data), "saglig.yaml")
	code, _, stderr := runSaglig(t, "init", "-o", out, data)
	if code != 0 {
		t.Fatalf("init exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
