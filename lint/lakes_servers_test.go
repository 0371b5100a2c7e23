//go:build lakes

package lint_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/saglig/saglig/internal/testfiles"
	"github.com/saglig/saglig/lint/dataset"
	"github.com/saglig/saglig/lint/scan"
	"github.com/saglig/saglig/lint/source/objstore"
	"github.com/saglig/saglig/lint/source/objstore/objstoretest"
)

// The tests of this file run against the S3 server and Azurite that
// .ci/run starts on 127.0.0.1 (go test -tags lakes ./lint).

// TestServersSameFindings copies the bundled example to each server and
// lints it there: the result is the local run's.
func TestServersSameFindings(t *testing.T) {
	dir := filepath.Join("..", "examples", "jobcenter", "data")
	for _, srv := range objstoretest.Servers(t) {
		t.Run(srv.Name, func(t *testing.T) {
			url := objstoretest.UploadTo(t, srv.URL, dir, "jobcenter/data/")
			for _, schemaOnly := range []bool{false, true} {
				local := lintPaths(t, schemaOnly, dir+"/")
				before := objstore.Counters()
				remote := lintPaths(t, schemaOnly, url)
				n := objstore.Counters().Requests() - before.Requests()
				sameResult(t, local, remote, dir+"/", url)
				t.Logf("%s (schema only %v): %d requests", url, schemaOnly, n)
			}
		})
	}
}

// TestServersTables reads the Delta and Iceberg test tables from each
// server: the same dataset as from the local disk.
func TestServersTables(t *testing.T) {
	for _, srv := range objstoretest.Servers(t) {
		for _, table := range []string{"delta/testdata/delta-2.2.0-partitioned-types", "delta/testdata/checkpoint-v2-table",
			"delta/testdata/simple_table_with_checkpoint", "iceberg/testdata/partition_integer", "iceberg/testdata/legacy_v1"} {
			t.Run(srv.Name+"/"+table, func(t *testing.T) {
				local := testfiles.CopyDir(t, filepath.Join("source", filepath.FromSlash(table)))
				url := objstoretest.UploadTo(t, srv.URL, local, "tables/"+table+"/")
				l, err := dataset.Open(local, dataset.Options{})
				if err != nil {
					t.Fatal(err)
				}
				r, err := dataset.Open(url, dataset.Options{})
				if err != nil {
					t.Fatal(err)
				}
				if l.Rows != r.Rows || len(l.Files) != len(r.Files) || fmt.Sprint(l.Notes) != fmt.Sprint(r.Notes) ||
					columns(l) != columns(r) {
					t.Errorf("remote %d rows, %d files, %s, %q; local %d, %d, %s, %q", r.Rows, len(r.Files), columns(r), r.Notes,
						l.Rows, len(l.Files), columns(l), l.Notes)
				}
			})
		}
	}
}

func columns(d *dataset.Dataset) string {
	var s []string
	for _, c := range d.Columns {
		s = append(s, c.Path+":"+c.Type)
	}
	return strings.Join(s, ",")
}

type pqRow struct {
	ID   int64  `parquet:"id"`
	Name string `parquet:"name"`
}

// TestSchemaOnlyRequests lints 1,000 objects with --schema-only through a
// proxy in front of the S3 server that counts the requests it forwards.
func TestSchemaOnlyRequests(t *testing.T) {
	var s3 objstoretest.Server
	for _, srv := range objstoretest.Servers(t) {
		if srv.Name == "s3" {
			s3 = srv
		}
	}
	const n = 1000
	dir := t.TempDir()
	for i := range n {
		if err := testfiles.WriteParquet(filepath.Join(dir, fmt.Sprintf("part-%04d.parquet", i)), []pqRow{{int64(i), "x"}}); err != nil {
			t.Fatal(err)
		}
	}
	// The bucket is reached through the proxy only: a URL with another
	// endpoint is another client.
	objstore.CloseAll()
	target := objstoretest.UploadTo(t, s3.URL, dir, "many/")
	objstore.CloseAll()
	u, err := url.Parse(s3.URL)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	endpoint, err := url.Parse(q.Get("endpoint"))
	if err != nil {
		t.Fatal(err)
	}
	var gets, lists, other atomic.Int64
	proxy := httputil.NewSingleHostReverseProxy(endpoint)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == http.MethodGet && r.URL.Query().Has("list-type"):
			lists.Add(1)
		case r.Method == http.MethodGet:
			gets.Add(1)
		default:
			other.Add(1)
		}
		proxy.ServeHTTP(w, r)
	}))
	defer srv.Close()
	q.Set("endpoint", srv.URL)
	u.RawQuery = q.Encode()
	u.Path = "/many/"
	res := lintPaths(t, true, u.String())
	objstore.CloseAll()
	if len(res.Datasets) != 1 || res.Datasets[0].Files != n {
		t.Fatalf("datasets %+v", res.Datasets)
	}
	total := gets.Load() + lists.Load() + other.Load()
	t.Logf("%s: %d files, %d requests: %d ranged reads, %d listings, %d other (%.2f per file)",
		target, n, total, gets.Load(), lists.Load(), other.Load(), float64(total)/n)
	// One ranged read per file (a small file is fetched whole, a larger
	// one's tail holds the footer), and the listings of the prefix.
	if gets.Load() > n || lists.Load()+other.Load() > 5 {
		t.Errorf("%d ranged reads for %d files and %d other requests: want at most one per file and 5 others", gets.Load(), n, lists.Load()+other.Load())
	}
}

// TestServersChangedObject replaces an object after its dataset was
// opened: the scan's reads are pinned to the version the footer was read
// at, so the file fails instead of mixing two versions.
func TestServersChangedObject(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "x.parquet")
	rows := make([]pqRow, 5000)
	for i := range rows {
		rows[i] = pqRow{int64(i), fmt.Sprint(i)}
	}
	if err := testfiles.WriteParquet(path, rows); err != nil {
		t.Fatal(err)
	}
	for _, srv := range objstoretest.Servers(t) {
		t.Run(srv.Name, func(t *testing.T) {
			url := objstoretest.UploadTo(t, srv.URL, dir, "changed/")
			ds, err := dataset.Open(url+"x.parquet", dataset.Options{})
			if err != nil {
				t.Fatal(err)
			}
			for i := range rows {
				rows[i].ID += 7
			}
			if err := testfiles.WriteParquet(path, rows); err != nil {
				t.Fatal(err)
			}
			objstoretest.UploadTo(t, srv.URL, dir, "changed/")
			_, err = scan.New().Profile(context.Background(), ds, scan.Request{})
			var fe scan.FileErrors
			if !errors.As(err, &fe) || !strings.Contains(err.Error(), "changed while it was being read") {
				t.Fatalf("scan of a replaced object: %v", err)
			}
		})
	}
}
