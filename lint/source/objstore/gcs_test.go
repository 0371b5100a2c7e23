//go:build !saglig_no_gcs

package objstore

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	gcblob "gocloud.dev/blob"
	"gocloud.dev/gcerrors"
	"golang.org/x/oauth2"
	"google.golang.org/api/googleapi"
)

// fakeGCS is a Cloud Storage JSON API server for one bucket, as the
// service documents it (https://cloud.google.com/storage/docs/json_api):
// objects.get (metadata, or the bytes with alt=media and a Range header),
// objects.list (prefix, delimiter, maxResults, pageToken), multipart
// uploads, objects.delete, ifGenerationMatch, bearer tokens, JSON errors.
type fakeGCS struct {
	bucket string
	// token is the bearer token every request must carry, or "" for a
	// public bucket.
	token string

	mu      sync.Mutex
	objects map[string]*fakeObject
	gen     int64
	// failNext answers the next requests with 503.
	failNext int
	// cutNext breaks the next downloads' connections halfway.
	cutNext  int
	requests []string
}

type fakeObject struct {
	data        []byte
	gen         int64
	contentType string
	metadata    map[string]string
	updated     time.Time
}

func newFakeGCS(t *testing.T, bucket, token string) (*fakeGCS, *httptest.Server) {
	f := &fakeGCS{bucket: bucket, token: token, objects: map[string]*fakeObject{}}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return f, srv
}

func (f *fakeGCS) put(key string, data []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.gen++
	f.objects[key] = &fakeObject{data: data, gen: f.gen, contentType: "application/octet-stream", updated: time.Date(2026, 12, 4, 15, 0, 0, 0, time.UTC)}
}

func gcsFail(w http.ResponseWriter, code int, reason, msg string) {
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{"code": code, "message": msg,
		"errors": []map[string]any{{"message": msg, "domain": "global", "reason": reason}}}})
}

func (f *fakeGCS) resource(key string, o *fakeObject) map[string]any {
	return map[string]any{"kind": "storage#object", "name": key, "bucket": f.bucket, "size": strconv.Itoa(len(o.data)),
		"generation": strconv.FormatInt(o.gen, 10), "updated": o.updated.Format(time.RFC3339Nano), "timeCreated": o.updated.Format(time.RFC3339Nano),
		"contentType": o.contentType, "md5Hash": "XUFAKrxLKna5cZ2REBfFkg==", "etag": "CAE=", "metadata": o.metadata}
}

func (f *fakeGCS) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests = append(f.requests, r.Method+" "+r.URL.RequestURI())
	if f.failNext > 0 {
		f.failNext--
		gcsFail(w, http.StatusServiceUnavailable, "backendError", "Backend Error")
		return
	}
	if f.token != "" && r.Header.Get("Authorization") != "Bearer "+f.token {
		gcsFail(w, http.StatusUnauthorized, "required", "Anonymous caller does not have storage.objects.get access")
		return
	}
	path := r.URL.EscapedPath()
	var bucket, key string
	var hasKey bool
	switch {
	case strings.HasPrefix(path, "/upload/storage/v1/b/"):
		bucket = strings.TrimSuffix(strings.TrimPrefix(path, "/upload/storage/v1/b/"), "/o")
	case strings.HasPrefix(path, "/storage/v1/b/"):
		var rest string
		bucket, rest, _ = strings.Cut(strings.TrimPrefix(path, "/storage/v1/b/"), "/")
		if k, ok := strings.CutPrefix(rest, "o/"); ok {
			key, _ = url.PathUnescape(k)
			hasKey = true
		}
	default:
		gcsFail(w, http.StatusNotFound, "notFound", "Not Found")
		return
	}
	if bucket != f.bucket {
		gcsFail(w, http.StatusNotFound, "notFound", "The specified bucket does not exist.")
		return
	}
	q := r.URL.Query()
	switch {
	case r.Method == http.MethodPost && strings.HasPrefix(path, "/upload/"):
		f.upload(w, r)
	case r.Method == http.MethodGet && !hasKey:
		f.list(w, q)
	case !hasKey:
		gcsFail(w, http.StatusMethodNotAllowed, "methodNotAllowed", "Method Not Allowed")
	default:
		o := f.objects[key]
		if o == nil {
			gcsFail(w, http.StatusNotFound, "notFound", "No such object: "+bucket+"/"+key)
			return
		}
		if g := q.Get("ifGenerationMatch"); g != "" && g != strconv.FormatInt(o.gen, 10) {
			gcsFail(w, http.StatusPreconditionFailed, "conditionNotMet", "At least one of the pre-conditions you specified did not hold.")
			return
		}
		switch {
		case r.Method == http.MethodDelete:
			delete(f.objects, key)
			w.WriteHeader(http.StatusNoContent)
		case q.Get("alt") == "media":
			f.media(w, r, o)
		default:
			json.NewEncoder(w).Encode(f.resource(key, o))
		}
	}
}

