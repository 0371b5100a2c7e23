package classify

import "testing"

// withoutLearnt is the vocabulary without registers.yaml and without what
// was learnt from the Danish registers (the indk entry among them), so
// that a code is read by the general mechanisms alone.
func withoutLearnt(t *testing.T) Options {
	t.Helper()
	raw, err := decodeVocabulary(namesYAML, nil, abbreviationsYAML)
	if err != nil {
		t.Fatal(err)
	}
	v, err := buildVocabulary(leaveOut(raw, "dst-registers"))
	if err != nil {
		t.Fatal(err)
	}
	return Options{vocab: v}
}

// TestCodeHeads checks a code that joins a modifier written out and an
// abbreviated compound head (abbrev_heads.go).
func TestCodeHeads(t *testing.T) {
	opt := withoutLearnt(t)
	for _, tt := range []struct{ name, category, reading string }{
		{"RENTEINDK", "income", "rente·indk(omst)"},     // rente, the modifier of renteindtagt; indk heads lønindkomst, not indkøb
		{"FORMUEINDK_NY", "income", "formu·indk(omst)"}, // formue written out
	} {
		r := Classify(Column{Name: tt.name}, opt)
		if r.Category != tt.category {
			t.Errorf("Classify(%q) = %q (%s), want %s", tt.name, r.Category, r.Explanation, tt.category)
			continue
		}
		found := false
		for _, m := range r.Name {
			found = found || (m.Category == tt.category && m.Reading == tt.reading)
		}
		if !found {
			t.Errorf("Classify(%q): no match read as %s (%s)", tt.name, tt.reading, r.Explanation)
		}
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
