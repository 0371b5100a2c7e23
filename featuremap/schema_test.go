package featuremap

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"
)

var update = flag.Bool("update", false, "rewrite golden files (docs/saglig.schema.json)")

var schemaFile = filepath.Join("..", "docs", "saglig.schema.json")

// TestSchemaFile fails when docs/saglig.schema.json differs from JSONSchema;
// -update rewrites it.
func TestSchemaFile(t *testing.T) {
	want, err := JSONSchema()
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(schemaFile, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatalf("%v (run go test ./featuremap -run TestSchemaFile -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is out of date with JSONSchema(); run go test ./featuremap -run TestSchemaFile -update", schemaFile)
	}
}

// compileSchema compiles JSONSchema() with format assertions on. Compiling
// also checks the schema against the draft 2020-12 metaschema.
func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	data, err := JSONSchema()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(SchemaID, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(SchemaID)
	if err != nil {
		t.Fatalf("compile: %v", err)
	}
	return sch
}

// plain decodes YAML into JSON-compatible values: maps with string keys,
// slices, strings, numbers, booleans and nil. Dates stay text.
func plain(data []byte) (any, error) {
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		return nil, err
	}
	return jsonValue(v)
}

func jsonValue(v any) (any, error) {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			j, err := jsonValue(e)
			if err != nil {
				return nil, err
			}
			v[k] = j
		}
		return v, nil
	case map[any]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			j, err := jsonValue(e)
			if err != nil {
				return nil, err
			}
			out[fmt.Sprint(k)] = j
		}
		return out, nil
	case []any:
		for i, e := range v {
			j, err := jsonValue(e)
			if err != nil {
				return nil, err
			}
			v[i] = j
		}
		return v, nil
	case time.Time:
		if v.Equal(v.Truncate(24*time.Hour)) && v.Location() == time.UTC {
			return v.Format(time.DateOnly), nil
		}
		return v.Format(time.RFC3339Nano), nil
	case nil, string, bool, int, int64, uint64, float64:
		return v, nil
	}
	return nil, fmt.Errorf("YAML value %T has no JSON form", v)
}

func yamlFiles(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if ext := filepath.Ext(path); !d.IsDir() && (ext == ".yaml" || ext == ".yml") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	return files
}

// TestSchemaAcceptsMaps validates the maps under featuremap/testdata/valid/
// and examples/ against the schema. Files under examples/ that Load refuses
// (deliberately broken maps, other YAML files) are not maps and are skipped.
func TestSchemaAcceptsMaps(t *testing.T) {
	sch := compileSchema(t)
	valid := yamlFiles(t, filepath.Join("testdata", "valid"))
	if len(valid) == 0 {
		t.Fatal("no maps under testdata/valid")
	}
	for _, dir := range []string{filepath.Join("testdata", "valid"), filepath.Join("..", "examples")} {
		for _, path := range yamlFiles(t, dir) {
			t.Run(path, func(t *testing.T) {
				if _, err := Load(path); err != nil {
					if strings.HasPrefix(dir, "testdata") {
						t.Fatal(err)
					}
					t.Skipf("not a readable map: %v", err)
				}
				data, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				v, err := plain(data)
				if err != nil {
					t.Fatal(err)
				}
				if err := sch.Validate(v); err != nil {
					t.Errorf("%s does not match docs/saglig.schema.json:\n%v", path, err)
				}
			})
		}
	}
}

