package delta

import (
	"bufio"
	"bytes"
	"encoding/json"
	"net/url"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/source"
)

// replay is the state of a log replay.
type replay struct {
	dir, logDir string
	opt         Options
	protocol    *protocolAction
	meta        *metaDataAction
	// files are the live files by path (with the deletion vector's id).
	files map[string]*addAction
}

// Actions, with the fields saglig reads.
type (
	action struct {
		Add         *addAction         `json:"add"`
		Remove      *removeAction      `json:"remove"`
		MetaData    *metaDataAction    `json:"metaData"`
		Protocol    *protocolAction    `json:"protocol"`
		Sidecar     *sidecarAction     `json:"sidecar"`
		CheckpointM *checkpointMetaAct `json:"checkpointMetadata"`
	}
	addAction struct {
		Path            string             `json:"path"`
		PartitionValues map[string]*string `json:"partitionValues"`
		Size            int64              `json:"size"`
		DeletionVector  *deletionVector    `json:"deletionVector"`
	}
	removeAction struct {
		Path           string          `json:"path"`
		DeletionVector *deletionVector `json:"deletionVector"`
	}
	deletionVector struct {
		StorageType    string `json:"storageType"`
		PathOrInlineDv string `json:"pathOrInlineDv"`
		Offset         *int32 `json:"offset"`
	}
	metaDataAction struct {
		SchemaString     string            `json:"schemaString"`
		PartitionColumns []string          `json:"partitionColumns"`
		Configuration    map[string]string `json:"configuration"`
		Format           struct {
			Provider string `json:"provider"`
		} `json:"format"`
	}
	protocolAction struct {
		MinReaderVersion int      `json:"minReaderVersion"`
		ReaderFeatures   []string `json:"readerFeatures"`
	}
	sidecarAction struct {
		Path        string `json:"path"`
		SizeInBytes int64  `json:"sizeInBytes"`
	}
	checkpointMetaAct struct {
		Version int64 `json:"version"`
	}
)

// key is a live file's identity: its path and deletion vector.
func key(p string, dv *deletionVector) string {
	if dv == nil {
		return p
	}
	k := p + "\x00" + dv.StorageType + dv.PathOrInlineDv
	if dv.Offset != nil {
		k += "@" + strconv.Itoa(int(*dv.Offset))
	}
	return k
}

// apply applies one action. Within a checkpoint, removes are tombstones
// and carry no state.
func (r *replay) apply(a *action, name string, commit bool) error {
	switch {
	case a.Add != nil:
		if a.Add.Path == "" {
			return i18n.Errorf("%s: an add action without a path", name)
		}
		r.files[key(a.Add.Path, a.Add.DeletionVector)] = a.Add
	case a.Remove != nil:
		if commit {
			delete(r.files, key(a.Remove.Path, a.Remove.DeletionVector))
		}
	case a.MetaData != nil:
		r.meta = a.MetaData
	case a.Protocol != nil:
		r.protocol = a.Protocol
	}
	return nil
}

// readJSON applies the actions of a JSON commit or v2 checkpoint, one per
// line.
func (r *replay) readJSON(data []byte, name string, commit bool) error {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, len(data)+1)
	line := 0
	var sidecars []sidecarAction
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		var a action
		if err := json.Unmarshal(b, &a); err != nil {
			return i18n.Errorf("%s: line %d: %v", name, line, source.JSONError(err))
		}
		if a.Sidecar != nil {
			sidecars = append(sidecars, *a.Sidecar)
			continue
		}
		if err := r.apply(&a, name, commit); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return i18n.Errorf("%s: %v", name, err)
	}
	return r.readSidecars(sidecars, name)
}

