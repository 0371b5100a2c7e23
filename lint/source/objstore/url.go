package objstore

import (
	"errors"
	"net/url"
	"path"
	"sort"
	"strings"

	"github.com/saglig/saglig/internal/i18n"
)

// Location is an object-store URL taken apart: the scheme (s3, gs,
// azblob), the bucket (or Azure container), the key or key prefix inside
// it, and the query parameters that configure the client (endpoint,
// region …; never credentials).
type Location struct {
	Scheme string
	Bucket string
	// Key is the object's key or a prefix, without a leading slash; a
	// trailing slash is kept (it says "directory").
	Key    string
	Params url.Values
}

// IsURL reports whether s names an object in a store saglig reads (s3://,
// gs://, azblob://), whether or not this build has its driver.
func IsURL(s string) bool {
	scheme, _, ok := strings.Cut(s, "://")
	if !ok {
		return false
	}
	driversMu.Lock()
	_, known := schemes[strings.ToLower(scheme)]
	driversMu.Unlock()
	return known
}

// schemes are the URL schemes saglig knows, with the build tag that leaves
// each driver out.
var schemes = map[string]string{
	"s3":     "saglig_no_s3",
	"gs":     "saglig_no_gcs",
	"azblob": "saglig_no_azure",
}

// Parse splits an object-store URL. The path is the key (percent-escapes
// decoded); the query holds the client's parameters. A "?" always starts
// the query, so a glob in a URL uses *, [..] but not ?.
func Parse(raw string) (Location, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return Location{}, i18n.Errorf("not a valid URL: %v", unwrapURLError(err))
	}
	scheme := strings.ToLower(u.Scheme)
	driversMu.Lock()
	_, ok := schemes[scheme]
	driversMu.Unlock()
	if !ok {
		return Location{}, i18n.Errorf("unknown URL scheme %q (saglig reads s3://, gs:// and azblob://)", u.Scheme)
	}
	if u.Host == "" {
		return Location{}, i18n.Errorf("no bucket in the URL (write %s://BUCKET/PREFIX)", scheme)
	}
	if u.User != nil {
		// Credentials never come from the URL (docs/lakes.md).
		return Location{}, i18n.Errorf("credentials in the URL are not accepted: use the cloud's own credential chain (docs/lakes.md)")
	}
	if u.Fragment != "" {
		return Location{}, i18n.Errorf("a URL fragment (#…) is not allowed")
	}
	key := strings.TrimPrefix(u.Path, "/")
	if key != "" {
		trail := strings.HasSuffix(key, "/")
		key = path.Clean(key)
		if key == "." {
			key = ""
		} else if trail {
			key += "/"
		}
		if strings.HasPrefix(key, "../") || key == ".." {
			return Location{}, i18n.Errorf("the key may not leave the bucket (..)")
		}
	}
	return Location{Scheme: scheme, Bucket: u.Host, Key: key, Params: u.Query()}, nil
}

// Display is a URL as saglig shows it in messages, whether or not it
// parses: without credentials (user:password@), query parameters or
// fragment, which may hold secrets (a SAS token) that must not be echoed.
func Display(raw string) string {
	if i := strings.IndexAny(raw, "?#"); i >= 0 {
		raw = raw[:i]
	}
	scheme, rest, ok := strings.Cut(raw, "://")
	if !ok {
		return raw
	}
	host, p, _ := strings.Cut(rest, "/")
	if i := strings.LastIndexByte(host, '@'); i >= 0 {
		host = "…@" + host[i+1:]
	}
	if p != "" || strings.Contains(rest, "/") {
		return scheme + "://" + host + "/" + p
	}
	return scheme + "://" + host
}

func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// String is the location as saglig shows it: scheme://bucket/key, without
// the client's parameters.
func (l Location) String() string {
	return l.Scheme + "://" + l.Bucket + "/" + l.Key
}

// URL is the location with its parameters, as it can be given back to
// saglig.
func (l Location) URL() string {
	s := l.String()
	if len(l.Params) > 0 {
		s += "?" + l.Params.Encode()
	}
	return s
}

// With returns the location of another key in the same bucket.
func (l Location) With(key string) Location {
	l.Key = key
	return l
}

// storeID identifies the client a location needs: scheme, bucket and
// parameters, in a canonical order.
func (l Location) storeID() string {
	keys := make([]string, 0, len(l.Params))
	for k := range l.Params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString(l.Scheme + "://" + l.Bucket + "?")
	for _, k := range keys {
		for _, v := range l.Params[k] {
			b.WriteString(url.QueryEscape(k) + "=" + url.QueryEscape(v) + "&")
		}
	}
	return b.String()
}
