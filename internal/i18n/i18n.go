// Package i18n says everything a person reads in Danish or English: the
// language (Lang, from --lang, the map or the locale), a Printer that
// formats messages and numbers in it (golang.org/x/text/message: CLDR
// plural rules, 0,65 and 1.234 in Danish), and errors that are written in
// the language of whoever prints them (Errorf, Localize).
//
// The catalogue is data: da.yaml holds the Danish of every message, keyed by
// its English format string as it is written in the code; en.yaml the
// English plural forms. A message is translated when its key is the
// constant first argument of Printer.Sprintf, Printer.Fprintf, Errorf or M
// (or of a scan plan's note, which makes an M), the second of Because, or
// the first of N for a phrase picked at run time; TestCatalogue finds every such
// key in the module and fails when one lacks its Danish, or when the
// catalogue holds one that no code uses.
package i18n

import "strings"

// Lang is a language saglig speaks.
type Lang string

// The languages, English first: the default.
const (
	English Lang = "en"
	Danish  Lang = "da"
)

// Langs lists the languages, the default first.
func Langs() []Lang { return []Lang{English, Danish} }

// String is the language's code.
func (l Lang) String() string { return string(l) }

// ParseLang reads a language: its code ("da", "en"), a locale naming it
// ("da_DK.UTF-8", "en-GB") or its name ("dansk", "danish", "english").
func ParseLang(s string) (Lang, error) {
	if l, ok := fromLocale(s); ok {
		return l, nil
	}
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "dansk", "danish":
		return Danish, nil
	case "english", "engelsk":
		return English, nil
	}
	return "", Errorf("unknown language %q (want da or en)", s)
}

// FromEnv is the language of the environment's locale: the first of
// LC_ALL, LC_MESSAGES and LANG that is set, as POSIX orders them. An unset
// locale, C, POSIX, or a language saglig does not speak gives English.
func FromEnv(getenv func(string) string) Lang {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		s := getenv(v)
		if s == "" {
			continue
		}
		if l, ok := fromLocale(s); ok {
			return l
		}
		return English
	}
	return English
}

// fromLocale reads the language of a POSIX locale (da_DK.UTF-8@euro) or a
// BCP 47 tag (da-DK).
func fromLocale(s string) (Lang, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, ".@"); i >= 0 {
		s = s[:i]
	}
	if i := strings.IndexAny(s, "_-"); i >= 0 {
		s = s[:i]
	}
	for _, l := range Langs() {
		if s == string(l) {
			return l, true
		}
	}
	return "", false
}

// N marks a phrase for the catalogue whose key the code picks at run time
// (a label in a table): it returns s, and Printer.Sprintf(s) translates it.
func N(s string) string { return s }
