package iceberg

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/twmb/avro"
	"github.com/twmb/avro/ocf"

	"github.com/saglig/saglig/lint/source"
)

// The manifest list and the manifests are Avro object container files,
// decoded by twmb/avro with the writer's schema from each file's header;
// fields are read by the names the Iceberg specification gives them.

// manifestFile is a manifest as its manifest list records it.
type manifestFile struct {
	path    string
	specID  int
	deletes bool // a delete manifest (content 1)
	version int  // the format version of the list that names it
}

// dataFile is a live entry of a manifest.
type dataFile struct {
	path      string
	format    string // PARQUET, AVRO, ORC, PUFFIN
	content   int    // 0 data, 1 position deletes, 2 equality deletes
	rows      int64
	size      int64
	partition map[int]any // identity partition values by partition field id
}

// Manifest entry statuses and data file contents of the specification.
const (
	statusDeleted      = 2
	contentEqDeletes   = 2
	fieldIDFirstRowID  = 520
	fieldIDContent     = 517
	fieldIDSequenceNum = 515
)

// snapshotFiles reads a snapshot's manifest list and manifests to its live
// data files.
func (r *reader) snapshotFiles(ctx context.Context, snap *snapshot) (out []File, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = i18n.Errorf("cannot read the manifests: %v", fmt.Sprint(p))
		}
	}()
	manifests, err := r.manifests(ctx, snap)
	if err != nil {
		return nil, err
	}
	for _, mf := range manifests {
		p, err := r.resolve(mf.path)
		if err != nil {
			return nil, err
		}
		data, err := source.ReadFile(ctx, p, r.opt.max())
		if err != nil {
			return nil, i18n.Errorf("%s: %v", p, err)
		}
		entries, err := readManifest(mf, data)
		if err != nil {
			return nil, i18n.Errorf("%s: cannot read the manifest: %v", p, err)
		}
		spec := r.meta.spec(mf.specID)
		for _, df := range entries {
			if err := checkDataFile(mf, df); err != nil {
				return nil, err
			}
			fp, err := r.resolve(df.path)
			if err != nil {
				return nil, err
			}
			out = append(out, File{Path: fp, Size: df.size, Rows: df.rows, Identity: r.identity(spec, df.partition)})
		}
	}
	return out, nil
}

// checkDataFile refuses a delete file and a data file that is not Parquet.
func checkDataFile(mf manifestFile, df dataFile) error {
	if mf.deletes || df.content != 0 {
		return refuse("the table has %s (%s): saglig cannot apply them, so it refuses the table rather than read deleted rows (rewrite the data files to drop them)", deleteKind(df), base(df.path))
	}
	if df.format != "PARQUET" {
		return refuse("data file %s is %s: saglig reads Parquet data files", df.path, df.format)
	}
	return nil
}

// deleteKind names the kind of a delete file.
func deleteKind(df dataFile) i18n.Msg {
	switch {
	case df.format == "PUFFIN":
		return i18n.M("deletion vectors")
	case df.content == contentEqDeletes:
		return i18n.M("equality delete files")
	}
	return i18n.M("position delete files")
}

// manifests reads a snapshot's manifest list; a format version 1
// snapshot may list its manifests inline instead.
func (r *reader) manifests(ctx context.Context, snap *snapshot) ([]manifestFile, error) {
	if snap.ManifestList == "" {
		if r.meta.FormatVersion != 1 {
			return nil, refuse("snapshot %s has no manifest list", strconv.FormatInt(snap.SnapshotID, 10))
		}
		out := make([]manifestFile, 0, len(snap.Manifests))
		for _, m := range snap.Manifests {
			out = append(out, manifestFile{path: m, specID: r.meta.DefaultSpecID, version: 1})
		}
		return out, nil
	}
	listPath, err := r.resolve(snap.ManifestList)
	if err != nil {
		return nil, err
	}
	data, err := source.ReadFile(ctx, listPath, r.opt.max())
	if err != nil {
		return nil, i18n.Errorf("%s: %v", listPath, err)
	}
	manifests, err := readManifestList(data)
	if err != nil {
		return nil, i18n.Errorf("%s: cannot read the manifest list: %v", listPath, err)
	}
	return manifests, nil
}