func (f *fakeGCS) media(w http.ResponseWriter, r *http.Request, o *fakeObject) {
	w.Header().Set("X-Goog-Generation", strconv.FormatInt(o.gen, 10))
	w.Header().Set("Last-Modified", o.updated.Format(http.TimeFormat))
	w.Header().Set("Content-Type", o.contentType)
	size := int64(len(o.data))
	rng := r.Header.Get("Range")
	if rng == "" {
		w.Write(o.data)
		return
	}
	from, to, _ := strings.Cut(strings.TrimPrefix(rng, "bytes="), "-")
	start, _ := strconv.ParseInt(from, 10, 64)
	end := size - 1
	if to != "" {
		end, _ = strconv.ParseInt(to, 10, 64)
		end = min(end, size-1)
	}
	if start >= size {
		w.Header().Set("Content-Range", fmt.Sprintf("bytes */%d", size))
		gcsFail(w, http.StatusRequestedRangeNotSatisfiable, "requestedRangeNotSatisfiable", "The requested range cannot be satisfied.")
		return
	}
	w.Header().Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", start, end, size))
	w.Header().Set("Content-Length", strconv.FormatInt(end+1-start, 10))
	w.WriteHeader(http.StatusPartialContent)
	part := o.data[start : end+1]
	if f.cutNext > 0 {
		// Half the bytes, then the handler returns: the server closes the
		// connection short of the Content-Length.
		f.cutNext--
		part = part[:len(part)/2]
	}
	w.Write(part)
}

