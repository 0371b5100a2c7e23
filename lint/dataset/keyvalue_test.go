package dataset

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/encoding/thrift"
	"github.com/parquet-go/parquet-go/format"

	"github.com/saglig/saglig/internal/testfiles"
)

// corpusKeyValue is the conformance corpus's file with a column chunk
// key-value pair without a value (apache/parquet-testing).
var corpusKeyValue = filepath.Join("..", "..", "internal", "testfiles", "corpus", "parquet-testing", "data", "column_chunk_key_value_metadata.parquet")

// TestValuelessKeyValue reads Parquet files whose key-value metadata has a
// key without a value, which the format allows and parquet-go's decoder
// refuses (docs/upstream.md): the dataset opens, with an empty value, and
// the footer the scan reads the file by (Recheck) has the column chunks'
// pairs with an empty value (lint/scan's TestValuelessKeyValue reads the
// rows).
func TestValuelessKeyValue(t *testing.T) {
	type kvRow struct {
		ID   int64  `parquet:"id"`
		Name string `parquet:"name"`
	}
	dir := t.TempDir()
	plain := filepath.Join(dir, "plain.parquet")
	rows := make([]kvRow, 300)
	for i := range rows {
		rows[i] = kvRow{ID: int64(i), Name: string(rune('a' + i%26))}
	}
	writeParquet(t, plain, rows, parquet.MaxRowsPerRowGroup(100))
	data, err := os.ReadFile(plain)
	if err != nil {
		t.Fatal(err)
	}
	data, err = testfiles.WithValuelessKeys(data, "file-key", "chunk-key")
	if err != nil {
		t.Fatal(err)
	}
	made := filepath.Join(dir, "valueless.parquet")
	writeFile(t, made, data)

	for _, tt := range []struct {
		name, path string
		rows       int64
		// fileKey and chunkKey are the keys without a value.
		fileKey, chunkKey string
	}{
		{"parquet-testing", corpusKeyValue, 0, "", "thisiskeywithoutvalue"},
		{"made", made, 300, "file-key", "chunk-key"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data, err := os.ReadFile(tt.path)
			if err != nil {
				t.Fatal(err)
			}
			// The fault this works around: parquet-go refuses the footer.
			footer := data[footerStart(t, data) : len(data)-8]
			var md format.FileMetaData
			if err := thrift.Unmarshal(new(thrift.CompactProtocol), footer, &md); err == nil {
				t.Fatal("parquet-go decodes the footer: the file no longer tests the repair (docs/upstream.md)")
			}

			ds, err := Open(tt.path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if ds.Rows != tt.rows {
				t.Errorf("%d rows, want %d", ds.Rows, tt.rows)
			}
			if tt.fileKey != "" {
				if v, ok := ds.Files[0].Metadata[tt.fileKey]; !ok || v != "" {
					t.Errorf("file metadata %q = %q, %v; want an empty value", tt.fileKey, v, ok)
				}
				if v := ds.Files[0].Metadata["key"]; v != "value" {
					t.Errorf("file metadata key = %q, want value", v)
				}
			}

			// The scan's reading: the footer as Recheck decoded it, the
			// column chunks' pairs without a value given an empty one.
			_, pf, err := Recheck(bytes.NewReader(data), int64(len(data)), Parquet, Options{})
			if err != nil {
				t.Fatal(err)
			}
			chunks := 0
			for _, rg := range pf.Meta.RowGroups {
				for _, cc := range rg.Columns {
					i := slices.IndexFunc(cc.MetaData.KeyValueMetadata, func(kv format.KeyValue) bool { return kv.Key == tt.chunkKey })
					if i >= 0 && cc.MetaData.KeyValueMetadata[i].Value == "" {
						chunks++
					}
				}
			}
			if chunks == 0 {
				t.Errorf("no column chunk has %q with an empty value", tt.chunkKey)
			}
			if pf.Meta.NumRows != tt.rows {
				t.Errorf("footer: %d rows, want %d", pf.Meta.NumRows, tt.rows)
			}
		})
	}
}

