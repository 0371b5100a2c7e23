package delta

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/saglig/saglig/internal/testfiles"
)

// Actions for generated logs.
const (
	protocolV1  = `{"protocol":{"minReaderVersion":1,"minWriterVersion":2}}`
	metaPlain   = `{"metaData":{"id":"t","format":{"provider":"parquet","options":{}},"schemaString":"{\"type\":\"struct\",\"fields\":[{\"name\":\"id\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}},{\"name\":\"year\",\"type\":\"integer\",\"nullable\":true,\"metadata\":{}}]}","partitionColumns":[],"configuration":{}}}`
	metaByYear  = `{"metaData":{"id":"t","format":{"provider":"parquet","options":{}},"schemaString":"{\"type\":\"struct\",\"fields\":[{\"name\":\"id\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}},{\"name\":\"year\",\"type\":\"integer\",\"nullable\":true,\"metadata\":{}}]}","partitionColumns":["year"],"configuration":{}}}`
	commitInfo  = `{"commitInfo":{"timestamp":1,"operation":"WRITE"}}`
	dvInline    = `"deletionVector":{"storageType":"i","pathOrInlineDv":"wi5b=000010000siXQKl0rr91000f55c8Xg0@@D72lkbi5=-{L","offset":null,"sizeInBytes":40,"cardinality":2}`
	dvFile      = `"deletionVector":{"storageType":"u","pathOrInlineDv":"ab^-aqEH.-t@S}K{vb[*k^","offset":4,"sizeInBytes":40,"cardinality":6}`
	readerV3    = `{"protocol":{"minReaderVersion":3,"minWriterVersion":7,"readerFeatures":[%s],"writerFeatures":[]}}`
	metaMapping = `{"metaData":{"id":"t","format":{"provider":"parquet","options":{}},"schemaString":"{\"type\":\"struct\",\"fields\":[{\"name\":\"id\",\"type\":\"long\",\"nullable\":true,\"metadata\":{\"delta.columnMapping.id\":1,\"delta.columnMapping.physicalName\":\"col-1\"}}]}","partitionColumns":[],"configuration":{"delta.columnMapping.mode":"name"}}}`
)

func add(p string, extra ...string) string {
	fields := append([]string{fmt.Sprintf(`"path":%q`, p), `"partitionValues":{}`, `"size":100`, `"modificationTime":1`, `"dataChange":true`}, extra...)
	return `{"add":{` + strings.Join(fields, ",") + `}}`
}

func addPart(p, year string) string {
	return add(p, `"partitionValues":{"year":`+year+`}`)
}

func remove(p string, extra ...string) string {
	fields := append([]string{fmt.Sprintf(`"path":%q`, p), `"deletionTimestamp":2`, `"dataChange":true`}, extra...)
	return `{"remove":{` + strings.Join(fields, ",") + `}}`
}

