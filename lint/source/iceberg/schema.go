package iceberg

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// schema is a table schema of the metadata JSON: its id and top-level
// fields, what saglig reads of it.
type schema struct {
	ID     int           `json:"schema-id"`
	Type   string        `json:"type"`
	Fields []schemaField `json:"fields"`
}

// schemaField is a top-level field of a schema.
type schemaField struct {
	ID       int       `json:"id"`
	Name     string    `json:"name"`
	Required bool      `json:"required"`
	Type     fieldType `json:"type"`
	// InitialDefault is the value files written before the field was added
	// read as (format version 3); absent or null when there is none.
	InitialDefault json.RawMessage `json:"initial-default"`
}

func (s *schema) UnmarshalJSON(b []byte) error {
	type plain schema
	if err := json.Unmarshal(b, (*plain)(s)); err != nil {
		return err
	}
	if s.Type != "" && s.Type != "struct" {
		return fmt.Errorf("schema %d: type %q is not a struct", s.ID, s.Type)
	}
	return nil
}

// hasInitialDefault reports whether the field has an initial default.
func (f *schemaField) hasInitialDefault() bool {
	return len(f.InitialDefault) > 0 && string(f.InitialDefault) != "null"
}

// fieldType is a field's type by its name as the Iceberg specification
// writes it: a primitive ("int", "decimal(9, 2)", "fixed[16]") or the kind
// of a nested type ("struct", "list", "map").
type fieldType string

var (
	decimalType = regexp.MustCompile(`^decimal\(\s*(\d+)\s*,\s*(\d+)\s*\)$`)
	fixedType   = regexp.MustCompile(`^fixed\[\s*(\d+)\s*\]$`)
)

var primitiveTypes = map[string]bool{
	"boolean": true, "int": true, "long": true, "float": true, "double": true,
	"date": true, "time": true, "timestamp": true, "timestamp_ns": true,
	"timestamptz": true, "timestamptz_ns": true, "string": true, "uuid": true,
	"binary": true, "unknown": true, "variant": true,
}

func (t *fieldType) UnmarshalJSON(b []byte) error {
	var name string
	if err := json.Unmarshal(b, &name); err != nil {
		var nested struct {
			Type string `json:"type"`
		}
		if err := json.Unmarshal(b, &nested); err != nil {
			return err
		}
		switch nested.Type {
		case "struct", "list", "map":
			*t = fieldType(nested.Type)
			return nil
		}
		return fmt.Errorf("invalid type %q", nested.Type)
	}
	lower := strings.ToLower(name)
	switch {
	case primitiveTypes[name]:
	case strings.HasPrefix(lower, "geometry") || strings.HasPrefix(lower, "geography"):
	case decimalType.MatchString(name):
		m := decimalType.FindStringSubmatch(name)
		p, err1 := strconv.Atoi(m[1])
		s, err2 := strconv.Atoi(m[2])
		if err1 != nil || err2 != nil || p < 1 || p > 38 || s > p {
			return fmt.Errorf("invalid type %q", name)
		}
		name = fmt.Sprintf("decimal(%d, %d)", p, s)
	case fixedType.MatchString(name):
		n, err := strconv.Atoi(fixedType.FindStringSubmatch(name)[1])
		if err != nil {
			return fmt.Errorf("invalid type %q", name)
		}
		name = fmt.Sprintf("fixed[%d]", n)
	default:
		return fmt.Errorf("invalid type %q", name)
	}
	*t = fieldType(name)
	return nil
}
