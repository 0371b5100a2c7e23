//go:build !saglig_no_gcs

package objstore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"

	"cloud.google.com/go/storage"
	gcblob "gocloud.dev/blob"
	"gocloud.dev/blob/gcsblob"
	"gocloud.dev/gcp"
	"google.golang.org/api/googleapi"
	"google.golang.org/api/option"
	"google.golang.org/grpc/grpclog"

	"github.com/saglig/saglig/internal/i18n"
)

func init() {
	// gRPC's logger writes errors to stderr by default.
	grpclog.SetLoggerV2(grpclog.NewLoggerV2(io.Discard, io.Discard, io.Discard))
	register("gs", &driver{open: openGCS, version: gcsVersion, pin: gcsPin, explain: gcsExplain, noCredentials: noGCSCredentials, container: "bucket"})
}

// openGCS opens a Google Cloud Storage bucket with Application Default
// Credentials (GOOGLE_APPLICATION_CREDENTIALS, gcloud's application-default
// login, the metadata server), or none with ?anonymous=true (public
// buckets). STORAGE_EMULATOR_HOST points it at an emulator. The client's
// logger writes nothing (gocloud's default opener would print a warning
// to stdout when no credentials are found, so it is not used).
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
	var client *gcp.HTTPClient
	var err error
	if anonymous || os.Getenv("STORAGE_EMULATOR_HOST") != "" {
		// An emulator takes no credentials (gcsblob then talks to it
		// without authentication).
		client = gcp.NewAnonymousHTTPClient(gcp.DefaultTransport())
	} else {
		creds, cerr := gcp.DefaultCredentials(ctx)
		if cerr != nil {
			return nil, noGCSCredentials("")
		}
		client, err = gcp.NewHTTPClient(gcp.DefaultTransport(), creds.TokenSource)
		if err != nil {
			return nil, err
		}
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	return gcsblob.OpenBucket(ctx, client, bucket, &gcsblob.Options{ClientOptions: []option.ClientOption{option.WithLogger(quiet)}})
}

// noGCSCredentials is the error of Application Default Credentials that
// found none.
func noGCSCredentials(string) error {
	return i18n.Because(fs.ErrPermission, "no Google Cloud credentials (set GOOGLE_APPLICATION_CREDENTIALS or run `gcloud auth application-default login`; add ?anonymous=true for a public bucket)")
}

// gcsVersion is the object's generation.
func gcsVersion(r *gcblob.Reader) string {
	var sr *storage.Reader
	if r.As(&sr) && sr != nil && sr.Attrs.Generation != 0 {
		return strconv.FormatInt(sr.Attrs.Generation, 10)
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
		var oh **storage.ObjectHandle
		if as(&oh) {
			*oh = (*oh).If(storage.Conditions{GenerationMatch: gen})
		}
		return nil
	}
}

// gcsExplain classifies Cloud Storage's errors (gocloud reads a 403 as
// "not found"; saglig says permission denied).
func gcsExplain(err error) (failure, string) {
	switch {
	case errors.Is(err, storage.ErrBucketNotExist):
		return failNoBucket, ""
	case errors.Is(err, storage.ErrObjectNotExist):
		return failNoObject, ""
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
		if strings.Contains(strings.ToLower(ge.Message), "bucket") {
			return failNoBucket, ""
		}
		return failNoObject, ""
	}
	if ge.Message != "" {
		return failOther, fmt.Sprintf("HTTP %d: %s", ge.Code, ge.Message)
	}
	return failOther, fmt.Sprintf("HTTP %d", ge.Code)
}