// Thrift compact-protocol pieces of a FileMetaData, for TestThriftRepair.
var (
	// version 1, an empty schema, 0 rows, no row groups.
	mdHead = []byte{0x15, 0x02, 0x19, 0x0c, 0x16, 0x00, 0x19, 0x0c}
	// field 5 (key_value_metadata): a list of n structs.
	kvList = func(n byte) []byte { return []byte{0x19, n<<4 | tStruct} }
	// a KeyValue's key "k" (field 1) and value "v" (field 2, after 1).
	kvKey   = []byte{0x18, 0x01, 'k'}
	kvValue = []byte{0x18, 0x01, 'v'}
)

func cat(parts ...[]byte) []byte { return slices.Concat(parts...) }

// TestThriftRepair checks the repair of a footer's key-value pairs on
// footers built byte by byte: only a KeyValue with a key and no value is
// given an empty value, wherever its fields are, and nothing else changes.
func TestThriftRepair(t *testing.T) {
	stop := []byte{tStop}
	for _, tt := range []struct {
		name      string
		footer    []byte
		valueless int
		// want is the decoded key-value metadata, or "" when decoding
		// must fail.
		want []format.KeyValue
	}{
		{"key and value", cat(mdHead, kvList(1), kvKey, kvValue, stop, stop), 0, []format.KeyValue{{Key: "k", Value: "v"}}},
		{"key alone", cat(mdHead, kvList(1), kvKey, stop, stop), 1, []format.KeyValue{{Key: "k"}}},
		{"two, the second without", cat(mdHead, kvList(2), kvKey, kvValue, stop, kvKey, stop, stop), 1, []format.KeyValue{{Key: "k", Value: "v"}, {Key: "k"}}},
		// An unknown field 3 after the key: the value's long-form header
		// does not depend on the field before it.
		{"key and an unknown field", cat(mdHead, kvList(1), kvKey, []byte{0x25, 0x02}, stop, stop), 1, []format.KeyValue{{Key: "k"}}},
		// No key: the pair stays invalid, and refused.
		{"no key", cat(mdHead, kvList(1), stop, stop), 0, nil},
		// A struct of the same shape elsewhere (a schema element with a
		// name field 1 is not a KeyValue): untouched.
		{"not a KeyValue", cat([]byte{0x15, 0x02, 0x19, 0x1c}, []byte{0x48, 0x01, 'r'}, stop, []byte{0x16, 0x00, 0x19, 0x0c}, stop), 0, []format.KeyValue{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			scan, err := thriftScan(tt.footer, thriftFooter, structFileMetaData, nil)
			if err != nil {
				t.Fatal(err)
			}
			if scan.n != len(tt.footer) || scan.valueless != tt.valueless {
				t.Fatalf("length %d, %d without a value; want %d, %d", scan.n, scan.valueless, len(tt.footer), tt.valueless)
			}
			var fixed []byte
			if _, err := thriftScan(tt.footer, thriftFooter, structFileMetaData, &fixed); err != nil {
				t.Fatal(err)
			}
			if want := len(tt.footer) + tt.valueless*len(emptyValue); len(fixed) != want {
				t.Errorf("repaired to %d bytes, want %d", len(fixed), want)
			}
			if tt.valueless == 0 && !bytes.Equal(fixed, tt.footer) {
				t.Errorf("a footer that needs no repair was changed: % x", fixed)
			}
			md, err := decodeFooter(tt.footer, Limits{})
			if tt.want == nil {
				if err == nil {
					t.Fatalf("decoded %+v, want an error", md.KeyValueMetadata)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := []format.KeyValue(md.KeyValueMetadata); !slices.Equal(got, tt.want) && len(got)+len(tt.want) > 0 {
				t.Errorf("key-value metadata %+v, want %+v", got, tt.want)
			}
		})
	}
	// A page header is no footer: nothing in it is repaired.
	hdr := cat([]byte{0x59}, kvList(1), kvKey, stop, stop)
	if s, err := thriftScan(hdr, thriftPageHeader, structOther, nil); err != nil || s.valueless != 0 {
		t.Errorf("page header: %d without a value, %v", s.valueless, err)
	}
}
