//go:build !saglig_no_s3

package objstore

import (
	"context"
	"errors"
	"net/url"
	"os"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go/logging"
	gcaws "gocloud.dev/aws"
	gcblob "gocloud.dev/blob"
	"gocloud.dev/blob/s3blob"
)

func init() {
	register("s3", &driver{open: openS3, version: s3Version, pin: s3Pin})
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
				return nil, errors.New("invalid value for " + k + ": " + v)
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
	cfg.Logger = logging.Nop{}
	cfg.ClientLogMode = 0
	if q.Get("response_checksum_validation") == "" {
		// Ranged reads carry no checksum to validate.
		cfg.ResponseChecksumValidation = aws.ResponseChecksumValidationWhenRequired
	}
	if cfg.Region == "" {
		if q.Get("endpoint") == "" && os.Getenv("AWS_ENDPOINT_URL_S3") == "" && os.Getenv("AWS_ENDPOINT_URL") == "" {
			return nil, errors.New("no AWS region: set AWS_REGION, or add ?region=REGION to the URL")
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
