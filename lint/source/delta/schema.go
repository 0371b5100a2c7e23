package delta

import (
	"encoding/json"
	"errors"
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
		return nil, err
	}
	if st.Type != "struct" {
		return nil, errors.New("not a struct type")
	}
	out := make([]Field, 0, len(st.Fields))
	for _, f := range st.Fields {
		if f.Name == "" {
			return nil, errors.New("a field without a name")
		}
		var prim string
		if err := json.Unmarshal(f.Type, &prim); err != nil {
			var nested struct {
				Type string `json:"type"`
			}
			if err := json.Unmarshal(f.Type, &nested); err != nil || nested.Type == "" {
				return nil, errors.New("field " + f.Name + ": invalid type")
			}
			prim = nested.Type
		}
		out = append(out, Field{Name: f.Name, Type: prim, Nullable: f.Nullable})
	}
	return out, nil
}
