package delta

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/parquet-go/parquet-go"

	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint/source"
)

// readCheckpoint applies the actions of a checkpoint: the parts of a
// classic one (Parquet), or a v2 one (JSON or Parquet) with its sidecars.
func (r *replay) readCheckpoint(ctx context.Context, files []logFile) error {
	for _, f := range files {
		switch f.kind {
		case checkpointV2JSON:
			data, err := source.ReadSized(ctx, f.entry.Path, f.entry.Size, r.opt.maxLogFile())
			if err != nil {
				return i18n.Errorf("%s: %v", f.entry.Path, err)
			}
			if err := r.readJSON(data, f.entry.Path, false); err != nil {
				return err
			}
		default:
			sidecars, err := r.readParquet(ctx, f.entry)
			if err != nil {
				return err
			}
			if err := r.readSidecars(sidecars, f.entry.Path); err != nil {
				return err
			}
		}
	}
	return nil
}

// readSidecars applies the actions of a v2 checkpoint's sidecar files
// (Parquet files in _delta_log/_sidecars/ holding add and remove actions).
func (r *replay) readSidecars(sidecars []sidecarAction, from string) error {
	for _, sc := range sidecars {
		if sc.Path == "" || base(sc.Path) != sc.Path {
			return refuse("%s: sidecar path %q is not a file name in %s/_sidecars/", from, sc.Path, LogDir)
		}
		e := source.Entry{Path: source.Join(r.logDir, "_sidecars/"+sc.Path), Size: sc.SizeInBytes}
		st, err := source.Stat(context.Background(), e.Path)
		if err != nil {
			return i18n.Errorf("%s: sidecar %s: %v", from, sc.Path, err)
		}
		e.Size = st.Size
		if _, err := r.readParquet(context.Background(), e); err != nil {
			return err
		}
	}
	return nil
}

// checkpointRow is a row of a checkpoint or sidecar Parquet file, with the
// columns saglig reads; parquet-go leaves out the others.
type checkpointRow struct {
	Add      *cpAdd      `parquet:"add,optional"`
	Remove   *cpRemove   `parquet:"remove,optional"`
	MetaData *cpMetaData `parquet:"metaData,optional"`
	Protocol *cpProtocol `parquet:"protocol,optional"`
	Sidecar  *cpSidecar  `parquet:"sidecar,optional"`
}

type (
	cpAdd struct {
		Path            *string            `parquet:"path,optional"`
		PartitionValues map[string]*string `parquet:"partitionValues,optional"`
		Size            int64              `parquet:"size,optional"`
		DeletionVector  *cpDV              `parquet:"deletionVector,optional"`
	}
	cpRemove struct {
		Path           *string `parquet:"path,optional"`
		DeletionVector *cpDV   `parquet:"deletionVector,optional"`
	}
	cpDV struct {
		StorageType    *string `parquet:"storageType,optional"`
		PathOrInlineDv *string `parquet:"pathOrInlineDv,optional"`
		Offset         *int32  `parquet:"offset,optional"`
	}
	cpMetaData struct {
		SchemaString     *string           `parquet:"schemaString,optional"`
		PartitionColumns []string          `parquet:"partitionColumns,optional,list"`
		Configuration    map[string]string `parquet:"configuration,optional"`
		Format           *struct {
			Provider *string `parquet:"provider,optional"`
		} `parquet:"format,optional"`
	}
	cpProtocol struct {
		MinReaderVersion *int32   `parquet:"minReaderVersion,optional"`
		ReaderFeatures   []string `parquet:"readerFeatures,optional,list"`
	}
	cpSidecar struct {
		Path        *string `parquet:"path,optional"`
		SizeInBytes *int64  `parquet:"sizeInBytes,optional"`
	}
)

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// action is the deletion vector, or nil: parquet-go fills a struct
// whose columns the file does not have with nulls.
func (d *cpDV) action() *deletionVector {
	if d == nil || str(d.StorageType) == "" {
		return nil
	}
	return &deletionVector{StorageType: str(d.StorageType), PathOrInlineDv: str(d.PathOrInlineDv), Offset: d.Offset}
}

// readParquet applies the actions of a checkpoint or sidecar Parquet file
// and returns the sidecars it names.
func (r *replay) readParquet(ctx context.Context, e source.Entry) (sidecars []sidecarAction, err error) {
	f, err := source.OpenSized(ctx, e.Path, e.Size, "")
	if err != nil {
		return nil, i18n.Errorf("%s: %v", e.Path, err)
	}
	defer f.Close()
	size := f.Size()
	if size > r.opt.maxLogFile() {
		return nil, i18n.Errorf("%s: a checkpoint of %s is larger than the limit of %s", e.Path, i18n.M("%d bytes", size), i18n.M("%d bytes", r.opt.maxLogFile()))
	}
	if r.opt.CheckParquet != nil {
		if err := r.opt.CheckParquet(f, size); err != nil {
			return nil, i18n.Errorf("%s: %v", e.Path, err)
		}
	}
	defer func() {
		if p := recover(); p != nil {
			err = i18n.Errorf("%s: cannot read the checkpoint: %v", e.Path, fmt.Sprint(p))
		}
	}()
	pf, err := parquet.OpenFile(f, size, parquet.SkipPageIndex(true), parquet.SkipBloomFilters(true))
	if err != nil {
		return nil, i18n.Errorf("%s: cannot read the checkpoint: %v", e.Path, err)
	}
	rd := parquet.NewGenericReader[checkpointRow](pf)
	defer rd.Close()
	rows := make([]checkpointRow, 256)
	for {
		n, err := rd.Read(rows)
		for i := range rows[:n] {
			row := &rows[i]
			var a action
			switch {
			case row.Add != nil && row.Add.Path != nil:
				a.Add = &addAction{Path: *row.Add.Path, PartitionValues: row.Add.PartitionValues, Size: row.Add.Size, DeletionVector: row.Add.DeletionVector.action()}
			case row.Remove != nil && row.Remove.Path != nil:
				a.Remove = &removeAction{Path: *row.Remove.Path, DeletionVector: row.Remove.DeletionVector.action()}
			case row.MetaData != nil && row.MetaData.SchemaString != nil:
				m := &metaDataAction{SchemaString: *row.MetaData.SchemaString, PartitionColumns: row.MetaData.PartitionColumns, Configuration: row.MetaData.Configuration}
				if row.MetaData.Format != nil {
					m.Format.Provider = str(row.MetaData.Format.Provider)
				}
				a.MetaData = m
			case row.Protocol != nil && row.Protocol.MinReaderVersion != nil:
				a.Protocol = &protocolAction{MinReaderVersion: int(*row.Protocol.MinReaderVersion), ReaderFeatures: row.Protocol.ReaderFeatures}
			case row.Sidecar != nil && row.Sidecar.Path != nil:
				sc := sidecarAction{Path: *row.Sidecar.Path}
				if row.Sidecar.SizeInBytes != nil {
					sc.SizeInBytes = *row.Sidecar.SizeInBytes
				}
				sidecars = append(sidecars, sc)
				continue
			default:
				continue
			}
			if err := r.apply(&a, e.Path, false); err != nil {
				return nil, err
			}
		}
		rows = clear0(rows[:cap(rows)])
		if errors.Is(err, io.EOF) {
			return sidecars, nil
		}
		if err != nil {
			return nil, i18n.Errorf("%s: cannot read the checkpoint: %v", e.Path, err)
		}
	}
}

// clear0 zeroes rows for reuse: the reader fills only the columns present.
func clear0(rows []checkpointRow) []checkpointRow {
	clear(rows)
	return rows
}