// writeLog writes commits (one per element, actions as lines) into a new
// table directory and returns it.
func writeLog(t *testing.T, commits map[int][]string) string {
	t.Helper()
	dir := t.TempDir()
	log := filepath.Join(dir, LogDir)
	if err := os.MkdirAll(log, 0o755); err != nil {
		t.Fatal(err)
	}
	for v, actions := range commits {
		name := filepath.Join(log, fmt.Sprintf("%020d.json", v))
		if err := os.WriteFile(name, []byte(strings.Join(actions, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func relFiles(t *testing.T, tb *Table) []string {
	t.Helper()
	var out []string
	for _, f := range tb.Files {
		rel, err := filepath.Rel(tb.Root, f.Path)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.ToSlash(rel)
		if len(f.Partitions) > 0 {
			var kv []string
			for k, v := range f.Partitions {
				kv = append(kv, k+"="+v)
			}
			slices.Sort(kv)
			p += " " + strings.Join(kv, ",")
		}
		out = append(out, p)
	}
	return out
}

func TestReplay(t *testing.T) {
	tests := []struct {
		name    string
		commits map[int][]string
		want    []string // live files, relative, with partition values
		version int64
		errHas  string
	}{
		{name: "adds and removes", version: 2, commits: map[int][]string{
			0: {commitInfo, protocolV1, metaPlain, add("a.parquet"), add("b.parquet")},
			1: {commitInfo, remove("a.parquet"), add("c.parquet")},
			2: {add("d.parquet"), remove("c.parquet")},
		}, want: []string{"b.parquet", "d.parquet"}},
		{name: "re-added after removal", version: 1, commits: map[int][]string{
			0: {protocolV1, metaPlain, add("a.parquet")},
			1: {remove("a.parquet"), add("a.parquet")},
		}, want: []string{"a.parquet"}},
		{name: "partition values, null and escaped path", version: 0, commits: map[int][]string{
			0: {protocolV1, metaByYear, addPart("year=2024/a%20b.parquet", `"2024"`), addPart("year=__HIVE_DEFAULT_PARTITION__/c.parquet", "null")},
		}, want: []string{"year=2024/a b.parquet year=2024", "year=__HIVE_DEFAULT_PARTITION__/c.parquet"}},
		{name: "later metaData wins", version: 1, commits: map[int][]string{
			0: {protocolV1, metaByYear, addPart("year=1/a.parquet", `"1"`)},
			1: {metaPlain, remove("year=1/a.parquet"), add("b.parquet")},
		}, want: []string{"b.parquet"}},
		{name: "deletion vector on a removed file", version: 1, commits: map[int][]string{
			0: {fmt.Sprintf(readerV3, `"deletionVectors"`), metaPlain, add("a.parquet", dvInline)},
			1: {remove("a.parquet", dvInline), add("a.parquet")},
		}, want: []string{"a.parquet"}},
		{name: "known reader features", version: 0, commits: map[int][]string{
			0: {fmt.Sprintf(readerV3, `"timestampNtz","v2Checkpoint","vacuumProtocolCheck","deletionVectors","columnMapping"`), metaPlain, add("a.parquet")},
		}, want: []string{"a.parquet"}},
		{name: "empty table", version: 0, commits: map[int][]string{0: {protocolV1, metaPlain}}},

		{name: "deletion vector on a live file", errHas: "has a deletion vector", commits: map[int][]string{
			0: {fmt.Sprintf(readerV3, `"deletionVectors"`), metaPlain, add("a.parquet")},
			1: {remove("a.parquet"), add("a.parquet", dvFile)},
		}},
		{name: "reader version 4", errHas: "needs Delta reader version 4", commits: map[int][]string{
			0: {`{"protocol":{"minReaderVersion":4,"minWriterVersion":7}}`, metaPlain, add("a.parquet")},
		}},
		{name: "unknown reader feature", errHas: `reader feature "futureThing"`, commits: map[int][]string{
			0: {fmt.Sprintf(readerV3, `"timestampNtz","futureThing"`), metaPlain, add("a.parquet")},
		}},
		{name: "column mapping", errHas: "column mapping (delta.columnMapping.mode = name)", commits: map[int][]string{
			0: {`{"protocol":{"minReaderVersion":2,"minWriterVersion":5}}`, metaMapping, add("a.parquet")},
		}},
		{name: "gap in the log", errHas: "no commit 1 ", commits: map[int][]string{
			0: {protocolV1, metaPlain, add("a.parquet")},
			2: {add("b.parquet")},
		}},
		{name: "no protocol", errHas: "no protocol action", commits: map[int][]string{0: {metaPlain, add("a.parquet")}}},
		{name: "no metaData", errHas: "no metaData action", commits: map[int][]string{0: {protocolV1, add("a.parquet")}}},
		{name: "path leaving the table", errHas: "leaves the table's directory", commits: map[int][]string{
			0: {protocolV1, metaPlain, add("../elsewhere.parquet")},
		}},
		{name: "absolute local path", errHas: "", version: 0, commits: map[int][]string{
			0: {protocolV1, metaPlain, add("file:///data/x.parquet")},
		}, want: []string{"ABS /data/x.parquet"}},
		{name: "unsupported scheme", errHas: `scheme "hdfs"`, commits: map[int][]string{
			0: {protocolV1, metaPlain, add("hdfs://nn/x.parquet")},
		}},
		{name: "not Parquet", errHas: `format "orc"`, commits: map[int][]string{
			0: {protocolV1, strings.Replace(metaPlain, `"parquet"`, `"orc"`, 1), add("a.orc")},
		}},
		{name: "partition value missing", errHas: `no value for partition column "year"`, commits: map[int][]string{
			0: {protocolV1, metaByYear, add("a.parquet")},
		}},
		{name: "invalid JSON", errHas: "line 2: invalid JSON", commits: map[int][]string{
			0: {protocolV1, `{"add":`, metaPlain},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeLog(t, tt.commits)
			tb, err := Open(context.Background(), dir, Options{})
			if tt.errHas != "" {
				if err == nil || !strings.Contains(err.Error(), tt.errHas) {
					t.Fatalf("Open: %v, want an error containing %q", err, tt.errHas)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tb.Version != tt.version {
				t.Errorf("version %d, want %d", tb.Version, tt.version)
			}
			var got []string
			if len(tt.want) == 1 && strings.HasPrefix(tt.want[0], "ABS ") {
				got = []string{"ABS " + tb.Files[0].Path}
			} else {
				got = relFiles(t, tb)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("files %q, want %q", got, tt.want)
			}
		})
	}
}

// TestTables reads tables written by Spark, Databricks and delta-rs
// (testdata/README.md).
func TestTables(t *testing.T) {
	ctx := context.Background()
	simple := []string{"136c36f5-639d-4e95-bb0f-15cde3fb14eb", "1abe25d3-0da6-46c5-98c1-7a69872fd797", "3810fbe0-9892-431d-bcfd-7de5788dfe8d",
		"3fa65c69-4e55-4b18-a195-5f1ae583e553", "72ecc4d6-2e44-4df4-99e6-23f1ac2b7b7c", "7d239c98-d74b-4b02-b3f6-9f256992c633",
		"8e7dc8c1-337b-40b8-a411-46d4295da531", "9afd9224-729f-4420-a05e-8032113a6568", "e93060ad-9c8c-4170-a9da-7c6f53f6406b",
		"e9c6df9a-e585-4c70-bc1f-de9bd8ae025b", "f0e955c5-a1e3-4eec-834e-dcc098fc9005"}
	for i, s := range simple {
		simple[i] = "part-00000-" + s + "-c000.snappy.parquet"
	}
	v2 := []string{"247edc12-0eb3-44dc-9d39-42b50dbe6a6b", "33e5a956-7506-43d8-bc29-e913eaeb2b73", "67938f71-2df1-4c48-ae22-619e370ae0f7",
		"d10840b2-087e-4acd-b04e-03819588915d", "dd0343ab-5277-4dc4-a8eb-4335e15a34d2", "e8007055-c633-4323-84a9-db81e7493036",
		"e9391801-c9e9-4314-95a9-b09261a5fb96", "fb0df8bb-10ec-48a7-8c4a-f0d38c6b26ae"}
	for i, s := range v2 {
		v2[i] = "part-00000-" + s + ".c000.snappy.parquet"
	}
	tests := []struct {
		name string
		// prepare changes the copy of the table (drop files of its log).
		prepare func(t *testing.T, dir string)
		version int64
		want    []string
		errHas  string
	}{
		{name: "simple_table_with_checkpoint", version: 10, want: simple},
		{name: "simple_table_with_checkpoint", prepare: keepFrom(10), version: 10, want: simple},
		{name: "simple_table_with_checkpoint", prepare: drop("00000000000000000010.checkpoint.parquet"), version: 10, want: simple},
		{name: "checkpoint-v2-table", version: 9, want: v2},
		{name: "checkpoint-v2-table", prepare: keepFrom(8), version: 9, want: v2},
		{name: "delta-0.8.0-null-partition", version: 0, want: []string{
			"k=A/part-00000-b1f1dbbb-70bc-4970-893f-9bb772bf246e.c000.snappy.parquet k=A",
			"k=__HIVE_DEFAULT_PARTITION__/part-00001-8474ac85-360b-4f58-b3ea-23990c71b932.c000.snappy.parquet"}},
		{name: "delta-2.2.0-partitioned-types", version: 0, want: []string{
			"c1=4/c2=c/part-00003-f525f459-34f9-46f5-82d6-d42121d883fd.c000.snappy.parquet c1=4,c2=c",
			"c1=5/c2=b/part-00007-4e73fa3b-2c88-424a-8051-f8b54328ffdb.c000.snappy.parquet c1=5,c2=b",
			"c1=6/c2=a/part-00011-10619b10-b691-4fd0-acc4-2a9608499d7c.c000.snappy.parquet c1=6,c2=a"}},
		{name: "table-with-dv-small", errHas: "has a deletion vector"},
		{name: "simple_table_with_checkpoint", prepare: func(t *testing.T, dir string) {
			keepFrom(10)(t, dir)
			drop("00000000000000000010.checkpoint.parquet")(t, dir)
		}, errHas: "no commit 0 and no checkpoint"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := testfiles.CopyDir(t, filepath.Join("testdata", tt.name))
			if tt.prepare != nil {
				tt.prepare(t, dir)
			}
			ok, err := IsTable(ctx, dir)
			if err != nil || !ok {
				t.Fatalf("IsTable = %v, %v", ok, err)
			}
			tb, err := Open(ctx, dir, Options{})
			if tt.errHas != "" {
				if err == nil || !strings.Contains(err.Error(), tt.errHas) {
					t.Fatalf("Open: %v, want an error containing %q", err, tt.errHas)
				}
				var de *Error
				if !errors.As(err, &de) {
					t.Errorf("the refusal is a %T, not a *delta.Error", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tb.Version != tt.version {
				t.Errorf("version %d, want %d", tb.Version, tt.version)
			}
			if got := relFiles(t, tb); !slices.Equal(got, tt.want) {
				t.Errorf("files\n%q\nwant\n%q", got, tt.want)
			}
			for _, f := range tb.Files {
				if st, err := os.Stat(f.Path); err != nil || st.Size() != f.Size {
					t.Errorf("%s: %v, size in the log %d", f.Path, err, f.Size)
				}
			}
		})
	}
}

// keepFrom deletes the log's commits before version v, as log cleanup
// does once a checkpoint covers them.
func keepFrom(v int64) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) {
		for i := range v {
			if err := os.Remove(filepath.Join(dir, LogDir, fmt.Sprintf("%020d.json", i))); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func drop(name string) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) {
		if err := os.Remove(filepath.Join(dir, LogDir, name)); err != nil {
			t.Fatal(err)
		}
	}
}

func TestIsTable(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if ok, err := IsTable(ctx, dir); ok || err != nil {
		t.Errorf("empty directory: %v, %v", ok, err)
	}
	if err := os.MkdirAll(filepath.Join(dir, LogDir), 0o755); err != nil {
		t.Fatal(err)
	}
	if ok, err := IsTable(ctx, dir); ok || err != nil {
		t.Errorf("empty log: %v, %v", ok, err)
	}
	if ok, err := IsTable(ctx, filepath.Join(dir, "missing")); ok || err != nil {
		t.Errorf("missing directory: %v, %v", ok, err)
	}
}

func TestParseLogName(t *testing.T) {
	tests := map[string]logFile{
		"00000000000000000010.json":                                                    {version: 10, kind: commitFile},
		"00000000000000000010.checkpoint.parquet":                                      {version: 10, kind: checkpointFile},
		"00000000000000000010.checkpoint.0000000002.0000000003.parquet":                {version: 10, kind: checkpointPart, part: 2, parts: 3},
		"00000000000000000006.checkpoint.f5ee283b-37c7-46af-b64c-8f77c6a5c43a.json":    {version: 6, kind: checkpointV2JSON},
		"00000000000000000006.checkpoint.f5ee283b-37c7-46af-b64c-8f77c6a5c43a.parquet": {version: 6, kind: checkpointV2Parquet},
	}
	for name, want := range tests {
		got, ok := parseLogName(name)
		if !ok || got != want {
			t.Errorf("parseLogName(%q) = %+v, %v; want %+v", name, got, ok, want)
		}
	}
	for _, name := range []string{"_last_checkpoint", "00000000000000000010.crc", "10.json", "00000000000000000010.00000000000000000012.compacted.json",
		"00000000000000000010.checkpoint.0000000004.0000000003.parquet", "-0000000000000000001.json"} {
		if _, ok := parseLogName(name); ok {
			t.Errorf("parseLogName(%q) accepted", name)
		}
	}
}
