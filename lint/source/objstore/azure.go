//go:build !saglig_no_azure

package objstore

import (
	"context"
	"net/url"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	azlog "github.com/Azure/azure-sdk-for-go/sdk/azcore/log"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob"
	azblobblob "github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/blob"
	gcblob "gocloud.dev/blob"
	"gocloud.dev/blob/azureblob"
)

func init() {
	// AZURE_SDK_GO_LOGGING=all would make the SDK write to stderr.
	azlog.SetListener(nil)
	register("azblob", &driver{open: openAzure, version: azureVersion, pin: azurePin})
}

// openAzure opens an Azure Blob Storage container. The parameters are
// gocloud's (storage_account, domain, protocol, localemu, cdn); the
// credentials come from the environment as gocloud's azureblob reads it
// (AZURE_STORAGE_ACCOUNT with AZURE_STORAGE_KEY, AZURE_STORAGE_SAS_TOKEN,
// AZURE_STORAGE_CONNECTION_STRING) or else azidentity's default chain.
func openAzure(ctx context.Context, container string, params url.Values) (*gcblob.Bucket, error) {
	o := &azureblob.URLOpener{
		MakeClient:        azureblob.NewDefaultClient,
		ServiceURLOptions: *azureblob.NewDefaultServiceURLOptions(),
	}
	u := &url.URL{Scheme: "azblob", Host: container, RawQuery: params.Encode()}
	return o.OpenBucketURL(ctx, u)
}

// azureVersion is the blob's ETag.
func azureVersion(r *gcblob.Reader) string {
	var out azblobblob.DownloadStreamResponse
	if r.As(&out) && out.ETag != nil {
		return string(*out.ETag)
	}
	return ""
}

// azurePin makes a read conditional on the ETag (If-Match).
func azurePin(version string) func(as func(any) bool) error {
	return func(as func(any) bool) error {
		var o *azblob.DownloadStreamOptions
		if as(&o) {
			etag := azcore.ETag(version)
			if o.AccessConditions == nil {
				o.AccessConditions = &azblob.AccessConditions{}
			}
			if o.AccessConditions.ModifiedAccessConditions == nil {
				o.AccessConditions.ModifiedAccessConditions = &azblobblob.ModifiedAccessConditions{}
			}
			o.AccessConditions.ModifiedAccessConditions.IfMatch = &etag
		}
		return nil
	}
}
