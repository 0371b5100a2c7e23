package main

import (
	"fmt"
	"runtime"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint"
	"github.com/spf13/cobra"
)

func (a *app) versionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: i18n.N("Print saglig's version"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprintln(a.stdout, versionLine())
			return err
		},
	}
}

// versionLine is what `saglig version` and `saglig --version` print.
func versionLine() string {
	return fmt.Sprintf("saglig %s (%s, %s/%s)", lint.Version(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
}
