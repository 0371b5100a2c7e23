package scan

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/saglig/saglig/lint/dataset"
	"github.com/saglig/saglig/lint/source/objstore"
	"github.com/saglig/saglig/lint/source/objstore/objstoretest"
)

// TestRemoteScanRequests scans a file of several row groups from an
// object store (in memory) and counts the requests: the file's head and
// tail once, then each unit's column chunks fetched ahead in merged
// requests, not one request per chunk nor per page. The result is the
// local scan's.
func TestRemoteScanRequests(t *testing.T) {
	dir := t.TempDir()
	const rows, rowGroup = 40_000, 10_000
	f := writeCitizensFile(t, filepath.Join(dir, "citizens.parquet"), 3, rows, rowGroup)
	local, err := dataset.Open(f.Path, dataset.Options{})
	if err != nil {
		t.Fatal(err)
	}
	req := citizenRequest()
	want, err := New().Profile(context.Background(), local, req)
	if err != nil {
		t.Fatal(err)
	}
	url := objstoretest.Upload(t, dir, "scan-requests", "citizens/")
	remote, err := dataset.Open(url+"citizens.parquet", dataset.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlan(remote, req, native{})
	if err != nil {
		t.Fatal(err)
	}
	rowGroups, units, chunks := len(p.files[0].pq.Meta.RowGroups), 0, 0
	for range rowGroups {
		for _, g := range p.groups {
			units++
			chunks += len(g)
		}
	}
	if rowGroups != rows/rowGroup || chunks <= units {
		t.Fatalf("%d row groups, %d units, %d chunks: the file does not test merging", rowGroups, units, chunks)
	}

	scan := func(t *testing.T) (gets, bytes int64) {
		before := objstore.Counters()
		got, err := New().Profile(context.Background(), remote, req)
		if err != nil {
			t.Fatal(err)
		}
		after := objstore.Counters()
		a, _ := json.Marshal(want)
		b, _ := json.Marshal(got)
		if string(a) != string(b) {
			t.Errorf("the remote scan's result differs from the local one:\n%s\n%s", a, b)
		}
		return after.Gets - before.Gets, after.Bytes - before.Bytes
	}
	// Merged (the default): at most the head and tail, and one request
	// per unit (a unit's chunks lie within MaxGap of each other here).
	gets, fetched := scan(t)
	t.Logf("merged: %d requests, %d bytes fetched for a %d-byte file (%d units, %d chunks)", gets, fetched, f.Size, units, chunks)
	if limit := int64(2 + units); gets > limit {
		t.Errorf("merged: %d requests, more than %d (head, tail and one per unit)", gets, limit)
	}
	// Each column group's units fetch the file's column chunks once
	// (with the gaps between their chunks); the head and tail once.
	if limit := int64(len(p.groups))*f.Size + objstore.HeadSize + objstore.TailSize; fetched > limit {
		t.Errorf("merged: %d bytes fetched, more than %d", fetched, limit)
	}

	t.Run("per chunk", func(t *testing.T) {
		defer func(gap int64) { objstore.MaxGap = gap }(objstore.MaxGap)
		objstore.MaxGap = -1
		n, _ := scan(t)
		t.Logf("per chunk: %d requests", n)
		if n < int64(chunks) || n <= gets {
			t.Errorf("without merging %d requests, want at least %d (one per chunk) and more than merged (%d)", n, chunks, gets)
		}
	})
	t.Run("not fetched ahead", func(t *testing.T) {
		defer func() { objstore.PrefetchOff = false }()
		objstore.PrefetchOff = true
		n, _ := scan(t)
		t.Logf("blocks: %d requests", n)
		if n <= gets {
			t.Errorf("without fetching ahead %d requests, want more than merged (%d)", n, gets)
		}
	})
}
