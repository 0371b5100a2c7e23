package objstoretest

import (
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/bloberror"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/container"
	gcblob "gocloud.dev/blob"

	"github.com/saglig/saglig/lint/source/objstore"
)

// Server is an object store server the lakes-tagged tests run against
// (.ci/lakes starts them on 127.0.0.1): an S3 server, Azurite and a Cloud
// Storage emulator.
type Server struct {
	// Name is "s3", "azblob" or "gs".
	Name string
	// URL is the bucket's URL with the parameters that reach the server,
	// e.g. s3://saglig-test?endpoint=http://127.0.0.1:7070&use_path_style=true.
	URL string
}

// Servers returns the servers .ci/lakes started, from the environment:
// SAGLIG_TEST_S3_URL (credentials in AWS_ACCESS_KEY_ID and
// AWS_SECRET_ACCESS_KEY), SAGLIG_TEST_AZBLOB_URL (credentials in
// AZURE_STORAGE_CONNECTION_STRING) and SAGLIG_TEST_GCS_URL (the emulator
// in STORAGE_EMULATOR_HOST). A test that needs them fails when they are
// not set: run it through .ci/lakes.
func Servers(tb testing.TB) []Server {
	tb.Helper()
	var out []Server
	for _, s := range []struct{ name, env string }{{"s3", "SAGLIG_TEST_S3_URL"}, {"azblob", "SAGLIG_TEST_AZBLOB_URL"}, {"gs", "SAGLIG_TEST_GCS_URL"}} {
		u := os.Getenv(s.env)
		if u == "" {
			tb.Fatalf("%s is not set: the lakes tests run against the servers .ci/lakes starts", s.env)
		}
		out = append(out, Server{Name: s.name, URL: u})
	}
	return out
}

// UploadTo copies the local directory dir into the store at the URL
// bucketURL (with its parameters), under prefix (ending in "/"), creating
// an Azure container if it is missing. It returns the copy's URL, without
// parameters (the store is open).
func UploadTo(tb testing.TB, bucketURL, dir, prefix string) string {
	tb.Helper()
	u, err := Copy(context.Background(), bucketURL, dir, prefix)
	if err != nil {
		tb.Fatal(err)
	}
	return u
}

// Copy is UploadTo for a caller without a testing.TB (a test script's
// command). Each file is streamed, not read into memory first.
func Copy(ctx context.Context, bucketURL, dir, prefix string) (string, error) {
	loc, b, err := openBucket(ctx, bucketURL)
	if err != nil {
		return "", err
	}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		return putFile(ctx, b, p, prefix+filepath.ToSlash(rel))
	})
	if err != nil {
		return "", err
	}
	return loc.With(prefix).String(), nil
}

// CopyFile streams the local file path into the store at bucketURL (with
// its parameters) as the object key, creating an Azure container if it is
// missing, and returns the object's URL without parameters. The
// benchmarks of bench/cmd/benchlake upload their files with it.
func CopyFile(ctx context.Context, bucketURL, path, key string) (string, error) {
	loc, b, err := openBucket(ctx, bucketURL)
	if err != nil {
		return "", err
	}
	if err := putFile(ctx, b, path, key); err != nil {
		return "", err
	}
	return loc.With(key).String(), nil
}

// openBucket opens the store at bucketURL and creates its Azure container
// if it is missing.
func openBucket(ctx context.Context, bucketURL string) (objstore.Location, *gcblob.Bucket, error) {
	loc, err := objstore.Parse(bucketURL)
	if err != nil {
		return loc, nil, err
	}
	s, err := objstore.Open(ctx, loc)
	if err != nil {
		return loc, nil, err
	}
	if err := createContainer(ctx, s.Bucket()); err != nil {
		return loc, nil, err
	}
	return loc, s.Bucket(), nil
}

// putFile streams the file at path into the object key.
func putFile(ctx context.Context, b *gcblob.Bucket, path, key string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	// A write whose context is cancelled before Close leaves no object.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	w, err := b.NewWriter(ctx, key, nil)
	if err != nil {
		return err
	}
	if _, err := io.Copy(w, f); err != nil {
		cancel()
		w.Close()
		return err
	}
	return w.Close()
}

// PutTo writes one object to the store at bucketURL.
func PutTo(tb testing.TB, bucketURL, key string, data []byte) {
	tb.Helper()
	ctx := context.Background()
	loc, err := objstore.Parse(bucketURL)
	if err != nil {
		tb.Fatal(err)
	}
	s, err := objstore.Open(ctx, loc)
	if err != nil {
		tb.Fatal(err)
	}
	if err := createContainer(ctx, s.Bucket()); err != nil {
		tb.Fatal(err)
	}
	if err := s.Bucket().WriteAll(ctx, key, data, nil); err != nil {
		tb.Fatal(err)
	}
}

// createContainer creates an Azure container that does not exist yet (an
// S3 server's bucket is a directory .ci/lakes makes).
func createContainer(ctx context.Context, b interface{ As(any) bool }) error {
	var c *container.Client
	if !b.As(&c) {
		return nil
	}
	if _, err := c.Create(ctx, nil); err != nil && !bloberror.HasCode(err, bloberror.ContainerAlreadyExists) {
		return err
	}
	return nil
}
