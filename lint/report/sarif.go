package report

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint"
	"github.com/saglig/saglig/lint/finding"
	"github.com/saglig/saglig/lint/legal"
	"github.com/saglig/saglig/lint/rules"
)

func init() { registerFormat("sarif", func(o Options) Printer { return sarifPrinter{tr: o.tr()} }) }

// sarifPrinter writes SARIF 2.1.0 (OASIS), as GitHub code scanning and
// other SARIF viewers read it: every rule with its documentation and legal
// text, one result per finding, located at the column's declaration in the
// map when there is one, else at the dataset.
type sarifPrinter struct{ tr *i18n.Printer }

const (
	sarifSchema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	sarifVersion = "2.1.0"
	// srcRoot is the uriBaseId of every path: the directory saglig ran in
	// (the repository root in CI).
	srcRoot = "%SRCROOT%"
	// InformationURI is the project's home page.
	InformationURI = "https://github.com/saglig/saglig"
	// rulesDocBase is the directory of the rule catalogues
	// (rules.CatalogueFile); each rule has an anchor in them.
	rulesDocBase = InformationURI + "/blob/main/docs/"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	// OriginalURIBaseIDs describes %SRCROOT% without pinning it to a path
	// on this machine.
	OriginalURIBaseIDs map[string]sarifArtifactLocation `json:"originalUriBaseIds"`
	Results            []sarifResult                    `json:"results"`
	ColumnKind         string                           `json:"columnKind"`
	Properties         map[string]any                   `json:"properties,omitempty"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifInvocation struct {
	// ExecutionSuccessful is false when some files could not be read: the
	// results cover only the others.
	ExecutionSuccessful bool `json:"executionSuccessful"`
	// ToolExecutionNotifications has one entry per file, directory or
	// argument that could not be read.
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
	// RuleConfigurationOverrides turns off the rules disabled for the run.
	RuleConfigurationOverrides []sarifOverride `json:"ruleConfigurationOverrides,omitempty"`
}

// sarifOverride is a configurationOverride: a rule's configuration for
// this run.
type sarifOverride struct {
	Configuration sarifOverrideConfig `json:"configuration"`
	Descriptor    sarifDescriptorRef  `json:"descriptor"`
}

type sarifOverrideConfig struct {
	Enabled    bool           `json:"enabled"`
	Properties map[string]any `json:"properties,omitempty"`
}

type sarifDescriptorRef struct {
	ID    string `json:"id"`
	Index int    `json:"index"`
}

// sarifNotification is a problem of the run itself, not a result.
type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string          `json:"id"`
	Name                 string          `json:"name"`
	ShortDescription     sarifText       `json:"shortDescription"`
	FullDescription      sarifText       `json:"fullDescription"`
	Help                 sarifText       `json:"help"`
	HelpURI              string          `json:"helpUri"`
	DefaultConfiguration sarifRuleConfig `json:"defaultConfiguration"`
	Properties           sarifRuleProps  `json:"properties"`
}

type sarifRuleConfig struct {
	Level string `json:"level"`
}

type sarifRuleProps struct {
	Tags     []string `json:"tags"`
	Measures bool     `json:"measures"`
	Scope    string   `json:"scope"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Suppressions        []sarifSuppress   `json:"suppressions,omitempty"`
	BaselineState       string            `json:"baselineState,omitempty"`
	Properties          map[string]any    `json:"properties,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical  `json:"physicalLocation"`
	LogicalLocations []sarifLogical `json:"logicalLocations,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI         string     `json:"uri,omitempty"`
	URIBaseID   string     `json:"uriBaseId,omitempty"`
	Description *sarifText `json:"description,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

type sarifLogical struct {
	Name               string `json:"name"`
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind"`
}

type sarifSuppress struct {
	Kind          string `json:"kind"`
	Status        string `json:"status"`
	Justification string `json:"justification"`
}

func sarifLevel(s finding.Severity) string {
	switch s {
	case finding.Error:
		return "error"
	case finding.Warning:
		return "warning"
	}
	return "note"
}

