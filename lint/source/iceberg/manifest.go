package iceberg

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"time"

	ice "github.com/apache/iceberg-go"
	"github.com/saglig/saglig/internal/i18n"

	"github.com/saglig/saglig/lint/source"
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
		p, err := r.resolve(mf.FilePath())
		if err != nil {
			return nil, err
		}
		data, err := source.ReadFile(ctx, p, r.opt.max())
		if err != nil {
			return nil, i18n.Errorf("%s: %v", p, err)
		}
		entries, err := ice.ReadManifest(mf, bytes.NewReader(data), true)
		if err != nil {
			return nil, i18n.Errorf("%s: cannot read the manifest: %v", p, err)
		}
		spec := r.meta.spec(int(mf.PartitionSpecID()))
		for _, e := range entries {
			df := e.DataFile()
			if mf.ManifestContent() == ice.ManifestContentDeletes || df.ContentType() != ice.EntryContentData {
				return nil, refuse("the table has %s (%s): saglig cannot apply them, so it refuses the table rather than read deleted rows (rewrite the data files to drop them)", deleteKind(df), base(df.FilePath()))
			}
			if df.FileFormat() != ice.ParquetFile {
				return nil, refuse("data file %s is %s: saglig reads Parquet data files", df.FilePath(), string(df.FileFormat()))
			}
			fp, err := r.resolve(df.FilePath())
			if err != nil {
				return nil, err
			}
			out = append(out, File{Path: fp, Size: df.FileSizeBytes(), Rows: df.Count(), Identity: r.identity(spec, df.Partition())})
		}
	}
	return out, nil
}

// deleteKind names the kind of a delete file.
func deleteKind(df ice.DataFile) i18n.Msg {
	switch {
	case df.FileFormat() == "PUFFIN":
		return i18n.M("deletion vectors")
	case df.ContentType() == ice.EntryContentEqDeletes:
		return i18n.M("equality delete files")
	}
	return i18n.M("position delete files")
}

// manifests reads a snapshot's manifest list; a format version 1
// snapshot may list its manifests inline instead.
func (r *reader) manifests(ctx context.Context, snap *snapshot) ([]ice.ManifestFile, error) {
	if snap.ManifestList == "" {
		if r.meta.FormatVersion != 1 {
			return nil, refuse("snapshot %s has no manifest list", strconv.FormatInt(snap.SnapshotID, 10))
		}
		out := make([]ice.ManifestFile, 0, len(snap.Manifests))
		for _, m := range snap.Manifests {
			out = append(out, ice.NewManifestFile(1, m, 0, int32(r.meta.DefaultSpecID), snap.SnapshotID).Build())
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
	manifests, err := ice.ReadManifestList(bytes.NewReader(data))
	if err != nil {
		return nil, i18n.Errorf("%s: cannot read the manifest list: %v", listPath, err)
	}
	return manifests, nil
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
	case int:
		return strconv.Itoa(x), true
	case float32:
		return strconv.FormatFloat(float64(x), 'g', -1, 32), true
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64), true
	case ice.Date:
		return time.Unix(int64(x)*86400, 0).UTC().Format(time.DateOnly), true
	case *int32:
		if x != nil {
			return strconv.FormatInt(int64(*x), 10), true
		}
	case *int64:
		if x != nil {
			return strconv.FormatInt(*x, 10), true
		}
	case *string:
		if x != nil {
			return *x, true
		}
	}
	return "", false
}
