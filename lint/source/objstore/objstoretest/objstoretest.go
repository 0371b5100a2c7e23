// Package objstoretest gives tests an object store in memory: the scheme
// mem:// (gocloud.dev's memblob), registered when the package is imported,
// so that the code paths of s3://, gs:// and azblob:// run offline.
package objstoretest

import (
	"context"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"

	gcblob "gocloud.dev/blob"
	"gocloud.dev/blob/memblob"

	"github.com/saglig/saglig/lint/source/objstore"
)

// Scheme is the URL scheme of the in-memory store.
const Scheme = "mem"

var (
	mu      sync.Mutex
	buckets = map[string]*gcblob.Bucket{}
)

func init() {
	objstore.Register(Scheme, func(_ context.Context, name string, _ url.Values) (*gcblob.Bucket, error) {
		return Bucket(name), nil
	})
}

// Bucket returns the in-memory bucket of that name, made on first use.
func Bucket(name string) *gcblob.Bucket {
	mu.Lock()
	defer mu.Unlock()
	if b := buckets[name]; b != nil {
		return b
	}
	b := memblob.OpenBucket(nil)
	buckets[name] = b
	return b
}

// Put writes an object.
func Put(tb testing.TB, bucket, key string, data []byte) {
	tb.Helper()
	if err := Bucket(bucket).WriteAll(context.Background(), key, data, nil); err != nil {
		tb.Fatal(err)
	}
}

// Upload copies the local directory dir into the bucket under prefix
// (which ends in "/" or is empty) and returns the URL of the copy.
func Upload(tb testing.TB, dir, bucket, prefix string) string {
	tb.Helper()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		Put(tb, bucket, prefix+filepath.ToSlash(rel), b)
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return Scheme + "://" + bucket + "/" + prefix
}
