// Package objstore reads objects in S3, Google Cloud Storage and Azure Blob
// Storage (and servers that speak their protocols) through gocloud.dev's
// blob drivers: listing, and ranged reads behind an io.ReaderAt that fetch a
// file's footer in one request and the column chunks a scan needs in
// coalesced, concurrent requests (File.Prefetch).
//
// Credentials come from each cloud's standard chain (environment, shared
// configuration files, workload identity), never from a URL or the map; the
// SDKs' own loggers are silenced, so nothing of theirs reaches stderr.
// docs/lakes.md lists the URL forms and their parameters.
package objstore

import (
	"context"
	"errors"
	"io/fs"
	"net"
	"net/url"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	gcblob "gocloud.dev/blob"
	"gocloud.dev/gcerrors"

	"github.com/saglig/saglig/internal/diag"
	"github.com/saglig/saglig/internal/i18n"
)

// RequestTimeout bounds one request to a store (a listing page, a ranged
// read of at most MaxPiece bytes, an attribute lookup); the SDKs' own
// retries of transient failures happen within it.
var RequestTimeout = 2 * time.Minute

// driver opens buckets of one scheme and pins reads to one version of an
// object.
type driver struct {
	// open opens the bucket with the URL's parameters.
	open func(ctx context.Context, bucket string, params url.Values) (*gcblob.Bucket, error)
	// version tells the version of the object a reader reads (an ETag, a
	// generation), or "".
	version func(r *gcblob.Reader) string
	// pin returns a BeforeRead hook that makes a read fail unless the
	// object still has the version, or nil when the driver cannot.
	pin func(version string) func(as func(any) bool) error
	// explain classifies one of the driver's errors, with a short reason
	// (the service's error code; for failNoCredentials, what the SDK's
	// chain said), or returns failUnknown.
	explain func(err error) (failure, string)
	// noCredentials is the error of a credential chain that found none,
	// given explain's reason.
	noCredentials func(reason string) error
	// container is what the service calls a bucket: "bucket", or
	// "container".
	container string
}

// failure is the kind of a request's failure, as a driver tells it.
type failure int

const (
	failUnknown failure = iota
	// failNoBucket: the bucket or container does not exist.
	failNoBucket
	// failNoObject: the object does not exist.
	failNoObject
	// failDenied: the credentials were refused or lack a permission.
	failDenied
	// failNoCredentials: the SDK's chain found no credentials.
	failNoCredentials
	// failChanged: a read pinned to a version found another (ErrChanged).
	failChanged
	// failOther: another error of the service, the reason says which.
	failOther
)

var (
	driversMu sync.Mutex
	drivers   = map[string]*driver{}
)

// register makes a driver available for a scheme; drivers register in
// init functions of build-tagged files (s3.go, gcs.go, azure.go).
func register(scheme string, d *driver) {
	driversMu.Lock()
	defer driversMu.Unlock()
	drivers[scheme] = d
}

// Register makes a store of another kind available under a URL scheme,
// opened by open (objstoretest registers an in-memory one). Its reads
// are not pinned to a version.
func Register(scheme string, open func(ctx context.Context, bucket string, params url.Values) (*gcblob.Bucket, error)) {
	driversMu.Lock()
	schemes[scheme] = ""
	driversMu.Unlock()
	register(scheme, &driver{open: open})
}

// Store is one open bucket.
type Store struct {
	loc   Location // the bucket: Key is empty
	b     *gcblob.Bucket
	drv   *driver
	stats *Stats
}

// Stats counts the requests made to stores.
type Stats struct {
	Lists, Stats, Gets atomic.Int64
	// Bytes is the number of object bytes fetched.
	Bytes atomic.Int64
}

// Snapshot is a copy of the counters.
type Snapshot struct {
	Lists, Stats, Gets, Bytes int64
}

func (s *Stats) snapshot() Snapshot {
	return Snapshot{Lists: s.Lists.Load(), Stats: s.Stats.Load(), Gets: s.Gets.Load(), Bytes: s.Bytes.Load()}
}

// Requests is the number of requests counted.
func (s Snapshot) Requests() int64 { return s.Lists + s.Stats + s.Gets }

// counters count every store's requests since the process began.
var counters Stats

// Counters returns the requests made to every store so far.
func Counters() Snapshot { return counters.snapshot() }

var (
	storesMu sync.Mutex
	stores   = map[string]*Store{}
)

