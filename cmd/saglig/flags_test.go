package main

import (
	"testing"

	"github.com/rs/zerolog"

	"github.com/saglig/saglig/lint/finding"
)

// The values of the level, size and count flags, every spelling and every
// message; cli.txtar runs one of each through the command line.

func TestParseFailOn(t *testing.T) {
	tests := []struct {
		in   string
		want finding.Severity
		err  string
	}{
		{"error", finding.Error, ""},
		{"warning", finding.Warning, ""},
		{"warn", finding.Warning, ""},
		{"WARNING", finding.Warning, ""},
		{"Warn", finding.Warning, ""},
		{"info", finding.Info, ""},
		{"none", 0, ""},
		{"NONE", 0, ""},
		{"fatal", 0, `--fail-on: unknown level "fatal" (want error, warning, info or none)`},
		{"", 0, `--fail-on: unknown level "" (want error, warning, info or none)`},
	}
	for _, tt := range tests {
		got, err := parseFailOn(tt.in)
		if msg := errText(err); got != tt.want || msg != tt.err {
			t.Errorf("parseFailOn(%q) = %v, %q; want %v, %q", tt.in, got, msg, tt.want, tt.err)
		}
	}
}

func TestParseLogLevel(t *testing.T) {
	tests := []struct {
		in   string
		want zerolog.Level
		err  string
	}{
		{"debug", zerolog.DebugLevel, ""},
		{"info", zerolog.InfoLevel, ""},
		{"warn", zerolog.WarnLevel, ""},
		{"warning", zerolog.WarnLevel, ""},
		{"WARNING", zerolog.WarnLevel, ""},
		{"Error", zerolog.ErrorLevel, ""},
		{"loud", 0, `--log-level: unknown level "loud" (want debug, info, warn or error)`},
		{"trace", 0, `--log-level: unknown level "trace" (want debug, info, warn or error)`},
	}
	for _, tt := range tests {
		got, err := parseLogLevel(tt.in)
		if msg := errText(err); got != tt.want || msg != tt.err {
			t.Errorf("parseLogLevel(%q) = %v, %q; want %v, %q", tt.in, got, msg, tt.want, tt.err)
		}
	}
}

func TestParseMemory(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		err  string
	}{
		{"256MiB", 256 << 20, ""},
		{"2GiB", 2 << 30, ""},
		{"2gib", 2 << 30, ""},
		{" 64 MiB ", 64 << 20, ""},
		{"512MB", 512e6, ""},
		{"1.5G", 3 << 29, ""},
		{"16777216", 16 << 20, ""},
		{"16MiB", 16 << 20, ""},
		{"1KiB", 0, "--memory: 1KiB is below the smallest budget the scan can keep, 16MiB"},
		{"16777215B", 0, "--memory: 16777215B is below the smallest budget the scan can keep, 16MiB"},
		{"lots", 0, `--memory: invalid size "lots" (e.g. 256MiB, 2GiB)`},
		{"-1GiB", 0, `--memory: invalid size "-1GiB" (e.g. 256MiB, 2GiB)`},
		{"0", 0, `--memory: invalid size "0" (e.g. 256MiB, 2GiB)`},
		{"NaN", 0, `--memory: invalid size "NaN" (e.g. 256MiB, 2GiB)`},
		{"Inf", 0, `--memory: invalid size "Inf" (e.g. 256MiB, 2GiB)`},
		{"1e30", 0, `--memory: size "1e30" is too large`},
		{"9000000TiB", 0, `--memory: size "9000000TiB" is too large`},
	}
	for _, tt := range tests {
		got, err := parseMemory(tt.in)
		if msg := errText(err); got != tt.want || msg != tt.err {
			t.Errorf("parseMemory(%q) = %d, %q; want %d, %q", tt.in, got, msg, tt.want, tt.err)
		}
	}
}

func TestCheckWorkers(t *testing.T) {
	for _, tt := range []struct {
		n   int
		err string
	}{
		{0, ""},
		{1, ""},
		{1024, ""},
		{-1, "--workers: -1 is not a number of workers (want 1 to 1024, or 0 for one per core)"},
		{1025, "--workers: 1025 is not a number of workers (want 1 to 1024, or 0 for one per core)"},
	} {
		if msg := errText(checkWorkers(tt.n)); msg != tt.err {
			t.Errorf("checkWorkers(%d) = %q, want %q", tt.n, msg, tt.err)
		}
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
