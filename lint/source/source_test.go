package source

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestJoinRelClean(t *testing.T) {
	tests := []struct{ dir, rel, joined string }{
		{"s3://b/t", "_delta_log/0.json", "s3://b/t/_delta_log/0.json"},
		{"s3://b/t/", "x/../y.parquet", "s3://b/t/y.parquet"},
		{"S3://b/t?endpoint=http://127.0.0.1:1&region=x", "a.parquet", "s3://b/t/a.parquet"},
		{"gs://b", "a b.parquet", "gs://b/a b.parquet"},
		{filepath.Join("data", "t"), "year=1/a.parquet", filepath.Join("data", "t", "year=1", "a.parquet")},
	}
	for _, tt := range tests {
		if got := Join(tt.dir, tt.rel); got != tt.joined {
			t.Errorf("Join(%q, %q) = %q, want %q", tt.dir, tt.rel, got, tt.joined)
		}
	}
	for _, tt := range []struct {
		dir, p, rel string
		ok          bool
	}{
		{"s3://b/t", "s3://b/t/x/y.parquet", "x/y.parquet", true},
		{"s3://b/t/?region=x", "s3://b/t/y", "y", true},
		{"s3://b/t", "s3://b/tt/y", "", false},
		{"s3://b/t", "gs://b/t/y", "", false},
		{"data", filepath.Join("data", "a", "b"), "a/b", true},
		{"data", filepath.Join("other", "b"), "", false},
	} {
		rel, ok := Rel(tt.dir, tt.p)
		if rel != tt.rel || ok != tt.ok {
			t.Errorf("Rel(%q, %q) = %q, %v; want %q, %v", tt.dir, tt.p, rel, ok, tt.rel, tt.ok)
		}
	}
	if got := Clean("s3://b/x/?region=y"); got != "s3://b/x/" {
		t.Errorf("Clean = %q", got)
	}
}

func TestLocal(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for _, p := range []string{"a.parquet", "sub/b.parquet", "sub/deeper/c.txt"} {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(p), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	es, err := List(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range es {
		rel, _ := Rel(dir, e.Path)
		got = append(got, rel)
		if e.Size != int64(len(rel)) {
			t.Errorf("%s: size %d", rel, e.Size)
		}
	}
	if strings.Join(got, ",") != "a.parquet,sub/b.parquet,sub/deeper/c.txt" {
		t.Errorf("List = %v", got)
	}
	b, err := ReadFile(ctx, filepath.Join(dir, "sub", "b.parquet"), 100)
	if err != nil || string(b) != "sub/b.parquet" {
		t.Errorf("ReadFile = %q, %v", b, err)
	}
	if _, err := ReadFile(ctx, filepath.Join(dir, "sub", "b.parquet"), 5); err == nil {
		t.Error("ReadFile past the limit: no error")
	}
	if _, err := Open(ctx, filepath.Join(dir, "sub")); err == nil {
		t.Error("Open of a directory: no error")
	}
	if _, err := Stat(ctx, filepath.Join(dir, "missing")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Stat of a missing file: %v", err)
	}
	if e, err := Stat(ctx, filepath.Join(dir, "sub")); err != nil || !e.Dir {
		t.Errorf("Stat of a directory: %+v, %v", e, err)
	}
}
