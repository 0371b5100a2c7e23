package featuremap

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/saglig/saglig/internal/i18n"
)

// lines joins YAML lines, so that tests read like the file.
func lines(ls ...string) string { return strings.Join(ls, "\n") + "\n" }

// problems parses src and returns its problems, one string each.
func problems(t *testing.T, src string) []string {
	t.Helper()
	m, err := Parse("saglig.yaml", []byte(src))
	if err == nil {
		if m == nil {
			t.Fatal("Parse returned neither a map nor an error")
		}
		return nil
	}
	if m != nil {
		t.Errorf("Parse returned a map with an error")
	}
	var le *LoadError
	if !errors.As(err, &le) {
		t.Fatalf("error is %T, want *LoadError", err)
	}
	if le.File != "saglig.yaml" {
		t.Errorf("LoadError.File = %q", le.File)
	}
	out := make([]string, len(le.Problems))
	for i, p := range le.Problems {
		out[i] = p.String()
	}
	if got := strings.Join(out, "\n"); got != err.Error() {
		t.Errorf("Error() = %q, want the problems joined by newlines %q", err.Error(), got)
	}
	return out
}

func TestParseErrors(t *testing.T) {
	const v1 = "version: 1"
	tests := []struct {
		name string
		src  string
		want []string
	}{
		// Not YAML.
		{"syntax", lines(v1, "purpose:", "  name: a", " context: b"), []string{
			"saglig.yaml:4: invalid YAML: did not find expected key",
		}},
		{"syntax mapping value", lines(v1, "  purpose: x"), []string{
			"saglig.yaml:2: invalid YAML: mapping values are not allowed in this context",
		}},
		{"tab at start", "\tversion: 1\n", []string{
			"saglig.yaml:1: invalid YAML: found character that cannot start any token",
		}},
		{"invalid UTF-8", lines(v1, "purpose:", "  name: caf\xe9"), []string{
			"saglig.yaml:3:12: invalid YAML: incomplete UTF-8 octet sequence",
		}},
		{"control character", lines(v1, "purpose:", "  name: a\x01"), []string{
			"saglig.yaml:3:10: invalid YAML: control characters are not allowed",
		}},
		{"flow mapping not closed", lines(v1, "purpose:", "  name: a", "features: {a: b", "x: y"), []string{
			"saglig.yaml:4: invalid YAML: did not find expected ',' or '}'",
		}},
		{"unknown anchor after a glob that looks like it", lines(v1, "features:", "  emb_*common_x:", "  age: *common"), []string{
			"saglig.yaml:4:8: invalid YAML: alias *common refers to no anchor &common before it",
		}},
		{"unknown anchor", lines(v1, "features:", "  age: *common"), []string{
			"saglig.yaml:3:8: invalid YAML: alias *common refers to no anchor &common before it",
		}},
		{"unterminated quote", lines(v1, "purpose:", "  name: 'x"), []string{
			"saglig.yaml:3: invalid YAML: found unexpected end of stream",
		}},

		// Empty files and top levels that are not mappings.
		{"empty", "", []string{"saglig.yaml: the map is empty"}},
		{"comments only", "# nothing yet\n", []string{"saglig.yaml: the map is empty"}},
		{"document marker only", "---\n", []string{"saglig.yaml: the map is empty"}},
		{"null document", "~\n", []string{"saglig.yaml: the map is empty"}},
		{"top list", "- version: 1\n", []string{
			"saglig.yaml:1:1: the map must be a mapping with the keys version, purpose, datasets and features, got a list",
		}},
		{"top string", "hello\n", []string{
			`saglig.yaml:1:1: the map must be a mapping with the keys version, purpose, datasets and features, got the string "hello"`,
		}},
		{"two documents", lines(v1, "---", v1), []string{
			"saglig.yaml:2:1: a second YAML document starts here; the map must be a single document",
		}},
		{"trailing empty document", lines(v1, "---"), []string{
			"saglig.yaml:2:1: a second YAML document starts here; the map must be a single document",
		}},
		{"syntax error in second document", lines(v1, "---", "a: [b"), []string{
			"saglig.yaml:3: invalid YAML: did not find expected ',' or ']'",
		}},

		// Version.
		{"missing version", lines("# the map", "purpose:", "  name: a"), []string{
			`saglig.yaml:2:1: missing key "version" (write "version: 1" at the top)`,
		}},
		{"version 2", "version: 2\n", []string{
			"saglig.yaml:1:10: unsupported map version 2 (this saglig reads version 1)",
		}},
		{"version 0", "version: 0\n", []string{
			"saglig.yaml:1:10: unsupported map version 0 (this saglig reads version 1)",
		}},
		{"version float", "version: 1.5\n", []string{
			"saglig.yaml:1:10: unsupported map version 1.5 (this saglig reads version 1)",
		}},
		{"version huge", "version: 99999999999999999999\n", []string{
			"saglig.yaml:1:10: unsupported map version 99999999999999999999 (this saglig reads version 1)",
		}},
		{"version quoted", "version: \"1\"\n", []string{
			`saglig.yaml:1:10: version must be an integer, got the string "1"`,
		}},
		{"version list", "version: [1]\n", []string{
			"saglig.yaml:1:10: version must be an integer, got a list",
		}},
		{"version null", "version:\n", []string{
			"saglig.yaml:1:9: version must be an integer, got null",
		}},

		// Unknown keys, at every level.
		{"unknown top key", lines(v1, "feature:", "  age: ~"), []string{
			`saglig.yaml:2:1: unknown key "feature" (did you mean "features"?)`,
		}},
		{"unknown top key without suggestion", lines(v1, "owner: team"), []string{
			`saglig.yaml:2:1: unknown key "owner" (known keys: version, purpose, datasets, features, disable)`,
		}},
		{"unknown purpose key", lines(v1, "purpose:", "  legalbasis: x"), []string{
			`saglig.yaml:3:3: unknown key "legalbasis" (did you mean "legal_basis"?)`,
		}},
		{"unknown purpose key case", lines(v1, "purpose:", "  Context: employment"), []string{
			`saglig.yaml:3:3: unknown key "Context" (did you mean "context"?)`,
		}},
		{"unknown feature key", lines(v1, "features:", "  age:", "    sorce: CPR"), []string{
			`saglig.yaml:4:5: unknown key "sorce" (did you mean "source"?)`,
		}},
		{"mis-indented feature", lines(v1, "features:", "  age:", "    source: CPR", "    income:", "      source: SKAT"), []string{
			`saglig.yaml:5:5: unknown key "income" (known keys: role, description, source, context, category, relevance, lawful_basis, reused_from, reused_under_order, reuse_assessment, pseudonymisation, waivers)`,
		}},
		{"unknown waiver key", lines(v1, "features:", "  age:", "    waivers:", "      - rule: SAG104", "        expiry: 2027-01-01"), []string{
			`saglig.yaml:6:9: unknown key "expiry" (did you mean "expires"?)`,
		}},
		{"empty key", lines(v1, `"": x`), []string{
			"saglig.yaml:2:1: empty key (known keys: version, purpose, datasets, features, disable)",
		}},
		{"key not text", lines(v1, "features:", "  ? [a, b]", "  : ~"), []string{
			"saglig.yaml:3:5: a key must be text, got a list",
		}},

		// Duplicate keys, at every level.
		{"duplicate top key", lines(v1, "datasets: a", "version: 1"), []string{
			`saglig.yaml:3:1: duplicate key "version" (first at line 1)`,
		}},
		{"duplicate purpose key", lines(v1, "purpose:", "  name: a", "  name: b"), []string{
			`saglig.yaml:4:3: duplicate key "name" (first at line 3)`,
		}},
		{"duplicate feature", lines(v1, "features:", "  age:", "    source: CPR", "  age: ~"), []string{
			`saglig.yaml:5:3: duplicate key "age" (first at line 3)`,
		}},
		{"duplicate feature key", lines(v1, "features:", "  age:", "    source: CPR", "    source: DST"), []string{
			`saglig.yaml:5:5: duplicate key "source" (first at line 4)`,
		}},
		{"duplicate waiver key", lines(v1, "features:", "  age:", "    waivers:", "      - {rule: SAG104, rule: SAG105}"), []string{
			`saglig.yaml:5:24: duplicate key "rule" (first at line 5)`,
		}},
		{"duplicate null feature keys", lines(v1, "features:", "  ~: a", "  null: b"), []string{
			"saglig.yaml:3:3: empty feature key",
			`saglig.yaml:4:3: duplicate key "" (first at line 3)`,
		}},

		// Wrong types.
		{"purpose not a mapping", lines(v1, "purpose: early-support"), []string{
			`saglig.yaml:2:10: purpose must be a mapping, got the string "early-support"`,
		}},
		{"text is a list", lines(v1, "purpose:", "  description: [a, b]"), []string{
			"saglig.yaml:3:16: description must be text, or a mapping from language (en, da) to text, got a list",
		}},
		{"text is a mapping of no language", lines(v1, "features:", "  age:", "    source: {register: CPR}"), []string{
			"saglig.yaml:4:14: unknown language \"register\" in source (known: en, da)",
		}},
		{"text in an unknown language", lines(v1, "purpose:", "  description:", "    da: Borgerens alder", "    de: Alter", "    dk: Alder"), []string{
			"saglig.yaml:5:5: unknown language \"de\" in description (did you mean \"da\"?)",
			"saglig.yaml:6:5: unknown language \"dk\" in description (did you mean \"da\"?)",
		}},
		{"text in a language twice", lines(v1, "purpose:", "  human_review:", "    da: En sagsbehandler", "    da: Igen"), []string{
			"saglig.yaml:5:5: duplicate key \"da\" (first at line 4)",
		}},
		{"a language's text is a list", lines(v1, "features:", "  age:", "    waivers:", "      - rule: SAG102", "        reason:", "          en: [a]"), []string{
			"saglig.yaml:7:15: reason.en must be text, got a list",
		}},
		{"text as an empty mapping", lines(v1, "purpose:", "  transparency: {}"), []string{
			"saglig.yaml:3:17: transparency is an empty mapping: write the text, or a mapping from language (en, da) to text",
		}},
		{"automated yes", lines(v1, "purpose:", "  automated: yes"), []string{
			`saglig.yaml:3:14: automated must be true or false, got the string "yes"`,
		}},
		{"automated number", lines(v1, "purpose:", "  automated: 0"), []string{
			"saglig.yaml:3:14: automated must be true or false, got the number 0",
		}},
		{"datasets mapping", lines(v1, "datasets: {train: a.parquet}"), []string{
			"saglig.yaml:2:11: datasets must be a list of dataset paths or a single one, got a mapping",
		}},
		{"datasets entry", lines(v1, "datasets:", "  - a.parquet", "  - [b.parquet]", "  - ~", `  - ""`), []string{
			"saglig.yaml:4:5: each entry of datasets must be a dataset path, got a list",
			"saglig.yaml:5:5: empty dataset path in datasets",
			"saglig.yaml:6:5: empty dataset path in datasets",
		}},
		{"datasets empty string", lines(v1, `datasets: " "`), []string{
			"saglig.yaml:2:11: empty dataset path in datasets",
		}},
		{"features list", lines(v1, "features:", "  - age"), []string{
			"saglig.yaml:3:3: features must be a mapping from column name to its entry, got a list",
		}},
		{"feature string", lines(v1, "features:", "  age: input"), []string{
			`saglig.yaml:3:8: feature "age" must be a mapping (role, description, source, ...), got the string "input"`,
		}},
		{"waivers mapping", lines(v1, "features:", "  age:", "    waivers:", "      rule: SAG104"), []string{
			`saglig.yaml:5:7: waivers must be a list of waivers (start each waiver with "- "), got a mapping`,
		}},
		{"waivers string", lines(v1, "features:", "  age:", "    waivers: SAG104"), []string{
			`saglig.yaml:4:14: waivers must be a list of waivers, got the string "SAG104"`,
		}},
		{"waiver not a mapping", lines(v1, "features:", "  age:", "    waivers:", "      - SAG104", "      - ~"), []string{
			`saglig.yaml:5:9: a waiver must be a mapping with rule, reason and expires, got the string "SAG104"`,
			"saglig.yaml:6:9: a waiver must be a mapping with rule, reason and expires, got null",
		}},
		{"allowed_contexts string", lines(v1, "purpose:", "  allowed_contexts: employment"), []string{
			`saglig.yaml:3:21: allowed_contexts must be a list of contexts, got the string "employment"`,
		}},
		{"allowed_contexts entries", lines(v1, "purpose:", "  allowed_contexts: [employment, [tax], ~]"), []string{
			"saglig.yaml:3:34: each entry of allowed_contexts must be a context, got a list",
			"saglig.yaml:3:41: empty context in allowed_contexts",
		}},

		// Vocabularies.
		{"unknown role", lines(v1, "features:", "  age:", "    role: inptu"), []string{
			`saglig.yaml:4:11: unknown role "inptu" (did you mean "input"?)`,
		}},
		{"unknown role TODO", lines(v1, "features:", "  age:", "    role: TODO"), []string{
			`saglig.yaml:4:11: unknown role "TODO" (known: input, target, id, timestamp, protected, weight, metadata)`,
		}},
		{"unknown purpose context", lines(v1, "purpose:", "  context: employmnet"), []string{
			`saglig.yaml:3:12: unknown context "employmnet" (did you mean "employment"?)`,
		}},
		{"unknown allowed context", lines(v1, "purpose:", "  allowed_contexts: [employment, educaton, banking]"), []string{
			`saglig.yaml:3:34: unknown context "educaton" (did you mean "education"?)`,
			`saglig.yaml:3:44: unknown context "banking" (known: employment, education, social-benefits, health, housing, family, civil-registration, tax, finance, criminal-justice, online-behaviour, consumption, leisure, location, other; a custom context starts with "x-")`,
		}},
		{"unknown feature context", lines(v1, "features:", "  age:", "    context: social_benefits"), []string{
			`saglig.yaml:4:14: unknown context "social_benefits" (did you mean "social-benefits"?)`,
		}},
		{"bare custom prefix", lines(v1, "features:", "  age:", "    context: x-"), []string{
			`saglig.yaml:4:14: unknown context "x-" (known: employment, education, social-benefits, health, housing, family, civil-registration, tax, finance, criminal-justice, online-behaviour, consumption, leisure, location, other; a custom context starts with "x-")`,
		}},
		{"unknown category", lines(v1, "features:", "  age:", "    category: Age"), []string{
			`saglig.yaml:4:15: unknown category "Age" (did you mean "age"?)`,
		}},
		{"unknown output", lines(v1, "purpose:", "  output: scores"), []string{
			`saglig.yaml:3:11: unknown output "scores" (did you mean "score"?)`,
		}},
		{"unknown output no suggestion", lines(v1, "purpose:", "  output: verdict"), []string{
			`saglig.yaml:3:11: unknown output "verdict" (known: score, classification, ranking, information)`,
		}},

		// Dates.
		{"expires day first", lines(v1, "features:", "  age:", "    waivers:", "      - rule: SAG104", "        expires: 30-06-2027"), []string{
			`saglig.yaml:6:18: expires must be a date YYYY-MM-DD, got the string "30-06-2027"`,
		}},
		{"expires no such day", lines(v1, "features:", "  age:", "    waivers:", "      - rule: SAG104", "        expires: 2027-02-30"), []string{
			`saglig.yaml:6:18: expires must be a date YYYY-MM-DD, got the string "2027-02-30"`,
		}},
		{"expires with time", lines(v1, "features:", "  age:", "    waivers:", "      - rule: SAG104", "        expires: 2027-06-30T10:00:00Z"), []string{
			"saglig.yaml:6:18: expires must be a date YYYY-MM-DD, got the date 2027-06-30T10:00:00Z",
		}},
		{"expires short", lines(v1, "features:", "  age:", "    waivers:", "      - rule: SAG104", "        expires: 2027-6-3"), []string{
			"saglig.yaml:6:18: expires must be a date YYYY-MM-DD, got the date 2027-6-3",
		}},
		{"expires number", lines(v1, "features:", "  age:", "    waivers:", "      - rule: SAG104", "        expires: 2027"), []string{
			"saglig.yaml:6:18: expires must be a date YYYY-MM-DD, got the number 2027",
		}},

		// Identifiers and feature keys.
		{"purpose name", lines(v1, "purpose:", "  name: Early Support"), []string{
			`saglig.yaml:3:9: purpose name "Early Support" is not an identifier (lowercase letters, digits, "_", "." and "-", starting with a letter or digit)`,
		}},
		{"purpose name leading dash", lines(v1, "purpose:", "  name: -x"), []string{
			`saglig.yaml:3:9: purpose name "-x" is not an identifier (lowercase letters, digits, "_", "." and "-", starting with a letter or digit)`,
		}},
		{"empty feature key", lines(v1, "features:", `  "": {role: input}`, `  " ":`), []string{
			"saglig.yaml:3:3: empty feature key",
			"saglig.yaml:4:3: empty feature key",
		}},

		// Anchors and aliases.
		{"alias cycle", lines(v1, "features: &f", "  age:", "    <<: *f"), []string{
			"saglig.yaml:4:9: alias *f is inside the value of its own anchor &f (a cycle)",
		}},
		{"alias cycle in a list", lines(v1, "datasets: &d [a, *d]"), []string{
			"saglig.yaml:2:18: alias *d is inside the value of its own anchor &d (a cycle)",
		}},
		{"alias bomb", aliasBomb(), []string{
			"saglig.yaml:14:18: YAML aliases expand the map to more than 100,000 nodes; refusing it (an alias bomb?)",
		}},
		{"merge of a string", lines(v1, "features:", "  age:", "    <<: input"), []string{
			`saglig.yaml:4:9: a merge key (<<) takes a mapping or a list of mappings, got the string "input"`,
		}},
		{"merge list of strings", lines(v1, "features:", "  age:", "    <<: [input]"), []string{
			`saglig.yaml:4:10: a merge key (<<) takes a mapping or a list of mappings, got the string "input"`,
		}},
		{"error in an anchored value is reported once", lines(v1, "features:", "  a: &x {role: bogus}", "  b: *x", "  c: *x"), []string{
			`saglig.yaml:3:16: unknown role "bogus" (known: input, target, id, timestamp, protected, weight, metadata)`,
		}},
		{"error in a value behind an alias is reported at the alias", lines(v1, "purpose:", "  description: &d [x]", "  legal_basis: *d"), []string{
			"saglig.yaml:3:16: description must be text, or a mapping from language (en, da) to text, got a list",
			"saglig.yaml:4:16: legal_basis must be text, or a mapping from language (en, da) to text, got a list",
		}},

		// Several problems, sorted by position, all in one pass.
		{"several", lines("purpose:", "  name: a", "  context: employmnet", "features:", "  age:", "    role: inptu", "    sorce: x", "foo: 1"), []string{
			`saglig.yaml:1:1: missing key "version" (write "version: 1" at the top)`,
			`saglig.yaml:3:12: unknown context "employmnet" (did you mean "employment"?)`,
			`saglig.yaml:6:11: unknown role "inptu" (did you mean "input"?)`,
			`saglig.yaml:7:5: unknown key "sorce" (did you mean "source"?)`,
			`saglig.yaml:8:1: unknown key "foo" (known keys: version, purpose, datasets, features, disable)`,
		}},

		// Size.
		{"larger than 8 MiB", "version: 1\n# " + strings.Repeat("x", MaxSize) + "\n", []string{
			"saglig.yaml: map is larger than 8 MiB",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := problems(t, tt.src)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// aliasBomb is a "billion laughs" map: nine levels of ten aliases each.
func aliasBomb() string {
	var b strings.Builder
	b.WriteString("version: 1\nfeatures:\n  a:\n    waivers: &a [{rule: SAG104, reason: lol}]\n")
	prev := "a"
	for _, name := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		b.WriteString("  " + name + ":\n    waivers: &" + name + " [")
		for i := 0; i < 10; i++ {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*" + prev)
		}
		b.WriteString("]\n")
		prev = name
	}
	return b.String()
}

func TestParseValid(t *testing.T) {
	const v1 = "version: 1"
	tests := []struct {
		name  string
		src   string
		check func(t *testing.T, m *Map)
	}{
		{"version only", lines(v1), func(t *testing.T, m *Map) {
			if m.Version != 1 || len(m.Features) != 0 || m.Purpose.Automated != nil {
				t.Errorf("map = %+v", m)
			}
			if m.Fields["version"] != (Pos{"saglig.yaml", 1, 1}) {
				t.Errorf("Fields[version] = %v", m.Fields["version"])
			}
			if m.Purpose.Pos.IsValid() {
				t.Errorf("Purpose.Pos = %v for an absent purpose", m.Purpose.Pos)
			}
		}},
		{"null feature means defaults", lines(v1, "features:", "  gender:", "  age: ~"), func(t *testing.T, m *Map) {
			if len(m.Features) != 2 {
				t.Fatalf("features = %d, want 2", len(m.Features))
			}
			g := m.Features[0]
			if g.Key != "gender" || g.Role != "" || g.EffectiveRole() != RoleInput || g.Pos != (Pos{"saglig.yaml", 3, 3}) {
				t.Errorf("gender = %+v", g)
			}
		}},
		{"nulls mean empty", lines(v1, "purpose:", "  description: null", "  automated: ~", "  allowed_contexts:", "datasets:", "features:", "  age:", "    source: null", "    waivers:"), func(t *testing.T, m *Map) {
			if str(m.Purpose.Description) != "" || m.Purpose.Automated != nil || m.Purpose.AllowedContexts != nil || m.Datasets != nil {
				t.Errorf("purpose = %+v, datasets = %v", m.Purpose, m.Datasets)
			}
			if _, ok := m.Purpose.Fields["description"]; !ok {
				t.Error("a key with a null value is not recorded in Fields")
			}
			if f := m.Features[0]; str(f.Source) != "" || f.Waivers != nil || f.At("source") != (Pos{"saglig.yaml", 9, 5}) {
				t.Errorf("age = %+v", f)
			}
		}},
		{"not compliant is not an error", lines(v1, "purpose:", "  name: TODO", `  context: "TODO: ask the caseworkers"`, "features:", "  age:", "    context: ''", "    reused_from: an earlier model", "    waivers:", "      - rule: SAG999", "        reason: ''", "        expires: 2001-01-01", "      - reason: no rule"), func(t *testing.T, m *Map) {
			w := m.Features[0].Waivers
			if len(w) != 2 || w[0].Rule != "SAG999" || w[0].Expires == nil || !w[0].Expired(time.Now()) || w[1].Rule != "" {
				t.Errorf("waivers = %+v", w)
			}
			if !Missing(m.Purpose.Context) {
				t.Errorf("purpose context %q should be missing", m.Purpose.Context)
			}
		}},
		{"scalars as text", lines(v1, "purpose:", "  description: 42", "  legal_basis: true", "datasets: 2025.parquet", "features:", "  2024:", "    description: 3.5", "  x:", "    waivers: [{rule: 104}]"), func(t *testing.T, m *Map) {
			if str(m.Purpose.Description) != "42" || str(m.Purpose.LegalBasis) != "true" {
				t.Errorf("purpose = %+v", m.Purpose)
			}
			if len(m.Datasets) != 1 || m.Datasets[0] != "2025.parquet" {
				t.Errorf("datasets = %q", m.Datasets)
			}
			if m.Features[0].Key != "2024" || str(m.Features[0].Description) != "3.5" || m.Features[1].Waivers[0].Rule != "104" {
				t.Errorf("features = %+v %+v", m.Features[0], m.Features[1])
			}
		}},
		{"custom vocabulary", lines(v1, "purpose:", "  context: x-youth-guidance", "  allowed_contexts: [x-youth-guidance, education]", "features:", "  a:", "    context: x-school", "    category: x-grades"), func(t *testing.T, m *Map) {
			if m.Purpose.Context != "x-youth-guidance" || m.Features[0].Category != "x-grades" {
				t.Errorf("map = %+v %+v", m.Purpose, m.Features[0])
			}
			if got := m.Purpose.Allowed(); strings.Join(got, ",") != "x-youth-guidance,education" {
				t.Errorf("Allowed() = %q", got)
			}
		}},
		{"quoted date", lines(v1, "features:", "  a:", "    waivers:", "      - rule: SAG104", `        expires: "2027-06-30"`), func(t *testing.T, m *Map) {
			want := time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC)
			if e := m.Features[0].Waivers[0].Expires; e == nil || !e.Equal(want) {
				t.Errorf("expires = %v", e)
			}
		}},
		{"anchors and merge keys", lines(v1,
			"features:",
			"  income: &register",
			"    source: SKAT, indkomstregistret",
			"    context: tax",
			"    waivers: &waive",
			"      - rule: SAG102",
			"        reason: Income is the eligibility criterion.",
			"  pension:",
			"    <<: *register",
			"    context: finance",
			"    description: Pension savings",
			"  debt:",
			"    <<: [*register, {category: debt, source: ignored}]",
			"    waivers: *waive",
		), func(t *testing.T, m *Map) {
			p, d := m.Features[1], m.Features[2]
			if str(p.Source) != "SKAT, indkomstregistret" || p.Context != "finance" || str(p.Description) != "Pension savings" || len(p.Waivers) != 1 {
				t.Errorf("pension = %+v", p)
			}
			if p.At("source") != (Pos{"saglig.yaml", 4, 5}) || p.At("context") != (Pos{"saglig.yaml", 11, 5}) {
				t.Errorf("pension fields = %v", p.Fields)
			}
			if str(d.Source) != "SKAT, indkomstregistret" || d.Category != "debt" || d.Context != "tax" || len(d.Waivers) != 1 || d.Waivers[0].Rule != "SAG102" {
				t.Errorf("debt = %+v", d)
			}
		}},
		{"aliases within the limit", aliasesWithinLimit(), func(t *testing.T, m *Map) {
			if len(m.Features) != 2000 || str(m.Features[1999].Source) != "Danmarks Statistik" {
				t.Errorf("features = %d", len(m.Features))
			}
		}},
		{"explicit document markers", lines("---", v1, "..."), func(t *testing.T, m *Map) {
			if m.Version != 1 {
				t.Errorf("version = %d", m.Version)
			}
		}},
		{"globs", lines(v1, "features:", "  emb_*:", "  address.postcode:", "  x?:"), func(t *testing.T, m *Map) {
			if !m.Features[0].Glob || m.Features[1].Glob || !m.Features[2].Glob {
				t.Errorf("glob flags wrong: %+v", m.Features)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Parse("saglig.yaml", []byte(tt.src))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if m.File != "saglig.yaml" || m.Dir != "." {
				t.Errorf("File, Dir = %q, %q", m.File, m.Dir)
			}
			tt.check(t, m)
		})
	}
}

// aliasesWithinLimit is a large map that uses a merge key in every feature.
func aliasesWithinLimit() string {
	var b strings.Builder
	b.WriteString("version: 1\nfeatures:\n  f0: &dst\n    source: Danmarks Statistik\n    context: employment\n    relevance: memo\n")
	for i := 1; i < 2000; i++ {
		b.WriteString("  f" + strings.Repeat("x", i%7) + strconv.Itoa(i) + ":\n    <<: *dst\n")
	}
	return b.String()
}

func TestLoadFull(t *testing.T) {
	path := filepath.Join("testdata", "valid", "full.yaml")
	m, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	at := func(line, col int) Pos { return Pos{File: path, Line: line, Col: col} }
	if m.File != path || m.Dir != filepath.Join("testdata", "valid") || m.Version != 1 {
		t.Errorf("File, Dir, Version = %q, %q, %d", m.File, m.Dir, m.Version)
	}
	for key, want := range map[string]Pos{"version": at(2, 1), "purpose": at(4, 1), "datasets": at(29, 1), "features": at(32, 1)} {
		if m.Fields[key] != want {
			t.Errorf("Fields[%s] = %v, want %v", key, m.Fields[key], want)
		}
	}
	p := m.Purpose
	if p.Name != "early-support" || p.Context != "employment" || p.Output != OutputRanking ||
		p.Automated == nil || *p.Automated || p.Processor == "" || p.Pos != at(4, 1) {
		t.Errorf("purpose = %+v", p)
	}
	if want := "Ranks newly unemployed citizens for an early-support offer; a caseworker decides who is offered a meeting."; str(p.Description) != want {
		t.Errorf("description = %q", str(p.Description))
	}
	if strings.Join(p.Allowed(), ",") != "employment,education,social-benefits" {
		t.Errorf("Allowed() = %q", p.Allowed())
	}
	if p.At("legal_basis") != at(21, 3) || p.At("nothing") != p.Pos {
		t.Errorf("purpose positions: %v", p.Fields)
	}
	if len(p.Fields) != 19 || p.Language != "da" {
		t.Errorf("purpose has %d fields, want all 19, language %q", len(p.Fields), p.Language)
	}
	if p.DecisionRole != DecisionOneOfSeveral || p.Reassessed != ReassessedPeriodically || str(p.FavourableConsequence) == "" || str(p.UnfavourableConsequence) == "" {
		t.Errorf("decision role, consequences, reassessed = %q, %q, %q, %q", p.DecisionRole, str(p.FavourableConsequence), str(p.UnfavourableConsequence), p.Reassessed)
	}
	if len(p.Waivers) != 1 || p.Waivers[0].Rule != "SAG202" || p.Waivers[0].Pos != at(25, 7) {
		t.Errorf("purpose waivers = %+v", p.Waivers)
	}
	if strings.Join(m.Disable, ",") != "SAG012" {
		t.Errorf("disable = %v", m.Disable)
	}
	if p.Controller != ControllerMunicipality || p.Sector != SectorEmploymentEffort {
		t.Errorf("controller, sector = %q, %q", p.Controller, p.Sector)
	}
	if hs := m.Lookup("health.sick_leave_days"); hs.ReusedUnderOrder == nil || *hs.ReusedUnderOrder {
		t.Errorf("reused_under_order = %v, want false", hs.ReusedUnderOrder)
	}
	if strings.Join(m.Datasets, ",") != "data/*.parquet,data/2025/" {
		t.Errorf("datasets = %q", m.Datasets)
	}
	var keys []string
	for _, f := range m.Features {
		keys = append(keys, f.Key)
	}
	if want := "citizen_key observed_at offered_support education_level unemployment_weeks health.sick_leave_days postcode gender job_centre_notes sample_weight emb_* address.*"; strings.Join(keys, " ") != want {
		t.Errorf("feature order = %s", strings.Join(keys, " "))
	}
	edu := m.Lookup("education_level")
	if edu == nil || edu.Pos != at(48, 3) || len(edu.Fields) != 9 || str(edu.LawfulBasis) != "" || edu.Role != RoleInput {
		t.Fatalf("education_level = %+v", edu)
	}
	pc := m.Lookup("postcode")
	if len(pc.Waivers) != 2 {
		t.Fatalf("postcode waivers = %+v", pc.Waivers)
	}
	w := pc.Waivers[0]
	if w.Rule != "SAG104" || w.Pos != at(86, 9) || w.At("expires") != at(90, 9) || w.Protected != "gender" || w.Expires == nil ||
		!w.Expires.Equal(time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("waiver = %+v", w)
	}
	if pc.Waivers[1].Expires != nil {
		t.Errorf("second waiver expires = %v", pc.Waivers[1].Expires)
	}
	if f := m.Lookup("emb_17"); f == nil || f.Key != "emb_*" || !f.Glob {
		t.Errorf("Lookup(emb_17) = %+v", f)
	}
	if f := m.Lookup("sample_weight"); f.Role != RoleWeight || f.EffectiveRole() != RoleWeight {
		t.Errorf("sample_weight = %+v", f)
	}
}

func TestLoadFileErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "saglig.yaml")
	_, err := Load(missing)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Load(missing) = %v, want fs.ErrNotExist", err)
	}
	if want := missing + ": cannot read the map: no such file"; err == nil || err.Error() != want {
		t.Errorf("Load(missing) = %v, want %s", err, want)
	}
	if _, err := Load(dir); err == nil || err.Error() != dir+": is a directory, not a map file" {
		t.Errorf("Load(dir) = %v", err)
	}
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, []byte("version: 1\n#"+strings.Repeat("x", MaxSize)), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(big); err == nil || err.Error() != big+": map is larger than 8 MiB" {
		t.Errorf("Load(big) = %v", err)
	}
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("version: 1\npurpose:\n  sorce: x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var le *LoadError
	if _, err := Load(bad); !errors.As(err, &le) || err.Error() != bad+`:3:3: unknown key "sorce" (known keys: name, description, controller, sector, context, allowed_contexts, output, decision_role, favourable_consequence, unfavourable_consequence, reassessed, automated, human_review, transparency, legal_basis, processor, processor_agreement, language, waivers)` {
		t.Errorf("Load(bad) = %v", err)
	}
}

func TestProblemString(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{Pos{"saglig.yaml", 14, 5}, i18n.M("%s", `unknown key "sorce" (did you mean "source"?)`)}, `saglig.yaml:14:5: unknown key "sorce" (did you mean "source"?)`},
		{Problem{Pos{"m.yaml", 3, 0}, i18n.M("%s", "invalid YAML: x")}, "m.yaml:3: invalid YAML: x"},
		{Problem{Pos{File: "m.yaml"}, i18n.M("%s", "the map is empty")}, "m.yaml: the map is empty"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

// TestEveryKeyDecoded checks that each key the tables list is accepted at
// its level and lands in the map.
func mergeFields(fs ...Fields) Fields {
	out := Fields{}
	for _, f := range fs {
		for k, v := range f {
			out[k] = v
		}
	}
	return out
}

func TestEveryKeyDecoded(t *testing.T) {
	m, err := Load(filepath.Join("testdata", "valid", "full.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	levels := []struct {
		name   string
		keys   []string
		fields Fields
	}{
		{"top", keysOf(topFields), m.Fields},
		{"purpose", keysOf(purposeFields), m.Purpose.Fields},
		{"feature", keysOf(featureFields), mergeFields(m.Lookup("health.sick_leave_days").Fields, m.Lookup("citizen_key").Fields)},
		{"waiver", keysOf(waiverFields), m.Lookup("postcode").Waivers[0].Fields},
	}
	for _, l := range levels {
		for _, k := range l.keys {
			if _, ok := l.fields[k]; !ok {
				t.Errorf("%s key %q is not used in full.yaml or not recorded", l.name, k)
			}
		}
	}
	hs := m.Lookup("health.sick_leave_days")
	for k, v := range map[string]string{"description": str(hs.Description), "source": str(hs.Source), "context": hs.Context,
		"category": hs.Category, "relevance": str(hs.Relevance), "lawful_basis": str(hs.LawfulBasis),
		"reused_from": str(hs.ReusedFrom), "reuse_assessment": str(hs.ReuseAssessment),
		"pseudonymisation": str(m.Lookup("citizen_key").Pseudonymisation)} {
		if v == "" {
			t.Errorf("feature key %s was not decoded", k)
		}
	}
	p := m.Purpose
	for k, v := range map[string]string{"name": p.Name, "description": str(p.Description), "controller": p.Controller,
		"sector": p.Sector, "context": p.Context,
		"output": string(p.Output), "human_review": str(p.HumanReview), "transparency": str(p.Transparency),
		"legal_basis": str(p.LegalBasis), "processor": p.Processor, "processor_agreement": str(p.ProcessorAgreement)} {
		if v == "" {
			t.Errorf("purpose key %s was not decoded", k)
		}
	}
}

// str is a text as written: a plain string, or the first language's.
func str(t Text) string {
	if len(t.variants) == 0 {
		return ""
	}
	return t.variants[0].Text
}
