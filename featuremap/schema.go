package featuremap

import (
	"bytes"
	"encoding/json"

	"github.com/saglig/saglig/internal/i18n"
)

// SchemaID is the $id of the map's JSON Schema, docs/saglig.schema.json.
const SchemaID = "https://raw.githubusercontent.com/saglig/saglig/main/docs/saglig.schema.json"

// JSONSchema returns the JSON Schema (draft 2020-12) of saglig.yaml v1,
// indented by two spaces and ending in a newline. Its keys, help texts and
// vocabularies come from the loader's own tables, so the two cannot drift.
//
// The schema describes a finished map: the keys the contract calls
// required must be present, and TODO placeholders are not valid
// vocabulary values. Load accepts such unfinished maps and leaves them to
// the rules.
func JSONSchema() ([]byte, error) {
	s := object{
		{"$schema", "https://json-schema.org/draft/2020-12/schema"},
		{"$id", SchemaID},
		{"title", "saglig feature-purpose map (saglig.yaml), version 1"},
		{"description", "Declares the purpose a training or feature dataset serves and, for every " +
			"column, its role, source, context and category, so that saglig can check the data " +
			"against the AI Act's ban on social scoring (art. 5(1)(c)), the GDPR and, for a " +
			"municipality's purpose in the employment effort, the Danish draft executive order on AI or " +
			"similar digital solutions in the employment effort."},
		{"type", "object"},
	}
	s = append(s, properties(topFields)...)
	s = append(s, member{"$defs", object{
		{"purpose", append(object{
			{"description", "The decision the model supports."},
			{"type", "object"},
		}, properties(purposeFields)...)},
		{"feature", append(object{
			{"description", "The map entry of one column, a dotted path or a glob. Empty (null) means an input with nothing declared yet."},
			{"type", []string{"object", "null"}},
		}, properties(featureFields)...)},
		{"waiver", append(object{
			{"description", "Accepts one rule's finding on this column, on the record."},
			{"type", "object"},
		}, properties(waiverFields)...)},
		{"context", object{
			{"description", "A social context from the vocabulary, or a custom one starting with x-."},
			{"anyOf", []any{object{{"enum", Contexts}}, ref("custom")}},
		}},
		{"controller", object{
			{"description", "Who decides the processing."},
			{"enum", Controllers},
		}},
		{"sector", object{
			{"description", "The legal area of the processing, from the vocabulary, or a custom one starting with x-."},
			{"anyOf", []any{object{{"enum", Sectors}}, ref("custom")}},
		}},
		{"decision_role", object{
			{"description", "The score's role in the final decision."},
			{"enum", DecisionRoles},
		}},
		{"reassessed", object{
			{"description", "Whether a person's output is produced once or updated over time."},
			{"enum", Reassessments},
		}},
		{"category", object{
			{"description", "A category from the vocabulary, or a custom one starting with x-."},
			{"anyOf", []any{object{{"enum", Categories}}, ref("custom")}},
		}},
		{"role", object{
			{"description", "The role of a column."},
			{"enum", roleWords()},
		}},
		{"output", object{
			{"description", "What the model's output is."},
			{"enum", outputWords()},
		}},
		{"language", object{
			{"description", "A language saglig writes in: da (Danish) or en (English)."},
			{"enum", languageWords()},
		}},
		{"text_by_language", textByLanguageSchema()},
		{"custom", object{
			{"description", "A user-defined context, category or sector."},
			{"type", "string"},
			{"pattern", `^x-[\s\S]`},
		}},
	}})
	compact, err := s.MarshalJSON()
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, compact, "", "  "); err != nil {
		return nil, err
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

// properties returns the members describing a level's keys: required
// keys, no others, and each key with its help text.
func properties[T any](fields []field[T]) object {
	var required []string
	props := make(object, 0, len(fields))
	for _, f := range fields {
		if f.required {
			required = append(required, f.key)
		}
		props = append(props, member{f.key, append(object{{"description", f.doc}}, f.schema...)})
	}
	var o object
	if len(required) > 0 {
		o = append(o, member{"required", required})
	}
	return append(o, member{"additionalProperties", false}, member{"properties", props})
}

// textByLanguageSchema is a free text written in more than one language.
func textByLanguageSchema() object {
	props := object{}
	for _, l := range languageWords() {
		props = append(props, member{l, object{{"description", "The text in " + languageName(l) + "."}, {"type", []string{"string", "null"}}}})
	}
	return object{
		{"description", "The text by language: da (Danish), en (English). A report shows the text in its " +
			"language, else the other one. Every language given must be filled in."},
		{"type", "object"},
		{"minProperties", 1},
		{"additionalProperties", false},
		{"properties", props},
	}
}

func languageName(l string) string {
	switch i18n.Lang(l) {
	case i18n.Danish:
		return "Danish"
	case i18n.English:
		return "English"
	}
	return l
}

func ref(def string) object { return object{{"$ref", "#/$defs/" + def}} }

func optional(o object) object {
	return object{{"anyOf", []any{o, object{{"type", "null"}}}}}
}

// freeTextSchema is a free text: a string, or a mapping from language to
// string (Text); required ones may not be empty.
func freeTextSchema(required bool) object {
	if required {
		return object{{"anyOf", []any{object{{"type", "string"}, {"minLength", 1}}, ref("text_by_language")}}}
	}
	return object{{"anyOf", []any{object{{"type", []string{"string", "null"}}}, ref("text_by_language")}}}
}

func optionalText() object { return object{{"type", []string{"string", "null"}}} }

// object is a JSON object that keeps its keys in the order written.
type object []member

type member struct {
	key string
	val any
}

// MarshalJSON writes the members in order, without HTML escaping.
func (o object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		if err := enc.Encode(m.key); err != nil {
			return nil, err
		}
		b.Truncate(b.Len() - 1) // Encode's newline
		b.WriteByte(':')
		if err := enc.Encode(m.val); err != nil {
			return nil, err
		}
		b.Truncate(b.Len() - 1)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
