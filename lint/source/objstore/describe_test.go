package objstore

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/saglig/saglig/internal/i18n"
)

// secret stands for anything a message must not echo: a key, a signature,
// a SAS token. The errors below carry it where SDKs put such things.
const secret = "wJalrXUtnFEMI-K7MDENG-secret"

// TestDescribe turns each driver's errors, as its SDK builds them, into
// saglig's one-line messages: missing bucket or container, missing object,
// refused credentials, no credentials, an unreachable endpoint.
func TestDescribe(t *testing.T) {
	s3Err := func(status int, code string) error {
		return fmt.Errorf("operation error S3: ListObjectsV2, %w", &awshttp.ResponseError{
			ResponseError: &smithyhttp.ResponseError{Response: &smithyhttp.Response{Response: &http.Response{StatusCode: status}},
				Err: &smithy.GenericAPIError{Code: code, Message: "the service's words"}},
			RequestID: "REQ1",
		})
	}
	azErr := func(status int, code string) error {
		return &azcore.ResponseError{ErrorCode: code, StatusCode: status}
	}
	unreachable := fmt.Errorf(`Get "http://127.0.0.1:1/b?X-Amz-Signature=%s": %w`, secret,
		&net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connect: connection refused")})
	tests := []struct {
		scheme string
		err    error
		want   string
		is     error
	}{
		{"s3", s3Err(404, "NoSuchBucket"), "no such bucket s3://b", nil},
		{"s3", s3Err(404, "NoSuchKey"), "no such object", fs.ErrNotExist},
		{"s3", s3Err(403, "SignatureDoesNotMatch"), "permission denied (SignatureDoesNotMatch): check the credentials the s3:// driver finds (docs/lakes.md)", fs.ErrPermission},
		{"s3", s3Err(403, "InvalidAccessKeyId"), "permission denied (InvalidAccessKeyId): check the credentials the s3:// driver finds (docs/lakes.md)", fs.ErrPermission},
		{"s3", s3Err(403, "SomethingNew"), "permission denied (SomethingNew): check the credentials the s3:// driver finds (docs/lakes.md)", fs.ErrPermission},
		{"s3", s3Err(412, "PreconditionFailed"), ErrChanged.Error(), ErrChanged},
		{"s3", s3Err(503, "SlowDown"), "the s3 service answered: SlowDown: the service's words", nil},
		{"s3", fmt.Errorf("operation error S3: ListObjectsV2, get identity: get credentials: %w",
			&credentialsError{errors.New("failed to refresh cached credentials, static credentials are empty")}),
			"no AWS credentials: the SDK's chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE and ~/.aws, web identity, container or instance role) found none that work (static credentials are empty); docs/lakes.md, or ?anonymous=true for a public bucket", fs.ErrPermission},
		{"s3", unreachable, "cannot reach the s3 service: dial tcp: connect: connection refused", nil},
		{"azblob", azErr(404, "ContainerNotFound"), "no such container azblob://b", nil},
		{"azblob", azErr(404, "BlobNotFound"), "no such object", fs.ErrNotExist},
		{"azblob", azErr(403, "AuthenticationFailed"), "permission denied (AuthenticationFailed): check the credentials the azblob:// driver finds (docs/lakes.md)", fs.ErrPermission},
		{"azblob", azErr(403, "AuthorizationPermissionMismatch"), "permission denied (AuthorizationPermissionMismatch): check the credentials the azblob:// driver finds (docs/lakes.md)", fs.ErrPermission},
		{"azblob", azErr(412, "ConditionNotMet"), ErrChanged.Error(), ErrChanged},
		{"azblob", azErr(500, "InternalError"), "the azblob service answered: InternalError (HTTP 500)", nil},
		{"azblob", errors.New("DefaultAzureCredential: failed to acquire a token.\nAttempted credentials:\n\tEnvironmentCredential: missing environment variable"),
			"no Azure credentials: set AZURE_STORAGE_CONNECTION_STRING, or AZURE_STORAGE_ACCOUNT with AZURE_STORAGE_KEY or AZURE_STORAGE_SAS_TOKEN, or sign in for azidentity's chain (az login, workload or managed identity); docs/lakes.md", fs.ErrPermission},
	}
	for _, tt := range tests {
		checkDescribe(t, tt.scheme, tt.err, tt.want, tt.is)
	}
}

// checkDescribe checks the message saglig makes of a driver's error: want,
// satisfying errors.Is(is) unless is is nil, translated to Danish, on one
// line, free of the request's details.
func checkDescribe(t *testing.T, scheme string, in error, want string, is error) {
	t.Helper()
	driversMu.Lock()
	drv := drivers[scheme]
	driversMu.Unlock()
	if drv == nil {
		t.Fatalf("no %s driver", scheme)
	}
	s := &Store{loc: Location{Scheme: scheme, Bucket: "b"}, drv: drv, stats: &Stats{}}
	err := s.describe(in, "k")
	if err.Error() != want {
		t.Errorf("%s %v:\n got %s\nwant %s", scheme, in, err, want)
	}
	// In Danish, saglig's own words are translated; the service's
	// code and words are kept.
	if da := i18n.Localize(i18n.For(i18n.Danish), err); da == err.Error() {
		t.Errorf("%s: %q has no Danish", scheme, err)
	}
	if is != nil && !errors.Is(err, is) {
		t.Errorf("%s: %v is not %v", scheme, err, is)
	}
	if msg := err.Error(); strings.Contains(msg, "\n") || strings.Contains(msg, secret) || strings.Contains(msg, "REQ1") {
		t.Errorf("%s: %q is not one line free of the request's details", scheme, msg)
	}
}