func (f *fakeGCS) list(w http.ResponseWriter, q url.Values) {
	prefix, delim := q.Get("prefix"), q.Get("delimiter")
	max, _ := strconv.Atoi(q.Get("maxResults"))
	var keys []string
	for k := range f.objects {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	// The entries in order, a "directory" where its first object is; a
	// page token is the index of the page's first entry.
	type entry struct {
		key   string
		isDir bool
	}
	var entries []entry
	seen := map[string]bool{}
	for _, k := range keys {
		if !strings.HasPrefix(k, prefix) {
			continue
		}
		if i := strings.Index(k[len(prefix):], delim); delim != "" && i >= 0 {
			p := k[:len(prefix)+i+len(delim)]
			if !seen[p] {
				seen[p] = true
				entries = append(entries, entry{p, true})
			}
			continue
		}
		entries = append(entries, entry{k, false})
	}
	from, _ := strconv.Atoi(q.Get("pageToken"))
	to, next := len(entries), ""
	if max > 0 && from+max < to {
		to, next = from+max, strconv.Itoa(from+max)
	}
	items, prefixes := []map[string]any{}, []string{}
	for _, e := range entries[from:to] {
		if e.isDir {
			prefixes = append(prefixes, e.key)
		} else {
			items = append(items, f.resource(e.key, f.objects[e.key]))
		}
	}
	json.NewEncoder(w).Encode(map[string]any{"kind": "storage#objects", "items": items, "prefixes": prefixes, "nextPageToken": next})
}

func (f *fakeGCS) upload(w http.ResponseWriter, r *http.Request) {
	typ, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || typ != "multipart/related" || r.URL.Query().Get("uploadType") != "multipart" {
		gcsFail(w, http.StatusBadRequest, "invalid", "not a multipart upload")
		return
	}
	mr := multipart.NewReader(r.Body, params["boundary"])
	var meta struct {
		Name        string            `json:"name"`
		ContentType string            `json:"contentType"`
		Metadata    map[string]string `json:"metadata"`
	}
	p, err := mr.NextPart()
	if err == nil {
		err = json.NewDecoder(p).Decode(&meta)
	}
	var data []byte
	if err == nil {
		if p, err = mr.NextPart(); err == nil {
			data, err = io.ReadAll(p)
		}
	}
	if err != nil {
		gcsFail(w, http.StatusBadRequest, "invalid", err.Error())
		return
	}
	if r.URL.Query().Get("ifGenerationMatch") == "0" && f.objects[meta.Name] != nil {
		gcsFail(w, http.StatusPreconditionFailed, "conditionNotMet", "At least one of the pre-conditions you specified did not hold.")
		return
	}
	f.gen++
	o := &fakeObject{data: data, gen: f.gen, contentType: meta.ContentType, metadata: meta.Metadata, updated: time.Now().UTC()}
	f.objects[meta.Name] = o
	json.NewEncoder(w).Encode(f.resource(meta.Name, o))
}

// gcsStore is a Store over the fake server with the gs driver, as Open
// makes it, with the bearer token tok ("" for none).
func gcsStore(t *testing.T, srv *httptest.Server, bucket, tok string) *Store {
	t.Helper()
	client := &http.Client{Transport: http.DefaultTransport}
	if tok != "" {
		client.Transport = &oauth2.Transport{Base: http.DefaultTransport, Source: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: tok})}
	}
	driversMu.Lock()
	drv := drivers["gs"]
	driversMu.Unlock()
	b := gcblob.NewBucket(newGCSBucket(client, srv.URL, bucket))
	t.Cleanup(func() { b.Close() })
	return &Store{loc: Location{Scheme: "gs", Bucket: bucket}, b: b, drv: drv, stats: &Stats{}}
}

