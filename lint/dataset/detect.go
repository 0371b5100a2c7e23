package dataset

import (
	"bytes"
	"encoding/binary"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/saglig/saglig/internal/i18n"
)

// Magic bytes of the formats.
var (
	magicParquet          = []byte("PAR1")
	magicParquetEncrypted = []byte("PARE")
	magicArrow            = []byte("ARROW1")
	magicFeatherV1        = []byte("FEA1")
)

// ipcContinuation starts every message of an Arrow IPC stream written since
// Arrow 0.15.
const ipcContinuation = 0xFFFFFFFF

// maxSniffMessage bounds the schema message read to recognise a legacy
// (pre-0.15) Arrow IPC stream by content.
const maxSniffMessage = 1 << 20

// extFormats maps file name extensions to formats.
var extFormats = map[string]Format{
	".parquet": Parquet,
	".parq":    Parquet,
	".pq":      Parquet,
	".arrow":   ArrowFile,
	".feather": ArrowFile,
	".ipc":     ArrowFile,
	".arrows":  ArrowStream,
}

// Extensions lists the file name extensions read as data, in lower case
// and sorted (a file is also recognised by its content, whatever its name).
func Extensions() []string {
	out := make([]string, 0, len(extFormats))
	for ext := range extFormats {
		out = append(out, ext)
	}
	sort.Strings(out)
	return out
}

// errUnknownFormat marks a file that is neither Parquet nor Arrow IPC, by
// content or by extension.
var errUnknownFormat = i18n.Errorf("unknown format: not a Parquet or Arrow IPC file (by content or extension)")

// DetectFormat tells the format of a file by magic bytes (PAR1 head+tail;
// ARROW1 for IPC files; an IPC stream starts with 0xFFFFFFFF continuation or
// a flatbuffer message), falling back to the extension (.parquet .parq .pq,
// .arrow .feather .ipc, .arrows). Unknown → error.
//
// The strong magics (PAR1/PARE, ARROW1, the continuation marker) are tried
// first, then the extension, and only then the weak signature of a legacy
// stream (a length-prefixed flatbuffer Schema message), so that a corrupt
// file.parquet is reported as a bad Parquet file rather than sniffed as
// something else.
func DetectFormat(path string) (Format, error) {
	st, err := os.Stat(path)
	switch {
	case err != nil:
		return "", fsError(path, err)
	case st.IsDir():
		return "", pathError(path, i18n.Errorf("is a directory, not a file"))
	case !st.Mode().IsRegular():
		return "", pathError(path, i18n.Errorf("not a regular file"))
	}
	f, err := os.Open(path)
	if err != nil {
		return "", fsError(path, err)
	}
	defer f.Close()
	fm, err := detect(f, st.Size(), path)
	if err != nil {
		return "", &Error{Path: path, Err: err}
	}
	return fm, nil
}

// detect implements DetectFormat on an open file; name is used for its
// extension only.
func detect(r io.ReaderAt, size int64, name string) (Format, error) {
	head := make([]byte, min(size, 8))
	if _, err := r.ReadAt(head, 0); err != nil && err != io.EOF {
		return "", err
	}
	tail := make([]byte, min(size, 8))
	if _, err := r.ReadAt(tail, size-int64(len(tail))); err != nil && err != io.EOF {
		return "", err
	}
	switch {
	case bytes.HasPrefix(head, magicParquet), bytes.HasPrefix(head, magicParquetEncrypted),
		bytes.HasSuffix(tail, magicParquet) && size >= 8, bytes.HasSuffix(tail, magicParquetEncrypted) && size >= 8:
		return Parquet, nil
	case bytes.HasPrefix(head, magicArrow), bytes.HasSuffix(tail, magicArrow) && size >= 8:
		return ArrowFile, nil
	case bytes.HasPrefix(head, magicFeatherV1):
		return "", i18n.Errorf("unsupported Feather v1 file: rewrite it as Feather v2 (Arrow IPC)")
	case len(head) >= 8 && binary.LittleEndian.Uint32(head) == ipcContinuation && int32(binary.LittleEndian.Uint32(head[4:])) > 0:
		return ArrowStream, nil
	}
	if fm, ok := extFormats[strings.ToLower(filepath.Ext(name))]; ok {
		return fm, nil
	}
	if legacyStream(r, size, head) {
		return ArrowStream, nil
	}
	if csvExt(name) != "" {
		return "", csvFileError(name)
	}
	return "", errUnknownFormat
}

// legacyStream reports whether the file starts like an Arrow IPC stream
// written before Arrow 0.15: an int32 length then a flatbuffer Message whose
// header is a Schema.
func legacyStream(r io.ReaderAt, size int64, head []byte) bool {
	if len(head) < 8 {
		return false
	}
	n := int64(int32(binary.LittleEndian.Uint32(head)))
	if n < 8 || n > maxSniffMessage || n > size-4 {
		return false
	}
	buf := make([]byte, n)
	if _, err := r.ReadAt(buf, 4); err != nil {
		return false
	}
	msg, err := parseMessage(buf)
	return err == nil && msg.header == messageSchema && msg.version <= maxMetadataVersion
}
