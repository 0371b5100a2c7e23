//go:build !saglig_no_s3

package objstore

import (
	"context"
	"errors"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/logging"
	"github.com/saglig/saglig/internal/i18n"
	gcaws "gocloud.dev/aws"
	gcblob "gocloud.dev/blob"
	"gocloud.dev/blob/s3blob"
)

func init() {
	register("s3", &driver{open: openS3, version: s3Version, pin: s3Pin, explain: s3Explain, noCredentials: noS3Credentials, container: "bucket"})
}

// openS3 opens an S3 bucket. The parameters are gocloud's
// (gocloud.dev/aws V2ConfigFromURLParams: region, endpoint, profile,
// anonymous, role …) and s3blob's use_path_style and disable_https; the
// credentials are the AWS SDK's default chain. The SDK's logger is
// replaced by one that writes nothing.
func openS3(ctx context.Context, bucket string, params url.Values) (*gcblob.Bucket, error) {
	q := url.Values{}
	var opts []func(*s3.Options)
	for k, vs := range params {
		v := vs[0]
		switch k {
		case "use_path_style", "s3ForcePathStyle", "disable_https":
			b, err := strconv.ParseBool(v)
			if err != nil {
				return nil, i18n.Errorf("invalid value for %s: %s", k, v)
			}
			if k == "disable_https" {
				opts = append(opts, func(o *s3.Options) { o.EndpointOptions.DisableHTTPS = b })
			} else {
				opts = append(opts, func(o *s3.Options) { o.UsePathStyle = b })
			}
		default:
			q[k] = vs
		}
	}
	cfg, err := gcaws.V2ConfigFromURLParams(ctx, q)
	if err != nil {
		return nil, err
	}
	switch cfg.Credentials.(type) {
	case nil, aws.AnonymousCredentials, *aws.AnonymousCredentials:
	default:
		// A failure to find credentials is told apart from the
		// service's refusals (s3Explain).
		cfg.Credentials = s3Credentials{cfg.Credentials}
	}
	cfg.Logger = logging.Nop{}
	cfg.ClientLogMode = 0
	if q.Get("response_checksum_validation") == "" {
		// Ranged reads carry no checksum to validate.
		cfg.ResponseChecksumValidation = aws.ResponseChecksumValidationWhenRequired
	}
	if cfg.Region == "" {
		if q.Get("endpoint") == "" && os.Getenv("AWS_ENDPOINT_URL_S3") == "" && os.Getenv("AWS_ENDPOINT_URL") == "" {
			return nil, i18n.Errorf("no AWS region: set AWS_REGION, or add ?region=REGION to the URL")
		}
		// An S3-compatible server at its own endpoint ignores the region,
		// but requests are signed with one.
		cfg.Region = "us-east-1"
	}
	client := s3.NewFromConfig(cfg, opts...)
	return s3blob.OpenBucket(ctx, client, bucket, nil)
}

// s3Version is the object's ETag.
func s3Version(r *gcblob.Reader) string {
	var out s3.GetObjectOutput
	if r.As(&out) {
		return aws.ToString(out.ETag)
	}
	return ""
}

// s3Pin makes a read conditional on the ETag (If-Match).
func s3Pin(version string) func(as func(any) bool) error {
	return func(as func(any) bool) error {
		var in *s3.GetObjectInput
		if as(&in) {
			in.IfMatch = aws.String(version)
		}
		return nil
	}
}

// s3Credentials marks the errors of the SDK's credential chain.
type s3Credentials struct{ p aws.CredentialsProvider }

func (c s3Credentials) Retrieve(ctx context.Context) (aws.Credentials, error) {
	v, err := c.p.Retrieve(ctx)
	if err != nil {
		return v, &credentialsError{err}
	}
	return v, nil
}

// credentialsError is the error of the SDK's credential chain.
type credentialsError struct{ err error }

func (e *credentialsError) Error() string { return e.err.Error() }
func (e *credentialsError) Unwrap() error { return e.err }

// noS3Credentials is the error of the SDK's credential chain that found
// none that work; reason is what the chain said.
func noS3Credentials(reason string) error {
	return i18n.Because(fs.ErrPermission, "no AWS credentials: the SDK's chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE and ~/.aws, web identity, container or instance role) found none that work (%s); docs/lakes.md, or ?anonymous=true for a public bucket", reason)
}

// s3Explain classifies the S3 API's errors by their code.
func s3Explain(err error) (failure, string) {
	var ce *credentialsError
	if errors.As(err, &ce) {
		return failNoCredentials, strings.TrimPrefix(ce.err.Error(), "failed to refresh cached credentials, ")
	}
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		return failUnknown, ""
	}
	code := ae.ErrorCode()
	switch code {
	case "NoSuchBucket":
		return failNoBucket, ""
	case "NoSuchKey", "NotFound":
		return failNoObject, ""
	case "PreconditionFailed":
		return failChanged, ""
	case "AccessDenied", "Forbidden", "SignatureDoesNotMatch", "InvalidAccessKeyId", "InvalidToken", "ExpiredToken",
		"TokenRefreshRequired", "AllAccessDisabled", "AccountProblem", "InvalidSecurity", "RequestTimeTooSkewed",
		// versitygw's code for an unknown access key (S3's is InvalidAccessKeyId).
		"XAdminUserNotFound":
		return failDenied, code
	}
	var re *awshttp.ResponseError
	if errors.As(err, &re) && (re.HTTPStatusCode() == http.StatusForbidden || re.HTTPStatusCode() == http.StatusUnauthorized) {
		return failDenied, code
	}
	if msg := ae.ErrorMessage(); msg != "" {
		return failOther, code + ": " + msg
	}
	return failOther, code
}
