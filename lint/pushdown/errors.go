package pushdown

import (
	"errors"
	"net"
	"regexp"
	"strings"

	"github.com/saglig/saglig/internal/i18n"
)

// Error is a table that could not be opened or measured: the table as it
// may be printed (its URL without credentials, Target.Display) and what went
// wrong, one line, with nothing an engine quoted from the data.
type Error struct {
	Table string
	Err   error
}

func (e *Error) Error() string { return e.In(i18n.For(i18n.English)) }

// In writes the error in p's language: saglig's words translated, an
// engine's or driver's own message as it is.
func (e *Error) In(p *i18n.Printer) string { return e.Table + ": " + i18n.Localize(p, e.Err) }
func (e *Error) Unwrap() error             { return e.Err }

// tableErr is an Error of the table printed as display.
func tableErr(display, format string, args ...any) *Error {
	return &Error{Table: display, Err: i18n.Errorf(format, args...)}
}

// quoted matches quoted text in an engine's message, which may be a value.
var quoted = regexp.MustCompile(`"[^"]*"|'[^']*'`)

// clean makes an engine's or driver's error one line that can be printed:
// a network failure is said as the network says it (the host and port
// are the URL's, the rest the system's), anything else has what it quotes
// masked — a message such as `invalid input syntax for type date: "…"`
// could hold a value from the data — and its line breaks joined.
func clean(err error) error {
	var op *net.OpError
	if errors.As(err, &op) {
		return i18n.Errorf("cannot connect: %v", op)
	}
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return i18n.Errorf("cannot connect: %v", dns)
	}
	msg := strings.Join(strings.Fields(err.Error()), " ")
	return errors.New(quoted.ReplaceAllStringFunc(msg, func(q string) string { return q[:1] + "…" + q[:1] }))
}
