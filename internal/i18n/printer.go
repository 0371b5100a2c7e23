package i18n

import (
	"io"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/message"
)

// Printer formats messages in one language: the catalogue's translation of
// the key, numbers with the language's separators (1,234.5 in English,
// 1.234,5 in Danish), and arguments that are messages (Msg) or errors in
// the same language.
type Printer struct {
	lang Lang
	p    *message.Printer
}

// printers build each language's printer on first use (build).
var printers = func() map[Lang]func() (*Printer, error) {
	out := map[Lang]func() (*Printer, error){}
	for _, l := range Langs() {
		out[l] = sync.OnceValues(func() (*Printer, error) { return newPrinter(l) })
	}
	return out
}()

func newPrinter(l Lang) (*Printer, error) {
	b, err := build(l)
	if err != nil {
		return nil, err
	}
	return &Printer{lang: l, p: message.NewPrinter(l.tag(), message.Catalog(b))}, nil
}

// For returns the printer of a language; an unknown or empty one gives
// English.
func For(l Lang) *Printer {
	get, ok := printers[l]
	if !ok {
		get = printers[English]
	}
	p, err := get()
	if err != nil {
		// The catalogue is embedded and checked by the tests.
		panic("i18n: " + err.Error())
	}
	return p
}

// Lang is the printer's language.
func (p *Printer) Lang() Lang { return p.lang }

// Sprintf formats the translation of key with args. Arguments that are
// messages or errors are written in the printer's language first.
func (p *Printer) Sprintf(key string, args ...any) string {
	return p.p.Sprintf(key, p.localArgs(args)...)
}

// Fprintf writes the translation of key, formatted with args, to w.
func (p *Printer) Fprintf(w io.Writer, key string, args ...any) (int, error) {
	return io.WriteString(w, p.Sprintf(key, args...))
}

func (p *Printer) localArgs(args []any) []any {
	var out []any
	for i, a := range args {
		var s string
		switch x := a.(type) {
		case Text:
			s = x.In(p)
		case error:
			s = Localize(p, x)
		default:
			continue
		}
		if out == nil {
			out = append([]any(nil), args...)
		}
		out[i] = s
	}
	if out == nil {
		return args
	}
	return out
}

// List joins items as a sentence does: "a, b and c" ("a, b og c").
func (p *Printer) List(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return p.Sprintf("%s and %s", strings.Join(items[:len(items)-1], ", "), items[len(items)-1])
}

// Or joins alternatives: "a, b or c" ("a, b eller c").
func (p *Printer) Or(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return p.Sprintf("%s or %s", strings.Join(items[:len(items)-1], ", "), items[len(items)-1])
}

// Capped joins at most n items as a list, saying how many more there are:
// "a, b, c and 1,983 more".
func (p *Printer) Capped(items []string, n int) string {
	if n <= 0 || len(items) <= n {
		return p.List(items)
	}
	return p.Sprintf("%s and %d more", strings.Join(items[:n], ", "), len(items)-n)
}

// months are the month names, keys of the catalogue.
var months = [...]string{N("January"), N("February"), N("March"), N("April"), N("May"), N("June"),
	N("July"), N("August"), N("September"), N("October"), N("November"), N("December")}

// Date writes a day in words: "30 June 2027" ("30. juni 2027").
func (p *Printer) Date(t time.Time) string {
	return p.Sprintf("%[1]d %[2]s %[3]s", t.Day(), p.Sprintf(months[t.Month()-1]), t.Format("2006"))
}

// ISODate writes an ISO date (2027-06-30) in words, or returns it as it is
// when it is not one.
func (p *Printer) ISODate(s string) string {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return s
	}
	return p.Date(t)
}

// Int writes an integer with the language's digit grouping: 1,234 (1.234).
func (p *Printer) Int(n int64) string { return p.number("%d", n) }

// Float writes x with the given decimals and the language's separators:
// 0.65 (0,65).
func (p *Printer) Float(x float64, decimals int) string { return p.number("%.*f", decimals, x) }

// number formats figures alone, which need no translation.
func (p *Printer) number(format string, args ...any) string { return p.p.Sprintf(format, args...) }
