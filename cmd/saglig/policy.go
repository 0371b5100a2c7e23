package main

import (
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/policy"
	"github.com/spf13/cobra"
)

func (a *app) policyCommand() *cobra.Command {
	var file string
	cmd := &cobra.Command{
		Use:   "policy",
		Short: i18n.N("Print the relevance policy (the built-in one, or --policy FILE merged over it)"),
		Long: i18n.N(`Print the relevance policy: for each category, whether it is a GDPR special
category, whether it is social behaviour or a personal characteristic, and for
each decision context whether it is irrelevant, needs a documented relevance,
or is relevant. Save it, edit it and pass it to lint with --policy FILE, or
write a small file with "extends: default" that overrides a few entries.`),
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if file == "" {
				_, err := a.stdout.Write(policy.DefaultYAML())
				return err
			}
			p, err := policy.Load(file)
			if err != nil {
				return err
			}
			out, err := p.YAML()
			if err != nil {
				return i18n.Errorf("policy: %v", err)
			}
			_, err = a.stdout.Write(out)
			return err
		},
	}
	cmd.Flags().StringVar(&file, "policy", "", i18n.N("show the effective policy with this file applied"))
	return cmd
}
