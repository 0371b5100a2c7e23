package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"

	"github.com/mattn/go-isatty"
	"github.com/rs/zerolog"
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint"
	"github.com/spf13/cobra"
)

// Exit codes (docs/cli.md, "Exit codes").
const (
	exitOK       = 0
	exitFindings = 1
	exitFailure  = 2
	// exitInterrupted is the shells' code for a program ended by SIGINT
	// (128 + 2), which saglig returns when a Ctrl-C cancelled the run.
	exitInterrupted = 130
)

// errInterrupted ends a run cancelled by a signal.
var errInterrupted = errors.New("interrupted")

// interrupted returns errInterrupted when ctx was cancelled (by Ctrl-C),
// after ending the progress bar's line.
func interrupted(ctx context.Context, bar *progress) error {
	if ctx.Err() == nil {
		return nil
	}
	bar.interrupted()
	return errInterrupted
}

// positioned matches an error that starts with file:line:col.
var positioned = regexp.MustCompile(`^[^\s:]+:\d+:\d+: `)

// errFindings ends a run that found problems at or above --fail-on; it
// carries no message of its own.
var errFindings = errors.New("findings")

// usageError is a mistake on the command line. Its message starts with
// the command ("saglig lint: unknown flag: --x") and ends by pointing to
// the command's help.
type usageError struct {
	cmd string
	// err is the flag parser's error (its wrapping English, our
	// translated errors inside), or msg says what is missing.
	err error
	msg i18n.Msg
}

func (e *usageError) Error() string { return e.In(i18n.For(i18n.English)) }

// In writes the error in tr's language.
func (e *usageError) In(tr *i18n.Printer) string {
	if e.err != nil {
		return tr.Sprintf("%s: %s (see '%s --help')", e.cmd, i18n.Localize(tr, e.err), e.cmd)
	}
	return e.cmd + ": " + e.msg.In(tr)
}

// usage builds a usageError for command c from the flag parser's error.
func usage(c *cobra.Command, err error) error {
	return &usageError{cmd: c.CommandPath(), err: flagError(err)}
}

// needArgs is cobra.MinimumNArgs(1) with a message that says what is
// missing and how to give it.
func needArgs(msg i18n.Msg) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) == 0 {
			return &usageError{cmd: c.CommandPath(), msg: msg}
		}
		return nil
	}
}

// app holds what every command shares.
type app struct {
	stdout, stderr io.Writer
	logLevel       string
	log            zerolog.Logger
	// langFlag is --lang as given; lang the language of everything a
	// person reads (--lang, else the map's language: for lint, else the
	// locale).
	langFlag string
	lang     i18n.Lang
}

// tr is the printer of the run's language.
func (a *app) tr() *i18n.Printer { return i18n.For(a.lang) }

// setupLang takes the language from --lang, else from the locale; lint
// may still take the map's (useMapLang).
func (a *app) setupLang() error {
	if a.langFlag == "" {
		a.lang = i18n.FromEnv(os.Getenv)
		return nil
	}
	l, err := i18n.ParseLang(a.langFlag)
	if err != nil {
		return i18n.Errorf("--lang: %s", err)
	}
	a.lang = l
	return nil
}

// useMapLang takes the map's language when --lang did not say.
func (a *app) useMapLang(l string) {
	if a.langFlag != "" || l == "" {
		return
	}
	if ml, err := i18n.ParseLang(l); err == nil {
		a.lang = ml
	}
}

// run executes the command line and returns the exit code. Errors are one
// line on stderr, never a stack trace.
func run(args []string, stdout, stderr io.Writer) int {
	return runContext(context.Background(), args, stdout, stderr)
}

// runContext is run, cancelled with ctx.
func runContext(ctx context.Context, args []string, stdout, stderr io.Writer) (code int) {
	a := &app{stdout: stdout, stderr: stderr, lang: i18n.FromEnv(os.Getenv)}
	root := a.rootCommand()
	if l := argLang(args); l != "" {
		a.lang = l
	}
	if a.lang != i18n.English {
		// --help is written before any command runs: its language
		// comes from --lang or the locale, as the commands' does.
		localizeHelp(root, a.tr())
	}
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintln(stderr, "saglig: "+a.tr().Sprintf("internal error: %v (please report it)", p))
			code = exitFailure
		}
	}()
	err := root.ExecuteContext(ctx)
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errInterrupted):
		fmt.Fprintln(stderr, "saglig: "+a.tr().Sprintf("interrupted"))
		return exitInterrupted
	case errors.Is(err, errFindings):
		return exitFindings
	case errors.Is(err, errReported):
		return exitFailure
	}
	if l, lerr := i18n.ParseLang(a.langFlag); a.langFlag != "" && lerr == nil {
		// A flag error ends the run before --lang is set up.
		a.lang = l
	}
	msg := strings.TrimRight(i18n.Localize(a.tr(), err), "\n")
	// Map problems read like a compiler's (file:line:col: message), one
	// line each; a usage error names its command already; everything else
	// is one line prefixed with the program.
	var ue *usageError
	if !errors.As(err, &ue) && !positioned.MatchString(msg) && !strings.Contains(msg, "\n") {
		msg = "saglig: " + msg
	}
	fmt.Fprintln(stderr, msg)
	return exitFailure
}

func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "saglig",
		Short: i18n.N("Lint training and feature datasets against a feature-purpose map"),
		Long: i18n.N(`saglig checks training and feature datasets (Parquet, Arrow) against a
feature-purpose map (saglig.yaml) and flags undocumented sources, data used out
of context, irrelevant or disproportionate characteristics and their proxies,
direct identifiers and re-identification risk, and says on which of the five
conditions of the AI Act's ban on social scoring (art. 5(1)(c)) the data and
the map give indications; whether a practice is prohibited is a legal
assessment made by people.`),
		SilenceUsage:      true,
		SilenceErrors:     true,
		CompletionOptions: cobra.CompletionOptions{HiddenDefaultCmd: true},
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			if err := a.setupLang(); err != nil {
				return err
			}
			return a.setupLog()
		},
	}
	root.PersistentFlags().StringVar(&a.logLevel, "log-level", "warn", i18n.N("log level on stderr: debug, info, warn, error"))
	root.PersistentFlags().StringVar(&a.langFlag, "lang", "", i18n.N("language of what people read: da or en (default: the map's language:, else the locale's, else en)"))
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usage(c, err) })
	root.Version = lint.Version()
	root.SetVersionTemplate(versionLine() + "\n")
	root.AddCommand(a.lintCommand(), a.initCommand(), a.profileCommand(), a.policyCommand(),
		a.rulesCommand(), a.explainCommand(), a.versionCommand())
	return root
}

// setupLog sends logs to stderr: console format on a terminal, JSON lines
// otherwise.
func (a *app) setupLog() error {
	lvl, err := parseLogLevel(a.logLevel)
	if err != nil {
		return err
	}
	var w io.Writer = a.stderr
	if isTerminal(a.stderr) {
		w = zerolog.ConsoleWriter{Out: a.stderr, NoColor: os.Getenv("NO_COLOR") != ""}
	}
	a.log = zerolog.New(w).Level(lvl).With().Timestamp().Logger()
	return nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// wantColor reports whether output to w may use ANSI colours.
func wantColor(w io.Writer) bool {
	_, noColor := os.LookupEnv("NO_COLOR")
	return !noColor && os.Getenv("TERM") != "dumb" && isTerminal(w)
}
