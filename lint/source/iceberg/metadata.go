package iceberg

import (
	"encoding/json"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/source"
)

// metadata is a table metadata file, with the fields saglig reads.
type metadata struct {
	FormatVersion     int               `json:"format-version"`
	Location          string            `json:"location"`
	CurrentSchemaID   *int              `json:"current-schema-id"`
	Schemas           []*schema         `json:"schemas"`
	Schema            *schema           `json:"schema"`
	PartitionSpecs    []partitionSpec   `json:"partition-specs"`
	PartitionSpec     []partitionField  `json:"partition-spec"`
	DefaultSpecID     int               `json:"default-spec-id"`
	CurrentSnapshotID *int64            `json:"current-snapshot-id"`
	Snapshots         []snapshot        `json:"snapshots"`
	Properties        map[string]string `json:"properties"`
}

type partitionSpec struct {
	SpecID int              `json:"spec-id"`
	Fields []partitionField `json:"fields"`
}

type partitionField struct {
	Name      string `json:"name"`
	Transform string `json:"transform"`
	SourceID  int    `json:"source-id"`
	FieldID   int    `json:"field-id"`
}

type snapshot struct {
	SnapshotID   int64    `json:"snapshot-id"`
	ManifestList string   `json:"manifest-list"`
	Manifests    []string `json:"manifests"`
	SchemaID     *int     `json:"schema-id"`
}

func parseMetadata(data []byte) (*metadata, error) {
	var m metadata
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, source.JSONError(err)
	}
	switch {
	case m.FormatVersion < 1:
		return nil, i18n.Errorf("no format-version: not an Iceberg table metadata file")
	case m.FormatVersion > 3:
		return nil, i18n.Errorf("format version %d is not supported (saglig reads Iceberg format versions 1 to 3)", m.FormatVersion)
	}
	if len(m.Schemas) == 0 && m.Schema != nil {
		m.Schemas = []*schema{m.Schema}
		if m.CurrentSchemaID == nil {
			id := m.Schema.ID
			m.CurrentSchemaID = &id
		}
	}
	if len(m.Schemas) == 0 {
		return nil, i18n.Errorf("no schema")
	}
	if len(m.PartitionSpecs) == 0 && len(m.PartitionSpec) > 0 {
		m.PartitionSpecs = []partitionSpec{{SpecID: 0, Fields: m.PartitionSpec}}
	}
	return &m, nil
}

// schema returns the schema with the id, or nil.
func (m *metadata) schema(id int) *schema {
	for _, s := range m.Schemas {
		if s != nil && s.ID == id {
			return s
		}
	}
	return nil
}

// spec returns the partition spec with the id, or nil.
func (m *metadata) spec(id int) *partitionSpec {
	for i := range m.PartitionSpecs {
		if m.PartitionSpecs[i].SpecID == id {
			return &m.PartitionSpecs[i]
		}
	}
	return nil
}

// currentSnapshot returns the current snapshot, or nil for a table
// without one.
func (m *metadata) currentSnapshot() *snapshot {
	if m.CurrentSnapshotID == nil || *m.CurrentSnapshotID == -1 {
		return nil
	}
	for i := range m.Snapshots {
		if m.Snapshots[i].SnapshotID == *m.CurrentSnapshotID {
			return &m.Snapshots[i]
		}
	}
	return nil
}

// checkSchemas picks the current schema and refuses a schema history that
// reading columns by name would get wrong: a column renamed (its id under
// another name in an older schema), a name re-used by another column (an
// older schema had the name with another id: the table's older files hold
// the old column under it), and a column with an initial default (older
// files must read as the default, not as nulls).
func (r *reader) checkSchemas() error {
	m := r.meta
	id := 0
	if m.CurrentSchemaID != nil {
		id = *m.CurrentSchemaID
	}
	r.current = m.schema(id)
	if r.current == nil {
		return refuse("the current schema %d is not in the metadata", id)
	}
	r.names = map[int]string{}
	byName := map[string]int{}
	for _, f := range r.current.Fields {
		r.names[f.ID] = f.Name
		byName[f.Name] = f.ID
		if f.hasInitialDefault() {
			return refuse("column %q has an initial default: files written before it was added must read as that value, which saglig does not fill in", f.Name)
		}
	}
	for _, s := range m.Schemas {
		if s == nil || s == r.current {
			continue
		}
		for _, f := range s.Fields {
			if name, ok := r.names[f.ID]; ok && name != f.Name {
				return refuse("column %q was renamed from %q (schema %d): Iceberg matches columns by id, saglig by name, so the older files would be read wrongly", name, f.Name, s.ID)
			}
			if cur, ok := byName[f.Name]; ok && cur != f.ID {
				return refuse("column %q was dropped and added again (ids %d and %d): Iceberg matches columns by id, saglig by name, so the older files would be read wrongly", f.Name, f.ID, cur)
			}
		}
	}
	return nil
}
