package featuremap

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/saglig/saglig/internal/i18n"
	"gopkg.in/yaml.v3"
)

// StarterColumn is what `saglig init` knows of a column, its comments
// written in the run's language.
type StarterColumn struct {
	Path string
	Type string
	// Role is the guessed role ("" for input), RoleEvidence why.
	Role         string
	RoleEvidence string
	// Category is the inferred category, "" when unknown.
	Category string
	// Explanation says why, written as a comment: beside the category, or
	// in its place when none was inferred.
	Explanation string
}

// Todo marks what a person must fill in; lint treats it as missing.
const Todo = "TODO"

var nonIdent = regexp.MustCompile(`[^a-z0-9_.-]+`)

// PurposeName turns a directory or file name into a purpose identifier.
func PurposeName(s string) string {
	s = nonIdent.ReplaceAllString(strings.ToLower(s), "-")
	s = strings.Trim(s, "-_.")
	if s == "" {
		return "model"
	}
	return s
}

// Starter writes a starter map: the purpose with TODO markers, the
// datasets, and every column with its guessed role and inferred category.
// Every source, context and relevance is TODO, so the map fails lint until a
// person has filled it in. The comments are in tr's language; the keys and
// vocabularies are the map's own.
func Starter(tr *i18n.Printer, purpose string, datasets []string, cols []StarterColumn) []byte {
	var b bytes.Buffer
	b.WriteString("# yaml-language-server: $schema=https://raw.githubusercontent.com/saglig/saglig/main/docs/saglig.schema.json\n")
	b.WriteString("# " + oneLine(tr.Sprintf("Feature-purpose map written by `saglig init`. Replace every TODO; see docs/map.md.")) + "\n")
	b.WriteString("version: 1\n\npurpose:\n")
	fmt.Fprintf(&b, "  name: %s\n", PurposeName(purpose))
	b.WriteString("  description: TODO " + oneLine(tr.Sprintf("how the model's output is used in the decision it supports")) + "\n")
	b.WriteString("  controller: TODO  # " + oneLine(tr.Sprintf("who decides: %s", strings.Join(Controllers, ", "))) + "\n")
	b.WriteString("  sector: TODO  # " + oneLine(tr.Sprintf("the legal area: %s", strings.Join(Sectors, ", "))) + "\n")
	b.WriteString("  context: TODO  # " + oneLine(tr.Sprintf("the social context of the decision: %s", strings.Join(Contexts, ", "))) + "\n")
	b.WriteString("  # allowed_contexts: [employment]  # " + oneLine(tr.Sprintf("contexts whose data are in-context; default [context]")) + "\n")
	b.WriteString("  output: score  # score | classification | ranking | information\n")
	b.WriteString("  # automated: false  # " + oneLine(tr.Sprintf("set once a person decides every case (GDPR art. 22)")) + "\n")
	b.WriteString("  human_review: TODO " + oneLine(tr.Sprintf("who decides, and how the model's output is weighed")) + "\n")
	b.WriteString("  transparency: TODO " + oneLine(tr.Sprintf("how and when the people concerned are told that AI or a similar digital solution is used")) + "\n")
	b.WriteString("  legal_basis: TODO " + oneLine(tr.Sprintf("the provision that allows the processing")) + "\n")
	b.WriteString("  # " + oneLine(tr.Sprintf("processor: the data processor, if any; then processor_agreement: the agreement's reference (GDPR art. 28(3))")) + "\n\n")
	if len(datasets) > 0 {
		b.WriteString("datasets:\n")
		for _, d := range datasets {
			fmt.Fprintf(&b, "  - %s\n", quote(d))
		}
		b.WriteString("\n")
	}
	b.WriteString("features:\n")
	for _, c := range cols {
		fmt.Fprintf(&b, "  %s:  # %s\n", quote(c.Path), c.Type)
		role := c.Role
		if role == "" {
			role = string(RoleInput)
		}
		if c.Role != "" && c.RoleEvidence != "" {
			fmt.Fprintf(&b, "    role: %s  # %s\n", role, oneLine(tr.Sprintf("guessed: %s", c.RoleEvidence)))
		} else {
			fmt.Fprintf(&b, "    role: %s\n", role)
		}
		switch {
		case c.Category != "":
			fmt.Fprintf(&b, "    category: %s  # %s\n", c.Category, oneLine(tr.Sprintf("inferred: %s", c.Explanation)))
		case c.Explanation != "":
			fmt.Fprintf(&b, "    # category: %s\n", oneLine(c.Explanation))
		}
		switch Role(role) {
		case RoleInput:
			b.WriteString("    source: TODO\n    context: TODO\n    relevance: TODO\n")
		case RoleTarget, RoleProtected:
			b.WriteString("    source: TODO\n")
		}
	}
	return b.Bytes()
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// quote writes s as a YAML scalar, quoted only when it must be.
func quote(s string) string {
	out, err := yaml.Marshal(s)
	if err != nil {
		return fmt.Sprintf("%q", s)
	}
	return strings.TrimSuffix(string(out), "\n")
}
