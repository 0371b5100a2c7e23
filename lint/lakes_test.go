package lint_test

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/lint"
	"github.com/saglig/saglig/lint/source/objstore"
	"github.com/saglig/saglig/lint/source/objstore/objstoretest"
)

// lintPaths lints paths against the jobcenter example's map.
func lintPaths(t *testing.T, schemaOnly bool, paths ...string) *lint.Result {
	t.Helper()
	m, err := featuremap.Load(filepath.Join("..", "examples", "jobcenter", "saglig.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := lint.Run(context.Background(), lint.Options{Map: m, Paths: paths, SchemaOnly: schemaOnly, Today: today})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 {
		t.Fatalf("errors: %v", res.Errors)
	}
	return res
}

// sameResult checks that a run on a copy of the data elsewhere gives the
// result of the run on the local files: the same JSON once the copy's
// location is written as the local one.
func sameResult(t *testing.T, local, remote *lint.Result, localDir, remoteDir string) {
	t.Helper()
	a, err := json.MarshalIndent(local, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.MarshalIndent(remote, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	b = bytes.ReplaceAll(b, []byte(remoteDir), []byte(localDir))
	if !bytes.Equal(a, b) {
		la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
		for i := range min(len(la), len(lb)) {
			if la[i] != lb[i] {
				t.Fatalf("the result differs from the local one at line %d:\nlocal:  %s\nremote: %s", i+1, la[i], lb[i])
			}
		}
		t.Fatalf("the result differs from the local one (%d and %d lines)", len(la), len(lb))
	}
	if len(local.Findings) == 0 {
		t.Fatal("no findings: the comparison proves nothing")
	}
}

// TestObjectStoreSameFindings lints the example from an object store (in
// memory; .ci/run does the same against an S3 server and Azurite with
// -tags lakes) and compares the result with the local run's.
func TestObjectStoreSameFindings(t *testing.T) {
	dir := filepath.Join("..", "examples", "jobcenter", "data")
	url := objstoretest.Upload(t, dir, "example", "jobcenter/data/")
	for _, schemaOnly := range []bool{false, true} {
		local := lintPaths(t, schemaOnly, dir+"/")
		before := objstore.Counters()
		remote := lintPaths(t, schemaOnly, url)
		after := objstore.Counters()
		sameResult(t, local, remote, dir+"/", url)
		if after.Requests() == before.Requests() {
			t.Error("no request was counted")
		}
	}
}