func (p sarifPrinter) Print(w io.Writer, r *lint.Result) error {
	all := rules.All()
	index := make(map[string]int, len(all))
	driver := sarifDriver{Name: r.Tool.Name, Version: r.Tool.Version, InformationURI: InformationURI, Rules: make([]sarifRule, 0, len(all))}
	if driver.Name == "" {
		driver.Name = "saglig"
	}
	for i, rule := range all {
		index[rule.ID] = i
		driver.Rules = append(driver.Rules, p.rule(rule, r.Purpose.Scope()))
	}
	inv := sarifInvocationOf(p.tr, r)
	for _, d := range r.Disabled {
		inv.RuleConfigurationOverrides = append(inv.RuleConfigurationOverrides, sarifOverride{
			Configuration: sarifOverrideConfig{Enabled: false, Properties: map[string]any{"disabledBy": d.By}},
			Descriptor:    sarifDescriptorRef{ID: d.Rule, Index: index[d.Rule]},
		})
	}
	run := sarifRun{
		Tool:        sarifTool{Driver: driver},
		Invocations: []sarifInvocation{inv},
		OriginalURIBaseIDs: map[string]sarifArtifactLocation{
			srcRoot: {Description: &sarifText{Text: p.tr.Sprintf("The directory saglig ran in; paths are relative to it.")}},
		},
		Results:    make([]sarifResult, 0, len(r.Findings)),
		ColumnKind: "unicodeCodePoints",
		Properties: map[string]any{"map": slashPath(r.Map), "policy": r.Policy},
	}
	if r.Baseline != "" {
		run.Properties["baseline"] = slashPath(r.Baseline)
	}
	for i := range r.Findings {
		f := &r.Findings[i]
		idx, ok := index[f.Rule]
		if !ok {
			return fmt.Errorf("sarif: finding of unknown rule %q", f.Rule)
		}
		run.Results = append(run.Results, p.result(r, f, idx))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}})
}

// sarifInvocationOf records whether every input was read; each one that
// was not is an error notification located at its path.
func sarifInvocationOf(tr *i18n.Printer, r *lint.Result) sarifInvocation {
	inv := sarifInvocation{ExecutionSuccessful: len(r.Errors) == 0}
	for _, e := range r.Errors {
		n := sarifNotification{Level: "error", Message: sarifText{Text: errorLine(tr, e)}}
		if e.Path != "" {
			n.Locations = []sarifLocation{{PhysicalLocation: sarifPhysical{ArtifactLocation: artifact(e.Path)}}}
		}
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, n)
	}
	return inv
}

// rule describes a rule as it applies in the map's scope s, in the
// report's language: its documentation and citations leave out the draft
// order outside it.
func (p sarifPrinter) rule(rule *rules.Rule, s legal.Scope) sarifRule {
	summary := rule.SummaryIn(p.tr)
	if !strings.HasPrefix(p.tr.Sprintf(rule.Summary), "`") { // a map key keeps its case
		summary = capitalise(summary)
	}
	tags := []string{"compliance"}
	for _, c := range rule.LegalIn(s) {
		tags = append(tags, c.Ref)
	}
	doc := rule.DocIn(p.tr, s)
	return sarifRule{
		ID:               rule.ID,
		Name:             rule.Name,
		ShortDescription: sarifText{Text: summary + "."},
		FullDescription:  sarifText{Text: rules.Plain(doc), Markdown: doc},
		Help:             sarifText{Text: p.helpText(rule, s), Markdown: p.helpMarkdown(rule, s)},
		HelpURI:          ruleDocURI(p.tr.Lang(), rule),
		DefaultConfiguration: sarifRuleConfig{
			Level: sarifLevel(rule.Severity),
		},
		Properties: sarifRuleProps{Tags: uniqueStrings(tags), Measures: rule.Measures, Scope: rule.Scope.String()},
	}
}

// ruleDocURI is a rule's entry in the catalogue of a language; the anchor
// of a Danish title (æ, ø, å) is percent-encoded, as a URI wants it.
func ruleDocURI(l i18n.Lang, rule *rules.Rule) string {
	return rulesDocBase + rules.CatalogueFile(l) + (&url.URL{Fragment: rule.Anchor(l)}).String()
}

// helpText is the rule's documentation with its legal text, for viewers
// that show plain text; the law is glossed in English only in English.
func (p sarifPrinter) helpText(rule *rules.Rule, s legal.Scope) string {
	var b strings.Builder
	t := rule.In(p.tr.Lang())
	p.tr.Fprintf(&b, "%s: fires when %s.\n\n%s\n", rule.Label(p.tr.Lang()), rule.SummaryIn(p.tr), rules.Plain(rule.DocIn(p.tr, s)))
	if cs := rule.LegalIn(s); len(cs) > 0 {
		b.WriteString("\n" + p.tr.Sprintf("Legal basis:") + "\n")
		for _, c := range cs {
			fmt.Fprintf(&b, "\n%s — %s\n«%s»\n", legal.RefIn(p.tr.Lang(), c.Ref), c.Source, c.Danish)
			if p.tr.Lang() != i18n.Danish {
				fmt.Fprintf(&b, "%s\n", c.English)
			}
		}
	}
	p.tr.Fprintf(&b, "\nFails:\n%s\n\nPasses:\n%s\n", t.Bad, t.Good)
	return b.String()
}