// Open returns the store holding loc's bucket, opening it the first time.
// The stores of a process are kept by scheme and bucket: a later URL of
// the same bucket must carry the same parameters (or none, to mean the
// bucket as first opened).
func Open(ctx context.Context, loc Location) (*Store, error) {
	storesMu.Lock()
	defer storesMu.Unlock()
	name := loc.Scheme + "://" + loc.Bucket
	if s := stores[name]; s != nil {
		if len(loc.Params) > 0 && loc.storeID() != s.loc.storeID() {
			return nil, i18n.Errorf("%s is already open with other parameters (%s): one set of parameters per bucket in a run", name, s.loc.Params.Encode())
		}
		return s, nil
	}
	driversMu.Lock()
	drv := drivers[loc.Scheme]
	tag, known := schemes[loc.Scheme]
	driversMu.Unlock()
	if drv == nil {
		if known {
			return nil, i18n.Errorf("this saglig was built without %s:// support (-tags %s)", loc.Scheme, tag)
		}
		return nil, i18n.Errorf("unknown URL scheme %q", loc.Scheme)
	}
	b, err := drv.open(ctx, loc.Bucket, loc.Params)
	if err != nil {
		var own *i18n.Error
		if errors.As(err, &own) {
			return nil, err
		}
		return nil, i18n.Errorf("cannot open %s: %s", name, diag.OneLine(err.Error()))
	}
	s := &Store{loc: Location{Scheme: loc.Scheme, Bucket: loc.Bucket, Params: loc.Params}, b: b, drv: drv, stats: &counters}
	stores[name] = s
	return s, nil
}

// Configured returns the URL raw with the parameters its bucket was
// opened with in this run (endpoint, region …; never credentials), for
// writing where a later run reads it. A URL that does not parse, or whose
// bucket is not open, is returned as it is.
func Configured(raw string) string {
	loc, err := Parse(raw)
	if err != nil || len(loc.Params) > 0 {
		return raw
	}
	storesMu.Lock()
	s := stores[loc.Scheme+"://"+loc.Bucket]
	storesMu.Unlock()
	if s == nil {
		return raw
	}
	loc.Params = s.loc.Params
	return loc.URL()
}

// CloseAll closes every open store (for tests and the end of a run).
func CloseAll() {
	storesMu.Lock()
	defer storesMu.Unlock()
	for k, s := range stores {
		s.b.Close()
		delete(stores, k)
	}
}

// Bucket is the store's gocloud bucket, for tests that put objects in it.
func (s *Store) Bucket() *gcblob.Bucket { return s.b }

// Location is the store's bucket.
func (s *Store) Location() Location { return s.loc }

// Object is an object found by List or Stat.
type Object struct {
	Key     string
	Size    int64
	ModTime time.Time
}

// Stat tells what the key names: an object (isDir false), or a
// "directory" — the bucket itself, a key ending in "/", or a prefix with
// objects below it. A key that is neither is an error satisfying
// errors.Is(err, fs.ErrNotExist) through ErrNotExist.
func (s *Store) Stat(ctx context.Context, key string) (obj Object, isDir bool, err error) {
	if key == "" || strings.HasSuffix(key, "/") {
		ok, err := s.hasPrefix(ctx, key)
		if err != nil {
			return Object{}, false, err
		}
		if !ok && key != "" {
			return Object{}, false, ErrNotExist
		}
		return Object{Key: key}, true, nil
	}
	ctx2, cancel := context.WithTimeout(ctx, RequestTimeout)
	defer cancel()
	s.stats.Stats.Add(1)
	a, err := s.b.Attributes(ctx2, key)
	if err == nil {
		return Object{Key: key, Size: a.Size, ModTime: a.ModTime}, false, nil
	}
	if gcerrors.Code(err) != gcerrors.NotFound {
		return Object{}, false, s.describe(err, key)
	}
	ok, err := s.hasPrefix(ctx, key+"/")
	if err != nil {
		return Object{}, false, err
	}
	if !ok {
		return Object{}, false, ErrNotExist
	}
	return Object{Key: key + "/"}, true, nil
}

// hasPrefix reports whether any object's key starts with prefix.
func (s *Store) hasPrefix(ctx context.Context, prefix string) (bool, error) {
	ctx2, cancel := context.WithTimeout(ctx, RequestTimeout)
	defer cancel()
	s.stats.Lists.Add(1)
	objs, _, err := s.b.ListPage(ctx2, gcblob.FirstPageToken, 1, &gcblob.ListOptions{Prefix: prefix})
	if err != nil {
		return false, s.describe(err, prefix)
	}
	return len(objs) > 0, nil
}

// listPage is the number of keys asked for per listing request (S3 and
// Azure return at most 1,000 or 5,000).
const listPage = 1000