// TestGCSDriver runs listing, attributes, ranged reads, writes and the
// errors of saglig's Cloud Storage driver against a JSON API server.
func TestGCSDriver(t *testing.T) {
	ctx := context.Background()
	fake, srv := newFakeGCS(t, "lake", "tok-1")
	s := gcsStore(t, srv, "lake", "tok-1")
	body := data(3000)
	fake.put("data/a.parquet", body)
	fake.put("data/b.parquet", []byte("bb"))
	fake.put("data/sub/c.parquet", []byte("ccc"))
	fake.put("data/", nil) // a "directory" object some tools write
	fake.put("other.csv", []byte("x"))

	t.Run("list", func(t *testing.T) {
		objs, err := s.List(ctx, "data/")
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, o := range objs {
			got = append(got, fmt.Sprintf("%s:%d", o.Key, o.Size))
		}
		if want := "data/a.parquet:3000 data/b.parquet:2 data/sub/c.parquet:3"; strings.Join(got, " ") != want {
			t.Errorf("List = %v, want %s", got, want)
		}
		// Pages of one, with a delimiter: the "directory" after the objects
		// on the service's page, sorted here.
		var keys []string
		token := gcblob.FirstPageToken
		for {
			page, next, err := s.b.ListPage(ctx, token, 1, &gcblob.ListOptions{Prefix: "data/", Delimiter: "/"})
			if err != nil {
				t.Fatal(err)
			}
			for _, o := range page {
				keys = append(keys, fmt.Sprintf("%s:%v", o.Key, o.IsDir))
			}
			if len(next) == 0 {
				break
			}
			token = next
		}
		if want := "data/:false data/a.parquet:false data/b.parquet:false data/sub/:true"; strings.Join(keys, " ") != want {
			t.Errorf("paged listing = %v, want %s", keys, want)
		}
	})

	t.Run("stat", func(t *testing.T) {
		obj, isDir, err := s.Stat(ctx, "data/a.parquet")
		if err != nil || isDir || obj.Size != 3000 || !obj.ModTime.Equal(time.Date(2026, 12, 4, 15, 0, 0, 0, time.UTC)) {
			t.Errorf("Stat(object) = %+v, %v, %v", obj, isDir, err)
		}
		if _, isDir, err := s.Stat(ctx, "data/sub"); err != nil || !isDir {
			t.Errorf("Stat(prefix) = %v, %v", isDir, err)
		}
		if _, _, err := s.Stat(ctx, "data/none"); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Stat(missing) = %v, want not exist", err)
		}
		a, err := s.b.Attributes(ctx, "data/a.parquet")
		if err != nil || a.ETag != `"CAE="` || len(a.MD5) != 16 || a.ContentType != "application/octet-stream" {
			t.Errorf("Attributes = %+v, %v", a, err)
		}
	})

	t.Run("ranged reads", func(t *testing.T) {
		f := s.OpenFile(ctx, "data/a.parquet", 3000, "")
		p := make([]byte, 100)
		if n, err := f.ReadAt(p, 2900); n != 100 || err != nil || !bytes.Equal(p, body[2900:]) {
			t.Fatalf("ReadAt(2900) = %d, %v", n, err)
		}
		if v := f.Version(); v != "1" {
			t.Errorf("Version = %q, want the generation 1", v)
		}
		// gocloud's readers: a range, the rest from an offset, nothing.
		for _, r := range []struct{ off, n int64 }{{10, 20}, {2990, -1}, {0, -1}, {5, 0}} {
			got, err := readRange(ctx, s.b, "data/a.parquet", r.off, r.n)
			want := body[r.off:]
			if r.n >= 0 {
				want = want[:r.n]
			}
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("range %d+%d: %d bytes, %v", r.off, r.n, len(got), err)
			}
		}
		rr, err := s.b.NewRangeReader(ctx, "data/a.parquet", 3000, 10, nil)
		if err != nil {
			t.Fatalf("read past the end: %v", err)
		}
		if n, _ := io.Copy(io.Discard, rr); n != 0 || rr.Size() != 3000 {
			t.Errorf("read past the end: %d bytes, size %d", n, rr.Size())
		}
		rr.Close()
		// A replaced object: reads pinned to the first generation fail.
		fake.put("data/a.parquet", body)
		if _, err := f.ReadAt(p, 0); !errors.Is(err, ErrChanged) {
			t.Errorf("read of a replaced object = %v, want ErrChanged", err)
		}
		if _, err := s.OpenFile(ctx, "data/none", 10, "").ReadAt(p[:5], 0); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("read of a missing object = %v, want not exist", err)
		}
	})

	t.Run("broken downloads", func(t *testing.T) {
		fake.put("big.bin", body)
		setCut := func(n int) {
			fake.mu.Lock()
			fake.cutNext = n
			fake.mu.Unlock()
		}
		// Resumed where the connection broke, pinned to the generation.
		setCut(2)
		got, err := readRange(ctx, s.b, "big.bin", 100, 2000)
		if err != nil || !bytes.Equal(got, body[100:2100]) {
			t.Errorf("download broken twice: %d bytes, %v", len(got), err)
		}
		setCut(1)
		if got, err := readRange(ctx, s.b, "big.bin", 2000, -1); err != nil || !bytes.Equal(got, body[2000:]) {
			t.Errorf("download to the end broken once: %d bytes, %v", len(got), err)
		}
		// More breaks than resumes: the read fails.
		setCut(gcsResumes + 1)
		if _, err := readRange(ctx, s.b, "big.bin", 0, 3000); err == nil {
			t.Error("a download broken more often than it is resumed succeeded")
		}
		// The object replaced between the break and the resume: the
		// resumed request's generation condition fails.
		setCut(1)
		r, err := s.b.NewRangeReader(ctx, "big.bin", 0, 3000, nil)
		if err != nil {
			t.Fatal(err)
		}
		fake.put("big.bin", body)
		_, err = io.ReadAll(r)
		r.Close()
		if gcerrors.Code(err) != gcerrors.FailedPrecondition {
			t.Errorf("resume of a replaced object = %v, want FailedPrecondition", err)
		}
		setCut(0)
	})

	t.Run("write and delete", func(t *testing.T) {
		if err := s.b.WriteAll(ctx, "new/x.json", []byte(`{"a":1}`), &gcblob.WriterOptions{ContentType: "application/json", Metadata: map[string]string{"k": "v"}}); err != nil {
			t.Fatal(err)
		}
		got, err := s.b.ReadAll(ctx, "new/x.json")
		if err != nil || string(got) != `{"a":1}` {
			t.Fatalf("read back %q, %v", got, err)
		}
		if a, err := s.b.Attributes(ctx, "new/x.json"); err != nil || a.ContentType != "application/json" || a.Metadata["k"] != "v" {
			t.Errorf("attributes of the written object = %+v, %v", a, err)
		}
		err = s.b.WriteAll(ctx, "new/x.json", []byte("again"), &gcblob.WriterOptions{IfNotExist: true})
		if gcerrors.Code(err) != gcerrors.FailedPrecondition {
			t.Errorf("IfNotExist over an object = %v, want FailedPrecondition", err)
		}
		if err := s.b.Delete(ctx, "new/x.json"); err != nil {
			t.Fatal(err)
		}
		if err := s.b.Delete(ctx, "new/x.json"); gcerrors.Code(err) != gcerrors.NotFound {
			t.Errorf("second delete = %v, want NotFound", err)
		}
		if err := s.b.Copy(ctx, "y", "other.csv", nil); gcerrors.Code(err) != gcerrors.Unimplemented {
			t.Errorf("Copy = %v, want Unimplemented", err)
		}
	})

	t.Run("errors", func(t *testing.T) {
		for _, tt := range []struct {
			name string
			s    *Store
			want string
			is   error
		}{
			{"no bucket", gcsStore(t, srv, "nolake", "tok-1"), "no such bucket gs://nolake", nil},
			{"no token", gcsStore(t, srv, "lake", ""), "permission denied (required): check the credentials the gs:// driver finds (docs/lakes.md)", fs.ErrPermission},
			{"wrong token", gcsStore(t, srv, "lake", "tok-2"), "permission denied (required): check the credentials the gs:// driver finds (docs/lakes.md)", fs.ErrPermission},
		} {
			_, err := tt.s.List(ctx, "data/")
			if err == nil || err.Error() != tt.want || (tt.is != nil && !errors.Is(err, tt.is)) {
				t.Errorf("%s: List = %v, want %s", tt.name, err, tt.want)
			}
			if _, _, err := tt.s.Stat(ctx, "data/a.parquet"); err == nil || err.Error() != tt.want {
				t.Errorf("%s: Stat = %v, want %s", tt.name, err, tt.want)
			}
		}
		if _, err := s.OpenFile(ctx, "data/b.parquet", 2, "").ReadAt(make([]byte, 2), 0); err != nil {
			t.Fatal(err)
		}
		if _, err := gcsStore(t, srv, "nolake", "tok-1").OpenFile(ctx, "data/b.parquet", 2, "").ReadAt(make([]byte, 2), 0); err == nil || err.Error() != "no such bucket gs://nolake" {
			t.Errorf("read from a missing bucket = %v", err)
		}
	})

	t.Run("retries", func(t *testing.T) {
		defer func(d time.Duration) { gcsBackoff = d }(gcsBackoff)
		gcsBackoff = time.Millisecond
		fake.mu.Lock()
		fake.failNext, fake.requests = 2, nil
		fake.mu.Unlock()
		if _, _, err := s.Stat(ctx, "data/b.parquet"); err != nil {
			t.Errorf("Stat after two 503s = %v", err)
		}
		fake.mu.Lock()
		fake.failNext = gcsAttempts
		fake.mu.Unlock()
		_, _, err := s.Stat(ctx, "data/b.parquet")
		if want := "the gs service answered: HTTP 503: Backend Error"; err == nil || err.Error() != want {
			t.Errorf("Stat after %d 503s = %v, want %s", gcsAttempts, err, want)
		}
		fake.mu.Lock()
		n := len(fake.requests)
		fake.mu.Unlock()
		if n != 3+gcsAttempts {
			t.Errorf("%d requests, want %d", n, 3+gcsAttempts)
		}
	})
}

