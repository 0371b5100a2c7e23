//go:build !saglig_no_gcs

package objstore

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"

	gcblob "gocloud.dev/blob"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/google"
	"google.golang.org/api/googleapi"

	"github.com/saglig/saglig/internal/i18n"
)

func init() {
	register("gs", &driver{open: openGCS, version: gcsVersion, pin: gcsPin, explain: gcsExplain, noCredentials: noGCSCredentials, container: "bucket"})
}

// gcsScope is the OAuth scope asked of the credentials: reading and
// writing objects (saglig reads; its tests and benchmarks upload).
const gcsScope = "https://www.googleapis.com/auth/devstorage.read_write"

// openGCS opens a Google Cloud Storage bucket through saglig's JSON API
// driver (gcsjson.go) with Application Default Credentials
// (GOOGLE_APPLICATION_CREDENTIALS, gcloud's application-default login,
// workload identity, the metadata server), or none with ?anonymous=true
// (public buckets). STORAGE_EMULATOR_HOST points it at an emulator, which
// takes no credentials.
func openGCS(ctx context.Context, bucket string, params url.Values) (*gcblob.Bucket, error) {
	anonymous := false
	for k, vs := range params {
		switch k {
		case "anonymous":
			b, err := strconv.ParseBool(vs[0])
			if err != nil {
				return nil, i18n.Errorf("invalid value for %s: %s", k, vs[0])
			}
			anonymous = b
		default:
			return nil, i18n.Errorf("unknown query parameter %q (gs:// takes anonymous=true)", k)
		}
	}
	endpoint := gcsEndpoint
	if host := os.Getenv("STORAGE_EMULATOR_HOST"); host != "" {
		endpoint = emulatorEndpoint(host)
		anonymous = true
	}
	client := &http.Client{Transport: http.DefaultTransport}
	if !anonymous {
		// The token source outlives this call: it must not end with ctx.
		creds, err := google.FindDefaultCredentials(context.WithoutCancel(ctx), gcsScope)
		if err != nil {
			return nil, noGCSCredentials("")
		}
		client.Transport = &oauth2.Transport{Base: http.DefaultTransport, Source: creds.TokenSource}
	}
	return gcblob.NewBucket(newGCSBucket(client, endpoint, bucket)), nil
}

// emulatorEndpoint is the base URL of the emulator at STORAGE_EMULATOR_HOST
// ("127.0.0.1:4443" is plain HTTP; a URL is taken as it is).
func emulatorEndpoint(host string) string {
	if strings.Contains(host, "://") {
		return host
	}
	return "http://" + host
}

// noGCSCredentials is the error of Application Default Credentials that
// found none.
func noGCSCredentials(string) error {
	return i18n.Because(fs.ErrPermission, "no Google Cloud credentials (set GOOGLE_APPLICATION_CREDENTIALS or run `gcloud auth application-default login`; add ?anonymous=true for a public bucket)")
}

// isTokenError reports whether err is the credentials' token endpoint
// refusing them (an expired login, a revoked key).
func isTokenError(err error) bool {
	var re *oauth2.RetrieveError
	return errors.As(err, &re)
}

// gcsVersion is the object's generation.
func gcsVersion(r *gcblob.Reader) string {
	var gr *gcsReader
	if r.As(&gr) && gr != nil && gr.generation != 0 {
		return strconv.FormatInt(gr.generation, 10)
	}
	return ""
}

// gcsPin makes a read conditional on the generation.
func gcsPin(version string) func(as func(any) bool) error {
	gen, err := strconv.ParseInt(version, 10, 64)
	return func(as func(any) bool) error {
		if err != nil {
			return nil
		}
		var c *gcsConditions
		if as(&c) {
			c.GenerationMatch = gen
		}
		return nil
	}
}

// gcsExplain classifies Cloud Storage's errors.
func gcsExplain(err error) (failure, string) {
	var nf *gcsNotFound
	if errors.As(err, &nf) {
		if nf.bucket {
			return failNoBucket, ""
		}
		return failNoObject, ""
	}
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		reason := re.ErrorCode
		if reason == "" && re.Response != nil {
			reason = "HTTP " + strconv.Itoa(re.Response.StatusCode)
		}
		return failDenied, reason
	}
	var ge *googleapi.Error
	if !errors.As(err, &ge) {
		return failUnknown, ""
	}
	reason := ""
	if len(ge.Errors) > 0 {
		reason = ge.Errors[0].Reason
	}
	switch ge.Code {
	case http.StatusUnauthorized, http.StatusForbidden:
		return failDenied, reason
	case http.StatusPreconditionFailed:
		return failChanged, ""
	case http.StatusNotFound:
		if strings.Contains(strings.ToLower(ge.Message), "bucket does not exist") {
			return failNoBucket, ""
		}
		return failNoObject, ""
	}
	if ge.Message != "" {
		return failOther, fmt.Sprintf("HTTP %d: %s", ge.Code, ge.Message)
	}
	return failOther, fmt.Sprintf("HTTP %d", ge.Code)
}