// MaxListed bounds the objects one listing may return, so that a prefix
// holding millions of objects fails clearly instead of filling memory.
var MaxListed = 1_000_000

// List returns every object whose key starts with prefix, at any depth,
// sorted by key. Keys ending in "/" (the empty "directory" objects some
// tools write) are left out.
func (s *Store) List(ctx context.Context, prefix string) ([]Object, error) {
	var (
		out   []Object
		token = gcblob.FirstPageToken
	)
	for {
		ctx2, cancel := context.WithTimeout(ctx, RequestTimeout)
		s.stats.Lists.Add(1)
		objs, next, err := s.b.ListPage(ctx2, token, listPage, &gcblob.ListOptions{Prefix: prefix})
		cancel()
		if err != nil {
			return nil, s.describe(err, prefix)
		}
		for _, o := range objs {
			if o.IsDir || strings.HasSuffix(o.Key, "/") {
				continue
			}
			out = append(out, Object{Key: o.Key, Size: o.Size, ModTime: o.ModTime})
		}
		if len(out) > MaxListed {
			return nil, i18n.Errorf("%s: more than %d objects under the prefix", s.loc.With(prefix).String(), MaxListed)
		}
		if len(next) == 0 {
			break
		}
		token = next
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out, nil
}

// ErrNotExist is the error of a key that names nothing.
var ErrNotExist = &notExist{}

type notExist struct{}

func (e *notExist) Error() string { return e.In(i18n.For(i18n.English)) }

// In writes the error in p's language.
func (*notExist) In(p *i18n.Printer) string { return p.Sprintf("no such object") }

// Is makes errors.Is(ErrNotExist, fs.ErrNotExist) hold.
func (*notExist) Is(target error) bool { return target == fs.ErrNotExist }

// ErrChanged is the error of an object that changed while it was read.
var ErrChanged = i18n.Errorf("the object changed while it was being read (its version differs from the first read); read it again")

// describe turns a driver's error into a short message on one line that
// names the service's error code, never the request's URL, query or
// credentials.
func (s *Store) describe(err error, key string) error {
	if errors.Is(err, context.Canceled) {
		return context.Canceled
	}
	kind, reason := failUnknown, ""
	if s.drv.explain != nil {
		kind, reason = s.drv.explain(err)
	}
	if kind == failUnknown {
		switch gcerrors.Code(err) {
		case gcerrors.NotFound:
			kind = failNoObject
			if strings.Contains(strings.ToLower(err.Error()), "bucket") {
				kind = failNoBucket
			}
		case gcerrors.PermissionDenied:
			kind = failDenied
		case gcerrors.FailedPrecondition:
			return ErrChanged
		case gcerrors.DeadlineExceeded:
			return timedOut()
		}
	}
	var op *net.OpError
	switch {
	case kind == failNoBucket && s.drv.container == "container":
		return i18n.Errorf("no such container %s", s.loc.Scheme+"://"+s.loc.Bucket)
	case kind == failNoBucket:
		return i18n.Errorf("no such bucket %s", s.loc.Scheme+"://"+s.loc.Bucket)
	case kind == failNoObject:
		return ErrNotExist
	case kind == failChanged:
		return ErrChanged
	case kind == failDenied && reason != "":
		return i18n.Because(fs.ErrPermission, "permission denied (%s): check the credentials the %s:// driver finds (docs/lakes.md)", reason, s.loc.Scheme)
	case kind == failDenied:
		return i18n.Because(fs.ErrPermission, "permission denied: check the credentials the %s:// driver finds (docs/lakes.md)", s.loc.Scheme)
	case kind == failNoCredentials:
		return s.drv.noCredentials(diag.OneLine(reason))
	case kind == failOther:
		return i18n.Errorf("the %s service answered: %s", s.loc.Scheme, diag.OneLine(reason))
	case errors.As(err, &op):
		// The address and the system's reason: "dial tcp 127.0.0.1:1:
		// connect: connection refused", without the request's URL.
		return i18n.Errorf("cannot reach the %s service: %s", s.loc.Scheme, diag.OneLine(op.Error()))
	}
	return i18n.Errorf("a request to the %s service failed: %s", s.loc.Scheme, diag.OneLine(trimDriverPrefix(err.Error())))
}

// timedOut is the error of a request that took longer than RequestTimeout.
func timedOut() error { return i18n.Errorf("request timed out after %s", RequestTimeout.String()) }

// trimDriverPrefix drops gocloud's "blob (code=…): " prefix.
func trimDriverPrefix(s string) string {
	if strings.HasPrefix(s, "blob (") {
		if _, rest, ok := strings.Cut(s, "): "); ok {
			return rest
		}
	}
	return s
}
