//go:build !saglig_no_gcs

package objstore

import (
	"bytes"
	"cmp"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	blobdriver "gocloud.dev/blob/driver"
	"gocloud.dev/gcerrors"
	"google.golang.org/api/googleapi"
)

// gcsBucket is a gocloud.dev blob driver for one Google Cloud Storage
// bucket, speaking the JSON API (https://cloud.google.com/storage/docs/json_api)
// over net/http. It replaces gocloud's gcsblob, whose client library
// (cloud.google.com/go/storage) links its gRPC transport with the xDS
// balancers, envoy's protobuf registrations and the OpenTelemetry
// exporters: their package initialisation cost every saglig run about 30 ms
// of CPU, gs:// URL or not (docs/performance.md, "Start-up").
//
// It does what saglig and its tests do with a bucket: object attributes,
// ranged reads (pinned to a generation through ReaderOptions.BeforeRead),
// listing by prefix and delimiter, writing (one multipart upload per
// object) and deleting. Copy and SignedURL are not supported (saglig never
// copies objects or signs URLs); they fail with gcerrors.Unimplemented.
// Keys are the objects' names as they are: gcsblob's hex-escaping of
// line breaks and "../" is not done (Cloud Storage refuses such names).
type gcsBucket struct {
	client *http.Client
	// endpoint is the service's base URL, without a trailing slash:
	// https://storage.googleapis.com, or an emulator's.
	endpoint string
	name     string
}

// gcsEndpoint is Cloud Storage's JSON API host.
const gcsEndpoint = "https://storage.googleapis.com"

// gcsAttempts is how often an idempotent request (a read, an attribute
// lookup, a listing page, a delete) is tried when the service answers
// 408, 429 or 5xx or the connection fails, with an exponential backoff
// from gcsBackoff between tries, within the request's context.
const gcsAttempts = 5

var gcsBackoff = 200 * time.Millisecond

// errGCSUnimplemented is the error of an operation the driver does not
// support.
var errGCSUnimplemented = errors.New("not supported by saglig's Cloud Storage driver")

// gcsNotFound is a 404 the driver knows the meaning of: a missing bucket
// (a listing's 404, or the service saying so) or a missing object.
type gcsNotFound struct {
	bucket bool
	err    *googleapi.Error
}

func (e *gcsNotFound) Error() string { return e.err.Error() }
func (e *gcsNotFound) Unwrap() error { return e.err }

// gcsConditions are the preconditions of a read; a ReaderOptions.BeforeRead
// hook sets them through As(**gcsConditions).
type gcsConditions struct {
	// GenerationMatch makes the read fail with 412 unless the object's
	// generation is this one (0: no condition).
	GenerationMatch int64
}

// newGCSBucket is a driver for the bucket name at endpoint, making its
// requests with client (which adds the credentials, if any).
func newGCSBucket(client *http.Client, endpoint, name string) *gcsBucket {
	return &gcsBucket{client: client, endpoint: strings.TrimSuffix(endpoint, "/"), name: name}
}

// gcsObject is the part of the JSON API's object resource the driver uses.
type gcsObject struct {
	Name               string            `json:"name"`
	Size               gcsInt            `json:"size"`
	Generation         gcsInt            `json:"generation"`
	Updated            time.Time         `json:"updated"`
	TimeCreated        time.Time         `json:"timeCreated"`
	ContentType        string            `json:"contentType"`
	ContentEncoding    string            `json:"contentEncoding"`
	ContentLanguage    string            `json:"contentLanguage"`
	ContentDisposition string            `json:"contentDisposition"`
	CacheControl       string            `json:"cacheControl"`
	MD5Hash            string            `json:"md5Hash"`
	Etag               string            `json:"etag"`
	Metadata           map[string]string `json:"metadata"`
}

// gcsInt is an int64 the JSON API writes as a string ("size": "1024");
// a bare number is read too.
type gcsInt int64

func (n *gcsInt) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	if s == "" || s == "null" {
		*n = 0
		return nil
	}
	v, err := strconv.ParseInt(s, 10, 64)
	*n = gcsInt(v)
	return err
}

func (o *gcsObject) md5() []byte {
	b, err := base64.StdEncoding.DecodeString(o.MD5Hash)
	if err != nil {
		return nil
	}
	return b
}

// objectURL is the JSON API's URL of the object key, with the query q.
func (b *gcsBucket) objectURL(key string, q url.Values) string {
	u := b.endpoint + "/storage/v1/b/" + url.PathEscape(b.name) + "/o/" + url.PathEscape(key)
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	return u
}