// helpMarkdown is the same in Markdown, as GitHub code scanning shows it
// under an alert.
func (p sarifPrinter) helpMarkdown(rule *rules.Rule, s legal.Scope) string {
	var b strings.Builder
	t := rule.In(p.tr.Lang())
	p.tr.Fprintf(&b, "## %s\n\nFires when %s.\n\n%s\n", rule.Label(p.tr.Lang()), p.tr.Sprintf(rule.Summary), rule.DocIn(p.tr, s))
	if cs := rule.LegalIn(s); len(cs) > 0 {
		b.WriteString("\n### " + p.tr.Sprintf("Legal basis") + "\n")
		for _, c := range cs {
			fmt.Fprintf(&b, "\n**%s** — %s\n\n> %s\n", legal.RefIn(p.tr.Lang(), c.Ref), c.Source, c.Danish)
			if p.tr.Lang() != i18n.Danish {
				fmt.Fprintf(&b, "\n%s\n", c.English)
			}
		}
	}
	p.tr.Fprintf(&b, "\n### Fails\n\n```yaml\n%s\n```\n\n### Passes\n\n```yaml\n%s\n```\n", t.Bad, t.Good)
	return b.String()
}

func (p sarifPrinter) result(r *lint.Result, f *finding.Finding, ruleIndex int) sarifResult {
	res := sarifResult{
		RuleID:    f.Rule,
		RuleIndex: ruleIndex,
		Level:     sarifLevel(f.Severity),
		Message:   sarifText{Text: p.message(f)},
		Locations: []sarifLocation{sarifLocationOf(r, f)},
		PartialFingerprints: map[string]string{
			finding.FingerprintVersion: f.FingerprintFor(r.Map),
		},
	}
	if a := f.Accepted; a != nil && a.By != finding.ByBaseline {
		res.Suppressions = []sarifSuppress{{Kind: "external", Status: "accepted", Justification: acceptance(p.tr, f)}}
	}
	if r.Baseline != "" {
		res.BaselineState = "new"
		if f.Baselined {
			res.BaselineState = "unchanged"
		}
	}
	props := map[string]any{"severity": f.Severity.String()}
	if f.Dataset != "" {
		props["dataset"] = slashPath(f.Dataset)
	}
	if f.Column != "" {
		props["column"] = f.Column
	}
	if len(f.Legal) > 0 {
		props["legal"] = f.Legal
	}
	if f.Fix != "" {
		props["fix"] = f.Fix
	}
	if f.Baselined {
		props["baselined"] = true
	}
	if f.Accepted != nil {
		props["accepted"] = f.Accepted
	}
	if f.Evidence != nil {
		props["evidence"] = f.Evidence
	}
	res.Properties = props
	return res
}

// message says what and where, since the location of a finding on a
// dataset column is the column's line in the map, then what to do.
func (p sarifPrinter) message(f *finding.Finding) string {
	var b strings.Builder
	if f.Dataset != "" {
		b.WriteString(slashPath(f.Dataset))
		b.WriteString(": ")
	}
	b.WriteString(f.Message)
	if f.Fix != "" {
		b.WriteString(". " + p.tr.Sprintf("Fix: %s", f.Fix))
	}
	return b.String()
}

// sarifLocationOf points where anchor says. Without a line the region is
// line 1, since GitHub code scanning needs a start line to show an alert.
func sarifLocationOf(r *lint.Result, f *finding.Finding) sarifLocation {
	path, line, col := anchor(r, f)
	phys := sarifPhysical{ArtifactLocation: artifact(path), Region: &sarifRegion{StartLine: 1}}
	if line > 0 {
		phys.Region = &sarifRegion{StartLine: line, StartColumn: col}
	}
	var logical sarifLogical
	switch {
	case f.Dataset != "" && f.Column != "":
		logical = sarifLogical{Name: f.Column, FullyQualifiedName: slashPath(f.Dataset) + "#" + f.Column, Kind: "member"}
	case f.Dataset != "":
		logical = sarifLogical{Name: slashPath(f.Dataset), FullyQualifiedName: slashPath(f.Dataset), Kind: "resource"}
	case f.Column != "":
		logical = sarifLogical{Name: f.Column, FullyQualifiedName: "features." + f.Column, Kind: "member"}
	default:
		logical = sarifLogical{Name: "purpose", FullyQualifiedName: "purpose", Kind: "resource"}
	}
	return sarifLocation{PhysicalLocation: phys, LogicalLocations: []sarifLogical{logical}}
}

// artifact makes a path an artifact location: a relative URI against
// %SRCROOT% for a relative path, a file URI for an absolute one.
func artifact(path string) sarifArtifactLocation {
	if filepath.IsAbs(path) {
		u := url.URL{Scheme: "file", Path: filepath.ToSlash(path)}
		return sarifArtifactLocation{URI: u.String()}
	}
	return sarifArtifactLocation{URI: relativeURI(path), URIBaseID: srcRoot}
}

// relativeURI escapes each segment of a relative path, ':' too, which
// would make a first segment such as "c:x.parquet" read as a scheme.
func relativeURI(path string) string {
	segs := strings.Split(slashPath(path), "/")
	for i, s := range segs {
		segs[i] = strings.ReplaceAll(url.PathEscape(s), ":", "%3A")
	}
	return strings.Join(segs, "/")
}

func slashPath(p string) string {
	if p == "" {
		return ""
	}
	return filepath.ToSlash(filepath.Clean(p))
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func uniqueStrings(in []string) []string {
	seen := map[string]bool{}
	out := in[:0:0]
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