// readManifestList reads a manifest list. Its format version is the
// header's "format-version", else inferred from its schema's fields
// (first_row_id: 3; content or sequence_number: 2), and may not be lower
// than the one its fields show.
func readManifestList(data []byte) ([]manifestFile, error) {
	rd, err := ocf.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	inferred := 1
	for _, f := range rd.Schema().Root().Fields {
		id, ok := fieldID(f)
		switch {
		case ok && id == fieldIDFirstRowID, !ok && f.Name == "first_row_id":
			inferred = 3
		case inferred < 2 && (ok && (id == fieldIDContent || id == fieldIDSequenceNum) || !ok && (f.Name == "content" || f.Name == "sequence_number")):
			inferred = 2
		}
	}
	version, err := formatVersion(rd.Metadata(), inferred)
	if err != nil {
		return nil, err
	}
	if version < inferred {
		return nil, fmt.Errorf("the manifest list's format-version %d is lower than its fields' (%d)", version, inferred)
	}
	var out []manifestFile
	for {
		var rec map[string]any
		if err := rd.Decode(&rec); errors.Is(err, io.EOF) {
			return out, nil
		} else if err != nil {
			return nil, err
		}
		path, ok := rec["manifest_path"].(string)
		if !ok || path == "" {
			return nil, fmt.Errorf("a manifest without manifest_path")
		}
		spec, ok := intOf(rec["partition_spec_id"])
		if !ok {
			return nil, fmt.Errorf("manifest %s: no partition_spec_id", path)
		}
		mf := manifestFile{path: path, specID: int(spec), version: version}
		if c, ok := intOf(rec["content"]); ok && version >= 2 {
			switch c {
			case 0:
			case 1:
				mf.deletes = true
			default:
				return nil, fmt.Errorf("manifest %s: content %d", path, c)
			}
		}
		out = append(out, mf)
	}
}

// formatVersion reads a file's "format-version" metadata, def when it has
// none; versions 1 to 3 are read.
func formatVersion(meta map[string][]byte, def int) (int, error) {
	v := def
	if raw := meta["format-version"]; len(raw) > 0 {
		n, err := strconv.Atoi(string(raw))
		if err != nil {
			return 0, fmt.Errorf("invalid format-version %q", raw)
		}
		v = n
	}
	if v < 1 || v > 3 {
		return 0, fmt.Errorf("unsupported format version %d", v)
	}
	return v, nil
}

// readManifest reads a manifest's live entries (deleted entries left out).
// Its format version may not be newer than its list's, and its content
// ("data", or "deletes"; none in version 1) must be the list's.
func readManifest(mf manifestFile, data []byte) ([]dataFile, error) {
	rd, err := ocf.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	meta := rd.Metadata()
	version, err := formatVersion(meta, 1)
	if err != nil {
		return nil, err
	}
	if version > mf.version {
		return nil, fmt.Errorf("format version %d is newer than its manifest list's (%d)", version, mf.version)
	}
	switch c := string(meta["content"]); {
	case c == "" && version != 1:
		return nil, fmt.Errorf("no content metadata in a format version %d manifest", version)
	case c == "" || c == "data" || c == "deletes":
		if (c == "deletes") != mf.deletes {
			return nil, fmt.Errorf("its content metadata %q is not its manifest list's", c)
		}
	default:
		return nil, fmt.Errorf("invalid content metadata %q", c)
	}
	parts := partitionFields(rd.Schema())
	var out []dataFile
	for {
		var rec map[string]any
		if err := rd.Decode(&rec); errors.Is(err, io.EOF) {
			return out, nil
		} else if err != nil {
			return nil, err
		}
		if st, _ := intOf(rec["status"]); st == statusDeleted {
			continue
		}
		df, err := readDataFile(rec["data_file"], parts)
		if err != nil {
			return nil, err
		}
		out = append(out, df)
	}
}