// do makes a request, trying an idempotent one again on a transient
// failure. A response with a status of 300 or more (but 416, which a read
// past the end gets) is turned into a *googleapi.Error with the service's
// code, message and reason.
func (b *gcsBucket) do(ctx context.Context, method, u string, header http.Header) (*http.Response, error) {
	delay := gcsBackoff
	for attempt := 1; ; attempt++ {
		req, err := http.NewRequestWithContext(ctx, method, u, nil)
		if err != nil {
			return nil, err
		}
		for k, vs := range header {
			req.Header[k] = vs
		}
		res, err := b.client.Do(req)
		if err == nil {
			if res.StatusCode < 300 || res.StatusCode == http.StatusRequestedRangeNotSatisfiable {
				return res, nil
			}
			err = googleapi.CheckResponse(res)
			res.Body.Close()
		}
		if attempt == gcsAttempts || !gcsRetryable(err) || ctx.Err() != nil {
			return nil, err
		}
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, err
		case <-t.C:
		}
		delay *= 2
	}
}

// gcsRetryable reports whether a request that failed with err may succeed
// when made again: the service was busy or failed (408, 429, 5xx), or the
// connection failed. A cancelled or timed-out context and a refused
// token are not.
func gcsRetryable(err error) bool {
	var ge *googleapi.Error
	if errors.As(err, &ge) {
		return ge.Code == http.StatusRequestTimeout || ge.Code == http.StatusTooManyRequests || ge.Code >= 500
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || isTokenError(err) {
		return false
	}
	var ue *url.Error
	return errors.As(err, &ue)
}

// objectError names what a 404 of a request for an object means: the
// service says whether the bucket is missing ("The specified bucket does
// not exist."); otherwise it is the object.
func objectError(err error) error {
	var ge *googleapi.Error
	if errors.As(err, &ge) && ge.Code == http.StatusNotFound {
		text := strings.ToLower(ge.Message + " " + ge.Body)
		return &gcsNotFound{bucket: strings.Contains(text, "bucket does not exist"), err: ge}
	}
	return err
}

// ErrorCode implements blobdriver.Bucket.
func (b *gcsBucket) ErrorCode(err error) gcerrors.ErrorCode {
	var nf *gcsNotFound
	var ge *googleapi.Error
	switch {
	case errors.As(err, &nf):
		return gcerrors.NotFound
	case errors.Is(err, errGCSUnimplemented):
		return gcerrors.Unimplemented
	case errors.Is(err, context.Canceled):
		return gcerrors.Canceled
	case errors.Is(err, context.DeadlineExceeded):
		return gcerrors.DeadlineExceeded
	case isTokenError(err):
		return gcerrors.PermissionDenied
	case !errors.As(err, &ge):
		return gcerrors.Unknown
	}
	switch {
	case ge.Code == http.StatusBadRequest:
		return gcerrors.InvalidArgument
	case ge.Code == http.StatusUnauthorized || ge.Code == http.StatusForbidden:
		return gcerrors.PermissionDenied
	case ge.Code == http.StatusNotFound:
		return gcerrors.NotFound
	case ge.Code == http.StatusPreconditionFailed:
		return gcerrors.FailedPrecondition
	case ge.Code == http.StatusTooManyRequests:
		return gcerrors.ResourceExhausted
	case ge.Code == http.StatusNotImplemented:
		return gcerrors.Unimplemented
	case ge.Code >= 500:
		return gcerrors.Internal
	}
	return gcerrors.Unknown
}

// As implements blobdriver.Bucket: the bucket exposes no client type.
func (b *gcsBucket) As(any) bool { return false }

// ErrorAs implements blobdriver.Bucket: **googleapi.Error.
func (b *gcsBucket) ErrorAs(err error, i any) bool {
	if p, ok := i.(**googleapi.Error); ok {
		return errors.As(err, p)
	}
	return false
}

// Attributes implements blobdriver.Bucket.
func (b *gcsBucket) Attributes(ctx context.Context, key string) (*blobdriver.Attributes, error) {
	o, err := b.object(ctx, key, nil)
	if err != nil {
		return nil, err
	}
	etag := o.Etag
	if etag != "" && !strings.HasPrefix(etag, `"`) && !strings.HasPrefix(etag, `W/"`) {
		etag = strconv.Quote(etag)
	}
	return &blobdriver.Attributes{
		CacheControl:       o.CacheControl,
		ContentDisposition: o.ContentDisposition,
		ContentEncoding:    o.ContentEncoding,
		ContentLanguage:    o.ContentLanguage,
		ContentType:        o.ContentType,
		Metadata:           o.Metadata,
		CreateTime:         o.TimeCreated,
		ModTime:            o.Updated,
		Size:               int64(o.Size),
		MD5:                o.md5(),
		ETag:               etag,
	}, nil
}

// object fetches the object's resource (its metadata), under the
// conditions q (ifGenerationMatch).
func (b *gcsBucket) object(ctx context.Context, key string, q url.Values) (*gcsObject, error) {
	res, err := b.do(ctx, http.MethodGet, b.objectURL(key, q), nil)
	if err != nil {
		return nil, objectError(err)
	}
	defer res.Body.Close()
	var o gcsObject
	if err := json.NewDecoder(res.Body).Decode(&o); err != nil {
		return nil, errors.New("cannot read the object's metadata: " + err.Error())
	}
	return &o, nil
}

// gcsList is a page of the JSON API's objects.list.
type gcsList struct {
	Items         []gcsObject `json:"items"`
	Prefixes      []string    `json:"prefixes"`
	NextPageToken string      `json:"nextPageToken"`
}

// gcsPageSize is the page size asked for when the caller says none (the
// service's maximum).
const gcsPageSize = 1000

// ListPaged implements blobdriver.Bucket.
func (b *gcsBucket) ListPaged(ctx context.Context, opts *blobdriver.ListOptions) (*blobdriver.ListPage, error) {
	if opts.BeforeList != nil {
		if err := opts.BeforeList(func(any) bool { return false }); err != nil {
			return nil, err
		}
	}
	q := url.Values{}
	if opts.Prefix != "" {
		q.Set("prefix", opts.Prefix)
	}
	if opts.Delimiter != "" {
		q.Set("delimiter", opts.Delimiter)
	}
	size := opts.PageSize
	if size <= 0 || size > gcsPageSize {
		size = gcsPageSize
	}
	q.Set("maxResults", strconv.Itoa(size))
	if len(opts.PageToken) > 0 {
		q.Set("pageToken", string(opts.PageToken))
	}
	q.Set("fields", "items(name,size,updated,md5Hash),prefixes,nextPageToken")
	res, err := b.do(ctx, http.MethodGet, b.endpoint+"/storage/v1/b/"+url.PathEscape(b.name)+"/o?"+q.Encode(), nil)
	if err != nil {
		var ge *googleapi.Error
		if errors.As(err, &ge) && ge.Code == http.StatusNotFound {
			return nil, &gcsNotFound{bucket: true, err: ge}
		}
		return nil, err
	}
	defer res.Body.Close()
	var l gcsList
	if err := json.NewDecoder(res.Body).Decode(&l); err != nil {
		return nil, errors.New("cannot read the listing: " + err.Error())
	}
	page := &blobdriver.ListPage{NextPageToken: []byte(l.NextPageToken)}
	for i := range l.Items {
		o := &l.Items[i]
		page.Objects = append(page.Objects, &blobdriver.ListObject{Key: o.Name, ModTime: o.Updated, Size: int64(o.Size), MD5: o.md5()})
	}
	for _, p := range l.Prefixes {
		page.Objects = append(page.Objects, &blobdriver.ListObject{Key: p, IsDir: true})
	}
	// The service lists the "directories" after the objects.
	sort.Slice(page.Objects, func(i, j int) bool { return page.Objects[i].Key < page.Objects[j].Key })
	return page, nil
}

// gcsReader reads an object's bytes from a media download. A download
// whose connection breaks before its end is resumed where it stopped, up
// to gcsResumes times, pinned to the generation it was reading (a read of
// 8 MiB should not fail for one reset connection).
type gcsReader struct {
	body  io.ReadCloser
	attrs blobdriver.ReaderAttributes
	// generation is the generation of the object read, or 0 when the
	// service did not say (the download is then not resumed).
	generation int64

	b   *gcsBucket
	ctx context.Context
	key string
	q   url.Values // the download's query: alt=media and its conditions
	// pos is the offset of the next byte; end the offset after the last
	// one asked for, or -1 for the object's end.
	pos, end int64
	resumes  int
}

// gcsResumes is how often a broken download is resumed.
const gcsResumes = 3

func (r *gcsReader) Read(p []byte) (int, error) {
	n, err := r.body.Read(p)
	r.pos += int64(n)
	if err == nil || err == io.EOF || r.resumes == 0 || r.generation == 0 || r.ctx.Err() != nil {
		return n, err
	}
	r.resumes--
	r.body.Close()
	length := int64(-1)
	if r.end >= 0 {
		length = r.end - r.pos
	}
	q := url.Values{}
	for k, v := range r.q {
		q[k] = v
	}
	q.Set("ifGenerationMatch", strconv.FormatInt(r.generation, 10))
	next, rerr := r.b.media(r.ctx, r.key, q, r.pos, length)
	if rerr != nil {
		r.body = io.NopCloser(strings.NewReader(""))
		r.resumes = 0
		return n, rerr
	}
	r.body = next.body
	return n, nil
}

func (r *gcsReader) Close() error                             { return r.body.Close() }
func (r *gcsReader) Attributes() *blobdriver.ReaderAttributes { return &r.attrs }

// As implements blobdriver.Reader: **gcsReader.
func (r *gcsReader) As(i any) bool {
	p, ok := i.(**gcsReader)
	if ok {
		*p = r
	}
	return ok
}

// NewRangeReader implements blobdriver.Bucket: a media download with a Range
// header (length 0 fetches the object's metadata only, which checks that
// it exists and meets the conditions).
func (b *gcsBucket) NewRangeReader(ctx context.Context, key string, offset, length int64, opts *blobdriver.ReaderOptions) (blobdriver.Reader, error) {
	var cond gcsConditions
	if opts != nil && opts.BeforeRead != nil {
		asFunc := func(i any) bool {
			p, ok := i.(**gcsConditions)
			if ok {
				*p = &cond
			}
			return ok
		}
		if err := opts.BeforeRead(asFunc); err != nil {
			return nil, err
		}
	}
	q := url.Values{}
	if cond.GenerationMatch != 0 {
		q.Set("ifGenerationMatch", strconv.FormatInt(cond.GenerationMatch, 10))
	}
	if length == 0 {
		o, err := b.object(ctx, key, q)
		if err != nil {
			return nil, err
		}
		return &gcsReader{body: io.NopCloser(strings.NewReader("")), generation: int64(o.Generation),
			attrs: blobdriver.ReaderAttributes{ContentType: o.ContentType, ModTime: o.Updated, Size: int64(o.Size)}}, nil
	}
	q.Set("alt", "media")
	return b.media(ctx, key, q, offset, length)
}

// media opens the download of length bytes (-1: to the end) of the object
// from offset, with the query q.
func (b *gcsBucket) media(ctx context.Context, key string, q url.Values, offset, length int64) (*gcsReader, error) {
	header := http.Header{}
	switch {
	case length > 0:
		header.Set("Range", "bytes="+strconv.FormatInt(offset, 10)+"-"+strconv.FormatInt(offset+length-1, 10))
	case offset > 0:
		header.Set("Range", "bytes="+strconv.FormatInt(offset, 10)+"-")
	}
	end := int64(-1)
	if length >= 0 {
		end = offset + length
	}
	if length == 0 {
		return &gcsReader{body: io.NopCloser(strings.NewReader(""))}, nil
	}
	res, err := b.do(ctx, http.MethodGet, b.objectURL(key, q), header)
	if err != nil {
		return nil, objectError(err)
	}
	r := &gcsReader{body: res.Body, attrs: blobdriver.ReaderAttributes{ContentType: res.Header.Get("Content-Type")},
		b: b, ctx: ctx, key: key, q: q, pos: offset, end: end, resumes: gcsResumes}
	r.generation, _ = strconv.ParseInt(res.Header.Get("X-Goog-Generation"), 10, 64)
	if t, err := http.ParseTime(res.Header.Get("Last-Modified")); err == nil {
		r.attrs.ModTime = t
	}
	switch res.StatusCode {
	case http.StatusPartialContent:
		r.attrs.Size = contentRangeSize(res.Header.Get("Content-Range"))
	case http.StatusRequestedRangeNotSatisfiable:
		// A read from the end or past it: nothing to read.
		res.Body.Close()
		r.body = io.NopCloser(strings.NewReader(""))
		r.attrs.Size = contentRangeSize(res.Header.Get("Content-Range"))
	default:
		// The whole object: a server that ignored the range is read from
		// the offset on.
		r.attrs.Size = res.ContentLength
		if offset > 0 {
			if _, err := io.CopyN(io.Discard, res.Body, offset); err != nil {
				res.Body.Close()
				return nil, err
			}
		}
		if length > 0 {
			r.body = struct {
				io.Reader
				io.Closer
			}{io.LimitReader(res.Body, length), res.Body}
		}
	}
	return r, nil
}

// contentRangeSize is the object's size from a Content-Range header
// ("bytes 0-99/1234", "bytes */1234"), or -1.
func contentRangeSize(h string) int64 {
	_, total, ok := strings.Cut(h, "/")
	if !ok {
		return -1
	}
	n, err := strconv.ParseInt(total, 10, 64)
	if err != nil {
		return -1
	}
	return n
}

// gcsWriter streams an object into a multipart upload: the object's
// metadata, then its bytes.
type gcsWriter struct {
	pw   *io.PipeWriter
	mw   *multipart.Writer
	part io.Writer
	done chan error
}

func (w *gcsWriter) Write(p []byte) (int, error) { return w.part.Write(p) }

// Close finishes the upload and waits for the service's answer.
func (w *gcsWriter) Close() error {
	err := w.mw.Close()
	w.pw.CloseWithError(err)
	if uerr := <-w.done; uerr != nil {
		return uerr
	}
	return err
}

// NewTypedWriter implements blobdriver.Bucket: one multipart upload
// (uploadType=multipart), streamed; IfNotExist sends ifGenerationMatch=0.
// A write whose context ends before Close leaves no object.
func (b *gcsBucket) NewTypedWriter(ctx context.Context, key, contentType string, opts *blobdriver.WriterOptions) (blobdriver.Writer, error) {
	if opts.BeforeWrite != nil {
		if err := opts.BeforeWrite(func(any) bool { return false }); err != nil {
			return nil, err
		}
	}
	meta := map[string]any{"name": key, "contentType": contentType}
	for k, v := range map[string]string{"cacheControl": opts.CacheControl, "contentDisposition": opts.ContentDisposition,
		"contentEncoding": opts.ContentEncoding, "contentLanguage": opts.ContentLanguage} {
		if v != "" {
			meta[k] = v
		}
	}
	if len(opts.Metadata) > 0 {
		meta["metadata"] = opts.Metadata
	}
	if len(opts.ContentMD5) > 0 {
		meta["md5Hash"] = base64.StdEncoding.EncodeToString(opts.ContentMD5)
	}
	js, err := json.Marshal(meta)
	if err != nil {
		return nil, err
	}
	q := url.Values{"uploadType": {"multipart"}}
	if opts.IfNotExist {
		q.Set("ifGenerationMatch", "0")
	}
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, b.endpoint+"/upload/storage/v1/b/"+url.PathEscape(b.name)+"/o?"+q.Encode(), pr)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "multipart/related; boundary="+mw.Boundary())
	w := &gcsWriter{pw: pw, mw: mw, done: make(chan error, 1)}
	go func() {
		res, err := b.client.Do(req)
		if err == nil {
			err = googleapi.CheckResponse(res)
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
		}
		// A failed request stops the writer's side of the pipe.
		pr.CloseWithError(cmp.Or(err, io.ErrClosedPipe))
		w.done <- err
	}()
	writePart := func(typ string, data []byte) (io.Writer, error) {
		part, err := mw.CreatePart(textproto.MIMEHeader{"Content-Type": {typ}})
		if err != nil {
			return nil, err
		}
		_, err = io.Copy(part, bytes.NewReader(data))
		return part, err
	}
	if _, err := writePart("application/json; charset=UTF-8", js); err != nil {
		pw.CloseWithError(err)
		return nil, cmp.Or(<-w.done, err)
	}
	if contentType == "" {
		contentType = "application/octet-stream"
	}
	if w.part, err = writePart(contentType, nil); err != nil {
		pw.CloseWithError(err)
		return nil, cmp.Or(<-w.done, err)
	}
	return w, nil
}

// Delete implements blobdriver.Bucket.
func (b *gcsBucket) Delete(ctx context.Context, key string, opts *blobdriver.DeleteOptions) error {
	if opts != nil && opts.BeforeDelete != nil {
		if err := opts.BeforeDelete(func(any) bool { return false }); err != nil {
			return err
		}
	}
	res, err := b.do(ctx, http.MethodDelete, b.objectURL(key, nil), nil)
	if err != nil {
		return objectError(err)
	}
	res.Body.Close()
	return nil
}

// Copy implements blobdriver.Bucket: not supported.
func (b *gcsBucket) Copy(context.Context, string, string, *blobdriver.CopyOptions) error {
	return errGCSUnimplemented
}

// SignedURL implements blobdriver.Bucket: not supported.
func (b *gcsBucket) SignedURL(context.Context, string, *blobdriver.SignedURLOptions) (string, error) {
	return "", errGCSUnimplemented
}

// Close implements blobdriver.Bucket.
func (b *gcsBucket) Close() error {
	b.client.CloseIdleConnections()
	return nil
}

var _ blobdriver.Bucket = (*gcsBucket)(nil)
