package main

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// argLang is the language --lang names on the command line, read before
// cobra parses it: --help is written before any command runs. It is ""
// when --lang is not given or names no language saglig speaks (the parse
// reports that).
func argLang(args []string) i18n.Lang {
	for i, a := range args {
		if a == "--" {
			break
		}
		v, ok := strings.CutPrefix(a, "--lang=")
		if !ok && a == "--lang" && i+1 < len(args) {
			v, ok = args[i+1], true
		}
		if ok {
			if l, err := i18n.ParseLang(v); err == nil {
				return l
			}
		}
	}
	return ""
}

// usageTemplate is cobra's usage template (v1.10) with its headings and
// closing line as catalogue keys: the help of a command is written in the
// run's language.
func usageTemplate(tr *i18n.Printer) string {
	h := func(s string) string { return tr.Sprintf(s) }
	cobra.AddTemplateFunc("flagUsages", func(fs *pflag.FlagSet) string { return flagUsages(fs, tr) })
	return h(i18n.N("Usage:")) + `{{if .Runnable}}
  {{.UseLine}}{{end}}{{if .HasAvailableSubCommands}}
  {{.CommandPath}} [command]{{end}}{{if gt (len .Aliases) 0}}

` + h(i18n.N("Aliases:")) + `
  {{.NameAndAliases}}{{end}}{{if .HasExample}}

` + h(i18n.N("Examples:")) + `
{{.Example}}{{end}}{{if .HasAvailableSubCommands}}

` + h(i18n.N("Commands:")) + `{{range .Commands}}{{if (or .IsAvailableCommand (eq .Name "help"))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableLocalFlags}}

` + h(i18n.N("Flags:")) + `
{{flagUsages .LocalFlags | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableInheritedFlags}}

` + h(i18n.N("Global flags:")) + `
{{flagUsages .InheritedFlags | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableSubCommands}}

` + tr.Sprintf("Use \"%s [command] --help\" for more information about a command.", "{{.CommandPath}}") + `{{end}}
`
}

// flagUsages writes the flags of fs as the flag parser does, in tr's
// language: the type of a flag's value in words ("--workers heltal" for
// pflag's "int"), a duration's default in words ("10 minutter" for
// "10m0s") and "(standard …)" for "(default …)". English keeps the
// parser's own words. The flags are copied for the writing: the parser's
// values and defaults stay as they are.
func flagUsages(fs *pflag.FlagSet, tr *i18n.Printer) string {
	if tr.Lang() == i18n.English {
		return fs.FlagUsages()
	}
	out := pflag.NewFlagSet("", pflag.ContinueOnError)
	out.SortFlags = fs.SortFlags
	fs.VisitAll(func(f *pflag.Flag) {
		g := *f
		if name, ok := typeWords[f.Value.Type()]; ok {
			g.Value = typeNamed{Value: f.Value, name: tr.Sprintf(name)}
			// The copy's value is no longer the parser's own type, which
			// pflag reads to tell a zero default it does not print.
			switch {
			case f.DefValue == "[]" || f.DefValue == "0" || f.DefValue == "0s":
				g.DefValue = ""
			case f.Value.Type() == "string" && f.DefValue != "":
				// As the parser quotes a string's default.
				g.DefValue = strconv.Quote(f.DefValue)
			}
		}
		if d, err := time.ParseDuration(f.DefValue); err == nil && f.Value.Type() == "duration" && d != 0 {
			g.DefValue = durationWords(tr, d)
		}
		out.AddFlag(&g)
	})
	return strings.ReplaceAll(out.FlagUsages(), " (default ", " ("+tr.Sprintf("default")+" ")
}

// typeWords are the English of the flag parser's type names, keys of the
// catalogue; a bool flag shows none.
var typeWords = map[string]string{
	"string": i18n.N("string"), "stringArray": i18n.N("strings"), "stringSlice": i18n.N("strings"),
	"int": i18n.N("int"), "int64": i18n.N("int"), "uint": i18n.N("uint"),
	"float64": i18n.N("float"), "duration": i18n.N("duration"),
}

// typeNamed is a flag's value that names its type in words, for writing
// the help only.
type typeNamed struct {
	pflag.Value
	name string
}

func (t typeNamed) Type() string { return t.name }