func readDataFile(v any, parts map[string]partitionValueField) (dataFile, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return dataFile{}, fmt.Errorf("an entry without data_file")
	}
	var df dataFile
	df.path, _ = m["file_path"].(string)
	df.format, _ = m["file_format"].(string)
	if df.path == "" || df.format == "" {
		return dataFile{}, fmt.Errorf("a data file without file_path or file_format")
	}
	if c, ok := intOf(m["content"]); ok {
		df.content = int(c)
	}
	df.rows, _ = intOf(m["record_count"])
	df.size, _ = intOf(m["file_size_in_bytes"])
	if p, ok := m["partition"].(map[string]any); ok {
		for name, v := range p {
			pf, ok := parts[name]
			if !ok || v == nil {
				continue
			}
			if pf.date {
				t, ok := v.(time.Time)
				if !ok {
					continue
				}
				v = date(t)
			}
			if df.partition == nil {
				df.partition = map[int]any{}
			}
			df.partition[pf.id] = v
		}
	}
	return df, nil
}

// date is a partition value of the date logical type.
type date time.Time

// partitionValueField is a field of the manifest's partition record: its
// partition field id, and whether it holds a date. Values of other
// logical types (timestamps, decimals, UUIDs) are left out.
type partitionValueField struct {
	id   int
	date bool
}

// partitionFields reads the partition record's fields from a manifest's
// schema (data_file.partition).
func partitionFields(s *avro.Schema) map[string]partitionValueField {
	out := map[string]partitionValueField{}
	for _, f := range s.Root().Fields {
		if f.Name != "data_file" {
			continue
		}
		for _, g := range nonNull(f.Type).Fields {
			if g.Name != "partition" {
				continue
			}
			for _, p := range nonNull(g.Type).Fields {
				id, ok := fieldID(p)
				if !ok {
					continue
				}
				t := nonNull(p.Type)
				switch t.LogicalType {
				case "":
					out[p.Name] = partitionValueField{id: id}
				case "date":
					out[p.Name] = partitionValueField{id: id, date: true}
				}
			}
		}
	}
	return out
}

// nonNull returns a type, or the non-null branch of a nullable one.
func nonNull(n avro.SchemaNode) avro.SchemaNode {
	if n.Type == "union" {
		for _, b := range n.Branches {
			if b.Type != "null" {
				return b
			}
		}
	}
	return n
}

// fieldID returns the Iceberg "field-id" property of an Avro field.
func fieldID(f avro.SchemaField) (int, bool) {
	switch v := f.Props["field-id"].(type) {
	case int:
		return v, true
	case int64:
		return int(v), true
	case float64:
		return int(v), true
	case json.Number:
		n, err := v.Int64()
		return int(n), err == nil
	}
	return 0, false
}

func intOf(v any) (int64, bool) {
	switch x := v.(type) {
	case int32:
		return int64(x), true
	case int64:
		return x, true
	case int:
		return int64(x), true
	}
	return 0, false
}

// identity returns the values of a file's identity partitions by column
// name, as text, for the top-level columns of the current schema.
func (r *reader) identity(spec *partitionSpec, values map[int]any) map[string]string {
	if spec == nil {
		return nil
	}
	var out map[string]string
	for _, pf := range spec.Fields {
		if pf.Transform != "identity" {
			continue
		}
		name, ok := r.names[pf.SourceID]
		if !ok {
			continue
		}
		v, ok := values[pf.FieldID]
		if !ok || v == nil {
			continue
		}
		s, ok := partitionText(v)
		if !ok {
			continue
		}
		if out == nil {
			out = map[string]string{}
		}
		out[name] = s
	}
	return out
}

// partitionText writes a partition value as Hive writes it in a path.
func partitionText(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case bool:
		return strconv.FormatBool(x), true
	case int32:
		return strconv.FormatInt(int64(x), 10), true
	case int64:
		return strconv.FormatInt(x, 10), true
	case float32:
		return strconv.FormatFloat(float64(x), 'g', -1, 32), true
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64), true
	case date:
		return time.Time(x).UTC().Format(time.DateOnly), true
	}
	return "", false
}
