package classify

import "testing"

// TestCodeHeads checks a code that joins a modifier written out and an
// abbreviated compound head (abbrev_heads.go).
func TestCodeHeads(t *testing.T) {
	opt := withoutRegisters(t, "dst-registers") // the indk entry among what was learnt from it
	for _, tt := range []struct{ name, category, reading string }{
		{"RENTEINDK", "income", "rente·indk(omst)"},     // rente, the modifier of renteindtagt; indk heads lønindkomst, not indkøb
		{"FORMUEINDK_NY", "income", "formu·indk(omst)"}, // formue written out
	} {
		checkCodeReading(t, opt, tt.name, tt.category, tt.reading)
	}
	// A short head follows a modifier written out and heads words of the
	// vocabulary: slag (slaganfall) and erna (ernährung) head no compound,
	// grønnsa is itself a guess; a modifier is read only before a head
	// (utb·rente, parkerings·geb·yr are no codes).
	for _, name := range []string{"hovedslag", "utbrente", "parkeringsgebyr", "arbeidsslag", "medicinerna", "grønnsåpens"} {
		if r := Classify(Column{Name: name}, opt); r.Category != "" {
			t.Errorf("Classify(%q) = %q (%s), want none", name, r.Category, r.Explanation)
		}
	}
	ix := opt.vocab.codeReader()
	if !ix.heads["indkomst"] || ix.heads["indkob"] {
		t.Errorf("heads: indkomst %v, indkøb %v; want true, false", ix.heads["indkomst"], ix.heads["indkob"])
	}
}
