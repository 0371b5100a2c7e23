package iceberg

import (
	"encoding/json"
	"testing"
)

func TestFieldTypes(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`"int"`, "int"}, {`"long"`, "long"}, {`"timestamptz_ns"`, "timestamptz_ns"},
		{`"decimal(9,2)"`, "decimal(9, 2)"}, {`"decimal( 38 , 0 )"`, "decimal(38, 0)"},
		{`"fixed[16]"`, "fixed[16]"}, {`"Geometry(srid:4326)"`, "Geometry(srid:4326)"},
		{`{"type": "struct", "fields": []}`, "struct"},
		{`{"type": "list", "element-id": 3, "element": "int", "element-required": false}`, "list"},
		{`{"type": "map", "key-id": 4, "key": "string", "value-id": 5, "value": "long"}`, "map"},
		{`"integer"`, ""}, {`"decimal(40,2)"`, ""}, {`"decimal(4,5)"`, ""}, {`"fixed"`, ""},
		{`{"type": "record"}`, ""}, {`7`, ""},
	} {
		var ft fieldType
		err := json.Unmarshal([]byte(tt.in), &ft)
		switch {
		case tt.want == "" && err == nil:
			t.Errorf("%s: read as %q, want an error", tt.in, ft)
		case tt.want != "" && (err != nil || string(ft) != tt.want):
			t.Errorf("%s: %q, %v; want %q", tt.in, ft, err, tt.want)
		}
	}
	var s schema
	if err := json.Unmarshal([]byte(`{"type": "struct", "schema-id": 2, "fields": [
		{"id": 1, "name": "a", "required": true, "type": "int"},
		{"id": 2, "name": "b", "required": false, "type": "string", "initial-default": "x"},
		{"id": 3, "name": "c", "required": false, "type": "string", "initial-default": null}]}`), &s); err != nil {
		t.Fatal(err)
	}
	if s.ID != 2 || len(s.Fields) != 3 || !s.Fields[0].Required || s.Fields[0].hasInitialDefault() || !s.Fields[1].hasInitialDefault() || s.Fields[2].hasInitialDefault() {
		t.Errorf("schema %+v", s)
	}
	if err := json.Unmarshal([]byte(`{"type": "list", "schema-id": 1}`), &s); err == nil {
		t.Error("a list schema: no error")
	}
}