func readRange(ctx context.Context, b *gcblob.Bucket, key string, off, n int64) ([]byte, error) {
	r, err := b.NewRangeReader(ctx, key, off, n, nil)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

// TestGCSOpen opens gs:// URLs as saglig does: an emulator through
// STORAGE_EMULATOR_HOST, without credentials; the parameters checked.
func TestGCSOpen(t *testing.T) {
	fake, srv := newFakeGCS(t, "emu", "")
	fake.put("k.csv", []byte("a\n1\n"))
	t.Setenv("STORAGE_EMULATOR_HOST", strings.TrimPrefix(srv.URL, "http://"))
	defer CloseAll()
	for _, raw := range []string{"gs://emu/k.csv", "gs://emu/k.csv?anonymous=true"} {
		CloseAll()
		loc, err := Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		s, err := Open(context.Background(), loc)
		if err != nil {
			t.Fatalf("%s: %v", raw, err)
		}
		if obj, _, err := s.Stat(context.Background(), loc.Key); err != nil || obj.Size != 4 {
			t.Errorf("%s: Stat = %+v, %v", raw, obj, err)
		}
	}
	for raw, want := range map[string]string{
		"gs://emu/k.csv?anonymous=maybe": "invalid value for anonymous: maybe",
		"gs://emu/k.csv?access_id=x":     `unknown query parameter "access_id" (gs:// takes anonymous=true)`,
	} {
		CloseAll()
		loc, _ := Parse(raw)
		if _, err := Open(context.Background(), loc); err == nil || err.Error() != want {
			t.Errorf("%s: %v, want %s", raw, err, want)
		}
	}
	if got := emulatorEndpoint("https://gcs.example:4443"); got != "https://gcs.example:4443" {
		t.Errorf("emulatorEndpoint = %s", got)
	}
}

// TestDescribeGCS turns the Cloud Storage driver's errors into saglig's
// one-line messages (TestDescribe does the other drivers').
func TestDescribeGCS(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want string
		is   error
	}{
		{&gcsNotFound{bucket: true, err: &googleapi.Error{Code: 404, Message: "Not Found"}}, "no such bucket gs://b", nil},
		{&gcsNotFound{err: &googleapi.Error{Code: 404, Message: "No such object: my-bucket/k"}}, "no such object", fs.ErrNotExist},
		{&googleapi.Error{Code: 404, Message: "The specified bucket does not exist."}, "no such bucket gs://b", nil},
		{&googleapi.Error{Code: 401, Message: "Invalid Credentials", Errors: []googleapi.ErrorItem{{Reason: "authError"}}},
			"permission denied (authError): check the credentials the gs:// driver finds (docs/lakes.md)", fs.ErrPermission},
		{fmt.Errorf(`Get "https://storage.googleapis.com/storage/v1/b/b/o?sig=%s": %w`, secret, &oauth2.RetrieveError{ErrorCode: "invalid_grant", ErrorDescription: "reauth related error"}),
			"permission denied (invalid_grant): check the credentials the gs:// driver finds (docs/lakes.md)", fs.ErrPermission},
		{&googleapi.Error{Code: 403, Message: "x does not have storage.objects.list access", Errors: []googleapi.ErrorItem{{Reason: "forbidden"}}},
			"permission denied (forbidden): check the credentials the gs:// driver finds (docs/lakes.md)", fs.ErrPermission},
		{&googleapi.Error{Code: 412, Message: "conditionNotMet"}, ErrChanged.Error(), ErrChanged},
		{&googleapi.Error{Code: 429, Message: "rate limited"}, "the gs service answered: HTTP 429: rate limited", nil},
	} {
		checkDescribe(t, "gs", tt.err, tt.want, tt.is)
	}
}
