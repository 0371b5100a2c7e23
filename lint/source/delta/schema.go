package delta

import (
	"encoding/json"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/source"
)

// parseSchema reads a metaData action's schemaString: a struct type whose
// fields are the table's columns.
func parseSchema(s string) ([]Field, error) {
	var st struct {
		Type   string `json:"type"`
		Fields []struct {
			Name     string          `json:"name"`
			Type     json.RawMessage `json:"type"`
			Nullable bool            `json:"nullable"`
		} `json:"fields"`
	}
	if err := json.Unmarshal([]byte(s), &st); err != nil {
		return nil, source.JSONError(err)
	}
	if st.Type != "struct" {
		return nil, i18n.Errorf("not a struct type")
	}
	out := make([]Field, 0, len(st.Fields))
	for _, f := range st.Fields {
		if f.Name == "" {
			return nil, i18n.Errorf("a field without a name")
		}
		var prim string
		if err := json.Unmarshal(f.Type, &prim); err != nil {
			var nested struct {
				Type string `json:"type"`
			}
			if err := json.Unmarshal(f.Type, &nested); err != nil || nested.Type == "" {
				return nil, i18n.Errorf("field %q: invalid type", f.Name)
			}
			prim = nested.Type
		}
		out = append(out, Field{Name: f.Name, Type: prim, Nullable: f.Nullable})
	}
	return out, nil
}