// table checks what was replayed and builds the snapshot.
func (r *replay) table(version int64) (*Table, error) {
	if r.protocol == nil {
		return nil, refuse("the log has no protocol action")
	}
	if r.meta == nil {
		return nil, refuse("the log has no metaData action")
	}
	if err := r.checkProtocol(); err != nil {
		return nil, err
	}
	if p := r.meta.Format.Provider; p != "" && p != "parquet" {
		return nil, refuse("data files of format %q are not supported (Delta tables store Parquet)", p)
	}
	t := &Table{Root: r.dir, Version: version, PartitionColumns: r.meta.PartitionColumns,
		MinReaderVersion: r.protocol.MinReaderVersion, ReaderFeatures: r.protocol.ReaderFeatures}
	schema, err := parseSchema(r.meta.SchemaString)
	if err != nil {
		return nil, refuse("the table's schema cannot be read: %v", err)
	}
	t.Schema = schema
	for _, pc := range t.PartitionColumns {
		if t.field(pc) == nil {
			return nil, refuse("partition column %q is not in the table's schema", pc)
		}
	}
	for _, a := range r.files {
		if a.DeletionVector != nil {
			return nil, refuse("file %s has a deletion vector: saglig cannot leave out the rows it deletes, so it refuses the table rather than read deleted rows (purge them with REORG TABLE … APPLY (PURGE))", a.Path)
		}
		p, err := r.resolve(a.Path)
		if err != nil {
			return nil, err
		}
		f := File{Path: p, Size: a.Size}
		for _, pc := range t.PartitionColumns {
			v, ok := a.PartitionValues[pc]
			if !ok {
				return nil, refuse("file %s has no value for partition column %q", a.Path, pc)
			}
			if v != nil {
				if f.Partitions == nil {
					f.Partitions = map[string]string{}
				}
				f.Partitions[pc] = *v
			}
		}
		t.Files = append(t.Files, f)
	}
	sort.Slice(t.Files, func(i, j int) bool { return t.Files[i].Path < t.Files[j].Path })
	return t, nil
}

// readerFeatures are the reader features saglig honours, and what it
// needs to check for each.
var readerFeatures = map[string]string{
	"columnMapping":        "mode none only",
	"deletionVectors":      "refused where a live file has one",
	"timestampNtz":         "",
	"v2Checkpoint":         "",
	"vacuumProtocolCheck":  "",
	"typeWidening":         "files written before a widening are read with their narrower type and widened",
	"typeWidening-preview": "as typeWidening",
	"variantType":          "",
	"variantType-preview":  "",
	"catalogManaged":       "",
}

// checkProtocol refuses a table whose read protocol saglig cannot honour.
func (r *replay) checkProtocol() error {
	p := r.protocol
	switch {
	case p.MinReaderVersion < 1:
		return refuse("invalid protocol: minReaderVersion %d", p.MinReaderVersion)
	case p.MinReaderVersion > 3:
		return refuse("the table needs Delta reader version %d; saglig reads versions 1 to 3", p.MinReaderVersion)
	}
	if p.MinReaderVersion == 3 {
		for _, f := range p.ReaderFeatures {
			if _, ok := readerFeatures[f]; !ok {
				return refuse("the table uses the Delta reader feature %q, which saglig does not support", f)
			}
		}
	}
	if mode := r.meta.Configuration["delta.columnMapping.mode"]; mode != "" && mode != "none" && p.MinReaderVersion >= 2 {
		return refuse("the table uses column mapping (delta.columnMapping.mode = %s): its data files name columns by physical names, which saglig does not map", mode)
	}
	return nil
}

// resolve turns an add action's path (a URI-encoded path relative to the
// table, or an absolute URI) into a path or URL saglig opens.
func (r *replay) resolve(p string) (string, error) {
	u, err := url.Parse(p)
	if err != nil {
		return "", refuse("file path %q is not a valid URI", p)
	}
	switch {
	case u.Scheme == "":
		rel := u.Path
		if rel == "" || strings.HasPrefix(rel, "/") || path.Clean(rel) != rel || strings.HasPrefix(rel, "../") {
			return "", refuse("file path %q leaves the table's directory", p)
		}
		return source.Join(r.dir, rel), nil
	case u.Scheme == "file":
		if source.IsRemote(r.dir) {
			return "", refuse("file path %q is on the local disk but the table is in object storage", p)
		}
		return u.Path, nil
	case source.IsRemote(p):
		return p, nil
	}
	return "", refuse("file path %q: scheme %q is not supported", p, u.Scheme)
}