// durationWords writes a whole number of hours, minutes or seconds in
// words ("10 minutes"), any other duration as Go does.
func durationWords(tr *i18n.Printer, d time.Duration) string {
	switch {
	case d%time.Hour == 0:
		return tr.Sprintf("%d hours", int(d/time.Hour))
	case d%time.Minute == 0:
		return tr.Sprintf("%d minutes", int(d/time.Minute))
	case d%time.Second == 0:
		return tr.Sprintf("%d seconds", int(d/time.Second))
	}
	return d.String()
}

// localizeHelp writes the help of root and its commands in tr's
// language: each command's summary and description, its flags' usages
// (keys of the catalogue marked with i18n.N where they are written), the
// help and version flags cobra adds, and the usage template's headings.
func localizeHelp(root *cobra.Command, tr *i18n.Printer) {
	root.InitDefaultHelpCmd()
	root.InitDefaultVersionFlag()
	root.SetUsageTemplate(usageTemplate(tr))
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.InitDefaultHelpFlag()
		switch c.Name() {
		case "help":
			c.Short = tr.Sprintf("Help about any command")
			c.Long = tr.Sprintf("Help provides help for any command in the application.\nSimply type %s help [path to command] for full details.", root.Name())
		default:
			c.Short = tr.Sprintf(c.Short)
			c.Long = tr.Sprintf(c.Long)
		}
		own := func(f *pflag.Flag) {
			switch f.Name {
			case "help":
				f.Usage = tr.Sprintf("help for %s", c.Name())
			case "version":
				f.Usage = tr.Sprintf("version for %s", c.Name())
			default:
				f.Usage = tr.Sprintf(f.Usage)
			}
		}
		c.LocalNonPersistentFlags().VisitAll(own)
		c.PersistentFlags().VisitAll(own)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// flagError says the flag parser's error in the catalogue's words, so a
// usage error is written in the run's language; errors.Is and errors.As
// still see the parser's error. An error the parser words otherwise is
// returned as it is.
func flagError(err error) error {
	var (
		unknown *pflag.NotExistError
		needs   *pflag.ValueRequiredError
		invalid *pflag.InvalidValueError
		syntax  *pflag.InvalidSyntaxError
	)
	switch {
	case errors.As(err, &unknown) && unknown.GetSpecifiedShortnames() != "" && unknown.GetSpecifiedName() != "":
		return i18n.Because(err, "unknown shorthand flag: %q in -%s", rune(unknown.GetSpecifiedName()[0]), unknown.GetSpecifiedShortnames())
	case errors.As(err, &unknown) && err.Error() == "unknown flag: --"+unknown.GetSpecifiedName():
		return i18n.Because(err, "unknown flag: --%s", unknown.GetSpecifiedName())
	case errors.As(err, &needs) && needs.GetSpecifiedShortnames() != "" && needs.GetSpecifiedName() != "":
		return i18n.Because(err, "flag needs an argument: %q in -%s", rune(needs.GetSpecifiedName()[0]), needs.GetSpecifiedShortnames())
	case errors.As(err, &needs):
		return i18n.Because(err, "flag needs an argument: --%s", needs.GetSpecifiedName())
	case errors.As(err, &invalid) && invalid.GetFlag() != nil && errors.Unwrap(invalid) != nil:
		f := invalid.GetFlag()
		name := "--" + f.Name
		if f.Shorthand != "" {
			name = "-" + f.Shorthand + ", " + name
		}
		return i18n.Because(err, "invalid argument %q for %q flag: %s", invalid.GetValue(), name, valueWords(errors.Unwrap(invalid)))
	case errors.As(err, &syntax):
		return i18n.Because(err, "bad flag syntax: %s", syntax.GetSpecifiedFlag())
	}
	return err
}

// valueWords says in words what a flag's value should have been, for the
// errors of the strconv and time parsers pflag's typed flags use
// (strconv.ParseInt: parsing "abc": invalid syntax → "expected an
// integer"); any other error is written as it is (saglig's own, in the
// run's language).
func valueWords(err error) any {
	var num *strconv.NumError
	if errors.As(err, &num) {
		if errors.Is(num.Err, strconv.ErrRange) {
			return i18n.M("the number is out of range")
		}
		switch num.Func {
		case "ParseInt":
			return i18n.M("expected an integer")
		case "ParseUint":
			return i18n.M("expected an integer of 0 or more")
		case "ParseFloat":
			return i18n.M("expected a number")
		case "ParseBool":
			return i18n.M("expected true or false")
		}
		return err
	}
	if strings.HasPrefix(err.Error(), "time: ") {
		return i18n.M("expected a duration such as 90s, 10m or 1h30m")
	}
	return err
}