// TestSchema checks the schema's verdict on small maps, and that the loader
// refuses the maps the schema refuses for a reason the loader also checks.
func TestSchema(t *testing.T) {
	sch := compileSchema(t)
	const head = "version: 1\npurpose:\n  name: p\n  description: d\n  controller: municipality\n  sector: employment-effort\n  context: employment\n  automated: false\n"
	tests := []struct {
		name     string
		src      string
		valid    bool
		loadable bool // whether Load accepts it (a finished map is not required)
	}{
		{"minimal", "version: 1\n", true, true},
		{"complete purpose", head, true, true},
		{"all optional nulls", head + "  output:\n  processor: ~\ndatasets:\nfeatures:\n  a:\n  b:\n    role: ~\n    category: ~\n    context: ~\n    waivers: ~\n", true, true},
		{"datasets as a string", head + "datasets: data/*.parquet\n", true, true},
		{"custom vocabulary", head + "features:\n  a:\n    context: x-school\n    category: x-grades\n", true, true},
		{"waiver", head + "features:\n  a:\n    waivers:\n      - {rule: SAG104, reason: r, expires: 2027-06-30}\n", true, true},
		{"every context", head + "  allowed_contexts: [" + strings.Join(Contexts, ", ") + "]\n", true, true},
		{"custom sector", strings.Replace(head, "employment-effort", "x-libraries", 1), true, true},
		{"every controller", strings.Replace(head, "municipality", "private", 1), true, true},
		{"unknown controller", strings.Replace(head, "municipality", "kommune", 1), false, false},
		{"unknown sector", strings.Replace(head, "employment-effort", "employment", 1), false, false},
		{"no controller", strings.Replace(head, "  controller: municipality\n", "", 1), false, true},
		{"decision role and consequences", head + "  decision_role: substantial\n  favourable_consequence: an offer\n  unfavourable_consequence: no offer\n  reassessed: once\n", true, true},
		{"unknown decision role", head + "  decision_role: advisory\n", false, false},
		{"unknown reassessed", head + "  reassessed: weekly\n", false, false},
		{"texts by language", head + "  human_review:\n    da: Sagsbehandleren beslutter\n    en: The caseworker decides\nfeatures:\n  a:\n    description: {da: Alder}\n    source: {en: CPR, da: CPR}\n    waivers: [{rule: SAG104, reason: {da: r, en: r}}]\n", true, true},
		{"text in an unknown language", head + "  transparency: {de: Brief}\n", false, false},
		{"text as an empty mapping", head + "  transparency: {}\n", false, false},
		{"description by language with an empty language", strings.Replace(head, "description: d", "description: {da: d, en: ''}", 1), true, true},

		{"no version", "purpose:\n  name: p\n", false, false},
		{"version 2", "version: 2\n", false, false},
		{"unknown top key", "version: 1\nowner: x\n", false, false},
		{"unknown purpose key", head + "  sorce: x\n", false, false},
		{"unknown feature key", head + "features:\n  a:\n    sorce: x\n", false, false},
		{"unknown waiver key", head + "features:\n  a:\n    waivers: [{rule: SAG104, reason: r, expiry: x}]\n", false, false},
		{"unknown role", head + "features:\n  a:\n    role: feature\n", false, false},
		{"unknown context", head + "features:\n  a:\n    context: banking\n", false, false},
		{"unknown allowed context", head + "  allowed_contexts: [banking]\n", false, false},
		{"bare x-", head + "features:\n  a:\n    category: x-\n", false, false},
		{"unknown category", head + "features:\n  a:\n    category: wealth\n", false, false},
		{"unknown output", head + "  output: verdict\n", false, false},
		{"automated string", "version: 1\npurpose:\n  name: p\n  description: d\n  context: employment\n  automated: \"no\"\n", false, false},
		{"bad name", "version: 1\npurpose:\n  name: P Q\n  description: d\n  context: employment\n  automated: false\n", false, false},
		{"bad date", head + "features:\n  a:\n    waivers: [{rule: SAG104, reason: r, expires: 2027-02-30}]\n", false, false},
		{"features list", head + "features: [a]\n", false, false},
		{"waivers mapping", head + "features:\n  a:\n    waivers: {rule: SAG104, reason: r}\n", false, false},
		{"empty feature key", head + "features:\n  \"\": ~\n", false, false},
		{"datasets mapping", head + "datasets: {a: b}\n", false, false},

		// Unfinished maps: loadable, left to the rules, but not a finished map.
		{"purpose without automated", "version: 1\npurpose:\n  name: p\n  description: d\n  context: employment\n", false, true},
		{"context TODO", "version: 1\npurpose:\n  name: p\n  description: d\n  context: TODO\n  automated: false\n", false, true},
		{"waiver without reason", head + "features:\n  a:\n    waivers: [{rule: SAG104}]\n", false, true},
		{"waiver for an unknown rule", head + "features:\n  a:\n    waivers: [{rule: bogus, reason: r}]\n", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := plain([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(v); (err == nil) != tt.valid {
				t.Errorf("schema valid = %v, want %v (%v)", err == nil, tt.valid, err)
			}
			if _, err := Parse("saglig.yaml", []byte(tt.src)); (err == nil) != tt.loadable {
				t.Errorf("loadable = %v, want %v (%v)", err == nil, tt.loadable, err)
			}
		})
	}
}

// TestSchemaDocumentsEveryKey checks that every property has a description,
// so that editors show help for it.
func TestSchemaDocumentsEveryKey(t *testing.T) {
	data, err := JSONSchema()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var props int
	var walk func(path string, v any)
	walk = func(path string, v any) {
		obj, ok := v.(map[string]any)
		if !ok {
			return
		}
		if ps, ok := obj["properties"].(map[string]any); ok {
			for k, p := range ps {
				props++
				if d, _ := p.(map[string]any)["description"].(string); d == "" {
					t.Errorf("%s.%s has no description", path, k)
				}
			}
		}
		for k, e := range obj {
			walk(path+"/"+k, e)
		}
	}
	walk("#", doc)
	// The languages of a text by language are keys too.
	if want := len(topFields) + len(purposeFields) + len(featureFields) + len(waiverFields) + len(languageWords()); props != want {
		t.Errorf("schema documents %d keys, the loader knows %d", props, want)
	}
}
