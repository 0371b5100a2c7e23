package dataset

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/saglig/saglig/internal/diag"
)

// Error is a problem with one file or dataset: Error() reads "path: msg",
// on a single line.
type Error struct {
	Path string
	Err  error
}

func (e *Error) Error() string {
	msg := diag.OneLine(e.Err.Error())
	if e.Path == "" {
		return msg
	}
	return e.Path + ": " + msg
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// cause is an error with its own message that still unwraps to a standard
// error (fs.ErrNotExist, ...), so callers can test it with errors.Is.
type cause struct {
	msg string
	err error
}

func (c *cause) Error() string { return c.msg }
func (c *cause) Unwrap() error { return c.err }

// pathError builds an *Error for path from a format and arguments.
func pathError(path, format string, args ...any) error {
	return &Error{Path: path, Err: fmt.Errorf(format, args...)}
}

// fsError turns an error from the os package into an *Error naming path,
// with a short message ("no such file", "permission denied").
func fsError(path string, err error) error {
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &Error{Path: path, Err: &cause{"no such file", fs.ErrNotExist}}
	case errors.Is(err, fs.ErrPermission):
		return &Error{Path: path, Err: &cause{"permission denied", fs.ErrPermission}}
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return &Error{Path: path, Err: &cause{pe.Op + ": " + pe.Err.Error(), pe.Err}}
	}
	return &Error{Path: path, Err: err}
}

// reason cleans a third-party error message for inclusion after our own
// prefix: one line, without the libraries' package prefixes.
func reason(err error) string {
	s := err.Error()
	s = strings.ReplaceAll(s, "arrow/ipc: ", "")
	return diag.OneLine(s)
}
