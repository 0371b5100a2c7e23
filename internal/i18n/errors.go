package i18n

import (
	"errors"
	"fmt"
	"strings"
)

// Msg is a message to be written later, in the language of whoever writes
// it: its key in the catalogue and its arguments.
type Msg struct {
	Key  string
	Args []any
}

// M makes a message.
func M(key string, args ...any) Msg { return Msg{Key: key, Args: args} }

// In writes the message in p's language.
func (m Msg) In(p *Printer) string { return p.Sprintf(m.Key, m.Args...) }

// String writes the message in English.
func (m Msg) String() string { return m.In(For(English)) }

// IsZero reports whether the message is empty.
func (m Msg) IsZero() bool { return m.Key == "" }

// MarshalText writes the message in English: machine formats (JSON) keep
// one language.
func (m Msg) MarshalText() ([]byte, error) {
	if m.IsZero() {
		return nil, nil
	}
	return []byte(m.String()), nil
}

// Text is anything written in the language of whoever writes it: a Msg, or
// a list of them (Join, List). A Printer writes an argument that is a Text
// in its language.
type Text interface {
	In(p *Printer) string
}

// joined is messages joined by a separator that needs no translation.
type joined struct {
	items []Msg
	sep   string
	list  bool
}

// Join joins messages with sep ("; ", ", "), each in the writer's language.
func Join(items []Msg, sep string) Text { return joined{items: items, sep: sep} }

// List joins messages as a sentence does: "a, b and c" ("a, b og c").
func List(items []Msg) Text { return joined{items: items, list: true} }

func (j joined) In(p *Printer) string {
	out := make([]string, len(j.items))
	for i, m := range j.items {
		out[i] = m.In(p)
	}
	if j.list {
		return p.List(out)
	}
	return strings.Join(out, j.sep)
}

func (j joined) String() string { return j.In(For(English)) }

// Error is an error whose message is written in the language of whoever
// prints it (Localize); Error() gives the English. The arguments that are
// errors are wrapped: errors.Is and errors.As see them.
type Error struct {
	Msg
	// cause is an error the message stands for without printing it
	// (Because): fs.ErrNotExist behind "no such file".
	cause error
}

// Errorf makes an error from a catalogue key. Write its arguments with %v
// or %s, errors too: an error argument is wrapped as %w would.
func Errorf(key string, args ...any) error { return &Error{Msg: M(key, args...)} }

// Because makes an error from a catalogue key that says in its own words
// what cause is: errors.Is and errors.As see cause, the message does not
// print it ("no such file" for fs.ErrNotExist).
func Because(cause error, key string, args ...any) error {
	return &Error{Msg: M(key, args...), cause: cause}
}

func (e *Error) Error() string { return e.Msg.String() }

// Unwrap returns the cause and the error arguments.
func (e *Error) Unwrap() []error {
	var out []error
	if e.cause != nil {
		out = append(out, e.cause)
	}
	for _, a := range e.Args {
		if err, ok := a.(error); ok {
			out = append(out, err)
		}
	}
	return out
}

// Localize writes an error in p's language: an error that writes itself in
// a language (an Error, or any error with an In(*Printer) method, such as a
// map's LoadError), or one an untranslated wrapper holds at its end
// ("path: " + a translated error), in translation; any other as it is.
func Localize(p *Printer, err error) string {
	if err == nil {
		return ""
	}
	if t, ok := err.(localized); ok {
		return t.In(p)
	}
	var t localized
	if errors.As(err, &t) {
		// An untranslated wrapper: keep its prefix, translate what it
		// wraps.
		whole, inner := err.Error(), t.Error()
		if len(whole) > len(inner) && whole[len(whole)-len(inner):] == inner {
			return whole[:len(whole)-len(inner)] + t.In(p)
		}
	}
	return err.Error()
}

// localized is an error that writes itself in a language.
type localized interface {
	error
	Text
}

var _ fmt.Stringer = Msg{}
