package main

import "testing"

// TestInitURL: for a URL, init writes its map in the working directory
// and names the purpose after the key's last directory.
func TestInitURL(t *testing.T) {
	for _, tt := range []struct{ arg, dir, name string }{
		{"s3://bucket/features/train/", ".", "train"},
		{"s3://bucket/features/train/part-0.parquet?region=eu-north-1", ".", "train"},
		{"gs://bucket/features/year=*/", ".", "features"},
		{"azblob://container/x.parquet", ".", "container"},
		{"s3://bucket", ".", "bucket"},
	} {
		if got := besideDir(tt.arg); got != tt.dir {
			t.Errorf("besideDir(%s) = %q, want %q", tt.arg, got, tt.dir)
		}
		if got := remoteName(tt.arg); got != tt.name {
			t.Errorf("remoteName(%s) = %q, want %q", tt.arg, got, tt.name)
		}
	}
}
