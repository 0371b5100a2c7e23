package main

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"slices"
	"testing"
)

func TestICDChapter(t *testing.T) {
	for code, want := range map[string]string{
		"A00": "1", "B99": "1", "C50": "2", "D48": "2", "D50": "3", "E11": "4", "F32": "5", "H40": "7", "H66": "8",
		"O80": "15", "P07": "16", "S72": "19", "T36": "19", "V01": "20", "Y98": "20", "Z00": "21", "U07": "22",
		"A000": "1", "E119": "4", "": "", "12": "", "a00": "", "AA0": "",
	} {
		if got := icdChapter(code); got != want {
			t.Errorf("icdChapter(%q) = %q, want %q", code, got, want)
		}
	}
}

func TestTitleWords(t *testing.T) {
	got := titleWords("Type 2-diabetes uden komplikationer, HIV-sygdom; F.tilst. etter tbc Retts syndrom")
	var words []string
	for _, w := range got {
		words = append(words, w.word)
	}
	want := []string{"type", "", "diabetes", "uden", "komplikationer", "hiv", "sygdom", "f", "tilst", "etter", "tbc", "retts", "syndrom"}
	if !slices.Equal(words, want) {
		t.Fatalf("words %q, want %q", words, want)
	}
	if !got[5].acronym || !got[5].capital || got[6].capital || !got[8].abbreviated || got[9].abbreviated || !got[11].capital {
		t.Fatalf("flags wrong: %+v", got)
	}
}

// TestHealthWords checks each rule of healthWords on titles written for
// it.
func TestHealthWords(t *testing.T) {
	titles := []title{
		{text: "Tuberkulose i lunger", code: "A15", chapter: "1"},
		{text: "Tuberkulose i nervesystemet", code: "A170", chapter: "1"},
		// "anden" qualifies titles of four chapters: a qualifier.
		{text: "Anden sepsis", code: "A41", chapter: "1"},
		{text: "Anden anæmi", code: "D64", chapter: "3"},
		{text: "Anden angst", code: "F41", chapter: "5"},
		{text: "Anden epilepsi", code: "G40", chapter: "6"},
		// Pregnancy and perinatal chapters do not count for the spread.
		{text: "Sepsis under fødsel", code: "O753", chapter: "15"},
		{text: "Sepsis hos nyfødt", code: "P36", chapter: "16"},
		{text: "Bakteriel sepsis", code: "A418", chapter: "1"},
		{text: "Sepsis efter indgreb", code: "T814", chapter: "19"},
		// "screening" is mostly a word of chapter 21.
		{text: "Screening for tuberkulose", code: "Z111", chapter: "21"},
		{text: "Screening for diabetes", code: "Z131", chapter: "21"},
		{text: "Abnorm screening", code: "O28", chapter: "15"},
		// "sektor" only qualifies a subdivision: never named.
		{text: "Iridektomi sektor", code: "H2101", chapter: "7"},
		// A proper name inside a title.
		{text: "Syndrom Stillsyg", code: "M082", chapter: "13"},
		// An abbreviation.
		{text: "Følgetilst. efter tilst. tuberkulose", code: "B90", chapter: "1"},
		{text: "Tilst uden tuberkulose", code: "B909", chapter: "1"},
		// Too short once folded.
		{text: "Vægt", code: "R63", chapter: "18"},
	}
	got := healthWords(titles, false)
	for _, w := range []string{"tuberkulose", "sepsis", "bakteriel", "epilepsi", "lunger", "nyfødt", "iridektomi"} {
		if !slices.Contains(got, w) {
			t.Errorf("%q left out: %q", w, got)
		}
	}
	for w, why := range map[string]string{
		"anden": "in four chapters", "screening": "mostly in chapter 21", "sektor": "never names a category",
		"stillsyg": "a proper name", "følgetilst": "an abbreviation", "tilst": "an abbreviation", "vægt": "four letters folded",
		"nervesystemet": "never names a category",
	} {
		if slices.Contains(got, w) {
			t.Errorf("%q kept, but it is %s", w, why)
		}
	}
	// German: a lower-case word is no noun, a capitalised one no proper
	// name (Haemophilus is left out as no category's name; the first word
	// is capitalised whatever it is, and qualifiers such as "akute" are
	// left out by their spread in a whole classification).
	de := healthWords([]title{
		{text: "Akute Bronchitis durch Haemophilus", code: "J201", chapter: "10"},
		{text: "Bronchitis, nicht näher bezeichnet", code: "J40", chapter: "10"},
	}, true)
	if want := []string{"akute", "bronchitis"}; !slices.Equal(de, want) {
		t.Fatalf("German: got %q, want %q", de, want)
	}
}

// TestReadRDataFrame reads a data frame of two string columns serialised
// as R's save() writes it (XDR, version 2), plain and gzip-compressed, and
// refuses truncated and foreign data.
func TestReadRDataFrame(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("RDX2\nX\n")
	w := func(vs ...int32) {
		for _, v := range vs {
			binary.Write(&b, binary.BigEndian, v)
		}
	}
	str := func(s string, latin1 bool) {
		flags := int32(sxpChar) | 1<<18 // gp: ASCII
		if latin1 {
			flags = int32(sxpChar) | 4<<12
		}
		w(flags, int32(len(s)))
		b.WriteString(s)
	}
	w(2, 0x040200, 0x020300)
	w(sxpList | 1<<10) // a tagged pairlist
	w(sxpSym)
	str("codes", false)
	w(sxpVec|1<<9|1<<8, 2) // a list with attributes, two columns
	w(sxpStr, 2)
	str("DA00", false)
	str("DA01", false)
	w(sxpStr, 2)
	str("Kolera", false)
	str("S\xf8gning", true)
	w(sxpChar, -1) // attributes follow; not read
	want := [][]string{{"DA00", "DA01"}, {"Kolera", "Søgning"}}
	check := func(name string, data []byte) {
		cols, err := readRDataFrame(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(cols) != 2 || !slices.Equal(cols[0], want[0]) || !slices.Equal(cols[1], want[1]) {
			t.Fatalf("%s: got %q, want %q", name, cols, want)
		}
	}
	check("plain", b.Bytes())
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(b.Bytes())
	zw.Close()
	check("gzip", z.Bytes())
	if _, err := readRDataFrame(b.Bytes()[:b.Len()-20]); err == nil {
		t.Error("truncated: no error")
	}
	if _, err := readRDataFrame([]byte("RDA2\nA\n")); err == nil {
		t.Error("ASCII format: no error")
	}
}
