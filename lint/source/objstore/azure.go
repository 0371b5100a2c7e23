//go:build !saglig_no_azure

package objstore

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	azlog "github.com/Azure/azure-sdk-for-go/sdk/azcore/log"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob"
	azblobblob "github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/blob"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/bloberror"
	"github.com/saglig/saglig/internal/i18n"
	gcblob "gocloud.dev/blob"
	"gocloud.dev/blob/azureblob"
)

func init() {
	// AZURE_SDK_GO_LOGGING=all would make the SDK write to stderr.
	azlog.SetListener(nil)
	register("azblob", &driver{open: openAzure, version: azureVersion, pin: azurePin, explain: azureExplain, noCredentials: noAzureCredentials, container: "container"})
}

// openAzure opens an Azure Blob Storage container. The parameters are
// gocloud's (storage_account, domain, protocol, localemu, cdn); the
// credentials come from the environment as gocloud's azureblob reads it
// (AZURE_STORAGE_ACCOUNT with AZURE_STORAGE_KEY, AZURE_STORAGE_SAS_TOKEN,
// AZURE_STORAGE_CONNECTION_STRING) or else azidentity's default chain.
func openAzure(ctx context.Context, container string, params url.Values) (*gcblob.Bucket, error) {
	if params.Get("storage_account") == "" && os.Getenv("AZURE_STORAGE_ACCOUNT") == "" &&
		os.Getenv("AZURE_STORAGE_CONNECTION_STRING") == "" && os.Getenv("AZURE_STORAGEBLOB_CONNECTIONSTRING") == "" {
		return nil, i18n.Errorf("no Azure storage account: set AZURE_STORAGE_ACCOUNT (with AZURE_STORAGE_KEY, AZURE_STORAGE_SAS_TOKEN or azidentity's credentials) or AZURE_STORAGE_CONNECTION_STRING, or add ?storage_account=NAME; docs/lakes.md")
	}
	o := &azureblob.URLOpener{
		MakeClient:        azureblob.NewDefaultClient,
		ServiceURLOptions: *azureblob.NewDefaultServiceURLOptions(),
	}
	u := &url.URL{Scheme: "azblob", Host: container, RawQuery: params.Encode()}
	return o.OpenBucketURL(ctx, u)
}

// noAzureCredentials is the error of credentials that azidentity's chain
// could not find, or that were refused.
func noAzureCredentials(string) error {
	return i18n.Because(fs.ErrPermission, "no Azure credentials: set AZURE_STORAGE_CONNECTION_STRING, or AZURE_STORAGE_ACCOUNT with AZURE_STORAGE_KEY or AZURE_STORAGE_SAS_TOKEN, or sign in for azidentity's chain (az login, workload or managed identity); docs/lakes.md")
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

// azureExplain classifies Azure Blob Storage's errors by their code.
func azureExplain(err error) (failure, string) {
	var re *azcore.ResponseError
	if errors.As(err, &re) {
		switch bloberror.Code(re.ErrorCode) {
		case bloberror.ContainerNotFound, bloberror.ContainerBeingDeleted:
			return failNoBucket, ""
		case bloberror.BlobNotFound:
			return failNoObject, ""
		case bloberror.ConditionNotMet:
			return failChanged, ""
		}
		if re.StatusCode == http.StatusForbidden || re.StatusCode == http.StatusUnauthorized {
			return failDenied, re.ErrorCode
		}
		if re.ErrorCode != "" {
			return failOther, fmt.Sprintf("%s (HTTP %d)", re.ErrorCode, re.StatusCode)
		}
		return failOther, fmt.Sprintf("HTTP %d", re.StatusCode)
	}
	var af *azidentity.AuthenticationFailedError
	if errors.As(err, &af) || strings.Contains(err.Error(), "DefaultAzureCredential") {
		// azidentity's chain found nothing (its error lists each
		// credential it tried, over many lines) or its token was refused.
		return failNoCredentials, ""
	}
	return failUnknown, ""
}
