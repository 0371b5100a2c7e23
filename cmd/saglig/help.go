package main

import (
	"errors"
	"strings"

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
	// The flag parser writes a flag's default as "(default 256MiB)".
	cobra.AddTemplateFunc("defaults", func(s string) string {
		return strings.ReplaceAll(s, " (default ", " ("+tr.Sprintf("default")+" ")
	})
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
{{.LocalFlags.FlagUsages | defaults | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableInheritedFlags}}

` + h(i18n.N("Global flags:")) + `
{{.InheritedFlags.FlagUsages | defaults | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableSubCommands}}

` + tr.Sprintf("Use \"%s [command] --help\" for more information about a command.", "{{.CommandPath}}") + `{{end}}
`
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
		return i18n.Because(err, "invalid argument %q for %q flag: %s", invalid.GetValue(), name, errors.Unwrap(invalid).Error())
	case errors.As(err, &syntax):
		return i18n.Because(err, "bad flag syntax: %s", syntax.GetSpecifiedFlag())
	}
	return err
}
