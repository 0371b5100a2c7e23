package dataset

import (
	"errors"
	"io/fs"
	"strconv"
	"strings"

	"github.com/saglig/saglig/internal/diag"
	"github.com/saglig/saglig/internal/i18n"
)

// Error is a problem with one file or dataset: Error() reads "path: msg",
// on a single line, in English; In writes it in a reader's language.
type Error struct {
	Path string
	Err  error
}

func (e *Error) Error() string { return e.In(i18n.For(i18n.English)) }

// In writes the error in p's language: "path: msg", on a single line.
func (e *Error) In(p *i18n.Printer) string {
	msg := e.Reason(p)
	if e.Path == "" {
		return msg
	}
	return e.Path + ": " + msg
}

// Reason says what is wrong, without the path, on a single line, in p's
// language.
func (e *Error) Reason(p *i18n.Printer) string { return diag.OneLine(i18n.Localize(p, e.Err)) }

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// pathError is err of the file or dataset path.
func pathError(path string, err error) error { return &Error{Path: path, Err: err} }

// fsError turns an error from the os package into an *Error naming path,
// with a short message ("no such file", "permission denied").
func fsError(path string, err error) error {
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &Error{Path: path, Err: i18n.Because(fs.ErrNotExist, "no such file")}
	case errors.Is(err, fs.ErrPermission):
		return &Error{Path: path, Err: i18n.Because(fs.ErrPermission, "permission denied")}
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return &Error{Path: path, Err: i18n.Because(pe.Err, "cannot read the file (%s: %s)", pe.Op, pe.Err.Error())}
	}
	return &Error{Path: path, Err: err}
}

// offset writes a position in a file as a figure without digit grouping,
// as a line number is written: page 3 at offset 1234567.
func offset(n int64) string { return strconv.FormatInt(n, 10) }

// reason cleans a third-party error message for inclusion after our own
// prefix: one line, without the libraries' package prefixes.
func reason(err error) string {
	s := err.Error()
	s = strings.ReplaceAll(s, "arrow/ipc: ", "")
	return diag.OneLine(s)
}
