package i18n

import (
	"errors"
	"fmt"
	"io/fs"
	"testing"
	"time"
)

func TestFromEnv(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		want Lang
	}{
		{nil, English},
		{map[string]string{"LANG": "C"}, English},
		{map[string]string{"LANG": "POSIX"}, English},
		{map[string]string{"LANG": "C.UTF-8"}, English},
		{map[string]string{"LANG": "da_DK.UTF-8"}, Danish},
		{map[string]string{"LANG": "da_DK.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"}, English},
		{map[string]string{"LANG": "en_GB.UTF-8", "LC_MESSAGES": "da_DK"}, Danish},
		{map[string]string{"LC_ALL": "da_DK@euro", "LC_MESSAGES": "en_US"}, Danish},
		{map[string]string{"LC_ALL": "C", "LANG": "da_DK.UTF-8"}, English},
		{map[string]string{"LANG": "nb_NO.UTF-8"}, English},
		{map[string]string{"LANG": "da"}, Danish},
	} {
		got := FromEnv(func(k string) string { return c.env[k] })
		if got != c.want {
			t.Errorf("%v: %s, want %s", c.env, got, c.want)
		}
	}
}

func TestParseLang(t *testing.T) {
	for in, want := range map[string]Lang{"da": Danish, "DA": Danish, "en": English, "da-DK": Danish, "en_GB.UTF-8": English, "dansk": Danish, "English": English} {
		got, err := ParseLang(in)
		if err != nil || got != want {
			t.Errorf("ParseLang(%q) = %s, %v; want %s", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "de", "C", "danske"} {
		if _, err := ParseLang(bad); err == nil {
			t.Errorf("ParseLang(%q) accepted", bad)
		}
	}
	_, err := ParseLang("sv")
	if got := Localize(For(Danish), err); got != `ukendt sprog "sv" (brug da eller en)` {
		t.Errorf("Danish error: %s", got)
	}
}

func TestNumbersAndPlurals(t *testing.T) {
	en, da := For(English), For(Danish)
	for _, c := range []struct {
		p    *Printer
		got  string
		want string
	}{
		{en, en.Sprintf("%s and %d more", "a, b", 1983), "a, b and 1,983 more"},
		{da, da.Sprintf("%s and %d more", "a, b", 1983), "a, b og 1.983 flere"},
		{da, da.List([]string{"a", "b", "c"}), "a, b og c"},
		{en, en.List([]string{"a", "b", "c"}), "a, b and c"},
		{en, en.Or([]string{"a", "b"}), "a or b"},
		{da, da.Capped([]string{"a", "b", "c", "d"}, 2), "a, b og 2 flere"},
		{en, en.Capped([]string{"a", "b"}, 2), "a and b"},
		{da, da.Date(time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC)), "30. juni 2027"},
		{en, en.ISODate("2027-06-30"), "30 June 2027"},
		{en, en.ISODate("someday"), "someday"},
	} {
		if c.got != c.want {
			t.Errorf("%s: %q, want %q", c.p.Lang(), c.got, c.want)
		}
	}
	if For("xx") != en || For("") != en {
		t.Error("an unknown language must give English")
	}
}

func TestLocalize(t *testing.T) {
	inner := Errorf("unknown language %q (want da or en)", "sv")
	if inner.Error() != `unknown language "sv" (want da or en)` {
		t.Errorf("English: %s", inner)
	}
	wrapped := fmt.Errorf("saglig.yaml: %w", inner)
	if got := Localize(For(Danish), wrapped); got != `saglig.yaml: ukendt sprog "sv" (brug da eller en)` {
		t.Errorf("a wrapped error: %s", got)
	}
	// An error argument is wrapped and written in the printer's language.
	outer := Errorf("%s and %s", "x", inner)
	if !errors.Is(outer, inner) {
		t.Error("errors.Is does not see an error argument")
	}
	if got := Localize(For(Danish), outer); got != `x og ukendt sprog "sv" (brug da eller en)` {
		t.Errorf("nested: %s", got)
	}
	if got := Localize(For(Danish), fs.ErrNotExist); got != fs.ErrNotExist.Error() {
		t.Errorf("a plain error: %s", got)
	}
	// A cause the message stands for is seen by errors.Is, not printed.
	gone := Because(fs.ErrNotExist, "no such file")
	if !errors.Is(gone, fs.ErrNotExist) || gone.Error() != "no such file" || Localize(For(Danish), gone) != "filen findes ikke" {
		t.Errorf("Because: %v (%s), errors.Is %v", gone, Localize(For(Danish), gone), errors.Is(gone, fs.ErrNotExist))
	}
	if Localize(For(Danish), nil) != "" {
		t.Error("nil")
	}
	if got := For(Danish).Sprintf("%s or %s", M("%s and %s", "a", "b"), "c"); got != "a og b eller c" {
		t.Errorf("a message argument: %s", got)
	}
}
